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

    /// Names, associations and rule 5, resolved once (`TopologyIndex`).
    package let index: TopologyIndex
    /// What listens where (`ListeningPorts`); the grader sets the mission's.
    package var listening: ListeningPorts = .standard

    // Per subnet.
    var subnetAZ: [String?] = []

    // Per instance.
    var instancePrivate: [IPv4Address?] = []
    var instancePublic: [PublicAddress?] = []
    var instanceAZ: [String?] = []
    var instanceGroups: [[GroupRef]] = []

    // Per load balancer: one node per subnet.
    var lbNodes: [[LBNode]] = []
    var lbPublic: [IPv4Address?] = []
    var lbGroups: [[GroupRef]] = []

    // Per NAT gateway.
    var natPrivate: [IPv4Address?] = []

    // Per data store (`topology.dataStores`): the primary, then the standby (`DataStores.swift`).
    var storeNodes: [[StoreNode]] = []
    var storePublic: [IPv4Address?] = []
    var storeGroups: [[GroupRef]] = []

    // Security groups, resolved: rules per group (declared and each VPC's default).
    var groupRules: [GroupRef: GroupRules] = [:]
    /// Private addresses of each group's members (instances and load-balancer nodes).
    var groupMembers: [GroupRef: Set<UInt32>] = [:]

    // Network ACLs, rules sorted by number per direction.
    var aclInbound: [[ResolvedACLRule]] = []
    var aclOutbound: [[ResolvedACLRule]] = []

    // Address atoms (`AddressAtoms.swift`): where atoms start, and the internet's atoms.
    var atomCuts: [UInt32] = []
    /// Instances a route sends traffic through (NAT instances).
    var routeTargets: Set<Int> = []
    /// Names a site's port forward or tunnel leads to.
    var forwardTargets: Set<String> = []
    var internetAtoms: [AddressRange] = []

    public init(topology: Topology) {
        self.init(index: TopologyIndex(topology))
    }

    /// An engine over an index already built (the loader's).
    package init(index: TopologyIndex) {
        self.topology = index.topology
        self.index = index
        subnetAZ = topology.subnets.map { $0.availabilityZone?.value }
        assignAddresses()
        resolveSecurityGroups()
        resolveNetworkACLs()
        buildAtoms()
        let routedThrough = Set(topology.routeTables.flatMap { $0.routes.map(\.target.name) })
        routeTargets = Set(topology.instances.indices.filter { routedThrough.contains(topology.instances[$0].name) })
        forwardTargets = Set(topology.sites.flatMap { ($0.portForwards + $0.tunnels).map(\.target.name) })
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
        for (i, instance) in topology.instances.enumerated() {
            if let s = index.instanceSubnet[i], let ip = instance.privateIP?.value { used[s, default: []].insert(ip.value) }
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
            return index.instanceSubnet[i].flatMap { nextFree(in: $0) }
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
            let subnetMaps = index.instanceSubnet[i].map { topology.subnets[$0].mapsPublicIPOnLaunch } ?? false
            let wants = instance.publicIP?.value ?? subnetMaps
            guard wants, let address = inventPublic() else { return nil }
            return PublicAddress(address: address, isElastic: false, location: instance.publicIP?.location ?? instance.location)
        }
        instanceAZ = topology.instances.enumerated().map { i, instance in
            index.instanceSubnet[i].flatMap { subnetAZ[$0] } ?? instance.availabilityZone?.value
        }

        lbNodes = topology.loadBalancers.map { lb in
            var nodes: [LBNode] = []
            for reference in lb.subnets {
                guard let s = index.subnet[reference.name], !nodes.contains(where: { $0.subnet == s }), let address = nextFree(in: s) else { continue }
                nodes.append(LBNode(subnet: s, address: address, availabilityZone: subnetAZ[s]))
            }
            return nodes
        }
        lbPublic = topology.loadBalancers.map { $0.scheme == .internetFacing ? inventPublic() : nil }
        natPrivate = index.natSubnet.map { $0.flatMap { nextFree(in: $0) } }
        storeNodes = topology.dataStores.indices.map { k in
            storeSubnets(k).compactMap { s in nextFree(in: s).map { StoreNode(subnet: s, address: $0, availabilityZone: subnetAZ[s]) } }
        }
        storePublic = topology.dataStores.map { $0.isPubliclyAccessible ? inventPublic() : nil }
    }

    func resolvePeer(_ peer: Peer) -> (PeerSet, String) {
        switch peer {
        case .cidr(let c): return (.cidr(c), c.description)
        case .internet: return (.cidr(.anywhere), "internet (0.0.0.0/0)")
        case .securityGroup(let name):
            if let g = index.securityGroup[name] { return (.group(.declared(g)), name) }
            return (.nothing, name)
        case .outsideHost(let name):
            if let o = index.outsideHost[name] { return (.cidr(topology.outside[o].cidr.value), name) }
            return (.nothing, name)
        case .site(let name):
            if let s = index.site[name], let ip = topology.sites[s].publicIP?.value { return (.cidr(CIDR(host: ip)), name) }
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
                let v = index.instanceSubnet[i].flatMap { index.subnetVPC[$0] }
                return v.map { [.vpcDefault($0)] } ?? []
            }
            var refs: [GroupRef] = []
            for reference in written {
                if let g = index.securityGroup[reference.name], !refs.contains(.declared(g)) { refs.append(.declared(g)) }
            }
            return refs
        }
        lbGroups = topology.loadBalancers.enumerated().map { l, lb in
            if lb.securityGroups.isEmpty {
                let v = lbNodes[l].first.flatMap { index.subnetVPC[$0.subnet] }
                return v.map { [.vpcDefault($0)] } ?? []
            }
            return lb.securityGroups.compactMap { index.securityGroup[$0.name].map { GroupRef.declared($0) } }
        }
        storeGroups = topology.dataStores.enumerated().map { k, store in
            if store.securityGroups.isEmpty { return index.vpc(ofDataStore: k).map { [.vpcDefault($0)] } ?? [] }
            var refs: [GroupRef] = []
            for reference in store.securityGroups {
                if let g = index.securityGroup[reference.name], !refs.contains(.declared(g)) { refs.append(.declared(g)) }
            }
            return refs
        }
        for (k, refs) in storeGroups.enumerated() {
            for ref in refs { for node in storeNodes[k] { groupMembers[ref, default: []].insert(node.address.value) } }
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
    public static var proxyRoles: Set<String> { TopologyIndex.proxyRoles }

    /// Every component known by this name, most specific first (`TopologyIndex`).
    package func component(named name: String) -> ComponentRef? { index.component(named: name) }

    /// Instances, hosts and load balancers that play `role` (`TopologyIndex`).
    package func components(withRole role: String) -> [ComponentRef] { index.components(withRole: role) }

    /// What a route's `via` names (internet gateway, NAT gateway, instance, outside host),
    /// as the index resolved it; nil when it names nothing (a blackhole) or is `local`.
    public func targetKind(of route: Route) -> ComponentKind? { index.routeTarget(route.target.name).kind }

    /// Rule 5 (`TopologyIndex`). Nil for an unknown subnet.
    public func isPublicSubnet(_ name: String) -> Bool? { index.isPublic(subnet: name) }

    func subnetRoutesToGateway(_ s: Int) -> Bool { index.subnetIsPublic[s] }

    /// The route table a subnet uses (`TopologyIndex`).
    public func effectiveRouteTable(ofSubnet name: String) -> RouteTable? { index.effectiveRouteTable(ofSubnet: name) }

    /// The network ACL a subnet uses; nil for AWS's default allow-all ACL.
    public func effectiveNetworkACL(ofSubnet name: String) -> NetworkACL? { index.effectiveNetworkACL(ofSubnet: name) }

    public func placement(ofInstance name: String) -> InstancePlacement? {
        guard let i = index.instance[name] else { return nil }
        let s = index.instanceSubnet[i]
        let v = s.flatMap { index.subnetVPC[$0] }
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

    /// Whether a component (instance, host, load balancer, NAT gateway, site, database, cache) is up under
    /// the incidents. Unknown names are not alive.
    public func isAlive(_ name: String, under incidents: [Incident]) -> Bool {
        let state = IncidentState(engine: self, incidents: incidents)
        if let i = index.instance[name] { return state.instanceDown(i) == nil }
        if let l = index.loadBalancer[name] { return !liveNodes(l, state).isEmpty }
        if let n = index.natGateway[name] { return state.natDown(n) == nil }
        if let h = index.host[name] { return state.hostDown(h) == nil }
        if let s = index.site[name] { return state.siteDown(s) == nil }
        if let k = index.dataStore(named: name) { return point(dataStore: k, state) != nil }
        return index.outsideHost[name] != nil
    }

    func liveNodes(_ l: Int, _ state: IncidentState) -> [LBNode] {
        lbNodes[l].filter { state.azDown($0.availabilityZone) == nil }
    }
}
