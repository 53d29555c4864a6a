import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// ANSI text styling that does nothing when colour is off.
///
/// Decide colour once at the top (`--color`, `NO_COLOR`, `TERM`, `isatty`) and pass a
/// `TextStyle` down; every function here is pure.
package struct TextStyle: Sendable, Hashable {
    package var isEnabled: Bool

    package init(colorize: Bool) { self.isEnabled = colorize }

    package static let plain = TextStyle(colorize: false)
    package static let ansi = TextStyle(colorize: true)

    /// `text` wrapped in `ESC[<on>m … ESC[<off>m`; each style resets only itself so
    /// styles nest.
    package func apply(_ on: String, _ off: String, to text: String) -> String {
        guard isEnabled, !text.isEmpty else { return text }
        return "\u{1B}[\(on)m" + text + "\u{1B}[\(off)m"
    }

    package func bold(_ text: String) -> String { apply("1", "22", to: text) }
    package func dim(_ text: String) -> String { apply("2", "22", to: text) }
    package func italic(_ text: String) -> String { apply("3", "23", to: text) }
    package func underline(_ text: String) -> String { apply("4", "24", to: text) }
    package func red(_ text: String) -> String { apply("31", "39", to: text) }
    package func green(_ text: String) -> String { apply("32", "39", to: text) }
    package func yellow(_ text: String) -> String { apply("33", "39", to: text) }
    package func blue(_ text: String) -> String { apply("34", "39", to: text) }
    package func magenta(_ text: String) -> String { apply("35", "39", to: text) }
    package func cyan(_ text: String) -> String { apply("36", "39", to: text) }
    package func gray(_ text: String) -> String { apply("90", "39", to: text) }

    /// The colour infralab uses for a diagnostic's severity.
    package func severity(_ severity: Diagnostic.Severity, _ text: String) -> String {
        switch severity {
        case .error: red(text)
        case .warning: yellow(text)
        case .note: cyan(text)
        }
    }
}

extension String {
    /// The text without ANSI escape sequences.
    package var removingANSIEscapes: String {
        var result = String.UnicodeScalarView()
        var inEscape = false
        var sawBracket = false
        for scalar in unicodeScalars {
            if inEscape {
                if !sawBracket {
                    sawBracket = true
                    if scalar != "[" { inEscape = false }
                } else if (0x40...0x7E).contains(scalar.value) {
                    inEscape = false
                }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                sawBracket = false
                continue
            }
            result.append(scalar)
        }
        return String(result)
    }
}
