/// Korean particles (조사) that depend on whether the word before ends in a consonant.
///
/// Messages put learners' names (`public-a`, `db`, `igw-main`) right before a particle,
/// so the choice is made from how the word's end is read aloud:
/// - a Hangul syllable: its final consonant;
/// - a number: as read in Sino-Korean (`80` 팔십, `443` 사백사십삼, `22` 이십이): a last
///   digit 1–9 by its own name (일, 칠, 팔 end in ㄹ; 삼, 육 in another consonant; 이, 사,
///   오, 구 in a vowel), a run of trailing zeros by its place (십, 백, 천, 만 all end in a
///   consonant other than ㄹ), a lone `0` by 영;
/// - a single letter, a known acronym (`ip`, `az`) or a vowel-less run (`db`, `vpc`,
///   `acl`): the letters' names (`l` 엘, `m` 엠, `n` 엔, `r` 알);
/// - an English word: as Korean writes it (`subnet` 서브넷, `web` 웹, `main` 메인,
///   `home` 홈, `table` 테이블 end in a consonant; `route` 라우트, `was` 와스,
///   `cloud` 클라우드, `router` 라우터, `host` 호스트 do not).
/// Backticks, closing punctuation and a YAML key's colon after the word are skipped
/// (`` `subnet:` `` reads as `subnet`).
package enum Korean {
    private enum Ending { case vowel, consonant, rieul }

    private static func ending(_ word: String) -> Ending {
        let skipped = "`'\")]}>.: ".unicodeScalars
        var scalars = Array(word.unicodeScalars)
        while let last = scalars.last, skipped.contains(last) { scalars.removeLast() }
        guard let last = scalars.last else { return .vowel }
        let value = last.value
        if (0xAC00...0xD7A3).contains(value) {
            let final = (value - 0xAC00) % 28
            return final == 0 ? .vowel : final == 8 ? .rieul : .consonant
        }
        if let digit = Int(String(last)), last.isASCII {
            return numberEnding(lastDigit: digit)
        }
        // The last run of ASCII letters.
        var token = ""
        for scalar in scalars.reversed() {
            guard scalar.isASCII, Character(scalar).isLetter else { break }
            token = String(Character(scalar)).lowercased() + token
        }
        guard !token.isEmpty else { return .vowel }
        if let known = spokenEndings[token] { return known }
        let vowels = Set("aeiouy")
        if token.count == 1 || !token.contains(where: vowels.contains) {
            switch token.last! {
            case "l", "r": return .rieul
            case "m", "n": return .consonant
            default: return .vowel
            }
        }
        if token.hasSuffix("le") || token.hasSuffix("l") { return .rieul }
        if token.hasSuffix("me") || token.hasSuffix("ne") || token.hasSuffix("ng") { return .consonant }
        return finalStopEnding(token)
    }

    /// An English word ending in b, c, k, m, n, p or t: a consonant after a vowel, a double
    /// letter or `ck` (웹, 서브넷, 앱, 스택), a vowel after another consonant (호스트, 클라이언트, 점프).
    private static func finalStopEnding(_ token: String) -> Ending {
        let letters = Array(token)
        guard let last = letters.last, "bcklmnpt".contains(last) else { return .vowel }
        guard "ckpt".contains(last), letters.count >= 2 else { return .consonant }
        let before = letters[letters.count - 2]
        if before == last || (before == "c" && last == "k") || "aeiouy".contains(before) { return .consonant }
        return .vowel
    }

    /// Words whose spoken ending the spelling rules below would get wrong: acronyms spelled
    /// letter by letter although they contain a vowel, and English words read otherwise.
    private static let spokenEndings: [String: Ending] = [
        "ip": .vowel, "az": .vowel, "id": .vowel, "ui": .vowel, "eip": .vowel, "alb": .vowel,
        "nlb": .vowel, "elb": .vowel, "icmp": .vowel, "private": .consonant,
    ]

    /// The ending of a number whose last digit is `lastDigit`: a non-zero digit by its name;
    /// a trailing zero by 십/백/천/만 (`80` 팔십, `8080` 팔천팔십) or, alone, by 영.
    private static func numberEnding(lastDigit: Int) -> Ending {
        guard lastDigit == 0 else {
            return [1, 7, 8].contains(lastDigit) ? .rieul : [3, 6].contains(lastDigit) ? .consonant : .vowel
        }
        // 10 십, 100 백, 1000 천, 10000 만 — or 0 영 alone: every one ends in ㅂ/ㄱ/ㄴ/ㅇ.
        return .consonant
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
    /// `word` + 이라는/라는 (`db`라는 이름, `main`이라는 이름)
    package static func quoting(_ word: String) -> String { word + (endsInConsonant(word) ? "이라는" : "라는") }
    /// `word` + 이나/나 (`public`이나 `private`)
    package static func or(_ word: String) -> String { word + (endsInConsonant(word) ? "이나" : "나") }
    /// `word` + 이에요/예요
    package static func isA(_ word: String) -> String { word + (endsInConsonant(word) ? "이에요" : "예요") }
}
