import InfralabSyntax

/// The topology resolved once: every name looked up, every association chosen, rule 5
/// decided. The loader builds it after decoding; validation, the network engine, the
/// grader's facts and its locations all ask it, so they can never disagree about what a
/// name means, which table a subnet uses or whether it is public.
///
/// Tables are by position in the topology's lists. When a name is declared twice (a
/// validation error), the first declaration wins everywhere.
package struct TopologyIndex: Sendable {
    package let topology: Topology

    // MARK: Names, one table per kind
    package let vpc: [String: Int]
    package let internetGateway: [String: Int]
    package let subnet: [String: Int]
    package let routeTable: [String: Int]
    package let natGateway: [String: Int]
    package let securityGroup: [String: Int]
    package let networkACL: [String: Int]
    package let instance: [String: Int]
    package let loadBalancer: [String: Int]
    package let subnetGroup: [String: Int]
    package let database: [String: Int]
    package let cache: [String: Int]
    package let dnsZone: [String: Int]
    package let outsideHost: [String: Int]
    package let site: [String: Int]
    package let host: [String: Int]

    // MARK: Per VPC
    /// The main route table (`main: true`; ties by name).
    package private(set) var vpcMainTable: [Int?] = []
    /// The `default: true` network ACL (ties by name); nil: AWS's allow-all default.
    package private(set) var vpcDefaultACL: [Int?] = []
    /// Every internet gateway attached to the VPC, by name (AWS allows one).
    package private(set) var vpcGateways: [[Int]] = []
    /// The internet gateway the VPC uses (the first of `vpcGateways`).
    package var vpcGateway: [Int?] { vpcGateways.map(\.first) }

    // MARK: Per component
    /// The VPC each internet gateway is attached to (nil: detached or unknown VPC).
    package private(set) var gatewayVPC: [Int?] = []
    /// The VPC each route table belongs to: written, else its first subnet's, else the only VPC's.
    package private(set) var tableVPC: [Int?] = []
    package private(set) var subnetVPC: [Int?] = []
    package private(set) var subnetTable: [EffectiveRouteTable] = []
    package private(set) var subnetACL: [ACLChoice] = []
    /// Rule 5, decided once: the subnet's table routes to an internet gateway attached to its VPC.
    package private(set) var subnetIsPublic: [Bool] = []
    package private(set) var natSubnet: [Int?] = []
    package private(set) var instanceSubnet: [Int?] = []
    package private(set) var hostSite: [Int?] = []
    /// Each subnet group's subnets that exist, in the learner's order.
    package private(set) var subnetGroupSubnets: [[Int]] = []
    /// Each data store's (`topology.dataStores`: databases, then caches) subnet group.
    package private(set) var dataStoreGroup: [Int?] = []

    package init(_ topology: Topology) {
        func table<T>(_ items: [T], _ name: (T) -> String) -> [String: Int] {
            var result: [String: Int] = [:]
            for (i, item) in items.enumerated() where result[name(item)] == nil { result[name(item)] = i }
            return result
        }
        self.topology = topology
        vpc = table(topology.vpcs, \.name)
        internetGateway = table(topology.internetGateways, \.name)
        subnet = table(topology.subnets, \.name)
        routeTable = table(topology.routeTables, \.name)
        natGateway = table(topology.natGateways, \.name)
        securityGroup = table(topology.securityGroups, \.name)
        networkACL = table(topology.networkACLs, \.name)
        instance = table(topology.instances, \.name)
        loadBalancer = table(topology.loadBalancers, \.name)
        subnetGroup = table(topology.subnetGroups, \.name)
        database = table(topology.databases, \.name)
        cache = table(topology.caches, \.name)
        dnsZone = table(topology.dnsZones, \.name)
        outsideHost = table(topology.outside, \.name)
        site = table(topology.sites, \.name)
        host = table(topology.hosts, \.name)
        resolveGatewaysAndTables()
        resolveACLs()
        subnetIsPublic = topology.subnets.indices.map(routesToAttachedGateway)
        natSubnet = topology.natGateways.map { subnet[$0.subnet.name] }
        instanceSubnet = topology.instances.map { $0.subnet.flatMap { subnet[$0.name] } }
        hostSite = topology.hosts.map { site[$0.site.name] }
        subnetGroupSubnets = topology.subnetGroups.map { group in
            var seen = Set<Int>()
            return group.subnets.compactMap { subnet[$0.name] }.filter { seen.insert($0).inserted }
        }
        dataStoreGroup = topology.dataStores.map { $0.subnetGroup.flatMap { subnetGroup[$0.name] } }
    }

    private mutating func resolveGatewaysAndTables() {
        let vpcCount = topology.vpcs.count
        let onlyVPC: Int? = vpcCount == 1 ? 0 : nil
        subnetVPC = topology.subnets.map { vpc[$0.vpc.name] }
        gatewayVPC = topology.internetGateways.map { $0.vpc.flatMap { vpc[$0.name] } }
        vpcGateways = Array(repeating: [], count: vpcCount)
        for (g, v) in gatewayVPC.enumerated() { if let v { vpcGateways[v].append(g) } }
        for v in vpcGateways.indices { vpcGateways[v].sort { topology.internetGateways[$0].name < topology.internetGateways[$1].name } }

        tableVPC = topology.routeTables.map { $0.vpc.flatMap { vpc[$0.name] } }
        for (s, written) in topology.subnets.enumerated() {
            if let t = written.routeTable.flatMap({ routeTable[$0.name] }), tableVPC[t] == nil { tableVPC[t] = subnetVPC[s] }
        }
        vpcMainTable = Array(repeating: nil, count: vpcCount)
        for (t, table) in topology.routeTables.enumerated() where table.isMain {
            guard let v = tableVPC[t] ?? onlyVPC else { continue }
            if let existing = vpcMainTable[v], topology.routeTables[existing].name <= table.name { continue }
            vpcMainTable[v] = t
        }
        subnetTable = topology.subnets.enumerated().map { s, written in
            if let t = written.routeTable.flatMap({ routeTable[$0.name] }) {
                return EffectiveRouteTable(vpc: subnetVPC[s], table: t, isExplicit: true)
            }
            return EffectiveRouteTable(vpc: subnetVPC[s], table: subnetVPC[s].flatMap { vpcMainTable[$0] }, isExplicit: false)
        }
    }

    /// Explicit on the subnet, else listed on an ACL, else the VPC's `default: true` ACL,
    /// else AWS's allow-all default.
    private mutating func resolveACLs() {
        let vpcCount = topology.vpcs.count
        var listedACL: [String: Int] = [:]
        for (a, acl) in topology.networkACLs.enumerated() {
            for s in acl.subnets where listedACL[s.name] == nil { listedACL[s.name] = a }
        }
        vpcDefaultACL = Array(repeating: nil, count: vpcCount)
        for (a, acl) in topology.networkACLs.enumerated() where acl.isDefault {
            var vpcs: [Int] = []
            if let v = acl.vpc.flatMap({ vpc[$0.name] }) {
                vpcs = [v]
            } else {
                let fromSubnets = acl.subnets.compactMap { subnet[$0.name].flatMap { subnetVPC[$0] } }
                vpcs = fromSubnets.isEmpty ? Array(0..<vpcCount) : fromSubnets
            }
            for v in vpcs {
                if let existing = vpcDefaultACL[v], topology.networkACLs[existing].name <= acl.name { continue }
                vpcDefaultACL[v] = a
            }
        }
        subnetACL = topology.subnets.enumerated().map { s, written in
            if let a = written.networkACL.flatMap({ networkACL[$0.name] }) { return .acl(a) }
            if let a = listedACL[written.name] { return .acl(a) }
            if let v = subnetVPC[s], let a = vpcDefaultACL[v] { return .acl(a) }
            return .defaultAllow
        }
    }

    private func routesToAttachedGateway(_ s: Int) -> Bool {
        let effective = subnetTable[s]
        guard let t = effective.table, let v = effective.vpc else { return false }
        return topology.routeTables[t].routes.contains { route in
            if case .igw(let g) = routeTarget(route.target.name) { return gatewayVPC[g] == v }
            return false
        }
    }
}

// MARK: - Questions

extension TopologyIndex {
    /// What a route's `via` names: an internet gateway, NAT gateway, instance or outside
    /// host, in that order of precedence (`local` is the local route).
    package func routeTarget(_ name: String) -> RouteTarget {
        if name == "local" { return .local }
        if let g = internetGateway[name] { return .igw(g) }
        if let n = natGateway[name] { return .nat(n) }
        if let i = instance[name] { return .instance(i) }
        if let o = outsideHost[name] { return .outside(o) }
        return .missing(name)
    }

    /// Every kind that declares `name`, among `kinds`, in the order given.
    package func kinds(naming name: String, among kinds: [ComponentKind]) -> [ComponentKind] {
        kinds.filter { table(of: $0)[name] != nil }
    }

    package func table(of kind: ComponentKind) -> [String: Int] {
        switch kind {
        case .outsideHost: outsideHost
        case .vpc: vpc
        case .internetGateway: internetGateway
        case .subnet: subnet
        case .routeTable: routeTable
        case .natGateway: natGateway
        case .securityGroup: securityGroup
        case .networkACL: networkACL
        case .instance: instance
        case .loadBalancer: loadBalancer
        case .subnetGroup: subnetGroup
        case .database: database
        case .cache: cache
        case .dnsZone: dnsZone
        case .site: site
        case .host: host
        }
    }

    /// Every name of a kind, in the file's order (duplicates once).
    package func names(of kind: ComponentKind) -> [String] {
        let names: [String] = switch kind {
        case .outsideHost: topology.outside.map(\.name)
        case .vpc: topology.vpcs.map(\.name)
        case .internetGateway: topology.internetGateways.map(\.name)
        case .subnet: topology.subnets.map(\.name)
        case .routeTable: topology.routeTables.map(\.name)
        case .natGateway: topology.natGateways.map(\.name)
        case .securityGroup: topology.securityGroups.map(\.name)
        case .networkACL: topology.networkACLs.map(\.name)
        case .instance: topology.instances.map(\.name)
        case .loadBalancer: topology.loadBalancers.map(\.name)
        case .subnetGroup: topology.subnetGroups.map(\.name)
        case .database: topology.databases.map(\.name)
        case .cache: topology.caches.map(\.name)
        case .dnsZone: topology.dnsZones.map(\.name)
        case .site: topology.sites.map(\.name)
        case .host: topology.hosts.map(\.name)
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// The order `component(named:)` tries the kinds: things that send and receive first.
    package static let lookupOrder: [ComponentKind] = [
        .instance, .database, .cache, .loadBalancer, .natGateway, .host, .outsideHost, .site, .subnet, .vpc,
        .securityGroup, .subnetGroup, .routeTable, .networkACL, .internetGateway, .dnsZone,
    ]

    /// The component known by this name, most specific kind first; every kind counts.
    package func component(named name: String) -> ComponentRef? {
        for kind in TopologyIndex.lookupOrder {
            if let i = table(of: kind)[name] { return ComponentRef(kind: kind, name: name, location: location(of: kind, i)) }
        }
        return nil
    }

    package func location(of kind: ComponentKind, _ i: Int) -> SourceLocation {
        switch kind {
        case .outsideHost: topology.outside[i].location
        case .vpc: topology.vpcs[i].location
        case .internetGateway: topology.internetGateways[i].location
        case .subnet: topology.subnets[i].location
        case .routeTable: topology.routeTables[i].location
        case .natGateway: topology.natGateways[i].location
        case .securityGroup: topology.securityGroups[i].location
        case .networkACL: topology.networkACLs[i].location
        case .instance: topology.instances[i].location
        case .loadBalancer: topology.loadBalancers[i].location
        case .subnetGroup: topology.subnetGroups[i].location
        case .database: topology.databases[i].location
        case .cache: topology.caches[i].location
        case .dnsZone: topology.dnsZones[i].location
        case .site: topology.sites[i].location
        case .host: topology.hosts[i].location
        }
    }

    /// Roles that make a component a proxy or balancer: it forwards to the tier behind it.
    package static let proxyRoles: Set<String> = ["reverse-proxy", "proxy", "load-balancer", "lb"]
    /// Roles every load balancer plays, whatever its `role:` says.
    package static let everyLoadBalancerRoles: Set<String> = ["load-balancer", "lb"]

    /// Instances, hosts (`runs:`), load balancers, databases and caches that play `role`,
    /// in declaration order. Every load balancer plays `load-balancer`/`lb`; one may also
    /// play any role written on it (`role: reverse-proxy`). A database plays `db` and a
    /// cache `cache` unless `role:` says otherwise.
    package func components(withRole role: String) -> [ComponentRef] {
        var result: [ComponentRef] = []
        for item in topology.instances where item.roles.contains(where: { $0.value == role }) {
            result.append(ComponentRef(kind: .instance, name: item.name, location: item.location))
        }
        for item in topology.hosts where item.roles.contains(where: { $0.value == role }) {
            result.append(ComponentRef(kind: .host, name: item.name, location: item.location))
        }
        let everyLB = TopologyIndex.everyLoadBalancerRoles.contains(role)
        for item in topology.loadBalancers where everyLB || item.roles.contains(where: { $0.value == role }) {
            result.append(ComponentRef(kind: .loadBalancer, name: item.name, location: item.location))
        }
        for item in topology.dataStores where item.effectiveRoles.contains(role) {
            result.append(ComponentRef(kind: item.kind, name: item.name, location: item.location))
        }
        return result
    }

    /// Rule 5 by name; nil for an unknown subnet.
    package func isPublic(subnet name: String) -> Bool? { subnet[name].map { subnetIsPublic[$0] } }

    /// The route table a subnet uses; nil for the implicit main table or an unknown subnet.
    package func effectiveRouteTable(ofSubnet name: String) -> RouteTable? {
        guard let s = subnet[name], let t = subnetTable[s].table else { return nil }
        return topology.routeTables[t]
    }

    /// The network ACL a subnet uses; nil for AWS's default allow-all ACL.
    package func effectiveNetworkACL(ofSubnet name: String) -> NetworkACL? {
        guard let s = subnet[name], case .acl(let a) = subnetACL[s] else { return nil }
        return topology.networkACLs[a]
    }

    /// A data store's position in `topology.dataStores` (databases, then caches) by name.
    package func dataStore(named name: String) -> Int? {
        if let d = database[name] { return d }
        return cache[name].map { topology.databases.count + $0 }
    }

    /// The VPC a data store is in: its subnet group's first subnet's.
    package func vpc(ofDataStore k: Int) -> Int? {
        dataStoreGroup[k].flatMap { subnetGroupSubnets[$0].first }.flatMap { subnetVPC[$0] }
    }

    /// The VPC an instance is in, through its subnet.
    package func vpcName(ofInstance i: Int) -> String? {
        instanceSubnet[i].flatMap { subnetVPC[$0] }.map { topology.vpcs[$0].name }
    }
}

// MARK: - Resolved values

/// What a route's `via` names, resolved.
package enum RouteTarget: Hashable, Sendable {
    case local
    case igw(Int)
    case nat(Int)
    case instance(Int)
    case outside(Int)
    case missing(String)

    package var kind: ComponentKind? {
        switch self {
        case .igw: .internetGateway
        case .nat: .natGateway
        case .instance: .instance
        case .outside: .outsideHost
        case .local, .missing: nil
        }
    }
}

package struct EffectiveRouteTable: Hashable, Sendable {
    package var vpc: Int?
    /// Index into `topology.routeTables`; nil: the implicit main table (local route only).
    package var table: Int?
    package var isExplicit: Bool
}

package enum ACLChoice: Hashable, Sendable {
    /// AWS's default ACL: allows everything.
    case defaultAllow
    case acl(Int)
}

/// A component found by name or role.
package struct ComponentRef: Sendable, Hashable, CustomStringConvertible {
    package var kind: ComponentKind
    package var name: String
    package var location: SourceLocation

    package var description: String { "\(kind.rawValue) \(name)" }
}
