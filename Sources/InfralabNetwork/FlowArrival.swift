import InfralabSyntax
import InfralabTopology

/// Arriving from the world (internet gateway, sites' routers) and load balancers.

extension NetworkEngine {
    // MARK: Arriving from the world

    func arrive(from source: Addr, fromHostSite: Int?, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        switch server {
        case .internet:
            t.pass(nil, "internet", L("reaches the internet from \(source.label)", "\(source.ko)에서 인터넷에 접속해요"), nil)
        case .outside(let o):
            let host = topology.outside[o]
            t.pass(.outsideHost, host.name, L("reaches \(host.name) from \(source.label)", "\(source.ko)에서 \(host.name)에 접속해요"), host.location)
        case .nat(let n):
            let nat = topology.natGateways[n]
            t.block(.natGateway, nat.name, L("nothing from outside can start a connection in through \(nat.name): a NAT gateway is outbound only",
                                              "밖에서는 \(Korean.object("\(nat.name)")) 통해 안으로 연결을 시작할 수 없어요. NAT 게이트웨이는 나가는 방향 전용이에요"),
                    nat.location, code: .natInbound)
        case .host(let h):
            arriveAtHost(h, from: source, fromHostSite: fromHostSite, q, &t)
        case .instance(let i):
            if q.address == .private {
                t.block(.instance, topology.instances[i].name, L("a private address cannot be reached from outside its VPC",
                                                                 "프라이빗 주소로는 VPC 밖에서 접속할 수 없어요"), topology.instances[i].location, code: .privateAddressFromOutside)
                return
            }
            guard let d = point(instance: i) else {
                t.block(.instance, topology.instances[i].name, L("\(topology.instances[i].name) is not in any known subnet", "\(Korean.subject("\(topology.instances[i].name)")) 알려진 서브넷에 있지 않아요"),
                        topology.instances[i].location, code: .cannotRoute)
                return
            }
            guard d.publicAddress != nil else {
                t.block(.instance, d.name, L("\(d.name) has no public or Elastic IP, so it cannot be reached from \(source.label)",
                                             "\(d.name)에는 퍼블릭 IP도 탄력적 IP도 없어서 \(source.ko)에서 접속할 수 없어요"), d.location, code: .noPublicIP)
                return
            }
            inboundFromWorld(d, from: source, q, &t)
        case .loadBalancer(let l):
            let lb = topology.loadBalancers[l]
            if lb.scheme == .internal || q.address == .private {
                t.block(.loadBalancer, lb.name, L("\(lb.name) is internal: it cannot be reached from outside its VPC", "\(Korean.topic("\(lb.name)")) 내부용이라 VPC 밖에서는 접속할 수 없어요"),
                        lb.location, code: .privateAddressFromOutside)
                return
            }
            guard listener(l, q.port) != nil else {
                t.block(.loadBalancer, lb.name, L("\(lb.name) has no listener on port \(q.port)", "\(lb.name)에 포트 \(q.port) 리스너가 없어요"), lb.location, code: .noListener)
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
                t.block(.loadBalancer, lb.name, L("\(lb.name) has no subnet to run in", "\(lb.name)에 동작할 서브넷이 없어요"), lb.location, code: .cannotRoute)
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
                t.block(.internetGateway, route.target.name, L("\(route.target.name) is not attached to VPC \(vpc.name): nothing from the internet enters it",
                                                               "\(Korean.subject("\(route.target.name)")) VPC \(vpc.name)에 붙어 있지 않아서 인터넷에서 들어올 수 없어요"),
                        route.location, code: .internetGatewayNotAttached)
            } else {
                t.block(.vpc, vpc.name, L("VPC \(vpc.name) has no internet gateway attached", "VPC \(vpc.name)에 붙은 인터넷 게이트웨이가 없어요"), vpc.location, code: .noInternetGateway)
            }
            return
        }
        let igw = topology.internetGateways[g]
        t.pass(.internetGateway, igw.name, L("translates \(d.name)'s public address \(d.publicAddress.map { "\($0)" } ?? "?") to \(d.address)",
                                             "\(d.name)의 퍼블릭 주소 \(Korean.object("\(d.publicAddress.map { "\($0)" } ?? "?")")) \(Korean.toward("\(d.address)")) 바꿔요"), igw.location)
        // The replies to every atom of the client set must go out by this internet gateway.
        let atoms = self.atoms(source)
        let groups = routeGroups(subnet: d.subnet, atoms: atoms)
        let isOut = { (group: RouteGroup) -> Bool in if case .igw(let rg)? = group.target { rg == g } else { false } }
        let out = groups.first(where: isOut)
        if let out, groups.count == 1 {
            t.pass(tableKind, tableName, L("replies to \(source.label) go out by \(out.routesText) via \(igw.name)",
                                           "\(Korean.toward("\(source.ko)")) 가는 응답은 \(out.routesTextKo) → \(Korean.toward("\(igw.name)")) 나가요"), out.matches[0].route?.location ?? tableLocation)
        } else {
            let lost = groups.filter { !isOut($0) }.max { $0.size < $1.size }
            let match = lost?.matches.first
            let clients = groups.count == 1 || lost == nil ? source : restrict(source, atoms, lost!.picked)
            let detail = match.map { m -> String in m.route.map { "route \(m.destination) via \($0.target.name)" } ?? "the local route" } ?? "no route"
            let repliesKo = "\(Korean.toward(clients.ko)) 가는 응답" + (match.map { m -> String in
                m.route.map { "이 인터넷 게이트웨이가 아닌 경로 \(m.destination) → \(Korean.toward($0.target.name)) 가요" } ?? "이 local 경로에만 맞아요"
            } ?? "이 갈 경로가 없어요")
            let tableKo = routeTableNameKo(subnet: d.subnet)
            if out == nil {
                t.block(tableKind, tableName,
                        L("\(topology.subnets[d.subnet].name) is a private subnet: \(routeTableName(subnet: d.subnet)) sends replies to \(clients.label) by \(detail), not the internet gateway, so a public IP on \(d.name) does not help",
                          "\(Korean.topic("\(topology.subnets[d.subnet].name)")) 프라이빗 서브넷이에요. \(tableKo)에서 \(repliesKo). 그래서 \(d.name)의 퍼블릭 IP가 소용없어요"),
                        match?.route?.location ?? tableLocation, code: .noRouteToInternetGateway)
            } else if match == nil {
                t.block(tableKind, tableName,
                        L("\(routeTableName(subnet: d.subnet)) has no route for replies to \(clients.label): \(d.name) cannot answer those clients",
                          "\(tableKo)에 \(Korean.toward("\(clients.ko)")) 가는 응답 경로가 없어요. \(Korean.topic("\(d.name)")) 그 클라이언트에게 응답할 수 없어요"),
                        tableLocation, code: .noRouteToInternetGateway)
            } else {
                t.block(tableKind, tableName,
                        L("\(routeTableName(subnet: d.subnet)) sends replies to \(clients.label) by \(detail), not the internet gateway: \(d.name) cannot answer those clients",
                          "\(tableKo)에서 \(repliesKo). \(Korean.topic("\(d.name)")) 그 클라이언트에게 응답할 수 없어요"),
                        match?.route?.location ?? tableLocation, code: .noRouteToInternetGateway)
            }
            return
        }
        aclForward(subnet: d.subnet, inbound: true, peer: source, q, &t)
        if t.isBlocked { return }
        t.replies.append(ReplyCheck(subnet: d.subnet, inbound: false, peer: source, ports: q.clientPorts))
        ingressGroups(d, from: source, q, &t)
        if t.isBlocked { return }
        t.pass(d.kind, d.name, L("answers on \(describeTraffic(q.proto, q.port))", "\(Korean.toward("\(describeTraffic(q.proto, q.port))")) 응답해요"), d.location)
    }

    func arriveAtHost(_ h: Int, from source: Addr, fromHostSite: Int?, _ q: LegQuery, _ t: inout Trace) {
        let host = topology.hosts[h]
        guard let s = index.hostSite[h] else {
            t.block(.host, host.name, L("\(host.name) is at an unknown site", "\(host.name)의 사이트를 알 수 없어요"), host.location, code: .cannotRoute)
            return
        }
        let site = topology.sites[s]
        let forward = site.portForwards.first { $0.port.value == q.port && $0.target.name == host.name }
        if let forward, let ip = site.publicIP?.value {
            t.pass(.site, site.name, L("the \(site.name) router (\(ip)) forwards port \(q.port) to \(host.name):\(forward.effectiveTargetPort)",
                                       "\(site.name) 공유기(\(ip))가 포트 \(Korean.object("\(q.port)")) \(host.name):\(Korean.toward("\(forward.effectiveTargetPort)")) 넘겨요"), forward.location)
            t.pass(.host, host.name, L("answers on port \(forward.effectiveTargetPort)", "포트 \(Korean.toward("\(forward.effectiveTargetPort)")) 응답해요"), host.location)
            t.arrivedPort = forward.effectiveTargetPort
            t.arrivedVia = forward.location
            return
        }
        if let tunnel = site.tunnels.first(where: { $0.port.value == q.port && $0.target.name == host.name }) {
            t.pass(.site, site.name, L("a tunnel from \(host.name) carries port \(q.port) to \(host.name):\(tunnel.effectiveTargetPort) (no public IP needed)",
                                       "\(host.name)에서 연 터널이 포트 \(Korean.object("\(q.port)")) \(host.name):\(Korean.toward("\(tunnel.effectiveTargetPort)")) 전달해요 (퍼블릭 IP가 필요 없어요)"), tunnel.location)
            t.pass(.host, host.name, L("answers on port \(tunnel.effectiveTargetPort)", "포트 \(Korean.toward("\(tunnel.effectiveTargetPort)")) 응답해요"), host.location)
            t.arrivedPort = tunnel.effectiveTargetPort
            t.arrivedVia = tunnel.location
            return
        }
        if forward != nil {
            t.block(.site, site.name, L("\(site.name) has a port forward for \(q.port) but no public IP to receive it on",
                                        "\(site.name)에 포트 \(q.port) 포워딩은 있지만 받을 퍼블릭 IP가 없어요"), site.location, code: .siteNoPublicIP)
        } else if let other = fromHostSite, other != s {
            t.block(.site, site.name, L("\(host.name) is at another site (\(site.name)): it is reachable only through that site's port forwards, and none sends port \(q.port) to it",
                                        "\(Korean.topic("\(host.name)")) 다른 사이트(\(site.name))에 있어서 그 사이트의 포트 포워딩으로만 접속할 수 있는데, 포트 \(Korean.object("\(q.port)")) 넘기는 규칙이 없어요"),
                    site.location, code: .differentSite)
        } else {
            t.block(.site, site.name, L("the \(site.name) router has no port forward (or tunnel) sending port \(q.port) to \(host.name)",
                                        "\(site.name) 공유기에 포트 \(Korean.object("\(q.port)")) \(Korean.toward("\(host.name)")) 넘기는 포트 포워딩(또는 터널)이 없어요"), site.location, code: .noPortForward)
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
            t.block(.loadBalancer, lb.name, L("\(lb.name) has no listener on port \(q.port)", "\(lb.name)에 포트 \(q.port) 리스너가 없어요"), lb.location, code: .noListener)
            return
        }
        if let redirect = listener.redirect {
            t.pass(.loadBalancer, lb.name, L("listener \(listener.port.value) redirects to HTTPS port \(redirect.value) (301)",
                                             "리스너 \(Korean.subject("\(listener.port.value)")) HTTPS 포트 \(Korean.toward("\(redirect.value)")) 리다이렉트해요 (301)"), listener.location)
            return
        }
        let targetPort = listener.targetPort?.value ?? listener.port.value
        t.pass(.loadBalancer, lb.name, L("listener \(listener.port.value) forwards to its targets on port \(targetPort)",
                                         "리스너 \(Korean.subject("\(listener.port.value)")) 대상에게 포트 \(Korean.toward("\(targetPort)")) 넘겨요"), listener.location)
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
        let en = listener.targets.isEmpty ? "\(lb.name)'s listener \(listener.port.value) has no targets"
            : "no target of \(lb.name) is alive and reachable on port \(targetPort)\(why.map { ": \($0.message.en)" } ?? "")"
        let ko = listener.targets.isEmpty ? "\(lb.name)의 리스너 \(listener.port.value)에 대상이 없어요"
            : "\(lb.name)의 대상 중 살아 있고 포트 \(Korean.toward("\(targetPort)")) 접속할 수 있는 것이 없어요\(why.map { ": \($0.message.text(.ko))" } ?? "")"
        t.hops.append(Hop(kind: .loadBalancer, name: lb.name, verdict: .block, detail: L(en, ko), location: listener.location))
        t.reason = Reason(code: .noHealthyTarget, message: L(en, ko), location: why?.location ?? listener.location, component: why?.component ?? lb.name)
    }
}
