import InfralabSyntax

/// After decoding: associations written on either side are put on the subnet, VPCs that
/// were not written are inferred, route targets are resolved, and every reference is
/// checked to name something of the right kind.
extension TopologyDecoder {
    mutating func normalize() {
        applyRouteTableLists()
        applyNetworkACLLists()
        inferRouteTableVPCs()
        inferNetworkACLVPCs()
        inferSecurityGroupVPCs()
    }

    private func subnetIndex(_ name: String) -> Int? { topology.subnets.firstIndex { $0.name == name } }

    private var onlyWrittenVPC: String? {
        let written = topology.vpcs.filter { !$0.isDefault }
        return written.count == 1 ? written[0].name : nil
    }

    private mutating func applyRouteTableLists() {
        for (table, references) in routeTableSubnetLists {
            for reference in references {
                guard let index = subnetIndex(reference.name) else {
                    if !isDeclared(.subnet, reference.name) { reportUnknownName(reference, kind: .subnet) }
                    continue
                }
                associate(subnet: index, with: table, listedAt: reference, kind: .routeTable, keyPath: \.routeTable)
            }
        }
    }

    private mutating func applyNetworkACLLists() {
        for acl in topology.networkACLs {
            for reference in acl.subnets {
                guard let index = subnetIndex(reference.name) else { continue }  // unknown names: checkReferences
                associate(subnet: index, with: acl.name, listedAt: reference, kind: .networkACL, keyPath: \.networkACL)
            }
        }
    }

    private mutating func associate(subnet index: Int, with owner: String, listedAt reference: Reference,
                                    kind: ComponentKind, keyPath: WritableKeyPath<Subnet, Reference?>) {
        let subnet = topology.subnets[index]
        guard let existing = subnet[keyPath: keyPath] else {
            topology.subnets[index][keyPath: keyPath] = Reference(owner, at: reference.location)
            return
        }
        if existing.name != owner {
            diagnostics.add(.error(
                "topology.conflicting-association",
                DecodingMessage.conflictingAssociation(subnet: subnet.name, kind: kind, listed: owner, written: existing.name),
                at: reference.location, length: reference.name.count,
                notes: [.init(DecodingMessage.subnetSaysHere(subnet.name), at: existing.location)]))
        }
    }

    private mutating func inferRouteTableVPCs() {
        for index in topology.routeTables.indices where topology.routeTables[index].vpc == nil {
            let table = topology.routeTables[index]
            if let vpc = vpcOfFirstUser(table.name, at: table.location, uses: { $0.routeTable?.name }) {
                topology.routeTables[index].vpc = vpc
            } else if table.isMain, topology.vpcs.count > 1 {
                diagnostics.add(.error("topology.missing-key", DecodingMessage.missingVPC(DecodingMessage.owner(.routeTable, table.name)),
                                       at: table.location, length: table.name.count))
            }
        }
    }

    private mutating func inferNetworkACLVPCs() {
        for index in topology.networkACLs.indices where topology.networkACLs[index].vpc == nil {
            let acl = topology.networkACLs[index]
            topology.networkACLs[index].vpc = vpcOfFirstUser(acl.name, at: acl.location, uses: { $0.networkACL?.name })
        }
    }

    /// A route table or ACL without `vpc:` belongs to the VPC of the first subnet that
    /// uses it, else to the only VPC written; nil when neither says.
    private func vpcOfFirstUser(_ name: String, at location: SourceLocation, uses: (Subnet) -> String?) -> Reference? {
        if let user = topology.subnets.first(where: { uses($0) == name }) { return Reference(user.vpc.name, at: location) }
        return onlyWrittenVPC.map { Reference($0, at: location) }
    }

    /// A group without `vpc:` belongs to the VPC of the first instance (or load
    /// balancer, database, cache) that uses it, else to the only VPC written.
    private mutating func inferSecurityGroupVPCs() {
        let subnetVPC = Dictionary(topology.subnets.map { ($0.name, $0.vpc.name) }, uniquingKeysWith: { first, _ in first })
        let subnetGroupVPC = Dictionary(topology.subnetGroups.map { group in
            (group.name, group.subnets.lazy.compactMap { subnetVPC[$0.name] }.first)
        }, uniquingKeysWith: { first, _ in first })
        for index in topology.securityGroups.indices where topology.securityGroups[index].vpc == nil {
            let group = topology.securityGroups[index]
            let fromInstance = topology.instances.first { $0.securityGroups?.contains { $0.name == group.name } ?? false }
                .flatMap { $0.subnet.flatMap { subnetVPC[$0.name] } }
            let fromLoadBalancer = topology.loadBalancers.first { $0.securityGroups.contains { $0.name == group.name } }
                .flatMap { $0.subnets.lazy.compactMap { subnetVPC[$0.name] }.first }
            let fromDataStore = topology.dataStores.first { $0.securityGroups.contains { $0.name == group.name } }
                .flatMap { $0.subnetGroup.flatMap { subnetGroupVPC[$0.name] ?? nil } }
            if let vpc = fromInstance ?? fromLoadBalancer ?? fromDataStore ?? onlyWrittenVPC {
                topology.securityGroups[index].vpc = Reference(vpc, at: group.location)
            }
        }
    }

    static let routeTargetKinds: [ComponentKind] = [.internetGateway, .natGateway, .instance, .outsideHost]

    /// Route targets are resolved by the index (`TopologyIndex.routeTarget`); a `via`
    /// that names several kinds of thing gets a warning saying which one wins.
    static func ambiguousRouteTargets(_ index: TopologyIndex) -> [Diagnostic] {
        index.topology.routeTables.flatMap { table in
            table.routes.compactMap { route -> Diagnostic? in
                let target = route.target
                let matches = index.kinds(naming: target.name, among: routeTargetKinds)
                guard matches.count > 1 else { return nil }
                return .warning("topology.ambiguous-name", DecodingMessage.ambiguousName(target.name, kinds: matches, chosen: matches[0]),
                                at: target.location, length: target.name.count)
            }
        }
    }

    mutating func checkReferences() {
        var checks: [(Reference, ComponentKind)] = []
        for igw in topology.internetGateways { if let vpc = igw.vpc { checks.append((vpc, .vpc)) } }
        for subnet in topology.subnets {
            checks.append((subnet.vpc, .vpc))
            if let table = subnet.routeTable { checks.append((table, .routeTable)) }
            if let acl = subnet.networkACL { checks.append((acl, .networkACL)) }
        }
        for table in topology.routeTables { if let vpc = table.vpc { checks.append((vpc, .vpc)) } }
        for nat in topology.natGateways { checks.append((nat.subnet, .subnet)) }
        for group in topology.securityGroups { if let vpc = group.vpc { checks.append((vpc, .vpc)) } }
        for acl in topology.networkACLs {
            if let vpc = acl.vpc { checks.append((vpc, .vpc)) }
            checks += acl.subnets.map { ($0, .subnet) }
        }
        for instance in topology.instances {
            if let subnet = instance.subnet { checks.append((subnet, .subnet)) }
            checks += (instance.securityGroups ?? []).map { ($0, .securityGroup) }
            checks += instance.forwards.map { ($0.target, .instance) }
        }
        for balancer in topology.loadBalancers {
            checks += balancer.subnets.map { ($0, .subnet) }
            checks += balancer.securityGroups.map { ($0, .securityGroup) }
        }
        for host in topology.hosts { checks.append((host.site, .site)) }
        for group in topology.subnetGroups { checks += group.subnets.map { ($0, .subnet) } }
        for store in topology.dataStores {
            if let group = store.subnetGroup { checks.append((group, .subnetGroup)) }
            checks += store.securityGroups.map { ($0, .securityGroup) }
        }

        var reported: Set<Reference> = []
        for (reference, kind) in checks where !isDeclared(kind, reference.name) && !reported.contains(reference) {
            reported.insert(reference)
            reportUnknownName(reference, kind: kind)
        }
    }
}
