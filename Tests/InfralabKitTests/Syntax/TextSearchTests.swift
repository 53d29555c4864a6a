import Testing
@testable import InfralabSyntax

/// The byte search the screens use instead of Foundation's `NSString` one, and the
/// deferred text the flow engine writes hops with.
@Suite struct TextSearchTests {
    @Test func findsAPieceByItsBytes() {
        #expect("run `infralab next` now".containsText("`infralab "))
        #expect(!"run `infralab` now".containsText("`infralab "))
        #expect("보안 그룹 `web`에서".containsText("`web`"))
        #expect(!"ab".containsText("abc"))
        #expect("anything".containsText(""))
    }

    @Test func replacesEveryOccurrenceLeftToRight() {
        #expect("`infralab next` or `infralab hint`".replacingText("`infralab ", with: "`swift run infralab ")
            == "`swift run infralab next` or `swift run infralab hint`")
        #expect("aaaa".replacingText("aa", with: "b") == "bb")
        #expect("aaa".replacingText("aa", with: "b") == "ba")
        #expect("서버 서버".replacingText("서버", with: "server") == "server server")
        #expect("unchanged".replacingText("zz", with: "y") == "unchanged")
        #expect("keep".replacingText("", with: "y") == "keep")
    }

    @Test func deferredTextIsBuiltWhenReadFromWhatItCaptured() {
        let name = "web"
        let text = DeferredText(later: { LocalizedText(en: "to \(name)", ko: "\(name)으로") })
        #expect(text.text == LocalizedText(en: "to web", ko: "web으로"))
        #expect(DeferredText(LocalizedText(verbatim: "x")).text == LocalizedText(verbatim: "x"))
    }
}
