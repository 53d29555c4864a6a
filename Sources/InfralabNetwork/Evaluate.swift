import InfralabSyntax
import InfralabTopology

/// `evaluate(_:)`: one flow (or two legs with `through`) turned into a `FlowResult`.


extension NetworkEngine {
    package func evaluate(_ query: FlowQuery) -> FlowResult {
        let state = IncidentState(engine: self, incidents: query.incidents)
        return evaluate(query, state)
    }

    func evaluate(_ query: FlowQuery, _ state: IncidentState) -> FlowResult {
        func unknown(_ name: String) -> FlowResult {
            let message = FlowText.unknownEndpoint(name)
            return FlowResult(query: query, isReachable: false,
                              hops: [Hop(kind: nil, name: name, verdict: .block, detail: message)],
                              reason: Reason(code: .unknownEndpoint, message: message, component: name))
        }
        guard let source = resolveNode(query.source) else { return unknown(query.source.description) }
        guard let destination = resolveNode(query.destination) else { return unknown(query.destination.description) }
        let first = LegQuery(proto: query.protocol, port: query.port, clientPorts: query.clientPorts, address: query.address)

        guard let throughName = query.through else {
            var t = Trace()
            runLeg(source, destination, first, state, &t)
            finishReplies(&t, proto: query.protocol)
            return result(query, t)
        }
        guard let through = resolveNode(.named(throughName)) else { return unknown(throughName) }

        // Leg 1: source → through.
        var t = Trace()
        runLeg(source, through, first, state, &t)
        finishReplies(&t, proto: query.protocol)
        if t.isBlocked { return result(query, t) }

        // Leg 2: through → destination, as `through` carries the connection onward.
        guard let second = onwardLeg(through, named: throughName, query, &t) else { return result(query, t) }
        var trace = Trace()
        runLeg(through, destination, second, state, &trace)
        finishReplies(&trace, proto: query.protocol)
        t.hops += trace.hops
        t.reason = trace.reason
        t.missing += trace.missing
        return result(query, t)
    }

    /// What `through` does with the connection: the second leg's query, or nil when
    /// `through` blocks it (the block is on `t`).
    func onwardLeg(_ through: Node, named throughName: String, _ query: FlowQuery, _ t: inout Trace) -> LegQuery? {
        var secondPort = query.port
        var secondAddress = AddressChoice.auto
        var pointedBy: SourceLocation?
        switch through {
        case .instance(let i):
            let instance = topology.instances[i]
            if !instance.forwards.isEmpty {
                guard let forward = instance.forwards.first(where: { $0.port.value == query.port && $0.target.name == query.destination.description }) else {
                    let message = FlowText.doesNotForward(instance.name, port: query.port, destination: query.destination)
                    t.block(.instance, instance.name, message, instance.forwards.first?.location ?? instance.location, code: .notThrough)
                    return nil
                }
                secondPort = forward.effectiveTargetPort
                pointedBy = forward.location
                let port = secondPort
                t.pass(.instance, instance.name, FlowText.forwardsToSecondConnection(query.port, target: forward.target.name, secondPort: port), forward.location)
            } else {
                let port = secondPort
                t.info(.instance, instance.name, FlowText.opensSecondConnection(query.destination, secondPort: port), instance.location)
            }
        case .loadBalancer(let l):
            let lb = topology.loadBalancers[l]
            guard let listener = listener(l, query.port), listener.targets.contains(where: { $0.name == query.destination.description }) else {
                let message = FlowText.noListenerForTarget(lb.name, port: query.port, destination: query.destination)
                t.block(.loadBalancer, lb.name, message, lb.location, code: .notThrough)
                return nil
            }
            // Leg 1 already proved one target answers; leg 2 is the named destination.
            t.hops = t.hops.prefix { !($0.kind == .loadBalancer && $0.detail.en.hasPrefix("listener")) } + []
            secondPort = listener.targetPort?.value ?? listener.port.value
            secondAddress = .private
            pointedBy = listener.location
            let port = secondPort
            t.pass(.loadBalancer, lb.name, FlowText.listenerForwardsTo(query.port, destination: query.destination, secondPort: port), listener.location)
        case .host:
            let port = secondPort
            t.info(.host, nodeName(through), FlowText.opensSecondConnection(query.destination, secondPort: port), nodeLocation(through))
        default:
            let message = FlowText.cannotCarryOnward(throughName)
            t.block(nodeKind(through), throughName, message, nodeLocation(through), code: .notThrough)
            return nil
        }

        let ephemeral: PortRange = if case .loadBalancer = through { .awsEphemeral } else { .linuxEphemeral }
        return LegQuery(proto: query.protocol, port: secondPort, clientPorts: ephemeral, address: secondAddress, pointedBy: pointedBy)
    }

    func result(_ query: FlowQuery, _ t: Trace) -> FlowResult {
        if let reason = t.reason {
            return FlowResult(query: query, isReachable: false, hops: t.hops, reason: reason)
        }
        if t.isSameEndpoint && t.hops.count == 1 {
            return FlowResult(query: query, isReachable: true, hops: t.hops,
                              reason: Reason(code: .sameEndpoint, message: t.hops[0].detail, location: t.hops[0].location, component: t.hops[0].name))
        }
        let missing = mergeRanges(t.missing)
        if !missing.isEmpty {
            let text = missing.map(\.description).joined(separator: ", ")
            let partialHop = t.hops.last { $0.kind == .networkACL && $0.detail.en.contains("allowed only for ports") }
            return FlowResult(query: query, isReachable: true, isPartial: true, missingClientPorts: missing, hops: t.hops,
                              reason: Reason(code: .partialEphemeralPorts,
                                             message: FlowText.partialReplies(text, acl: partialHop?.name),
                                             location: partialHop?.location, component: partialHop?.name))
        }
        return FlowResult(query: query, isReachable: true, hops: t.hops,
                          reason: Reason(code: .reachable, message: FlowText.reaches(query.source, destination: query.destination, traffic: describeTraffic(query.protocol, query.port))))
    }
}
