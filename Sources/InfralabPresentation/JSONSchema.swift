import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// JSON Schema (draft 2020-12) from key tables, for editors: the YAML language server
/// (VS Code, Neovim) completes keys, shows the descriptions and flags unknown keys and
/// wrong values while the learner types. The schema follows YAML 1.2's core types, as
/// the language server reads them: `80` is an integer, `true` a boolean, `yes` a string.
package enum JSONSchema {
    static let cidrPattern = #"^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}/([0-9]|[12][0-9]|3[0-2])$"#
    static let addressPattern = #"^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$"#
    static let addressOrCIDRPattern = #"^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}(/([0-9]|[12][0-9]|3[0-2]))?$"#
    static let portRangePattern = #"^([0-9]{1,5}(-[0-9]{1,5})?|all|\*)$"#

    /// The schema of a file whose top level is `root`; every table reachable from it is
    /// one entry of `$defs`.
    package static func document(id: String, title: String, help: String, root: KeyTable) -> JSONValue {
        var definitions: [(String, JSONValue)] = []
        var seen: Set<String> = []
        collect(root, into: &definitions, seen: &seen)
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string(title)),
            ("description", .string(help)),
            ("$ref", .string("#/$defs/\(root.id)")),
            ("$defs", .object(definitions)),
        ])
    }

    private static func collect(_ table: KeyTable, into definitions: inout [(String, JSONValue)], seen: inout Set<String>) {
        guard seen.insert(table.id).inserted else { return }
        definitions.append((table.id, schema(of: table)))
        for key in table.keys { tables(in: key.value).forEach { collect($0, into: &definitions, seen: &seen) } }
    }

    private static func tables(in value: KeyTable.Value) -> [KeyTable] {
        switch value {
        case .mapping(let table): [table]
        case .list(let inner), .named(let inner): tables(in: inner)
        case .either(let a, let b): tables(in: a) + tables(in: b)
        default: []
        }
    }

    static func schema(of table: KeyTable) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("description", .string(table.help)),
            // An empty value (`igw-main:`) is an empty mapping to the loader.
            ("type", .array([.string("object"), .string("null")])),
            ("properties", .object(table.keys.map { key in (key.name, schema(of: key.value, help: key.help)) })),
        ]
        if !table.required.isEmpty { members.append(("required", .array(table.required.map(JSONValue.string)))) }
        members.append(("additionalProperties", .bool(false)))
        return .object(members)
    }

    static func schema(of value: KeyTable.Value, help: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = help.map { [("description", .string($0))] } ?? []
        switch value {
        case .text: members.append(("type", .array(["string", "integer", "boolean"].map(JSONValue.string))))
        case .name: members += [("type", .string("string")), ("minLength", .number(1))]
        case .names:
            let name = JSONValue.object([("type", .string("string")), ("minLength", .number(1))])
            members.append(("anyOf", .array([name, .object([("type", .string("array")), ("items", name)])])))
        case .cidr: members += [("type", .string("string")), ("pattern", .string(cidrPattern))]
        case .address: members += [("type", .string("string")), ("pattern", .string(addressPattern))]
        case .addressOrCIDR: members += [("type", .string("string")), ("pattern", .string(addressOrCIDRPattern))]
        case .peer: members += [("type", .string("string")), ("minLength", .number(1))]
        case .port: members.append(("anyOf", .array([integer(0...65535), digits])))
        case .portRange:
            members.append(("anyOf", .array([
                integer(0...65535), .object([("type", .string("string")), ("pattern", .string(portRangePattern))]),
            ])))
        case .boolean:
            members.append(("anyOf", .array([
                .object([("type", .string("boolean"))]),
                .object([("enum", .array(["yes", "no", "Yes", "No", "YES", "NO"].map(JSONValue.string)))]),
            ])))
        case .integer(let range): members.append(("anyOf", .array([integer(range), digits])))
        case .choice(let words):
            var spellings: [String] = []
            for word in words { for spelling in [word, word.lowercased(), word.uppercased()] where !spellings.contains(spelling) { spellings.append(spelling) } }
            // `-1` (all protocols) reads as a number in YAML.
            members.append(("enum", .array(spellings.map { Int($0).map(JSONValue.number) ?? .string($0) })))
        case .localized:
            let text = JSONValue.object([("type", .string("string"))])
            let pair = JSONValue.object([
                ("type", .string("object")),
                ("properties", .object([("en", text), ("ko", text)])),
                ("required", .array([.string("en")])), ("additionalProperties", .bool(false)),
            ])
            members.append(("anyOf", .array([text, pair])))
        case .yaml:
            break
        case .list(let inner):
            members += [("type", .array([.string("array"), .string("null")])), ("items", schema(of: inner))]
        case .mapping(let table): members.append(("$ref", .string("#/$defs/\(table.id)")))
        case .named(let inner):
            members += [
                ("type", .array([.string("object"), .string("null")])),
                ("propertyNames", .object([("not", .object([("enum", .array(["internet", "anywhere"].map(JSONValue.string)))]))])),
                ("additionalProperties", schema(of: inner)),
            ]
        case .either(let a, let b): members.append(("anyOf", .array([schema(of: a), schema(of: b)])))
        }
        return .object(members)
    }

    static func integer(_ range: ClosedRange<Int>) -> JSONValue {
        .object([("type", .string("integer")), ("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound))])
    }

    /// A number written in quotes (`"80"`), which the loader reads like 80.
    static let digits = JSONValue.object([("type", .string("string")), ("pattern", .string("^[0-9]+$"))])

    /// The JSON Schema of topology files (`Docs/schema/topology.schema.json`), from the decoder's tables.
    package static var topology: JSONValue {
        document(
            id: "urn:infralab:schema:topology", title: "infralab topology",
            help: "A topology.yaml for infralab: VPCs, subnets, routes, gateways, security groups, network ACLs, instances, load balancers, DNS, and before the cloud, sites and hosts. See Docs/topology.md.",
            root: TopologyKeys.root)
    }

    /// The JSON Schema of mission files (`Docs/schema/mission.schema.json`), from the mission loader's tables.
    package static var mission: JSONValue {
        document(
            id: "urn:infralab:schema:mission", title: "infralab mission",
            help: "A mission of an infralab lab pack: steps with a story, a brief, a starter and checked requirements. See Docs/authoring.md.",
            root: MissionKeys.mission)
    }
}
