import InfralabSyntax
import InfralabTopology

/// The reply path: every NACL boundary the request crossed, in the other direction.

extension NetworkEngine {
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
                t.block(.networkACL, name, FlowText.replyBlocked(dir, subnet: subnet, ports: check.ports, inbound: check.inbound, peer: peer.label, acl: name, directionKo: dirKo, peerKo: peer.ko),
                        location, code: .aclReplyBlocked)
                return
            }
            if decision.missing.isEmpty {
                t.pass(.networkACL, name, FlowText.replyAllowed(dir, subnet: subnet, ports: check.ports, directionKo: dirKo),
                       location ?? aclLocation(choice, subnet: check.subnet))
            } else {
                t.pass(.networkACL, name, FlowText.replyAllowedOnly(dir, subnet: subnet, allowed: decision.allowed, missing: decision.missing, directionKo: dirKo),
                       location)
                t.missing += decision.missing
            }
        }
        t.replies = []
    }

    /// A reply check over the atoms of its peer: blocked when some atom's reply is refused
    /// outright (the refusal covering the most addresses is shown, its atoms named);
    /// otherwise the client ports missing for any atom are missing.
    func replyDecision(_ choice: ACLChoice, _ check: ReplyCheck, proto: IPProtocol) -> (ReplyDecision, Addr) {
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
    func az(_ engine: NetworkEngine) -> String? { engine.subnetAZ[self] }
}
