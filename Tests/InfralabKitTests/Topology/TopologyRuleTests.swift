import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

@Suite("Topology validation rules") struct TopologyRuleTests {
    static let ruleIDs = TopologyRules.all.map { $0.description.id }

    @Test("every rule file in Validation/ is registered")
    func registryIsComplete() throws {
        let folder = packageRoot.appendingPathComponent("Sources/InfralabTopology/Validation")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".swift") }
            .map { String($0.dropLast(".swift".count)) }
            .filter { $0 != "TopologyRule" && $0 != "TopologyRules" }
        let registered = Set(TopologyRules.all.map { String(describing: $0) })
        for file in files {
            #expect(registered.contains(file), "rule file \(file).swift is not in TopologyRules.all")
        }
        #expect(registered.count == TopologyRules.all.count, "a rule is registered twice")
        #expect(Set(files) == registered)
    }

    @Test("rule ids are unique kebab-case and summaries have Korean")
    func ruleDescriptions() {
        #expect(Set(Self.ruleIDs).count == Self.ruleIDs.count)
        for rule in TopologyRules.all {
            let description = rule.description
            #expect(description.id.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(description.id)")
            #expect(description.summary.ko?.isEmpty == false, "\(description.id) has no Korean summary")
            #expect(description.failingExample.contains("↓"), "\(description.id)'s failing example marks nothing")
            #expect(!description.passingExample.contains("↓"))
        }
    }

    @Test("failing examples report exactly the marked places", arguments: ruleIDs)
    func failingExample(id: String) throws {
        let rule = try #require(TopologyRules.description(id: id))
        for prefix in ["", "# 예시: 한국어 주석이 있는 줄\n# 두 번째 주석 — 서브넷 설정\n"] {
            let example = MarkedExample(rule.failingExample, prefix: prefix)
            let result = TopologyLoader.load(text: example.text, file: "\(id).yaml")
            let mine = result.diagnostics.filter { $0.code == rule.code }
            let places = Set(mine.compactMap { $0.location.map { MarkedExample.Position(line: $0.line, column: $0.column) } })
            #expect(places == example.markers, "\(id): reported at \(places.sorted { $0.description < $1.description }), marked \(example.markers)")
            #expect(mine.allSatisfy { $0.severity == rule.severity })
            #expect(mine.allSatisfy { $0.message.ko != nil && $0.message.ko != $0.message.en })
            let others = result.diagnostics.filter { $0.code != rule.code && $0.severity == .error }
            #expect(others.isEmpty, "\(id): other errors \(others.map { "\($0.code) \($0.location!): \($0.message.en)" })")
        }
    }

    @Test("passing examples load without errors and without the rule", arguments: ruleIDs)
    func passingExample(id: String) throws {
        let rule = try #require(TopologyRules.description(id: id))
        let result = TopologyLoader.load(text: rule.passingExample + "\n", file: "\(id).yaml")
        #expect(!result.diagnostics.contains { $0.code == rule.code }, "\(id): \(result.diagnostics.filter { $0.code == rule.code }.map(\.message.en))")
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(id): \(errors.map { "\($0.code) \($0.location!): \($0.message.en)" })")
    }
}

/// Re-records `Tests/Fixtures/invalid/topology/<rule-id>.yaml` from the rules' failing
/// examples: `INFRALAB_WRITE_FIXTURES=1 swift test --filter writeRuleFixtures`. Positions come
/// from the `↓` markers, not from what the loader reports.
@Suite struct RuleFixtureRecorder {
    @Test("every rule has its recorded fixture, named by its id")
    func everyRuleHasAFixture() {
        for rule in TopologyRules.all {
            let id = rule.description.id
            let path = fixture("invalid/topology/\(id).yaml").path
            #expect(FileManager.default.fileExists(atPath: path), "no fixture \(id).yaml: record it (see below)")
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["INFRALAB_WRITE_FIXTURES"] != nil))
    func writeRuleFixtures() throws {
        let folder = fixture("invalid/topology")
        for rule in TopologyRules.all {
            let description = rule.description
            let probe = MarkedExample(description.failingExample)
            var header = "# \(description.id): \(description.summary.en)\n# 규칙 설명: \(description.summary.ko ?? "")\n"
            let headerLines = 2 + probe.markers.count + 1
            let shifted = MarkedExample(description.failingExample, prefix: String(repeating: "\n", count: headerLines))
            let result = TopologyLoader.load(text: shifted.text, file: "probe.yaml")
            for (index, marker) in shifted.markers.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }).enumerated() {
                header += "# expect: \(description.code) at \(marker.line):\(marker.column)\n"
                if index == 0 {
                    // The message of the diagnostic at this marker (the walker reads it as belonging to the line above).
                    let message = result.diagnostics.first {
                        $0.code == description.code && $0.location?.line == marker.line && $0.location?.column == marker.column
                    }?.message.en ?? ""
                    header += "# expect-message: \(message.prefix(40))\n"
                }
            }
            let body = String(shifted.text.dropFirst(headerLines))
            let name = "\(description.id).yaml"
            try (header + body).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }
}

@Suite struct TopologyDocsTests {
    @Test("Docs/topology.md lists every rule id")
    func docsListEveryRule() throws {
        let path = packageRoot.appendingPathComponent("Docs/topology.md").path
        let docs = try String(contentsOfFile: path, encoding: .utf8)
        for rule in TopologyRules.all {
            #expect(docs.contains("`\(rule.description.code)`"), "Docs/topology.md does not list \(rule.description.code)")
        }
    }
}
