import InfralabSyntax
import InfralabTopology

/// What listens where: a connection that arrives at a machine on a port nothing there
/// listens on is refused (`PORT_NOT_LISTENING`), with the line of the forward or
/// listener that points there.
///
/// A machine listens on what its roles run: the WAS on its port (the mission's
/// `service` tier, else 80 and 8080), the DB on 3306, a bastion and every server on 22,
/// a reverse proxy on the ports it forwards (80 and 443 when it forwards nothing).
/// `listens: [ports]` on an instance or host says it outright. A machine that plays no
/// role this table knows is taken to listen on every port (nothing to contradict).
package struct ListeningPorts: Sendable, Hashable {
    /// Ports each role runs.
    package var roles: [String: Set<Int>]

    package init(roles: [String: Set<Int>]) { self.roles = roles }

    package static let standard = ListeningPorts(roles: [
        "was": [80, 8080], "db": [3306], "mysql": [3306], "bastion": [22],
    ])

    /// The standard table, plus each tier of the mission's service on its declared port.
    /// (That a chain reaches the tier on exactly that port is `serviceAnswers`' check.)
    package init(service: ServiceSpec?) {
        self = .standard
        for tier in service?.tiers ?? [] {
            if let port = tier.port { roles[tier.role, default: []].insert(port) }
        }
    }

    /// Ports a machine with these roles, forwards and written `listens:` answers on; nil: every port.
    func ports(roles played: [Located<String>], forwards: [Forward], listens: [Located<Int>]?) -> Set<Int>? {
        if let listens { return Set(listens.map(\.value)) }
        let names = played.map(\.value)
        let isProxy = names.contains { TopologyIndex.proxyRoles.contains($0) }
        let known = names.compactMap { roles[$0] }
        guard isProxy || !known.isEmpty else { return nil }
        var ports: Set<Int> = [22]
        for set in known { ports.formUnion(set) }
        ports.formUnion(forwards.map(\.port.value))
        if isProxy && forwards.isEmpty { ports.formUnion([80, 443]) }
        return ports
    }
}

extension NetworkEngine {
    /// The ports `node` answers on; nil: every port (or not a machine: a load balancer
    /// answers on its listeners, the internet on anything).
    func listeningPorts(_ node: Node) -> Set<Int>? {
        switch node {
        case .instance(let i):
            let instance = topology.instances[i]
            return listening.ports(roles: instance.roles, forwards: instance.forwards, listens: instance.listens)
        case .host(let h):
            let host = topology.hosts[h]
            return listening.ports(roles: host.roles, forwards: [], listens: host.listens)
        case .dataStore(let k):
            return [topology.dataStores[k].effectivePort]
        default:
            return nil
        }
    }

    /// Refuses a connection that got to `server` on a port nothing there listens on.
    /// `port` is the port it arrived on (after a site's forward); `pointedBy` the line
    /// that sent it there (a forward, a listener), if any.
    func checkListening(_ server: Node, port: Int, pointedBy: SourceLocation?, _ t: inout Trace) {
        guard let ports = listeningPorts(server), !ports.contains(port) else { return }
        let name = nodeName(server)
        if let last = t.hops.last, last.verdict == .pass, last.name == name { t.hops.removeLast() }
        let list = ports.sorted().map(String.init).joined(separator: ", ")
        t.block(nodeKind(server), name,
                FlowText.nothingListens(name, port: port, list: list),
                pointedBy ?? nodeLocation(server), code: .portNotListening)
    }
}
