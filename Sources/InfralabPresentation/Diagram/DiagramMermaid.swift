import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// The diagram as a Mermaid `flowchart` (renders on GitHub and GitLab in a ```mermaid
/// block): clusters as `subgraph`, edges to and from subgraphs, colours as `style` and
/// `linkStyle` lines. Ids are the diagram's own; names only appear in quoted labels,
/// with `"`, `<`, `>`, `&` and `#` written as Mermaid entity codes.
package enum DiagramMermaid {
    package static func render(_ diagram: Diagram) -> String {
        var out = ["flowchart TB"]
        var styles: [String] = []
        for item in diagram.items { out += lines(item, indent: "  ", styles: &styles) }
        for (index, edge) in diagram.edges.enumerated() {
            let arrow = edge.style == .route || edge.style == .flowBlocked ? "-.->" : (edge.style == .flow ? "==>" : "-->")
            let label = edge.label.isEmpty ? "" : "|\"\(escape(edge.label))\"|"
            out.append("  \(edge.from) \(arrow)\(label) \(edge.to)")
            let look = DiagramSVG.edgeLook(edge.style)
            styles.append("  linkStyle \(index) stroke:\(look.color),stroke-width:\(DiagramSVG.number(look.width))px")
        }
        if let flow = diagram.flow {
            out.insert("  %% \(escapeComment(flow.title)): \(escapeComment(flow.verdict))", at: 1)
        }
        return (out + styles).joined(separator: "\n") + "\n"
    }

    /// Mermaid label text: entity codes for the characters its grammar reads.
    static func escape(_ text: String) -> String {
        TextEscaping.escaped(text, ["\"": "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;"], controlAsSpace: true)
    }

    static func escapeComment(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }

    private static func lines(_ item: Diagram.Item, indent: String, styles: inout [String]) -> [String] {
        switch item {
        case .node(let node):
            let label = ([node.name, node.caption] + node.details).map(escape).joined(separator: "<br/>")
            var style = "fill:#ffffff,stroke:\(DiagramSVG.nodeColor(node.kind))"
            if node.flowMark == .onPath { style = "fill:#ffffff,stroke:#00897b,stroke-width:3px" }
            if node.flowMark == .blocking { style = "fill:#ffebee,stroke:#c62828,stroke-width:3px" }
            styles.append("  style \(node.id) \(style)")
            return ["\(indent)\(node.id)[\"\(label)\"]"]
        case .cluster(let cluster) where cluster.kind == .row:
            return cluster.items.flatMap { lines($0, indent: indent, styles: &styles) }
        case .cluster(let cluster):
            let title = cluster.subtitle.isEmpty ? escape(cluster.title) : escape(cluster.title) + "<br/>" + escape(cluster.subtitle)
            let colors = DiagramSVG.clusterColors(cluster.kind)
            let stroke = cluster.flowMark == .blocking ? "#c62828" : colors.stroke
            styles.append("  style \(cluster.id) fill:\(colors.fill == "none" ? "#ffffff" : colors.fill),stroke:\(stroke)")
            var out = ["\(indent)subgraph \(cluster.id)[\"\(title)\"]"]
            if cluster.isRow { out.append("\(indent)  direction LR") }
            for child in cluster.items { out += lines(child, indent: indent + "  ", styles: &styles) }
            out.append("\(indent)end")
            return out
        }
    }
}
