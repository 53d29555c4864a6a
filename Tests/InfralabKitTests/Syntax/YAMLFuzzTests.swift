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

@Suite struct YAMLFuzzTests {
    static let tokens = [
        "a", "key", "subnet", "vpc", ":", ": ", "- ", "-", "\n", "\n", "\n", "  ", "  ", "    ", "\t", "{", "}", "[", "]", ",",
        "'", "\"", "\\", "\\n", "\\u12", "\\x4", "|", ">", "|-", ">+", "|2", "#", " # c", "&a", "*a", "!t", "!!str", "%YAML",
        "---", "...", "? ", "한국어", "값", "\r\n", "\r", "\u{FEFF}", "0.0.0.0/0", "12:30", "~", "😀", "e\u{301}", "\n  - ",
        "\n    ", "\n- ", "''", "\"\"", "{}", "[]", "a: b", "x:y", " ", "\u{0}",
    ]

    /// Checks the parser's promises on one input; returns whether it parsed without errors.
    @discardableResult
    static func check(_ text: String, roundTrip: Bool = true, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let result = YAMLParser.parse(text, file: "f.yaml")
        var ok = result.root != nil
        let lines = result.diagnostics.isEmpty ? [] : DiagnosticRenderer.lines(of: text)
        for diagnostic in result.diagnostics {
            let locations = [diagnostic.location] + diagnostic.notes.map(\.location)
            for case let location? in locations {
                let lineOK = location.line >= 1 && location.line <= lines.count + 1
                let columnOK = location.column >= 1
                    && (location.line > lines.count || location.column <= lines[location.line - 1].unicodeScalars.count + 1)
                if !(lineOK && columnOK) {
                    ok = false
                    Issue.record("\(diagnostic.code) at \(location) outside the text \(text.debugDescription)", sourceLocation: sourceLocation)
                }
            }
            if !diagnostic.code.hasPrefix("yaml.") || diagnostic.length < 1 { ok = false }
        }
        let clean = result.diagnostics.isEmpty
        if clean, roundTrip, let root = result.root, root.entries != nil || root.items != nil {
            // Whatever parses cleanly survives the writer.
            let written = YAMLWriter.write(root)
            let again = YAMLParser.parse(written, file: "w.yaml")
            if !again.diagnostics.isEmpty || again.root.map({ $0.isEquivalent(to: root) }) != true {
                Issue.record("round trip failed for \(text.debugDescription) written as \(written.debugDescription)", sourceLocation: sourceLocation)
            }
        }
        #expect(ok, sourceLocation: sourceLocation)
        return clean
    }

    static func validFixtures() throws -> [String] {
        try FixtureTests.fixtures("valid").map { try FixtureTests.read($0) }
    }

    @Test("random token soup, every truncation and random mutations of valid files")
    func fuzz() throws {
        var random = SeededRandom(seed: 0x1AB_2024)
        var inputs = 0
        var clean = 0
        let started = ContinuousClock.now

        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &random) { text += Self.tokens.randomElement(using: &random)! }
            if Self.check(text) { clean += 1 }
            inputs += 1
        }

        let afterSoup = ContinuousClock.now
        let fixtures = try Self.validFixtures()
        for fixture in fixtures {
            let scalars = Array(fixture.unicodeScalars)
            for end in 0...scalars.count {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[0..<end])
                if Self.check(String(view), roundTrip: end % 16 == 0) { clean += 1 }
                inputs += 1
            }
        }

        let afterTruncations = ContinuousClock.now
        for _ in 0..<600 {
            var bytes = Array(fixtures.randomElement(using: &random)!.utf8)
            for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.insert(Array(" \t\n:-#{}[],'\"|>&*!?%\\".utf8).randomElement(using: &random)!, at: position)
                default: bytes.remove(at: position)
                }
            }
            if Self.check(String(decoding: bytes, as: UTF8.self)) { clean += 1 }
            inputs += 1
        }

        let elapsed = ContinuousClock.now - started
        // Recorded for the lead: how many inputs ran and how long they took.
        print("YAML fuzz: \(inputs) inputs (\(clean) without errors) in \(elapsed) (soup \(afterSoup - started), truncations \(afterTruncations - afterSoup))")
        #expect(inputs > 5000)
    }

    @Test("deep nesting and long lines do not overflow or stall")
    func extremes() {
        Self.check(String(repeating: "[", count: 100_000))
        Self.check(String(repeating: "{a: ", count: 20_000))
        Self.check(String(repeating: "- ", count: 20_000) + "x")
        Self.check(String(repeating: "a: ", count: 20_000) + "x")
        Self.check((0..<3000).map { String(repeating: " ", count: $0) + "- k\($0):" }.joined(separator: "\n"))
        #expect(problems(String(repeating: "[", count: 500)) == ["yaml.too-deep@1:101"])
        Self.check((0..<300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n"))
        Self.check(String(repeating: "\"", count: 5001))
        Self.check("a: " + String(repeating: "x ", count: 50_000))
    }
}
