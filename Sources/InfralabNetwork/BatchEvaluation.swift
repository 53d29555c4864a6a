import InfralabSyntax
import InfralabTopology

/// Batch reachability: internet → every instance and instance → every instance, for a
/// few ports, in time that grows with *classes* of instances, not pairs.
///
/// Two instances behave the same as a source or a destination when they share what the
/// rules can see: the subnet (route table, NACL, same-subnet bypass), the set of security
/// groups (egress rules, ingress rules, and membership for group references), and which
/// CIDRs written in rules (security groups, NACLs, routes) contain their private address.
/// A pair's verdict is the conjunction of independent checks, each memoised on the
/// smallest key it depends on:
///   egress(groups of A, peer class of B) ∧ route(table of A, route class of B)
///   ∧ NACLs(ACL class of A, ACL class of B, both directions and the reply)
///   ∧ ingress(groups of B, peer class of A).
/// Pairs across VPCs (and internet → instance) go through `evaluate` once per class pair.

package struct ReachabilitySummary: Sendable {
    package var ports: [Int]
    package var `protocol`: IPProtocol
    package var instanceCount: Int
    /// Equivalence classes of instances the pairwise work was done over.
    package var classCount: Int
    /// Port → names of instances reachable from the internet (by their public address).
    package var internetReachable: [Int: Set<String>]
    /// Port → number of ordered (source, destination) instance pairs, source ≠ destination, that connect.
    package var reachablePairs: [Int: Int]
    /// Port → how many of those reach only some client ports (`PARTIAL_EPHEMERAL_PORTS`).
    package var partialPairs: [Int: Int]

    var classOfInstance: [String: Int]
    /// Per port: classCount × classCount verdicts (0 no, 1 yes, 2 partial).
    var matrix: [Int: [UInt8]]

    /// The verdict of one instance → instance flow, from the class tables.
    package func isReachable(from source: String, to destination: String, port: Int) -> Bool? {
        guard let a = classOfInstance[source], let b = classOfInstance[destination], let m = matrix[port] else { return nil }
        if source == destination { return true }
        return m[a * classCount + b] != 0
    }
}

private struct InternKey<T: Hashable> {
    var ids: [T: Int] = [:]
    mutating func id(_ value: T) -> Int {
        if let existing = ids[value] { return existing }
        let new = ids.count
        ids[value] = new
        return new
    }
}

private struct ClassKey: Hashable {
    var subnet: Int
    var vpc: Int
    var groups: Int
    var peer: Int
    var acl: Int
    var route: Int
    var table: Int
    var alive: Bool
    var hasPublic: Bool
    /// What it listens on (`ListeningPorts`), interned; -1: every port.
    var listen: Int
}

/// The instances sorted into classes that behave alike, with the interned keys the
/// pairwise memo tables are indexed by.
private struct InstanceClasses {
    var keys: [ClassKey] = []
    var counts: [Int] = []
    var representative: [Int] = []
    var classOfInstance: [String: Int] = [:]
    var groupsOfID: [[GroupRef]] = []
    var listenSets: [Set<Int>] = []
    var points: [NetPoint] = []
    var peerCount = 0, aclCount = 0, routeCount = 0, tableCount = 0
    var count: Int { counts.count }
}

extension NetworkEngine {
    package func evaluateAll(ports: [Int], protocol proto: IPProtocol = .tcp, incidents: [Incident] = []) -> ReachabilitySummary {
        let state = IncidentState(engine: self, incidents: incidents)
        let classes = classifyInstances(state)
        var summary = ReachabilitySummary(ports: ports, protocol: proto, instanceCount: topology.instances.count, classCount: classes.count,
                                          internetReachable: [:], reachablePairs: [:], partialPairs: [:],
                                          classOfInstance: classes.classOfInstance, matrix: [:])
        for port in ports {
            summary.internetReachable[port] = internetReachable(classes, port: port, proto: proto, state)
            let (matrix, pairs, partial) = pairVerdicts(classes, port: port, proto: proto, state)
            summary.matrix[port] = matrix
            summary.reachablePairs[port] = pairs
            summary.partialPairs[port] = partial
        }
        return summary
    }

    /// Every distinct CIDR written in security-group rules, NACL rules and routes, and per
    /// subnet the indices of those that overlap it (only they can contain its addresses).
    private func writtenCIDRs() -> (sg: [CIDR], acl: [CIDR], route: [CIDR], sgBySubnet: [[Int]], aclBySubnet: [[Int]], routeBySubnet: [[Int]]) {
        var sgCIDRs = Set<CIDR>(), aclCIDRs = Set<CIDR>(), routeCIDRs = Set<CIDR>()
        for rules in groupRules.values {
            for rule in rules.inbound + rules.outbound { if case .cidr(let c) = rule.peer, c.prefixLength > 0 { sgCIDRs.insert(c) } }
        }
        for rules in aclInbound + aclOutbound {
            for rule in rules { if case .cidr(let c) = rule.peer, c.prefixLength > 0 { aclCIDRs.insert(c) } }
        }
        for table in topology.routeTables {
            for route in table.routes { if let c = routeCIDR(route.destination.value), c.prefixLength > 0 { routeCIDRs.insert(c) } }
        }
        func sorted(_ set: Set<CIDR>) -> [CIDR] { set.sorted { ($0.address, $0.prefixLength) < ($1.address, $1.prefixLength) } }
        let sg = sorted(sgCIDRs), acl = sorted(aclCIDRs), route = sorted(routeCIDRs)
        func overlapping(_ list: [CIDR]) -> [[Int]] {
            topology.subnets.map { subnet in list.indices.filter { list[$0].overlaps(subnet.cidr.value) } }
        }
        return (sg, acl, route, overlapping(sg), overlapping(acl), overlapping(route))
    }

    /// Sorts the instances into classes that every check sees alike.
    private func classifyInstances(_ state: IncidentState) -> InstanceClasses {
        let cidrs = writtenCIDRs()
        var groupIDs = InternKey<[GroupRef]>(), peerIDs = InternKey<[Int]>(), aclIDs = InternKey<[Int]>()
        var routeIDs = InternKey<[Int]>(), tableIDs = InternKey<Int>(), classIDs = InternKey<ClassKey>(), listenIDs = InternKey<Set<Int>>()
        var classes = InstanceClasses()
        for (i, instance) in topology.instances.enumerated() {
            guard let p = point(instance: i), classes.classOfInstance[instance.name] == nil else { continue }
            let ip = p.address
            let g = groupIDs.id(p.groups)
            if g == classes.groupsOfID.count { classes.groupsOfID.append(p.groups) }
            let peer = peerIDs.id([g] + cidrs.sgBySubnet[p.subnet].filter { cidrs.sg[$0].contains(ip) })
            let aclKey: [Int]
            switch index.subnetACL[p.subnet] {
            case .defaultAllow: aclKey = [-1]
            case .acl(let a): aclKey = [a] + cidrs.aclBySubnet[p.subnet].filter { cidrs.acl[$0].contains(ip) }
            }
            let acl = aclIDs.id(aclKey)
            let route = routeIDs.id(cidrs.routeBySubnet[p.subnet].filter { cidrs.route[$0].contains(ip) })
            let table = tableIDs.id(index.subnetTable[p.subnet].table ?? -1 - p.vpc)
            var listen = -1
            if let ports = listeningPorts(.instance(i)) {
                listen = listenIDs.id(ports)
                if listen == classes.listenSets.count { classes.listenSets.append(ports) }
            }
            let key = ClassKey(subnet: p.subnet, vpc: p.vpc, groups: g, peer: peer, acl: acl, route: route, table: table,
                               alive: state.instanceDown(i) == nil, hasPublic: p.publicAddress != nil, listen: listen)
            let c = classIDs.id(key)
            if c == classes.counts.count {
                classes.counts.append(0)
                classes.representative.append(i)
                classes.keys.append(key)
            }
            classes.counts[c] += 1
            classes.classOfInstance[instance.name] = c
        }
        classes.points = classes.representative.map { point(instance: $0)! }
        (classes.peerCount, classes.aclCount) = (peerIDs.ids.count, aclIDs.ids.count)
        (classes.routeCount, classes.tableCount) = (routeIDs.ids.count, tableIDs.ids.count)
        return classes
    }

    /// Internet → instance, evaluated once per (subnet, groups, public-ness, alive, listening).
    private func internetReachable(_ classes: InstanceClasses, port: Int, proto: IPProtocol, _ state: IncidentState) -> Set<String> {
        var memo: [[Int]: Bool] = [:]
        var reachable = [Bool](repeating: false, count: classes.count)
        for c in 0..<classes.count {
            let k = classes.keys[c]
            let memoKey = [k.subnet, k.groups, k.hasPublic ? 1 : 0, k.alive ? 1 : 0, k.listen]
            if let known = memo[memoKey] { reachable[c] = known; continue }
            let name = topology.instances[classes.representative[c]].name
            let ok = evaluate(FlowQuery(from: .internet, to: .named(name), protocol: proto, port: port), state).isReachable
            memo[memoKey] = ok
            reachable[c] = ok
        }
        return Set(classes.classOfInstance.compactMap { reachable[$0.value] ? $0.key : nil })
    }

    /// Instance → instance for one port: the class × class verdicts (0 no, 1 yes, 2
    /// partial) and the number of instance pairs that connect (and only partly). Memo
    /// tables are flat arrays: -1 unknown, 0 no, 1 yes (2 partial for NACLs).
    private func pairVerdicts(_ classes: InstanceClasses, port: Int, proto: IPProtocol, _ state: IncidentState) -> ([UInt8], Int, Int) {
        let classCount = classes.count, peerCount = classes.peerCount, aclCount = classes.aclCount, routeCount = classes.routeCount
        let q = LegQuery(proto: proto, port: port, clientPorts: .linuxEphemeral, address: .auto)
        var egress = [Int8](repeating: -1, count: classes.groupsOfID.count * peerCount)
        var ingress = egress
        var routeOK = [Int8](repeating: -1, count: classes.tableCount * routeCount)
        var acl = [Int8](repeating: -1, count: aclCount * aclCount)
        var m = [UInt8](repeating: 0, count: classCount * classCount)
        var pairs = 0, partial = 0
        // Plain integer columns: the inner loop touches no reference-counted value.
        let keys = classes.keys, points = classes.points, counts = classes.counts
        let vpcOf = keys.map(\.vpc), groupsOf = keys.map(\.groups), peerOf = keys.map(\.peer)
        let tableOf = keys.map(\.table), routeOf = keys.map(\.route), subnetOf = keys.map(\.subnet)
        let aclOf = keys.map(\.acl), aliveOf = keys.map(\.alive)
        // A destination nothing listens on (on this port) refuses every pair.
        let answersOf = keys.map { $0.listen < 0 || classes.listenSets[$0.listen].contains(port) }
        for a in 0..<classCount where aliveOf[a] {
            for b in 0..<classCount where aliveOf[b] && answersOf[b] {
                var verdict: UInt8
                if vpcOf[a] != vpcOf[b] {
                    let r = evaluate(FlowQuery(from: .named(topology.instances[classes.representative[a]].name),
                                               to: .named(topology.instances[classes.representative[b]].name), protocol: proto, port: port), state)
                    verdict = r.isReachable ? (r.isPartial ? 2 : 1) : 0
                } else {
                    let eKey = groupsOf[a] * peerCount + peerOf[b]
                    if egress[eKey] < 0 {
                        egress[eKey] = groupsAllow(classes.groupsOfID[groupsOf[a]], inbound: false, peer: CIDR(host: points[b].address), proto: proto, port: port).allowed ? 1 : 0
                    }
                    if egress[eKey] == 0 { continue }
                    let iKey = groupsOf[b] * peerCount + peerOf[a]
                    if ingress[iKey] < 0 {
                        ingress[iKey] = groupsAllow(classes.groupsOfID[groupsOf[b]], inbound: true, peer: CIDR(host: points[a].address), proto: proto, port: port).allowed ? 1 : 0
                    }
                    if ingress[iKey] == 0 { continue }
                    if subnetOf[a] == subnetOf[b] {
                        verdict = 1
                    } else {
                        let rKey = tableOf[a] * routeCount + routeOf[b]
                        if routeOK[rKey] < 0 {
                            var v: Int8 = 0
                            if let match = lookupRoute(subnet: subnetOf[a], to: CIDR(host: points[b].address)), case .local = match.target { v = 1 }
                            routeOK[rKey] = v
                        }
                        if routeOK[rKey] == 0 { continue }
                        let aKey = aclOf[a] * aclCount + aclOf[b]
                        if acl[aKey] < 0 { acl[aKey] = Int8(aclPairVerdict(points[a], points[b], q)) }
                        verdict = UInt8(acl[aKey])
                    }
                }
                guard verdict != 0 else { continue }
                m[a * classCount + b] = verdict
                let count = a == b ? counts[a] * (counts[a] - 1) : counts[a] * counts[b]
                pairs += count
                if verdict == 2 { partial += count }
            }
        }
        return (m, pairs, partial)
    }

    /// The four NACL checks between two subnets of one VPC: request out and in, reply out
    /// and in. 0 blocked, 1 allowed, 2 allowed for some client ports only.
    private func aclPairVerdict(_ a: NetPoint, _ b: NetPoint, _ q: LegQuery) -> UInt8 {
        let peerA = CIDR(host: a.address), peerB = CIDR(host: b.address)
        guard aclDecide(index.subnetACL[a.subnet], inbound: false, peer: peerB, proto: q.proto, port: q.port).allows,
              aclDecide(index.subnetACL[b.subnet], inbound: true, peer: peerA, proto: q.proto, port: q.port).allows else { return 0 }
        let replyOut = aclReply(index.subnetACL[b.subnet], inbound: false, peer: peerA, proto: q.proto, ports: q.clientPorts)
        let replyIn = aclReply(index.subnetACL[a.subnet], inbound: true, peer: peerB, proto: q.proto, ports: q.clientPorts)
        if replyOut.allowed.isEmpty || replyIn.allowed.isEmpty { return 0 }
        return replyOut.missing.isEmpty && replyIn.missing.isEmpty ? 1 : 2
    }
}

/// What an instance, database or cache looks like to a direct flow (no `through`), as a
/// source or a destination: two endpoints with the same key get the same verdict toward
/// (and from) any third party — the rule `Grader` uses to evaluate one pair per pair of
/// keys when a requirement pairs many endpoints (`role:db` → `role:db` over hundreds of
/// copies). Everything a verdict can depend on is in it: the kind, the subnet of each
/// copy (route table, NACL, AZ, VPC) and the address atom it falls in (every CIDR a rule
/// or route writes cuts the atoms; none when a full subnet left it no address), the
/// security groups (rules and membership), the public address's atom, what it listens
/// on, its AZs, and whether it was struck by name; for a pre-cloud host, its site and
/// whether it is a PC. An endpoint that relays (forwards, a proxy role), that a route
/// sends traffic through, or that a site's forward or tunnel leads to has no key: it is
/// walked itself.
package struct EndpointBehaviour: Hashable, Sendable {
    var kind: ComponentKind
    /// Per copy (one for an instance, primary then standby for a store): subnet, address atom.
    var places: [Int]
    var azs: [String?]
    var groups: [GroupRef]
    var publicAtom: Int?
    var isElastic: Bool
    var listening: Set<Int>?
}

extension NetworkEngine {
    /// The behaviour key of the instance, database or cache named `name`, or nil when it is
    /// none of those, is special (see `EndpointBehaviour`) or is named by an incident in `struck`.
    package func behaviour(of name: String, struck: Set<String>) -> EndpointBehaviour? {
        guard !struck.contains(name) else { return nil }
        if let i = index.instance[name] {
            guard let s = index.instanceSubnet[i] else { return nil }
            let instance = topology.instances[i]
            guard instance.forwards.isEmpty, instance.roles.allSatisfy({ !Self.proxyRoles.contains($0.value) }), !routeTargets.contains(i) else { return nil }
            return EndpointBehaviour(kind: .instance, places: [s, instancePrivate[i].map(atomIndex) ?? -1], azs: [instanceAZ[i]], groups: instanceGroups[i],
                                     publicAtom: instancePublic[i].map { atomIndex($0.address) }, isElastic: instancePublic[i]?.isElastic ?? false,
                                     listening: listeningPorts(.instance(i)))
        }
        if let h = index.host[name] {
            // A pre-cloud host: its site, whether it is a PC (power, `pc-off`), what it listens on.
            let host = topology.hosts[h]
            guard let site = index.hostSite[h], !forwardTargets.contains(name), host.roles.allSatisfy({ !Self.proxyRoles.contains($0.value) }) else { return nil }
            return EndpointBehaviour(kind: .host, places: [site, host.kind == .personalComputer ? 1 : 0], azs: [], groups: [], publicAtom: nil,
                                     isElastic: false, listening: listeningPorts(.host(h)))
        }
        if let k = index.dataStore(named: name) {
            let nodes = storeNodes[k]
            return EndpointBehaviour(kind: topology.dataStores[k].kind, places: nodes.flatMap { [$0.subnet, atomIndex($0.address)] }, azs: nodes.map(\.availabilityZone),
                                     groups: storeGroups[k], publicAtom: storePublic[k].map(atomIndex), isElastic: false, listening: listeningPorts(.dataStore(k)))
        }
        return nil
    }

    /// The atom `address` falls in: how many atom boundaries are at or below it.
    func atomIndex(_ address: IPv4Address) -> Int {
        var low = 0, high = atomCuts.count
        while low < high {
            let mid = (low + high) / 2
            if atomCuts[mid] <= address.value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
