import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabLab

/// The topology decoder and the mission / progress reader share one field reader: the same
/// node reads the same in both (they used to disagree on `on`/`off`, `+80` and the length
/// of a key with a combining mark), only the codes and wording differ.
@Suite struct YAMLFieldReaderTests {
    /// A scalar node as a plain or quoted value at 1:1.
    static func node(_ text: String, _ style: YAMLNode.ScalarStyle = .plain) -> YAMLNode {
        YAMLNode(.scalar(text, style), at: SourceLocation(file: "t.yaml", line: 1, column: 1), length: text.unicodeScalars.count)
    }

    static let booleanCases: [(String, Bool?)] = [
        ("true", true), ("True", true), ("YES", true), ("yes", true), ("false", false), ("No", false), (" no ", false),
        ("on", nil), ("off", nil), ("y", nil), ("1", nil), ("maybe", nil),
    ]

    @Test("a boolean reads the same for a topology and for a mission file", arguments: booleanCases)
    func booleans(text: String, expected: Bool?) {
        var topology = YAMLFieldReader(TopologyVocabulary())
        var mission = NodeReader(codePrefix: "mission")
        let a = topology.boolean(Self.node(text), FieldSubject(.boolean))?.value
        let b = mission.boolean(Self.node(text), "fresh-start")?.value
        #expect(a == expected, "topology read `\(text)` as \(String(describing: a))")
        #expect(b == expected, "mission read `\(text)` as \(String(describing: b))")
        #expect(topology.diagnostics.diagnostics.map(\.code) == (expected == nil ? ["topology.invalid-boolean"] : []))
        #expect(mission.diagnostics.diagnostics.map(\.code) == (expected == nil ? ["mission.expected-bool"] : []))
    }

    static let integerCases: [(String, YAMLNode.ScalarStyle, Int?)] = [
        ("80", .plain, 80), ("80", .doubleQuoted, 80), (" 443 ", .singleQuoted, 443), ("0080", .plain, 80),
        ("+80", .plain, nil), ("-1", .plain, nil), ("8O", .plain, nil), ("٣", .plain, nil), ("99999999999999999999", .plain, nil),
        ("70000", .plain, nil),
    ]

    @Test("a whole number reads the same for a topology and for a mission file", arguments: integerCases)
    func integers(text: String, style: YAMLNode.ScalarStyle, expected: Int?) {
        var topology = YAMLFieldReader(TopologyVocabulary())
        var mission = NodeReader(codePrefix: "mission")
        let a = topology.integer(Self.node(text, style), FieldSubject(.port), in: 0...65535)?.value
        let b = mission.integer(Self.node(text, style), "port", in: 0...65535)?.value
        #expect(a == expected)
        #expect(b == expected)
        #expect(topology.diagnostics.diagnostics.map(\.code) == (expected == nil ? ["topology.invalid-number"] : []))
        #expect(mission.diagnostics.diagnostics.map(\.code) == (expected == nil ? ["mission.expected-number"] : []))
        for diagnostic in topology.diagnostics.diagnostics + mission.diagnostics.diagnostics {
            #expect(diagnostic.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
            #expect(diagnostic.message.en.contains("`\(text.trimmingCharacters(in: .whitespaces))`"), "\(diagnostic.message.en)")
        }
    }

    @Test("a word from a fixed set reads the same in both, in any case, with a suggestion when refused",
          arguments: [("udp", IPProtocol?.some(.udp)), ("UDP", .udp), ("Icmp", .icmp), ("tcpp", nil), ("http", nil)])
    func choices(text: String, expected: IPProtocol?) {
        let protocols = [IPProtocol.tcp, .udp, .icmp].map { ($0.rawValue, $0) }
        var topology = YAMLFieldReader(TopologyVocabulary())
        var mission = NodeReader(codePrefix: "mission")
        #expect(topology.choice(Self.node(text), FieldSubject(.oneOf(protocols.map(\.0))), protocols)?.value == expected)
        #expect(mission.choice(Self.node(text), "protocol", protocols)?.value == expected)
        #expect(topology.diagnostics.diagnostics.map(\.code) == (expected == nil ? ["topology.invalid-value"] : []))
        #expect(mission.diagnostics.diagnostics.map(\.code) == (expected == nil ? ["mission.bad-value"] : []))
        if text == "tcpp" {
            #expect(topology.diagnostics.diagnostics.first?.suggestion?.en == "did you mean `tcp`?")
            #expect(mission.diagnostics.diagnostics.first?.suggestion?.en == "did you mean `tcp`?")
            #expect(mission.diagnostics.diagnostics.first?.message.en == "`protocol:` is `tcp`, `udp` or `icmp`, found `tcpp`")
        }
    }

    @Test("nothing, or only blanks, is a missing value in both", arguments: [("", YAMLNode.ScalarStyle.plain), ("~", .plain), ("  ", .doubleQuoted)])
    func missingValue(text: String, style: YAMLNode.ScalarStyle) {
        var topology = YAMLFieldReader(TopologyVocabulary())
        var mission = NodeReader(codePrefix: "mission")
        #expect(topology.text(Self.node(text, style), FieldSubject(.name)) == nil)
        #expect(mission.text(Self.node(text, style), "id") == nil)
        #expect(topology.diagnostics.diagnostics.map(\.code) == ["topology.missing-value"])
        #expect(mission.diagnostics.diagnostics.map(\.code) == ["mission.expected-text"])
    }

    @Test("an unknown key with a combining mark is underlined over all its scalars, in both")
    func unknownKeyLength() throws {
        // `cidré` written with a combining acute accent: 5 characters, 6 scalars.
        let key = "cidre\u{301}"
        let topology = TopologyLoader.load(text: "vpcs:\n  main: { \(key): 10.0.0.0/16 }\n", file: "t.yaml")
        let topologyError = try #require(topology.diagnostics.first { $0.code == "topology.unknown-key" })
        #expect(topologyError.location?.line == 2)
        #expect(topologyError.location?.column == 11)
        #expect(topologyError.length == 6)
        #expect(topologyError.suggestion?.en == "did you mean `cidr`?")

        let progress = Progress.parse("version: 1\nmission: a\nstep: b\n\(key): x\n", file: "p.yaml")
        let progressError = try #require(progress.diagnostics.first { $0.code == "progress.unknown-key" })
        #expect(progressError.location?.line == 4)
        #expect(progressError.location?.column == 1)
        #expect(progressError.length == 6)
    }

    @Test("`on` is not a boolean in a topology, a mission or a progress file")
    func onIsNotABoolean() throws {
        let topology = TopologyLoader.load(text: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, map-public-ip-on-launch: on }
            """, file: "t.yaml")
        let topologyError = try #require(topology.diagnostics.first { $0.code == "topology.invalid-boolean" })
        #expect(topologyError.location?.line == 4)
        #expect(topologyError.location?.column == 84)

        let progress = Progress.parse("version: 1\nmission: a\nstep: b\nfinished: on\n", file: "p.yaml")
        #expect(progress.progress == nil)
        let progressError = try #require(progress.diagnostics.first)
        #expect(progressError.code == "progress.expected-bool")
        #expect(progressError.location?.line == 4)
        #expect(progressError.location?.column == 11)

        let mission = MissionLoaderTests().load(MissionLoaderTests.minimal.replacingOccurrences(of: "carry: all", with: "carry: all\n    fresh-start: on"))
        let missionError = try #require(mission.diagnostics.first { $0.code == "mission.expected-bool" })
        #expect(missionError.location?.line == 22)
        #expect(missionError.location?.column == 18)
    }

    @Test("a single port of `no-open-rule` is range-checked like a list of ports (it was taken as written)")
    func singlePortInRange() throws {
        let text = MissionLoaderTests.minimal.replacingOccurrences(
            of: "check: { service-answers: { under: [ { fire: each-site } ] } }", with: "check: { no-open-rule: { ports: 99999 } }")
        let result = MissionLoaderTests().load(text)
        let diagnostic = try #require(result.diagnostics.first { $0.code == "mission.expected-number" })
        #expect(diagnostic.location?.line == 15)
        #expect(diagnostic.location?.column == 41)
        #expect(diagnostic.message.en == "ports should be a whole number from 0 to 65535, found `99999`")

        let fine = MissionLoaderTests().load(MissionLoaderTests.minimal.replacingOccurrences(
            of: "check: { service-answers: { under: [ { fire: each-site } ] } }", with: "check: { no-open-rule: { ports: 22 } }"))
        #expect(!fine.diagnostics.contains { $0.severity == .error }, "\(fine.diagnostics.map(\.message.en))")
    }

    @Test("Docs/authoring.md documents every check kind the reader accepts (the list is derived from `Check.Kind`)")
    func checkKindsDocumented() throws {
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("Docs/authoring.md"), encoding: .utf8)
        #expect(Check.kindNames.count == Set(Check.kindNames).count)
        #expect(Set(Check.kindNames) == Set(Check.Kind.allCases.map(\.rawValue)), "the key tables and `Check.Kind` disagree")
        for kind in Check.kindNames {
            #expect(docs.contains("| `\(kind): "), "Docs/authoring.md has no row for `\(kind)`")
        }
    }

    @Test("mission messages choose their Korean particles (no `이(가)` templates)")
    func koreanParticles() {
        var mission = NodeReader(codePrefix: "mission")
        _ = mission.mapping(Self.node("x"), "check")
        _ = mission.sequence(Self.node("x"), "steps")
        _ = mission.boolean(Self.node("maybe"), "fresh-start")
        _ = mission.integer(Self.node("x"), "port", in: 1...2)
        _ = mission.mapping(YAMLNode(.mapping([.init(key: "idd", keyLocation: Self.node("").location, value: Self.node("a"))]),
                                     at: Self.node("").location), "a step", allowed: ["id"])
        let texts = mission.diagnostics.diagnostics.flatMap { [$0.message.ko ?? "", $0.suggestion?.ko ?? ""] }
        #expect(texts.count == 10)
        for text in texts {
            #expect(!text.contains("(가)") && !text.contains("(를)") && !text.contains("(는)"), "\(text)")
        }
    }
}
