import Foundation

/// The one sanitizer for text on its way to a terminal.
///
/// Stories, titles and hints come from mission packs; unknown keys, names and file names
/// in diagnostics come from the learner's file; `--from` values from the command line.
/// None of them may drive the terminal: every C0 control except newline, tab and a CR
/// right before a newline (CSV's CRLF), DEL,
/// every C1 control, and every escape sequence (CSI such as `ESC[2J`, OSC such as window
/// titles, hyperlinks and clipboard writes, DCS/APC/PM/SOS strings) is removed, payload
/// and all. With `keepingStyles`, SGR colour sequences (`ESC[1;31m`) that infralab's own
/// `TextStyle` writes are kept; nothing else is.
package enum TerminalText {
    /// `text` safe to print. Linear in its length; text without controls is returned as is.
    package static func sanitized(_ text: String, keepingStyles: Bool = false) -> String {
        guard needsSanitizing(text) else { return text }
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let value = scalar.value
            if value == 0x1B || value == 0x9B || value == 0x9D || value == 0x90 || value == 0x98 || value == 0x9E || value == 0x9F {
                let end = endOfSequence(scalars, from: index)
                if keepingStyles, isSGR(scalars, from: index, to: end) {
                    output.append(contentsOf: scalars[index..<end])
                }
                index = end
                continue
            }
            // A CR before LF (CSV's line ends) is harmless; a lone CR could overwrite a line.
            if isControl(value), !(value == 0x0D && index + 1 < scalars.count && scalars[index + 1] == "\n") {
                index += 1
                continue
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }

    /// Whether `text` holds anything `sanitized` would change (a quick byte scan).
    package static func needsSanitizing(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20, byte != 0x0A, byte != 0x09, byte != 0x0D { return true }
            if previous == 0x0D, byte != 0x0A { return true }
            if byte == 0x7F { return true }
            if previous == 0xC2, (0x80...0x9F).contains(byte) { return true }  // C1 in UTF-8
            previous = byte
        }
        return previous == 0x0D
    }

    static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
    }

    /// Index just past the escape sequence starting at `start` (ESC or a C1 introducer).
    static func endOfSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var kind = scalars[start].value
        var index = start + 1
        if kind == 0x1B {
            guard index < scalars.count else { return index }
            let next = scalars[index].value
            switch next {
            case 0x5B: kind = 0x9B  // ESC [  → CSI
            case 0x5D: kind = 0x9D  // ESC ]  → OSC
            case 0x50: kind = 0x90  // ESC P  → DCS
            case 0x58: kind = 0x98  // ESC X  → SOS
            case 0x5E: kind = 0x9E  // ESC ^  → PM
            case 0x5F: kind = 0x9F  // ESC _  → APC
            default:
                // Two-character escapes (ESC c, ESC 7, …), intermediates included.
                while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
                return min(scalars.count, index + 1)
            }
            index += 1
        }
        if kind == 0x9B {
            // CSI: parameter and intermediate bytes, then one final byte.
            while index < scalars.count {
                let value = scalars[index].value
                index += 1
                if (0x40...0x7E).contains(value) || !(0x20...0x3F).contains(value) { break }
            }
            return index
        }
        // String sequences run to BEL, ST (ESC \ or 0x9C), or the end of the line.
        while index < scalars.count {
            let value = scalars[index].value
            if value == 0x07 || value == 0x9C || value == 0x0A { return index + (value == 0x0A ? 0 : 1) }
            if value == 0x1B {
                return index + 1 < scalars.count && scalars[index + 1] == "\\" ? index + 2 : index
            }
            index += 1
        }
        return index
    }

    /// `ESC [ digits;… m`: a colour or weight, nothing more.
    static func isSGR(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Bool {
        guard end - start >= 3, scalars[start] == "\u{1B}", scalars[start + 1] == "[", scalars[end - 1] == "m" else { return false }
        return scalars[(start + 2)..<(end - 1)].allSatisfy { ("0"..."9").contains($0) || $0 == ";" }
    }
}

/// Commands suggested on screens (`` `infralab next` ``) spelled the way this learner runs
/// infralab (`swift run infralab next`, `./.build/debug/infralab next`): the one helper,
/// used by the screens before wrapping and by `Output` for anything else.
package enum SuggestedCommand {
    package static func respell(_ text: String, as spelling: String) -> String {
        guard spelling != "infralab" else { return text }
        return text.replacingText("`infralab ", with: "`\(spelling) ")
    }
}
