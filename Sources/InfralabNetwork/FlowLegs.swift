import InfralabSyntax
import InfralabTopology

/// Resolving a flow's ends, liveness, one leg from client to server, and leaving a
/// pre-cloud site.

extension NetworkEngine {
    // MARK: Resolution

    func resolveNode(_ endpoint: Endpoint) -> Node? {
        switch endpoint {
        case .internet: return .internet
        case .named(let name):
            if let i = index.instance[name] { return .instance(i) }
            if let k = index.dataStore(named: name) { return .dataStore(k) }
            if let l = index.loadBalancer[name] { return .loadBalancer(l) }
            if let n = index.natGateway[name] { return .nat(n) }
            if let h = index.host[name] { return .host(h) }
            if let o = index.outsideHost[name] { return .outside(o) }
            if name == "internet" || name == "anywhere" { return .internet }
            return nil
        }
    }

    func nodeName(_ node: Node) -> String {
        switch node {
        case .internet: "internet"
        case .outside(let o): topology.outside[o].name
        case .instance(let i): topology.instances[i].name
        case .loadBalancer(let l): topology.loadBalancers[l].name
        case .nat(let n): topology.natGateways[n].name
        case .host(let h): topology.hosts[h].name
        case .dataStore(let k): topology.dataStores[k].name
        }
    }

    func nodeKind(_ node: Node) -> ComponentKind? {
        switch node {
        case .internet: nil
        case .outside: .outsideHost
        case .instance: .instance
        case .loadBalancer: .loadBalancer
        case .nat: .natGateway
        case .host: .host
        case .dataStore(let k): topology.dataStores[k].kind
        }
    }

    func nodeLocation(_ node: Node) -> SourceLocation? {
        switch node {
        case .internet: nil
        case .outside(let o): topology.outside[o].location
        case .instance(let i): topology.instances[i].location
        case .loadBalancer(let l): topology.loadBalancers[l].location
        case .nat(let n): topology.natGateways[n].location
        case .host(let h): topology.hosts[h].location
        case .dataStore(let k): topology.dataStores[k].location
        }
    }

    func point(instance i: Int) -> NetPoint? {
        guard let s = index.instanceSubnet[i], let v = index.subnetVPC[s], let ip = instancePrivate[i] else { return nil }
        let instance = topology.instances[i]
        return NetPoint(name: instance.name, kind: .instance, location: instance.location, subnet: s, vpc: v, address: ip,
                        groups: instanceGroups[i], publicAddress: instancePublic[i]?.address, publicLocation: instancePublic[i]?.location)
    }

    func points(loadBalancer l: Int, _ state: IncidentState) -> [NetPoint] {
        let lb = topology.loadBalancers[l]
        return liveNodes(l, state).compactMap { node in
            guard let v = index.subnetVPC[node.subnet] else { return nil }
            return NetPoint(name: lb.name, kind: .loadBalancer, location: lb.location, subnet: node.subnet, vpc: v, address: node.address,
                            groups: lbGroups[l], publicAddress: lbPublic[l], publicLocation: lb.location)
        }
    }

    func nodeVPC(_ node: Node) -> Int? {
        switch node {
        case .instance(let i): return index.instanceSubnet[i].flatMap { index.subnetVPC[$0] }
        case .loadBalancer(let l): return lbNodes[l].first.flatMap { index.subnetVPC[$0.subnet] }
        case .nat(let n): return index.natSubnet[n].flatMap { index.subnetVPC[$0] }
        case .dataStore(let k): return index.vpc(ofDataStore: k)
        default: return nil
        }
    }

    // MARK: Liveness

    /// Blocks the trace when the node is down under the incidents.
    func checkAlive(_ node: Node, _ state: IncidentState, _ t: inout Trace) {
        func down(_ incident: Incident, code: ReasonCode) {
            let (why, location) = downReason(node, incident)
            t.block(nodeKind(node), nodeName(node), why, location, code: code)
        }
        switch node {
        case .instance(let i):
            if let incident = state.instanceDown(i) { down(incident, code: .endpointDown) }
        case .nat(let n):
            if let incident = state.natDown(n) { down(incident, code: .natDown) }
        case .host(let h):
            if let s = index.hostSite[h], let incident = state.siteDown(s) {
                down(incident, code: .siteDown)
            } else if let incident = state.hostDown(h) {
                down(incident, code: .endpointDown)
            }
        case .loadBalancer(let l):
            if !lbNodes[l].isEmpty && liveNodes(l, state).isEmpty {
                let incident = lbNodes[l].compactMap { state.azDown($0.availabilityZone) }.first!
                down(incident, code: .endpointDown)
            }
        case .dataStore(let k):
            checkStoreAlive(k, state, &t)
        case .internet, .outside: break
        }
    }

    // MARK: A leg

    /// One connection from `client` to `server`, refused when nothing listens on the
    /// port it arrives on.
    func runLeg(_ client: Node, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        connect(client, server, q, state, &t)
        guard !t.isBlocked, !t.isSameEndpoint else { return }
        checkListening(server, port: t.arrivedPort ?? q.port, pointedBy: t.arrivedVia ?? q.pointedBy, &t)
    }

    /// The path of one connection from `client` to `server`.
    func connect(_ client: Node, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        checkAlive(client, state, &t)
        if t.isBlocked { return }
        checkAlive(server, state, &t)
        if t.isBlocked { return }
        if client == server {
            t.info(nodeKind(client), nodeName(client),
                   FlowText.sameMachine, nodeLocation(client))
            t.isSameEndpoint = true
            return
        }
        switch client {
        case .internet:
            t.info(nil, "internet", FlowText.internetClient, nil)
            arrive(from: .internet, fromHostSite: nil, server, q, state, &t)
        case .outside(let o):
            let host = topology.outside[o]
            t.info(.outsideHost, host.name, FlowText.startsAtOutside(host.cidr.value), host.location)
            arrive(from: Addr(cidr: host.cidr.value, label: "\(host.name) (\(host.cidr.value))"), fromHostSite: nil, server, q, state, &t)
        case .host(let h):
            departHost(h, server, q, state, &t)
        case .instance(let i):
            guard let p = point(instance: i) else {
                t.block(.instance, topology.instances[i].name,
                        FlowText.notInKnownSubnet(topology.instances[i].name),
                        topology.instances[i].location, code: .cannotRoute)
                return
            }
            depart(p, server, q, state, &t)
        case .loadBalancer(let l):
            var nodes = points(loadBalancer: l, state)
            if case .instance(let target) = server, let az = instanceAZ[target] {
                nodes.sort { ($0.subnet.az(self) == az ? 0 : 1, $0.subnet) < ($1.subnet.az(self) == az ? 0 : 1, $1.subnet) }
            }
            var firstFailure: Trace?
            for node in nodes {
                var attempt = t
                depart(node, server, q, state, &attempt)
                if !attempt.isBlocked { t = attempt; return }
                if firstFailure == nil { firstFailure = attempt }
            }
            if let failure = firstFailure {
                t = failure
            } else {
                let lb = topology.loadBalancers[l]
                t.block(.loadBalancer, lb.name, FlowText.loadBalancerWithoutSubnet(lb.name), lb.location, code: .cannotRoute)
            }
        case .dataStore(let k):
            blockStoreAsClient(k, &t)
        case .nat(let n):
            let nat = topology.natGateways[n]
            t.block(.natGateway, nat.name,
                    FlowText.natIsNotClient, nat.location, code: .cannotRoute)
        }
    }

    // MARK: Leaving a pre-cloud site

    func departHost(_ h: Int, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        let host = topology.hosts[h]
        guard let s = index.hostSite[h] else {
            t.block(.host, host.name, FlowText.unknownSite(host.name), host.location, code: .cannotRoute)
            return
        }
        let site = topology.sites[s]
        if case .host(let other) = server, index.hostSite[other] == s {
            t.pass(.site, site.name, FlowText.sameLAN(site.name), site.location)
            t.pass(.host, topology.hosts[other].name,
                   FlowText.answersOn(describeTraffic(q.proto, q.port)), topology.hosts[other].location)
            return
        }
        let source: Addr
        if let ip = site.publicIP?.value {
            source = Addr(cidr: CIDR(host: ip), label: "\(site.name)'s public address \(ip)", labelKo: "\(site.name)의 퍼블릭 주소 \(ip)")
            t.pass(.site, site.name, FlowText.leavesThroughRouter(site.name, ip: ip), site.publicIP?.location ?? site.location)
        } else {
            source = Addr(cidr: .anywhere, label: "\(site.name) (the ISP's address)", labelKo: "\(site.name)(통신사 주소)")
            t.pass(.site, site.name, FlowText.leavesThroughISP(site.name), site.location)
        }
        arrive(from: source, fromHostSite: s, server, q, state, &t)
    }
}
