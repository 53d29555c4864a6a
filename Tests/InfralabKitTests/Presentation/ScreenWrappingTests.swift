import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
import InfralabTopology
import InfralabLab
import InfralabLabStorage
@testable import InfralabPresentation

/// Issue 11, deliverable 3: everything a learner reads wraps at the width (Hangul counts
/// two columns), and wrapping never cuts a code span.
@Suite struct ScreenWrappingTests {
    func fits(_ lines: [String], _ width: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for line in lines {
            #expect(displayWidth(of: line) <= width, "\(displayWidth(of: line)) columns: “\(line)”", sourceLocation: sourceLocation)
        }
    }

    @Test("a backticked span moves to the next line whole instead of being cut at its spaces")
    func spanMovesWhole() {
        let text = "보안 그룹 `db`에 `{ port: 3306, from: was }`를 추가하고 `infralab check`로 확인해요."
        let lines = wrapped(text, toWidth: 30)
        fits(lines, 30)
        #expect(lines.contains { $0.contains("`{ port: 3306, from: was }`를") }, "\(lines)")
        #expect(lines.allSatisfy { $0.filter { $0 == "`" }.count % 2 == 0 }, "no line holds half a span: \(lines)")
        #expect(lines.joined(separator: " ") == text, "only spaces become line breaks")
    }

    @Test("a span wider than the line starts a line of its own and breaks only at its own spaces")
    func wideSpanStandsAlone() {
        let span = "`infralab probe topology.yaml --from admin --to db --port 22 --through bastion`"
        let lines = wrapped("먼저 \(span)을 실행해 봐요.", toWidth: 40)
        fits(lines, 40)
        #expect(lines.first == "먼저", "the span does not share a line with the text before it: \(lines)")
        #expect(lines.dropFirst().joined(separator: " ").hasPrefix(span), "\(lines)")
    }

    @Test("an unclosed backtick does not glue the rest of the paragraph together")
    func unclosedBacktick() {
        let lines = wrapped("a `b c d e f g h i j k l m n o p", toWidth: 10)
        fits(lines, 10)
        #expect(lines.count > 2)
    }

    @Test("error headlines, helps and notes wrap at the width and hang under their label", arguments: [Language.en, .ko])
    func headlineWraps(_ language: Language) throws {
        let source = "sites:\n  home:\n    port-forwards:\n      - { port: 80, to: my-pc, to-port: 8080 }   # 사용자는 80으로 접속하고, WAS는 8080에서 받아요\n"
        let diagnostic = Diagnostic.error(
            "topology.port-forward-without-public-ip",
            LocalizedText(en: "site `home` forwards ports but has no `public-ip`: the internet has no address to reach it at",
                          ko: "사이트 `home`은 포트를 포워딩하지만 `public-ip`가 없어요. 인터넷에서 찾아올 주소가 없어요"),
            at: SourceLocation(file: "topology.yaml", line: 4, column: 11), length: 8,
            suggestion: LocalizedText(en: "add `public-ip:` (the address your ISP gave the router), or use a tunnel such as `tunnels: [{ port: 80, to: my-pc }]`",
                                      ko: "`public-ip:`(통신사가 공유기에 준 주소)를 적거나 `tunnels: [{ port: 80, to: my-pc }]` 같은 터널을 쓰세요"))
        let renderer = DiagnosticRenderer(colorize: false, language: language, width: 80, file: "topology.yaml", text: source)
        let lines = renderer.render(diagnostic).split(separator: "\n").map(String.init)
        fits(lines, 80)
        let label = language == .en ? "error: " : "오류: "
        #expect(lines[0].hasPrefix(label))
        #expect(lines[1].hasPrefix(String(repeating: " ", count: displayWidth(of: label))), "the headline's second line hangs under its text: \(lines)")
        #expect(lines.contains { $0.hasSuffix("[topology.port-forward-without-public-ip]") })
        #expect(lines.allSatisfy { $0.contains(" | ") || $0.filter { $0 == "`" }.count % 2 == 0 }, "\(lines)")
        // The quoted line is cut around the place, and the caret still sits under `port: 80`.
        let quoted = try #require(lines.first { $0.hasPrefix("4 |") })
        let carets = try #require(lines.first { $0.contains("^") })
        let caretColumn = displayWidth(of: String(carets.prefix { $0 != "^" }))
        #expect(String(quoted.dropFirst(caretColumn).prefix(8)) == "port: 80", "\(quoted)\n\(carets)")
    }

    /// Every reference solution and variant, in both languages.
    static var answers: [(String, String)] {
        let root = packageRoot.appendingPathComponent("Solutions")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }.compactMap { url in
            (try? String(contentsOf: url, encoding: .utf8)).map { (url.path.replacingOccurrences(of: root.path + "/", with: ""), $0) }
        }
    }

    @Test("a solution listing fits 80 columns and stays the same YAML (comments moved up, flow collections folded)")
    func listingsFit() throws {
        let answers = Self.answers
        #expect(answers.count > 100)
        var changed = 0
        for (name, text) in answers {
            for language in [Language.en, .ko] {
                let shown = BilingualComments.keeping(language, in: text)
                let fitted = YAMLListing.fitted(shown, toWidth: 80)
                if fitted != shown { changed += 1 }
                fits(fitted.split(separator: "\n").map(String.init), 80)
                let before = try #require(YAMLParser.parse(shown, file: name).root)
                let after = try #require(YAMLParser.parse(fitted, file: name).root, "\(name) (\(language)) no longer parses")
                #expect(after.isEquivalent(to: before), "\(name) (\(language)) reads differently once fitted:\n\(fitted)")
            }
        }
        #expect(changed > 0, "guards against fitting nothing")
    }

    @Test("the audit catches what issue 11 reported, and leaves code alone")
    func auditCatches() {
        var audit = ScreenAudit(width: 80)
        let screen = """
            ✗ my-pc이(가) 꺼져 있어요 at topology.yaml:6:3
            nat-a's Elastic IP에서 온 요청이에요 (tcp 22 from admin)
            보안 그룹에 `{ port: 22,
            from: admin }`을 추가해요.
            \(String(repeating: "가", count: 41))
            보안 그룹 `db`에 `{ port: 3306, from: was }`가 있어요 [NO_ROUTE]
            탄력적 IP(Elastic IP)를 붙여요
              --> topology.yaml:6:3
            12 |   web: { subnet: public-a }   # the web server
                 - { port: 80, from: internet }   # 인터넷에서 오는 HTTP
            """
        audit.inspect(screen, screen: "example", korean: true, names: ["my-pc", "nat-a", "admin", "db", "was", "web"])
        #expect(audit.findings.filter { $0.kind == .template }.map(\.detail) == ["pc이(가) 꺼"])
        #expect(audit.findings.filter { $0.kind == .english }.map(\.detail) == ["at", "Elastic", "from"], "\(audit.findings)")
        #expect(audit.findings.filter { $0.kind == .cutSpan }.count == 1)
        #expect(audit.findings.filter { $0.kind == .wide }.count == 1)
    }
}
