import InfralabSyntax
import InfralabTopology

/// Leaving a VPC point: egress security groups, NACLs, routes, gateways and NAT.

extension NetworkEngine {
    // MARK: Leaving a VPC point

    func serverPoints(_ server: Node, _ state: IncidentState) -> [NetPoint] {
        switch server {
        case .instance(let i): return point(instance: i).map { [$0] } ?? []
        case .loadBalancer(let l): return points(loadBalancer: l, state)
        case .dataStore(let k): return point(dataStore: k, state).map { [$0] } ?? []
        default: return []
        }
    }

    func depart(_ p: NetPoint, _ server: Node, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        let serverVPC = nodeVPC(server)
        let sameVPC = serverVPC == p.vpc
        var usePrivate = false
        switch server {
        case .instance, .loadBalancer, .nat, .dataStore:
            switch q.address {
            case .private:
                guard sameVPC else {
                    t.block(nodeKind(server), nodeName(server),
                            FlowText.differentVPCs(p.name, server: nodeName(server)),
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
            t.block(.natGateway, nat.name, FlowText.natAcceptsNoConnections, nat.location, code: .natInbound)
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
                t.block(nodeKind(server), nodeName(server), FlowText.noPrivateAddress(nodeName(server)),
                        nodeLocation(server), code: .cannotRoute)
            }
            return
        }
        // The public way: the destination's public address (or the internet).
        guard let destination = publicDestination(server, &t) else { return }
        guard let (source, ports) = egressToWorld(p, destination, q, state, &t) else { return }
        arrive(from: source, fromHostSite: nil, server, LegQuery(proto: q.proto, port: q.port, clientPorts: ports, address: q.address), state, &t)
    }

    func egressGroups(_ p: NetPoint, _ destination: Addr, _ q: LegQuery, _ t: inout Trace) {
        let atoms = self.atoms(destination)
        let (allowing, uncovered) = groupsAllow(p.groups, inbound: false, atoms: atoms, proto: q.proto, port: q.port)
        if !uncovered.contains(true), let rule = allowing.first {
            t.pass(.securityGroup, rule.groupName,
                   FlowText.outboundAllowed(rule.groupName, rules: describeRules(allowing, inbound: false), rulesKo: describeRulesKo(allowing, inbound: false)), rule.location)
        } else {
            let names = p.groups.compactMap { groupRules[$0]?.name }.joined(separator: ", ")
            // Some atoms admitted, some not: name the ones no rule admits.
            let destination = allowing.isEmpty ? destination : restrict(destination, atoms, uncovered)
            let location = p.groups.first.flatMap { ref in
                groupRules[ref].flatMap { $0.outboundIsDefault ? $0.location : outboundLocation(of: ref) }
            } ?? p.location
            let traffic = describeTraffic(q.proto, q.port)
            t.block(.securityGroup, names.isEmpty ? p.name : names,
                    FlowText.noOutboundRule(names, traffic: traffic, destination: destination.label, destinationKo: destination.ko),
                    location, code: .securityGroupEgress)
        }
    }

    func outboundLocation(of ref: GroupRef) -> SourceLocation? {
        guard case .declared(let g) = ref else { return nil }
        let group = topology.securityGroups[g]
        return group.outboundLocation ?? group.location
    }

    func ingressGroups(_ p: NetPoint, from source: Addr, _ q: LegQuery, _ t: inout Trace) {
        let atoms = self.atoms(source)
        let (allowing, uncovered) = groupsAllow(p.groups, inbound: true, atoms: atoms, proto: q.proto, port: q.port)
        if !uncovered.contains(true), let rule = allowing.first {
            t.pass(.securityGroup, rule.groupName,
                   FlowText.inboundAllowed(rule.groupName, rules: describeRules(allowing, inbound: true), rulesKo: describeRulesKo(allowing, inbound: true)), rule.location)
        } else {
            let names = p.groups.compactMap { groupRules[$0]?.name }.joined(separator: ", ")
            // Some atoms admitted, some not: name the ones no rule admits.
            let source = allowing.isEmpty ? source : restrict(source, atoms, uncovered)
            // A near miss — a rule for this port whose peer is someone else — is the line a
            // learner most likely meant; point there and say whom it admits instead.
            let nearMiss = p.groups.lazy.compactMap { self.groupRules[$0] }.flatMap(\.inbound)
                .first { protocolMatches($0.proto, $0.ports, q.proto, q.port) }
            let location = nearMiss?.location ?? p.groups.first.flatMap { groupRules[$0]?.location } ?? p.location
            let traffic = describeTraffic(q.proto, q.port)
            var nearMissIsPublic = false
            if let nearMiss, case .cidr(let cidr) = nearMiss.peer, !cidr.address.isPrivate, source.cidr.address.isPrivate { nearMissIsPublic = true }
            let groupReferenceMissesPublic = source.cidr.prefixLength == 32 && !(source.cidr.address.isPrivate) && p.groups.contains(where: { g in
                groupRules[g]?.inbound.contains { if case .group = $0.peer { return protocolMatches($0.proto, $0.ports, q.proto, q.port) } else { return false } } ?? false
            })
            let message = FlowText.noInboundRule(names, owner: p.name, traffic: traffic, source: source.label, sourceKo: source.ko,
                                                 nearMiss: nearMiss?.peerText, nearMissPeer: nearMiss.map { FlowText.NearMissPeer($0.peer) } ?? .addresses,
                                                 nearMissIsPublic: nearMissIsPublic,
                                                 groupReferenceMissesPublic: groupReferenceMissesPublic)
            t.block(.securityGroup, names.isEmpty ? p.name : names, message, location, code: .securityGroupIngress)
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
        let flowKo: @Sendable (Addr) -> String = { peer in inbound ? "\(peer.ko)에서 오는 \(traffic)" : "\(Korean.toward(peer.ko)) 가는 \(traffic)" }
        let atoms = self.atoms(peer)
        let decisions = atoms.map { aclDecide(choice, inbound: inbound, range: $0, proto: q.proto, port: q.port) }
        var narrowed = peer
        let decision: ACLDecision
        if let refusing = largest(decisions, atoms, where: { !$0.allows }) {
            decision = refusing
            if decisions.contains(where: { $0 != refusing }) { narrowed = restrict(peer, atoms, decisions.map { $0 == refusing }) }
        } else {
            var allowing: [ResolvedACLRule] = []
            for case .rule(let rule) in decisions where !allowing.contains(rule) { allowing.append(rule) }
            let rules = allowing
            guard rules.count <= 1 else {
                t.pass(.networkACL, name, FlowText.aclAllowedByRules(dir, traffic: traffic, inbound: inbound, peer: peer.label, rules: aclRulesText(rules, inbound: inbound),
                                                                    flowKo: flowKo(peer), directionKo: dirKo, rulesKo: aclRulesTextKo(rules, inbound: inbound)), rules[0].location)
                return
            }
            decision = decisions.first ?? .allowAllDefault
        }
        let peer = narrowed
        switch decision {
        case .allowAllDefault:
            t.pass(.networkACL, name, FlowText.defaultACLAllows(subnet, direction: dir, directionKo: dirKo), nil)
        case .rule(let rule):
            if rule.allow {
                t.pass(.networkACL, name, FlowText.aclAllowedByRule(dir, traffic: traffic, inbound: inbound, peer: peer.label, rule: aclRuleText(rule, inbound: inbound),
                                                                   flowKo: flowKo(peer), ruleKo: aclRuleTextKo(rule, inbound: inbound, direction: dirKo)), rule.location)
            } else {
                t.block(.networkACL, name, FlowText.aclDeniedByRule(dir, traffic: traffic, inbound: inbound, peer: peer.label, rule: aclRuleText(rule, inbound: inbound), acl: name,
                                                                   subnet: subnet, flowKo: flowKo(peer), ruleKo: aclRuleTextKo(rule, inbound: inbound, direction: dirKo)),
                        rule.location, code: inbound ? .aclInbound : .aclOutbound)
            }
        case .implicitDeny:
            let empty = (inbound ? aclRules(choice, inbound: true) : aclRules(choice, inbound: false))?.isEmpty ?? false
            t.block(.networkACL, name,
                    FlowText.aclImplicitDeny(dir, acl: name, subnet: subnet, traffic: traffic, inbound: inbound, peer: peer.label, hasNoRules: empty, flowKo: flowKo(peer), directionKo: dirKo),
                    aclLocation(choice, subnet: s), code: inbound ? .aclInbound : .aclOutbound)
        }
    }

    /// Two instances in one VPC, by private address.
    func privatePath(_ p: NetPoint, _ d: NetPoint, _ q: LegQuery, _ t: inout Trace) {
        t.info(p.kind, p.name, FlowText.startsInSubnet(p.address, subnet: topology.subnets[p.subnet].name), p.location)
        egressGroups(p, d.privateAddr, q, &t)
        if t.isBlocked { return }
        let (tableName, tableLocation, tableKind) = routingLocation(subnet: p.subnet)
        guard let match = lookupRoute(subnet: p.subnet, to: CIDR(host: d.address)) else {
            t.block(tableKind, tableName, FlowText.noRouteCovers(routeTableName(subnet: p.subnet), address: d.address, tableKo: routeTableNameKo(subnet: p.subnet)), tableLocation, code: .cannotRoute)
            return
        }
        if case .nat(let n) = match.target, p.subnet != d.subnet, topology.subnets[d.subnet].cidr.value == match.destination {
            privatePathViaNAT(n, p, d, match, q, &t)
            return
        }
        // Inside one subnet the route table is not consulted (a route for the subnet's own
        // CIDR changes nothing there).
        let local = p.subnet == d.subnet
        guard local || match.target == .local else {
            let target = match.route?.target.name ?? "?"
            if case .missing = match.target {
                t.block(.routeTable, tableName, FlowText.routePointsAtNothing(match.destination, target: target), match.route?.location, code: .blackholeRoute)
            } else {
                t.block(.routeTable, tableName, FlowText.routeTakesFromLocal(match.destination, target: target, address: d.address),
                        match.route?.location, code: .cannotRoute)
            }
            return
        }
        if match.target == .local {
            t.pass(tableKind, tableName, FlowText.matchesLocalRoute(d.address, destination: match.destination), tableLocation)
        }
        if p.subnet == d.subnet {
            t.info(.subnet, topology.subnets[p.subnet].name, FlowText.sameSubnet,
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
        if p.subnet != d.subnet { checkReplyRoute(subnet: d.subnet, from: d.name, to: p.address, &t) }
        if t.isBlocked { return }
        t.pass(d.kind, d.name, FlowText.answersAt(describeTraffic(q.proto, q.port), address: d.address), d.location)
    }

    /// Leaves the VPC toward a public destination: through an internet gateway (needs a
    /// public address) or a NAT gateway. Returns the address the world sees and the client
    /// ports from here on.
    func egressToWorld(_ p: NetPoint, _ destination: Addr, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) -> (Addr, PortRange)? {
        t.info(p.kind, p.name, FlowText.startsInSubnet(p.address, subnet: topology.subnets[p.subnet].name), p.location)
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
    func egressRoute(_ p: NetPoint, _ destination: Addr, _ group: RouteGroup?, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) -> (Addr, PortRange)? {
        let (tableName, tableLocation, tableKind) = routingLocation(subnet: p.subnet)
        guard let match = group?.matches.first else {
            t.block(tableKind, tableName, FlowText.noRouteToDestination(routeTableName(subnet: p.subnet), destination: destination.label, tableKo: routeTableNameKo(subnet: p.subnet), destinationKo: destination.ko),
                    tableLocation, code: .noRouteToInternetGateway)
            return nil
        }
        let routeLocation = match.route?.location ?? tableLocation
        let via = match.route?.target.name ?? "local"
        // Written when read, like every hop's words.
        let matched = { @Sendable in
            FlowText.matchesRoutes(destination.label, routes: group?.routesText ?? "", via: via, destinationKo: destination.ko, routesKo: group?.routesTextKo ?? "")
        }
        switch match.target {
        case .local:
            t.block(tableKind, tableName, FlowText.matchesOnlyLocalRoute(destination.label, destinationKo: destination.ko), tableLocation, code: .cannotRoute)
            return nil
        case .missing(let name):
            t.block(.routeTable, tableName, FlowText.routeTargetMissing(match.destination, name: name), routeLocation, code: .blackholeRoute)
            return nil
        case .igw(let g):
            let route = RouteStep(table: tableName, location: routeLocation, text: DeferredText(later: matched))
            return egressViaGateway(g, p, destination, match, route, q, &t)
        case .nat(let n):
            let route = RouteStep(table: tableName, location: routeLocation, text: DeferredText(later: matched))
            return egressViaNAT(n, p, destination, route, q, state, &t)
        case .instance(let i):
            // A NAT instance, simplified: it needs a public address in a public subnet.
            let relay = topology.instances[i]
            t.pass(.routeTable, tableName, matched(), routeLocation)
            if let incident = state.instanceDown(i) {
                t.block(.instance, relay.name, FlowText.relayDown(relay.name, incident: incident), relay.location, code: .endpointDown)
                return nil
            }
            guard let pub = instancePublic[i]?.address, let rs = index.instanceSubnet[i], subnetRoutesToGateway(rs) else {
                t.block(.instance, relay.name, FlowText.relayNotPublic(relay.name), relay.location, code: .cannotRoute)
                return nil
            }
            t.pass(.instance, relay.name, FlowText.relaysAsNATInstance(pub), relay.location)
            return (Addr(cidr: CIDR(host: pub), label: "\(relay.name)'s public address \(pub)", labelKo: "\(relay.name)의 퍼블릭 주소 \(pub)"), .awsEphemeral)
        case .outside(let o):
            let host = topology.outside[o]
            guard atoms(destination).allSatisfy({ $0.isWithin(host.cidr.value) }) else {
                t.block(.routeTable, tableName, FlowText.routeOnlyReachesOutside(match.destination, host: host.name, cidr: host.cidr.value), routeLocation, code: .cannotRoute)
                return nil
            }
            t.pass(.routeTable, tableName, matched(), routeLocation)
            return (p.privateAddr, q.clientPorts)
        }
    }

    /// The route that matched, as the trace shows it.
    struct RouteStep {
        var table: String
        var location: SourceLocation
        var text: DeferredText
    }

    /// Out by an internet gateway: attached to this VPC, a public address, the NACL.
    func egressViaGateway(_ g: Int, _ p: NetPoint, _ destination: Addr, _ match: RouteMatch, _ route: RouteStep, _ q: LegQuery, _ t: inout Trace) -> (Addr, PortRange)? {
        let routeLocation = route.location
        let igw = topology.internetGateways[g]
        guard igwVPC(g) == p.vpc else {
            t.block(.internetGateway, igw.name, FlowText.gatewayRouteNotAttached(match.destination, gateway: igw.name, vpc: topology.vpcs[p.vpc].name),
                    routeLocation, code: .internetGatewayNotAttached)
            return nil
        }
        t.pass(.routeTable, route.table, route.text.text, routeLocation)
        guard let pub = p.publicAddress else {
            t.block(p.kind, p.name, FlowText.noPublicIPForGateway(p.name), p.location, code: .noPublicIP)
            return nil
        }
        aclForward(subnet: p.subnet, inbound: false, peer: destination, q, &t)
        if t.isBlocked { return nil }
        t.replies.append(ReplyCheck(subnet: p.subnet, inbound: true, peer: destination, ports: q.clientPorts))
        t.pass(.internetGateway, igw.name, FlowText.translatesToPublic(p.address, publicAddress: pub), igw.location)
        return (Addr(cidr: CIDR(host: pub), label: "\(p.name)'s public address \(pub)", labelKo: "\(p.name)의 퍼블릭 주소 \(pub)"), q.clientPorts)
    }

    /// Out by a NAT gateway: alive, in this VPC, NACLs on both subnets, an Elastic IP,
    /// and its own subnet public.
    func egressViaNAT(_ n: Int, _ p: NetPoint, _ destination: Addr, _ route: RouteStep, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) -> (Addr, PortRange)? {
        let routeLocation = route.location
        let nat = topology.natGateways[n]
        t.pass(.routeTable, route.table, route.text.text, routeLocation)
        if let incident = state.natDown(n) {
            let (why, location) = downReason(.nat(n), incident)
            t.block(.natGateway, nat.name, why, location, code: .natDown)
            return nil
        }
        guard let ns = index.natSubnet[n], index.subnetVPC[ns] == p.vpc else {
            t.block(.natGateway, nat.name, FlowText.natInOtherVPC(nat.name, vpc: topology.vpcs[p.vpc].name), routeLocation, code: .blackholeRoute)
            return nil
        }
        if ns != p.subnet {
            aclForward(subnet: p.subnet, inbound: false, peer: destination, q, &t)
            if t.isBlocked { return nil }
            t.replies.append(ReplyCheck(subnet: p.subnet, inbound: true, peer: destination, ports: q.clientPorts))
            aclForward(subnet: ns, inbound: true, peer: p.privateAddr, q, &t)
            if t.isBlocked { return nil }
            t.replies.append(ReplyCheck(subnet: ns, inbound: false, peer: p.privateAddr, ports: q.clientPorts))
            // The NAT hands replies back to `p` by its subnet's table: a route back to a NAT loops.
            checkReplyRoute(subnet: ns, from: nat.name, to: p.address, via: n, &t)
            if t.isBlocked { return nil }
        }
        guard let eip = nat.elasticIP?.value else {
            t.block(.natGateway, nat.name, FlowText.natNeedsElasticIP(nat.name),
                    nat.location, code: .natNoElasticIP)
            return nil
        }
        let natSubnetName = topology.subnets[ns].name
        // Every atom the NAT carries must leave its subnet by an attached internet gateway.
        let natGroups = routeGroups(subnet: ns, atoms: atoms(destination))
        guard natGroups.count == 1, case .igw(let g)? = natGroups[0].target, igwVPC(g) == p.vpc else {
            t.block(.natGateway, nat.name, FlowText.natInPrivateSubnet(nat.name, subnet: natSubnetName, table: routeTableName(subnet: ns), tableKo: routeTableNameKo(subnet: ns)),
                    nat.location, code: .natNotPublic)
            return nil
        }
        aclForward(subnet: ns, inbound: false, peer: destination, q, &t)
        if t.isBlocked { return nil }
        t.replies.append(ReplyCheck(subnet: ns, inbound: true, peer: destination, ports: .awsEphemeral))
        t.pass(.natGateway, nat.name, FlowText.translatesToElasticIP(p.address, elasticIP: eip), nat.location)
        let igw = topology.internetGateways[g]
        t.pass(.internetGateway, igw.name, FlowText.carriesNATTraffic(nat.name), igw.location)
        return (Addr(cidr: CIDR(host: eip), label: "\(nat.name)'s Elastic IP \(eip)", labelKo: "\(nat.name)의 탄력적 IP \(eip)"), .awsEphemeral)
    }

    /// Where a connection to `server` from inside a VPC goes when it leaves by the public
    /// way: its public address, the internet, an outside host; nil (blocked) when it has none.
    func publicDestination(_ server: Node, _ t: inout Trace) -> Addr? {
        switch server {
        case .internet: return .internet
        case .outside(let o): return Addr(cidr: topology.outside[o].cidr.value, label: "\(topology.outside[o].name) (\(topology.outside[o].cidr.value))")
        case .instance(let i):
            guard let pub = instancePublic[i] else {
                let instance = topology.instances[i]
                t.block(.instance, instance.name, FlowText.noPublicIPToDial(instance.name),
                        instance.location, code: .noPublicIP)
                return nil
            }
            return Addr(cidr: CIDR(host: pub.address), label: "\(topology.instances[i].name)'s public address \(pub.address)",
                               labelKo: "\(topology.instances[i].name)의 퍼블릭 주소 \(pub.address)")
        case .loadBalancer(let l):
            guard let pub = lbPublic[l] else {
                let lb = topology.loadBalancers[l]
                t.block(.loadBalancer, lb.name, FlowText.internalNoPublicAddress(lb.name),
                        lb.location, code: .privateAddressFromOutside)
                return nil
            }
            return Addr(cidr: CIDR(host: pub), label: "\(topology.loadBalancers[l].name)'s public address \(pub)",
                               labelKo: "\(topology.loadBalancers[l].name)의 퍼블릭 주소 \(pub)")
        case .nat(let n):
            let nat = topology.natGateways[n]
            guard let eip = nat.elasticIP?.value else {
                t.block(.natGateway, nat.name, FlowText.natWithoutElasticIP(nat.name), nat.location, code: .natNoElasticIP)
                return nil
            }
            return Addr(cidr: CIDR(host: eip), label: "\(nat.name)'s Elastic IP \(eip)", labelKo: "\(nat.name)의 탄력적 IP \(eip)")
        case .dataStore(let k):
            let store = topology.dataStores[k]
            guard let pub = storePublic[k] else {
                t.block(store.kind, store.name, LocalizedText(en: "\(store.name) is not publicly accessible: it has no public address, so it cannot be dialled from outside its VPC",
                                                              ko: "\(Korean.topic(store.name)) 퍼블릭 접근이 꺼져 있어서 퍼블릭 주소가 없어요. VPC 밖에서는 접속할 수 없어요"),
                        store.publiclyAccessible?.location ?? store.location, code: .noPublicIP)
                return nil
            }
            return Addr(cidr: CIDR(host: pub), label: "\(store.name)'s public address \(pub)", labelKo: "\(store.name)의 퍼블릭 주소 \(pub)")
        case .host(let h):
            if let s = index.hostSite[h], let ip = topology.sites[s].publicIP?.value {
                return Addr(cidr: CIDR(host: ip), label: "\(topology.sites[s].name)'s public address \(ip)", labelKo: "\(topology.sites[s].name)의 퍼블릭 주소 \(ip)")
            } else {
                return Addr(cidr: .anywhere, label: "the tunnel service", labelKo: "터널 서비스")
            }
        }
    }
}
