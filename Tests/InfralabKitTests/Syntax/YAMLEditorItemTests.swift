import InfralabSyntax
import Testing

/// Replacing and removing one item of a list in place: the person's other lines stay.
@Suite struct YAMLEditorItemTests {
    static let here = SourceLocation(file: "x", line: 1, column: 1)
    func s(_ text: String) -> YAMLNode { YAMLNode(.scalar(text, .plain), at: Self.here) }
    func rule(_ number: String, _ port: String) -> YAMLNode {
        YAMLNode(.mapping([("rule", s(number)), ("port", s(port))].map { YAMLNode.Entry(key: $0.0, keyLocation: Self.here, value: $0.1) }), at: Self.here)
    }
    static let text = """
        acl:
          inbound:
            - { rule: 90, port: 22 }     # mine
            # the next one is wide
            - rule: 100
              port: 80
            - { rule: 110, port: 443 }
        other: 1

        """
    static let list: [YAMLPathComponent] = [.key("acl"), .key("inbound")]

    @Test("a one-line item is rewritten within its line, its comment kept, or replaced by the story's note")
    func replaceOneLine() throws {
        var editor = try YAMLEditor(text: Self.text, file: "t.yaml")
        try editor.replaceItem(at: Self.list + [.index(0)], with: rule("90", "2222"))
        #expect(editor.text == Self.text.replacingOccurrences(of: "- { rule: 90, port: 22 }     # mine", with: "- { rule: 90, port: 2222 }     # mine"))
        try editor.replaceItem(at: Self.list + [.index(2)], with: rule("110", "8443"), note: "teammate")
        try editor.replaceItem(at: Self.list + [.index(0)], with: rule("90", "23"), note: "the story's note replaces the old comment")
        #expect(editor.text.contains("    - { rule: 90, port: 23 }   # the story's note replaces the old comment\n"), "\(editor.text)")
        #expect(editor.text.contains("    - { rule: 110, port: 8443 }   # teammate\n"), "\(editor.text)")
    }

    @Test("an item over several lines becomes one line with the note; the comment above it stays")
    func replaceBlockItem() throws {
        var editor = try YAMLEditor(text: Self.text, file: "t.yaml")
        try editor.replaceItem(at: Self.list + [.index(1)], with: rule("100", "8080"), note: "teammate")
        #expect(editor.text == """
            acl:
              inbound:
                - { rule: 90, port: 22 }     # mine
                # the next one is wide
                - { rule: 100, port: 8080 }   # teammate
                - { rule: 110, port: 443 }
            other: 1

            """)
    }

    @Test("removing an item takes its lines only; the last item of a list is refused and the text stays")
    func remove() throws {
        var editor = try YAMLEditor(text: Self.text, file: "t.yaml")
        try editor.removeItem(at: Self.list + [.index(2)])
        try editor.removeItem(at: Self.list + [.index(1)])
        #expect(editor.text == """
            acl:
              inbound:
                - { rule: 90, port: 22 }     # mine
                # the next one is wide
            other: 1

            """)
        #expect(throws: YAMLEditError.self) { try editor.removeItem(at: Self.list + [.index(0)]) }
        #expect(editor.node(at: Self.list)?.items?.count == 1)
    }
}
