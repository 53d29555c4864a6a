import Testing
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

@Suite struct DiagnosticRendererTests {
    let source = "# 서브넷 설정\nsubnets:\n  공개-a: { vpc: main, subnet-id: x }\n"

    var unknownKey: Diagnostic {
        .error(
            "topology.unknown-key", LocalizedText(en: "unknown key `subnet-id`", ko: "알 수 없는 키 `subnet-id`예요."),
            at: SourceLocation(file: "topology.yaml", line: 3, column: 22), length: 9,
            suggestion: LocalizedText(en: "did you mean `subnet`?", ko: "`subnet`을 쓰려던 건가요?"))
    }

    @Test("carets line up under Korean text by display width")
    func koreanCaret() {
        let renderer = DiagnosticRenderer(colorize: false, language: .en, file: "topology.yaml", text: source)
        #expect(renderer.render(unknownKey) == """
            error: unknown key `subnet-id` [topology.unknown-key]
             --> topology.yaml:3:22
              |
            3 |   공개-a: { vpc: main, subnet-id: x }
              |                        ^^^^^^^^^
              = help: did you mean `subnet`?
            """)
    }

    @Test("Korean labels keep the code")
    func koreanLabels() {
        let renderer = DiagnosticRenderer(colorize: false, language: .ko, file: "topology.yaml", text: source)
        #expect(renderer.render(unknownKey) == """
            오류: 알 수 없는 키 `subnet-id`예요. [topology.unknown-key]
             --> topology.yaml:3:22
              |
            3 |   공개-a: { vpc: main, subnet-id: x }
              |                        ^^^^^^^^^
              = 도움말: `subnet`을 쓰려던 건가요?
            """)
    }

    @Test("a note in another place gets its own snippet; the gutter fits the widest line number")
    func noteElsewhere() throws {
        var lines = (1...11).map { "k\($0): v" }
        lines[10] = "k1: again"
        let text = lines.joined(separator: "\n")
        let diagnostic = try #require(YAMLParser.parse(text, file: "t.yaml").diagnostics.first)
        let renderer = DiagnosticRenderer(colorize: false, language: .en, file: "t.yaml", text: text)
        #expect(renderer.render(diagnostic) == """
            error: duplicate key `k1` [yaml.duplicate-key]
              --> t.yaml:11:1
               |
            11 | k1: again
               | ^^
               = help: remove one of them, or merge their contents
               = note: `k1` is first defined here
              --> t.yaml:1:1
               |
             1 | k1: v
               | ^
            """)
    }

    @Test("tabs in the source line are expanded and the caret follows")
    func tabs() throws {
        let text = "a: 1\n\tb: 2\n"
        let diagnostic = try #require(YAMLParser.parse(text, file: "t.yaml").diagnostics.first)
        let rendered = DiagnosticRenderer(colorize: false, language: .ko, file: "t.yaml", text: text).render(diagnostic)
        #expect(rendered.contains("2 |     b: 2\n  | ^^^^\n"))
        #expect(rendered.hasPrefix("오류: 들여쓰기에 탭을 쓸 수 없어요. 공백을 써 주세요. [yaml.tab-indentation]"))
    }

    @Test("colour on adds ANSI styles and nothing else")
    func colour() {
        let plain = DiagnosticRenderer(colorize: false, language: .en, file: "topology.yaml", text: source).render(unknownKey)
        let coloured = DiagnosticRenderer(colorize: true, language: .en, file: "topology.yaml", text: source).render(unknownKey)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[31m"))
        #expect(coloured.removingANSIEscapes == plain)
    }

    @Test("without the source, only the header and the location")
    func noSource() {
        let renderer = DiagnosticRenderer(colorize: false, language: .en) { _ in nil }
        #expect(renderer.render(unknownKey) == """
            error: unknown key `subnet-id` [topology.unknown-key]
             --> topology.yaml:3:22
              = help: did you mean `subnet`?
            """)
    }

    @Test("a location past the end of its line puts the caret at the end")
    func pastEnd() throws {
        let text = "a: [1, 2"
        let diagnostic = try #require(YAMLParser.parse(text, file: "t.yaml").diagnostics.first)
        let rendered = DiagnosticRenderer(colorize: false, language: .en, file: "t.yaml", text: text).render(diagnostic)
        #expect(rendered.contains("1 | a: [1, 2\n  |    ^\n"))
    }

    @Test("summaries in both languages")
    func summary() {
        let error = Diagnostic.error("x", LocalizedText(verbatim: "x"), at: nil)
        let warning = Diagnostic.warning("y", LocalizedText(verbatim: "y"), at: nil)
        #expect(DiagnosticSummary.text(for: [error, error, warning], language: .en) == "2 errors, 1 warning")
        #expect(DiagnosticSummary.text(for: [error, error, warning], language: .ko) == "오류 2개, 경고 1개")
        #expect(DiagnosticSummary.text(for: [error], language: .en) == "1 error")
        #expect(DiagnosticSummary.text(for: [], language: .en) == "no problems")
        #expect(DiagnosticSummary.text(for: [warning, warning], language: .ko) == "경고 2개")
    }
}

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect(displayWidth(of: "abc") == 3)
        #expect(displayWidth(of: "한국어") == 6)
        #expect(displayWidth(of: "日本") == 4)
        #expect(displayWidth(of: "e\u{301}") == 1)
        #expect(displayWidth(of: "ｆｕｌｌ") == 8)
        #expect(displayWidth(of: "\u{1B}[31mred\u{1B}[39m") == 3)
        #expect(displayWidth(of: "\tx") == 5)
        #expect(displayWidth(of: "ab\tx") == 5)
        #expect(displayWidth(of: "😀") == 2)
        #expect(displayWidth(of: "\u{200B}") == 0)
    }

    @Test func padAndTruncate() {
        #expect(padded("한글", toWidth: 6) == "한글  ")
        #expect(padded("ab", toWidth: 5, alignment: .right) == "   ab")
        #expect(padded("ab", toWidth: 6, alignment: .center) == "  ab  ")
        #expect(padded("toolong", toWidth: 3) == "toolong")
        #expect(truncated("한국어 문장", toWidth: 6) == "한국…")
        #expect(truncated("short", toWidth: 10) == "short")
    }

    @Test func wrap() {
        #expect(wrapped("the quick brown fox", toWidth: 10) == ["the quick", "brown fox"])
        #expect(wrapped("사무실 전원이 나갔어요", toWidth: 14) == ["사무실 전원이", "나갔어요"])
        #expect(wrapped("가나다라마바사", toWidth: 6) == ["가나다", "라마바", "사"])
        #expect(wrapped("a\n\nb", toWidth: 10) == ["a", "", "b"])
        for line in wrapped(String(repeating: "서버 한 대가 꺼졌어요. ", count: 20), toWidth: 30) {
            #expect(displayWidth(of: line) <= 30)
        }
    }

    @Test func styles() {
        #expect(TextStyle.plain.bold("x") == "x")
        #expect(TextStyle.ansi.red("x") == "\u{1B}[31mx\u{1B}[39m")
        #expect(TextStyle.ansi.bold(TextStyle.ansi.green("ok")).removingANSIEscapes == "ok")
    }
}
