import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI
import Testing

/// The in-place editor: every edit keeps the person's own text and changes one thing.
@Suite struct YAMLEditorTests {
    static let here = InfralabSyntax.SourceLocation(file: "x", line: 1, column: 1)
    func s(_ text: String) -> YAMLNode { YAMLNode(.scalar(text, .plain), at: Self.here) }
    func m(_ pairs: [(String, YAMLNode)]) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { YAMLNode.Entry(key: $0.0, keyLocation: Self.here, value: $0.1) }), at: Self.here)
    }
    func rule(_ port: String, _ from: String) -> YAMLNode { m([("port", s(port)), ("from", s(from))]) }

    @Test("a block sequence gets a flow item after its last item, comments and blank lines kept")
    func appendToBlockSequence() throws {
        var editor = try YAMLEditor(text: """
            # my groups
            security-groups:
              db:
                inbound:
                  - { port: 3306, from: was }   # only the WAS

            instances:     # keep this comment
              db: { subnet: a }

            """, file: "t.yaml")
        try editor.appendItem(to: [.key("security-groups"), .key("db"), .key("inbound")], value: rule("22", "0.0.0.0/0"), note: "teammate")
        #expect(editor.text == """
            # my groups
            security-groups:
              db:
                inbound:
                  - { port: 3306, from: was }   # only the WAS
                  - { port: 22, from: 0.0.0.0/0 }   # teammate

            instances:     # keep this comment
              db: { subnet: a }

            """)
    }

    @Test("a one-line flow mapping is extended before its closing brace")
    func extendFlowMapping() throws {
        var editor = try YAMLEditor(text: "instances:\n  db:  { subnet: private-a, role: db }   # mine\n", file: "t.yaml")
        try editor.insertEntry(in: [.key("instances"), .key("db")], key: "public-ip", value: s("true"))
        #expect(editor.text == "instances:\n  db:  { subnet: private-a, role: db, public-ip: true }   # mine\n")
    }

    @Test("`key: []` becomes a block sequence under the key, its comment kept in its column")
    func emptyFlowBecomesBlock() throws {
        var editor = try YAMLEditor(text: "route-tables:\n  private:\n    routes: []     # local only\n", file: "t.yaml")
        try editor.appendItem(to: [.key("route-tables"), .key("private"), .key("routes")], value: m([("to", s("admin")), ("via", s("igw"))]))
        #expect(editor.text == "route-tables:\n  private:\n    routes:        # local only\n      - { to: admin, via: igw }\n")
    }

    @Test("a new entry follows the style of the entry before it: block under block, flow after flow")
    func entryStyle() throws {
        var block = try YAMLEditor(text: "sites:\n  home:\n    kind: home\n    power: grid\n", file: "t.yaml")
        try block.insertEntry(in: [.key("sites")], key: "dc-1", value: m([("kind", s("datacenter")), ("power", s("ups+generator"))]), note: "a rack")
        #expect(block.text == "sites:\n  home:\n    kind: home\n    power: grid\n  dc-1:   # a rack\n    kind: datacenter\n    power: ups+generator\n")

        var flow = try YAMLEditor(text: "instances:\n  was: { subnet: a, role: was }\n", file: "t.yaml")
        try flow.insertEntry(in: [.key("instances")], key: "was-c", value: m([("subnet", s("c")), ("role", s("was"))]))
        #expect(flow.text == "instances:\n  was: { subnet: a, role: was }\n  was-c: { subnet: c, role: was }\n")
    }

    @Test("a missing section is added at the end; Windows line endings and a BOM stay")
    func newSectionKeepsLineEndings() throws {
        var editor = try YAMLEditor(text: "\u{FEFF}vpcs:\r\n  main: { cidr: 10.0.0.0/16 }\r\n", file: "t.yaml")
        try editor.insertEntry(in: [], key: "outside", value: m([("admin", s("203.0.113.10"))]))
        #expect(editor.text == "\u{FEFF}vpcs:\r\n  main: { cidr: 10.0.0.0/16 }\r\noutside:\r\n  admin: 203.0.113.10\r\n")
    }

    @Test("a one-line scalar is replaced, the rest of the line kept")
    func replaceScalar() throws {
        var editor = try YAMLEditor(text: "sites:\n  home: { kind: home, power: grid }  # cheap\n", file: "t.yaml")
        try editor.replaceScalar(at: [.key("sites"), .key("home"), .key("power")], with: s("ups"))
        #expect(editor.text == "sites:\n  home: { kind: home, power: ups }  # cheap\n")
    }

    @Test("a flow collection over several lines is refused at its opening brace, the text unchanged")
    func refusesMultilineFlow() throws {
        let text = "instances:\n  proxy: { subnet: a,\n           role: proxy }\n"
        var editor = try YAMLEditor(text: text, file: "t.yaml")
        #expect(throws: YAMLEditError.self) {
            try editor.insertEntry(in: [.key("instances"), .key("proxy")], key: "public-ip", value: s("true"))
        }
        do {
            try editor.insertEntry(in: [.key("instances"), .key("proxy")], key: "public-ip", value: s("true"))
        } catch {
            #expect(error.location?.line == 2 && error.location?.column == 10, "points at the `{`: \(String(describing: error.location))")
            #expect(error.message.en.contains("several lines"))
        }
        #expect(editor.text == text)
    }

    @Test("a file that does not parse is refused with the parser's location")
    func refusesBrokenFile() {
        do {
            _ = try YAMLEditor(text: "a:\n  b: [1, 2\n", file: "t.yaml")
            Issue.record("a broken file must be refused")
        } catch {
            #expect(error.location?.file == "t.yaml")
            #expect(error.location?.line == 2)
        }
    }

    @Test("a mapping nested in a sequence item, with a block scalar before the next key")
    func nestedInSequenceItem() throws {
        var editor = try YAMLEditor(text: """
            rules:
              - port: 22
                note: |
                  # not a comment
                  text
            next: 1

            """, file: "t.yaml")
        try editor.insertEntry(in: [.key("rules"), .index(0)], key: "from", value: s("admin"))
        #expect(editor.text == """
            rules:
              - port: 22
                note: |
                  # not a comment
                  text
                from: admin
            next: 1

            """)
    }

    @Test("the line diff lists exactly the added and removed lines with their numbers")
    func lineDiff() {
        let diff = LineDiff(old: "a\nb\nc\nd\n", new: "a\nb\nx\nc\nd\ny\n")
        #expect(diff.changes.map { "\($0.kind == .added ? "+" : "-")\($0.number) \($0.text)" } == ["+3 x", "+6 y"])
        let replaced = LineDiff(old: "a\nb\nc\n", new: "a\nB\nc\n")
        #expect(replaced.changes.map { "\($0.kind == .added ? "+" : "-")\($0.number) \($0.text)" } == ["-2 b", "+2 B"])
        #expect(LineDiff(old: "same\n", new: "same\n").isEmpty)
        #expect(LineDiff(old: "", new: "a\n").changes.count == 1)
    }
}
