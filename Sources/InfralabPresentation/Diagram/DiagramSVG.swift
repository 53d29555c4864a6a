import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// The diagram as one self-contained SVG file: no scripts, no external fonts or images,
/// every learner-written name XML-escaped. Clusters are drawn first, then edges, then
/// nodes (so a line passing behind a box stays behind it), then edge labels on top.
package struct DiagramSVG {
    package var language: Language

    package init(language: Language) { self.language = language }

    typealias M = DiagramLayout.Metrics
    static let font = "Helvetica, Arial, 'Noto Sans CJK KR', 'Apple SD Gothic Neo', sans-serif"

    package func render(_ diagram: Diagram) -> String {
        let top = diagram.flow == nil ? 40.0 : 76.0
        let layout = DiagramLayout(diagram, top: top)
        // Wide enough for the headings too (a flow's reason can be a long line).
        let headings = [diagram.title, diagram.flow.map { "\($0.title): \($0.verdict)" } ?? "", diagram.flow?.reason ?? ""]
        let headingWidth = (headings.map { DiagramLayout.textWidth($0, charWidth: 7.2) }.max() ?? 0) + 32
        let width = max(layout.size.width, headingWidth, 420).rounded(.up), height = layout.size.height.rounded(.up)
        var out: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
                + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"\(Self.font)\" role=\"img\">",
            "<title>\(Self.escape(diagram.title))</title>",
            definitions(),
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
            text(diagram.title, x: 16, y: 24, size: 15, weight: "bold"),
        ]
        if let flow = diagram.flow {
            let color = flow.isReachable ? "#00796b" : "#c62828"
            out.append(text("\(flow.title): \(flow.verdict)", x: 16, y: 44, size: 12.5, weight: "bold", fill: color))
            if !flow.isReachable { out.append(text(flow.reason, x: 16, y: 62, size: 11, fill: "#444444")) }
        }
        for cluster in diagram.clusters where cluster.kind != .row {
            if let frame = layout.frames[cluster.id] { out += self.cluster(cluster, frame) }
        }
        let drawable = diagram.edges.filter { layout.frames[$0.from] != nil && layout.frames[$0.to] != nil && $0.from != $0.to }
        var labels: [String] = []
        let obstacles = diagram.nodes.compactMap { layout.frames[$0.id] }
        // Labels also keep off the clusters' titles.
        let titles = diagram.clusters.compactMap { cluster -> DiagramLayout.Frame? in
            guard cluster.kind != .row, let frame = layout.frames[cluster.id] else { return nil }
            let width = max(DiagramLayout.textWidth(cluster.title, charWidth: M.nameCharWidth),
                            DiagramLayout.textWidth(cluster.subtitle, charWidth: M.smallCharWidth))
            return DiagramLayout.Frame(x: frame.x, y: frame.y, width: width + 2 * M.clusterPadding, height: DiagramLayout.header(cluster))
        }
        for edge in drawable.sorted(by: { Self.order($0.style) < Self.order($1.style) }) {
            let (line, label) = self.edge(
                edge, from: layout.frames[edge.from]!, to: layout.frames[edge.to]!, avoiding: obstacles, labelsAvoiding: obstacles + titles)
            out.append(line)
            if let label { labels.append(label) }
        }
        for node in diagram.nodes {
            if let frame = layout.frames[node.id] { out += self.node(node, frame) }
        }
        out += labels
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Pieces

    /// XML text and attribute values: the five entities; a control character (not
    /// allowed in XML 1.0) as a space.
    static func escape(_ text: String) -> String {
        TextEscaping.escaped(text, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;"], controlAsSpace: true)
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    func text(_ content: String, x: Double, y: Double, size: Double, weight: String = "normal", fill: String = "#222222",
              anchor: String = "start") -> String {
        "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" font-weight=\"\(weight)\" "
            + "fill=\"\(fill)\" text-anchor=\"\(anchor)\">\(Self.escape(content))</text>"
    }

    func rect(_ frame: DiagramLayout.Frame, fill: String, stroke: String, width: Double = 1, dash: String? = nil, radius: Double = 6) -> String {
        "<rect x=\"\(Self.number(frame.x))\" y=\"\(Self.number(frame.y))\" width=\"\(Self.number(frame.width))\" "
            + "height=\"\(Self.number(frame.height))\" rx=\"\(Self.number(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(Self.number(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    static func clusterColors(_ kind: Diagram.Cluster.Kind) -> (fill: String, stroke: String, dash: String?) {
        switch kind {
        case .outside: ("#f7f7f7", "#9e9e9e", "5 4")
        case .site: ("#fff8e1", "#f9a825", nil)
        case .vpc: ("#f4f8fd", "#1565c0", nil)
        case .availabilityZone: ("none", "#78909c", "6 4")
        case .publicSubnet: ("#e8f5e9", "#2e7d32", nil)
        case .privateSubnet: ("#e3f2fd", "#1e88e5", nil)
        case .row: ("none", "none", nil)
        }
    }

    private func cluster(_ cluster: Diagram.Cluster, _ frame: DiagramLayout.Frame) -> [String] {
        let colors = Self.clusterColors(cluster.kind)
        var stroke = colors.stroke, strokeWidth = cluster.kind == .vpc ? 2.0 : 1.2
        if cluster.flowMark == .blocking { stroke = "#c62828"; strokeWidth = 3 }
        if cluster.flowMark == .onPath { stroke = "#00897b"; strokeWidth = 2.5 }
        var out = [
            "<g class=\"cluster \(cluster.kind.rawValue)\" id=\"\(cluster.id)\">",
            rect(frame, fill: colors.fill, stroke: stroke, width: strokeWidth, dash: colors.dash, radius: cluster.kind == .availabilityZone ? 4 : 8),
            text(cluster.title, x: frame.x + M.clusterPadding, y: frame.y + M.clusterPadding + 11, size: 12.5, weight: "bold", fill: colors.stroke == "none" ? "#222222" : "#263238"),
        ]
        if !cluster.subtitle.isEmpty {
            out.append(text(cluster.subtitle, x: frame.x + M.clusterPadding, y: frame.y + M.clusterPadding + 11 + M.subtitleLine,
                            size: M.smallSize, fill: "#455a64"))
        }
        out.append("</g>")
        return out
    }

    static func nodeColor(_ kind: Diagram.Node.Kind) -> String {
        switch kind {
        case .internet: "#546e7a"
        case .outsideHost: "#455a64"
        case .host: "#6d4c41"
        case .internetGateway: "#7b1fa2"
        case .natGateway: "#3949ab"
        case .instance: "#ef6c00"
        case .loadBalancer: "#8e24aa"
        case .database: "#00838f"
        case .cache: "#c62828"
        }
    }

    private func node(_ node: Diagram.Node, _ frame: DiagramLayout.Frame) -> [String] {
        let color = Self.nodeColor(node.kind)
        var fill = "#ffffff", stroke = "#b0bec5", strokeWidth = 1.0
        switch node.flowMark {
        case .none: break
        case .onPath: stroke = "#00897b"; strokeWidth = 2.5
        case .blocking: stroke = "#c62828"; strokeWidth = 3; fill = "#ffebee"
        }
        var out = [
            "<g class=\"node \(node.kind.rawValue)\" id=\"\(node.id)\">",
            rect(frame, fill: fill, stroke: stroke, width: strokeWidth, radius: 5),
            "<rect x=\"\(Self.number(frame.x))\" y=\"\(Self.number(frame.y))\" width=\"5\" height=\"\(Self.number(frame.height))\" rx=\"2\" fill=\"\(color)\"/>",
        ]
        var y = frame.y + M.nodePadding + 11
        let x = frame.x + M.nodePadding + 3
        out.append(text(node.name + (node.flowMark == .blocking ? "  ✗" : ""), x: x, y: y, size: M.nameSize, weight: "bold",
                        fill: node.flowMark == .blocking ? "#c62828" : "#212121"))
        y += M.lineHeight + 1
        out.append(text(node.caption, x: x, y: y, size: M.smallSize, fill: color))
        for detail in node.details {
            y += M.lineHeight
            out.append(text(detail, x: x, y: y, size: M.smallSize, fill: "#455a64"))
        }
        out.append("</g>")
        return out
    }

    static func order(_ style: Diagram.Edge.Style) -> Int {
        switch style {
        case .attachment: 0
        case .route: 1
        case .forward: 2
        case .flow: 3
        case .flowBlocked: 4
        }
    }

    static func edgeLook(_ style: Diagram.Edge.Style) -> (color: String, width: Double, dash: String?) {
        switch style {
        case .attachment: ("#7b1fa2", 1.5, nil)
        case .route: ("#5c6bc0", 1.3, "5 4")
        case .forward: ("#ef6c00", 1.6, nil)
        case .flow: ("#00897b", 3, nil)
        case .flowBlocked: ("#c62828", 3, "7 4")
        }
    }

    /// The path between two boxes' borders, and its label (drawn later, on top). A
    /// straight line when it crosses no other box; otherwise the first of a few curves
    /// bending either side that does (or crosses the fewest). The label sits on the path
    /// where it covers no box.
    private func edge(_ edge: Diagram.Edge, from: DiagramLayout.Frame, to: DiagramLayout.Frame, avoiding obstacles: [DiagramLayout.Frame],
                      labelsAvoiding labelObstacles: [DiagramLayout.Frame]) -> (String, String?) {
        let start = Self.border(of: from, toward: (to.midX, to.midY))
        let end = Self.border(of: to, toward: (from.midX, from.midY))
        let others = obstacles.filter { $0 != from && $0 != to }
        let dx = end.0 - start.0, dy = end.1 - start.1
        let length = max(1, (dx * dx + dy * dy).squareRoot())
        let normal = (-dy / length, dx / length)
        var best: (control: (Double, Double), hits: Int)?
        for offset in [0.0, 45, -45, 90, -90, 140, -140, 200, -200] {
            let control = ((start.0 + end.0) / 2 + normal.0 * offset * 2, (start.1 + end.1) / 2 + normal.1 * offset * 2)
            let hits = (1..<24).filter { step in
                let point = Self.point(start, control, end, Double(step) / 24)
                return others.contains { Self.contains($0, point, margin: 3) }
            }.count
            if best == nil || hits < best!.hits { best = (control, hits) }
            if hits == 0 { break }
        }
        let control = best!.control
        let look = Self.edgeLook(edge.style)
        let n = Self.number
        let path = "<path class=\"edge \(edge.style.rawValue)\" d=\"M\(n(start.0)),\(n(start.1)) Q\(n(control.0)),\(n(control.1)) \(n(end.0)),\(n(end.1))\" "
            + "fill=\"none\" stroke=\"\(look.color)\" stroke-width=\"\(n(look.width))\""
            + (look.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + " marker-end=\"url(#arrow-\(edge.style.rawValue))\"/>"
        guard !edge.label.isEmpty else { return (path, nil) }
        // Routes: near the gateway, in the gap above the AZs; others: the middle, if free.
        let preferred = edge.style == .route ? [0.72, 0.6, 0.84, 0.5, 0.4] : [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85]
        let width = DiagramLayout.textWidth(edge.label, charWidth: 6.2) + 6
        let spot = preferred.lazy.map { Self.point(start, control, end, $0) }.first { point in
            let box = DiagramLayout.Frame(x: point.0 - width / 2, y: point.1 - 8, width: width, height: 14)
            return !labelObstacles.contains { $0 != from && $0 != to && Self.overlaps($0, box) }
        } ?? Self.point(start, control, end, preferred[0])
        let label = "<text x=\"\(n(spot.0))\" y=\"\(n(spot.1 + 3.5))\" font-size=\"10\" text-anchor=\"middle\" "
            + "fill=\"\(look.color)\" stroke=\"#ffffff\" stroke-width=\"3.5\" paint-order=\"stroke\" font-weight=\"bold\">"
            + Self.escape(edge.label) + "</text>"
        return (path, label)
    }

    static func point(_ a: (Double, Double), _ c: (Double, Double), _ b: (Double, Double), _ t: Double) -> (Double, Double) {
        let u = 1 - t
        return (u * u * a.0 + 2 * u * t * c.0 + t * t * b.0, u * u * a.1 + 2 * u * t * c.1 + t * t * b.1)
    }

    static func contains(_ frame: DiagramLayout.Frame, _ point: (Double, Double), margin: Double) -> Bool {
        point.0 > frame.x - margin && point.0 < frame.x + frame.width + margin
            && point.1 > frame.y - margin && point.1 < frame.y + frame.height + margin
    }

    static func overlaps(_ a: DiagramLayout.Frame, _ b: DiagramLayout.Frame) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    /// Where the ray from the frame's centre toward `point` leaves the frame.
    static func border(of frame: DiagramLayout.Frame, toward point: (Double, Double)) -> (Double, Double) {
        let dx = point.0 - frame.midX, dy = point.1 - frame.midY
        if dx == 0 && dy == 0 { return (frame.midX, frame.midY) }
        let scaleX = dx == 0 ? Double.infinity : (frame.width / 2) / abs(dx)
        let scaleY = dy == 0 ? Double.infinity : (frame.height / 2) / abs(dy)
        let scale = min(scaleX, scaleY, 1)
        return (frame.midX + dx * scale, frame.midY + dy * scale)
    }

    private func definitions() -> String {
        let styles: [Diagram.Edge.Style] = [.attachment, .route, .forward, .flow, .flowBlocked]
        let markers = styles.map { style in
            "<marker id=\"arrow-\(style.rawValue)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                + "orient=\"auto-start-reverse\" markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(Self.edgeLook(style).color)\"/></marker>"
        }
        return "<defs>" + markers.joined() + "</defs>"
    }
}
