import InfralabSyntax

/// A static check of a decoded topology: one per file in this folder, each registered in
/// `TopologyRules.all` (a test fails when a file's rule is missing there).
///
/// Rules only look at the configuration (is this CIDR inside that one, does this name
/// exist); whether packets get through is the network engine's job.
package protocol TopologyRule: Sendable {
    static var description: RuleDescription { get }
    static func check(_ context: ValidationContext) -> [Diagnostic]
}

/// What a rule is, for documentation, `--json` and the example tests.
package struct RuleDescription: Sendable {
    /// Stable, kebab-case (`subnet-overlap`); the diagnostic code is `topology.<id>`.
    package var id: String
    package var severity: Diagnostic.Severity
    package var summary: LocalizedText
    /// A topology that triggers the rule. `↓` marks, just before the text, each place a
    /// diagnostic of this rule must point at (the marker is removed before loading).
    package var failingExample: String
    /// A close variant that does not trigger it, and loads without errors.
    package var passingExample: String

    package init(id: String, severity: Diagnostic.Severity, summary: LocalizedText, failingExample: String, passingExample: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.failingExample = failingExample
        self.passingExample = passingExample
    }

    package var code: String { "topology.\(id)" }

    package func diagnostic(_ message: LocalizedText, at location: SourceLocation, length: Int = 1,
                           notes: [Diagnostic.Note] = [], suggestion: LocalizedText? = nil) -> Diagnostic {
        Diagnostic(severity, code: code, message, at: location, length: length, notes: notes, suggestion: suggestion)
    }
}

/// What rules see: the topology, resolved once (`TopologyIndex`), and facts about how
/// it was written. `context.subnets["a"]` and the like look names up in the index.
package struct ValidationContext {
    package let topology: Topology
    package let index: TopologyIndex
    let facts: DecodingFacts

    package let vpcs: NameTable<VPC>
    package let internetGateways: NameTable<InternetGateway>
    package let subnets: NameTable<Subnet>
    package let routeTables: NameTable<RouteTable>
    package let natGateways: NameTable<NATGateway>
    package let securityGroups: NameTable<SecurityGroup>
    package let networkACLs: NameTable<NetworkACL>
    package let instances: NameTable<Instance>
    package let loadBalancers: NameTable<LoadBalancer>
    package let outside: NameTable<OutsideHost>
    package let sites: NameTable<Site>
    package let hosts: NameTable<Host>

    init(topology: Topology, facts: DecodingFacts = DecodingFacts()) {
        self.init(index: TopologyIndex(topology), facts: facts)
    }

    init(index: TopologyIndex, facts: DecodingFacts = DecodingFacts()) {
        let topology = index.topology
        self.topology = topology
        self.index = index
        self.facts = facts
        vpcs = NameTable(topology.vpcs, index.vpc)
        internetGateways = NameTable(topology.internetGateways, index.internetGateway)
        subnets = NameTable(topology.subnets, index.subnet)
        routeTables = NameTable(topology.routeTables, index.routeTable)
        natGateways = NameTable(topology.natGateways, index.natGateway)
        securityGroups = NameTable(topology.securityGroups, index.securityGroup)
        networkACLs = NameTable(topology.networkACLs, index.networkACL)
        instances = NameTable(topology.instances, index.instance)
        loadBalancers = NameTable(topology.loadBalancers, index.loadBalancer)
        outside = NameTable(topology.outside, index.outsideHost)
        sites = NameTable(topology.sites, index.site)
        hosts = NameTable(topology.hosts, index.host)
    }

    /// The table a subnet uses: its association, else its VPC's main table (nil: the
    /// implicit main table, local route only).
    package func routeTable(of subnet: Subnet) -> RouteTable? { index.effectiveRouteTable(ofSubnet: subnet.name) }

    /// Rule 5, the engine's: the subnet's table routes to an internet gateway attached to its VPC.
    package func isPublic(_ subnet: Subnet) -> Bool { index.isPublic(subnet: subnet.name) ?? false }

    /// What a route's `via` names (`TopologyIndex.routeTarget`).
    package func target(of route: Route) -> RouteTarget { index.routeTarget(route.target.name) }

    /// The VPC an instance is in, through its subnet.
    package func vpcName(of instance: Instance) -> String? {
        instance.subnet.flatMap { subnets[$0.name]?.vpc.name }
    }

    /// Every name of the given kinds, for "did you mean …?".
    package func names(of kinds: [ComponentKind]) -> [String] { kinds.flatMap(index.names(of:)) }

    /// The kind of component `name` is, if any (`TopologyIndex.component(named:)`).
    package func kind(of name: String) -> ComponentKind? { index.component(named: name)?.kind }

    /// "did you mean `x`?" among the names of `kinds`.
    package func suggestion(for name: String, among kinds: [ComponentKind]) -> LocalizedText? {
        Suggestions.closest(to: name, in: names(of: kinds)).map(DecodingMessage.didYouMean)
    }
}

/// Components of one kind looked up by name through the index (first declaration wins).
package struct NameTable<Element> {
    let items: [Element]
    let positions: [String: Int]

    init(_ items: [Element], _ positions: [String: Int]) {
        self.items = items
        self.positions = positions
    }

    package subscript(_ name: String) -> Element? { positions[name].map { items[$0] } }
}

extension Diagnostic.Note {
    /// "VPC `main` is defined here" at `location`.
    static func defined(_ kind: ComponentKind, _ name: String, at location: SourceLocation) -> Diagnostic.Note {
        Diagnostic.Note(DecodingMessage.definedHere(kind, name), at: location)
    }
}
