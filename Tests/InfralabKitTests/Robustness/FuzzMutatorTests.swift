import Foundation
import InfralabTestSupport
import Testing

/// The mutator behind `infralab-fuzz` (Tests/Fuzz/README.md): a seed reproduces its
/// inputs, and the inputs keep covering what the harness exists to catch — bytes that are
/// not UTF-8 and control characters that must not reach a terminal.
@Suite struct FuzzMutatorTests {
    static let seedText = """
        vpcs:
          main: { cidr: 10.0.0.0/16, region: ap-northeast-2 }
        subnets:
          public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
        instances:
          web: { subnet: public-a, public-ip: true }
        """

    static func inputs(seed: UInt64, count: Int) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in FuzzMutator.mutate(seedText, using: &random) }
    }

    @Test("the same seed gives the same inputs; another seed gives others; every input is a change")
    func deterministic() {
        let first = Self.inputs(seed: 7, count: 500), again = Self.inputs(seed: 7, count: 500)
        #expect(first == again, "seed 7 must reproduce its 500 inputs byte for byte")
        #expect(first != Self.inputs(seed: 8, count: 500), "seed 8 must not repeat seed 7's inputs")
        let unchanged = first.filter { $0 == Array(Self.seedText.utf8) }.count
        #expect(unchanged < 25, "\(unchanged) of 500 inputs are the seed text itself (a swap of equal lines can be)")
    }

    @Test("among 2,000 inputs some are not UTF-8, some hold escape sequences, C0 and C1 controls, some are grown")
    func coversHostileBytes() {
        let inputs = Self.inputs(seed: 1, count: 2000)
        let texts = inputs.compactMap { String(validating: $0, as: UTF8.self) }
        let notUTF8 = inputs.count - texts.count
        #expect(notUTF8 >= 20, "only \(notUTF8) of 2,000 inputs are invalid UTF-8")
        let escapes = texts.filter { $0.unicodeScalars.contains("\u{1B}") }.count
        let c1 = texts.filter { $0.unicodeScalars.contains { (0x80...0x9F).contains($0.value) } }.count
        let otherC0 = texts.filter { $0.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\u{1B}" } }.count
        #expect(escapes >= 20 && c1 >= 20 && otherC0 >= 20, "escapes \(escapes), C1 \(c1), other C0 \(otherC0) of 2,000")
        #expect(texts.contains { $0.contains("한국어") } && texts.contains { $0.unicodeScalars.contains("\u{FEFF}") })
        #expect(inputs.contains { $0.count > 10 * Self.seedText.utf8.count }, "no input repeats the text (larger inputs)")
        let grown = texts.filter { $0.contains("-g2:") || $0.contains("-g2 :") }
        #expect(grown.count >= 10, "only \(grown.count) inputs copy an entry under new names (more instances, subnets)")
    }

    @Test("the control-character check finds C0, DEL, C1 and a lone CR, and passes newline, tab and CR LF")
    func controlCheck() {
        #expect(FuzzMutator.controlCharacter(in: "ok\tfine\r\n한국어\n") == nil)
        #expect(FuzzMutator.controlCharacter(in: "a\u{1B}[2J") == "\u{1B}")
        #expect(FuzzMutator.controlCharacter(in: "a\u{7F}") == "\u{7F}")
        #expect(FuzzMutator.controlCharacter(in: "a\u{9B}1m") == "\u{9B}")
        #expect(FuzzMutator.controlCharacter(in: "a\rb") == "\r")
        #expect(FuzzMutator.controlCharacter(in: "a\r") == "\r")
    }
}
