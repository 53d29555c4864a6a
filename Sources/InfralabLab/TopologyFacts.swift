import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Static facts about a topology that grading needs and that are not flows: who plays
/// which role, where things sit, which subnets are public, which AZs are used.
/// Placement questions (rule 5, route tables, addresses, AZs) are the engine's answers,
/// so grading and the flow explanations can never disagree about them.
package struct TopologyFacts {
    let topology: Topology
    let engine: NetworkEngine

    /// Pass the engine when one is already built for this topology.
    init(_ topology: Topology, engine: NetworkEngine? = nil) {
        self.topology = topology
        self.engine = engine ?? NetworkEngine(topology: topology)
    }

    // MARK: Roles and selectors

    func roles(ofInstance instance: Instance) -> Set<String> { Set(instance.roles.map(\.value)) }

    /// Names of the components a selector picks, for flow endpoints (instances, hosts,
    /// load balancers, outside hosts, NAT gateways).
    func endpointNames(_ selector: Selector) -> [String] {
        switch selector.form {
        case .internet: return ["internet"]
        case .name(let name): return [name]
        case .role(let role): return engine.index.components(withRole: role).map(\.name)
        case .kind(let kind): return names(ofKind: kind)
        case .all: return topology.instances.map(\.name) + topology.dataStores.map(\.name) + topology.hosts.map(\.name)
        }
    }

    /// A component kind's names (the index's), `subnet-public`/`subnet-private`, or a
    /// site or host kind. Subnets and VPCs of the default VPC are left out.
    func names(ofKind kind: String) -> [String] {
        let index = engine.index
        switch kind {
        case "vpc": return topology.vpcs.filter { !$0.isDefault }.map(\.name)
        case "subnet": return topology.subnets.filter { !isDefaultVPC($0.vpc.name) }.map(\.name)
        case "subnet-public": return names(ofKind: "subnet").filter { isPublic(subnet: $0) }
        case "subnet-private": return names(ofKind: "subnet").filter { !isPublic(subnet: $0) }
        default:
            if let componentKind = ComponentKind(rawValue: kind) { return index.names(of: componentKind) }
            if let siteKind = Site.Kind(rawValue: kind) { return topology.sites.filter { $0.kind == siteKind }.map(\.name) }
            if let hostKind = Host.Kind(rawValue: kind) { return topology.hosts.filter { $0.kind == hostKind }.map(\.name) }
            return []
        }
    }

    func isDefaultVPC(_ name: String) -> Bool { topology.vpcs.first { $0.name == name }?.isDefault ?? false }

    /// Whether the selector names something that exists (for `lab check`).
    package func matchesSomething(_ selector: Selector) -> Bool {
        switch selector.form {
        case .internet, .all: return true
        case .name(let name): return componentExists(named: name) || availabilityZones.contains(name)
        case .role, .kind: return !endpointNames(selector).isEmpty || !sites(selector).isEmpty
        }
    }

    /// Any kind of component counts (route tables, network ACLs and DNS zones too).
    func componentExists(named name: String) -> Bool { engine.index.component(named: name) != nil }

    /// Sites a selector picks: by name, site kind, or the sites hosting a role.
    func sites(_ selector: Selector) -> [String] {
        switch selector.form {
        case .internet: return []
        case .all: return topology.sites.map(\.name)
        case .name(let name): return topology.sites.contains { $0.name == name } ? [name] : []
        case .kind(let kind): return Site.Kind(rawValue: kind).map { k in topology.sites.filter { $0.kind == k }.map(\.name) } ?? []
        case .role(let role):
            let siteNames = topology.hosts.filter { $0.roles.contains { $0.value == role } }.map(\.site.name)
            return topology.sites.map(\.name).filter { siteNames.contains($0) }
        }
    }

    // MARK: Placement

    func subnet(named name: String) -> Subnet? { topology.subnets.first { $0.name == name } }

    /// The route table a subnet uses: its association, else its VPC's main table.
    func routeTable(ofSubnet subnet: Subnet) -> RouteTable? { engine.effectiveRouteTable(ofSubnet: subnet.name) }

    /// Rule 5: public if and only if the subnet's route table sends traffic to an
    /// internet gateway attached to its VPC.
    func isPublic(subnet name: String) -> Bool { engine.isPublicSubnet(name) ?? false }

    func availabilityZone(ofSubnet name: String) -> String? { subnet(named: name)?.availabilityZone?.value }

    func availabilityZone(ofInstance instance: Instance) -> String? {
        engine.placement(ofInstance: instance.name)?.availabilityZone ?? instance.availabilityZone?.value
    }

    /// Every AZ the topology uses (its subnets'), sorted.
    var availabilityZones: [String] {
        Array(Set(topology.subnets.compactMap { $0.availabilityZone?.value })).sorted()
    }

    /// Every subnet a database or cache may run in: its subnet group's, in the group's order.
    func subnets(ofDataStore store: DataStore) -> [Reference] {
        guard let group = store.subnetGroup.flatMap({ name in topology.subnetGroups.first { $0.name == name.name } }) else { return [] }
        return group.subnets.filter { subnet(named: $0.name) != nil }
    }

    func hasPublicAddress(_ instance: Instance) -> Bool { engine.placement(ofInstance: instance.name)?.publicIP != nil }
}
