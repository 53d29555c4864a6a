import InfralabSyntax
import InfralabTopology

/// Route tables (rules 1-5): the effective table of a subnet, the implicit local route,
/// longest prefix match, and what a route's `via` names.

struct RouteMatch: Sendable {
    /// nil: the implicit local route.
    var route: Route?
    var target: RouteTarget
    var destination: CIDR
}

/// Atoms of an address set that one route target carries.
struct RouteGroup: Sendable {
    /// nil: no route.
    var target: RouteTarget?
    var matches: [RouteMatch]
    /// Parallel to the set's atoms: the atoms of this group.
    var picked: [Bool]
    /// Addresses in the group.
    var size: UInt64

    /// "route 0.0.0.0/0" or "routes 0.0.0.0/1, 128.0.0.0/1".
    var routesText: String {
        matches.count == 1 ? "route \(matches[0].destination)" : "routes " + matches.map { "\($0.destination)" }.joined(separator: ", ")
    }

    var routesTextKo: String { "경로 " + matches.map { "\($0.destination)" }.joined(separator: ", ") }
}

extension NetworkEngine {
    func resolveTarget(_ name: String) -> RouteTarget { index.routeTarget(name) }

    func routeCIDR(_ destination: Route.Destination) -> CIDR? {
        switch destination {
        case .cidr(let c): return c
        case .outsideHost(let name): return index.outsideHost[name].map { topology.outside[$0].cidr.value }
        }
    }

    /// Longest prefix match over the subnet's table plus its implicit local route, for a
    /// destination CIDR held whole by the route (an instance's /32).
    func lookupRoute(subnet s: Int, to destination: CIDR) -> RouteMatch? {
        lookupRoute(subnet: s, range: AddressRange(destination))
    }

    /// The same for one atom of an address set: a route applies when its CIDR holds the
    /// atom (atoms are cut at every route boundary, so it holds every address of it).
    func lookupRoute(subnet s: Int, range destination: AddressRange) -> RouteMatch? {
        var best: RouteMatch?
        if let v = index.subnetTable[s].vpc {
            let vpcCIDR = topology.vpcs[v].cidr.value
            if destination.isWithin(vpcCIDR) { best = RouteMatch(route: nil, target: .local, destination: vpcCIDR) }
        }
        guard let t = index.subnetTable[s].table else { return best }
        for route in topology.routeTables[t].routes {
            guard let cidr = routeCIDR(route.destination.value), destination.isWithin(cidr) else { continue }
            if let current = best {
                if cidr.prefixLength < current.destination.prefixLength { continue }
                // Equal prefixes: the local route wins, then the earlier line (a validation error anyway).
                if cidr.prefixLength == current.destination.prefixLength && (current.route == nil || current.route!.location < route.location) { continue }
            }
            best = RouteMatch(route: route, target: resolveTarget(route.target.name), destination: cidr)
        }
        return best
    }

    /// An address set's atoms grouped by where their longest-prefix route leads (nil: no
    /// route), groups in order of their first atom. `matches`: the distinct routes used.
    func routeGroups(subnet s: Int, atoms: [AddressRange]) -> [RouteGroup] {
        var groups: [RouteGroup] = []
        for (index, atom) in atoms.enumerated() {
            let match = lookupRoute(subnet: s, range: atom)
            let target = match?.target
            var g = groups.firstIndex { $0.target == target }
            if g == nil {
                groups.append(RouteGroup(target: target, matches: [], picked: [Bool](repeating: false, count: atoms.count), size: 0))
                g = groups.count - 1
            }
            if let match, !groups[g!].matches.contains(where: { $0.destination == match.destination && $0.route?.location == match.route?.location }) {
                groups[g!].matches.append(match)
            }
            groups[g!].picked[index] = true
            groups[g!].size += atom.size
        }
        return groups
    }

    /// The line to point at for a subnet's routing: its route table, else the subnet
    /// (which falls back to the implicit main table).
    func routingLocation(subnet s: Int) -> (String, SourceLocation, ComponentKind) {
        if let t = index.subnetTable[s].table { return (topology.routeTables[t].name, topology.routeTables[t].location, .routeTable) }
        return (topology.subnets[s].name, topology.subnets[s].location, .subnet)
    }

    func routeTableName(subnet s: Int) -> String {
        if let t = index.subnetTable[s].table { return topology.routeTables[t].name }
        return "main (implicit, local only)"
    }

    /// Why a public IP does not help `d`: its subnet's route table sends the replies
    /// to `clients` elsewhere than an internet gateway (`match`'s route, the local
    /// route, or no route), in plain sentences.
    func privateSubnetWords(_ d: NetPoint, clients: Addr, match: RouteMatch?) -> LocalizedText {
        let way: FlowText.ReplyWay
        if let match, let route = match.route {
            way = .route(destination: match.destination.description, target: route.target.name)
        } else {
            way = match == nil ? .none : .local
        }
        return FlowText.privateSubnetReplies(topology.subnets[d.subnet].name, table: index.subnetTable[d.subnet].table.map { topology.routeTables[$0].name },
                                             clients: clients.label, clientsKo: clients.ko, name: d.name, way: way)
    }

    /// `routeTableName` as a Korean sentence names it.
    func routeTableNameKo(subnet s: Int) -> String {
        if let t = index.subnetTable[s].table { return "라우팅 테이블 \(topology.routeTables[t].name)" }
        return "기본 라우팅 테이블(`local` 경로만 있음)"
    }

    func igwVPC(_ g: Int) -> Int? { index.gatewayVPC[g] }
}
