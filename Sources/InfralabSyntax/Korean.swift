/// Korean particles (조사) that depend on whether the word before ends in a consonant.
///
/// Messages put learners' names (`public-a`, `db`, `igw-main`) right before a particle,
/// so the choice is made from how the word's end is read aloud:
/// - a Hangul syllable: its final consonant;
/// - a digit: 영, 일, 삼, 육, 칠, 팔 end in a consonant (0 1 3 6 7 8);
/// - a single letter, a known acronym (`ip`, `az`) or a vowel-less run (`db`, `vpc`,
///   `acl`): the letters' names (`l` 엘, `m` 엠, `n` 엔, `r` 알);
/// - an English word: as Korean writes it (`subnet` 서브넷, `web` 웹, `main` 메인,
///   `home` 홈, `table` 테이블 end in a consonant; `route` 라우트, `was` 워스,
///   `cloud` 클라우드, `router` 라우터 do not).
/// Backticks and closing punctuation around the word are skipped.
package enum Korean {
    private enum Ending { case vowel, consonant, rieul }

    private static func ending(_ word: String) -> Ending {
        let skipped = "`'\")]}>. ".unicodeScalars
        var scalars = Array(word.unicodeScalars)
        while let last = scalars.last, skipped.contains(last) { scalars.removeLast() }
        guard let last = scalars.last else { return .vowel }
        let value = last.value
        if (0xAC00...0xD7A3).contains(value) {
            let final = (value - 0xAC00) % 28
            return final == 0 ? .vowel : final == 8 ? .rieul : .consonant
        }
        if let digit = Int(String(last)), last.isASCII {
            return [1, 7, 8].contains(digit) ? .rieul : [0, 3, 6].contains(digit) ? .consonant : .vowel
        }
        // The last run of ASCII letters.
        var token = ""
        for scalar in scalars.reversed() {
            guard scalar.isASCII, Character(scalar).isLetter else { break }
            token = String(Character(scalar)).lowercased() + token
        }
        guard !token.isEmpty else { return .vowel }
        let vowels = Set("aeiouy")
        if token.count == 1 || ["ip", "az", "id", "ui"].contains(token) || !token.contains(where: vowels.contains) {
            switch token.last! {
            case "l", "r": return .rieul
            case "m", "n": return .consonant
            default: return .vowel
            }
        }
        if token.hasSuffix("le") || token.hasSuffix("l") { return .rieul }
        if token.hasSuffix("me") || token.hasSuffix("ne") || token.hasSuffix("ng") { return .consonant }
        return "bcklmnpt".contains(token.last!) ? .consonant : .vowel
    }

    static func endsInConsonant(_ word: String) -> Bool { ending(word) != .vowel }

    /// Whether the final consonant is ㄹ (for 으로/로).
    static func endsInRieul(_ word: String) -> Bool { ending(word) == .rieul }

    /// `word` + 이/가
    package static func subject(_ word: String) -> String { word + (endsInConsonant(word) ? "이" : "가") }
    /// `word` + 은/는
    package static func topic(_ word: String) -> String { word + (endsInConsonant(word) ? "은" : "는") }
    /// `word` + 을/를
    package static func object(_ word: String) -> String { word + (endsInConsonant(word) ? "을" : "를") }
    /// `word` + 과/와
    package static func and(_ word: String) -> String { word + (endsInConsonant(word) ? "과" : "와") }
    /// `word` + 으로/로
    package static func toward(_ word: String) -> String {
        word + (endsInConsonant(word) && !endsInRieul(word) ? "으로" : "로")
    }
    /// `word` + 이에요/예요
    package static func isA(_ word: String) -> String { word + (endsInConsonant(word) ? "이에요" : "예요") }
}
