import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Turns a requirement's `under:` into the incident sets to evaluate: one scenario per
/// combination of the `each` quantifiers, every other incident in all of them.
enum Scenarios {
    static func expand(_ specs: [IncidentSpec], facts: TopologyFacts) -> [[Incident]] {
        var scenarios: [[Incident]] = [[]]
        for choices in choiceLists(specs, facts: facts) {
            scenarios = scenarios.flatMap { base in choices.map { base + $0 } }
        }
        return scenarios
    }

    /// Per quantifier, the incident sets to choose from (quantifiers over nothing left out).
    static func choiceLists(_ specs: [IncidentSpec], facts: TopologyFacts) -> [[[Incident]]] {
        var lists: [[[Incident]]] = []
        for spec in specs {
            let choices: [[Incident]]
            switch spec.target {
            case .together(let selector):
                choices = [subjects(spec.kind, selector, facts).map { Incident(kind: spec.kind, subject: $0) }]
            case .each(let selector):
                choices = subjects(spec.kind, selector, facts).map { [Incident(kind: spec.kind, subject: $0)] }
            case .eachSite:
                choices = facts.topology.sites.map { [Incident(kind: spec.kind, subject: $0.name)] }
            case .eachAZ:
                choices = facts.availabilityZones.map { [Incident(kind: spec.kind, subject: $0)] }
            }
            // A quantifier over nothing leaves the scenarios as they are.
            guard !choices.isEmpty else { continue }
            lists.append(choices)
        }
        return lists
    }

    /// The names an incident of `kind` can strike that the selector picks.
    static func subjects(_ kind: Incident.Kind, _ selector: Selector, _ facts: TopologyFacts) -> [String] {
        let topology = facts.topology
        switch kind {
        case .pcOff:
            let pcs = topology.hosts.filter { $0.kind == .personalComputer }
            switch selector.form {
            case .all: return pcs.map(\.name)
            case .kind(let k) where Site.Kind(rawValue: k) != nil:
                let sites = Set(facts.sites(selector))
                return pcs.filter { sites.contains($0.site.name) }.map(\.name)
            default:
                let names = Set(facts.endpointNames(selector))
                return pcs.filter { names.contains($0.name) }.map(\.name)
            }
        case .powerOutage:
            return facts.sites(selector)
        case .fire:
            if case .name(let name) = selector.form, facts.availabilityZones.contains(name) { return [name] }
            return facts.sites(selector)
        case .azOutage:
            switch selector.form {
            case .all: return facts.availabilityZones
            case .name(let name): return [name]
            default:
                let names = Set(facts.endpointNames(selector))
                var zones = Set(topology.instances.filter { names.contains($0.name) }.compactMap { facts.availabilityZone(ofInstance: $0) })
                for store in topology.dataStores where names.contains(store.name) {
                    zones.formUnion(facts.engine.placement(ofDataStore: store.name)?.availabilityZones ?? [])
                }
                return zones.sorted()
            }
        case .instanceFailure:
            return facts.endpointNames(selector).filter { name in
                topology.instances.contains { $0.name == name } || topology.hosts.contains { $0.name == name }
                    || topology.dataStores.contains { $0.name == name }
            }
        case .natFailure:
            if case .all = selector.form { return topology.natGateways.map(\.name) }
            return facts.endpointNames(selector).filter { name in topology.natGateways.contains { $0.name == name } }
        }
    }
}

/// The scenarios of a check that must hold in every one of them, walked without building
/// them all and without evaluating most of them.
///
/// `each-site` × `each-site` over n sites is n² scenarios; evaluating each costs O(n), so
/// grading grew like n³. Two things keep it near linear: (1) a scenario that passed leaves
/// a *witness*, the components its working flows went through (with their sites and AZs);
/// a later scenario none of whose incidents strikes a witness passes for the same reason,
/// without evaluating it (incidents only take components down, so a path through living
/// components still works); (2) after `failureLimit` failing scenarios the requirement has
/// failed and the walk stops. Results are the same as evaluating every scenario, but for
/// findings past the limit.
struct ScenarioSearch {
    static let failureLimit = 25
    /// Every scenario, no shortcut and no limit, and every pair of instances evaluated
    /// (no `EndpointBehaviour` sharing): the reference the tests compare with.
    @TaskLocal static var exhaustive = false

    private let lists: [[[Incident]]]
    private var counter: [Int]
    private var done = false
    private let facts: TopologyFacts
    /// For each passing scenario's witness (the names its flows went through), for each
    /// list, for each choice: whether the choice strikes none of them. A scenario is
    /// skipped when all its choices are untouched by one witness — decided from the
    /// counter, without building the scenario (which held every `pc-off: all` incident
    /// and made the walk cubic in the number of sites).
    private var untouchedChoices: [[[Bool]]] = []
    private var related: [String: [String]]?
    private(set) var failures = 0
    /// Scenarios evaluated and scenarios passed through a witness (for tests and benchmarks).
    private(set) var evaluated = 0
    private(set) var skipped = 0
    /// Incidents put into the scenarios handed out (only evaluated scenarios are built).
    private(set) var incidentsBuilt = 0

    init(_ specs: [IncidentSpec], facts: TopologyFacts) {
        self.facts = facts
        self.lists = Scenarios.choiceLists(specs, facts: facts)
        self.counter = Array(repeating: 0, count: lists.count)
    }

    /// The next scenario to evaluate; nil when none is left (or enough have failed).
    mutating func next() -> [Incident]? {
        while !done, failures < Self.failureLimit || Self.exhaustive {
            let indices = counter
            advance()
            if !Self.exhaustive, untouchedChoices.contains(where: { witness in zip(witness, indices).allSatisfy { $0[$1] } }) {
                skipped += 1
                continue
            }
            evaluated += 1
            return scenario(at: indices)
        }
        return nil
    }

    /// The last scenario failed.
    mutating func failed() { failures += 1 }

    /// The last scenario passed through `flows`: remember what they went through.
    /// A scenario passed through `flows`, and through flows between `alsoNaming`'s ends
    /// that went the same way as one of them (pairs of instances that behave alike).
    mutating func passed(through flows: [FlowResult], alsoNaming ends: Set<String> = []) {
        guard untouchedChoices.count < 64 else { return }
        if related == nil { related = Self.relatedNames(facts.topology, facts: facts) }
        var names: Set<String> = []
        for name in ends {
            names.insert(name)
            for extra in related?[name] ?? [] { names.insert(extra) }
        }
        for flow in flows {
            for hop in flow.hops {
                names.insert(hop.name)
                for extra in related?[hop.name] ?? [] { names.insert(extra) }
            }
            for name in [flow.query.source.description, flow.query.destination.description] + (flow.query.through.map { [$0] } ?? []) {
                names.insert(name)
                for extra in related?[name] ?? [] { names.insert(extra) }
            }
        }
        untouchedChoices.append(lists.map { list in list.map { choice in choice.allSatisfy { $0.subject != "*" && !names.contains($0.subject) } } })
    }

    private mutating func scenario(at indices: [Int]) -> [Incident] {
        var scenario: [Incident] = []
        for (list, index) in zip(lists, indices) { scenario += list[index] }
        incidentsBuilt += scenario.count
        return scenario
    }

    private mutating func advance() {
        var position = lists.count - 1
        while position >= 0 {
            counter[position] += 1
            if counter[position] < lists[position].count { return }
            counter[position] = 0
            position -= 1
        }
        done = true
    }

    /// For each component, the names an incident could strike it by: a host's site, an
    /// instance's AZ, a NAT gateway's, load balancer's, database's or cache's subnets' AZs.
    static func relatedNames(_ topology: Topology, facts: TopologyFacts) -> [String: [String]] {
        var subnetAZ: [String: String] = [:]
        for subnet in topology.subnets { if let az = subnet.availabilityZone?.value { subnetAZ[subnet.name] = az } }
        var related: [String: [String]] = [:]
        for host in topology.hosts { related[host.name, default: []].append(host.site.name) }
        for instance in topology.instances {
            related[instance.name, default: []] += [facts.availabilityZone(ofInstance: instance), instance.subnet.flatMap { subnetAZ[$0.name] },
                                                    instance.availabilityZone?.value].compactMap { $0 }
        }
        for nat in topology.natGateways { if let az = subnetAZ[nat.subnet.name] { related[nat.name, default: []].append(az) } }
        for balancer in topology.loadBalancers { related[balancer.name, default: []] += balancer.subnets.compactMap { subnetAZ[$0.name] } }
        for store in topology.dataStores {
            related[store.name, default: []] += facts.subnets(ofDataStore: store).compactMap { subnetAZ[$0.name] }
        }
        return related
    }
}
