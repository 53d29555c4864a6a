import InfralabSyntax
import InfralabTopology

/// Routes more specific than the local route (AWS "middlebox routing"): a route for a
/// subnet's exact CIDR via a NAT gateway carries traffic between subnets through it, and
/// the reply's route inside the VPC matters — a reply sent to a NAT gateway that never
/// saw the request is dropped, and a NAT subnet that routes its clients back to the NAT
/// loops.
extension NetworkEngine {
    /// The request from `p` to `d` follows `p`'s route via NAT gateway `n` (a route for
    /// `d`'s subnet): through the NAT, which forwards from its own private address.
    func privatePathViaNAT(_ n: Int, _ p: NetPoint, _ d: NetPoint, _ match: RouteMatch, _ q: LegQuery, _ t: inout Trace) {
        let nat = topology.natGateways[n]
        let (tableName, _, tableKind) = routingLocation(subnet: p.subnet)
        guard let ns = index.natSubnet[n], index.subnetVPC[ns] == p.vpc, let natIP = natPrivate[n] else {
            t.block(.natGateway, nat.name, L("\(nat.name) is not in VPC \(topology.vpcs[p.vpc].name): the route is a blackhole",
                                             "\(Korean.topic(nat.name)) VPC \(topology.vpcs[p.vpc].name)에 없어서 블랙홀 경로예요"), match.route?.location, code: .blackholeRoute)
            return
        }
        t.pass(tableKind, tableName, L("\(d.address) matches route \(match.destination) via \(nat.name) (more specific than local)",
                                       "\(Korean.topic("\(d.address)")) 로컬보다 구체적인 경로 \(match.destination) → \(nat.name)에 맞아요"), match.route?.location)
        let natAddr = Addr(cidr: CIDR(host: natIP), label: "\(nat.name) (\(natIP))")
        crossSubnets(p.subnet, ns, from: p.privateAddr, to: natAddr, q, &t)
        if t.isBlocked { return }
        t.pass(.natGateway, nat.name, L("forwards to \(d.address) from its private address \(natIP)",
                                        "프라이빗 주소 \(natIP)에서 \(Korean.toward("\(d.address)")) 넘겨요"), nat.location)
        // From the NAT on, the local route must carry it (a route back to the NAT loops).
        if let back = lookupRoute(subnet: ns, to: CIDR(host: d.address)), back.target != .local {
            let (natTable, _, natKind) = routingLocation(subnet: ns)
            t.block(natKind, natTable, L("\(routeTableName(subnet: ns)) sends traffic for \(d.address) via \(back.route?.target.name ?? "?") again: it loops",
                                         "\(Korean.subject(routeTableName(subnet: ns))) \(Korean.toward("\(d.address)")) 가는 트래픽을 다시 \(back.route?.target.name ?? "?") 쪽으로 보내서 빙빙 돌아요"),
                    back.route?.location, code: .cannotRoute)
            return
        }
        crossSubnets(ns, d.subnet, from: natAddr, to: d.privateAddr, q, &t)
        if t.isBlocked { return }
        ingressGroups(d, from: natAddr, q, &t)
        if t.isBlocked { return }
        t.pass(d.kind, d.name, L("answers on \(describeTraffic(q.proto, q.port)) at \(d.address)", "\(d.address)의 \(Korean.toward(describeTraffic(q.proto, q.port))) 응답해요"), d.location)
    }

    /// The network ACLs between two subnets of one VPC, both ways (none within one subnet).
    func crossSubnets(_ a: Int, _ b: Int, from source: Addr, to destination: Addr, _ q: LegQuery, _ t: inout Trace) {
        guard a != b else { return }
        aclForward(subnet: a, inbound: false, peer: destination, q, &t)
        if t.isBlocked { return }
        t.replies.append(ReplyCheck(subnet: a, inbound: true, peer: destination, ports: q.clientPorts))
        aclForward(subnet: b, inbound: true, peer: source, q, &t)
        if t.isBlocked { return }
        t.replies.append(ReplyCheck(subnet: b, inbound: false, peer: source, ports: q.clientPorts))
    }

    /// The reply from `from` (in `subnet`) to `client` must take the local route: a route
    /// that sends it to a NAT gateway hands it to a NAT that never saw the request.
    /// `via`: the NAT gateway the request went through, if any (a reply sent back to it loops).
    func checkReplyRoute(subnet s: Int, from name: String, to client: IPv4Address, via: Int? = nil, _ t: inout Trace) {
        guard let back = lookupRoute(subnet: s, to: CIDR(host: client)) else { return }
        switch back.target {
        case .nat(let n):
            let (table, _, kind) = routingLocation(subnet: s)
            let nat = topology.natGateways[n].name
            if n == via {
                t.block(kind, table, L("\(nat) hands the reply to \(client) by \(routeTableName(subnet: s)), which routes it back to \(nat): it loops and is dropped",
                                       "\(Korean.subject(nat)) \(client)에 보내는 응답을 \(Korean.subject(routeTableName(subnet: s))) 다시 \(nat) 쪽으로 보내서 빙빙 돌다 버려져요"),
                        back.route?.location, code: .cannotRoute)
                return
            }
            t.block(kind, table, L("the reply from \(name) to \(client) is routed via \(nat), which never saw the request: it is dropped",
                                   "\(name)에서 \(Korean.toward("\(client)")) 가는 응답이 요청을 본 적 없는 \(nat) 쪽으로 가서 버려져요"),
                    back.route?.location, code: .cannotRoute)
        case .missing(let target):
            let (table, _, kind) = routingLocation(subnet: s)
            t.block(kind, table, L("the reply from \(name) to \(client) is routed via \(target), which does not exist: a blackhole",
                                   "\(name)에서 \(Korean.toward("\(client)")) 가는 응답이 없는 대상 \(target) 쪽으로 가요. 블랙홀이에요"),
                    back.route?.location, code: .blackholeRoute)
        default: break
        }
    }
}
