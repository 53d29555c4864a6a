import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import InfralabTestSupport
import Testing

@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

extension Tag {
    @Tag static var schema: Self
}

/// A YAML flow value exercising every key of a key table (and, with `bogus`, one key
/// no table has in every mapping), to hold the decoder and the schema to one table.
struct KeyTableSample {
    var bogus: Bool
    private(set) var mappings = 0

    mutating func value(_ value: KeyTable.Value) -> String {
        switch value {
        case .text, .name, .localized, .yaml: return "x"
        case .names: return "[x, y]"
        case .cidr: return "10.0.0.0/16"
        case .address, .addressOrCIDR: return "10.0.0.5"
        case .peer: return "internet"
        case .port, .portRange: return "80"
        case .boolean: return "true"
        case .integer(let range): return String(range.lowerBound)
        case .choice(let words): return words[0]
        case .list(let inner): return "[\(self.value(inner))]"
        case .mapping(let table): return mapping(table)
        case .named(let inner): return "{ n: \(self.value(inner)) }"
        case .either(_, let b): return self.value(b)
        }
    }

    mutating func mapping(_ table: KeyTable) -> String {
        mappings += 1
        let keys = table.keys.map { "\($0.name): \(value($0.value))" } + (bogus ? ["zz-bogus: 1"] : [])
        return "{ " + keys.joined(separator: ", ") + " }"
    }
}

@Suite("JSON Schemas for editors", .tags(.schema))
struct SchemaTests {
    static let schemas: [(file: String, schema: JSONValue)] = [
        ("Docs/schema/topology.schema.json", JSONSchema.topology), ("Docs/schema/mission.schema.json", JSONSchema.mission),
    ]

    @Test("the checked-in schemas are the generated ones (regenerate: infralab lab schema KIND -o FILE)", arguments: [0, 1])
    func checkedIn(index: Int) throws {
        let (file, schema) = Self.schemas[index]
        let text = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
        #expect(text == schema.rendered() + "\n", "\(file) is stale: run `swift run infralab lab schema \(index == 0 ? "topology" : "mission") -o \(file)`")
    }

    @Test("the decoder accepts every key of every table, in the shape the schema gives it", arguments: TopologyKeys.root.keys.map(\.name))
    func decoderAcceptsTable(section: String) throws {
        var sample = KeyTableSample(bogus: false)
        let key = try #require(TopologyKeys.root.key(section))
        let text = "\(section): \(sample.value(key.value))\n"
        let loaded = TopologyLoader.load(text: text, file: "sample.yaml")
        let shape = loaded.diagnostics.filter { ["topology.unknown-key", "topology.wrong-kind", "topology.unknown-section"].contains($0.code) }
        #expect(shape.isEmpty, "\(text)\n\(shape.map { "\($0.location.map(\.description) ?? ""): \($0.message.en)" })")
    }

    @Test("a key no table has is an unknown key in every mapping of the file", arguments: TopologyKeys.root.keys.map(\.name))
    func decoderRejectsOthers(section: String) throws {
        var sample = KeyTableSample(bogus: true)
        let key = try #require(TopologyKeys.root.key(section))
        let text = "\(section): \(sample.value(key.value))\n"
        let unknown = TopologyLoader.load(text: text, file: "sample.yaml").diagnostics.filter { $0.code == "topology.unknown-key" }
        #expect(unknown.count == sample.mappings, "\(text)")
        #expect(unknown.allSatisfy { $0.message.en.contains("zz-bogus") })
    }

    @Test("YAML becomes JSON with YAML 1.2's core types, as an editor reads it")
    func yamlToJSON() throws {
        let parsed = YAMLParser.parse("a: 80\nb: '80'\nc: true\nd: yes\ne:\nf: -1\ng: [10.0.0.0/16, 1024-65535]\n", file: "t.yaml")
        let root = try #require(parsed.root)
        #expect(root.jsonValue.rendered() == JSONValue.object([
            ("a", .number(80)), ("b", .string("80")), ("c", .bool(true)), ("d", .string("yes")), ("e", .null), ("f", .number(-1)),
            ("g", .array([.string("10.0.0.0/16"), .string("1024-65535")])),
        ]).rendered())
    }

    static let python: String? = {
        guard let python = externalTool("python3"), let run = try? runTool(python, ["-c", "import jsonschema"]) else { return nil }
        return run.status == 0 ? python : nil
    }()

    // Enabled only where python3 has `jsonschema` (CI installs it with pip in .ci/run).
    @Test("every starter, solution, variant and valid fixture satisfies the topology schema; every mission the mission schema",
          .enabled(if: python != nil, "python3 with the jsonschema package is not installed"))
    func pythonValidator() throws {
        let python = try #require(Self.python)
        let topologies = starterTopologies + referenceTopologies
            + ["home-server.yaml", "nat-topology.yaml"].map { fixture("valid/\($0)").path }
            + (try FileManager.default.contentsOfDirectory(atPath: fixture("valid/topology").path)).map { fixture("valid/topology/\($0)").path }
        let rejected = ["15-protocol-typo.yaml", "25-empty-value.yaml", "27-root-list.yaml"].map { fixture("invalid/topology/\($0)").path }
        #expect(topologies.count > 100 && missionFiles.count >= 6)
        try withTemporaryDirectory { directory in
            var cases: [JSONValue] = []
            func add(_ path: String, schema: String, valid: Bool) throws {
                let parsed = YAMLParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
                let root = try #require(parsed.root, "\(path) does not parse")
                let json = try directory.write(root.jsonValue.rendered(), to: "\(cases.count).json")
                cases.append(.object([("file", .string(path)), ("json", .string(json.path)), ("schema", .string(schema)), ("valid", .bool(valid))]))
            }
            let topologySchema = packageRoot.appendingPathComponent("Docs/schema/topology.schema.json").path
            let missionSchema = packageRoot.appendingPathComponent("Docs/schema/mission.schema.json").path
            for path in topologies { try add(path, schema: topologySchema, valid: true) }
            for path in rejected { try add(path, schema: topologySchema, valid: false) }
            for path in missionFiles { try add(path, schema: missionSchema, valid: true) }
            let list = try directory.write(JSONValue.array(cases).rendered(), to: "cases.json")
            let script = """
                import json, sys, jsonschema
                validators = {}
                for case in json.load(open(sys.argv[1])):
                    if case["schema"] not in validators:
                        schema = json.load(open(case["schema"]))
                        jsonschema.Draft202012Validator.check_schema(schema)
                        validators[case["schema"]] = jsonschema.Draft202012Validator(schema)
                    errors = list(validators[case["schema"]].iter_errors(json.load(open(case["json"]))))
                    if bool(errors) == case["valid"]:
                        where = "/".join(map(str, errors[0].absolute_path)) if errors else ""
                        print(case["file"], "valid" if not errors else "invalid at " + where + ": " + errors[0].message)
                """
            let run = try runTool(python, ["-c", script, list.path], timeout: 120)
            let output = String(decoding: run.stdout, as: UTF8.self)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(output.isEmpty, "files whose schema verdict is wrong:\n\(output)")
        }
    }
}
