import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// The diagram as a text tree for a terminal (`infralab show`, `diagram --format text`):
/// clusters as branches, each node on a line with its caption and addresses, and the
/// edges leaving a node or subnet as `↳` lines under it.
package struct DiagramText {
    package var style: TextStyle
    package var language: Language

    package init(colorize: Bool, language: Language) {
        self.style = TextStyle(colorize: colorize)
        self.language = language
    }

    func t(_ en: String, _ ko: String) -> String { language == .ko ? ko : en }

    package func render(_ diagram: Diagram) -> String {
        var names: [String: String] = [:]
        for node in diagram.nodes { names[node.id] = node.name }
        for cluster in diagram.clusters { names[cluster.id] = cluster.title }
        let outgoing = Dictionary(grouping: diagram.edges.filter { $0.style == .route || $0.style == .forward }, by: \.from)
        let context = Context(names: names, outgoing: outgoing)
        var out: [String] = []
        for item in diagram.items { out += lines(item, context) }
        if let flow = diagram.flow { out += flowLines(flow, diagram, names) }
        return out.joined(separator: "\n") + "\n"
    }

    struct Context {
        var names: [String: String]
        var outgoing: [String: [Diagram.Edge]]
    }

    private func heading(_ cluster: Diagram.Cluster) -> String {
        var title = style.bold(cluster.title)
        if cluster.kind == .publicSubnet { title = style.bold(style.green(cluster.title)) }
        if cluster.kind == .privateSubnet { title = style.bold(style.yellow(cluster.title)) }
        return title + (cluster.subtitle.isEmpty ? "" : "  " + cluster.subtitle) + mark(cluster.flowMark)
    }

    private func mark(_ mark: Diagram.FlowMark) -> String {
        switch mark {
        case .none: ""
        case .onPath: style.cyan(t("  ◆ on the path", "  ◆ 흐름이 지나가요"))
        case .blocking: style.red(t("  ✗ blocked here", "  ✗ 여기서 막혀요"))
        }
    }

    private func lines(_ node: Diagram.Node, _ context: Context) -> [String] {
        let details = node.details.isEmpty ? "" : "  " + node.details.joined(separator: "  ")
        return ["\(style.bold(node.name))  \(style.dim(node.caption))\(details)\(mark(node.flowMark))"]
            + edgeLines(from: node.id, context).map { "   " + $0 }
    }

    private func edgeLines(from id: String, _ context: Context) -> [String] {
        (context.outgoing[id] ?? []).map { edge in
            style.cyan("↳ \(context.names[edge.to] ?? edge.to)  \(edge.label)")
        }
    }

    private func lines(_ item: Diagram.Item, _ context: Context) -> [String] {
        switch item {
        case .node(let node): return lines(node, context)
        case .cluster(let cluster) where cluster.kind == .row:
            return cluster.items.flatMap { lines($0, context) }
        case .cluster(let cluster):
            let below = children(cluster.items, context)
            let edges = edgeLines(from: cluster.id, context).map { (below.isEmpty ? "   " : "│  ") + $0 }
            return [heading(cluster)] + edges + below
        }
    }

    /// Children as branches: `├─ ` before each, `│  ` before the lines under it.
    private func children(_ items: [Diagram.Item], _ context: Context) -> [String] {
        let flat = items.flatMap { item -> [Diagram.Item] in
            if case .cluster(let cluster) = item, cluster.kind == .row { return cluster.items }
            return [item]
        }
        var out: [String] = []
        for (index, item) in flat.enumerated() {
            let isLast = index == flat.count - 1
            let block = lines(item, context)
            guard let first = block.first else { continue }
            out.append((isLast ? "└─ " : "├─ ") + first)
            out += block.dropFirst().map { (isLast ? "   " : "│  ") + $0 }
        }
        return out
    }

    private func flowLines(_ flow: Diagram.FlowSummary, _ diagram: Diagram, _ names: [String: String]) -> [String] {
        let verdict = flow.isReachable ? style.green(flow.verdict) : style.red(flow.verdict)
        var out = ["", style.bold(t("Flow", "흐름")) + " \(flow.title): \(verdict)"]
        for edge in diagram.edges where edge.style == .flow || edge.style == .flowBlocked {
            let line = "  \(names[edge.from] ?? edge.from) → \(names[edge.to] ?? edge.to)  \(edge.label)"
            out.append(edge.style == .flowBlocked ? style.red(line) : line)
        }
        if !flow.isReachable { out.append("  " + flow.reason) }
        return out
    }
}
