import InfralabSyntax
import InfralabTopology

/// "The service answers": some chain internet → tier 1 → tier 2 → … works, every
/// component alive under the incidents. Any working chain counts.


extension NetworkEngine {
    package func serviceAnswers(_ spec: ServiceSpec, incidents: [Incident]) -> ServiceResult {
        let state = IncidentState(engine: self, incidents: incidents)
        guard !spec.tiers.isEmpty else { return ServiceResult(answers: true, flows: []) }
        var candidates: [[Node]] = []
        for tier in spec.tiers {
            let nodes = components(withRole: tier.role).compactMap { resolveNode(.named($0.name)) }
            if nodes.isEmpty {
                return ServiceResult(answers: false, flows: [], reason: Reason(
                    code: .noComponentForRole,
                    message: FlowText.noComponentForRole(tier.role)))
            }
            candidates.append(nodes)
        }
        var search = ServiceSearch(engine: self, spec: spec, candidates: candidates, state: state, incidents: incidents)
        if search.search(0, from: .internet, port: spec.entryPort, only: nil, chain: []) {
            return ServiceResult(answers: true, flows: search.best)
        }
        let best = search.best
        // Every candidate of some tier down: say so with the incident.
        if let down = everyCandidateDown(spec, candidates, state) {
            return ServiceResult(answers: false, flows: best, reason: down)
        }
        if best.allSatisfy(\.getsThrough), let wrongPort = search.wrongPort {
            return ServiceResult(answers: false, flows: best, reason: wrongPort)
        }
        if best.allSatisfy(\.getsThrough), let missingForward = search.missingForward {
            return ServiceResult(answers: false, flows: best, reason: missingForward)
        }
        return ServiceResult(answers: false, flows: best, reason: best.last?.reason)
    }

    /// A tier that declares its port must be reached on it: a site's forward, a proxy's
    /// forward or a listener that sends the connection to another port of that machine
    /// reaches some other program (or nothing), unless the machine says it listens there
    /// (`listens:`). A direct dial to a public address is not checked here.
    func portMismatch(_ spec: ServiceSpec, tier: Int, node: Node, after previous: Node, dialed port: Int) -> Reason? {
        guard let declared = spec.tiers[tier].port else { return nil }
        var arrival: (port: Int, location: SourceLocation)?
        switch (previous, node) {
        case (.internet, .host(let h)):
            let host = topology.hosts[h]
            if let s = index.hostSite[h] {
                let site = topology.sites[s]
                let forward = (site.portForwards + site.tunnels).first { $0.port.value == port && $0.target.name == host.name }
                arrival = forward.map { ($0.effectiveTargetPort, $0.location) }
            }
        case (.instance(let i), _):
            let forward = topology.instances[i].forwards.first { $0.effectiveTargetPort == port && $0.target.name == nodeName(node) }
            arrival = forward.map { ($0.effectiveTargetPort, $0.location) }
        case (.loadBalancer(let l), _):
            let listener = topology.loadBalancers[l].listeners.first { ($0.targetPort?.value ?? $0.port.value) == port && $0.targets.contains { $0.name == nodeName(node) } }
            arrival = listener.map { ($0.targetPort?.value ?? $0.port.value, $0.location) }
        default: break
        }
        guard let arrival, arrival.port != declared, !(explicitListens(node)?.contains(arrival.port) ?? false) else { return nil }
        let name = nodeName(node), role = spec.tiers[tier].role
        return Reason(
            code: .portNotListening,
            message: FlowText.portNotListening(name, arrivalPort: arrival.port, role: role, declared: declared),
            location: arrival.location, component: name)
    }

    func explicitListens(_ node: Node) -> Set<Int>? {
        switch node {
        case .instance(let i): topology.instances[i].listens.map { Set($0.map(\.value)) }
        case .host(let h): topology.hosts[h].listens.map { Set($0.map(\.value)) }
        case .dataStore(let k): [topology.dataStores[k].effectivePort]
        default: nil
        }
    }

    /// The reason when every component playing some tier's role is down.
    func everyCandidateDown(_ spec: ServiceSpec, _ candidates: [[Node]], _ state: IncidentState) -> Reason? {
        for (t, nodes) in candidates.enumerated() {
            var downs: [Reason] = []
            for node in nodes {
                var trace = Trace()
                checkAlive(node, state, &trace)
                if let reason = trace.reason { downs.append(reason) }
            }
            if downs.count == nodes.count, let first = downs.first {
                let role = spec.tiers[t].role
                return Reason(
                    code: first.code,
                    message: FlowText.everyCandidateDown(role, downs: downs.map(\.message)),
                    location: first.location, component: first.component)
            }
        }
        return nil
    }
}

/// The depth-first search for a working chain of tiers, with what it learned on the way:
/// the longest chain tried (`best`), and the first port mismatch and missing forward.
struct ServiceSearch {
    let engine: NetworkEngine
    let spec: ServiceSpec
    let candidates: [[Node]]
    let state: IncidentState
    let incidents: [Incident]
    var best: [FlowResult] = []
    var failed = Set<String>()
    var missingForward: Reason?
    var wrongPort: Reason?

    init(engine: NetworkEngine, spec: ServiceSpec, candidates: [[Node]], state: IncidentState, incidents: [Incident]) {
        self.engine = engine
        self.spec = spec
        self.candidates = candidates
        self.state = state
        self.incidents = incidents
    }

    /// Where the next tier is dialed from `node`: one (port, targets) pair per target
    /// port of its forwards or listener — each forward keeps its own `to-port`.
    mutating func nextHops(after node: Node, reachedOn port: Int, tier: Int) -> [(port: Int, only: Set<String>?)] {
        let declared = spec.tiers[tier].port
        switch node {
        case .instance(let i):
            let instance = engine.topology.instances[i]
            let forwards = instance.forwards.filter { $0.port.value == port }
            if !forwards.isEmpty {
                return Dictionary(grouping: forwards, by: \.effectiveTargetPort).sorted { $0.key < $1.key }
                    .map { (port: $0.key, only: Set($0.value.map(\.target.name))) }
            }
            // A reverse proxy that does not forward this port serves nothing behind it.
            if instance.roles.contains(where: { NetworkEngine.proxyRoles.contains($0.value) }) {
                missingForward = Reason(
                    code: .noForward,
                    message: FlowText.proxyForwardsNothing(instance.name, port: port),
                    location: instance.location, component: instance.name)
                return [(port, [])]
            }
        case .loadBalancer(let l):
            if let listener = engine.listener(l, port), listener.redirect == nil {
                return [(listener.targetPort?.value ?? port, Set(listener.targets.map(\.name)))]
            }
        default: break
        }
        return [(declared ?? spec.entryPort, nil)]
    }

    /// Tries every candidate of `tier` from `previous`; true when a full chain works.
    mutating func search(_ tier: Int, from previous: Node, port: Int, only: Set<String>?, chain: [FlowResult]) -> Bool {
        if tier == spec.tiers.count { best = chain; return true }
        var tierCandidates = candidates[tier]
        if let only { tierCandidates = tierCandidates.filter { only.contains(engine.nodeName($0)) } }
        if tierCandidates.isEmpty, chain.count >= best.count {
            best = chain
        }
        for node in tierCandidates {
            let key = "\(tier)|\(engine.nodeName(previous))|\(engine.nodeName(node))|\(port)"
            if failed.contains(key) { continue }
            if let mismatch = engine.portMismatch(spec, tier: tier, node: node, after: previous, dialed: port) {
                if wrongPort == nil { wrongPort = mismatch }
                failed.insert(key)
                continue
            }
            let flow = engine.evaluate(FlowQuery(from: .init(engine.nodeName(previous)), to: .named(engine.nodeName(node)), port: port, incidents: incidents), state)
            let attempt = chain + [flow]
            if flow.getsThrough {
                let hops = tier + 1 < spec.tiers.count ? nextHops(after: node, reachedOn: port, tier: tier + 1) : [(port: port, only: nil)]
                for next in hops where search(tier + 1, from: node, port: next.port, only: next.only, chain: attempt) { return true }
            } else if attempt.count > best.count || best.isEmpty {
                best = attempt
            }
            failed.insert(key)
        }
        return false
    }
}
