import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Renders diagnostics like the Swift and Rust compilers:
///
/// ```
/// error: unknown key `subnet-id` [topology.unknown-key]
///   --> topology.yaml:12:5
///    |
/// 12 |     subnet-id: public-a
///    |     ^^^^^^^^^
///    = help: did you mean `subnet`?
/// ```
///
/// Pure: the caller passes whether to colour, the language, and how to get a file's
/// lines. Carets are placed by terminal display width (Hangul and CJK take 2 columns,
/// tabs are shown as 4 spaces), so they line up under the text a person sees.
package struct DiagnosticRenderer {
    package var style: TextStyle
    package var language: Language
    /// A file's lines (without line breaks), or nil when it cannot be read.
    package var sourceLines: (String) -> [String]?
    /// Columns of the screen: headlines, helps and notes wrap here (with `wrapped`), and a
    /// quoted source line is cut around the place to fit.
    package var width: Int

    package static let tabWidth = 4

    package init(colorize: Bool, language: Language, width: Int = 80, sourceLines: @escaping (String) -> [String]?) {
        self.style = TextStyle(colorize: colorize)
        self.language = language
        self.width = max(40, width)
        self.sourceLines = sourceLines
    }

    /// A renderer for diagnostics about one text held in memory.
    package init(colorize: Bool, language: Language, width: Int = 80, file: String, text: String) {
        let lines = Self.lines(of: text)
        self.init(colorize: colorize, language: language, width: width) { $0 == file ? lines : nil }
    }

    /// Splits text into lines the way the parser counts them (`\n`, `\r\n`, `\r`; a
    /// leading BOM dropped).
    package static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        var isFirst = true
        for scalar in text.unicodeScalars {
            defer { isFirst = false }
            if isFirst, scalar == "\u{FEFF}" { continue }
            if scalar == "\n" {
                if previousWasCarriageReturn {
                    previousWasCarriageReturn = false
                    continue
                }
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else if scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
                previousWasCarriageReturn = true
                continue
            } else {
                current.append(scalar)
            }
            previousWasCarriageReturn = false
        }
        if !current.isEmpty || lines.isEmpty { lines.append(String(current)) }
        return lines
    }

    /// How many diagnostics `render(_:)` shows before "… and N more".
    package static let shownLimit = 50
    /// How many times one source line is quoted; later diagnostics on it give the place only.
    package static let excerptsPerLine = 3
    /// Columns of a long source line quoted around the place.
    package static let excerptWidth = 100

    /// The diagnostics, each followed by a blank line: at most `limit`, then how many more
    /// there are (so 3,000 errors on one 50 KB line print a screenful, not 200 MB).
    package func render(_ diagnostics: [Diagnostic], limit: Int = DiagnosticRenderer.shownLimit) -> String {
        var quoted: [SourceLocation: Int] = [:]
        var out = ""
        for diagnostic in diagnostics.prefix(max(0, limit)) {
            var key = diagnostic.location ?? SourceLocation(file: "", line: 0, column: 0)
            key.column = 0
            quoted[key, default: 0] += 1
            out += render(diagnostic, quoteSource: quoted[key]! <= Self.excerptsPerLine) + "\n"
        }
        if diagnostics.count > limit {
            let rest = diagnostics.count - limit
            out += style.dim(Self.moreNotShown(rest).text(language)) + "\n\n"
        }
        return out
    }

    /// After the first `shownLimit` problems of a list: how many more there are.
    package static func moreNotShown(_ rest: Int) -> LocalizedText {
        LocalizedText(en: "… and \(rest) more not shown (`--json` lists every one)", ko: "… 그리고 \(rest)개 더 있어요 (`--json`으로 모두 볼 수 있어요)")
    }

    package func render(_ diagnostic: Diagnostic) -> String { render(diagnostic, quoteSource: true) }

    func render(_ diagnostic: Diagnostic, quoteSource: Bool) -> String {
        var lineNumbers: [Int] = []
        if let location = diagnostic.location { lineNumbers.append(location.line) }
        for note in diagnostic.notes {
            if let location = note.location { lineNumbers.append(location.line) }
        }
        let gutter = String(lineNumbers.max() ?? 1).count
        var output = header(diagnostic)
        if let location = diagnostic.location {
            output += snippet(at: location, length: diagnostic.length, gutter: gutter, severity: diagnostic.severity, quote: quoteSource)
        }
        let indent = String(repeating: " ", count: gutter + 1)
        if let suggestion = diagnostic.suggestion {
            output += hanging(indent + style.bold(style.cyan("= " + label(.help) + ":")), suggestion.text(language))
        }
        for note in diagnostic.notes {
            output += hanging(indent + style.bold(style.cyan("= " + label(.note) + ":")), note.message.text(language))
            if let location = note.location, location.file != diagnostic.location?.file || location.line != diagnostic.location?.line {
                output += snippet(at: location, length: 1, gutter: gutter, severity: .note)
            }
        }
        return String(output.dropLast())
    }

    private enum Label { case error, warning, note, help }

    private func label(_ label: Label) -> String {
        switch (label, language) {
        case (.error, .en): "error"
        case (.warning, .en): "warning"
        case (.note, .en): "note"
        case (.help, .en): "help"
        case (.error, .ko): "오류"
        case (.warning, .ko): "경고"
        case (.note, .ko): "참고"
        case (.help, .ko): "도움말"
        }
    }

    private func header(_ diagnostic: Diagnostic) -> String {
        let name: Label =
            switch diagnostic.severity {
            case .error: .error
            case .warning: .warning
            case .note: .note
            }
        let title = style.bold(style.severity(diagnostic.severity, label(name) + ":"))
        return hanging(title, style.bold(diagnostic.message.text(language)) + " " + style.dim("[\(diagnostic.code)]"))
    }

    /// `label text…` wrapped to the width, later lines under the text's first column
    /// (`error: …`, `= help: …`).
    private func hanging(_ label: String, _ text: String) -> String {
        let hang = displayWidth(of: label) + 1
        let lines = wrapped(text, toWidth: max(20, width - hang))
        let pad = String(repeating: " ", count: hang)
        return lines.enumerated().map { ($0.offset == 0 ? label + " " : pad) + $0.element }.joined(separator: "\n") + "\n"
    }

    private func snippet(at location: SourceLocation, length: Int, gutter: Int, severity: Diagnostic.Severity, quote: Bool = true) -> String {
        let pad = String(repeating: " ", count: gutter)
        var output = pad + style.bold(style.cyan("-->")) + " " + location.description + "\n"
        guard quote, let lines = sourceLines(location.file), location.line >= 1, location.line <= lines.count else {
            return output
        }
        let bar = style.bold(style.cyan("|"))
        let text = lines[location.line - 1]
        var scalars = Array(text.unicodeScalars)
        var startIndex = min(max(0, location.column - 1), scalars.count)
        var length = max(1, length)
        // A long line is quoted around the place only, with "…" where it was cut, so that
        // it fits the width beside the gutter.
        let room = min(Self.excerptWidth, width - gutter - 3)
        if displayWidth(of: Self.displayed(scalars[...], startingAt: 0)) > room {
            let window = Self.excerptWindow(scalars, around: startIndex, room: room - 2)
            let ellipsis: Unicode.Scalar = "…"
            let cutEnd = window.upperBound < scalars.count
            length = min(length, max(1, window.upperBound - startIndex))
            startIndex = startIndex - window.lowerBound + (window.lowerBound > 0 ? 1 : 0)
            scalars = (window.lowerBound > 0 ? [ellipsis] : []) + Array(scalars[window]) + (cutEnd ? [ellipsis] : [])
        }
        let endIndex = min(scalars.count, startIndex + length)
        let before = Self.displayed(scalars[0..<startIndex], startingAt: 0)
        let marked = Self.displayed(scalars[startIndex..<endIndex], startingAt: displayWidth(of: before))
        let caretCount = max(1, displayWidth(of: marked))
        let number = String(location.line)
        output += pad + " " + bar + "\n"
        output += style.bold(style.cyan(padded(number, toWidth: gutter, alignment: .right))) + " " + bar + " "
            + Self.displayed(scalars[...], startingAt: 0) + "\n"
        output += pad + " " + bar + " " + String(repeating: " ", count: displayWidth(of: before))
            + style.bold(style.severity(severity, String(repeating: "^", count: caretCount))) + "\n"
        return output
    }

    /// The scalars around `start` that fit `room` columns: up to a third of the room before
    /// the place, the rest after it (more before when the line ends first).
    static func excerptWindow(_ scalars: [Unicode.Scalar], around start: Int, room: Int) -> Range<Int> {
        func columns(_ scalar: Unicode.Scalar) -> Int { scalar == "\t" ? tabWidth : displayWidth(of: scalar) }
        var from = min(start, scalars.count), used = 0
        while from > 0, used + columns(scalars[from - 1]) <= room / 3 { from -= 1; used += columns(scalars[from]) }
        var to = from
        used = 0
        while to < scalars.count, used + columns(scalars[to]) <= room { used += columns(scalars[to]); to += 1 }
        while from > 0, used + columns(scalars[from - 1]) <= room { from -= 1; used += columns(scalars[from]) }
        return from..<max(to, from)
    }

    /// Source text as shown: tabs expanded to the next multiple of 4 columns (counted from
    /// `column`), other control characters dropped.
    static func displayed(_ scalars: ArraySlice<Unicode.Scalar>, startingAt column: Int) -> String {
        var result = String.UnicodeScalarView()
        var width = column
        for scalar in scalars {
            if scalar == "\t" {
                let spaces = tabWidth - width % tabWidth
                result.append(contentsOf: String(repeating: " ", count: spaces).unicodeScalars)
                width += spaces
            } else if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}" {
                continue
            } else {
                result.append(scalar)
                width += displayWidth(of: scalar)
            }
        }
        return String(result)
    }
}

/// "2 errors, 1 warning" / "오류 2개, 경고 1개".
package enum DiagnosticSummary {
    package static func text(for diagnostics: [Diagnostic], language: Language) -> String {
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        switch language {
        case .en:
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) error" + (errors == 1 ? "" : "s")) }
            if warnings > 0 { parts.append("\(warnings) warning" + (warnings == 1 ? "" : "s")) }
            return parts.isEmpty ? "no problems" : parts.joined(separator: ", ")
        case .ko:
            var parts: [String] = []
            if errors > 0 { parts.append("오류 \(errors)개") }
            if warnings > 0 { parts.append("경고 \(warnings)개") }
            return parts.isEmpty ? "문제 없음" : parts.joined(separator: ", ")
        }
    }
}
