import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Every mapping of a mission file and the keys it accepts: the mission loader's and
/// check reader's tables, and the source of `Docs/schema/mission.schema.json`.
/// Descriptions follow Docs/authoring.md.
package enum MissionKeys {
    typealias Key = KeyTable.Key

    static let selectorHelp = "A component: its name, `role:NAME`, `kind:NAME`, `internet` or `all`."

    package static let incident = KeyTable(
        "incident", "Incidents that happen together; the value selects what fails (`each-site`, `each-az`, `each:SELECTOR` for one at a time).",
        Incident.Kind.allCases.map { Key($0.rawValue, .text, "`\($0.rawValue)`: what fails, e.g. `role:was`, `each-az`.") })

    static let under = KeyTable.Value.either(.mapping(incident), .list(.mapping(incident)))

    package static let flow = KeyTable("flow-check", "A flow: can `from` reach `to` on `port`?", [
        Key("from", .text, required: true, "Where the flow starts. " + selectorHelp),
        Key("to", .text, required: true, "Where it should arrive. " + selectorHelp),
        Key("port", .integer(0...65535), "The destination port (not needed for icmp)."),
        Key("protocol", .choice(IPProtocol.allCases.filter { $0 != .all }.map(\.rawValue)), "tcp (default), udp or icmp."),
        Key("address", .choice(AddressScope.allCases.map(\.rawValue)), "Which of the destination's addresses to dial."),
        Key("through", .either(.text, .list(.text)), "The component the connection must pass (a selector), or for `reachable` a list of ways, `direct` among them."),
        Key("under", under, "Incidents the check is made under."),
        Key("require", .choice(["all", "any"]), "Whether every selected pair (all, default) or any one must pass."),
        Key("client", .choice(ClientKind.allCases.map(\.rawValue)), "Who opens the connection, for its replies' ports through network ACLs: linux (32768-60999, default), windows (49152-65535) or nat-gateway (1024-65535)."),
        Key("allow-through", .either(.text, .list(.text)), "For `unreachable`: relays (selectors) whose paths are the design, not an exposure, e.g. role:reverse-proxy."),
    ])

    package static let checks: [(String, KeyTable)] = [
        ("reachable", flow), ("unreachable", flow), ("only-through", flow),
        ("service-answers", KeyTable("service-answers", "The story's service answers from the internet, every tier behind it alive.", [
            Key("under", under, "Incidents the service must survive."),
            Key("entry-port", .integer(1...65535), "The entry port (default: the mission's `service.entry-port`)."),
        ])),
        ("placement", KeyTable("placement", "The selected components sit in public or private subnets.", [
            Key("select", .text, required: true, selectorHelp), Key("subnet", .choice(["public", "private"]), required: true, "public or private."),
        ])),
        ("spread-azs", KeyTable("spread-azs", "The selected components span several availability zones.", [
            Key("select", .text, required: true, selectorHelp), Key("at-least", .integer(1...10), "How many AZs (default 2)."),
        ])),
        ("nat-per-az", KeyTable("nat-per-az", "Each AZ's private subnets route to a NAT gateway in the same AZ.", [])),
        ("public-address", KeyTable("public-address", "The selected instances have an Elastic IP, any public address, or none.", [
            Key("select", .text, required: true, selectorHelp), Key("is", .choice(PublicAddressExpectation.allCases.map(\.rawValue)), required: true, "elastic, public or none."),
        ])),
        ("no-open-rule", KeyTable("no-open-rule", "No security group opens these ports to a range wider than `min-prefix`.", [
            Key("ports", .either(.integer(0...65535), .list(.integer(0...65535))), required: true, "A port or a list of ports."),
            Key("min-prefix", .integer(1...32), "The widest allowed prefix (default 1: only 0.0.0.0/0 is flagged)."),
            Key("select", .text, "Only the groups of these components. " + selectorHelp),
        ])),
        ("exists", KeyTable("exists", "How many components a selector picks.", [
            Key("select", .text, required: true, selectorHelp),
            Key("at-least", .integer(0...1000), "At least this many (default 1)."), Key("at-most", .integer(0...1000), "At most this many."),
        ])),
        ("separate", KeyTable("separate", "Components playing these roles are different instances.", [
            Key("roles", .list(.text), required: true, "Two or more roles."),
        ])),
        ("validates", KeyTable("validates", "The file passes validation (no errors; or none of the named rules).", [
            Key("rules", .list(.text), "Rule ids; without it, every rule."),
        ])),
        ("redirects-to-https", KeyTable("redirects-to-https", "The load balancers answer `port` with a redirect to an HTTPS listener that has a certificate (not with the service), and the internet reaches them there.", [
            Key("port", .integer(1...65535), "The HTTP port (default 80)."),
            Key("select", .text, "The load balancers (default: every one). " + selectorHelp),
        ])),
    ]

    /// The keys a check kind's body accepts.
    static func body(of kind: String) -> [String] { checks.first { $0.0 == kind }?.1.allowed ?? [] }

    package static let check = KeyTable("check", "Exactly one check kind.", checks.map { Key($0.0, .mapping($0.1), $0.1.help) })

    package static let requirement = KeyTable("requirement", "One thing the learner's topology must do.", [
        Key("id", .text, required: true, "A stable id; never renamed (progress and grades refer to it)."),
        Key("statement", .localized, required: true, "What must hold, in the learner's words."),
        Key("check", .mapping(check), required: true, "How infralab checks it."),
        Key("hints", .list(.localized), "Hints in levels: a nudge in the story's words, the concept, the concrete change."),
    ])

    package static let mutantWaiver = KeyTable("mutant-waiver", "An automatic mutant this step does not need to catch, and why.", [
        Key("id", .text, required: true, "The mutant's id, as `lab check` prints it."),
        Key("why", .localized, required: true, "Why the step does not care."),
    ])

    package static let step = KeyTable("step", "One chapter: a story, a brief, a starter file and requirements.", [
        Key("id", .text, required: true, "A stable id; the starter and solution files are named after it by default."),
        Key("title", .localized, required: true, "The chapter's title."),
        Key("story", .localized, required: true, "What happens in the story."),
        Key("brief", .localized, required: true, "What the learner should build."),
        Key("starter", .text, "The starter file (default: starters/ID.yaml)."),
        Key("solution", .text, "The reference solution (default: the solutions folder's ID.yaml)."),
        Key("fresh-start", .boolean, "Start from the starter instead of the learner's previous file."),
        Key("carry", .either(.choice(["all", "none"]), .list(.text)), "Earlier requirements that must still hold: all, none, or their ids."),
        Key("requirements", .list(.mapping(requirement)), required: true, "What the step checks."),
        Key("mutants", .list(.mapping(mutantWaiver)), "Automatic mutants this step waives."),
        Key("events", .list(.mapping(event)), "What happens in the story before the learner's turn, written into their own file when they arrive with `next`."),
    ])

    static let valueHelp = "Written into the learner's file; may hold references such as `{ name-of: role:db }`."

    package static let eventAdd = KeyTable("event-add", "Adds the entry `name` under a top-level section of the learner's file.", [
        Key("section", .text, required: true, "A top-level section: `sites`, `outside`, `instances`, …"),
        Key("name", .text, required: true, "The entry's name (the story's name for it)."),
        Key("value", .yaml, required: true, "The entry's value. " + valueHelp),
    ])

    package static let eventSet = KeyTable("event-set", "Sets a key on every selected component.", [
        Key("select", .text, required: true, "The components. " + selectorHelp),
        Key("key", .text, required: true, "The key to set, e.g. `public-ip`."),
        Key("value", .yaml, required: true, "Its value. " + valueHelp),
    ])

    package static let eventAddRule = KeyTable("event-add-rule", "Appends a rule to the first security group of every selected instance.", [
        Key("security-group-of", .text, required: true, "Whose security group. " + selectorHelp),
        Key("inbound", .yaml, "An inbound rule, e.g. `{ port: 22, from: 0.0.0.0/0 }`."),
        Key("outbound", .yaml, "An outbound rule."),
    ])

    package static let eventAddRoute = KeyTable("event-add-route", "Appends a route to the route table of every selected instance's subnet.", [
        Key("route-table-of", .text, required: true, "Whose route table. " + selectorHelp),
        Key("route", .yaml, required: true, "The route, e.g. `{ to: admin, via: { internet-gateway-of: role:db } }`."),
    ])

    package static let eventAddForward = KeyTable("event-add-forward", "Forwards a port on the router of the site where the selected host runs (a tunnel where the site has no public IP).", [
        Key("to", .text, required: true, "The host. " + selectorHelp),
        Key("port", .integer(1...65535), required: true, "The public port."),
        Key("to-port", .integer(1...65535), "The host's port (default: the same)."),
    ])

    package static let eventACLRule = KeyTable("event-acl-rule", "A numbered rule of the network ACL on every selected component's subnet: added, replaced (by its number) or removed; the ACL's other rules stay.", [
        Key("network-acl-of", .text, required: true, "Whose subnet's network ACL. " + selectorHelp),
        Key("inbound", .yaml, "An inbound rule, e.g. `{ rule: 100, action: allow, port: 443, cidr: 0.0.0.0/0 }`; for `remove-acl-rule`, its number."),
        Key("outbound", .yaml, "An outbound rule; for `remove-acl-rule`, its number."),
    ])

    package static let event = KeyTable("event", "One story event: exactly one operation, and an optional note written as a comment.", [
        Key("add", .mapping(eventAdd), "Add a named entry."),
        Key("set", .mapping(eventSet), "Set a key on selected components."),
        Key("add-rule", .mapping(eventAddRule), "Add a security-group rule."),
        Key("add-route", .mapping(eventAddRoute), "Add a route."),
        Key("add-forward", .mapping(eventAddForward), "Forward a port on a site's router."),
        Key("add-acl-rule", .mapping(eventACLRule), "Add a numbered network ACL rule."),
        Key("replace-acl-rule", .mapping(eventACLRule), "Replace the network ACL rule with this number (added when there is none)."),
        Key("remove-acl-rule", .mapping(eventACLRule), "Remove the network ACL rule with this number."),
        Key("note", .localized, "A comment on the first line the event adds, in the learner's language."),
        Key("breaks", .list(.text), "Validation rules the change breaks on purpose (e.g. `[dns-cname-apex]`): the learner arrives at that error and fixes it."),
    ])

    package static let tier = KeyTable("tier", "A tier of the service, by role.", [
        Key("role", .text, required: true, "The role that plays this tier."), Key("port", .integer(1...65535), "The port it listens on."),
    ])

    package static let service = KeyTable("service", "What the story's service is: an entry port and tiers, outermost first.", [
        Key("entry-port", .integer(1...65535), required: true, "The port users on the internet dial."),
        Key("tiers", .list(.either(.text, .mapping(tier))), required: true, "Roles, outermost first: `[was, db]` or `{ role: was, port: 8080 }`."),
    ])

    package static let mission = KeyTable("mission", "An infralab mission (Labs/NN-name/mission.yaml).", [
        Key("id", .text, required: true, "A stable id."),
        Key("title", .localized, required: true, "The mission's title."),
        Key("summary", .localized, "One paragraph shown in `infralab list`."),
        Key("outro", .localized, "Shown when the last step passes."),
        Key("service", .mapping(service), "The story's service, for `service-answers` checks."),
        Key("steps", .list(.mapping(step)), required: true, "The chapters, in order."),
        Key("solutions", .text, "Where the reference solutions are (default: Solutions/ beside Labs/)."),
    ])
}
