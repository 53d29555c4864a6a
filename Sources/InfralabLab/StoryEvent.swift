import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// What happens in the story before the learner's turn (a teammate's rule, a new
/// datacenter, the admin's address), written in `mission.yaml` under a step's `events:`
/// and applied to the learner's own `topology.yaml` when they arrive at the step.
/// Data, never code; see Docs/authoring.md ("Events").
///
/// Components are found by selectors (`role:db`), not by names, because learners choose
/// their own names. Values may hold references, a one-key mapping the applier replaces
/// with the learner's name for something: `{ name-of: role:db }`,
/// `{ security-group-of: role:was }`, `{ security-groups-of: role:was }`,
/// `{ subnet-of: role:db }`, `{ route-table-of: role:db }`,
/// `{ internet-gateway-of: role:db }`, `{ sibling-subnet-of: role:was }`,
/// `{ subnets-of: role:was }`, `{ cidr-of: kind:subnet-private }`.
package struct StoryEvent: Hashable, Sendable {
    package enum Direction: String, Hashable, Sendable, CaseIterable { case inbound, outbound }

    package enum Operation: Hashable, Sendable {
        /// `add: { section: sites, name: dc-1, value: {…} }` — a new named entry.
        case add(section: String, name: String, value: YAMLNode)
        /// `set: { select: role:db, key: public-ip, value: true }` — a field of every
        /// selected instance, host, site, subnet, NAT gateway or load balancer.
        case set(select: Selector, key: String, value: YAMLNode)
        /// `add-rule: { security-group-of: role:db, inbound: { port: 22, from: 0.0.0.0/0 } }`
        case addRule(securityGroupOf: Selector, direction: Direction, rule: YAMLNode)
        /// `add-route: { route-table-of: role:db, route: { to: admin, via: {…} } }`
        case addRoute(routeTableOf: Selector, route: YAMLNode)
        /// `add-forward: { to: role:db, port: 3306, to-port: 3306 }` — on the router of the
        /// site where the selected host runs.
        case addForward(to: Selector, port: Int, toPort: Int?)
        /// `add-acl-rule` / `replace-acl-rule` / `remove-acl-rule`:
        /// `{ network-acl-of: kind:load-balancer, inbound: { rule: 100, action: allow, … } }`
        /// (remove takes the rule number: `inbound: 100`) — on the network ACL of every
        /// selected component's subnet, a numbered rule, the ACL's other lines kept.
        case aclRule(networkACLOf: Selector, direction: Direction, change: ACLChange)
    }

    /// What an ACL-rule event does with its numbered rule.
    package enum ACLChange: Hashable, Sendable {
        /// Appended; a rule of that number already there with another meaning refuses it.
        case add(YAMLNode)
        /// Written in place of the rule with its number (appended when there is none).
        case replace(YAMLNode)
        /// The rule with this number removed (nothing when there is none).
        case remove(Int)

        package var operationName: String {
            switch self {
            case .add: "add-acl-rule"
            case .replace: "replace-acl-rule"
            case .remove: "remove-acl-rule"
            }
        }
    }

    package var operation: Operation
    /// Written as a comment on the line the event adds (in the learner's language).
    package var note: LocalizedText?
    /// `breaks: [dns-cname-apex]`: validation rules the story's change breaks on purpose
    /// (a teammate's record Route 53 refuses), so the learner arrives at that error and
    /// fixes it. Any other error in the result still refuses the event.
    package var breaks: [String]
    package var location: SourceLocation

    package init(_ operation: Operation, note: LocalizedText? = nil, breaks: [String] = [], at location: SourceLocation) {
        self.operation = operation
        self.note = note
        self.breaks = breaks
        self.location = location
    }

    /// The operation's name as written in mission files.
    package var kindName: String {
        switch operation {
        case .add: "add"
        case .set: "set"
        case .addRule: "add-rule"
        case .addRoute: "add-route"
        case .addForward: "add-forward"
        case .aclRule(_, _, let change): change.operationName
        }
    }

    package static let operationNames = ["add", "set", "add-rule", "add-route", "add-forward",
                                        "add-acl-rule", "replace-acl-rule", "remove-acl-rule"]
    /// The reference keys a value may use.
    package static let referenceKeys = ["name-of", "security-group-of", "security-groups-of", "subnet-of",
                                       "route-table-of", "internet-gateway-of", "sibling-subnet-of",
                                       "subnets-of", "cidr-of"]
    /// Top-level sections `add` may write to (the topology file's sections).
    package static var sections: [String] { TopologyLoader.sections }
}

/// Reads a step's `events:` list with located errors.
enum StoryEventReader {
    static func read(_ node: YAMLNode, _ reader: inout NodeReader) -> [StoryEvent] {
        var events: [StoryEvent] = []
        for item in reader.sequence(node, "events") ?? [] {
            guard let entries = reader.mapping(item, "an event", allowed: MissionKeys.event.allowed) else { continue }
            let operations = entries.filter { StoryEvent.operationNames.contains($0.key) }
            guard operations.count == 1, let operation = operations.first else {
                reader.error("event-operation",
                             LocalizedText(en: "an event holds exactly one operation (\(StoryEvent.operationNames.joined(separator: ", "))), found \(operations.count)",
                                           ko: "이벤트에는 작업이 정확히 하나 있어야 해요(\(StoryEvent.operationNames.joined(separator: ", "))). 지금은 \(operations.count)개예요"),
                             at: item.location)
                continue
            }
            var note: LocalizedText?
            if let noteNode = item["note"] { note = reader.localized(noteNode, "note") }
            var breaks: [String] = []
            if let breaksNode = item["breaks"] {
                for rule in reader.sequence(breaksNode, "breaks") ?? [] {
                    guard let id = reader.text(rule, "breaks") else { continue }
                    let known = TopologyRules.all.map { $0.description.id }
                    if known.contains(id.value) { breaks.append(id.value); continue }
                    reader.error("event-breaks", LocalizedText(en: "`\(id.value)` is not a validation rule", ko: "`\(id.value)` 검증 규칙은 없어요"),
                                 at: rule.location, length: rule.length,
                                 suggestion: Suggestions.closest(to: id.value, in: known).map { LocalizedText(en: "did you mean `\($0)`?", ko: Korean.object("`\($0)`") + " 쓰려던 건가요?") })
                }
            }
            if let read = readOperation(operation, &reader) {
                events.append(StoryEvent(read, note: note, breaks: breaks, at: operation.keyLocation))
            }
        }
        return events
    }

    static func readOperation(_ entry: YAMLNode.Entry, _ reader: inout NodeReader) -> StoryEvent.Operation? {
        let node = entry.value
        switch entry.key {
        case "add":
            guard let fields = reader.mapping(node, "add", allowed: MissionKeys.eventAdd.allowed) else { return nil }
            guard let section = required(fields, "section", node, &reader).flatMap({ reader.text($0, "section")?.value }),
                  let name = required(fields, "name", node, &reader).flatMap({ reader.text($0, "name")?.value }),
                  let value = required(fields, "value", node, &reader) else { return nil }
            guard StoryEvent.sections.contains(section) else {
                let at = fields.first { $0.key == "section" }?.value
                reader.error("event-section", LocalizedText(en: "`\(section)` is not a section of a topology file",
                                                            ko: "`\(section)` 섹션은 토폴로지 파일에 없어요"),
                             at: at?.location, length: at?.length ?? 1,
                             suggestion: Suggestions.closest(to: section, in: StoryEvent.sections).map { LocalizedText(en: "did you mean `\($0)`?", ko: Korean.object("`\($0)`") + " 쓰려던 건가요?") })
                return nil
            }
            checkReferences(value, &reader)
            return .add(section: section, name: name, value: value)
        case "set":
            guard let fields = reader.mapping(node, "set", allowed: MissionKeys.eventSet.allowed),
                  let select = required(fields, "select", node, &reader).flatMap({ CheckReader.selector($0, "select", &reader) }),
                  let key = required(fields, "key", node, &reader).flatMap({ reader.text($0, "key")?.value }),
                  let value = required(fields, "value", node, &reader) else { return nil }
            checkReferences(value, &reader)
            return .set(select: select, key: key, value: value)
        case "add-rule":
            guard let fields = reader.mapping(node, "add-rule", allowed: MissionKeys.eventAddRule.allowed),
                  let select = required(fields, "security-group-of", node, &reader).flatMap({ CheckReader.selector($0, "security-group-of", &reader) }) else { return nil }
            let directions = fields.filter { $0.key == "inbound" || $0.key == "outbound" }
            guard directions.count == 1, let rule = directions.first, let direction = StoryEvent.Direction(rawValue: rule.key) else {
                reader.error("event-direction", LocalizedText(en: "`add-rule` takes one rule, under `inbound:` or `outbound:`",
                                                              ko: "`add-rule`에는 `inbound:`나 `outbound:` 아래에 규칙 하나를 써요"), at: node.location)
                return nil
            }
            checkReferences(rule.value, &reader)
            return .addRule(securityGroupOf: select, direction: direction, rule: rule.value)
        case "add-route":
            guard let fields = reader.mapping(node, "add-route", allowed: MissionKeys.eventAddRoute.allowed),
                  let select = required(fields, "route-table-of", node, &reader).flatMap({ CheckReader.selector($0, "route-table-of", &reader) }),
                  let route = required(fields, "route", node, &reader) else { return nil }
            checkReferences(route, &reader)
            return .addRoute(routeTableOf: select, route: route)
        case "add-forward":
            guard let fields = reader.mapping(node, "add-forward", allowed: MissionKeys.eventAddForward.allowed),
                  let select = required(fields, "to", node, &reader).flatMap({ CheckReader.selector($0, "to", &reader) }),
                  let port = required(fields, "port", node, &reader).flatMap({ reader.integer($0, "port", in: 1...65535)?.value }) else { return nil }
            let toPort = fields.first { $0.key == "to-port" }.flatMap { reader.integer($0.value, "to-port", in: 1...65535)?.value }
            return .addForward(to: select, port: port, toPort: toPort)
        case "add-acl-rule", "replace-acl-rule", "remove-acl-rule":
            return readACLRule(entry.key, node, &reader)
        default:
            return nil
        }
    }

    /// `{ network-acl-of: SELECTOR, inbound|outbound: RULE }`; for `remove-acl-rule` the
    /// rule is its number. A rule to write needs `rule:` (1–32766).
    static func readACLRule(_ operation: String, _ node: YAMLNode, _ reader: inout NodeReader) -> StoryEvent.Operation? {
        guard let fields = reader.mapping(node, operation, allowed: MissionKeys.eventACLRule.allowed),
              let select = required(fields, "network-acl-of", node, &reader).flatMap({ CheckReader.selector($0, "network-acl-of", &reader) }) else { return nil }
        let directions = fields.filter { $0.key == "inbound" || $0.key == "outbound" }
        guard directions.count == 1, let rule = directions.first, let direction = StoryEvent.Direction(rawValue: rule.key) else {
            reader.error("event-direction", LocalizedText(en: "`\(operation)` takes one rule, under `inbound:` or `outbound:`",
                                                          ko: "`\(operation)`에는 `inbound:`나 `outbound:` 아래에 규칙 하나를 써요"), at: node.location)
            return nil
        }
        if operation == "remove-acl-rule" {
            guard let number = reader.integer(rule.value, rule.key, in: 1...32766)?.value else { return nil }
            return .aclRule(networkACLOf: select, direction: direction, change: .remove(number))
        }
        guard let ruleFields = reader.mapping(rule.value, rule.key, allowed: nil),
              let numberNode = required(ruleFields, "rule", rule.value, &reader),
              reader.integer(numberNode, "rule", in: 1...32766) != nil else { return nil }
        checkReferences(rule.value, &reader)
        let change: StoryEvent.ACLChange = operation == "add-acl-rule" ? .add(rule.value) : .replace(rule.value)
        return .aclRule(networkACLOf: select, direction: direction, change: change)
    }

    static func required(_ fields: [YAMLNode.Entry], _ key: String, _ node: YAMLNode, _ reader: inout NodeReader) -> YAMLNode? {
        if let value = fields.first(where: { $0.key == key })?.value { return value }
        reader.missing(key, "the event", at: node.location)
        return nil
    }

    /// A one-key mapping whose key looks like a reference must be one we know.
    static func checkReferences(_ node: YAMLNode, _ reader: inout NodeReader) {
        switch node.kind {
        case .scalar: return
        case .sequence(let items): items.forEach { checkReferences($0, &reader) }
        case .mapping(let entries):
            if entries.count == 1, let entry = entries.first,
               entry.key.hasSuffix("-of") || Suggestions.closest(to: entry.key, in: StoryEvent.referenceKeys).map({ Suggestions.editDistance($0, entry.key) <= 2 }) == true {
                if !StoryEvent.referenceKeys.contains(entry.key) {
                    reader.error("event-reference", LocalizedText(en: "unknown reference `\(entry.key)`", ko: "알 수 없는 참조예요: `\(entry.key)`"),
                                 at: entry.keyLocation, length: entry.key.unicodeScalars.count,
                                 suggestion: Suggestions.closest(to: entry.key, in: StoryEvent.referenceKeys).map { LocalizedText(en: "did you mean `\($0)`?", ko: Korean.object("`\($0)`") + " 쓰려던 건가요?") }
                                    ?? LocalizedText(en: "references: \(StoryEvent.referenceKeys.joined(separator: ", "))", ko: "쓸 수 있는 참조: \(StoryEvent.referenceKeys.joined(separator: ", "))"))
                } else if entry.value.scalar == nil || entry.value.isNull {
                    reader.error("event-reference", LocalizedText(en: "`\(entry.key)` takes a selector, such as `role:db`", ko: "`\(entry.key)` 참조에는 `role:db` 같은 선택자를 써요"),
                                 at: entry.value.location)
                }
                return
            }
            entries.forEach { checkReferences($0.value, &reader) }
        }
    }
}
