import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Turns a requirement's `under:` into the incident sets to evaluate: one scenario per
/// combination of the `each` quantifiers, every other incident in all of them.
enum Scenarios {
    static func expand(_ specs: [IncidentSpec], facts: TopologyFacts) -> [[Incident]] {
        var scenarios: [[Incident]] = [[]]
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
            scenarios = scenarios.flatMap { base in choices.map { base + $0 } }
        }
        return scenarios
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
                return Array(Set(topology.instances.filter { names.contains($0.name) }.compactMap { facts.availabilityZone(ofInstance: $0) })).sorted()
            }
        case .instanceFailure:
            return facts.endpointNames(selector).filter { name in
                topology.instances.contains { $0.name == name } || topology.hosts.contains { $0.name == name }
            }
        case .natFailure:
            if case .all = selector.form { return topology.natGateways.map(\.name) }
            return facts.endpointNames(selector).filter { name in topology.natGateways.contains { $0.name == name } }
        }
    }
}
