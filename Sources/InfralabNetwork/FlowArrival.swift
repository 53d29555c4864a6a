import InfralabSyntax
import InfralabTopology

/// Arriving from the world (internet gateway, sites' routers) and load balancers.

extension NetworkEngine {
    // MARK: Arriving from the world

    func arrive(from source: Addr, fromHostSite: Int?, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        switch server {
        case .internet:
            t.pass(nil, "internet", FlowText.reachesInternet(source.label, sourceKo: source.ko), nil)
        case .outside(let o):
            let host = topology.outside[o]
            t.pass(.outsideHost, host.name, FlowText.reachesOutsideHost(host.name, source: source.label, sourceKo: source.ko), host.location)
        case .nat(let n):
            let nat = topology.natGateways[n]
            t.block(.natGateway, nat.name, FlowText.natRefusesInbound(nat.name),
                    nat.location, code: .natInbound)
        case .host(let h):
            arriveAtHost(h, from: source, fromHostSite: fromHostSite, q, &t)
        case .dataStore(let k):
            arriveAtStore(k, from: source, q, state, &t)
        case .instance(let i):
            if q.address == .private {
                t.block(.instance, topology.instances[i].name, FlowText.privateAddressFromOutside, topology.instances[i].location, code: .privateAddressFromOutside)
                return
            }
            guard let d = point(instance: i) else {
                t.block(.instance, topology.instances[i].name, FlowText.notInKnownSubnet(topology.instances[i].name),
                        topology.instances[i].location, code: .cannotRoute)
                return
            }
            guard d.publicAddress != nil else {
                t.block(.instance, d.name, FlowText.noPublicIPToReach(d.name, source: source.label, sourceKo: source.ko), d.location, code: .noPublicIP)
                return
            }
            inboundFromWorld(d, from: source, q, &t)
        case .loadBalancer(let l):
            let lb = topology.loadBalancers[l]
            if lb.scheme == .internal || q.address == .private {
                t.block(.loadBalancer, lb.name, FlowText.internalLoadBalancer(lb.name),
                        lb.location, code: .privateAddressFromOutside)
                return
            }
            guard listener(l, q.port) != nil else {
                t.block(.loadBalancer, lb.name, FlowText.noListener(lb.name, port: q.port), lb.location, code: .noListener)
                return
            }
            var firstFailure: Trace?
            for node in points(loadBalancer: l, state) {
                var attempt = t
                inboundFromWorld(node, from: source, q, &attempt)
                if !attempt.isBlocked {
                    t = attempt
                    behindLoadBalancer(l, q, state, &t)
                    return
                }
                if firstFailure == nil { firstFailure = attempt }
            }
            if let failure = firstFailure { t = failure } else {
                t.block(.loadBalancer, lb.name, FlowText.loadBalancerWithoutSubnet(lb.name), lb.location, code: .cannotRoute)
            }
        }
    }

    func inboundFromWorld(_ d: NetPoint, from source: Addr, _ q: LegQuery, _ t: inout Trace) {
        let vpc = topology.vpcs[d.vpc]
        let (tableName, tableLocation, tableKind) = routingLocation(subnet: d.subnet)
        guard let g = index.vpcGateway[d.vpc] else {
            // A detached gateway the route table names is the classic mistake.
            if let t2 = index.subnetTable[d.subnet].table,
               let route = topology.routeTables[t2].routes.first(where: { if case .igw = resolveTarget($0.target.name) { return true } else { return false } }) {
                t.block(.internetGateway, route.target.name, FlowText.gatewayNotAttached(route.target.name, vpc: vpc.name),
                        route.location, code: .internetGatewayNotAttached)
            } else {
                t.block(.vpc, vpc.name, FlowText.noInternetGatewayAttached(vpc.name), vpc.location, code: .noInternetGateway)
            }
            return
        }
        let igw = topology.internetGateways[g]
        t.pass(.internetGateway, igw.name, FlowText.translatesToPrivate(d.name, publicAddress: d.publicAddress.map { "\($0)" } ?? "?", address: "\(d.address)"), igw.location)
        // The replies to every atom of the client set must go out by this internet gateway.
        let atoms = self.atoms(source)
        let groups = routeGroups(subnet: d.subnet, atoms: atoms)
        let isOut = { (group: RouteGroup) -> Bool in if case .igw(let rg)? = group.target { rg == g } else { false } }
        let out = groups.first(where: isOut)
        if let out, groups.count == 1 {
            t.pass(tableKind, tableName, FlowText.repliesGoOutBy(source.label, routes: out.routesText, gateway: igw.name, sourceKo: source.ko, routesKo: out.routesTextKo), out.matches[0].route?.location ?? tableLocation)
        } else {
            let lost = groups.filter { !isOut($0) }.max { $0.size < $1.size }
            let match = lost?.matches.first
            let clients = groups.count == 1 || lost == nil ? source : restrict(source, atoms, lost!.picked)
            let detail = match.map { m -> String in m.route.map { "route \(m.destination) via \($0.target.name)" } ?? "the local route" } ?? "no route"
            let repliesKo = "\(Korean.toward(clients.ko)) 가는 응답" + (match.map { m -> String in
                m.route.map { "이 인터넷 게이트웨이가 아닌 경로 \(m.destination) → \(Korean.toward($0.target.name)) 가요" } ?? "이 `local` 경로에만 맞아요"
            } ?? "이 갈 경로가 없어요")
            let tableKo = routeTableNameKo(subnet: d.subnet)
            if out == nil {
                t.block(tableKind, tableName, privateSubnetWords(d, clients: clients, match: match),
                        match?.route?.location ?? tableLocation, code: .noRouteToInternetGateway)
            } else if match == nil {
                t.block(tableKind, tableName,
                        FlowText.noReplyRoute(routeTableName(subnet: d.subnet), clients: clients.label, name: d.name, tableKo: tableKo, clientsKo: clients.ko),
                        tableLocation, code: .noRouteToInternetGateway)
            } else {
                t.block(tableKind, tableName,
                        FlowText.repliesNotToInternet(routeTableName(subnet: d.subnet), clients: clients.label, detail: detail, name: d.name, tableKo: tableKo, repliesKo: repliesKo),
                        match?.route?.location ?? tableLocation, code: .noRouteToInternetGateway)
            }
            return
        }
        aclForward(subnet: d.subnet, inbound: true, peer: source, q, &t)
        if t.isBlocked { return }
        t.replies.append(ReplyCheck(subnet: d.subnet, inbound: false, peer: source, ports: q.clientPorts))
        ingressGroups(d, from: source, q, &t)
        if t.isBlocked { return }
        t.pass(d.kind, d.name, FlowText.answersOn(describeTraffic(q.proto, q.port)), d.location)
    }

    func arriveAtHost(_ h: Int, from source: Addr, fromHostSite: Int?, _ q: LegQuery, _ t: inout Trace) {
        let host = topology.hosts[h]
        guard let s = index.hostSite[h] else {
            t.block(.host, host.name, FlowText.unknownSite(host.name), host.location, code: .cannotRoute)
            return
        }
        let site = topology.sites[s]
        let forward = site.portForwards.first { $0.port.value == q.port && $0.target.name == host.name }
        if let forward, let ip = site.publicIP?.value {
            t.pass(.site, site.name, FlowText.routerForwards(site.name, ip: ip, port: q.port, host: host.name, targetPort: forward.effectiveTargetPort), forward.location)
            t.pass(.host, host.name, FlowText.answersOnPort(forward.effectiveTargetPort), host.location)
            t.arrivedPort = forward.effectiveTargetPort
            t.arrivedVia = forward.location
            return
        }
        if let tunnel = site.tunnels.first(where: { $0.port.value == q.port && $0.target.name == host.name }) {
            t.pass(.site, site.name, FlowText.tunnelCarries(host.name, port: q.port, targetPort: tunnel.effectiveTargetPort), tunnel.location)
            t.pass(.host, host.name, FlowText.answersOnPort(tunnel.effectiveTargetPort), host.location)
            t.arrivedPort = tunnel.effectiveTargetPort
            t.arrivedVia = tunnel.location
            return
        }
        if forward != nil {
            t.block(.site, site.name, FlowText.siteWithoutPublicIP(site.name, port: q.port), site.location, code: .siteNoPublicIP)
        } else if let other = fromHostSite, other != s {
            t.block(.site, site.name, FlowText.hostAtAnotherSite(host.name, site: site.name, port: q.port),
                    site.location, code: .differentSite)
        } else {
            t.block(.site, site.name, FlowText.noPortForward(site.name, port: q.port, host: host.name), site.location, code: .noPortForward)
        }
    }

    // MARK: Load balancers

    func listener(_ l: Int, _ port: Int) -> LoadBalancer.Listener? {
        topology.loadBalancers[l].listeners.first { $0.port.value == port }
    }

    /// Behind an answering load-balancer node: a redirect answers by itself; otherwise at
    /// least one target must be alive and reachable from the load balancer.
    func behindLoadBalancer(_ l: Int, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        let lb = topology.loadBalancers[l]
        guard let listener = listener(l, q.port) else {
            t.block(.loadBalancer, lb.name, FlowText.noListener(lb.name, port: q.port), lb.location, code: .noListener)
            return
        }
        if let redirect = listener.redirect {
            t.pass(.loadBalancer, lb.name, FlowText.listenerRedirects(listener.port.value, redirectPort: redirect.value), listener.location)
            return
        }
        let targetPort = listener.targetPort?.value ?? listener.port.value
        t.pass(.loadBalancer, lb.name, FlowText.listenerForwardsToTargets(listener.port.value, targetPort: targetPort), listener.location)
        var firstFailure: Trace?
        var downReasons: [String] = []
        for target in listener.targets {
            guard let node = resolveNode(.named(target.name)) else { continue }
            var attempt = Trace()
            runLeg(.loadBalancer(l), node, LegQuery(proto: q.proto == .udp ? .udp : .tcp, port: targetPort, clientPorts: .awsEphemeral, address: .private,
                                                       pointedBy: listener.location), state, &attempt)
            finishReplies(&attempt, proto: q.proto == .udp ? .udp : .tcp)
            if !attempt.isBlocked {
                t.hops += attempt.hops.filter { !($0.kind == .loadBalancer && $0.verdict == .info) }
                t.missing += attempt.missing
                return
            }
            if let code = attempt.reason?.code, code == .endpointDown { downReasons.append(attempt.reason!.message.en) }
            if firstFailure == nil || firstFailure?.reason?.code == .endpointDown { firstFailure = attempt }
        }
        let why = firstFailure?.reason
        t.hops += firstFailure?.hops ?? []
        let message = FlowText.noHealthyTarget(lb.name, listener: listener.port.value, hasTargets: !listener.targets.isEmpty, targetPort: targetPort, why: why?.message)
        t.hops.append(Hop(kind: .loadBalancer, name: lb.name, verdict: .block, detail: message, location: listener.location))
        t.reason = Reason(code: .noHealthyTarget, message: message, location: why?.location ?? listener.location, component: why?.component ?? lb.name)
    }
}
