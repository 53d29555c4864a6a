/// Korean particles (조사) that depend on whether the word before ends in a consonant.
///
/// Messages put learners' names (`public-a`, `db`) right before a particle, so the
/// choice is made from the word's last character: a Hangul syllable's final consonant,
/// or how a Latin letter or digit is read aloud (`l` 엘, `m` 엠, `n` 엔, `r` 알;
/// `0` 영, `1` 일, `3` 삼, `6` 육, `7` 칠, `8` 팔). Backticks and closing punctuation
/// around the word are skipped.
enum Korean {
    static func endsInConsonant(_ word: String) -> Bool {
        guard let last = word.unicodeScalars.last(where: { !"`'\")]}>. ".unicodeScalars.contains($0) }) else { return false }
        let value = last.value
        if (0xAC00...0xD7A3).contains(value) { return (value - 0xAC00) % 28 != 0 }
        switch Character(last).lowercased() {
        case "l", "m", "n", "r", "0", "1", "3", "6", "7", "8": return true
        default: return false
        }
    }

    /// Whether the final consonant is ㄹ (for 으로/로).
    static func endsInRieul(_ word: String) -> Bool {
        guard let last = word.unicodeScalars.last(where: { !"`'\")]}>. ".unicodeScalars.contains($0) }) else { return false }
        let value = last.value
        if (0xAC00...0xD7A3).contains(value) { return (value - 0xAC00) % 28 == 8 }
        return ["l", "r", "1", "7", "8"].contains(Character(last).lowercased())
    }

    /// `word` + 이/가
    static func subject(_ word: String) -> String { word + (endsInConsonant(word) ? "이" : "가") }
    /// `word` + 은/는
    static func topic(_ word: String) -> String { word + (endsInConsonant(word) ? "은" : "는") }
    /// `word` + 을/를
    static func object(_ word: String) -> String { word + (endsInConsonant(word) ? "을" : "를") }
    /// `word` + 과/와
    static func and(_ word: String) -> String { word + (endsInConsonant(word) ? "과" : "와") }
    /// `word` + 으로/로
    static func toward(_ word: String) -> String {
        word + (endsInConsonant(word) && !endsInRieul(word) ? "으로" : "로")
    }
    /// `word` + 이에요/예요
    static func isA(_ word: String) -> String { word + (endsInConsonant(word) ? "이에요" : "예요") }
}
