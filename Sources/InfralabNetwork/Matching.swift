import InfralabSyntax
import InfralabTopology

/// Security groups (rules 12-16) and network ACLs (rules 17-21) as decisions over
/// addresses. A single client is a CIDR (an instance is its /32); a set of clients (the
/// internet, a named outside host's block) is decided atom by atom (`AddressAtoms.swift`):
/// a rule's peer either holds an atom whole or misses it. For security groups every atom
/// must be admitted by some rule (several rules may share the work); for NACLs each atom
/// takes its own first match. So the internet is admitted by 0.0.0.0/0, or by rules that
/// together cover every public address, and never by one narrow rule.

func protocolMatches(_ ruleProto: IPProtocol, _ rulePorts: PortRange?, _ proto: IPProtocol, _ port: Int) -> Bool {
    if ruleProto == .all { return true }
    guard ruleProto == proto else { return false }
    if proto == .icmp || proto == .all { return true }
    return rulePorts?.contains(port) ?? true
}

struct GroupDecision {
    var allowed: Bool
    var rule: ResolvedRule?
}

enum ACLDecision: Equatable {
    case allowAllDefault
    case rule(ResolvedACLRule)
    /// Nothing matched: the final `*` rule denies.
    case implicitDeny

    var allows: Bool {
        switch self {
        case .allowAllDefault: true
        case .rule(let r): r.allow
        case .implicitDeny: false
        }
    }
}

struct ReplyDecision {
    var allowed: [PortRange]
    var missing: [PortRange]
    /// The rule (or implicit deny) that refuses some of the ports.
    var blocking: ACLDecision?
}

extension NetworkEngine {
    /// The peer holds the whole range (a group peer: a single private address of a member).
    func peerMatches(_ peer: PeerSet, _ addresses: AddressRange) -> Bool {
        switch peer {
        case .cidr(let c): return addresses.isWithin(c)
        case .group(let g): return addresses.lo == addresses.hi && (groupMembers[g]?.contains(addresses.lo) ?? false)
        case .nothing: return false
        }
    }

    /// Merged over all the groups; any matching rule allows (rule 14).
    func groupsAllow(_ groups: [GroupRef], inbound: Bool, peer: CIDR, proto: IPProtocol, port: Int) -> GroupDecision {
        groupsAllow(groups, inbound: inbound, range: AddressRange(peer), proto: proto, port: port)
    }

    func groupsAllow(_ groups: [GroupRef], inbound: Bool, range: AddressRange, proto: IPProtocol, port: Int) -> GroupDecision {
        for g in groups {
            guard let rules = groupRules[g] else { continue }
            for rule in inbound ? rules.inbound : rules.outbound
            where protocolMatches(rule.proto, rule.ports, proto, port) && peerMatches(rule.peer, range) {
                return GroupDecision(allowed: true, rule: rule)
            }
        }
        return GroupDecision(allowed: false, rule: nil)
    }

    /// A set of addresses: the rules that admit its atoms (distinct, in order of first
    /// use) and, per atom, whether no rule admits it.
    func groupsAllow(_ groups: [GroupRef], inbound: Bool, atoms: [AddressRange], proto: IPProtocol, port: Int) -> (rules: [ResolvedRule], uncovered: [Bool]) {
        var rules: [ResolvedRule] = []
        var uncovered: [Bool] = []
        uncovered.reserveCapacity(atoms.count)
        for atom in atoms {
            let decision = groupsAllow(groups, inbound: inbound, range: atom, proto: proto, port: port)
            if let rule = decision.rule, !rules.contains(rule) { rules.append(rule) }
            uncovered.append(!decision.allowed)
        }
        return (rules, uncovered)
    }

    func aclRules(_ choice: ACLChoice, inbound: Bool) -> [ResolvedACLRule]? {
        guard case .acl(let a) = choice else { return nil }
        return inbound ? aclInbound[a] : aclOutbound[a]
    }

    /// First match wins, lowest number first (rule 18).
    func aclDecide(_ choice: ACLChoice, inbound: Bool, peer: CIDR, proto: IPProtocol, port: Int) -> ACLDecision {
        aclDecide(choice, inbound: inbound, range: AddressRange(peer), proto: proto, port: port)
    }

    func aclDecide(_ choice: ACLChoice, inbound: Bool, range peer: AddressRange, proto: IPProtocol, port: Int) -> ACLDecision {
        guard let rules = aclRules(choice, inbound: inbound) else { return .allowAllDefault }
        for rule in rules where protocolMatches(rule.proto, rule.ports, proto, port) && peerMatches(rule.peer, peer) {
            return .rule(rule)
        }
        return .implicitDeny
    }

    /// A reply to the client's ephemeral ports: which of them the ACL lets through.
    func aclReply(_ choice: ACLChoice, inbound: Bool, peer: CIDR, proto: IPProtocol, ports: PortRange) -> ReplyDecision {
        aclReply(choice, inbound: inbound, range: AddressRange(peer), proto: proto, ports: ports)
    }

    func aclReply(_ choice: ACLChoice, inbound: Bool, range peer: AddressRange, proto: IPProtocol, ports: PortRange) -> ReplyDecision {
        guard let rules = aclRules(choice, inbound: inbound) else { return ReplyDecision(allowed: [ports], missing: [], blocking: nil) }
        if proto == .icmp || proto == .all {
            let d = aclDecide(choice, inbound: inbound, range: peer, proto: proto, port: 0)
            return d.allows ? ReplyDecision(allowed: [ports], missing: [], blocking: nil) : ReplyDecision(allowed: [], missing: [ports], blocking: d)
        }
        var remaining = [ports]
        var allowed: [PortRange] = []
        var denied: [PortRange] = []
        var blocking: ACLDecision?
        for rule in rules where !remaining.isEmpty && peerMatches(rule.peer, peer) && (rule.proto == .all || rule.proto == proto) {
            let covered = (rule.proto == .all ? nil : rule.ports) ?? .all
            var next: [PortRange] = []
            for range in remaining {
                guard range.overlaps(covered) else { next.append(range); continue }
                let hit = PortRange(max(range.lower, covered.lower), min(range.upper, covered.upper))
                if rule.allow {
                    allowed.append(hit)
                } else {
                    denied.append(hit)
                    if blocking == nil { blocking = .rule(rule) }
                }
                if range.lower < hit.lower { next.append(PortRange(range.lower, hit.lower - 1)) }
                if hit.upper < range.upper { next.append(PortRange(hit.upper + 1, range.upper)) }
            }
            remaining = next
        }
        if !remaining.isEmpty && blocking == nil { blocking = .implicitDeny }
        return ReplyDecision(allowed: mergeRanges(allowed), missing: mergeRanges(denied + remaining), blocking: blocking)
    }
}

func mergeRanges(_ ranges: [PortRange]) -> [PortRange] {
    let sorted = ranges.sorted { $0.lower < $1.lower }
    var result: [PortRange] = []
    for r in sorted {
        if let last = result.last, r.lower <= last.upper + 1 {
            result[result.count - 1] = PortRange(last.lower, max(last.upper, r.upper))
        } else {
            result.append(r)
        }
    }
    return result
}

func subtractRanges(_ ranges: [PortRange], _ removed: [PortRange]) -> [PortRange] {
    var current = ranges
    for cut in removed {
        var next: [PortRange] = []
        for r in current {
            guard r.overlaps(cut) else { next.append(r); continue }
            if r.lower < cut.lower { next.append(PortRange(r.lower, cut.lower - 1)) }
            if cut.upper < r.upper { next.append(PortRange(cut.upper + 1, r.upper)) }
        }
        current = next
    }
    return current
}
