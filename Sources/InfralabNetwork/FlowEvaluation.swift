import InfralabSyntax
import InfralabTopology

/// One flow, hop by hop: source → its security group egress → subnet NACL out → route
/// table → gateway → … → destination NACL in → destination security group → the NACL
/// checks of the reply. Each check appends a `Hop`; the first block sets the `Reason`.

/// What a flow's end is, resolved.
enum Node: Hashable {
    case internet
    case outside(Int)
    case instance(Int)
    case loadBalancer(Int)
    case nat(Int)
    case host(Int)
}

/// An address set with the learner's words for it.
struct Addr {
    var cidr: CIDR
    var label: String
    /// Only these atoms of `cidr` (a set split by where its routes lead); nil: all of them.
    var atoms: [AddressRange]? = nil

    static let internet = Addr(cidr: .anywhere, label: "internet")
}

/// A place inside a VPC that sends or receives: an instance or a load-balancer node.
struct NetPoint {
    var name: String
    var kind: ComponentKind
    var location: SourceLocation
    var subnet: Int
    var vpc: Int
    var address: IPv4Address
    var groups: [GroupRef]
    var publicAddress: IPv4Address?
    var publicLocation: SourceLocation?

    var privateAddr: Addr { Addr(cidr: CIDR(host: address), label: "\(name) (\(address))") }
}

struct ReplyCheck {
    var subnet: Int
    /// Direction of the *reply* at this subnet.
    var inbound: Bool
    var peer: Addr
    var ports: PortRange
}

struct Trace {
    var hops: [Hop] = []
    var reason: Reason?
    var replies: [ReplyCheck] = []
    var missing: [PortRange] = []
    var isSameEndpoint = false

    var isBlocked: Bool { reason != nil }

    mutating func pass(_ kind: ComponentKind?, _ name: String, _ detail: LocalizedText, _ location: SourceLocation?) {
        hops.append(Hop(kind: kind, name: name, verdict: .pass, detail: detail, location: location))
    }

    mutating func info(_ kind: ComponentKind?, _ name: String, _ detail: LocalizedText, _ location: SourceLocation?) {
        hops.append(Hop(kind: kind, name: name, verdict: .info, detail: detail, location: location))
    }

    mutating func block(_ kind: ComponentKind?, _ name: String, _ detail: LocalizedText, _ location: SourceLocation?,
                        code: ReasonCode, message: LocalizedText? = nil) {
        hops.append(Hop(kind: kind, name: name, verdict: .block, detail: detail, location: location))
        reason = Reason(code: code, message: message ?? detail, location: location, component: name)
    }
}

struct LegQuery {
    var proto: IPProtocol
    var port: Int
    var clientPorts: PortRange
    var address: AddressChoice
}


func describeRule(_ proto: IPProtocol, _ ports: PortRange?, _ peerText: String, inbound: Bool) -> String {
    let what: String
    switch proto {
    case .all: what = "all traffic"
    case .icmp: what = "icmp"
    default: what = "\(proto.rawValue) \(ports?.description ?? "all ports")"
    }
    return "\(what) \(inbound ? "from" : "to") \(peerText)"
}

/// Several rules that admit a set together: "tcp 443 from 0.0.0.0/1; tcp 443 from
/// 128.0.0.0/1" (a rule of another group than the first is prefixed with its group).
func describeRules(_ rules: [ResolvedRule], inbound: Bool) -> String {
    rules.map { rule in
        (rule.groupName == rules[0].groupName ? "" : "\(rule.groupName): ") + describeRule(rule.proto, rule.ports, rule.peerText, inbound: inbound)
    }.joined(separator: "; ")
}

func describeTraffic(_ proto: IPProtocol, _ port: Int) -> String {
    proto == .icmp || proto == .all ? proto.rawValue : "\(proto.rawValue) \(port)"
}

func describeIncident(_ incident: Incident) -> String { incident.description }

extension NetworkEngine {
    // MARK: Resolution

    func resolveNode(_ endpoint: Endpoint) -> Node? {
        switch endpoint {
        case .internet: return .internet
        case .named(let name):
            if let i = index.instance[name] { return .instance(i) }
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
        default: return nil
        }
    }

    // MARK: Liveness

    /// Blocks the trace when the node is down under the incidents.
    func checkAlive(_ node: Node, _ state: IncidentState, _ t: inout Trace) {
        let name = nodeName(node)
        let location = nodeLocation(node)
        func down(_ incident: Incident, code: ReasonCode) {
            t.block(nodeKind(node), name,
                    L("\(name) is down (incident \(describeIncident(incident)))", "\(name)이(가) 꺼져 있어요 (사고 \(describeIncident(incident)))"),
                    location, code: code)
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
        case .internet, .outside: break
        }
    }

    // MARK: A leg

    /// One connection from `client` to `server`.
    func runLeg(_ client: Node, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        checkAlive(client, state, &t)
        if t.isBlocked { return }
        checkAlive(server, state, &t)
        if t.isBlocked { return }
        if client == server {
            t.info(nodeKind(client), nodeName(client),
                   L("source and destination are the same machine: the connection stays on it",
                     "출발지와 목적지가 같은 기계라서 연결이 그 안에서 끝나요"), nodeLocation(client))
            t.isSameEndpoint = true
            return
        }
        switch client {
        case .internet:
            t.info(nil, "internet", L("a client somewhere on the internet (any public address)", "인터넷 어딘가의 클라이언트(아무 공인 주소)예요"), nil)
            arrive(from: .internet, fromHostSite: nil, server, q, state, &t)
        case .outside(let o):
            let host = topology.outside[o]
            t.info(.outsideHost, host.name, L("starts at \(host.cidr.value)", "\(host.cidr.value)에서 출발해요"), host.location)
            arrive(from: Addr(cidr: host.cidr.value, label: "\(host.name) (\(host.cidr.value))"), fromHostSite: nil, server, q, state, &t)
        case .host(let h):
            departHost(h, server, q, state, &t)
        case .instance(let i):
            guard let p = point(instance: i) else {
                t.block(.instance, topology.instances[i].name,
                        L("\(topology.instances[i].name) is not in any known subnet", "\(topology.instances[i].name)이(가) 알려진 서브넷에 있지 않아요"),
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
                t.block(.loadBalancer, lb.name, L("\(lb.name) has no subnet to run in", "\(lb.name)에 동작할 서브넷이 없어요"), lb.location, code: .cannotRoute)
            }
        case .nat(let n):
            let nat = topology.natGateways[n]
            t.block(.natGateway, nat.name,
                    L("a NAT gateway only carries connections its subnets' instances start; it is not a client",
                      "NAT 게이트웨이는 인스턴스가 시작한 연결을 나를 뿐, 스스로 연결을 시작하지 않아요"), nat.location, code: .cannotRoute)
        }
    }

    // MARK: Leaving a pre-cloud site

    private func departHost(_ h: Int, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        let host = topology.hosts[h]
        guard let s = index.hostSite[h] else {
            t.block(.host, host.name, L("\(host.name) is at an unknown site", "\(host.name)의 사이트를 알 수 없어요"), host.location, code: .cannotRoute)
            return
        }
        let site = topology.sites[s]
        if case .host(let other) = server, index.hostSite[other] == s {
            t.pass(.site, site.name, L("both on the \(site.name) LAN: they reach each other directly",
                                       "둘 다 \(site.name)의 같은 LAN에 있어서 바로 닿아요"), site.location)
            t.pass(.host, topology.hosts[other].name,
                   L("answers on \(describeTraffic(q.proto, q.port))", "\(describeTraffic(q.proto, q.port))로 응답해요"), topology.hosts[other].location)
            return
        }
        let source: Addr
        if let ip = site.publicIP?.value {
            source = Addr(cidr: CIDR(host: ip), label: "\(site.name)'s public address \(ip)")
            t.pass(.site, site.name, L("leaves through the \(site.name) router from its public address \(ip)",
                                       "\(site.name) 공유기를 지나 공인 주소 \(ip)에서 나가요"), site.publicIP?.location ?? site.location)
        } else {
            source = Addr(cidr: .anywhere, label: "\(site.name) (the ISP's address)")
            t.pass(.site, site.name, L("leaves through the \(site.name) router (the ISP's address)",
                                       "\(site.name) 공유기를 지나 통신사 주소로 나가요"), site.location)
        }
        arrive(from: source, fromHostSite: s, server, q, state, &t)
    }

    // MARK: Leaving a VPC point

    func serverPoints(_ server: Node, _ state: IncidentState) -> [NetPoint] {
        switch server {
        case .instance(let i): return point(instance: i).map { [$0] } ?? []
        case .loadBalancer(let l): return points(loadBalancer: l, state)
        default: return []
        }
    }

    private func depart(_ p: NetPoint, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        let serverVPC = nodeVPC(server)
        let sameVPC = serverVPC == p.vpc
        var usePrivate = false
        switch server {
        case .instance, .loadBalancer, .nat:
            switch q.address {
            case .private:
                guard sameVPC else {
                    t.block(nodeKind(server), nodeName(server),
                            L("\(p.name) and \(nodeName(server)) are in different VPCs: a private address is not reachable across them",
                              "\(p.name)와(과) \(nodeName(server))은(는) 서로 다른 VPC에 있어서 사설 주소로는 닿지 않아요"),
                            nodeLocation(server), code: .differentVPC)
                    return
                }
                usePrivate = true
            case .auto: usePrivate = sameVPC
            case .public: usePrivate = false
            }
        default: usePrivate = false
        }
        if case .nat(let n) = server, usePrivate {
            let nat = topology.natGateways[n]
            t.block(.natGateway, nat.name, L("a NAT gateway accepts no connections: it only carries connections out",
                                              "NAT 게이트웨이는 연결을 받지 않아요. 나가는 연결만 날라요"), nat.location, code: .natInbound)
            return
        }
        if usePrivate {
            let targets = serverPoints(server, state)
            var firstFailure: Trace?
            for target in targets {
                var attempt = t
                privatePath(p, target, q, &attempt)
                if !attempt.isBlocked {
                    t = attempt
                    if case .loadBalancer(let l) = server { behindLoadBalancer(l, q, state, &t) }
                    return
                }
                if firstFailure == nil { firstFailure = attempt }
            }
            if let failure = firstFailure { t = failure } else {
                t.block(nodeKind(server), nodeName(server), L("\(nodeName(server)) has no private address", "\(nodeName(server))에 사설 주소가 없어요"),
                        nodeLocation(server), code: .cannotRoute)
            }
            return
        }
        // The public way: the destination's public address (or the internet).
        let destination: Addr
        switch server {
        case .internet: destination = .internet
        case .outside(let o): destination = Addr(cidr: topology.outside[o].cidr.value, label: "\(topology.outside[o].name) (\(topology.outside[o].cidr.value))")
        case .instance(let i):
            guard let pub = instancePublic[i] else {
                let instance = topology.instances[i]
                t.block(.instance, instance.name, L("\(instance.name) has no public or Elastic IP, so it cannot be dialled from outside its VPC",
                                                      "\(instance.name)에는 공인 IP도 탄력적 IP도 없어서 VPC 밖에서는 접속할 수 없어요"),
                        instance.location, code: .noPublicIP)
                return
            }
            destination = Addr(cidr: CIDR(host: pub.address), label: "\(topology.instances[i].name)'s public address \(pub.address)")
        case .loadBalancer(let l):
            guard let pub = lbPublic[l] else {
                let lb = topology.loadBalancers[l]
                t.block(.loadBalancer, lb.name, L("\(lb.name) is internal: it has no public address", "\(lb.name)은(는) 내부용이라 공인 주소가 없어요"),
                        lb.location, code: .privateAddressFromOutside)
                return
            }
            destination = Addr(cidr: CIDR(host: pub), label: "\(topology.loadBalancers[l].name)'s public address \(pub)")
        case .nat(let n):
            let nat = topology.natGateways[n]
            guard let eip = nat.elasticIP?.value else {
                t.block(.natGateway, nat.name, L("\(nat.name) has no Elastic IP", "\(nat.name)에 탄력적 IP가 없어요"), nat.location, code: .natNoElasticIP)
                return
            }
            destination = Addr(cidr: CIDR(host: eip), label: "\(nat.name)'s Elastic IP \(eip)")
        case .host(let h):
            if let s = index.hostSite[h], let ip = topology.sites[s].publicIP?.value {
                destination = Addr(cidr: CIDR(host: ip), label: "\(topology.sites[s].name)'s public address \(ip)")
            } else {
                destination = Addr(cidr: .anywhere, label: "the tunnel service")
            }
        }
        guard let (source, ports) = egressToWorld(p, destination, q, state, &t) else { return }
        arrive(from: source, fromHostSite: nil, server, LegQuery(proto: q.proto, port: q.port, clientPorts: ports, address: q.address), state, &t)
    }

    private func egressGroups(_ p: NetPoint, _ destination: Addr, _ q: LegQuery, _ t: inout Trace) {
        let atoms = self.atoms(destination)
        let (allowing, uncovered) = groupsAllow(p.groups, inbound: false, atoms: atoms, proto: q.proto, port: q.port)
        let names = p.groups.compactMap { groupRules[$0]?.name }.joined(separator: ", ")
        if !uncovered.contains(true), let rule = allowing.first {
            let text = describeRules(allowing, inbound: false)
            t.pass(.securityGroup, rule.groupName,
                   L("outbound allowed by \(rule.groupName): \(text)", "\(rule.groupName)의 아웃바운드 규칙(\(text))이 허용해요"), rule.location)
        } else {
            // Some atoms admitted, some not: name the ones no rule admits.
            let destination = allowing.isEmpty ? destination : restrict(destination, atoms, uncovered)
            let location = p.groups.first.flatMap { ref in
                groupRules[ref].flatMap { $0.outboundIsDefault ? $0.location : outboundLocation(of: ref) }
            } ?? p.location
            let traffic = describeTraffic(q.proto, q.port)
            t.block(.securityGroup, names.isEmpty ? p.name : names,
                    L("no outbound rule of \(names.isEmpty ? "its security groups" : names) allows \(traffic) to \(destination.label)",
                      "\(names.isEmpty ? "보안 그룹" : names)의 아웃바운드 규칙 중 \(destination.label)(으)로 가는 \(traffic)을(를) 허용하는 것이 없어요"),
                    location, code: .securityGroupEgress)
        }
    }

    private func outboundLocation(of ref: GroupRef) -> SourceLocation? {
        guard case .declared(let g) = ref else { return nil }
        let group = topology.securityGroups[g]
        return group.outboundLocation ?? group.location
    }

    func ingressGroups(_ p: NetPoint, from source: Addr, _ q: LegQuery, _ t: inout Trace) {
        let atoms = self.atoms(source)
        let (allowing, uncovered) = groupsAllow(p.groups, inbound: true, atoms: atoms, proto: q.proto, port: q.port)
        let names = p.groups.compactMap { groupRules[$0]?.name }.joined(separator: ", ")
        if !uncovered.contains(true), let rule = allowing.first {
            let text = describeRules(allowing, inbound: true)
            t.pass(.securityGroup, rule.groupName,
                   L("inbound allowed by \(rule.groupName): \(text)", "\(rule.groupName)의 인바운드 규칙(\(text))이 허용해요"), rule.location)
        } else {
            // Some atoms admitted, some not: name the ones no rule admits.
            let source = allowing.isEmpty ? source : restrict(source, atoms, uncovered)
            // A near miss — a rule for this port whose peer is someone else — is the line a
            // learner most likely meant; point there and say whom it admits instead.
            let nearMiss = p.groups.lazy.compactMap { self.groupRules[$0] }.flatMap(\.inbound)
                .first { protocolMatches($0.proto, $0.ports, q.proto, q.port) }
            let location = nearMiss?.location ?? p.groups.first.flatMap { groupRules[$0]?.location } ?? p.location
            let traffic = describeTraffic(q.proto, q.port)
            var en = "no inbound rule of \(names.isEmpty ? "\(p.name)'s security groups" : names) allows \(traffic) from \(source.label)"
            var ko = "\(names.isEmpty ? "\(p.name)의 보안 그룹" : names)의 인바운드 규칙 중 \(source.label)에서 오는 \(traffic)을(를) 허용하는 것이 없어요"
            if let nearMiss {
                en += "; the rule for this port admits only \(nearMiss.peerText)"
                ko += ". 이 포트 규칙은 \(nearMiss.peerText)만 허용해요"
                if case .cidr(let cidr) = nearMiss.peer, !cidr.address.isPrivate, source.cidr.address.isPrivate {
                    en += " (a public address: inside the VPC, traffic arrives from private addresses — name the sender's security group instead)"
                    ko += " (공인 주소예요. VPC 안에서는 사설 주소로 도착하니, 보내는 쪽의 보안 그룹을 이름으로 적어 주세요)"
                }
            }
            if source.cidr.prefixLength == 32, !(source.cidr.address.isPrivate) && p.groups.contains(where: { g in
                groupRules[g]?.inbound.contains { if case .group = $0.peer { return protocolMatches($0.proto, $0.ports, q.proto, q.port) } else { return false } } ?? false
            }) {
                en += " (a security-group reference matches private addresses only; this traffic arrives from a public one)"
                ko += " (보안 그룹 참조는 사설 주소만 가리켜요. 이 트래픽은 공인 주소에서 와요)"
            }
            t.block(.securityGroup, names.isEmpty ? p.name : names, L(en, ko), location, code: .securityGroupIngress)
        }
    }

    func aclName(_ choice: ACLChoice) -> String {
        switch choice {
        case .defaultAllow: "default"
        case .acl(let a): topology.networkACLs[a].name
        }
    }

    func aclLocation(_ choice: ACLChoice, subnet s: Int) -> SourceLocation {
        switch choice {
        case .defaultAllow: topology.subnets[s].location
        case .acl(let a): topology.networkACLs[a].location
        }
    }

    /// A forward NACL check at the boundary of subnet `s`.
    func aclForward(subnet s: Int, inbound: Bool, peer: Addr, _ q: LegQuery, _ t: inout Trace) {
        let choice = index.subnetACL[s]
        let name = aclName(choice)
        let subnet = topology.subnets[s].name
        let dir = inbound ? "inbound" : "outbound"
        let dirKo = inbound ? "인바운드" : "아웃바운드"
        let traffic = describeTraffic(q.proto, q.port)
        // Each atom takes its own first match (rule 18); every atom must be allowed.
        let atoms = self.atoms(peer)
        let decisions = atoms.map { aclDecide(choice, inbound: inbound, range: $0, proto: q.proto, port: q.port) }
        var peer = peer
        let decision: ACLDecision
        if let refusing = largest(decisions, atoms, where: { !$0.allows }) {
            decision = refusing
            if decisions.contains(where: { $0 != refusing }) { peer = restrict(peer, atoms, decisions.map { $0 == refusing }) }
        } else {
            var rules: [ResolvedACLRule] = []
            for case .rule(let rule) in decisions where !rules.contains(rule) { rules.append(rule) }
            guard rules.count <= 1 else {
                let text = rules.map { "rule \($0.number) allow \(describeRule($0.proto, $0.ports, $0.peerText, inbound: inbound))" }.joined(separator: "; ")
                t.pass(.networkACL, name, L("\(dir) \(traffic) \(inbound ? "from" : "to") \(peer.label) allowed by \(text)",
                                            "\(dirKo) \(traffic)(\(peer.label))을(를) \(text)이(가) 허용해요"), rules[0].location)
                return
            }
            decision = decisions.first ?? .allowAllDefault
        }
        switch decision {
        case .allowAllDefault:
            t.pass(.networkACL, name, L("\(subnet)'s default network ACL allows all \(dir) traffic", "\(subnet)의 기본 네트워크 ACL은 \(dirKo) 트래픽을 모두 허용해요"), nil)
        case .rule(let rule):
            let text = "rule \(rule.number) \(rule.allow ? "allow" : "deny") \(describeRule(rule.proto, rule.ports, rule.peerText, inbound: inbound))"
            if rule.allow {
                t.pass(.networkACL, name, L("\(dir) \(traffic) \(inbound ? "from" : "to") \(peer.label) allowed by \(text)",
                                            "\(dirKo) \(traffic)(\(peer.label))을(를) \(text)이(가) 허용해요"), rule.location)
            } else {
                t.block(.networkACL, name, L("\(dir) \(traffic) \(inbound ? "from" : "to") \(peer.label) denied by \(text) of \(name) (on \(subnet))",
                                             "\(subnet)의 \(name)에서 \(text)이(가) \(dirKo) \(traffic)(\(peer.label))을(를) 막아요"),
                        rule.location, code: inbound ? .aclInbound : .aclOutbound)
            }
        case .implicitDeny:
            let empty = (inbound ? aclRules(choice, inbound: true) : aclRules(choice, inbound: false))?.isEmpty ?? false
            t.block(.networkACL, name,
                    L("no \(dir) rule of \(name) (on \(subnet)) matches \(traffic) \(inbound ? "from" : "to") \(peer.label): the final * rule denies it\(empty ? " (a custom ACL with no rules denies everything)" : "")",
                      "\(subnet)의 \(name)에 \(peer.label)의 \(traffic)에 맞는 \(dirKo) 규칙이 없어서 마지막 * 규칙이 막아요\(empty ? " (규칙이 없는 사용자 ACL은 모두 막아요)" : "")"),
                    aclLocation(choice, subnet: s), code: inbound ? .aclInbound : .aclOutbound)
        }
    }

    /// Two instances in one VPC, by private address.
    private func privatePath(_ p: NetPoint, _ d: NetPoint, _ q: LegQuery, _ t: inout Trace) {
        t.info(p.kind, p.name, L("starts at \(p.address) in subnet \(topology.subnets[p.subnet].name)",
                                 "서브넷 \(topology.subnets[p.subnet].name)의 \(p.address)에서 출발해요"), p.location)
        egressGroups(p, d.privateAddr, q, &t)
        if t.isBlocked { return }
        let (tableName, tableLocation, tableKind) = routingLocation(subnet: p.subnet)
        guard let match = lookupRoute(subnet: p.subnet, to: CIDR(host: d.address)) else {
            t.block(tableKind, tableName, L("no route in \(routeTableName(subnet: p.subnet)) covers \(d.address)",
                                            "\(routeTableName(subnet: p.subnet))에 \(d.address)로 가는 경로가 없어요"), tableLocation, code: .cannotRoute)
            return
        }
        guard case .local = match.target else {
            let target = match.route?.target.name ?? "?"
            if case .missing = match.target {
                t.block(.routeTable, tableName, L("route \(match.destination) via \(target) points at nothing: a blackhole",
                                                  "경로 \(match.destination) → \(target)의 대상이 없어서 블랙홀이에요"), match.route?.location, code: .blackholeRoute)
            } else {
                t.block(.routeTable, tableName, L("route \(match.destination) via \(target) takes traffic for \(d.address) away from the local route",
                                                  "경로 \(match.destination) → \(target)이(가) \(d.address)로 가는 트래픽을 local 경로에서 빼앗아요"),
                        match.route?.location, code: .cannotRoute)
            }
            return
        }
        t.pass(tableKind, tableName, L("\(d.address) matches the local route \(match.destination)", "\(d.address)는 local 경로 \(match.destination)에 맞아요"), tableLocation)
        if p.subnet == d.subnet {
            t.info(.subnet, topology.subnets[p.subnet].name, L("same subnet: network ACLs are not checked", "같은 서브넷이라 네트워크 ACL을 거치지 않아요"),
                   topology.subnets[p.subnet].location)
        } else {
            aclForward(subnet: p.subnet, inbound: false, peer: d.privateAddr, q, &t)
            if t.isBlocked { return }
            t.replies.append(ReplyCheck(subnet: p.subnet, inbound: true, peer: d.privateAddr, ports: q.clientPorts))
            aclForward(subnet: d.subnet, inbound: true, peer: p.privateAddr, q, &t)
            if t.isBlocked { return }
            t.replies.append(ReplyCheck(subnet: d.subnet, inbound: false, peer: p.privateAddr, ports: q.clientPorts))
        }
        ingressGroups(d, from: p.privateAddr, q, &t)
        if t.isBlocked { return }
        t.pass(d.kind, d.name, L("answers on \(describeTraffic(q.proto, q.port)) at \(d.address)", "\(d.address)의 \(describeTraffic(q.proto, q.port))로 응답해요"), d.location)
    }

    /// Leaves the VPC toward a public destination: through an internet gateway (needs a
    /// public address) or a NAT gateway. Returns the address the world sees and the client
    /// ports from here on.
    private func egressToWorld(_ p: NetPoint, _ destination: Addr, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) -> (Addr, PortRange)? {
        t.info(p.kind, p.name, L("starts at \(p.address) in subnet \(topology.subnets[p.subnet].name)",
                                 "서브넷 \(topology.subnets[p.subnet].name)의 \(p.address)에서 출발해요"), p.location)
        egressGroups(p, destination, q, &t)
        if t.isBlocked { return nil }
        // Each atom of the destination takes its own longest-prefix route; atoms that lead
        // to different targets are followed separately, and every one must get out.
        let atoms = self.atoms(destination)
        let groups = routeGroups(subnet: p.subnet, atoms: atoms)
        guard groups.count > 1 else { return egressRoute(p, destination, groups.first, q, state, &t) }
        let start = t.hops.count
        var combined: Trace?
        var result: (Addr, PortRange)?
        var failure: (Trace, UInt64)?
        for group in groups {
            var attempt = t
            let part = restrict(destination, atoms, group.picked)
            if let r = egressRoute(p, part, group, q, state, &attempt) {
                if combined == nil {
                    combined = attempt
                    result = r
                } else {
                    combined!.hops += attempt.hops[start...]
                    combined!.replies += attempt.replies[t.replies.count...]
                    combined!.missing += attempt.missing
                }
            } else if failure == nil || failure!.1 < group.size {
                failure = (attempt, group.size)
            }
        }
        if let failure {
            t = failure.0
            return nil
        }
        t = combined!
        return result
    }

    /// The route step and beyond for the atoms of `destination` that `group` carries
    /// (nil group: the set has no atoms, decided as "no route").
    private func egressRoute(_ p: NetPoint, _ destination: Addr, _ group: RouteGroup?, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) -> (Addr, PortRange)? {
        let (tableName, tableLocation, tableKind) = routingLocation(subnet: p.subnet)
        let routesText = group?.routesText ?? ""
        let routesKo = group?.routesTextKo ?? ""
        guard let match = group?.matches.first else {
            t.block(tableKind, tableName, L("\(routeTableName(subnet: p.subnet)) has no route for \(destination.label): add one via an internet gateway (or a NAT gateway)",
                                            "\(routeTableName(subnet: p.subnet))에 \(destination.label)(으)로 가는 경로가 없어요. 인터넷 게이트웨이(또는 NAT 게이트웨이)로 가는 경로를 더하세요"),
                    tableLocation, code: .noRouteToInternetGateway)
            return nil
        }
        let routeLocation = match.route?.location ?? tableLocation
        let via = match.route?.target.name ?? "local"
        switch match.target {
        case .local:
            t.block(tableKind, tableName, L("\(destination.label) matches only the local route", "\(destination.label)는 local 경로에만 맞아요"), tableLocation, code: .cannotRoute)
            return nil
        case .missing(let name):
            t.block(.routeTable, tableName, L("route \(match.destination) via \(name): \(name) does not exist, so the route is a blackhole",
                                              "경로 \(match.destination) → \(name): \(name)이(가) 없어서 블랙홀 경로예요"), routeLocation, code: .blackholeRoute)
            return nil
        case .igw(let g):
            let igw = topology.internetGateways[g]
            guard igwVPC(g) == p.vpc else {
                t.block(.internetGateway, igw.name, L("route \(match.destination) via \(igw.name), but \(igw.name) is not attached to VPC \(topology.vpcs[p.vpc].name): a blackhole",
                                                      "경로 \(match.destination) → \(igw.name)이지만 \(igw.name)이(가) VPC \(topology.vpcs[p.vpc].name)에 붙어 있지 않아 블랙홀이에요"),
                        routeLocation, code: .internetGatewayNotAttached)
                return nil
            }
            t.pass(.routeTable, tableName, L("\(destination.label) matches \(routesText) via \(via)", "\(destination.label)는 \(routesKo) → \(via)에 맞아요"), routeLocation)
            guard let pub = p.publicAddress else {
                t.block(p.kind, p.name, L("\(p.name) has no public or Elastic IP, so the internet gateway cannot carry its traffic",
                                          "\(p.name)에 공인 IP나 탄력적 IP가 없어서 인터넷 게이트웨이가 트래픽을 내보낼 수 없어요"), p.location, code: .noPublicIP)
                return nil
            }
            aclForward(subnet: p.subnet, inbound: false, peer: destination, q, &t)
            if t.isBlocked { return nil }
            t.replies.append(ReplyCheck(subnet: p.subnet, inbound: true, peer: destination, ports: q.clientPorts))
            t.pass(.internetGateway, igw.name, L("translates \(p.address) to the public address \(pub)", "\(p.address)를 공인 주소 \(pub)로 바꿔요"), igw.location)
            return (Addr(cidr: CIDR(host: pub), label: "\(p.name)'s public address \(pub)"), q.clientPorts)
        case .nat(let n):
            let nat = topology.natGateways[n]
            t.pass(.routeTable, tableName, L("\(destination.label) matches \(routesText) via \(via)", "\(destination.label)는 \(routesKo) → \(via)에 맞아요"), routeLocation)
            if let incident = state.natDown(n) {
                t.block(.natGateway, nat.name, L("\(nat.name) is down (incident \(incident))", "\(nat.name)이(가) 멈췄어요 (사고 \(incident))"), nat.location, code: .natDown)
                return nil
            }
            guard let ns = index.natSubnet[n], index.subnetVPC[ns] == p.vpc else {
                t.block(.natGateway, nat.name, L("\(nat.name) is not in VPC \(topology.vpcs[p.vpc].name): the route is a blackhole",
                                                 "\(nat.name)이(가) VPC \(topology.vpcs[p.vpc].name)에 없어서 블랙홀 경로예요"), routeLocation, code: .blackholeRoute)
                return nil
            }
            if ns != p.subnet {
                aclForward(subnet: p.subnet, inbound: false, peer: destination, q, &t)
                if t.isBlocked { return nil }
                t.replies.append(ReplyCheck(subnet: p.subnet, inbound: true, peer: destination, ports: q.clientPorts))
                aclForward(subnet: ns, inbound: true, peer: p.privateAddr, q, &t)
                if t.isBlocked { return nil }
                t.replies.append(ReplyCheck(subnet: ns, inbound: false, peer: p.privateAddr, ports: q.clientPorts))
            }
            guard let eip = nat.elasticIP?.value else {
                t.block(.natGateway, nat.name, L("\(nat.name) has no Elastic IP: a public NAT gateway needs one", "\(nat.name)에 탄력적 IP가 없어요. 퍼블릭 NAT 게이트웨이에는 꼭 필요해요"),
                        nat.location, code: .natNoElasticIP)
                return nil
            }
            let natSubnetName = topology.subnets[ns].name
            // Every atom the NAT carries must leave its subnet by an attached internet gateway.
            let natGroups = routeGroups(subnet: ns, atoms: atoms(destination))
            guard natGroups.count == 1, case .igw(let g)? = natGroups[0].target, igwVPC(g) == p.vpc else {
                t.block(.natGateway, nat.name, L("\(nat.name) sits in \(natSubnetName), a private subnet (\(routeTableName(subnet: ns)) has no route to an attached internet gateway): it cannot reach the internet",
                                                 "\(nat.name)이(가) 프라이빗 서브넷 \(natSubnetName)에 있어요(\(routeTableName(subnet: ns))에 붙어 있는 인터넷 게이트웨이로 가는 경로가 없어요). 인터넷에 닿을 수 없어요"),
                        nat.location, code: .natNotPublic)
                return nil
            }
            aclForward(subnet: ns, inbound: false, peer: destination, q, &t)
            if t.isBlocked { return nil }
            t.replies.append(ReplyCheck(subnet: ns, inbound: true, peer: destination, ports: .awsEphemeral))
            t.pass(.natGateway, nat.name, L("translates \(p.address) to its Elastic IP \(eip) (source ports 1024-65535)",
                                            "\(p.address)를 탄력적 IP \(eip)로 바꿔요 (출발 포트 1024-65535)"), nat.location)
            let igw = topology.internetGateways[g]
            t.pass(.internetGateway, igw.name, L("carries \(nat.name)'s traffic to the internet", "\(nat.name)의 트래픽을 인터넷으로 내보내요"), igw.location)
            return (Addr(cidr: CIDR(host: eip), label: "\(nat.name)'s Elastic IP \(eip)"), .awsEphemeral)
        case .instance(let i):
            // A NAT instance, simplified: it needs a public address in a public subnet.
            let relay = topology.instances[i]
            t.pass(.routeTable, tableName, L("\(destination.label) matches \(routesText) via \(via)", "\(destination.label)는 \(routesKo) → \(via)에 맞아요"), routeLocation)
            if let incident = state.instanceDown(i) {
                t.block(.instance, relay.name, L("\(relay.name) is down (incident \(incident))", "\(relay.name)이(가) 꺼져 있어요 (사고 \(incident))"), relay.location, code: .endpointDown)
                return nil
            }
            guard let pub = instancePublic[i]?.address, let rs = index.instanceSubnet[i], subnetRoutesToGateway(rs) else {
                t.block(.instance, relay.name, L("\(relay.name) relays the traffic but has no public address in a public subnet",
                                                 "\(relay.name)이(가) 트래픽을 넘겨받지만 퍼블릭 서브넷의 공인 주소가 없어요"), relay.location, code: .cannotRoute)
                return nil
            }
            t.pass(.instance, relay.name, L("relays the traffic as \(pub) (a NAT instance)", "NAT 인스턴스로서 \(pub) 주소로 넘겨요"), relay.location)
            return (Addr(cidr: CIDR(host: pub), label: "\(relay.name)'s public address \(pub)"), .awsEphemeral)
        case .outside(let o):
            let host = topology.outside[o]
            guard atoms(destination).allSatisfy({ $0.isWithin(host.cidr.value) }) else {
                t.block(.routeTable, tableName, L("route \(match.destination) via \(host.name) only reaches \(host.cidr.value)",
                                                  "경로 \(match.destination) → \(host.name)은(는) \(host.cidr.value)에만 닿아요"), routeLocation, code: .cannotRoute)
                return nil
            }
            t.pass(.routeTable, tableName, L("\(destination.label) matches \(routesText) via \(via)", "\(destination.label)는 \(routesKo) → \(via)에 맞아요"), routeLocation)
            return (p.privateAddr, q.clientPorts)
        }
    }

    // MARK: Arriving from the world

    private func arrive(from source: Addr, fromHostSite: Int?, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        switch server {
        case .internet:
            t.pass(nil, "internet", L("reaches the internet from \(source.label)", "\(source.label)에서 인터넷에 닿아요"), nil)
        case .outside(let o):
            let host = topology.outside[o]
            t.pass(.outsideHost, host.name, L("reaches \(host.name) from \(source.label)", "\(source.label)에서 \(host.name)에 닿아요"), host.location)
        case .nat(let n):
            let nat = topology.natGateways[n]
            t.block(.natGateway, nat.name, L("nothing from outside can start a connection in through \(nat.name): a NAT gateway is outbound only",
                                              "밖에서는 \(nat.name)을(를) 통해 안으로 연결을 시작할 수 없어요. NAT 게이트웨이는 나가는 방향 전용이에요"),
                    nat.location, code: .natInbound)
        case .host(let h):
            arriveAtHost(h, from: source, fromHostSite: fromHostSite, q, &t)
        case .instance(let i):
            if q.address == .private {
                t.block(.instance, topology.instances[i].name, L("a private address cannot be reached from outside its VPC",
                                                                 "사설 주소는 VPC 밖에서 닿지 않아요"), topology.instances[i].location, code: .privateAddressFromOutside)
                return
            }
            guard let d = point(instance: i) else {
                t.block(.instance, topology.instances[i].name, L("\(topology.instances[i].name) is not in any known subnet", "\(topology.instances[i].name)이(가) 알려진 서브넷에 있지 않아요"),
                        topology.instances[i].location, code: .cannotRoute)
                return
            }
            guard d.publicAddress != nil else {
                t.block(.instance, d.name, L("\(d.name) has no public or Elastic IP, so it cannot be reached from \(source.label)",
                                             "\(d.name)에는 공인 IP도 탄력적 IP도 없어서 \(source.label)에서 닿을 수 없어요"), d.location, code: .noPublicIP)
                return
            }
            inboundFromWorld(d, from: source, q, &t)
        case .loadBalancer(let l):
            let lb = topology.loadBalancers[l]
            if lb.scheme == .internal || q.address == .private {
                t.block(.loadBalancer, lb.name, L("\(lb.name) is internal: it cannot be reached from outside its VPC", "\(lb.name)은(는) 내부용이라 VPC 밖에서는 닿지 않아요"),
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

    private func inboundFromWorld(_ d: NetPoint, from source: Addr, _ q: LegQuery, _ t: inout Trace) {
        let vpc = topology.vpcs[d.vpc]
        let (tableName, tableLocation, tableKind) = routingLocation(subnet: d.subnet)
        guard let g = index.vpcGateway[d.vpc] else {
            // A detached gateway the route table names is the classic mistake.
            if let t2 = index.subnetTable[d.subnet].table,
               let route = topology.routeTables[t2].routes.first(where: { if case .igw = resolveTarget($0.target.name) { return true } else { return false } }) {
                t.block(.internetGateway, route.target.name, L("\(route.target.name) is not attached to VPC \(vpc.name): nothing from the internet enters it",
                                                               "\(route.target.name)이(가) VPC \(vpc.name)에 붙어 있지 않아서 인터넷에서 들어올 수 없어요"),
                        route.location, code: .internetGatewayNotAttached)
            } else {
                t.block(.vpc, vpc.name, L("VPC \(vpc.name) has no internet gateway attached", "VPC \(vpc.name)에 붙은 인터넷 게이트웨이가 없어요"), vpc.location, code: .noInternetGateway)
            }
            return
        }
        let igw = topology.internetGateways[g]
        t.pass(.internetGateway, igw.name, L("translates \(d.name)'s public address \(d.publicAddress.map { "\($0)" } ?? "?") to \(d.address)",
                                             "\(d.name)의 공인 주소 \(d.publicAddress.map { "\($0)" } ?? "?")를 \(d.address)로 바꿔요"), igw.location)
        // The replies to every atom of the client set must go out by this internet gateway.
        let atoms = self.atoms(source)
        let groups = routeGroups(subnet: d.subnet, atoms: atoms)
        let isOut = { (group: RouteGroup) -> Bool in if case .igw(let rg)? = group.target { rg == g } else { false } }
        let out = groups.first(where: isOut)
        if let out, groups.count == 1 {
            t.pass(tableKind, tableName, L("replies to \(source.label) go out by \(out.routesText) via \(igw.name)",
                                           "\(source.label)(으)로 가는 응답은 \(out.routesTextKo) → \(igw.name)로 나가요"), out.matches[0].route?.location ?? tableLocation)
        } else {
            let lost = groups.filter { !isOut($0) }.max { $0.size < $1.size }
            let match = lost?.matches.first
            let clients = groups.count == 1 || lost == nil ? source : restrict(source, atoms, lost!.picked)
            let detail = match.map { m -> String in m.route.map { "route \(m.destination) via \($0.target.name)" } ?? "the local route" } ?? "no route"
            if out == nil {
                t.block(tableKind, tableName,
                        L("\(topology.subnets[d.subnet].name) is a private subnet: \(routeTableName(subnet: d.subnet)) sends replies to \(clients.label) by \(detail), not the internet gateway, so a public IP on \(d.name) does not help",
                          "\(topology.subnets[d.subnet].name)은(는) 프라이빗 서브넷이에요. \(routeTableName(subnet: d.subnet))이(가) \(clients.label)(으)로 가는 응답을 인터넷 게이트웨이가 아닌 \(detail)(으)로 보내서 \(d.name)의 공인 IP가 소용없어요"),
                        match?.route?.location ?? tableLocation, code: .noRouteToInternetGateway)
            } else if match == nil {
                t.block(tableKind, tableName,
                        L("\(routeTableName(subnet: d.subnet)) has no route for replies to \(clients.label): \(d.name) cannot answer those clients",
                          "\(routeTableName(subnet: d.subnet))에 \(clients.label)(으)로 가는 응답 경로가 없어요. \(d.name)은(는) 그 클라이언트에게 응답할 수 없어요"),
                        tableLocation, code: .noRouteToInternetGateway)
            } else {
                t.block(tableKind, tableName,
                        L("\(routeTableName(subnet: d.subnet)) sends replies to \(clients.label) by \(detail), not the internet gateway: \(d.name) cannot answer those clients",
                          "\(routeTableName(subnet: d.subnet))이(가) \(clients.label)(으)로 가는 응답을 인터넷 게이트웨이가 아닌 \(detail)(으)로 보내요. \(d.name)은(는) 그 클라이언트에게 응답할 수 없어요"),
                        match?.route?.location ?? tableLocation, code: .noRouteToInternetGateway)
            }
            return
        }
        aclForward(subnet: d.subnet, inbound: true, peer: source, q, &t)
        if t.isBlocked { return }
        t.replies.append(ReplyCheck(subnet: d.subnet, inbound: false, peer: source, ports: q.clientPorts))
        ingressGroups(d, from: source, q, &t)
        if t.isBlocked { return }
        t.pass(d.kind, d.name, L("answers on \(describeTraffic(q.proto, q.port))", "\(describeTraffic(q.proto, q.port))로 응답해요"), d.location)
    }

    private func arriveAtHost(_ h: Int, from source: Addr, fromHostSite: Int?, _ q: LegQuery, _ t: inout Trace) {
        let host = topology.hosts[h]
        guard let s = index.hostSite[h] else {
            t.block(.host, host.name, L("\(host.name) is at an unknown site", "\(host.name)의 사이트를 알 수 없어요"), host.location, code: .cannotRoute)
            return
        }
        let site = topology.sites[s]
        let forward = site.portForwards.first { $0.port.value == q.port && $0.target.name == host.name }
        if let forward, let ip = site.publicIP?.value {
            t.pass(.site, site.name, L("the \(site.name) router (\(ip)) forwards port \(q.port) to \(host.name):\(forward.effectiveTargetPort)",
                                       "\(site.name) 공유기(\(ip))가 포트 \(q.port)를 \(host.name):\(forward.effectiveTargetPort)로 넘겨요"), forward.location)
            t.pass(.host, host.name, L("answers on port \(forward.effectiveTargetPort)", "포트 \(forward.effectiveTargetPort)로 응답해요"), host.location)
            return
        }
        if let tunnel = site.tunnels.first(where: { $0.port.value == q.port && $0.target.name == host.name }) {
            t.pass(.site, site.name, L("a tunnel from \(host.name) carries port \(q.port) to \(host.name):\(tunnel.effectiveTargetPort) (no public IP needed)",
                                       "\(host.name)에서 연 터널이 포트 \(q.port)를 \(host.name):\(tunnel.effectiveTargetPort)로 날라요 (공인 IP가 필요 없어요)"), tunnel.location)
            t.pass(.host, host.name, L("answers on port \(tunnel.effectiveTargetPort)", "포트 \(tunnel.effectiveTargetPort)로 응답해요"), host.location)
            return
        }
        if forward != nil {
            t.block(.site, site.name, L("\(site.name) has a port forward for \(q.port) but no public IP to receive it on",
                                        "\(site.name)에 포트 \(q.port) 포워딩은 있지만 받을 공인 IP가 없어요"), site.location, code: .siteNoPublicIP)
        } else if let other = fromHostSite, other != s {
            t.block(.site, site.name, L("\(host.name) is at another site (\(site.name)): it is reachable only through that site's port forwards, and none sends port \(q.port) to it",
                                        "\(host.name)은(는) 다른 사이트(\(site.name))에 있어서 그 사이트의 포트 포워딩으로만 닿는데, 포트 \(q.port)를 넘기는 규칙이 없어요"),
                    site.location, code: .differentSite)
        } else {
            t.block(.site, site.name, L("the \(site.name) router has no port forward (or tunnel) sending port \(q.port) to \(host.name)",
                                        "\(site.name) 공유기에 포트 \(q.port)를 \(host.name)(으)로 넘기는 포트 포워딩(또는 터널)이 없어요"), site.location, code: .noPortForward)
        }
    }

    // MARK: Load balancers

    func listener(_ l: Int, _ port: Int) -> LoadBalancer.Listener? {
        topology.loadBalancers[l].listeners.first { $0.port.value == port }
    }

    /// Behind an answering load-balancer node: a redirect answers by itself; otherwise at
    /// least one target must be alive and reachable from the load balancer.
    private func behindLoadBalancer(_ l: Int, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        let lb = topology.loadBalancers[l]
        guard let listener = listener(l, q.port) else {
            t.block(.loadBalancer, lb.name, L("\(lb.name) has no listener on port \(q.port)", "\(lb.name)에 포트 \(q.port) 리스너가 없어요"), lb.location, code: .noListener)
            return
        }
        if let redirect = listener.redirect {
            t.pass(.loadBalancer, lb.name, L("listener \(listener.port.value) redirects to HTTPS port \(redirect.value) (301)",
                                             "리스너 \(listener.port.value)가 HTTPS 포트 \(redirect.value)로 리다이렉트해요 (301)"), listener.location)
            return
        }
        let targetPort = listener.targetPort?.value ?? listener.port.value
        t.pass(.loadBalancer, lb.name, L("listener \(listener.port.value) forwards to its targets on port \(targetPort)",
                                         "리스너 \(listener.port.value)가 대상에게 포트 \(targetPort)로 넘겨요"), listener.location)
        var firstFailure: Trace?
        var downReasons: [String] = []
        for target in listener.targets {
            guard let node = resolveNode(.named(target.name)) else { continue }
            var attempt = Trace()
            runLeg(.loadBalancer(l), node, LegQuery(proto: q.proto == .udp ? .udp : .tcp, port: targetPort, clientPorts: .awsEphemeral, address: .private), state, &attempt)
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
            : "\(lb.name)의 대상 중 살아 있고 포트 \(targetPort)로 닿는 것이 없어요\(why.map { ": \($0.message.text(.ko))" } ?? "")"
        t.hops.append(Hop(kind: .loadBalancer, name: lb.name, verdict: .block, detail: L(en, ko), location: listener.location))
        t.reason = Reason(code: .noHealthyTarget, message: L(en, ko), location: why?.location ?? listener.location, component: why?.component ?? lb.name)
    }

    // MARK: Replies

    /// The reply retraces the path: each NACL boundary the request crossed must let the
    /// reply through in the other direction, for the client's ephemeral ports.
    func finishReplies(_ t: inout Trace, proto: IPProtocol) {
        guard !t.isBlocked else { return }
        for check in t.replies.reversed() {
            let choice = index.subnetACL[check.subnet]
            guard case .acl = choice else { continue }
            let name = aclName(choice)
            let subnet = topology.subnets[check.subnet].name
            let dir = check.inbound ? "inbound" : "outbound"
            let dirKo = check.inbound ? "인바운드" : "아웃바운드"
            let (decision, peer) = replyDecision(choice, check, proto: proto)
            let location: SourceLocation? = {
                switch decision.blocking {
                case .rule(let r): r.location
                default: aclLocation(choice, subnet: check.subnet)
                }
            }()
            if decision.allowed.isEmpty {
                t.block(.networkACL, name, L("the reply (\(dir) on \(subnet), to ports \(check.ports) \(check.inbound ? "from" : "to") \(peer.label)) is not allowed by \(name): network ACLs are stateless",
                                             "응답(\(subnet)의 \(dirKo), 포트 \(check.ports), \(peer.label))을 \(name)이(가) 허용하지 않아요. 네트워크 ACL은 상태를 기억하지 않아요"),
                        location, code: .aclReplyBlocked)
                return
            }
            if decision.missing.isEmpty {
                t.pass(.networkACL, name, L("reply \(dir) on \(subnet) to ports \(check.ports) allowed", "\(subnet)의 \(dirKo) 응답(포트 \(check.ports))이 허용돼요"),
                       location ?? aclLocation(choice, subnet: check.subnet))
            } else {
                let missing = decision.missing.map(\.description).joined(separator: ", ")
                t.hops.append(Hop(kind: .networkACL, name: name, verdict: .pass,
                                  detail: L("reply \(dir) on \(subnet) allowed only for ports \(decision.allowed.map(\.description).joined(separator: ", ")); clients using \(missing) get no reply",
                                            "\(subnet)의 \(dirKo) 응답이 포트 \(decision.allowed.map(\.description).joined(separator: ", "))에만 허용돼요. \(missing)을(를) 쓰는 클라이언트는 응답을 못 받아요"),
                                  location: location))
                t.missing += decision.missing
            }
        }
        t.replies = []
    }

    /// A reply check over the atoms of its peer: blocked when some atom's reply is refused
    /// outright (the refusal covering the most addresses is shown, its atoms named);
    /// otherwise the client ports missing for any atom are missing.
    private func replyDecision(_ choice: ACLChoice, _ check: ReplyCheck, proto: IPProtocol) -> (ReplyDecision, Addr) {
        let atoms = self.atoms(check.peer)
        if atoms.count == 1 { return (aclReply(choice, inbound: check.inbound, range: atoms[0], proto: proto, ports: check.ports), check.peer) }
        let replies = atoms.map { aclReply(choice, inbound: check.inbound, range: $0, proto: proto, ports: check.ports) }
        let blocking = replies.map { $0.allowed.isEmpty ? $0.blocking : nil }
        if let refusing = largest(blocking, atoms, where: { $0 != nil }) {
            let picked = blocking.map { $0 == refusing }
            let peer = picked.allSatisfy { $0 } ? check.peer : restrict(check.peer, atoms, picked)
            return (ReplyDecision(allowed: [], missing: [check.ports], blocking: refusing), peer)
        }
        let missing = mergeRanges(replies.flatMap(\.missing))
        let first = replies.first { !$0.missing.isEmpty }
        return (ReplyDecision(allowed: subtractRanges([check.ports], missing), missing: missing, blocking: first?.blocking), check.peer)
    }

    /// Of the per-atom values that satisfy `test`, the one whose atoms hold the most addresses.
    func largest<T: Equatable>(_ values: [T], _ atoms: [AddressRange], where test: (T) -> Bool) -> T? {
        var totals: [(T, UInt64)] = []
        for (value, atom) in zip(values, atoms) where test(value) {
            if let i = totals.firstIndex(where: { $0.0 == value }) { totals[i].1 += atom.size } else { totals.append((value, atom.size)) }
        }
        return totals.max { $0.1 < $1.1 }?.0
    }
}

extension Int {
    fileprivate func az(_ engine: NetworkEngine) -> String? { engine.subnetAZ[self] }
}
