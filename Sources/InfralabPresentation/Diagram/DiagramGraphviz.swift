import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// The diagram in Graphviz's DOT language (`dot -Tsvg`): clusters as `subgraph cluster_…`,
/// edges from a subnet drawn from its border (`compound=true`, `ltail`). Ids are the
/// diagram's own (`n3`, `c2`); names only ever appear inside escaped quoted labels.
package enum DiagramGraphviz {
    package static func render(_ diagram: Diagram) -> String {
        var out = [
            "digraph infralab {",
            "  graph [compound=true, rankdir=TB, newrank=true, fontname=\"Helvetica\", fontsize=12, nodesep=0.35, ranksep=0.6, "
                + "labelloc=t, label=\(quoted(title(diagram)))];",
            "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#90a4ae\", fontname=\"Helvetica\", fontsize=10];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        var anchors: [String: String] = [:]
        for item in diagram.items { out += lines(item, indent: "  ", anchors: &anchors, endpoints: endpoints(diagram)) }
        for edge in diagram.edges {
            var attributes: [String] = []
            // A route is written gateway → subnet and drawn backwards, so the gateway ranks
            // above the subnets that use it, as in the other pictures.
            let reversed = edge.style == .route
            let (tail, head) = reversed ? (edge.to, edge.from) : (edge.from, edge.to)
            if reversed { attributes.append("dir=back") }
            // Clip at a cluster's border, unless the other end sits inside that cluster
            // (a route to a NAT gateway in the subnet's own box).
            let inside = { (cluster: String, id: String) in diagram.cluster(id: cluster).map { Diagram.nodes(in: $0.items).contains { $0.id == id } } ?? false }
            if anchors[tail] != nil && !inside(tail, head) { attributes.append("ltail=cluster_\(tail)") }
            if anchors[head] != nil && !inside(head, tail) { attributes.append("lhead=cluster_\(head)") }
            let from = anchors[tail] ?? tail
            let to = anchors[head] ?? head
            if !edge.label.isEmpty { attributes.append("label=\(quoted(edge.label))") }
            let look = DiagramSVG.edgeLook(edge.style)
            attributes.append("color=\"\(look.color)\"")
            attributes.append("fontcolor=\"\(look.color)\"")
            attributes.append("penwidth=\(DiagramSVG.number(look.width))")
            if look.dash != nil { attributes.append("style=dashed") }
            out.append("  \(from) -> \(to) [\(attributes.joined(separator: ", "))];")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    static func title(_ diagram: Diagram) -> String {
        guard let flow = diagram.flow else { return diagram.title }
        return "\(diagram.title)\n\(flow.title): \(flow.verdict)" + (flow.isReachable ? "" : "\n\(flow.reason)")
    }

    /// Ids that edges start or end at.
    static func endpoints(_ diagram: Diagram) -> Set<String> {
        Set(diagram.edges.flatMap { [$0.from, $0.to] })
    }

    /// A DOT double-quoted string: backslashes and quotes escaped, newlines as `\n`.
    static func quoted(_ text: String) -> String {
        "\"" + TextEscaping.escaped(text, ["\\": "\\\\", "\"": "\\\"", "\n": "\\n"], controlAsSpace: true) + "\""
    }

    private static func lines(_ item: Diagram.Item, indent: String, anchors: inout [String: String], endpoints: Set<String>) -> [String] {
        switch item {
        case .node(let node):
            let look = node.flowMark
            var attributes = [
                "label=\(quoted(([node.name, node.caption] + node.details).joined(separator: "\n")))",
                "color=\"\(DiagramSVG.nodeColor(node.kind))\"",
            ]
            if look == .onPath { attributes += ["penwidth=2.5", "color=\"#00897b\""] }
            if look == .blocking { attributes += ["penwidth=3", "color=\"#c62828\"", "fillcolor=\"#ffebee\""] }
            return ["\(indent)\(node.id) [\(attributes.joined(separator: ", "))];"]
        case .cluster(let cluster) where cluster.kind == .row:
            return cluster.items.flatMap { lines($0, indent: indent, anchors: &anchors, endpoints: endpoints) }
        case .cluster(let cluster):
            let colors = DiagramSVG.clusterColors(cluster.kind)
            var stroke = colors.stroke
            if cluster.flowMark == .blocking { stroke = "#c62828" }
            var out = [
                "\(indent)subgraph cluster_\(cluster.id) {",
                "\(indent)  label=\(quoted(cluster.subtitle.isEmpty ? cluster.title : cluster.title + "\n" + cluster.subtitle));",
                "\(indent)  style=\"rounded,filled\(colors.dash == nil ? "" : ",dashed")\"; fillcolor=\"\(colors.fill == "none" ? "#ffffff" : colors.fill)\"; color=\"\(stroke)\";",
            ]
            if endpoints.contains(cluster.id) || Diagram.nodes(in: cluster.items).isEmpty {
                // Edges cannot start at a cluster: they start at this point inside it, clipped at its border.
                // (It also keeps an empty subnet in the picture: Graphviz drops empty clusters.)
                let anchor = "a_\(cluster.id)"
                anchors[cluster.id] = anchor
                out.append("\(indent)  \(anchor) [shape=point, style=invis, width=0.01, label=\"\"];")
            }
            for child in cluster.items { out += lines(child, indent: indent + "  ", anchors: &anchors, endpoints: endpoints) }
            out.append("\(indent)}")
            return out
        }
    }
}
