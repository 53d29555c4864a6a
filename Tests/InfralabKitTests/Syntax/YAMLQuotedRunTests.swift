import Testing
import InfralabSyntax

/// Quoted scalars are decoded a run of ordinary text at a time (start-up speed): the
/// runs must fold, escape and trim exactly as one scalar at a time did.
@Suite struct YAMLQuotedRunTests {
    @Test(arguments: [
        ("a: \"one two  three\"\n", "{a: \"one two  three\"}"),
        ("a: \"ends in blanks   \"\n", "{a: \"ends in blanks   \"}"),
        ("a: \"folded   \n  line\"\n", "{a: \"folded line\"}"),
        ("a: \"kept \\\n  joined\"\n", "{a: \"kept joined\"}"),
        ("a: \"tab\\tand\\u00e9 x\"\n", "{a: \"tab\\tandé x\"}"),
        ("a: \"first\n\n  second\"\n", "{a: \"first\\nsecond\"}"),
        ("a: 'it''s  a run'\n", "{a: \"it\\'s  a run\"}"),
        ("a: 'single   \n  folded'\n", "{a: \"single folded\"}"),
        ("a: \"서버 두 대\t\n  그리고 하나\"\n", "{a: \"서버 두 대 그리고 하나\"}"),
        ("a: \"back\\\\slash \\\" quote\"\n", "{a: \"back\\\\slash \\\" quote\"}"),
        ("- [\"x y\", 'z  w']\n", "[[\"x y\", \"z  w\"]]"),
    ])
    func decodesAsWritten(_ text: String, _ expected: String) {
        #expect(shape(parseClean(text)) == expected)
    }
}
