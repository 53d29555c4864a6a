import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

@Suite("Batch evaluation") struct BatchEvaluationTests {
    @Test("evaluateAll agrees with evaluate on every pair", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func agreesWithPairwise(seed: UInt64) {
        let topology = randomTopology(seed: seed)
        let engine = NetworkEngine(topology: topology)
        let ports = [22, 80, 443]
        let summary = engine.evaluateAll(ports: ports)
        for port in ports {
            var pairs = 0, partial = 0
            for a in topology.instances {
                let fromInternet = engine.evaluate(FlowQuery(from: .internet, to: .named(a.name), port: port)).isReachable
                #expect(summary.internetReachable[port]!.contains(a.name) == fromInternet, "internet → \(a.name):\(port)")
                for b in topology.instances where a.name != b.name {
                    let r = engine.evaluate(FlowQuery(from: .named(a.name), to: .named(b.name), port: port))
                    #expect(summary.isReachable(from: a.name, to: b.name, port: port) == r.isReachable, "\(a.name) → \(b.name):\(port) \(r.reason.code)")
                    if r.isReachable { pairs += 1 }
                    if r.isPartial { partial += 1 }
                }
            }
            #expect(summary.reachablePairs[port] == pairs)
            #expect(summary.partialPairs[port] == partial)
        }
        #expect(summary.classCount <= topology.instances.count)
    }
}

// MARK: - Model transformations for the property tests

/// Renames every resource consistently (`x` → `r-x`), leaving built-ins alone.
/// Prefixes every name with `r-`, except `keeping` (names a mission's requirements use).
func renamed(_ t: Topology, keeping: Set<String> = []) -> Topology {
    func n(_ s: String) -> String { s == "internet" || s == "local" || keeping.contains(s) ? s : "r-\(s)" }
    func r(_ ref: Reference) -> Reference { Reference(n(ref.name), at: ref.location) }
    func p(_ peer: Located<Peer>) -> Located<Peer> {
        switch peer.value {
        case .securityGroup(let s): Located(.securityGroup(n(s)), at: peer.location)
        case .outsideHost(let s): Located(.outsideHost(n(s)), at: peer.location)
        case .site(let s): Located(.site(n(s)), at: peer.location)
        default: peer
        }
    }
    func f(_ fw: Forward) -> Forward { var x = fw; x.target = r(fw.target); return x }
    var x = t
    x.outside = t.outside.map { var o = $0; o.name = n(o.name); return o }
    x.vpcs = t.vpcs.map { var v = $0; v.name = n(v.name); return v }
    x.internetGateways = t.internetGateways.map { var g = $0; g.name = n(g.name); g.vpc = g.vpc.map(r); return g }
    x.subnets = t.subnets.map { var s = $0; s.name = n(s.name); s.vpc = r(s.vpc); s.routeTable = s.routeTable.map(r); s.networkACL = s.networkACL.map(r); return s }
    x.routeTables = t.routeTables.map { var rt = $0; rt.name = n(rt.name); rt.vpc = rt.vpc.map(r)
        rt.routes = rt.routes.map { var route = $0; route.target = r(route.target)
            if case .outsideHost(let h) = route.destination.value { route.destination = Located(.outsideHost(n(h)), at: route.destination.location) }
            return route }
        return rt }
    x.natGateways = t.natGateways.map { var g = $0; g.name = n(g.name); g.subnet = r(g.subnet); return g }
    x.securityGroups = t.securityGroups.map { var g = $0; g.name = n(g.name); g.vpc = g.vpc.map(r)
        g.inbound = g.inbound.map { var rule = $0; rule.peer = p(rule.peer); return rule }
        g.outbound = g.outbound?.map { var rule = $0; rule.peer = p(rule.peer); return rule }
        return g }
    x.networkACLs = t.networkACLs.map { var a = $0; a.name = n(a.name); a.vpc = a.vpc.map(r); a.subnets = a.subnets.map(r)
        a.inbound = a.inbound.map { var rule = $0; rule.peer = p(rule.peer); return rule }
        a.outbound = a.outbound.map { var rule = $0; rule.peer = p(rule.peer); return rule }
        return a }
    x.instances = t.instances.map { var i = $0; i.name = n(i.name); i.subnet = i.subnet.map(r); i.securityGroups = i.securityGroups?.map(r); i.forwards = i.forwards.map(f); return i }
    x.loadBalancers = t.loadBalancers.map { var l = $0; l.name = n(l.name); l.subnets = l.subnets.map(r); l.securityGroups = l.securityGroups.map(r)
        l.listeners = l.listeners.map { var li = $0; li.targets = li.targets.map(r); return li }
        return l }
    x.sites = t.sites.map { var s = $0; s.name = n(s.name); s.portForwards = s.portForwards.map(f); s.tunnels = s.tunnels.map(f); return s }
    x.subnetGroups = t.subnetGroups.map { var g = $0; g.name = n(g.name); g.subnets = g.subnets.map(r); return g }
    func store(_ d: DataStore) -> DataStore { var x = d; x.name = n(d.name); x.subnetGroup = d.subnetGroup.map(r); x.securityGroups = d.securityGroups.map(r); return x }
    x.databases = t.databases.map(store)
    x.caches = t.caches.map(store)
    x.hosts = t.hosts.map { var h = $0; h.name = n(h.name); h.site = r(h.site); return h }
    // An alias record names a load balancer.
    x.dnsZones = t.dnsZones.map { var z = $0
        z.records = z.records.map { var rec = $0; if rec.type == .alias { rec.value = Located(n(rec.value.value), at: rec.value.location) }; return rec }
        return z }
    return x
}

/// Reverses every list (declarations, rules, routes, forwards, targets).
func reordered(_ t: Topology) -> Topology {
    var x = t
    x.outside.reverse(); x.vpcs.reverse(); x.internetGateways.reverse(); x.subnets.reverse(); x.natGateways.reverse()
    x.routeTables = t.routeTables.reversed().map { var rt = $0; rt.routes.reverse(); return rt }
    x.securityGroups = t.securityGroups.reversed().map { var g = $0; g.inbound.reverse(); g.outbound?.reverse(); return g }
    x.networkACLs = t.networkACLs.reversed().map { var a = $0; a.inbound.reverse(); a.outbound.reverse(); return a }
    x.instances = t.instances.reversed().map { var i = $0; i.securityGroups?.reverse(); i.forwards.reverse(); i.roles.reverse(); return i }
    x.loadBalancers = t.loadBalancers.reversed().map { var l = $0; l.subnets.reverse(); l.securityGroups.reverse()
        l.listeners = l.listeners.reversed().map { var li = $0; li.targets.reverse(); return li }; return l }
    x.sites = t.sites.reversed().map { var s = $0; s.portForwards.reverse(); s.tunnels.reverse(); return s }
    x.hosts.reverse()
    // A subnet group's order places the primary (its first subnet): only the declarations turn.
    x.subnetGroups.reverse()
    x.databases = t.databases.reversed().map { var d = $0; d.securityGroups.reverse(); return d }
    x.caches = t.caches.reversed().map { var c = $0; c.securityGroups.reverse(); return c }
    return x
}

/// Moves 10.0.0.0/16 to 10.42.0.0/16 everywhere (VPC, subnets, routes, rules, private IPs).
func shifted(_ t: Topology) -> Topology {
    let from = CIDR("10.0.0.0/16")!
    let delta = UInt32(42) << 16
    func a(_ ip: IPv4Address) -> IPv4Address { from.contains(ip) ? IPv4Address(ip.value + delta) : ip }
    func c(_ cidr: CIDR) -> CIDR { from.contains(cidr) ? CIDR(a(cidr.address), prefixLength: cidr.prefixLength) : cidr }
    func lc(_ l: Located<CIDR>) -> Located<CIDR> { Located(c(l.value), at: l.location) }
    func p(_ peer: Located<Peer>) -> Located<Peer> {
        if case .cidr(let x) = peer.value { return Located(.cidr(c(x)), at: peer.location) }
        return peer
    }
    var x = t
    x.vpcs = t.vpcs.map { var v = $0; v.cidr = lc(v.cidr); return v }
    x.subnets = t.subnets.map { var s = $0; s.cidr = lc(s.cidr); return s }
    x.routeTables = t.routeTables.map { var rt = $0
        rt.routes = rt.routes.map { var route = $0
            if case .cidr(let d) = route.destination.value { route.destination = Located(.cidr(c(d)), at: route.destination.location) }
            return route }
        return rt }
    x.securityGroups = t.securityGroups.map { var g = $0
        g.inbound = g.inbound.map { var rule = $0; rule.peer = p(rule.peer); return rule }
        g.outbound = g.outbound?.map { var rule = $0; rule.peer = p(rule.peer); return rule }
        return g }
    x.networkACLs = t.networkACLs.map { var n = $0
        n.inbound = n.inbound.map { var rule = $0; rule.peer = p(rule.peer); return rule }
        n.outbound = n.outbound.map { var rule = $0; rule.peer = p(rule.peer); return rule }
        return n }
    x.instances = t.instances.map { var i = $0; i.privateIP = i.privateIP.map { Located(a($0.value), at: $0.location) }; return i }
    return x
}

@Suite("Semantic grading properties") struct PropertyTests {
    static let topologies: [(String, Topology)] = [
        ("mission", missionTopology()),
        ("alb", { var b = TopologyBuilder(); albTopology(&b); return b.build() }()),
        ("office", { var b = TopologyBuilder(); officeTopology(&b); homeTopology(&b); return b.build() }()),
        ("random-7", randomTopology(seed: 7, instances: 12)),
        ("random-8", randomTopology(seed: 8, instances: 12)),
    ]

    static func flows(_ t: Topology) -> [FlowQuery] {
        let names = ["internet", "admin"] + t.instances.map(\.name) + t.loadBalancers.map(\.name) + t.hosts.map(\.name) + t.natGateways.map(\.name)
        var result: [FlowQuery] = []
        for a in names {
            for b in names where a != b {
                for port in [22, 80, 443, 3306, 8080] {
                    result.append(FlowQuery(from: Endpoint(a), to: Endpoint(b), port: port))
                }
            }
        }
        result.append(FlowQuery(from: .internet, to: .named("was"), port: 443, through: "proxy"))
        result.append(FlowQuery(from: .named("admin"), to: .named("db"), port: 22, through: "bastion"))
        result.append(FlowQuery(from: .internet, to: .named("alb"), port: 443, incidents: [.azOutage("az-a")]))
        result.append(FlowQuery(from: .internet, to: .named("dc-web"), port: 80, incidents: [.powerOutage("dc")]))
        return result
    }

    static func verdicts(_ t: Topology, _ flows: [FlowQuery], rename: Bool) -> [String] {
        let engine = NetworkEngine(topology: t)
        return flows.map { q in
            var q = q
            if rename {
                func n(_ e: Endpoint) -> Endpoint { if case .named(let s) = e, s != "internet" { return .named("r-\(s)") }; return e }
                q.source = n(q.source); q.destination = n(q.destination); q.through = q.through.map { "r-\($0)" }
            }
            let r = engine.evaluate(q)
            return "\(r.isReachable) \(r.isPartial) \(r.reason.code.rawValue)"
        }
    }

    @Test("renaming, reordering and shifting CIDRs never change a verdict", arguments: [0, 1, 2, 3, 4])
    func invariants(index: Int) {
        let (name, t) = Self.topologies[index]
        let flows = Self.flows(t)
        let base = Self.verdicts(t, flows, rename: false)
        #expect(base.contains { $0.hasPrefix("true") }, "\(name): some flow should be reachable")
        let variants: [(String, [String])] = [
            ("renamed", Self.verdicts(renamed(t), flows, rename: true)),
            ("reordered", Self.verdicts(reordered(t), flows, rename: false)),
            ("shifted", Self.verdicts(shifted(t), flows, rename: false)),
            ("all three", Self.verdicts(shifted(reordered(renamed(t))), flows, rename: true)),
        ]
        for (label, verdicts) in variants {
            let differing = zip(flows, zip(base, verdicts)).filter { $1.0 != $1.1 }
            #expect(differing.isEmpty, "\(name) \(label): \(differing.prefix(3).map { "\($0.0.source)→\($0.0.destination):\($0.0.port) \($0.1.0) vs \($0.1.1)" })")
        }
    }
}
