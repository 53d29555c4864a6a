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
            t.block(.natGateway, nat.name, FlowText.middleboxNATInOtherVPC(nat.name, vpc: topology.vpcs[p.vpc].name), match.route?.location, code: .blackholeRoute)
            return
        }
        t.pass(tableKind, tableName, FlowText.matchesMiddleboxRoute(d.address, destination: match.destination, nat: nat.name), match.route?.location)
        let natAddr = Addr(cidr: CIDR(host: natIP), label: "\(nat.name) (\(natIP))")
        crossSubnets(p.subnet, ns, from: p.privateAddr, to: natAddr, q, &t)
        if t.isBlocked { return }
        t.pass(.natGateway, nat.name, FlowText.middleboxForwards(d.address, natAddress: natIP), nat.location)
        // From the NAT on, the local route must carry it (a route back to the NAT loops).
        if let back = lookupRoute(subnet: ns, to: CIDR(host: d.address)), back.target != .local {
            let (natTable, _, natKind) = routingLocation(subnet: ns)
            t.block(natKind, natTable, FlowText.middleboxLoops(routeTableName(subnet: ns), address: d.address, target: back.route?.target.name),
                    back.route?.location, code: .cannotRoute)
            return
        }
        crossSubnets(ns, d.subnet, from: natAddr, to: d.privateAddr, q, &t)
        if t.isBlocked { return }
        ingressGroups(d, from: natAddr, q, &t)
        if t.isBlocked { return }
        t.pass(d.kind, d.name, FlowText.answersAt(describeTraffic(q.proto, q.port), address: d.address), d.location)
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
                t.block(kind, table, FlowText.replyHandedBack(nat, client: client, table: routeTableName(subnet: s)),
                        back.route?.location, code: .cannotRoute)
                return
            }
            t.block(kind, table, FlowText.replyViaUnseenNAT(name, client: client, nat: nat),
                    back.route?.location, code: .cannotRoute)
        case .missing(let target):
            let (table, _, kind) = routingLocation(subnet: s)
            t.block(kind, table, FlowText.replyBlackhole(name, client: client, target: target),
                    back.route?.location, code: .blackholeRoute)
        default: break
        }
    }
}
