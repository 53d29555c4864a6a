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
            let message = L("no instance, load balancer, NAT gateway, host or outside host is named \(name)",
                            "\(Korean.quoting("\(name)")) 인스턴스, 로드 밸런서, NAT 게이트웨이, 호스트, 외부 호스트가 없어요")
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
                    let message = L("\(instance.name) does not forward port \(query.port) to \(query.destination)",
                                    "\(Korean.topic("\(instance.name)")) 포트 \(Korean.object("\(query.port)")) \(Korean.toward("\(query.destination)")) 넘기지 않아요")
                    t.block(.instance, instance.name, message, instance.forwards.first?.location ?? instance.location, code: .notThrough)
                    return nil
                }
                secondPort = forward.effectiveTargetPort
                pointedBy = forward.location
                t.pass(.instance, instance.name, L("forwards port \(query.port) to \(forward.target.name):\(secondPort) (a second connection)",
                                                   "포트 \(Korean.object("\(query.port)")) \(forward.target.name):\(Korean.toward("\(secondPort)")) 넘겨요 (두 번째 연결)"), forward.location)
            } else {
                t.info(.instance, instance.name, L("opens a second connection to \(query.destination) on port \(secondPort)",
                                                   "\(Korean.toward("\(query.destination)")) 포트 \(secondPort) 두 번째 연결을 열어요"), instance.location)
            }
        case .loadBalancer(let l):
            let lb = topology.loadBalancers[l]
            guard let listener = listener(l, query.port), listener.targets.contains(where: { $0.name == query.destination.description }) else {
                let message = L("\(lb.name) has no listener on port \(query.port) with \(query.destination) as a target",
                                "\(lb.name)에 \(Korean.object("\(query.destination)")) 대상으로 하는 포트 \(query.port) 리스너가 없어요")
                t.block(.loadBalancer, lb.name, message, lb.location, code: .notThrough)
                return nil
            }
            // Leg 1 already proved one target answers; leg 2 is the named destination.
            t.hops = t.hops.prefix { !($0.kind == .loadBalancer && $0.detail.en.hasPrefix("listener")) } + []
            secondPort = listener.targetPort?.value ?? listener.port.value
            secondAddress = .private
            pointedBy = listener.location
            t.pass(.loadBalancer, lb.name, L("listener \(query.port) forwards to \(query.destination):\(secondPort)",
                                             "리스너 \(Korean.subject("\(query.port)")) \(query.destination):\(Korean.toward("\(secondPort)")) 넘겨요"), listener.location)
        case .host:
            t.info(.host, nodeName(through), L("opens a second connection to \(query.destination) on port \(secondPort)",
                                               "\(Korean.toward("\(query.destination)")) 포트 \(secondPort) 두 번째 연결을 열어요"), nodeLocation(through))
        default:
            let message = L("\(throughName) cannot carry a connection onward", "\(Korean.topic("\(throughName)")) 연결을 이어 줄 수 없어요")
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
                                             message: L("reachable for some clients only: replies to client ports \(text) are not allowed by \(partialHop?.name ?? "a network ACL") (AWS recommends allowing 1024-65535)",
                                                        "일부 클라이언트만 접속할 수 있어요: 클라이언트 포트 \(Korean.toward("\(text)")) 가는 응답을 \(Korean.subject("\(partialHop?.name ?? "네트워크 ACL")")) 허용하지 않아요 (AWS는 1024-65535를 열어 두라고 권해요)"),
                                             location: partialHop?.location, component: partialHop?.name))
        }
        return FlowResult(query: query, isReachable: true, hops: t.hops,
                          reason: Reason(code: .reachable, message: L("\(query.source) reaches \(query.destination) on \(describeTraffic(query.protocol, query.port))",
                                                                      "\(query.source)에서 \(query.destination)의 \(describeTraffic(query.protocol, query.port))에 접속할 수 있어요")))
    }
}
