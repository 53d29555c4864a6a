import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

@Suite struct YAMLSourceDecodingTests {
    @Test("decoding UTF-8 bytes directly gives the same scalars as the standard library")
    func matchesStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "Z", " ", "\n", "\t", "#", "é", "ß", "한", "국", "\u{1F600}", "\u{10FFFF}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "\u{FEFF}"]
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
            let string = String(text)
            #expect(YAMLSource.decodeScalars(string) == Array(string.unicodeScalars), "\(string.debugDescription)")
        }
    }
}
