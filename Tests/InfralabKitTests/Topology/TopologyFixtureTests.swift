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

/// The topology fixtures, checked here against their `# expect:` headers (the repository-wide
/// walker in `FixtureTests.swift` checks every fixture the same way).
@Suite("Topology fixtures") struct TopologyFixtureTests {
    static let fixtures = fixturesDirectory

    static func files(_ kind: String) -> [String] {
        let folder = fixtures.appendingPathComponent("\(kind)/topology")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func load(_ kind: String, _ name: String) throws -> (text: String, result: TopologyLoadResult) {
        let path = fixtures.appendingPathComponent("\(kind)/topology/\(name)").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return (text, TopologyLoader.load(text: text, file: name))
    }

    static func describe(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { "\($0.severity) \($0.code) at \($0.location.map { "\($0.line):\($0.column)" } ?? "-"): \($0.message.en)" }
            .joined(separator: "\n")
    }

    @Test("valid topology fixtures load without errors", arguments: files("valid"))
    func valid(name: String) throws {
        let (_, result) = try Self.load("valid", name)
        #expect(!result.hasErrors, "\(name):\n\(Self.describe(result.diagnostics))")
        #expect(result.topology != nil)
    }

    // The `# expect:` lines of every invalid fixture are checked by FixtureTests.
    @Test("there are enough invalid topology fixtures")
    func count() {
        #expect(Self.files("invalid").count >= 40)
        #expect(Self.files("valid").count >= 7)
    }
}

@Suite("Topology robustness") struct TopologyRobustnessTests {
    @Test("mutated valid fixtures never crash the loader, and every diagnostic is located",
          arguments: TopologyFixtureTests.files("valid"))
    func mutations(name: String) throws {
        let (text, _) = try TopologyFixtureTests.load("valid", name)
        let scalars = Array(text.unicodeScalars)
        let replacements: [String] = ["", ":", "[", "{", "-", " ", "\n", "0", "'", "한"]
        var position = 0
        var round = 0
        while position < scalars.count {
            let replacement = replacements[round % replacements.count]
            var mutated = String.UnicodeScalarView()
            mutated.append(contentsOf: scalars[..<position])
            mutated.append(contentsOf: replacement.unicodeScalars)
            mutated.append(contentsOf: scalars[(position + 1)...])
            let result = TopologyLoader.load(text: String(mutated), file: name)
            #expect(result.diagnostics.allSatisfy { $0.location != nil }, "\(name) @\(position) '\(replacement)'")
            position += 17
            round += 1
        }
    }
}
