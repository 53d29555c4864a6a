import InfralabSyntax

/// A static check of a decoded topology: one per file in this folder, each registered in
/// `TopologyRules.all` (a test fails when a file's rule is missing there).
///
/// Rules only look at the configuration (is this CIDR inside that one, does this name
/// exist); whether packets get through is the network engine's job.
public protocol TopologyRule: Sendable {
    static var description: RuleDescription { get }
    static func check(_ context: ValidationContext) -> [Diagnostic]
}

/// What a rule is, for documentation, `--json` and the example tests.
public struct RuleDescription: Sendable {
    /// Stable, kebab-case (`subnet-overlap`); the diagnostic code is `topology.<id>`.
    public var id: String
    public var severity: Diagnostic.Severity
    public var summary: LocalizedText
    /// A topology that triggers the rule. `↓` marks, just before the text, each place a
    /// diagnostic of this rule must point at (the marker is removed before loading).
    public var failingExample: String
    /// A close variant that does not trigger it, and loads without errors.
    public var passingExample: String

    public init(id: String, severity: Diagnostic.Severity, summary: LocalizedText, failingExample: String, passingExample: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.failingExample = failingExample
        self.passingExample = passingExample
    }

    public var code: String { "topology.\(id)" }

    public func diagnostic(_ message: LocalizedText, at location: SourceLocation, length: Int = 1,
                           notes: [Diagnostic.Note] = [], suggestion: LocalizedText? = nil) -> Diagnostic {
        Diagnostic(severity, code: code, message, at: location, length: length, notes: notes, suggestion: suggestion)
    }
}

/// What rules see: the topology, indexes by name, and facts about how it was written.
public struct ValidationContext {
    public let topology: Topology
    let facts: DecodingFacts

    public let vpcs: [String: VPC]
    public let internetGateways: [String: InternetGateway]
    public let subnets: [String: Subnet]
    public let routeTables: [String: RouteTable]
    public let natGateways: [String: NATGateway]
    public let securityGroups: [String: SecurityGroup]
    public let networkACLs: [String: NetworkACL]
    public let instances: [String: Instance]
    public let loadBalancers: [String: LoadBalancer]
    public let outside: [String: OutsideHost]
    public let sites: [String: Site]
    public let hosts: [String: Host]

    init(topology: Topology, facts: DecodingFacts = DecodingFacts()) {
        func index<T>(_ items: [T], _ name: (T) -> String) -> [String: T] {
            Dictionary(items.map { (name($0), $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.topology = topology
        self.facts = facts
        vpcs = index(topology.vpcs, \.name)
        internetGateways = index(topology.internetGateways, \.name)
        subnets = index(topology.subnets, \.name)
        routeTables = index(topology.routeTables, \.name)
        natGateways = index(topology.natGateways, \.name)
        securityGroups = index(topology.securityGroups, \.name)
        networkACLs = index(topology.networkACLs, \.name)
        instances = index(topology.instances, \.name)
        loadBalancers = index(topology.loadBalancers, \.name)
        outside = index(topology.outside, \.name)
        sites = index(topology.sites, \.name)
        hosts = index(topology.hosts, \.name)
    }

    /// The table a subnet uses: its association, else its VPC's main table (nil: the
    /// implicit main table, local route only).
    public func routeTable(of subnet: Subnet) -> RouteTable? {
        if let explicit = subnet.routeTable { return routeTables[explicit.name] }
        return topology.routeTables.first { $0.isMain && $0.vpc?.name == subnet.vpc.name }
    }

    /// The VPC an instance is in, through its subnet.
    public func vpcName(of instance: Instance) -> String? {
        instance.subnet.flatMap { subnets[$0.name]?.vpc.name }
    }

    /// Every name of the given kinds, for "did you mean …?".
    public func names(of kinds: [ComponentKind]) -> [String] {
        kinds.flatMap { kind -> [String] in
            switch kind {
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
            case .dnsZone: topology.dnsZones.map(\.name)
            case .site: topology.sites.map(\.name)
            case .host: topology.hosts.map(\.name)
            }
        }
    }

    /// The kind of component `name` is, if any (first match in `ComponentKind` order).
    public func kind(of name: String) -> ComponentKind? {
        ComponentKind.allCases.first { names(of: [$0]).contains(name) }
    }

    /// "did you mean `x`?" among the names of `kinds`.
    public func suggestion(for name: String, among kinds: [ComponentKind]) -> LocalizedText? {
        Suggestions.closest(to: name, in: names(of: kinds)).map(DecodingMessage.didYouMean)
    }
}

extension Diagnostic.Note {
    /// "VPC `main` is defined here" at `location`.
    static func defined(_ kind: ComponentKind, _ name: String, at location: SourceLocation) -> Diagnostic.Note {
        Diagnostic.Note(DecodingMessage.definedHere(kind, name), at: location)
    }
}
