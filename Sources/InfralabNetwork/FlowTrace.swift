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
    /// A database or cache (`topology.dataStores`).
    case dataStore(Int)
}

/// An address set with the learner's words for it.
struct Addr {
    var cidr: CIDR
    var label: String
    /// The Korean words for it when they differ from `label` (`label` is a name or an address).
    var labelKo: String? = nil
    /// Only these atoms of `cidr` (a set split by where its routes lead); nil: all of them.
    var atoms: [AddressRange]? = nil

    static let internet = Addr(cidr: .anywhere, label: "internet", labelKo: "인터넷")

    /// What a Korean sentence calls this set.
    var ko: String { labelKo ?? label }
}

/// A place inside a VPC that sends or receives: an instance, a load-balancer node, or
/// the answering copy of a database or cache.
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
    /// The port the connection arrived on at the server, when a site's forward or
    /// tunnel changed it, and the line of that forward.
    var arrivedPort: Int?
    var arrivedVia: SourceLocation?

    var isBlocked: Bool { reason != nil }

    // A hop's words are written only if someone reads them (`DeferredText`): the
    // expression passed as `detail` is kept, not evaluated.
    mutating func pass(_ kind: ComponentKind?, _ name: String, _ detail: @escaping @autoclosure @Sendable () -> LocalizedText, _ location: SourceLocation?) {
        hops.append(Hop(kind: kind, name: name, verdict: .pass, words: DeferredText(later: detail), location: location))
    }

    mutating func info(_ kind: ComponentKind?, _ name: String, _ detail: @escaping @autoclosure @Sendable () -> LocalizedText, _ location: SourceLocation?) {
        hops.append(Hop(kind: kind, name: name, verdict: .info, words: DeferredText(later: detail), location: location))
    }

    mutating func block(_ kind: ComponentKind?, _ name: String, _ detail: @escaping @autoclosure @Sendable () -> LocalizedText, _ location: SourceLocation?,
                        code: ReasonCode, message: LocalizedText? = nil) {
        let words = DeferredText(later: detail)
        hops.append(Hop(kind: kind, name: name, verdict: .block, words: words, location: location))
        reason = Reason(code: code, words: message.map(DeferredText.init) ?? words, location: location, component: name)
    }
}

struct LegQuery {
    var proto: IPProtocol
    var port: Int
    var clientPorts: PortRange
    var address: AddressChoice
    /// The forward or listener that sent this leg to its server (for a refusal's line).
    var pointedBy: SourceLocation? = nil
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

/// A rule in Korean: "admin에서 오는 tcp 22", "0.0.0.0/0으로 가는 모든 트래픽".
func describeRuleKo(_ proto: IPProtocol, _ ports: PortRange?, _ peerText: String, inbound: Bool) -> String {
    let what: String
    switch proto {
    case .all: what = "모든 트래픽"
    case .icmp: what = "icmp"
    default: what = "\(proto.rawValue) \(ports?.description ?? "전체 포트")"
    }
    return inbound ? "\(peerText)에서 오는 \(what)" : "\(Korean.toward(peerText)) 가는 \(what)"
}

/// `describeRules` in Korean.
func describeRulesKo(_ rules: [ResolvedRule], inbound: Bool) -> String {
    rules.map { rule in
        (rule.groupName == rules[0].groupName ? "" : "\(rule.groupName): ") + describeRuleKo(rule.proto, rule.ports, rule.peerText, inbound: inbound)
    }.joined(separator: "; ")
}

/// A network ACL rule as a hop names it: "rule 100 allow tcp 443 from 0.0.0.0/0".
func aclRuleText(_ rule: ResolvedACLRule, inbound: Bool) -> String {
    "rule \(rule.number) \(rule.allow ? "allow" : "deny") \(describeRule(rule.proto, rule.ports, rule.peerText, inbound: inbound))"
}

/// `aclRuleText` in Korean, after the direction: "인바운드 100번 규칙: 0.0.0.0/0에서 오는 tcp 443".
func aclRuleTextKo(_ rule: ResolvedACLRule, inbound: Bool, direction: String) -> String {
    "\(direction) \(rule.number)번 규칙: \(describeRuleKo(rule.proto, rule.ports, rule.peerText, inbound: inbound))"
}

/// Several allowing rules that together let a set through: "rule 100 allow …; rule 110 allow …".
func aclRulesText(_ rules: [ResolvedACLRule], inbound: Bool) -> String {
    rules.map { "rule \($0.number) allow \(describeRule($0.proto, $0.ports, $0.peerText, inbound: inbound))" }.joined(separator: "; ")
}

/// `aclRulesText` in Korean.
func aclRulesTextKo(_ rules: [ResolvedACLRule], inbound: Bool) -> String {
    rules.map { "\($0.number)번 규칙: \(describeRuleKo($0.proto, $0.ports, $0.peerText, inbound: inbound))" }.joined(separator: "; ")
}

func describeTraffic(_ proto: IPProtocol, _ port: Int) -> String {
    proto == .icmp || proto == .all ? proto.rawValue : "\(proto.rawValue) \(port)"
}

func describeIncident(_ incident: Incident) -> String { incident.description }
