import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Missions as data: what `Labs/NN-slug/mission.yaml` holds, after loading.
/// See Docs/authoring.md for the file format.

/// Picks components in a learner's topology without knowing their names.
public struct Selector: Hashable, Sendable, CustomStringConvertible {
    public enum Form: Hashable, Sendable {
        /// Any public address.
        case internet
        /// The component with this name.
        case name(String)
        /// Every instance, host or load balancer playing the role.
        case role(String)
        /// Every component of a kind: a site kind (`home`, `office`, `datacenter`), a
        /// component kind (`instance`, `nat-gateway`, `load-balancer`, `host`, `subnet`),
        /// or `subnet-public` / `subnet-private`.
        case kind(String)
        /// Everything the context allows (`pc-off: all`).
        case all
    }

    public var form: Form
    public var location: SourceLocation

    public init(_ form: Form, at location: SourceLocation) {
        self.form = form
        self.location = location
    }

    public init(parsing text: String, at location: SourceLocation) {
        if text == "internet" {
            form = .internet
        } else if text == "all" || text == "*" {
            form = .all
        } else if text.hasPrefix("role:") {
            form = .role(String(text.dropFirst(5)))
        } else if text.hasPrefix("kind:") {
            form = .kind(String(text.dropFirst(5)))
        } else {
            form = .name(text)
        }
        self.location = location
    }

    public var description: String {
        switch form {
        case .internet: "internet"
        case .name(let n): n
        case .role(let r): "role:\(r)"
        case .kind(let k): "kind:\(k)"
        case .all: "all"
        }
    }
}

/// `fire: each-site`, `pc-off: all`, `power-outage: kind:office`, `az-outage: each-az`.
public struct IncidentSpec: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// Every subject the selector matches fails at once.
        case together(Selector)
        /// One scenario per subject the selector matches (`each:role:was`).
        case each(Selector)
        /// One scenario per site.
        case eachSite
        /// One scenario per availability zone used by the topology.
        case eachAZ
    }

    public var kind: Incident.Kind
    public var target: Target
    public var location: SourceLocation

    public init(kind: Incident.Kind, target: Target, at location: SourceLocation) {
        self.kind = kind
        self.target = target
        self.location = location
    }
}

/// Which of the destination's addresses a flow check dials.
public enum AddressScope: String, Hashable, Sendable, CaseIterable {
    case auto, `private`, `public`
    /// Every address the destination has (the default for `unreachable`).
    case any
}

public struct FlowCheck: Hashable, Sendable {
    public var from: Selector
    public var to: Selector
    public var port: Int
    public var `protocol`: IPProtocol
    public var address: AddressScope
    public var through: Selector?
    /// `reachable` with `through: [direct, role:bastion, …]`: any of these ways will do.
    /// `direct` is `throughDirect`; the relays are `throughAny`.
    public var throughAny: [Selector] = []
    public var throughDirect = false
    /// `unreachable` with `allow-through: role:reverse-proxy`: paths through these relays
    /// are the design, not an exposure (every other path into `to` still counts).
    public var allowThrough: [Selector] = []
    public var under: [IncidentSpec]
    /// `require: any` — one working pair is enough.
    public var requiresAny: Bool
    /// `client: windows`: the ephemeral ports the client picks, which network ACL reply
    /// rules must let through (default: Linux's).
    public var client: ClientKind = .linux

    public init(from: Selector, to: Selector, port: Int, protocol: IPProtocol = .tcp, address: AddressScope,
                through: Selector? = nil, under: [IncidentSpec] = [], requiresAny: Bool = false) {
        self.from = from
        self.to = to
        self.port = port
        self.protocol = `protocol`
        self.address = address
        self.through = through
        self.under = under
        self.requiresAny = requiresAny
    }
}

/// Who opens a connection, for the ports its replies go to (`client:` of a flow check).
public enum ClientKind: String, Hashable, Sendable, CaseIterable {
    case linux, windows, natGateway = "nat-gateway"

    /// 32768–60999, 49152–65535, 1024–65535 (a NAT gateway's, like a load balancer's).
    public var ephemeralPorts: PortRange {
        switch self {
        case .linux: .linuxEphemeral
        case .windows: .windowsEphemeral
        case .natGateway: .awsEphemeral
        }
    }
}

public enum PublicAddressExpectation: String, Hashable, Sendable, CaseIterable {
    case elastic, `public`, none
}

/// One requirement's test. Each case is one check kind of Docs/authoring.md.
public enum Check: Hashable, Sendable {
    case reachable(FlowCheck)
    case unreachable(FlowCheck)
    case onlyThrough(FlowCheck)
    case serviceAnswers(under: [IncidentSpec], entryPort: Int?)
    case placement(select: Selector, isPublic: Bool)
    case spreadAZs(select: Selector, atLeast: Int)
    case natPerAZ
    case publicAddress(select: Selector, expectation: PublicAddressExpectation)
    case noOpenRule(ports: [Int], minPrefix: Int, select: Selector?)
    case exists(select: Selector, atLeast: Int, atMost: Int?)
    case separate(roles: [String])
    case validates(rules: [String]?)
    /// `redirects-to-https: { port: 80 }`: the selected load balancers (default: every
    /// one) answer `port` with a redirect to an HTTPS listener that has a certificate,
    /// not with the service, and the internet reaches them on `port`.
    case redirectsToHTTPS(select: Selector?, port: Int)

    /// The check kinds, as written in mission files.
    public enum Kind: String, CaseIterable, Sendable {
        case reachable, unreachable, onlyThrough = "only-through", serviceAnswers = "service-answers", placement
        case spreadAZs = "spread-azs", natPerAZ = "nat-per-az", publicAddress = "public-address", noOpenRule = "no-open-rule"
        case exists, separate, validates
        case redirectsToHTTPS = "redirects-to-https"
    }

    public var kind: Kind {
        switch self {
        case .reachable: .reachable
        case .unreachable: .unreachable
        case .onlyThrough: .onlyThrough
        case .serviceAnswers: .serviceAnswers
        case .placement: .placement
        case .spreadAZs: .spreadAZs
        case .natPerAZ: .natPerAZ
        case .publicAddress: .publicAddress
        case .noOpenRule: .noOpenRule
        case .exists: .exists
        case .separate: .separate
        case .validates: .validates
        case .redirectsToHTTPS: .redirectsToHTTPS
        }
    }

    /// The check kind as written in mission files.
    public var kindName: String { kind.rawValue }

    /// Every check kind, from the key tables (`MissionKeys.checks`); a test checks that
    /// they are `Kind`'s cases.
    public static let kindNames = MissionKeys.checks.map(\.0)

    /// Every selector the check uses (for `lab check`: each must match something).
    public var selectors: [Selector] {
        func incidentSelectors(_ specs: [IncidentSpec]) -> [Selector] {
            specs.compactMap {
                switch $0.target {
                case .together(let s), .each(let s): s
                case .eachSite, .eachAZ: nil
                }
            }
        }
        switch self {
        case .reachable(let f), .unreachable(let f), .onlyThrough(let f):
            return [f.from, f.to] + (f.through.map { [$0] } ?? []) + f.throughAny + incidentSelectors(f.under)
        case .serviceAnswers(let under, _): return incidentSelectors(under)
        case .placement(let s, _), .spreadAZs(let s, _), .publicAddress(let s, _): return [s]
        case .exists: return []  // `exists` may legitimately match nothing (at-most: 0)
        case .noOpenRule(_, _, let s), .redirectsToHTTPS(let s, _): return s.map { [$0] } ?? []
        case .natPerAZ, .separate, .validates: return []
        }
    }
}

public struct Requirement: Hashable, Sendable {
    public var id: String
    public var statement: LocalizedText
    public var check: Check
    /// Level 1: a nudge in the story's words; 2: the concept; 3: the concrete change.
    public var hints: [LocalizedText]
    public var location: SourceLocation

    public init(id: String, statement: LocalizedText, check: Check, hints: [LocalizedText], location: SourceLocation) {
        self.id = id
        self.statement = statement
        self.check = check
        self.hints = hints
        self.location = location
    }
}

/// An automatic mutant a step does not need to catch, and why.
public struct MutantWaiver: Hashable, Sendable {
    public var id: String
    public var why: LocalizedText
    public var location: SourceLocation
}

public struct Step: Hashable, Sendable {
    public var id: String
    public var title: LocalizedText
    public var story: LocalizedText
    public var brief: LocalizedText
    /// Paths relative to the mission folder, already defaulted.
    public var starterPath: String
    public var solutionPath: String
    public var freshStart: Bool
    public var requirements: [Requirement]
    /// Requirement ids of earlier steps re-checked here (`carry: [a, b]`).
    public var carried: [String]
    public var mutantWaivers: [MutantWaiver]
    public var location: SourceLocation
    /// What happens in the story before the learner's turn, applied to their file when
    /// they arrive from the step before (`events:`).
    package var events: [StoryEvent] = []
    /// Where `starter:` / `solution:` were written (nil when defaulted), for path problems.
    public var starterLocation: SourceLocation? = nil
    public var solutionLocation: SourceLocation? = nil
    /// `carry: all`: every requirement of the earlier steps (kept as a flag, not a copy of
    /// every id per step, which grew quadratically with the number of steps).
    public var carriesAll = false
}

public struct Mission: Hashable, Sendable {
    public var id: String
    /// 1-based position in the pack (from the folder's number).
    public var number: Int
    /// The folder name, `01-home-server`.
    public var folder: String
    /// Absolute path of the mission folder.
    public var directory: String
    /// Absolute path of this mission's solutions folder.
    public var solutionsDirectory: String
    public var title: LocalizedText
    public var summary: LocalizedText
    /// Shown when the learner finishes the mission (the cliff-hanger into the next one).
    public var outro: LocalizedText?
    public var service: ServiceSpec?
    public var steps: [Step]
    public var location: SourceLocation

    /// The requirements a step grades: its own, then the carried ones (in step order).
    public func requirements(for step: Step) -> [Requirement] {
        guard step.carriesAll || !step.carried.isEmpty else { return step.requirements }
        var result = step.requirements
        var seen = Set(step.requirements.map(\.id))
        let carried = Set(step.carried)
        for earlier in steps {
            if earlier.id == step.id { break }
            for requirement in earlier.requirements where step.carriesAll || carried.contains(requirement.id) {
                if seen.insert(requirement.id).inserted { result.append(requirement) }
            }
        }
        return result
    }

    public func step(withID id: String) -> Step? { steps.first { $0.id == id } }

    public func index(ofStep id: String) -> Int? { steps.firstIndex { $0.id == id } }
}
