import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Grades a topology against a step's requirements: the network engine answers the flow
/// questions, `TopologyFacts` the static ones. Pure: no files, no terminal.

/// Evidence for a requirement's verdict, in the learner's names.
public struct Finding: Sendable, Hashable {
    public var message: LocalizedText
    /// The line to look at.
    public var location: SourceLocation?
    /// The flow that shows the problem (unreachable when it should be reachable, or the
    /// open path when it should be closed).
    public var flow: FlowResult?
    public var service: ServiceResult?
    /// The incidents in effect when this was observed.
    public var scenario: [Incident]

    public init(message: LocalizedText, location: SourceLocation? = nil, flow: FlowResult? = nil,
                service: ServiceResult? = nil, scenario: [Incident] = []) {
        self.message = message
        self.location = location
        self.flow = flow
        self.service = service
        self.scenario = scenario
    }
}

public struct RequirementResult: Sendable, Hashable {
    public var requirement: Requirement
    /// Carried from an earlier step (shown as "still holds").
    public var isCarried: Bool
    public var passed: Bool
    /// Why it fails (empty when it passes).
    public var findings: [Finding]
}

public struct StepGrade: Sendable {
    public var missionID: String
    public var stepID: String
    public var results: [RequirementResult]
    /// The topology file's own diagnostics (shown above the checklist).
    public var diagnostics: [Diagnostic]

    /// A file with load errors never passes, whatever its requirements say: what was
    /// graded is not what the learner wrote (an unknown key dropped, a name unresolved).
    public var passed: Bool { !hasErrors && results.allSatisfy(\.passed) }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var failing: [RequirementResult] { results.filter { !$0.passed } }
    /// The requirement a hint is about: the first failing one of this step's own, then
    /// the first failing carried one; nil when every requirement passes.
    package var hintTarget: RequirementResult? {
        failing.first { !$0.isCarried } ?? failing.first
    }
    public var passedCount: Int { results.filter(\.passed).count }
}

public struct Grader: Sendable {
    public let topology: Topology
    public let diagnostics: [Diagnostic]
    package let facts: TopologyFacts
    let engine: NetworkEngine

    public init(topology: Topology, diagnostics: [Diagnostic]) {
        self.init(index: TopologyIndex(topology), diagnostics: diagnostics)
    }

    /// Grades what the loader read, over its index; a file that did not load at all is
    /// graded as an empty topology named `file`.
    package init(_ loaded: TopologyLoadResult, file: String) {
        self.init(index: loaded.index ?? TopologyIndex(Topology(file: file)), diagnostics: loaded.diagnostics)
    }

    /// Grades over the loader's index (`TopologyLoadResult.index`): nothing is resolved twice.
    package init(index: TopologyIndex, diagnostics: [Diagnostic]) {
        self.init(engine: NetworkEngine(index: index), diagnostics: diagnostics)
    }

    init(engine: NetworkEngine, diagnostics: [Diagnostic]) {
        self.topology = engine.topology
        self.diagnostics = diagnostics
        self.engine = engine
        self.facts = TopologyFacts(topology, engine: engine)
    }

    /// This grader with the mission's idea of what listens where (its service's ports).
    func adapted(to mission: Mission) -> Grader {
        let listening = ListeningPorts(service: mission.service)
        guard listening != engine.listening else { return self }
        var engine = self.engine
        engine.listening = listening
        return Grader(engine: engine, diagnostics: diagnostics)
    }

    /// Grades `step` of `mission`: its own requirements, then the carried ones.
    public func grade(mission: Mission, step: Step) -> StepGrade {
        let grader = adapted(to: mission)
        let own = Set(step.requirements.map(\.id))
        // Requirements are independent questions about one model: graded side by side.
        // A task-local setting does not follow work onto other threads: carried by hand.
        let exhaustive = ScenarioSearch.exhaustive
        let results = Parallel.map(mission.requirements(for: step)) { requirement in
            ScenarioSearch.$exhaustive.withValue(exhaustive) {
                var result = grader.evaluate(requirement, service: mission.service)
                result.isCarried = !own.contains(requirement.id)
                return result
            }
        }
        return StepGrade(missionID: mission.id, stepID: step.id, results: results, diagnostics: diagnostics)
    }

    public func evaluate(_ requirement: Requirement, service: ServiceSpec?) -> RequirementResult {
        let findings = check(requirement.check, service: service)
        return RequirementResult(requirement: requirement, isCarried: false, passed: findings.isEmpty, findings: findings)
    }

    // MARK: - Checks

    func check(_ check: Check, service: ServiceSpec?) -> [Finding] {
        switch check {
        case .reachable(let flow): return checkReachable(flow)
        case .unreachable(let flow): return checkUnreachable(flow)
        case .onlyThrough(let flow): return checkOnlyThrough(flow)
        case .serviceAnswers(let under, let entryPort): return checkService(service, under: under, entryPort: entryPort)
        case .placement(let select, let isPublic): return checkPlacement(select, isPublic: isPublic)
        case .spreadAZs(let select, let atLeast): return checkSpread(select, atLeast: atLeast)
        case .natPerAZ: return checkNATPerAZ()
        case .publicAddress(let select, let expectation): return checkPublicAddress(select, expectation)
        case .noOpenRule(let ports, let minPrefix, let select): return checkNoOpenRule(ports: ports, minPrefix: minPrefix, select: select)
        case .exists(let select, let atLeast, let atMost): return checkExists(select, atLeast: atLeast, atMost: atMost)
        case .separate(let roles): return checkSeparate(roles)
        case .validates(let rules): return checkValidates(rules)
        case .redirectsToHTTPS(let select, let port): return checkRedirect(select, port: port)
        }
    }

    /// Endpoints a selector picks, or a finding saying it picks nothing.
    func endpoints(_ selector: Selector) -> ([Endpoint], Finding?) {
        let names = facts.endpointNames(selector)
        if names.isEmpty {
            return ([], Finding(message: Messages.selectsNothing(selector)))
        }
        return (names.map(Endpoint.init), nil)
    }

    func addresses(_ scope: AddressScope) -> [AddressChoice] {
        switch scope {
        case .auto: [.auto]
        case .private: [.private]
        case .public: [.public]
        case .any: [.private, .public]
        }
    }

    func checkReachable(_ flow: FlowCheck) -> [Finding] {
        let (sources, e1) = endpoints(flow.from)
        let (destinations, e2) = endpoints(flow.to)
        if let e = e1 ?? e2 { return [e] }
        var findings: [Finding] = []
        var search = ScenarioSearch(flow.under, facts: facts)
        // The ways to try: one `through`, or any of `through: [direct, …]`.
        var ways: [String?] = [throughName(flow)]
        if !flow.throughAny.isEmpty || flow.throughDirect {
            ways = (flow.throughDirect ? [nil] : []) + flow.throughAny.flatMap { facts.endpointNames($0).map(Optional.some) }
        }
        while let scenario = search.next() {
            var failures: [FlowResult] = []
            var passing: [FlowResult] = []
            var anyPassed = false
            // Direct flows between endpoints that behave alike get the verdict of the
            // first such pair (`EndpointBehaviour`): pairing hundreds of copies stays linear.
            // The exhaustive walk (the tests' reference) evaluates every pair.
            let exhaustive = ScenarioSearch.exhaustive
            let struck = Set(scenario.compactMap { incident -> String? in
                switch incident {
                case .instanceFailure(let name): name
                case .pcOff(let name) where name != "*": name
                default: nil
                }
            })
            let behaviour = { (endpoint: Endpoint) -> EndpointBehaviour? in
                guard !exhaustive, ways == [nil], case .named(let name) = endpoint else { return nil }
                return engine.behaviour(of: name, struck: struck)
            }
            // Kinds as small numbers (each endpoint hashed once), pairs of kinds in a table.
            var kinds: [EndpointBehaviour: Int] = [:]
            let kind = { (key: EndpointBehaviour?) -> Int? in
                guard let key else { return nil }
                if let known = kinds[key] { return known }
                kinds[key] = kinds.count
                return kinds.count - 1
            }
            let sourceKinds = sources.map { kind(behaviour($0)) }, destinationKinds = destinations.map { kind(behaviour($0)) }
            var decided: [Int: FlowResult] = [:]
            // Ends whose verdict was another pair's: the scenario search's witness names them.
            var sharedEnds: Set<String> = []
            var sharing = (sources: [Bool](repeating: false, count: sources.count), destinations: [Bool](repeating: false, count: destinations.count))
            for (s, source) in sources.enumerated() {
                for (d, destination) in destinations.enumerated() where source != destination {
                    let pair = sourceKinds[s].flatMap { a in destinationKinds[d].map { b in a * (kinds.count + 1) + b } }
                    if let pair, let known = decided[pair] {
                        // A failure was counted with the first pair (the one shown); a pass
                        // names these ends in the witness.
                        if known.getsThrough {
                            anyPassed = true
                            (sharing.sources[s], sharing.destinations[d]) = (true, true)
                        }
                        continue
                    }
                    let results = ways.flatMap { way in
                        addresses(flow.address).map { address in
                            engine.evaluate(FlowQuery(from: source, to: destination, protocol: flow.protocol, port: flow.port,
                                                      address: address, clientPorts: flow.client.ephemeralPorts, through: way, incidents: scenario))
                        }
                    }
                    // The way that gets through, else the partial or first failure.
                    guard let outcome = results.first(where: \.getsThrough) ?? results.first(where: \.isPartial) ?? results.first else { continue }
                    if let pair { decided[pair] = outcome }
                    if outcome.getsThrough { anyPassed = true; passing.append(outcome) } else { failures.append(outcome) }
                }
            }
            for (s, shared) in sharing.sources.enumerated() where shared { sharedEnds.insert(sources[s].description) }
            for (d, shared) in sharing.destinations.enumerated() where shared { sharedEnds.insert(destinations[d].description) }
            let failed = flow.requiresAny ? !anyPassed : !failures.isEmpty
            // A source the incident took down says nothing about the survivors: show a survivor's failure.
            let shown = failures.first { $0.reason.code != .endpointDown || $0.reason.component != $0.query.source.description } ?? failures.first
            if failed, let first = shown {
                search.failed()
                let message = first.isPartial ? Messages.partial(first) : Messages.shouldReach(first.query)
                findings.append(pointing(Finding(message: message, location: first.reason.location, flow: first, scenario: scenario),
                                         at: borrowedBlocking(first)))
            } else if !failed {
                search.passed(through: flow.requiresAny ? Array(passing.prefix(1)) : passing, alsoNaming: flow.requiresAny ? [] : sharedEnds)
            }
        }
        return findings
    }

    func throughName(_ flow: FlowCheck) -> String? {
        guard let through = flow.through else { return nil }
        return facts.endpointNames(through).first
    }

    /// Closed on every path: directly at each address the check names, and through every
    /// site forward, tunnel, forwarding instance and load balancer that leads to the
    /// destination's port (`NetworkEngine.openPaths`), except relays the check allows.
    func checkUnreachable(_ flow: FlowCheck, allowing extra: Set<String> = []) -> [Finding] {
        let (sources, e1) = endpoints(flow.from)
        let (destinations, e2) = endpoints(flow.to)
        // Nothing to reach is vacuously unreachable, but a missing source is a mission bug.
        if let e1 { return [e1] }
        _ = e2
        let allowed = extra.union(flow.allowThrough.flatMap { facts.endpointNames($0) })
        var findings: [Finding] = []
        var scenarios = ScenarioSearch(flow.under, facts: facts)
        while let scenario = scenarios.next() {
            search: for source in sources {
                for destination in destinations where source != destination {
                    guard case .named(let name) = destination else { continue }
                    let open = engine.openPaths(from: source, to: name, port: flow.port, protocol: flow.protocol,
                                                addresses: addresses(flow.address), incidents: scenario, except: allowed)
                    if let first = open.first {
                        let message = first.path.line == nil ? Messages.shouldNotReach(first.result.query) : Messages.exposedVia(first)
                        let finding = Finding(message: message, location: first.path.line ?? openingLocation(first.result),
                                              flow: first.result, scenario: scenario)
                        findings.append(first.path.line == nil ? pointing(pointing(finding, at: openedBy(first.result)), at: borrowedOpening(first.result)) : finding)
                        scenarios.failed()
                        break search
                    }
                }
            }
        }
        return findings
    }

    /// For a flow that should be closed: the last allowing security-group or NACL rule
    /// on the path is the line to change.
    func openingLocation(_ result: FlowResult) -> SourceLocation? {
        let deciding = result.hops.last { $0.verdict == .pass && ($0.kind == .securityGroup || $0.kind == .networkACL) && $0.location != nil }
        return deciding?.location ?? result.hops.last(where: { $0.location != nil })?.location
    }

    /// `port` is what the source dials: directly on `to`, and on `through`; the second
    /// leg uses the relay's forward (or listener) target port, or the same port (a bastion).
    /// Directly, `to` must be closed on `port` and on every port a relay forwards it to.
    func checkOnlyThrough(_ flow: FlowCheck) -> [Finding] {
        guard let through = flow.through else { return [] }
        let (sources, e1) = endpoints(flow.from)
        let (destinations, e2) = endpoints(flow.to)
        let (relays, e3) = endpoints(through)
        if let e = e1 ?? e2 ?? e3 { return [e] }
        var findings: [Finding] = []
        var directPorts = [flow.port]
        for relay in relays {
            for destination in destinations {
                let forwarded = forwardedPort(through: relay, to: destination, port: flow.port)
                if !directPorts.contains(forwarded) { directPorts.append(forwarded) }
            }
        }
        let relayNames = Set(relays.map(\.description))
        for port in directPorts {
            findings += checkUnreachable(FlowCheck(from: flow.from, to: flow.to, port: port, protocol: flow.protocol,
                                                   address: .any, under: flow.under), allowing: relayNames)
        }
        var search = ScenarioSearch(flow.under, facts: facts)
        while let scenario = search.next() {
            var passing: [FlowResult] = []
            let before = findings.count
            for source in sources {
                for destination in destinations where source != destination && !hasNothingOn(destination, port: flow.port) {
                    var best: FlowResult?
                    for relay in relays where relay != destination && relay != source {
                        let result = engine.evaluate(FlowQuery(from: source, to: destination, protocol: flow.protocol, port: flow.port,
                                                               clientPorts: flow.client.ephemeralPorts, through: relay.description, incidents: scenario))
                        if result.getsThrough { best = nil; passing.append(result); break }
                        if best == nil { best = result }
                    }
                    if let best {
                        findings.append(Finding(message: Messages.shouldReachThrough(best.query), location: best.reason.location,
                                                flow: best, scenario: scenario))
                    }
                }
            }
            if findings.count > before { search.failed() } else { search.passed(through: passing) }
        }
        return findings
    }

    /// A load balancer answers only on its listeners: with none on `port` (SSH on an ALB),
    /// there is no door to guard, and "only through the bastion" holds as AWS makes it.
    func hasNothingOn(_ destination: Endpoint, port: Int) -> Bool {
        guard case .named(let name) = destination, let l = engine.index.loadBalancer[name] else { return false }
        return !topology.loadBalancers[l].listeners.contains { $0.port.value == port }
    }

    /// The port a relay sends `port` on to `destination`: its forward or listener's
    /// target port, else the same port.
    func forwardedPort(through relay: Endpoint, to destination: Endpoint, port: Int) -> Int {
        guard case .named(let relayName) = relay, case .named(let destinationName) = destination else { return port }
        if let instance = topology.instances.first(where: { $0.name == relayName }),
           let forward = instance.forwards.first(where: { $0.port.value == port && $0.target.name == destinationName })
                ?? instance.forwards.first(where: { $0.port.value == port }) {
            return forward.effectiveTargetPort
        }
        if let balancer = topology.loadBalancers.first(where: { $0.name == relayName }),
           let listener = balancer.listeners.first(where: { $0.port.value == port && $0.redirect == nil }) {
            return listener.targetPort?.value ?? port
        }
        return port
    }

    func checkService(_ service: ServiceSpec?, under: [IncidentSpec], entryPort: Int?) -> [Finding] {
        guard var spec = service else {
            return [Finding(message: Messages.noServiceDefined)]
        }
        if let entryPort { spec.entryPort = entryPort }
        var findings: [Finding] = []
        var search = ScenarioSearch(under, facts: facts)
        while let scenario = search.next() {
            let result = engine.serviceAnswers(spec, incidents: scenario)
            if result.answers { search.passed(through: result.flows) } else { search.failed() }
            if !result.answers {
                let failing = result.flows.last { !$0.getsThrough }
                let finding = Finding(message: Messages.serviceDown, location: result.reason?.location ?? failing?.reason.location,
                                      flow: failing, service: result, scenario: scenario)
                findings.append(pointing(finding, at: failing.flatMap(borrowedBlocking)))
            }
        }
        return findings
    }

    func checkPlacement(_ select: Selector, isPublic: Bool) -> [Finding] {
        var findings: [Finding] = []
        var matched = 0
        let names = Set(facts.endpointNames(select))
        for instance in topology.instances where names.contains(instance.name) {
            matched += 1
            guard let subnet = instance.subnet?.name else { continue }
            if facts.isPublic(subnet: subnet) != isPublic {
                let because = isPublic ? nil : publicBecause(subnet: subnet)
                findings.append(Finding(message: Messages.placement(instance.name, subnet: subnet, wantPublic: isPublic, because: because),
                                        location: because?.location ?? instance.subnet?.location ?? instance.location))
            }
        }
        for nat in topology.natGateways where names.contains(nat.name) || select.form == .kind("nat-gateway") {
            matched += 1
            if facts.isPublic(subnet: nat.subnet.name) != isPublic {
                findings.append(Finding(message: Messages.placement(nat.name, subnet: nat.subnet.name, wantPublic: isPublic), location: nat.subnet.location))
            }
        }
        for balancer in topology.loadBalancers where names.contains(balancer.name) {
            matched += 1
            for subnet in balancer.subnets where facts.isPublic(subnet: subnet.name) != isPublic {
                findings.append(Finding(message: Messages.placement(balancer.name, subnet: subnet.name, wantPublic: isPublic), location: subnet.location))
            }
        }
        // A database or cache may run in any subnet of its group (the standby, a replacement).
        for store in topology.dataStores where names.contains(store.name) {
            matched += 1
            for subnet in facts.subnets(ofDataStore: store) where facts.isPublic(subnet: subnet.name) != isPublic {
                findings.append(Finding(message: Messages.placement(store.name, subnet: subnet.name, wantPublic: isPublic), location: subnet.location))
            }
        }
        if matched == 0 { return [Finding(message: Messages.selectsNothing(select))] }
        return findings
    }

    func checkSpread(_ select: Selector, atLeast: Int) -> [Finding] {
        var zones: Set<String> = []
        let names = Set(facts.endpointNames(select))
        for instance in topology.instances where names.contains(instance.name) {
            if let az = facts.availabilityZone(ofInstance: instance) { zones.insert(az) }
        }
        if case .kind(let kind) = select.form, kind.hasPrefix("subnet") {
            for name in names { if let az = facts.availabilityZone(ofSubnet: name) { zones.insert(az) } }
        }
        for balancer in topology.loadBalancers where names.contains(balancer.name) {
            for subnet in balancer.subnets { if let az = facts.availabilityZone(ofSubnet: subnet.name) { zones.insert(az) } }
        }
        // A Multi-AZ database or cache runs in two AZs (primary and standby); a single-AZ one in one.
        for store in topology.dataStores where names.contains(store.name) {
            zones.formUnion(facts.engine.placement(ofDataStore: store.name)?.availabilityZones ?? [])
        }
        if names.isEmpty { return [Finding(message: Messages.selectsNothing(select))] }
        if zones.count < atLeast {
            return [Finding(message: Messages.spread(select, found: zones.sorted(), atLeast: atLeast))]
        }
        return []
    }

    func checkNATPerAZ() -> [Finding] {
        var findings: [Finding] = []
        var anyUsesNAT = false
        for subnet in topology.subnets where !facts.isPublic(subnet: subnet.name) {
            guard let table = facts.routeTable(ofSubnet: subnet) else { continue }
            for route in table.routes {
                guard case .cidr(let cidr) = route.destination.value, cidr.isDefaultRoute,
                      let nat = topology.natGateways.first(where: { $0.name == route.target.name }) else { continue }
                anyUsesNAT = true
                let natZone = facts.availabilityZone(ofSubnet: nat.subnet.name)
                let zone = subnet.availabilityZone?.value
                if natZone != zone {
                    findings.append(Finding(message: Messages.natOtherAZ(subnet: subnet.name, zone: zone, nat: nat.name, natZone: natZone),
                                            location: route.location))
                }
            }
        }
        if !anyUsesNAT { return [Finding(message: Messages.noSubnetUsesNAT)] }
        return findings
    }

    /// Instances by their addresses. A load balancer has no Elastic IP of its own (AWS
    /// changes its addresses): it is stable when a DNS alias record points at it, public
    /// when internet-facing, and has no public address when internal.
    func checkPublicAddress(_ select: Selector, _ expectation: PublicAddressExpectation) -> [Finding] {
        let names = Set(facts.endpointNames(select))
        let instances = topology.instances.filter { names.contains($0.name) }
        let balancers = topology.loadBalancers.filter { names.contains($0.name) }
        let stores = topology.dataStores.filter { names.contains($0.name) }
        if instances.isEmpty && balancers.isEmpty && stores.isEmpty { return [Finding(message: Messages.selectsNothing(select))] }
        var findings: [Finding] = []
        for instance in instances {
            let ok: Bool
            switch expectation {
            case .elastic: ok = instance.elasticIP != nil
            case .public: ok = facts.hasPublicAddress(instance)
            case .none: ok = !facts.hasPublicAddress(instance)
            }
            if !ok {
                let location = instance.elasticIP?.location ?? instance.publicIP?.location ?? instance.location
                findings.append(Finding(message: Messages.publicAddress(instance.name, expectation), location: location))
            }
        }
        for balancer in balancers {
            let isPublic = balancer.scheme == .internetFacing
            let hasAlias = topology.dnsZones.contains { zone in zone.records.contains { $0.type == .alias && $0.value.value == balancer.name } }
            let ok: Bool
            switch expectation {
            case .elastic: ok = isPublic && hasAlias
            case .public: ok = isPublic
            case .none: ok = !isPublic
            }
            if !ok {
                let message = expectation == .elastic && isPublic ? Messages.balancerNeedsAlias(balancer.name) : Messages.publicAddress(balancer.name, expectation)
                findings.append(Finding(message: message, location: balancer.location))
            }
        }
        // A database's public address comes with `publicly-accessible: true`; it never has an Elastic IP.
        for store in stores {
            let ok = switch expectation {
            case .elastic: false
            case .public: store.isPubliclyAccessible
            case .none: !store.isPubliclyAccessible
            }
            if !ok {
                findings.append(Finding(message: Messages.publicAddress(store.name, expectation), location: store.publiclyAccessible?.location ?? store.location))
            }
        }
        return findings
    }

    func checkExists(_ select: Selector, atLeast: Int, atMost: Int?) -> [Finding] {
        var names = facts.endpointNames(select)
        if case .kind = select.form, names.isEmpty { names = facts.sites(select) }
        if case .name(let n) = select.form, !facts.componentExists(named: n) { names = [] }
        if names.count < atLeast {
            return [Finding(message: Messages.tooFew(select, found: names.count, atLeast: atLeast))]
        }
        if let atMost, names.count > atMost {
            let extra = names.compactMap { location(ofComponent: $0) }.first
            return [Finding(message: Messages.tooMany(select, found: names, atMost: atMost), location: extra)]
        }
        return []
    }

    func location(ofComponent name: String) -> SourceLocation? { engine.index.component(named: name)?.location }

    func checkSeparate(_ roles: [String]) -> [Finding] {
        var findings: [Finding] = []
        let wanted = Set(roles)
        for instance in topology.instances {
            let played = wanted.intersection(instance.roles.map(\.value))
            if played.count >= 2 { findings.append(Finding(message: Messages.notSeparate(instance.name, played.sorted()), location: instance.location)) }
        }
        for host in topology.hosts {
            let played = wanted.intersection(host.roles.map(\.value))
            if played.count >= 2 { findings.append(Finding(message: Messages.notSeparate(host.name, played.sorted()), location: host.location)) }
        }
        return findings
    }

    func checkValidates(_ rules: [String]?) -> [Finding] {
        diagnostics.filter { diagnostic in
            // Without a list: any error. With one: those rules, warnings included.
            guard let rules else { return diagnostic.severity == .error }
            return rules.contains { diagnostic.code == $0 || diagnostic.code.hasSuffix(".\($0)") }
        }.map { Finding(message: $0.message, location: $0.location) }
    }
}
