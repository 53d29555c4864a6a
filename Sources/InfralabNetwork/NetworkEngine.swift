import InfralabSyntax
import InfralabTopology

/// Decides reachability by evaluating a `Topology`, the way AWS Reachability Analyzer
/// does: it builds a model of the configuration once (`init`), then answers flows
/// (`evaluate`), whole services (`serviceAnswers`) and batches (`evaluateAll`).
///
/// The rules it follows are `Docs/network-engine.md` (which cites
/// `shared/design/network-rules.md` rule by rule). Indexes are built once; evaluating
/// a flow never copies the topology.
public struct NetworkEngine: Sendable {
    public let topology: Topology

    // Name → index, one table per kind. The first declaration of a name wins (the loader
    // reports duplicates).
    var vpcIndex: [String: Int] = [:]
    var igwIndex: [String: Int] = [:]
    var subnetIndex: [String: Int] = [:]
    var routeTableIndex: [String: Int] = [:]
    var natIndex: [String: Int] = [:]
    var groupIndex: [String: Int] = [:]
    var aclIndex: [String: Int] = [:]
    var instanceIndex: [String: Int] = [:]
    var lbIndex: [String: Int] = [:]
    var outsideIndex: [String: Int] = [:]
    var siteIndex: [String: Int] = [:]
    var hostIndex: [String: Int] = [:]

    // Per VPC.
    var vpcMainTable: [Int?] = []
    var vpcDefaultACL: [Int?] = []
    /// The internet gateway attached to each VPC (first by name when several).
    var vpcGateway: [Int?] = []

    // Per subnet.
    var subnetVPC: [Int?] = []
    var subnetTable: [EffectiveRouteTable] = []
    var subnetACL: [ACLChoice] = []
    var subnetAZ: [String?] = []

    // Per instance.
    var instanceSubnet: [Int?] = []
    var instancePrivate: [IPv4Address?] = []
    var instancePublic: [PublicAddress?] = []
    var instanceAZ: [String?] = []
    var instanceGroups: [[GroupRef]] = []

    // Per load balancer: one node per subnet.
    var lbNodes: [[LBNode]] = []
    var lbPublic: [IPv4Address?] = []
    var lbGroups: [[GroupRef]] = []

    // Per NAT gateway.
    var natSubnet: [Int?] = []
    var natPrivate: [IPv4Address?] = []

    // Security groups, resolved: rules per group (declared and each VPC's default).
    var groupRules: [GroupRef: GroupRules] = [:]
    /// Private addresses of each group's members (instances and load-balancer nodes).
    var groupMembers: [GroupRef: Set<UInt32>] = [:]

    // Network ACLs, rules sorted by number per direction.
    var aclInbound: [[ResolvedACLRule]] = []
    var aclOutbound: [[ResolvedACLRule]] = []

    // Sites and hosts.
    var hostSite: [Int?] = []

    // Address atoms (`AddressAtoms.swift`): where atoms start, and the internet's atoms.
    var atomCuts: [UInt32] = []
    var internetAtoms: [AddressRange] = []

    public init(topology: Topology) {
        self.topology = topology
        buildIndexes()
        assignAddresses()
        resolveSecurityGroups()
        resolveNetworkACLs()
        buildAtoms()
    }
}

// MARK: - Internal model

/// A security group as the engine sees it: a declared group, or a VPC's default group
/// (what an instance without `security-groups:` gets).
enum GroupRef: Hashable, Sendable {
    case declared(Int)
    case vpcDefault(Int)
}

struct PublicAddress: Hashable, Sendable {
    var address: IPv4Address
    var isElastic: Bool
    var location: SourceLocation
}

struct LBNode: Hashable, Sendable {
    var subnet: Int
    var address: IPv4Address
    var availabilityZone: String?
}

struct EffectiveRouteTable: Hashable, Sendable {
    var vpc: Int?
    /// Index into `topology.routeTables`; nil: the implicit main table (local route only).
    var table: Int?
    var isExplicit: Bool
}

enum ACLChoice: Hashable, Sendable {
    /// AWS's default ACL: allows everything.
    case defaultAllow
    case acl(Int)
}

/// A rule's peer after name resolution.
enum PeerSet: Hashable, Sendable {
    case cidr(CIDR)
    case group(GroupRef)
    case nothing
}

struct ResolvedRule: Hashable, Sendable {
    var proto: IPProtocol
    var ports: PortRange?
    var peer: PeerSet
    var peerText: String
    var location: SourceLocation?
    var groupName: String
}

struct GroupRules: Hashable, Sendable {
    var name: String
    var location: SourceLocation?
    var inbound: [ResolvedRule]
    var outbound: [ResolvedRule]
    var outboundIsDefault: Bool
}

struct ResolvedACLRule: Hashable, Sendable {
    var number: Int
    var allow: Bool
    var proto: IPProtocol
    var ports: PortRange?
    var peer: PeerSet
    var peerText: String
    var location: SourceLocation
}

// MARK: - Building

extension NetworkEngine {
    private mutating func buildIndexes() {
        func index<T>(_ items: [T], _ name: (T) -> String) -> [String: Int] {
            var result: [String: Int] = [:]
            for (i, item) in items.enumerated() where result[name(item)] == nil { result[name(item)] = i }
            return result
        }
        vpcIndex = index(topology.vpcs, \.name)
        igwIndex = index(topology.internetGateways, \.name)
        subnetIndex = index(topology.subnets, \.name)
        routeTableIndex = index(topology.routeTables, \.name)
        natIndex = index(topology.natGateways, \.name)
        groupIndex = index(topology.securityGroups, \.name)
        aclIndex = index(topology.networkACLs, \.name)
        instanceIndex = index(topology.instances, \.name)
        lbIndex = index(topology.loadBalancers, \.name)
        outsideIndex = index(topology.outside, \.name)
        siteIndex = index(topology.sites, \.name)
        hostIndex = index(topology.hosts, \.name)

        let vpcCount = topology.vpcs.count
        let onlyVPC: Int? = vpcCount == 1 ? 0 : nil

        // Subnets → VPC.
        subnetVPC = topology.subnets.map { vpcIndex[$0.vpc.name] }

        // Internet gateways attached to each VPC; ties broken by name so order never matters.
        vpcGateway = Array(repeating: nil, count: vpcCount)
        for (i, igw) in topology.internetGateways.enumerated() {
            guard let v = igw.vpc.flatMap({ vpcIndex[$0.name] }) else { continue }
            if let existing = vpcGateway[v], topology.internetGateways[existing].name <= igw.name { continue }
            vpcGateway[v] = i
        }

        // The VPC a route table belongs to: written, else inferred from its subnets.
        var tableVPC: [Int?] = topology.routeTables.map { $0.vpc.flatMap { vpcIndex[$0.name] } }
        for (s, subnet) in topology.subnets.enumerated() {
            if let t = subnet.routeTable.flatMap({ routeTableIndex[$0.name] }), tableVPC[t] == nil { tableVPC[t] = subnetVPC[s] }
        }
        vpcMainTable = Array(repeating: nil, count: vpcCount)
        for (t, table) in topology.routeTables.enumerated() where table.isMain {
            guard let v = tableVPC[t] ?? onlyVPC else { continue }
            if let existing = vpcMainTable[v], topology.routeTables[existing].name <= table.name { continue }
            vpcMainTable[v] = t
        }
        subnetTable = topology.subnets.enumerated().map { s, subnet in
            if let t = subnet.routeTable.flatMap({ routeTableIndex[$0.name] }) {
                return EffectiveRouteTable(vpc: subnetVPC[s], table: t, isExplicit: true)
            }
            return EffectiveRouteTable(vpc: subnetVPC[s], table: subnetVPC[s].flatMap { vpcMainTable[$0] }, isExplicit: false)
        }

        // Network ACLs: explicit on the subnet, else listed on an ACL, else the VPC's
        // `default: true` ACL, else AWS's allow-all default.
        var listedACL: [String: Int] = [:]
        for (a, acl) in topology.networkACLs.enumerated() {
            for s in acl.subnets where listedACL[s.name] == nil { listedACL[s.name] = a }
        }
        vpcDefaultACL = Array(repeating: nil, count: vpcCount)
        for (a, acl) in topology.networkACLs.enumerated() where acl.isDefault {
            var vpcs: [Int] = []
            if let v = acl.vpc.flatMap({ vpcIndex[$0.name] }) {
                vpcs = [v]
            } else {
                let fromSubnets = acl.subnets.compactMap { subnetIndex[$0.name].flatMap { subnetVPC[$0] } }
                vpcs = fromSubnets.isEmpty ? Array(0..<vpcCount) : fromSubnets
            }
            for v in vpcs {
                if let existing = vpcDefaultACL[v], topology.networkACLs[existing].name <= acl.name { continue }
                vpcDefaultACL[v] = a
            }
        }
        subnetACL = topology.subnets.enumerated().map { s, subnet in
            if let a = subnet.networkACL.flatMap({ aclIndex[$0.name] }) { return .acl(a) }
            if let a = listedACL[subnet.name] { return .acl(a) }
            if let v = subnetVPC[s], let a = vpcDefaultACL[v] { return .acl(a) }
            return .defaultAllow
        }
        subnetAZ = topology.subnets.map { $0.availabilityZone?.value }

        natSubnet = topology.natGateways.map { subnetIndex[$0.subnet.name] }
        hostSite = topology.hosts.map { siteIndex[$0.site.name] }
    }

    /// Private addresses: a written `private-ip` is kept; the others get, in declaration
    /// order, the first free address after the four reserved at the start of their
    /// subnet. Then load-balancer nodes (one per subnet) and NAT gateways, the same way.
    /// Public addresses: an Elastic IP, else an auto-assigned one when `public-ip: true`
    /// or the subnet maps public IPs (and `public-ip` is not `false`): invented from the
    /// documentation ranges (198.51.100.0/24, 192.0.2.0/24, then the benchmarking range
    /// 198.18.0.0/15), skipping every address written anywhere in the file.
    private mutating func assignAddresses() {
        var used: [Int: Set<UInt32>] = [:]
        var cursor: [Int: UInt32] = [:]
        instanceSubnet = topology.instances.map { $0.subnet.flatMap { subnetIndex[$0.name] } }
        for (i, instance) in topology.instances.enumerated() {
            if let s = instanceSubnet[i], let ip = instance.privateIP?.value { used[s, default: []].insert(ip.value) }
        }
        func nextFree(in s: Int) -> IPv4Address? {
            let cidr = topology.subnets[s].cidr.value
            guard let first = cidr.firstAssignable else { return nil }
            var candidate = cursor[s] ?? first.value
            let lastUsable = cidr.last.value &- 1
            while candidate <= lastUsable {
                if !(used[s]?.contains(candidate) ?? false) {
                    used[s, default: []].insert(candidate)
                    cursor[s] = candidate &+ 1
                    return IPv4Address(candidate)
                }
                candidate &+= 1
            }
            cursor[s] = candidate
            return nil
        }
        instancePrivate = topology.instances.enumerated().map { i, instance in
            if let ip = instance.privateIP?.value { return ip }
            return instanceSubnet[i].flatMap { nextFree(in: $0) }
        }

        // Addresses written anywhere: auto-assigned public addresses avoid them.
        var taken = Set<UInt32>()
        var takenRanges: [CIDR] = []
        for instance in topology.instances { if let e = instance.elasticIP?.value { taken.insert(e.value) } }
        for nat in topology.natGateways { if let e = nat.elasticIP?.value { taken.insert(e.value) } }
        for site in topology.sites { if let ip = site.publicIP?.value { taken.insert(ip.value) } }
        for host in topology.outside where host.cidr.value.prefixLength >= 8 { takenRanges.append(host.cidr.value) }
        let pools: [CIDR] = [CIDR("198.51.100.0/24")!, CIDR("192.0.2.0/24")!, CIDR("198.18.0.0/15")!]
        var pool = 0
        var offset: UInt32 = 1
        func inventPublic() -> IPv4Address? {
            while pool < pools.count {
                let cidr = pools[pool]
                while UInt64(offset) < cidr.size - 1 {
                    let candidate = cidr.address.value + offset
                    offset += 1
                    if taken.contains(candidate) || takenRanges.contains(where: { $0.contains(IPv4Address(candidate)) }) { continue }
                    taken.insert(candidate)
                    return IPv4Address(candidate)
                }
                pool += 1
                offset = 1
            }
            return nil
        }
        instancePublic = topology.instances.enumerated().map { i, instance in
            if let e = instance.elasticIP { return PublicAddress(address: e.value, isElastic: true, location: e.location) }
            let subnetMaps = instanceSubnet[i].map { topology.subnets[$0].mapsPublicIPOnLaunch } ?? false
            let wants = instance.publicIP?.value ?? subnetMaps
            guard wants, let address = inventPublic() else { return nil }
            return PublicAddress(address: address, isElastic: false, location: instance.publicIP?.location ?? instance.location)
        }
        instanceAZ = topology.instances.enumerated().map { i, instance in
            instanceSubnet[i].flatMap { subnetAZ[$0] } ?? instance.availabilityZone?.value
        }

        lbNodes = topology.loadBalancers.map { lb in
            var nodes: [LBNode] = []
            for reference in lb.subnets {
                guard let s = subnetIndex[reference.name], !nodes.contains(where: { $0.subnet == s }), let address = nextFree(in: s) else { continue }
                nodes.append(LBNode(subnet: s, address: address, availabilityZone: subnetAZ[s]))
            }
            return nodes
        }
        lbPublic = topology.loadBalancers.map { $0.scheme == .internetFacing ? inventPublic() : nil }
        natPrivate = natSubnet.map { $0.flatMap { nextFree(in: $0) } }
    }

    func resolvePeer(_ peer: Peer) -> (PeerSet, String) {
        switch peer {
        case .cidr(let c): return (.cidr(c), c.description)
        case .internet: return (.cidr(.anywhere), "internet (0.0.0.0/0)")
        case .securityGroup(let name):
            if let g = groupIndex[name] { return (.group(.declared(g)), name) }
            return (.nothing, name)
        case .outsideHost(let name):
            if let o = outsideIndex[name] { return (.cidr(topology.outside[o].cidr.value), name) }
            return (.nothing, name)
        case .site(let name):
            if let s = siteIndex[name], let ip = topology.sites[s].publicIP?.value { return (.cidr(CIDR(host: ip)), name) }
            return (.nothing, name)
        case .unresolved(let name): return (.nothing, name)
        }
    }

    private mutating func resolveSecurityGroups() {
        func rules(_ list: [SecurityGroupRule], group: String) -> [ResolvedRule] {
            list.map { rule in
                let (peer, text) = resolvePeer(rule.peer.value)
                return ResolvedRule(proto: rule.protocol, ports: rule.ports, peer: peer, peerText: text, location: rule.location, groupName: group)
            }
        }
        for (g, group) in topology.securityGroups.enumerated() {
            let outbound: [ResolvedRule]
            if let written = group.outbound {
                outbound = rules(written, group: group.name)
            } else {
                outbound = [ResolvedRule(proto: .all, ports: nil, peer: .cidr(.anywhere), peerText: "0.0.0.0/0",
                                         location: group.location, groupName: group.name)]
            }
            groupRules[.declared(g)] = GroupRules(name: group.name, location: group.location, inbound: rules(group.inbound, group: group.name),
                                                  outbound: outbound, outboundIsDefault: group.outbound == nil)
        }
        for (v, vpc) in topology.vpcs.enumerated() {
            let name = "default (\(vpc.name))"
            groupRules[.vpcDefault(v)] = GroupRules(
                name: name, location: vpc.location,
                inbound: [ResolvedRule(proto: .all, ports: nil, peer: .group(.vpcDefault(v)), peerText: name, location: vpc.location, groupName: name)],
                outbound: [ResolvedRule(proto: .all, ports: nil, peer: .cidr(.anywhere), peerText: "0.0.0.0/0", location: vpc.location, groupName: name)],
                outboundIsDefault: true)
        }
        instanceGroups = topology.instances.enumerated().map { i, instance in
            guard let written = instance.securityGroups else {
                let v = instanceSubnet[i].flatMap { subnetVPC[$0] }
                return v.map { [.vpcDefault($0)] } ?? []
            }
            var refs: [GroupRef] = []
            for reference in written {
                if let g = groupIndex[reference.name], !refs.contains(.declared(g)) { refs.append(.declared(g)) }
            }
            return refs
        }
        lbGroups = topology.loadBalancers.enumerated().map { l, lb in
            if lb.securityGroups.isEmpty {
                let v = lbNodes[l].first.flatMap { subnetVPC[$0.subnet] }
                return v.map { [.vpcDefault($0)] } ?? []
            }
            return lb.securityGroups.compactMap { groupIndex[$0.name].map { GroupRef.declared($0) } }
        }
        for (i, refs) in instanceGroups.enumerated() {
            guard let ip = instancePrivate[i] else { continue }
            for ref in refs { groupMembers[ref, default: []].insert(ip.value) }
        }
        for (l, refs) in lbGroups.enumerated() {
            for ref in refs { for node in lbNodes[l] { groupMembers[ref, default: []].insert(node.address.value) } }
        }
    }

    private mutating func resolveNetworkACLs() {
        func rules(_ list: [NetworkACLRule]) -> [ResolvedACLRule] {
            let resolved = list.map { rule in
                let (peer, text) = resolvePeer(rule.peer.value)
                return ResolvedACLRule(number: rule.number.value, allow: rule.action == .allow, proto: rule.protocol, ports: rule.ports,
                                       peer: peer, peerText: text, location: rule.location)
            }
            // Lowest number first; equal numbers (a validation error) by position in the file.
            return resolved.sorted { ($0.number, $0.location) < ($1.number, $1.location) }
        }
        aclInbound = topology.networkACLs.map { rules($0.inbound) }
        aclOutbound = topology.networkACLs.map { rules($0.outbound) }
    }
}

// MARK: - Public helpers

/// A component found by name or role.
public struct ComponentRef: Sendable, Hashable, CustomStringConvertible {
    public var kind: ComponentKind
    public var name: String
    public var location: SourceLocation

    public var description: String { "\(kind.rawValue) \(name)" }
}

/// An instance's addresses and placement.
public struct InstancePlacement: Sendable, Hashable {
    public var name: String
    public var vpc: String?
    public var subnet: String?
    public var availabilityZone: String?
    public var privateIP: IPv4Address?
    public var publicIP: IPv4Address?
    public var hasElasticIP: Bool
    /// It has a public address *and* its subnet routes to an attached internet gateway.
    public var isReachableFromInternetByRouting: Bool
}

extension NetworkEngine {
    /// Roles that make a component a proxy: it forwards to the tier behind it.
    public static let proxyRoles: Set<String> = ["reverse-proxy", "proxy", "load-balancer", "lb"]

    /// Every component known by this name (instance, load balancer, NAT gateway, host,
    /// outside host, site, subnet, ...), most specific first.
    public func component(named name: String) -> ComponentRef? {
        if let i = instanceIndex[name] { return ComponentRef(kind: .instance, name: name, location: topology.instances[i].location) }
        if let i = lbIndex[name] { return ComponentRef(kind: .loadBalancer, name: name, location: topology.loadBalancers[i].location) }
        if let i = natIndex[name] { return ComponentRef(kind: .natGateway, name: name, location: topology.natGateways[i].location) }
        if let i = hostIndex[name] { return ComponentRef(kind: .host, name: name, location: topology.hosts[i].location) }
        if let i = outsideIndex[name] { return ComponentRef(kind: .outsideHost, name: name, location: topology.outside[i].location) }
        if let i = siteIndex[name] { return ComponentRef(kind: .site, name: name, location: topology.sites[i].location) }
        if let i = subnetIndex[name] { return ComponentRef(kind: .subnet, name: name, location: topology.subnets[i].location) }
        if let i = vpcIndex[name] { return ComponentRef(kind: .vpc, name: name, location: topology.vpcs[i].location) }
        if let i = groupIndex[name] { return ComponentRef(kind: .securityGroup, name: name, location: topology.securityGroups[i].location) }
        if let i = routeTableIndex[name] { return ComponentRef(kind: .routeTable, name: name, location: topology.routeTables[i].location) }
        if let i = aclIndex[name] { return ComponentRef(kind: .networkACL, name: name, location: topology.networkACLs[i].location) }
        if let i = igwIndex[name] { return ComponentRef(kind: .internetGateway, name: name, location: topology.internetGateways[i].location) }
        return nil
    }

    /// Instances, hosts (`runs:`) and load balancers that play `role`, in declaration
    /// order. A `load-balancer`/`lb` role also selects every load balancer.
    public func components(withRole role: String) -> [ComponentRef] {
        var result: [ComponentRef] = []
        for instance in topology.instances where instance.roles.contains(where: { $0.value == role }) {
            result.append(ComponentRef(kind: .instance, name: instance.name, location: instance.location))
        }
        for host in topology.hosts where host.roles.contains(where: { $0.value == role }) {
            result.append(ComponentRef(kind: .host, name: host.name, location: host.location))
        }
        let everyLB = role == "load-balancer" || role == "lb"
        for lb in topology.loadBalancers where everyLB || lb.roles.contains(where: { $0.value == role }) {
            result.append(ComponentRef(kind: .loadBalancer, name: lb.name, location: lb.location))
        }
        return result
    }

    /// Rule 5: a subnet is public iff its route table sends traffic to an internet
    /// gateway attached to its VPC. Nil for an unknown subnet.
    public func isPublicSubnet(_ name: String) -> Bool? {
        guard let s = subnetIndex[name] else { return nil }
        return subnetRoutesToGateway(s)
    }

    func subnetRoutesToGateway(_ s: Int) -> Bool {
        let table = subnetTable[s]
        guard let t = table.table, let v = table.vpc else { return false }
        for route in topology.routeTables[t].routes {
            if case .igw(let g) = resolveTarget(route.target.name), topology.internetGateways[g].vpc.flatMap({ vpcIndex[$0.name] }) == v {
                return true
            }
        }
        return false
    }

    /// The route table a subnet uses: its explicit one, else the VPC's main table; nil
    /// when it falls back to an implicit main table (local route only) or is unknown.
    public func effectiveRouteTable(ofSubnet name: String) -> RouteTable? {
        guard let s = subnetIndex[name], let t = subnetTable[s].table else { return nil }
        return topology.routeTables[t]
    }

    /// The network ACL a subnet uses; nil for AWS's default allow-all ACL.
    public func effectiveNetworkACL(ofSubnet name: String) -> NetworkACL? {
        guard let s = subnetIndex[name], case .acl(let a) = subnetACL[s] else { return nil }
        return topology.networkACLs[a]
    }

    public func placement(ofInstance name: String) -> InstancePlacement? {
        guard let i = instanceIndex[name] else { return nil }
        let s = instanceSubnet[i]
        let v = s.flatMap { subnetVPC[$0] }
        return InstancePlacement(
            name: name, vpc: v.map { topology.vpcs[$0].name }, subnet: s.map { topology.subnets[$0].name },
            availabilityZone: instanceAZ[i], privateIP: instancePrivate[i], publicIP: instancePublic[i]?.address,
            hasElasticIP: instancePublic[i]?.isElastic ?? false,
            isReachableFromInternetByRouting: instancePublic[i] != nil && (s.map(subnetRoutesToGateway) ?? false))
    }

    /// True when the instance has a public address and sits in a public subnet.
    public func isPublicInstance(_ name: String) -> Bool {
        placement(ofInstance: name)?.isReachableFromInternetByRouting ?? false
    }

    /// Whether a component (instance, host, load balancer, NAT gateway, site) is up under
    /// the incidents. Unknown names are not alive.
    public func isAlive(_ name: String, under incidents: [Incident]) -> Bool {
        let state = IncidentState(engine: self, incidents: incidents)
        if let i = instanceIndex[name] { return state.instanceDown(i) == nil }
        if let l = lbIndex[name] { return !liveNodes(l, state).isEmpty }
        if let n = natIndex[name] { return state.natDown(n) == nil }
        if let h = hostIndex[name] { return state.hostDown(h) == nil }
        if let s = siteIndex[name] { return state.siteDown(s) == nil }
        return outsideIndex[name] != nil
    }

    func liveNodes(_ l: Int, _ state: IncidentState) -> [LBNode] {
        lbNodes[l].filter { state.azDown($0.availabilityZone) == nil }
    }
}
