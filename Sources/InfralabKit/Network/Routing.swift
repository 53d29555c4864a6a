/// Route tables (rules 1-5): the effective table of a subnet, the implicit local route,
/// longest prefix match, and what a route's `via` names.

enum RouteTarget: Hashable, Sendable {
    case local
    case igw(Int)
    case nat(Int)
    case instance(Int)
    case outside(Int)
    case missing(String)
}

struct RouteMatch: Sendable {
    /// nil: the implicit local route.
    var route: Route?
    var target: RouteTarget
    var destination: CIDR
}

extension NetworkEngine {
    func resolveTarget(_ name: String) -> RouteTarget {
        if name == "local" { return .local }
        if let g = igwIndex[name] { return .igw(g) }
        if let n = natIndex[name] { return .nat(n) }
        if let i = instanceIndex[name] { return .instance(i) }
        if let o = outsideIndex[name] { return .outside(o) }
        return .missing(name)
    }

    func routeCIDR(_ destination: Route.Destination) -> CIDR? {
        switch destination {
        case .cidr(let c): return c
        case .outsideHost(let name): return outsideIndex[name].map { topology.outside[$0].cidr.value }
        }
    }

    /// Longest prefix match over the subnet's table plus its implicit local route, for a
    /// destination *set*: a route applies when its CIDR holds the whole set (the internet
    /// as a destination is 0.0.0.0/0, so only default routes carry it).
    func lookupRoute(subnet s: Int, to destination: CIDR) -> RouteMatch? {
        var best: RouteMatch?
        if let v = subnetTable[s].vpc {
            let vpcCIDR = topology.vpcs[v].cidr.value
            if vpcCIDR.contains(destination) { best = RouteMatch(route: nil, target: .local, destination: vpcCIDR) }
        }
        guard let t = subnetTable[s].table else { return best }
        for route in topology.routeTables[t].routes {
            guard let cidr = routeCIDR(route.destination.value), cidr.contains(destination) else { continue }
            if let current = best {
                if cidr.prefixLength < current.destination.prefixLength { continue }
                // Equal prefixes: the local route wins, then the earlier line (a validation error anyway).
                if cidr.prefixLength == current.destination.prefixLength && (current.route == nil || current.route!.location < route.location) { continue }
            }
            best = RouteMatch(route: route, target: resolveTarget(route.target.name), destination: cidr)
        }
        return best
    }

    /// The line to point at for a subnet's routing: its route table, else the subnet
    /// (which falls back to the implicit main table).
    func routingLocation(subnet s: Int) -> (String, SourceLocation, ComponentKind) {
        if let t = subnetTable[s].table { return (topology.routeTables[t].name, topology.routeTables[t].location, .routeTable) }
        return (topology.subnets[s].name, topology.subnets[s].location, .subnet)
    }

    func routeTableName(subnet s: Int) -> String {
        if let t = subnetTable[s].table { return topology.routeTables[t].name }
        return "main (implicit, local only)"
    }

    func igwVPC(_ g: Int) -> Int? { topology.internetGateways[g].vpc.flatMap { vpcIndex[$0.name] } }
}
