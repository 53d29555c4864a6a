import Testing
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

@Suite struct YAMLWriterTests {
    func roundTrip(_ node: YAMLNode, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let written = YAMLWriter.write(node)
        let reparsed = YAMLParser.parse(written, file: "w.yaml")
        #expect(reparsed.diagnostics.isEmpty, "\(reparsed.diagnostics.map(\.code)) in:\n\(written)", sourceLocation: sourceLocation)
        #expect(reparsed.root.map { $0.isEquivalent(to: node) } == true, "not the same tree:\n\(written)", sourceLocation: sourceLocation)
    }

    static let here = InfralabSyntax.SourceLocation(file: "x", line: 1, column: 1)
    func s(_ text: String, _ style: YAMLNode.ScalarStyle = .plain) -> YAMLNode { YAMLNode(.scalar(text, style), at: Self.here) }
    func m(_ pairs: [(String, YAMLNode)]) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { YAMLNode.Entry(key: $0.0, keyLocation: Self.here, value: $0.1) }), at: Self.here)
    }
    func l(_ items: [YAMLNode]) -> YAMLNode { YAMLNode(.sequence(items), at: Self.here) }

    @Test("canonical block output")
    func canonical() {
        let node = m([
            ("vpcs", m([("main", m([("cidr", s("10.0.0.0/16")), ("region", s("ap-northeast-2"))]))])),
            ("routes", l([m([("to", s("0.0.0.0/0")), ("via", s("igw"))]), s("x")])),
            ("nested", l([l([s("a"), s("b")])])),
            ("empty", m([])), ("none", l([])), ("null", s("")),
            ("story", s("첫 줄\n\n둘째 줄\n", .literal)),
        ])
        #expect(YAMLWriter.write(node) == """
            vpcs:
              main:
                cidr: 10.0.0.0/16
                region: ap-northeast-2
            routes:
              - to: 0.0.0.0/0
                via: igw
              - x
            nested:
              - - a
                - b
            empty: {}
            none: []
            "null":
            story: |
              첫 줄

              둘째 줄

            """)
        roundTrip(node)
    }

    @Test("scalars are quoted only where needed", arguments: [
        ("plain", "plain"), ("has space", "has space"), ("", "\"\""), (" lead", "\" lead\""), ("trail ", "\"trail \""),
        ("a: b", "\"a: b\""), ("a #b", "\"a #b\""), ("a#b", "a#b"), ("- x", "\"- x\""), ("-x", "-x"), ("[x]", "\"[x]\""),
        ("&a", "\"&a\""), ("*a", "\"*a\""), ("!t", "\"!t\""), ("'q'", "\"'q'\""), ("\"q\"", "\"\\\"q\\\"\""),
        ("%x", "\"%x\""), ("@x", "\"@x\""), ("tab\there", "\"tab\\there\""), ("end:", "\"end:\""), ("12:30", "12:30"),
        ("key:value", "\"key:value\""), ("---", "\"---\""), ("한국어 값", "한국어 값"),
    ])
    func quoting(text: String, written: String) {
        #expect(YAMLWriter.inlineScalar(s(text, .doubleQuoted)) == written)
        roundTrip(m([("k", s(text, .doubleQuoted))]))
        roundTrip(l([s(text, .singleQuoted)]))
        roundTrip(m([(text, s("v"))]))
    }

    @Test("text that would read as another type stays quoted", arguments: ["80", "true", "no", "null", "~", "1.5", "-3", "1e3", "0x1F", ".inf"])
    func otherTypes(text: String) {
        #expect(YAMLWriter.inlineScalar(s(text, .singleQuoted)) == "\"\(text)\"")
        #expect(YAMLWriter.inlineScalar(s(text)) == text)
        roundTrip(m([("quoted", s(text, .singleQuoted)), ("plain", s(text))]))
    }

    @Test("multi-line text and edge cases", arguments: [
        "a\nb", "a\nb\n", "a\nb\n\n\n", "\nleading", "  indented\nx", "x\n  more\n", "only\n\n", "\n", "\n\n", "a\r\nb", "trailing \nspace",
        "# hash\nline", "a\n\tb", "é\u{301}", "\u{0}\u{7}", "emoji 😀", "\u{FEFF}bom", "x\u{2028}y",
    ])
    func multiline(text: String) {
        roundTrip(m([("k", s(text, .doubleQuoted))]))
        roundTrip(l([s(text, .literal), m([("k", s(text, .folded))])]))
    }
}
