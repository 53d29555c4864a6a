import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Where each node and cluster of a diagram goes in a picture (SVG, HTML): nested boxes
/// packed in lines, so no two boxes overlap by construction. A cluster lays its children
/// out in lines: one child a line (VPC, AZ, site), or side by side (subnets, gateway
/// rows, the outside world; at most `perLine` a line before wrapping). The top level
/// is the outside world, then sites and VPCs side by side.
struct DiagramLayout {
    struct Frame: Hashable {
        var x: Double, y: Double, width: Double, height: Double
        var midX: Double { x + width / 2 }
        var midY: Double { y + height / 2 }
    }

    struct Size { var width: Double, height: Double }

    enum Metrics {
        static let nameSize = 12.5, smallSize = 10.5
        static let nameCharWidth = 7.6, smallCharWidth = 6.1
        static let lineHeight = 14.0, nameLineHeight = 17.0
        static let nodeMinWidth = 118.0, nodePadding = 10.0
        static let clusterPadding = 12.0, gap = 16.0, topGap = 46.0
        static let titleLine = 16.0, subtitleLine = 14.0
    }

    private(set) var frames: [String: Frame] = [:]
    private(set) var size = Size(width: 0, height: 0)
    private var sizes: [String: Size] = [:]
    /// Space above the picture for the title and the flow's summary.
    let top: Double

    init(_ diagram: Diagram, top: Double) {
        self.top = top
        for item in diagram.items { _ = measure(item) }
        let lines = Self.topLines(diagram.items)
        let content = measureLines(lines, gap: Metrics.topGap)
        size = Size(width: content.width + 2 * Metrics.gap, height: content.height + top + Metrics.gap)
        placeLines(lines, x: Metrics.gap, y: top, width: content.width, gap: Metrics.topGap)
    }

    /// The outside world on its own line, then everything else side by side.
    static func topLines(_ items: [Diagram.Item]) -> [[Diagram.Item]] {
        guard let first = items.first else { return [] }
        let rest = Array(items.dropFirst())
        return rest.isEmpty ? [[first]] : [[first], rest]
    }

    static func textWidth(_ text: String, charWidth: Double) -> Double {
        Double(displayWidth(of: text)) * charWidth
    }

    // MARK: Measuring

    static func nodeSize(_ node: Diagram.Node) -> Size {
        let widths = [textWidth(node.name, charWidth: Metrics.nameCharWidth)]
            + ([node.caption] + node.details).map { textWidth($0, charWidth: Metrics.smallCharWidth) }
        let width = max(Metrics.nodeMinWidth, (widths.max() ?? 0) + 2 * Metrics.nodePadding + 6)
        let height = 2 * Metrics.nodePadding - 2 + Metrics.nameLineHeight + Double(1 + node.details.count) * Metrics.lineHeight
        return Size(width: width, height: height)
    }

    static func header(_ cluster: Diagram.Cluster) -> Double {
        if cluster.kind == .row { return 0 }
        return Metrics.clusterPadding + Metrics.titleLine + (cluster.subtitle.isEmpty ? 0 : Metrics.subtitleLine) + 6
    }

    /// Room between a VPC's gateways and its AZs for the route arrows and their labels.
    static func lineGap(_ cluster: Diagram.Cluster) -> Double { cluster.kind == .vpc ? 40 : Metrics.gap }

    static func padding(_ cluster: Diagram.Cluster) -> Double { cluster.kind == .row ? 0 : Metrics.clusterPadding }

    static func lines(_ cluster: Diagram.Cluster) -> [[Diagram.Item]] {
        let perLine: Int
        switch cluster.kind {
        case .row: perLine = Int.max
        case .outside, .publicSubnet, .privateSubnet: perLine = 4
        case .site: perLine = 3
        case .vpc, .availabilityZone: perLine = 1
        }
        return stride(from: 0, to: cluster.items.count, by: perLine).map {
            Array(cluster.items[$0..<min($0 + perLine, cluster.items.count)])
        }
    }

    private mutating func measure(_ item: Diagram.Item) -> Size {
        switch item {
        case .node(let node):
            let size = Self.nodeSize(node)
            sizes[node.id] = size
            return size
        case .cluster(let cluster):
            for child in cluster.items { _ = measure(child) }
            let content = measureLines(Self.lines(cluster), gap: Self.lineGap(cluster))
            let titleWidth = max(
                Self.textWidth(cluster.title, charWidth: Metrics.nameCharWidth),
                Self.textWidth(cluster.subtitle, charWidth: Metrics.smallCharWidth))
            let pad = Self.padding(cluster)
            let size = Size(
                width: max(content.width, titleWidth) + 2 * pad,
                height: Self.header(cluster) + content.height + (cluster.items.isEmpty ? 0 : pad))
            sizes[cluster.id] = size
            return size
        }
    }

    private func measureLines(_ lines: [[Diagram.Item]], gap: Double) -> Size {
        var width = 0.0, height = 0.0
        for line in lines {
            let sizes = line.map { self.sizes[Self.id($0)] ?? Size(width: 0, height: 0) }
            width = max(width, sizes.map(\.width).reduce(0, +) + Double(max(0, line.count - 1)) * Metrics.gap)
            height += sizes.map(\.height).max() ?? 0
        }
        return Size(width: width, height: height + Double(max(0, lines.count - 1)) * gap)
    }

    static func id(_ item: Diagram.Item) -> String {
        switch item {
        case .node(let node): node.id
        case .cluster(let cluster): cluster.id
        }
    }

    // MARK: Placing

    /// Lines one under another; a line's items side by side, centred. A cluster alone on
    /// its line takes the full width; clusters sharing a line take the line's height.
    private mutating func placeLines(_ lines: [[Diagram.Item]], x: Double, y: Double, width: Double, gap: Double) {
        var y = y
        for line in lines {
            let lineSizes = line.map { sizes[Self.id($0)] ?? Size(width: 0, height: 0) }
            let lineHeight = lineSizes.map(\.height).max() ?? 0
            let lineWidth = lineSizes.map(\.width).reduce(0, +) + Double(max(0, line.count - 1)) * Metrics.gap
            var cursor = x + (width - lineWidth) / 2
            for (item, size) in zip(line, lineSizes) {
                switch item {
                case .node:
                    place(item, Frame(x: cursor, y: y, width: size.width, height: size.height))
                case .cluster:
                    let stretchedWidth = line.count == 1 ? width : size.width
                    let frameX = line.count == 1 ? x : cursor
                    place(item, Frame(x: frameX, y: y, width: stretchedWidth, height: lineHeight))
                }
                cursor += size.width + Metrics.gap
            }
            y += lineHeight + gap
        }
    }

    private mutating func place(_ item: Diagram.Item, _ frame: Frame) {
        frames[Self.id(item)] = frame
        guard case .cluster(let cluster) = item else { return }
        let pad = Self.padding(cluster)
        placeLines(Self.lines(cluster), x: frame.x + pad, y: frame.y + Self.header(cluster),
                   width: frame.width - 2 * pad, gap: Self.lineGap(cluster))
    }
}
