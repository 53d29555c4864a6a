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

public struct ReachabilitySummary: Sendable {
    public var ports: [Int]
    public var `protocol`: IPProtocol
    public var instanceCount: Int
    /// Equivalence classes of instances the pairwise work was done over.
    public var classCount: Int
    /// Port → names of instances reachable from the internet (by their public address).
    public var internetReachable: [Int: Set<String>]
    /// Port → number of ordered (source, destination) instance pairs, source ≠ destination, that connect.
    public var reachablePairs: [Int: Int]
    /// Port → how many of those reach only some client ports (`PARTIAL_EPHEMERAL_PORTS`).
    public var partialPairs: [Int: Int]

    var classOfInstance: [String: Int]
    /// Per port: classCount × classCount verdicts (0 no, 1 yes, 2 partial).
    var matrix: [Int: [UInt8]]

    /// The verdict of one instance → instance flow, from the class tables.
    public func isReachable(from source: String, to destination: String, port: Int) -> Bool? {
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

extension NetworkEngine {
    public func evaluateAll(ports: [Int], protocol proto: IPProtocol = .tcp, incidents: [Incident] = []) -> ReachabilitySummary {
        let state = IncidentState(engine: self, incidents: incidents)

        // Every distinct CIDR written in a rule or route, by kind.
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
        let sgList = sgCIDRs.sorted { ($0.address, $0.prefixLength) < ($1.address, $1.prefixLength) }
        let aclList = aclCIDRs.sorted { ($0.address, $0.prefixLength) < ($1.address, $1.prefixLength) }
        let routeList = routeCIDRs.sorted { ($0.address, $0.prefixLength) < ($1.address, $1.prefixLength) }
        // Per subnet, only the CIDRs that overlap it can contain one of its addresses.
        func overlapping(_ list: [CIDR]) -> [[Int]] {
            topology.subnets.map { subnet in list.indices.filter { list[$0].overlaps(subnet.cidr.value) } }
        }
        let sgBySubnet = overlapping(sgList), aclBySubnet = overlapping(aclList), routeBySubnet = overlapping(routeList)

        var groupIDs = InternKey<[GroupRef]>()
        var peerIDs = InternKey<[Int]>()
        var aclIDs = InternKey<[Int]>()
        var routeIDs = InternKey<[Int]>()
        var tableIDs = InternKey<Int>()
        var classIDs = InternKey<ClassKey>()
        var listenIDs = InternKey<Set<Int>>()
        var listenSets: [Set<Int>] = []
        _ = groupIDs.ids.count
        var classCounts: [Int] = []
        var classRepresentative: [Int] = []
        var classKeys: [ClassKey] = []
        var classOfInstance: [String: Int] = [:]
        var groupsOfID: [[GroupRef]] = []
        var aclChoiceOfID: [Int: ACLChoice] = [:]

        for (i, instance) in topology.instances.enumerated() {
            guard let p = point(instance: i), classOfInstance[instance.name] == nil else { continue }
            let ip = p.address
            let g = groupIDs.id(p.groups)
            if g == groupsOfID.count { groupsOfID.append(p.groups) }
            let peer = peerIDs.id([g] + sgBySubnet[p.subnet].filter { sgList[$0].contains(ip) })
            let aclKey: [Int]
            switch index.subnetACL[p.subnet] {
            case .defaultAllow: aclKey = [-1]
            case .acl(let a): aclKey = [a] + aclBySubnet[p.subnet].filter { aclList[$0].contains(ip) }
            }
            let acl = aclIDs.id(aclKey)
            aclChoiceOfID[acl] = index.subnetACL[p.subnet]
            let route = routeIDs.id(routeBySubnet[p.subnet].filter { routeList[$0].contains(ip) })
            let table = tableIDs.id(index.subnetTable[p.subnet].table ?? -1 - p.vpc)
            var listen = -1
            if let ports = listeningPorts(.instance(i)) {
                listen = listenIDs.id(ports)
                if listen == listenSets.count { listenSets.append(ports) }
            }
            let key = ClassKey(subnet: p.subnet, vpc: p.vpc, groups: g, peer: peer, acl: acl, route: route, table: table,
                               alive: state.instanceDown(i) == nil, hasPublic: p.publicAddress != nil, listen: listen)
            let c = classIDs.id(key)
            if c == classCounts.count {
                classCounts.append(0)
                classRepresentative.append(i)
                classKeys.append(key)
            }
            classCounts[c] += 1
            classOfInstance[instance.name] = c
        }
        let classCount = classCounts.count
        let points = classRepresentative.map { point(instance: $0)! }
        var summary = ReachabilitySummary(ports: ports, protocol: proto, instanceCount: topology.instances.count, classCount: classCount,
                                          internetReachable: [:], reachablePairs: [:], partialPairs: [:],
                                          classOfInstance: classOfInstance, matrix: [:])

        for port in ports {
            // Internet → instance, once per (subnet, groups, public-ness, alive).
            var internetMemo: [[Int]: Bool] = [:]
            var internetClass = [Bool](repeating: false, count: classCount)
            for c in 0..<classCount {
                let k = classKeys[c]
                let memoKey = [k.subnet, k.groups, k.hasPublic ? 1 : 0, k.alive ? 1 : 0, k.listen]
                if let known = internetMemo[memoKey] { internetClass[c] = known; continue }
                let name = topology.instances[classRepresentative[c]].name
                let ok = evaluate(FlowQuery(from: .internet, to: .named(name), protocol: proto, port: port), state).isReachable
                internetMemo[memoKey] = ok
                internetClass[c] = ok
            }
            var reachableFromInternet = Set<String>()
            for (name, c) in classOfInstance where internetClass[c] { reachableFromInternet.insert(name) }
            summary.internetReachable[port] = reachableFromInternet

            // Instance → instance. Memo tables are flat arrays: -1 unknown, 0 no, 1 yes (2 partial for NACLs).
            let q = LegQuery(proto: proto, port: port, clientPorts: .linuxEphemeral, address: .auto)
            let groupCount = groupsOfID.count, peerCount = peerIDs.ids.count, aclCount = aclIDs.ids.count
            let routeCount = routeIDs.ids.count, tableCount = tableIDs.ids.count
            var egress = [Int8](repeating: -1, count: groupCount * peerCount)
            var ingress = [Int8](repeating: -1, count: groupCount * peerCount)
            var routeOK = [Int8](repeating: -1, count: tableCount * routeCount)
            var acl = [Int8](repeating: -1, count: aclCount * aclCount)
            var m = [UInt8](repeating: 0, count: classCount * classCount)
            var pairs = 0, partial = 0
            // Plain integer columns: the inner loop touches no reference-counted value.
            let vpcOf = classKeys.map(\.vpc), groupsOf = classKeys.map(\.groups), peerOf = classKeys.map(\.peer)
            let tableOf = classKeys.map(\.table), routeOf = classKeys.map(\.route), subnetOf = classKeys.map(\.subnet)
            let aclOf = classKeys.map(\.acl), aliveOf = classKeys.map(\.alive)
            // A destination nothing listens on (on this port) refuses every pair.
            let answersOf = classKeys.map { $0.listen < 0 || listenSets[$0.listen].contains(port) }
            for a in 0..<classCount {
                guard aliveOf[a] else { continue }
                let (aVPC, aGroups, aPeer, aTable, aSubnet, aACL) = (vpcOf[a], groupsOf[a], peerOf[a], tableOf[a], subnetOf[a], aclOf[a])
                for b in 0..<classCount {
                    guard aliveOf[b], answersOf[b] else { continue }
                    var verdict: UInt8
                    if aVPC != vpcOf[b] {
                        let r = evaluate(FlowQuery(from: .named(topology.instances[classRepresentative[a]].name),
                                                   to: .named(topology.instances[classRepresentative[b]].name), protocol: proto, port: port), state)
                        verdict = r.isReachable ? (r.isPartial ? 2 : 1) : 0
                    } else {
                        let eKey = aGroups * peerCount + peerOf[b]
                        if egress[eKey] < 0 {
                            egress[eKey] = groupsAllow(groupsOfID[aGroups], inbound: false, peer: CIDR(host: points[b].address), proto: proto, port: port).allowed ? 1 : 0
                        }
                        if egress[eKey] == 0 { continue }
                        let iKey = groupsOf[b] * peerCount + aPeer
                        if ingress[iKey] < 0 {
                            ingress[iKey] = groupsAllow(groupsOfID[groupsOf[b]], inbound: true, peer: CIDR(host: points[a].address), proto: proto, port: port).allowed ? 1 : 0
                        }
                        if ingress[iKey] == 0 { continue }
                        let rKey = aTable * routeCount + routeOf[b]
                        if aSubnet != subnetOf[b], routeOK[rKey] < 0 {
                            var v: Int8 = 0
                            if let match = lookupRoute(subnet: aSubnet, to: CIDR(host: points[b].address)), case .local = match.target { v = 1 }
                            routeOK[rKey] = v
                        }
                        if aSubnet != subnetOf[b], routeOK[rKey] == 0 { continue }
                        if aSubnet == subnetOf[b] {
                            verdict = 1
                        } else {
                            let aKey = aACL * aclCount + aclOf[b]
                            if acl[aKey] < 0 { acl[aKey] = Int8(aclPairVerdict(points[a], points[b], q)) }
                            verdict = UInt8(acl[aKey])
                        }
                    }
                    guard verdict != 0 else { continue }
                    m[a * classCount + b] = verdict
                    let count = a == b ? classCounts[a] * (classCounts[a] - 1) : classCounts[a] * classCounts[b]
                    pairs += count
                    if verdict == 2 { partial += count }
                }
            }
            summary.matrix[port] = m
            summary.reachablePairs[port] = pairs
            summary.partialPairs[port] = partial
        }
        return summary
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
