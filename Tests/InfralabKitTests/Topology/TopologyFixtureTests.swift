import Foundation
import Testing
@testable import InfralabKit

/// The topology fixtures, checked here against their `# expect:` headers (the repository-wide
/// walker in `FixtureTests.swift` checks every fixture the same way).
@Suite("Topology fixtures") struct TopologyFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

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

    @Test("there are enough invalid topology fixtures")
    func count() {
        #expect(Self.files("invalid").count >= 40)
        #expect(Self.files("valid").count >= 7)
    }

    @Test("invalid topology fixtures report what they declare", arguments: files("invalid"))
    func invalid(name: String) throws {
        let (text, result) = try Self.load("invalid", name)
        var expected: [(code: String, line: Int, column: Int)] = []
        var messages: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# expect: ") {
                let parts = line.dropFirst("# expect: ".count).split(separator: " ")
                let position = parts.last!.split(separator: ":")
                expected.append((String(parts[0]), Int(position[0])!, Int(position[1])!))
            } else if line.hasPrefix("# expect-message: ") {
                messages.append(String(line.dropFirst("# expect-message: ".count)))
            }
        }
        #expect(!expected.isEmpty, "\(name) declares nothing")
        let all = Self.describe(result.diagnostics)
        for item in expected {
            let found = result.diagnostics.contains { $0.code == item.code && $0.location?.line == item.line && $0.location?.column == item.column }
            #expect(found, "\(name): expected \(item.code) at \(item.line):\(item.column); got\n\(all)")
        }
        for error in result.diagnostics where error.severity == .error {
            let listed = expected.contains { $0.code == error.code && $0.line == error.location?.line && $0.column == error.location?.column }
            #expect(listed, "\(name): unlisted \(error.code) at \(error.location.map { "\($0.line):\($0.column)" } ?? "-"): \(error.message.en)")
        }
        for message in messages {
            #expect(result.diagnostics.contains { $0.message.en.contains(message) }, "\(name): no message containing “\(message)”; got\n\(all)")
        }
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
