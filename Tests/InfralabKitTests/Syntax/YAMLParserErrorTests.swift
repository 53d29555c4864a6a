import Testing
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

@Suite struct YAMLParserErrorTests {
    @Test("each refusal has its code, line and column", arguments: [
        ("a: 1\n\tb: 2\n", ["yaml.tab-indentation@2:1"]),
        ("a:\n  \tb: 2\n", ["yaml.tab-indentation@2:3"]),
        ("a: 1\nb: 2\na: 3\n", ["yaml.duplicate-key@3:1"]),
        ("a: \"abc\nb: 2\n", ["yaml.unterminated-string@1:4"]),
        ("a: 'abc\n", ["yaml.unterminated-string@1:4"]),
        ("a: &x 1\n", ["yaml.anchor-unsupported@1:4"]),
        ("a: *x\n", ["yaml.alias-unsupported@1:4"]),
        ("a: !!str 1\n", ["yaml.tag-unsupported@1:4"]),
        ("b: [!x 1]\n", ["yaml.tag-unsupported@1:5"]),
        ("%YAML 1.2\n---\na: 1\n", ["yaml.directive-unsupported@1:1"]),
        ("a: 1\n---\nb: 2\n", ["yaml.multiple-documents@2:1"]),
        ("a: 1\n...\n", ["yaml.multiple-documents@2:1"]),
        ("? a\n: b\n", ["yaml.complex-key-unsupported@1:1"]),
        (": b\n", ["yaml.unexpected-character@1:1"]),
        ("a: 1\nsubnet public-a\n", ["yaml.missing-colon@2:1"]),
        ("a: 1\nsubnet:public-a\n", ["yaml.missing-space-after-colon@2:7"]),
        ("a: 1\n  b: 2\n", ["yaml.bad-indentation@2:3"]),
        ("a:\n    b: 1\n  c: 2\n", ["yaml.bad-indentation@3:3"]),
        ("a: [1, 2\nb: 3\n", ["yaml.unclosed-flow@1:4"]),
        ("a: { x: 1\n", ["yaml.unclosed-flow@1:4"]),
        ("a: \"x\\qy\"\n", ["yaml.invalid-escape@1:6"]),
        ("a: \"\\u12G4\"\n", ["yaml.invalid-escape@1:5"]),
        ("a: 1\n- b\n", ["yaml.mixed-collection@2:1"]),
        ("- a\nb: 1\n", ["yaml.mixed-collection@2:1"]),
        ("[a, b]: 1\n", ["yaml.flow-key@1:1"]),
        ("m: { [a]: 1 }\n", ["yaml.flow-key@1:6"]),
        ("a: b: c\n", ["yaml.unexpected-colon@1:5"]),
        ("a: - b\n", ["yaml.inline-sequence@1:4"]),
        ("a: [x y]\n", []),
        ("a: [[x] y]\n", ["yaml.missing-comma@1:9"]),
        ("a: { x: 1 y: 2 }\n", ["yaml.missing-comma@1:11"]),
        ("a: [x: 1]\n", ["yaml.flow-pair-unsupported@1:6"]),
        ("a: |x\n  t\n", ["yaml.invalid-block-header@1:5"]),
        ("a: [1] x\n", ["yaml.unexpected-text@1:8"]),
        ("a: @x\n", ["yaml.unexpected-character@1:4"]),
        ("m: { a }\n", ["yaml.missing-colon@1:6"]),
    ])
    func refusal(text: String, expected: [String]) {
        #expect(problems(text) == expected)
    }

    @Test("every problem in a file is reported at once")
    func reportsAll() {
        let text = """
            vpcs:
              main:
                cidr: 10.0.0.0/16
                cidr: 10.1.0.0/16
            subnets:
            \tpublic-a: {}
              private-a { vpc: main }
              other: "unterminated
            instances:
              web: [a, b
            db: &anchor x
            """
        #expect(problems(text) == [
            "yaml.duplicate-key@4:5", "yaml.tab-indentation@6:1", "yaml.missing-colon@7:3",
            "yaml.unterminated-string@8:10", "yaml.unclosed-flow@10:8", "yaml.anchor-unsupported@11:5",
        ])
    }

    @Test("a duplicate key points at the first in a note")
    func duplicateNote() throws {
        let result = YAMLParser.parse("a: 1\nb:\n  x: 1\n  x: 2\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml.duplicate-key")
        #expect(diagnostic.location == at(4, 3))
        #expect(diagnostic.notes.first?.location == at(3, 3))
        #expect(diagnostic.message.en == "duplicate key `x`")
        #expect(diagnostic.message.ko == "`x` 키가 두 번 나와요.")
        // The first definition wins; the rest of the file is still read.
        #expect(result.root?["b"]?["x"]?.scalar == "1")
    }

    @Test("a missing colon suggests where it belongs")
    func missingColonSuggestion() throws {
        let result = YAMLParser.parse("web:\n  subnet public-a\n  ami: x\n", file: "t.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "yaml.missing-colon")
        #expect(diagnostic.location == at(2, 3))
        #expect(diagnostic.length == 6)
        #expect(diagnostic.suggestion?.en == "did you forget the `:` after `subnet`?")
        #expect(diagnostic.suggestion?.ko == "`subnet` 뒤에 `:`를 빠뜨리지 않았나요?")
        #expect(result.root?["web"]?["ami"]?.scalar == "x")
    }

    @Test("Korean text earlier on the line does not shift columns")
    func koreanColumns() {
        #expect(problems("이름: 웹서버\n설명: \"닫히지 않음\n") == ["yaml.unterminated-string@2:5"])
        #expect(problems("# 한국어 주석\n값: [하나, [둘] 셋]\n") == ["yaml.missing-comma@2:13"])
        #expect(problems("값: { 이름: 웹 포트: 80 }\n") == ["yaml.missing-comma@1:12"])
        #expect(problems("설명: 서버 # 주석\n\t키: 값\n") == ["yaml.tab-indentation@2:1"])
        #expect(problems("키: \"가나\\q\"\n") == ["yaml.invalid-escape@1:7"])
    }

    @Test("every error has a message in both languages and a yaml. code")
    func messages() {
        for code in YAMLParser.diagnosticCodes {
            #expect(code.hasPrefix("yaml."))
        }
        let text = "a: 1\n\tb: 2\na: 3\nc: &x *y\nd: [1\n"
        for diagnostic in YAMLParser.parse(text, file: "t.yaml").diagnostics {
            #expect(diagnostic.severity == .error)
            #expect(!diagnostic.message.en.isEmpty && !(diagnostic.message.ko ?? "").isEmpty)
            #expect(diagnostic.location != nil)
        }
    }

    @Test("recovery: after a bad line the next line at the same indentation is read")
    func recovery() {
        let result = YAMLParser.parse("a:\n  oops\n    deeper: 1\n  ok: 2\nb: 3\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == ["yaml.missing-colon"])
        #expect(shape(result.root) == #"{a: {ok: "2"}, b: "3"}"#)
    }
}
