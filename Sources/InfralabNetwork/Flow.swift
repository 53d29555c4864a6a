import InfralabSyntax
import InfralabTopology

/// The network engine's vocabulary: what is asked (`FlowQuery`), under which failures
/// (`Incident`), and what is answered (`FlowResult`, hop by hop, with a reason code).

/// One end of a flow, by name as the learner wrote it, or a built-in.
public enum Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// Any public address on the internet (a client somewhere; for outbound flows, a
    /// server such as an OS package mirror).
    case internet
    /// An instance, load balancer, outside host, NAT gateway or pre-cloud host, by name.
    case named(String)

    /// `internet` or a name.
    public init(_ text: String) {
        self = text == "internet" ? .internet : .named(text)
    }

    public var description: String {
        switch self {
        case .internet: "internet"
        case .named(let name): name
        }
    }
}

/// Which of the destination's addresses the client dials.
public enum AddressChoice: String, Sendable, Hashable, CaseIterable, Codable {
    /// Public when the client is outside the destination's VPC, private inside it.
    case auto
    case `private`
    case `public`
}

/// A failure the story's incidents cause. Arguments are names (or an AZ's name).
public enum Incident: Sendable, Hashable, CustomStringConvertible {
    /// A personal computer is switched off (at night). `pc-off:HOST`; `pc-off:*` is every PC.
    case pcOff(String)
    /// A long power outage at a site: grid-only and UPS-only sites go dark;
    /// `ups+generator` sites stay up. `power-outage:SITE`
    case powerOutage(String)
    /// The site (or a whole availability zone) burns: everything in it is gone. `fire:SITE`
    case fire(String)
    /// Every instance, NAT gateway, load-balancer node and database or cache primary in
    /// the AZ is down (a Multi-AZ database or cache fails over). `az-outage:AZ`
    case azOutage(String)
    /// One instance, host, database or cache is down (a Multi-AZ database or cache fails
    /// over to its standby). `instance-failure:NAME`
    case instanceFailure(String)
    /// One NAT gateway is down. `nat-failure:NAME`
    case natFailure(String)

    public enum Kind: String, Sendable, CaseIterable {
        case pcOff = "pc-off", powerOutage = "power-outage", fire, azOutage = "az-outage",
             instanceFailure = "instance-failure", natFailure = "nat-failure"
    }

    public var kind: Kind {
        switch self {
        case .pcOff: .pcOff
        case .powerOutage: .powerOutage
        case .fire: .fire
        case .azOutage: .azOutage
        case .instanceFailure: .instanceFailure
        case .natFailure: .natFailure
        }
    }

    public var subject: String {
        switch self {
        case .pcOff(let s), .powerOutage(let s), .fire(let s), .azOutage(let s), .instanceFailure(let s), .natFailure(let s): s
        }
    }

    public init(kind: Kind, subject: String) {
        switch kind {
        case .pcOff: self = .pcOff(subject)
        case .powerOutage: self = .powerOutage(subject)
        case .fire: self = .fire(subject)
        case .azOutage: self = .azOutage(subject)
        case .instanceFailure: self = .instanceFailure(subject)
        case .natFailure: self = .natFailure(subject)
        }
    }

    /// Parses `KIND:SUBJECT` (`fire:office`, `az-outage:ap-northeast-2a`).
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        let subject = String(text[text.index(after: colon)...])
        guard !subject.isEmpty else { return nil }
        self.init(kind: kind, subject: subject)
    }

    public var description: String { "\(kind.rawValue):\(subject)" }

    /// The incident in words for a learner ("a power outage at `home`", "`home` 정전"),
    /// not its `KIND:SUBJECT` syntax; Korean as a noun phrase that needs no particle.
    package var words: LocalizedText {
        let s = "`\(subject)`"
        switch self {
        case .pcOff(let name) where name == "*":
            return LocalizedText(en: "the night every personal computer is off", ko: "모든 개인 컴퓨터 전원 꺼짐")
        case .pcOff: return LocalizedText(en: "the night \(s) is switched off", ko: "\(s) 전원 꺼짐")
        case .powerOutage(let name) where name == "*":
            return LocalizedText(en: "a long power outage everywhere", ko: "모든 사이트 정전")
        case .powerOutage: return LocalizedText(en: "a long power outage at \(s)", ko: "\(s) 정전")
        case .fire: return LocalizedText(en: "a fire at \(s)", ko: "\(s) 화재")
        case .azOutage: return LocalizedText(en: "an outage of availability zone \(s)", ko: "가용 영역 \(s) 장애")
        case .instanceFailure: return LocalizedText(en: "a failure of \(s)", ko: "\(s) 장애")
        case .natFailure: return LocalizedText(en: "a failure of NAT gateway \(s)", ko: "NAT 게이트웨이 \(s) 장애")
        }
    }

    /// Several incidents at once, in words.
    package static func words(_ incidents: [Incident]) -> LocalizedText {
        LocalizedText(en: incidents.map(\.words.en).joined(separator: ", "),
                      ko: incidents.map { $0.words.text(.ko) }.joined(separator: ", "))
    }
}

public struct FlowQuery: Sendable, Hashable {
    public var source: Endpoint
    public var destination: Endpoint
    public var `protocol`: IPProtocol
    /// The destination port (ignored for ICMP).
    public var port: Int
    public var address: AddressChoice
    /// The client's ephemeral source ports, for stateless NACL replies.
    public var clientPorts: PortRange
    /// When set, the flow must go through this component (a reverse proxy, load balancer
    /// or bastion): two connections, source → through, then through → destination.
    public var through: String?
    public var incidents: [Incident]

    public init(from source: Endpoint, to destination: Endpoint, protocol: IPProtocol = .tcp, port: Int,
                address: AddressChoice = .auto, clientPorts: PortRange = .linuxEphemeral,
                through: String? = nil, incidents: [Incident] = []) {
        self.source = source
        self.destination = destination
        self.protocol = `protocol`
        self.port = port
        self.address = address
        self.clientPorts = clientPorts
        self.through = through
        self.incidents = incidents
    }
}

/// Stable codes for why a flow stops (or what is notable about it), in the spirit of
/// AWS Reachability Analyzer's explanation codes. Tests and `--json` name these.
public enum ReasonCode: String, Sendable, Hashable, CaseIterable, Codable {
    // Reached, or reached with a caveat.
    case reachable = "REACHABLE"
    case partialEphemeralPorts = "PARTIAL_EPHEMERAL_PORTS"
    // Endpoints.
    case unknownEndpoint = "UNKNOWN_ENDPOINT"
    case endpointDown = "ENDPOINT_DOWN"
    /// Source and destination are one machine: reachable (loopback).
    case sameEndpoint = "SAME_ENDPOINT"
    /// `serviceAnswers`: no component plays a tier's role.
    case noComponentForRole = "NO_COMPONENT_FOR_ROLE"
    // Security groups.
    case securityGroupIngress = "ENI_SG_RULES_MISMATCH"
    case securityGroupEgress = "ENI_SG_EGRESS_MISMATCH"
    // Network ACLs.
    case aclInbound = "SUBNET_ACL_RESTRICTION"
    case aclOutbound = "SUBNET_ACL_OUTBOUND_RESTRICTION"
    case aclReplyBlocked = "SUBNET_ACL_REPLY_RESTRICTION"
    // Routing.
    case cannotRoute = "CANNOT_ROUTE"
    case blackholeRoute = "BLACKHOLE_ROUTE"
    case noRouteToInternetGateway = "NO_ROUTE_TO_IGW"
    case internetGatewayNotAttached = "IGW_NOT_ATTACHED"
    case noInternetGateway = "NO_IGW"
    case noPublicIP = "NO_PUBLIC_IP"
    case privateAddressFromOutside = "PRIVATE_ADDRESS_UNREACHABLE"
    case differentVPC = "DIFFERENT_VPC"
    // NAT.
    case natNotPublic = "NAT_IN_PRIVATE_SUBNET"
    case natNoElasticIP = "NAT_NO_ELASTIC_IP"
    case natInbound = "NAT_INBOUND_NOT_ALLOWED"
    case natDown = "NAT_DOWN"
    // Proxies and load balancers.
    case noForward = "NO_FORWARD_FOR_PORT"
    case noListener = "NO_LISTENER"
    /// The connection reaches the machine, but nothing there listens on the port.
    case portNotListening = "PORT_NOT_LISTENING"
    case noHealthyTarget = "NO_HEALTHY_TARGET"
    case notThrough = "NOT_THROUGH"
    // Before the cloud.
    case noPortForward = "NO_PORT_FORWARD"
    case siteNoPublicIP = "SITE_NO_PUBLIC_IP"
    case siteDown = "SITE_DOWN"
    case differentSite = "DIFFERENT_SITE"
}

/// One step of the path: a component, what it decided, and where it is written.
public struct Hop: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, Codable {
        case pass, block, info
    }

    public var kind: ComponentKind?
    /// The component's name as the learner wrote it (or `internet`).
    public var name: String
    public var verdict: Verdict
    /// What happened here, in words ("allowed by inbound rule: tcp 22 from bastion"),
    /// written when read: most hops of a graded flow are never shown.
    public var detail: LocalizedText {
        get { words.text }
        set { words = DeferredText(newValue) }
    }
    /// The rule, route or component declaration that decided this hop.
    public var location: SourceLocation?
    package var words: DeferredText

    public init(kind: ComponentKind?, name: String, verdict: Verdict, detail: LocalizedText, location: SourceLocation? = nil) {
        self.init(kind: kind, name: name, verdict: verdict, words: DeferredText(detail), location: location)
    }

    package init(kind: ComponentKind?, name: String, verdict: Verdict, words: DeferredText, location: SourceLocation?) {
        self.kind = kind
        self.name = name
        self.verdict = verdict
        self.words = words
        self.location = location
    }

    public static func == (a: Hop, b: Hop) -> Bool {
        a.kind == b.kind && a.name == b.name && a.verdict == b.verdict && a.location == b.location && a.detail == b.detail
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(name)
        hasher.combine(verdict)
        hasher.combine(location)
    }
}

public struct Reason: Sendable, Hashable {
    public var code: ReasonCode
    /// Why, in words (written when read, like a hop's detail).
    public var message: LocalizedText {
        get { words.text }
        set { words = DeferredText(newValue) }
    }
    /// The line to look at: the rule/route that stops the flow, or the component that
    /// lacks the missing piece.
    public var location: SourceLocation?
    /// The deciding component, in the learner's names.
    public var component: String?
    package var words: DeferredText

    public init(code: ReasonCode, message: LocalizedText, location: SourceLocation? = nil, component: String? = nil) {
        self.init(code: code, words: DeferredText(message), location: location, component: component)
    }

    package init(code: ReasonCode, words: DeferredText, location: SourceLocation?, component: String?) {
        self.code = code
        self.words = words
        self.location = location
        self.component = component
    }

    public static func == (a: Reason, b: Reason) -> Bool {
        a.code == b.code && a.location == b.location && a.component == b.component && a.message == b.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(location)
        hasher.combine(component)
    }
}

public struct FlowResult: Sendable, Hashable {
    public var query: FlowQuery
    public var isReachable: Bool
    /// Reachable for some client port ranges only (a NACL reply rule that covers Linux
    /// clients but not Windows ones); `missingClientPorts` names what is not covered.
    public var isPartial: Bool
    /// Reachable for every client: what a requirement that something must get through
    /// asks. A partial result (some client port ranges' replies blocked) is not enough.
    public var getsThrough: Bool { isReachable && !isPartial }
    public var missingClientPorts: [PortRange]
    /// Every hop in order; for `through` flows, both legs one after the other.
    public var hops: [Hop]
    /// Why it stops (when unreachable), or `.reachable` / `.partialEphemeralPorts`.
    public var reason: Reason

    public init(query: FlowQuery, isReachable: Bool, isPartial: Bool = false, missingClientPorts: [PortRange] = [],
                hops: [Hop], reason: Reason) {
        self.query = query
        self.isReachable = isReachable
        self.isPartial = isPartial
        self.missingClientPorts = missingClientPorts
        self.hops = hops
        self.reason = reason
    }
}

/// What the story's service is: users on the internet reach an entry point on
/// `entryPort`, and every tier behind it answers. Roles select the components.
public struct ServiceSpec: Sendable, Hashable {
    public var entryPort: Int
    /// The tiers, outermost first, e.g. `[was, db]` or `[reverse-proxy, was, db]`: a tier
    /// is satisfied by any alive component with that role. The first tier is dialled
    /// from the internet on `entryPort` (through a site's port forward, a tunnel, a
    /// public IP, a proxy's forward, a load balancer's listener); each later tier is
    /// dialled by the previous one on its `port` (for the tier after a proxy, the port
    /// its forward names).
    public var tiers: [Tier]

    public struct Tier: Sendable, Hashable {
        public var role: String
        /// The port this tier listens on; nil: taken from the previous tier's forward
        /// (proxy → WAS) or, for the first tier, `entryPort`.
        public var port: Int?

        public init(role: String, port: Int? = nil) {
            self.role = role
            self.port = port
        }
    }

    public init(entryPort: Int, tiers: [Tier]) {
        self.entryPort = entryPort
        self.tiers = tiers
    }
}

/// The answer to "does the service answer?": reachable or not, and the flows examined
/// (the first failing one explains why).
public struct ServiceResult: Sendable, Hashable {
    public var answers: Bool
    /// The flows that make up the working chain, or the best attempt's flows ending in
    /// the one that fails.
    public var flows: [FlowResult]
    /// Set when the chain fails for a reason that is no single flow (no component plays
    /// a tier, every candidate is down).
    public var reason: Reason?

    public init(answers: Bool, flows: [FlowResult], reason: Reason? = nil) {
        self.answers = answers
        self.flows = flows
        self.reason = reason
    }
}
