import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Reads a requirement's `check:` — exactly one of the check kinds of Docs/authoring.md.
enum CheckReader {
    static func read(_ node: YAMLNode, _ reader: inout NodeReader) -> Check? {
        guard let entries = reader.mapping(node, "check", allowed: Check.kindNames) else { return nil }
        guard entries.count == 1, let entry = entries.first else {
            reader.error("check-kind-count",
                         LocalizedText(en: "a check holds exactly one check kind, found \(entries.count)",
                                       ko: "check에는 검사 종류가 정확히 하나 있어야 하는데 \(entries.count)개가 있어요"),
                         at: node.location, suggestion: LocalizedText(en: "kinds: \(Check.kindNames.joined(separator: ", "))",
                                                                      ko: "검사 종류: \(Check.kindNames.joined(separator: ", "))"))
            return nil
        }
        // An unknown kind was reported by `mapping(allowed:)`.
        guard let kind = Check.Kind(rawValue: entry.key) else { return nil }
        return Self.reader(for: kind)(entry.value, entry.key, &reader)
    }

    /// How each check kind is read (a switch, so that a kind without a reader does not
    /// compile; a dictionary keyed by the kind also cost a conformance look-up at start-up).
    static func reader(for kind: Check.Kind) -> (YAMLNode, String, inout NodeReader) -> Check? {
        switch kind {
        case .reachable, .unreachable, .onlyThrough: readFlowCheck
        case .serviceAnswers: readServiceAnswers
        case .placement: readPlacement
        case .spreadAZs: readSpreadAzs
        case .natPerAZ: readNatPerAz
        case .publicAddress: readPublicAddress
        case .noOpenRule: readNoOpenRule
        case .exists: readExists
        case .separate: readSeparate
        case .validates: readValidates
        case .redirectsToHTTPS: readRedirects
        }
    }

    private static func readRedirects(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var select: Selector?, port = 80
        for field in fields {
            if field.key == "select" { select = selector(field.value, "select", &reader) }
            if field.key == "port" { port = reader.integer(field.value, "port", in: 1...65535)?.value ?? port }
        }
        return .redirectsToHTTPS(select: select, port: port)
    }

    private static func readFlowCheck(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let flow = readFlow(body, kind: kind, &reader) else { return nil }
        switch kind {
        case "reachable": return .reachable(flow)
        case "unreachable": return .unreachable(flow)
        default: return .onlyThrough(flow)
        }
    }

    private static func readServiceAnswers(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var under: [IncidentSpec] = []
        var port: Int?
        for field in fields {
            if field.key == "under" { under = readIncidents(field.value, &reader) }
            if field.key == "entry-port" { port = reader.integer(field.value, "entry-port", in: 1...65535)?.value }
        }
        return .serviceAnswers(under: under, entryPort: port)
    }

    private static func readPlacement(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var select: Selector?, isPublic: Bool?
        for field in fields {
            if field.key == "select" { select = selector(field.value, "select", &reader) }
            if field.key == "subnet" { isPublic = reader.choice(field.value, "subnet", [("public", true), ("private", false)])?.value }
        }
        guard let select else { reader.missing("select", kind, at: body.location); return nil }
        guard let isPublic else { reader.missing("subnet", kind, at: body.location); return nil }
        return .placement(select: select, isPublic: isPublic)
    }

    private static func readSpreadAzs(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var select: Selector?, atLeast = 2
        for field in fields {
            if field.key == "select" { select = selector(field.value, "select", &reader) }
            if field.key == "at-least" { atLeast = reader.integer(field.value, "at-least", in: 1...10)?.value ?? atLeast }
        }
        guard let select else { reader.missing("select", kind, at: body.location); return nil }
        return .spreadAZs(select: select, atLeast: atLeast)
    }

    private static func readNatPerAz(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        _ = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind))
        return .natPerAZ
    }

    private static func readPublicAddress(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var select: Selector?, expectation: PublicAddressExpectation?
        for field in fields {
            if field.key == "select" { select = selector(field.value, "select", &reader) }
            if field.key == "is" { expectation = reader.choice(field.value, "is", PublicAddressExpectation.self)?.value }
        }
        guard let select else { reader.missing("select", kind, at: body.location); return nil }
        guard let expectation else { reader.missing("is", kind, at: body.location); return nil }
        return .publicAddress(select: select, expectation: expectation)
    }

    private static func readNoOpenRule(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var ports: [Int] = [], minPrefix = 8, select: Selector?
        for field in fields {
            switch field.key {
            case "ports":
                if field.value.scalar != nil, !field.value.isNull {
                    // One port, read (and range-checked) like every port.
                    ports = reader.integer(field.value, "ports", in: 0...65535).map { [$0.value] } ?? []
                } else {
                    ports = (reader.sequence(field.value, "ports") ?? []).compactMap { reader.integer($0, "a port", in: 0...65535)?.value }
                }
            case "min-prefix": minPrefix = reader.integer(field.value, "min-prefix", in: 1...32)?.value ?? minPrefix
            case "select": select = selector(field.value, "select", &reader)
            default: break
            }
        }
        if ports.isEmpty { reader.missing("ports", kind, at: body.location); return nil }
        return .noOpenRule(ports: ports, minPrefix: minPrefix, select: select)
    }

    private static func readExists(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var select: Selector?, atLeast: Int?, atMost: Int?
        for field in fields {
            if field.key == "select" { select = selector(field.value, "select", &reader) }
            if field.key == "at-least" { atLeast = reader.integer(field.value, "at-least", in: 0...1000)?.value }
            if field.key == "at-most" { atMost = reader.integer(field.value, "at-most", in: 0...1000)?.value }
        }
        guard let select else { reader.missing("select", kind, at: body.location); return nil }
        return .exists(select: select, atLeast: atLeast ?? (atMost == nil ? 1 : 0), atMost: atMost)
    }

    private static func readSeparate(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var roles: [String] = []
        for field in fields where field.key == "roles" {
            roles = (reader.sequence(field.value, "roles") ?? []).compactMap { reader.text($0, "a role")?.value }
        }
        if roles.count < 2 { reader.missing("roles", kind, at: body.location); return nil }
        return .separate(roles: roles)
    }

    private static func readValidates(_ body: YAMLNode, kind: String, _ reader: inout NodeReader) -> Check? {
        guard let fields = reader.mapping(body, kind, allowed: MissionKeys.body(of: kind)) else { return nil }
        var rules: [String]?
        for field in fields where field.key == "rules" {
            rules = (reader.sequence(field.value, "rules") ?? []).compactMap { reader.text($0, "a rule id")?.value }
        }
        return .validates(rules: rules)
    }

    static func selector(_ node: YAMLNode, _ what: String, _ reader: inout NodeReader) -> Selector? {
        guard let text = reader.text(node, what)?.value else { return nil }
        let selector = Selector(parsing: text, at: node.location)
        switch selector.form {
        case .role(let r) where r.isEmpty, .kind(let r) where r.isEmpty:
            reader.error("bad-selector", LocalizedText(en: "`\(text)` selects nothing: write `role:NAME` or `kind:NAME`",
                                                       ko: "\(Korean.topic("`\(text)`")) 아무것도 고르지 않아요. `role:이름`이나 `kind:이름`으로 써 주세요"),
                         at: node.location, length: node.length)
            return nil
        default:
            return selector
        }
    }

    static let flowKeys = MissionKeys.flow.allowed

    static func readFlow(_ node: YAMLNode, kind: String, _ reader: inout NodeReader) -> FlowCheck? {
        guard let fields = reader.mapping(node, kind, allowed: flowKeys) else { return nil }
        var from: Selector?, to: Selector?, through: Selector?, port: Int?
        var throughAny: [Selector] = [], throughDirect = false
        var proto = IPProtocol.tcp
        var address: AddressScope = kind == "reachable" ? .auto : .any
        var under: [IncidentSpec] = []
        var requiresAny = false
        var allowThrough: [Selector] = []
        var client = ClientKind.linux
        for field in fields {
            switch field.key {
            case "from": from = selector(field.value, "from", &reader)
            case "to": to = selector(field.value, "to", &reader)
            case "through":
                if let items = field.value.items, kind == "reachable" {
                    // `through: [direct, role:bastion]`: any of the ways will do.
                    for item in items {
                        if item.scalar == "direct" { throughDirect = true } else if let s = selector(item, "through", &reader) { throughAny.append(s) }
                    }
                    if items.isEmpty { reader.missing("through", kind, at: field.value.location) }
                } else {
                    through = selector(field.value, "through", &reader)
                }
            case "port": port = reader.integer(field.value, "port", in: 0...65535)?.value
            case "protocol":
                let protocols = IPProtocol.allCases.filter { $0 != .all }.map { ($0.rawValue, $0) }
                proto = reader.choice(field.value, "protocol", protocols)?.value ?? proto
            case "address":
                address = reader.choice(field.value, "address", AddressScope.self)?.value ?? address
            case "under": under = readIncidents(field.value, &reader)
            case "allow-through":
                let items = field.value.items ?? [field.value]
                allowThrough += items.compactMap { selector($0, "allow-through", &reader) }
            case "require":
                requiresAny = reader.choice(field.value, "require", [("all", false), ("any", true)])?.value ?? requiresAny
            case "client": client = reader.choice(field.value, "client", ClientKind.self)?.value ?? client
            default: break
            }
        }
        guard let from else { reader.missing("from", kind, at: node.location); return nil }
        guard let to else { reader.missing("to", kind, at: node.location); return nil }
        if kind == "only-through" && through == nil { reader.missing("through", kind, at: node.location); return nil }
        if port == nil && proto != .icmp { reader.missing("port", kind, at: node.location); return nil }
        var flow = FlowCheck(from: from, to: to, port: port ?? 0, protocol: proto, address: address, through: through,
                             under: under, requiresAny: requiresAny)
        flow.throughAny = throughAny
        flow.throughDirect = throughDirect
        flow.client = client
        flow.allowThrough = allowThrough
        return flow
    }

    static func readIncidents(_ node: YAMLNode, _ reader: inout NodeReader) -> [IncidentSpec] {
        var specs: [IncidentSpec] = []
        // Accept a single mapping as a one-item list.
        let items = node.entries != nil ? [node] : (reader.sequence(node, "under") ?? [])
        for item in items {
            guard let fields = reader.mapping(item, "an incident", allowed: MissionKeys.incident.allowed) else { continue }
            for field in fields {
                guard let kind = Incident.Kind(rawValue: field.key), let text = reader.text(field.value, field.key)?.value else { continue }
                let target: IncidentSpec.Target
                switch text {
                case "each-site": target = .eachSite
                case "each-az": target = .eachAZ
                default:
                    if text.hasPrefix("each:") {
                        target = .each(Selector(parsing: String(text.dropFirst(5)), at: field.value.location))
                    } else {
                        target = .together(Selector(parsing: text, at: field.value.location))
                    }
                }
                specs.append(IncidentSpec(kind: kind, target: target, at: field.keyLocation))
            }
        }
        return specs
    }
}
