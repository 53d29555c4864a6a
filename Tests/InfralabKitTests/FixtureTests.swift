import Foundation
import Testing
import InfralabTestSupport
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

/// Walks `Tests/Fixtures`.
///
/// `invalid/**/*.yaml`: the leading comment lines declare what must be reported, one line
/// per expected diagnostic:
///
///     # expect: yaml.duplicate-key at 5:5
///     # expect-message: duplicate key `cidr`     (optional; a substring of the English
///                                                  message of the expect line above it)
///
/// Every expected code must be reported at that line and column (1-based, columns in
/// Unicode scalars), and no error may be reported that is not listed (under
/// `invalid/yaml/`, no parser error).
///
/// `valid/**/*.yaml`: no errors, and the tree survives `YAMLWriter` unchanged.
@Suite struct FixtureTests {
    struct Expectation: CustomStringConvertible {
        var code: String
        var line: Int
        var column: Int
        var message: String?
        var description: String { "\(code) at \(line):\(column)" }
    }

    static let fixturesDirectory = InfralabTestSupport.fixturesDirectory

    static func fixtures(_ kind: String) -> [String] {
        let root = fixturesDirectory.appendingPathComponent(kind)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator where url.pathExtension == "yaml" {
            paths.append(String(url.path.dropFirst(fixturesDirectory.path.count + 1)))
        }
        return paths.sorted()
    }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: fixturesDirectory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The `# expect:` lines of the leading comment block.
    static func expectations(in text: String) -> [Expectation] {
        var result: [Expectation] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard line.hasPrefix("#") else { break }
            if line.hasPrefix("# expect-message:"), !result.isEmpty {
                result[result.count - 1].message = String(line.dropFirst("# expect-message:".count)).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("# expect:") {
                let body = line.dropFirst("# expect:".count).trimmingCharacters(in: .whitespaces)
                let parts = body.components(separatedBy: " at ")
                let position = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : []
                if position.count == 2 {
                    result.append(Expectation(code: parts[0], line: position[0], column: position[1]))
                } else {
                    result.append(Expectation(code: "malformed expect line: \(line)", line: 0, column: 0))
                }
            }
        }
        return result
    }

    @Test("the fixture directories are found")
    func found() {
        #expect(Self.fixtures("invalid").count >= 20)
        #expect(Self.fixtures("valid").count >= 3)
    }

    @Test("invalid fixtures report what they declare", arguments: fixtures("invalid"))
    func invalid(path: String) throws {
        let text = try Self.read(path)
        let expected = Self.expectations(in: text)
        #expect(!expected.isEmpty, "\(path) declares no `# expect:` line")
        let diagnostics = TopologyLoader.load(text: text, file: path).diagnostics
        let reported = diagnostics.map { "\($0.code) at \($0.location.map { "\($0.line):\($0.column)" } ?? "-")" }
        for expectation in expected {
            let match = diagnostics.first {
                $0.code == expectation.code && $0.location?.line == expectation.line && $0.location?.column == expectation.column
            }
            #expect(match != nil, "\(path): expected \(expectation), got \(reported)")
            if let match, let message = expectation.message {
                #expect(match.message.en.contains(message), "\(path): `\(match.message.en)` does not contain `\(message)`")
            }
        }
        // Fixtures under `invalid/yaml/` are about the parser: only parser errors must be listed
        // (their keys are not a topology's). Everywhere else every error must be listed.
        let onlyParserErrors = path.hasPrefix("invalid/yaml/")
        for diagnostic in diagnostics where diagnostic.severity == .error && (!onlyParserErrors || diagnostic.code.hasPrefix("yaml.")) {
            let listed = expected.contains {
                $0.code == diagnostic.code && $0.line == diagnostic.location?.line && $0.column == diagnostic.location?.column
            }
            #expect(listed, "\(path): unexpected \(diagnostic.code) at \(diagnostic.location?.description ?? "-")")
        }
    }

    @Test("valid fixtures parse without errors and survive the writer", arguments: fixtures("valid"))
    func valid(path: String) throws {
        let text = try Self.read(path)
        let parsed = YAMLParser.parse(text, file: path)
        #expect(parsed.diagnostics.isEmpty, "\(path): \(parsed.diagnostics.map { "\($0.code) at \($0.location?.description ?? "-")" })")
        let loaded = TopologyLoader.load(text: text, file: path)
        #expect(!loaded.diagnostics.contains { $0.severity == .error } || path.contains("mission"), "\(path): \(loaded.diagnostics.map(\.code))")
        let root = try #require(parsed.root)
        let written = YAMLWriter.write(root)
        let reparsed = YAMLParser.parse(written, file: "written.yaml")
        #expect(reparsed.diagnostics.isEmpty, "\(path) written:\n\(written)")
        #expect(reparsed.root.map { $0.isEquivalent(to: root) } == true, "\(path) written:\n\(written)")
        #expect(YAMLWriter.write(try #require(reparsed.root)) == written, "writing is idempotent")
    }
}
