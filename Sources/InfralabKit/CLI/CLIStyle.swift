/// ANSI styling for the CLI's own text (help, usage errors, summaries). Every method
/// returns its input untouched when `colorize` is false.
struct CLIStyle {
    var colorize: Bool

    func bold(_ text: String) -> String { sgr("1", text) }
    func red(_ text: String) -> String { sgr("1;31", text) }
    func yellow(_ text: String) -> String { sgr("1;33", text) }
    func green(_ text: String) -> String { sgr("1;32", text) }
    func cyan(_ text: String) -> String { sgr("36", text) }
    func dim(_ text: String) -> String { sgr("2", text) }

    private func sgr(_ code: String, _ text: String) -> String {
        colorize ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func errorLabel(language: Language, colorize: Bool) -> String {
        CLIStyle(colorize: colorize).red(LocalizedText(en: "error:", ko: "오류:").text(language)) + " "
    }

    static func warningLabel(language: Language, colorize: Bool) -> String {
        CLIStyle(colorize: colorize).yellow(LocalizedText(en: "warning:", ko: "경고:").text(language)) + " "
    }

    /// Terminal columns a text takes: wide (two columns) for Hangul and CJK, one otherwise.
    static func displayWidth(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F: total  // combining marks, zero-width
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6:
                total + 2
            default: total + 1
            }
        }
    }
}
