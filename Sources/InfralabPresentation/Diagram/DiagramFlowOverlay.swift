import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Draws a probed flow on a diagram: the components it passes, in order, joined by flow
/// edges, and where it stops. Security groups, network ACLs and route tables are not
/// drawn as boxes; a flow stopped by one ends in a blocked edge named after it.
struct DiagramFlowOverlay {
    let nodeIDs: [String: String]
    let clusterIDs: [String: String]
    let language: Language

    /// The drawn element a hop stands for, if any.
    func id(of hop: Hop) -> String? {
        switch hop.kind {
        case nil: return hop.name == "internet" ? nodeIDs[DiagramBuilder.key(.internet, "internet")] : nil
        case .instance: return nodeIDs[DiagramBuilder.key(.instance, hop.name)]
        case .natGateway: return nodeIDs[DiagramBuilder.key(.natGateway, hop.name)]
        case .internetGateway: return nodeIDs[DiagramBuilder.key(.internetGateway, hop.name)]
        case .loadBalancer: return nodeIDs[DiagramBuilder.key(.loadBalancer, hop.name)]
        case .host: return nodeIDs[DiagramBuilder.key(.host, hop.name)]
        case .database: return nodeIDs[DiagramBuilder.key(.database, hop.name)]
        case .cache: return nodeIDs[DiagramBuilder.key(.cache, hop.name)]
        case .outsideHost: return nodeIDs[DiagramBuilder.key(.outsideHost, hop.name)]
        case .site: return clusterIDs["site/\(hop.name)"]
        case .subnet: return clusterIDs["subnet/\(hop.name)"]
        case .vpc: return clusterIDs["vpc/\(hop.name)"]
        default: return nil
        }
    }

    func id(of endpoint: Endpoint) -> String? {
        switch endpoint {
        case .internet: return nodeIDs[DiagramBuilder.key(.internet, "internet")]
        case .named(let name):
            let kinds: [Diagram.Node.Kind] = [.instance, .database, .cache, .loadBalancer, .host, .outsideHost, .natGateway]
            return kinds.lazy.compactMap { nodeIDs[DiagramBuilder.key($0, name)] }.first
        }
    }

    func draw(_ result: FlowResult, on diagram: inout Diagram) {
        var path: [String] = []
        var blockingHop: Hop?
        for hop in result.hops {
            if hop.verdict == .block {
                blockingHop = hop
                if let id = id(of: hop), path.last != id { path.append(id) }
                break
            }
            if let id = id(of: hop), path.last != id { path.append(id) }
        }
        var marks: [String: Diagram.FlowMark] = [:]
        for id in path { marks[id] = .onPath }
        var edges: [Diagram.Edge] = []
        for (index, pair) in zip(path, path.dropFirst()).enumerated() {
            edges.append(Diagram.Edge(from: pair.0, to: pair.1, label: "\(index + 1)", style: .flow))
        }
        if let hop = blockingHop {
            let what = "✗ " + (hop.kind.map { "\($0.words.text(language)) " } ?? "") + hop.name
            if let id = id(of: hop) {
                marks[id] = .blocking
                if let last = edges.indices.last { edges[last].style = .flowBlocked; edges[last].label += " " + what }
            } else if let last = path.last, let destination = id(of: result.query.through.map(Endpoint.init) ?? result.query.destination) {
                if destination == last {
                    marks[last] = .blocking
                } else {
                    edges.append(Diagram.Edge(from: last, to: destination, label: what, style: .flowBlocked))
                }
            }
        } else if !result.isReachable, let last = path.last {
            marks[last] = .blocking
        }
        diagram.items = diagram.items.map { mark($0, marks) }
        diagram.edges += edges
        let query = result.query
        let port = query.protocol == .icmp ? "icmp" : "\(query.protocol.rawValue)/\(query.port)"
        var reason = result.reason.message.text(language)
        if !result.isReachable, let location = result.reason.location {
            reason += language == .ko ? " (위치: \(location))" : " (at \(location))"
        }
        diagram.flow = Diagram.FlowSummary(
            title: "\(query.source) → \(query.destination) \(port)" + (query.through.map { " via \($0)" } ?? ""),
            isReachable: result.isReachable,
            verdict: result.isReachable
                ? (language == .ko ? "접속할 수 있어요" : "reachable") : (language == .ko ? "접속할 수 없어요" : "unreachable"),
            reason: reason)
    }

    private func mark(_ item: Diagram.Item, _ marks: [String: Diagram.FlowMark]) -> Diagram.Item {
        switch item {
        case .node(var node):
            node.flowMark = marks[node.id] ?? .none
            return .node(node)
        case .cluster(var cluster):
            cluster.flowMark = marks[cluster.id] ?? .none
            cluster.items = cluster.items.map { mark($0, marks) }
            return .cluster(cluster)
        }
    }
}
