import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Terminal display width: how many columns text takes on a terminal.
///
/// Hangul, CJK and other East Asian Wide / Fullwidth characters take 2 columns,
/// combining marks and zero-width format characters 0, a tab advances to the next tab
/// stop, ANSI escape sequences (colour) take none. Used to align carets under source text
/// and to wrap and pad text for 80-column screens.

/// Columns a single scalar takes (tabs are counted by `displayWidth(of:)`, here 1).
package func displayWidth(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    // Hangul syllables and the unified CJK ideographs are all wide letters: answered
    // before the (costly) Unicode property lookup, as most of a Korean screen is these.
    if (0xAC00...0xD7A3).contains(value) || (0x4E00...0x9FFF).contains(value) { return 2 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format:
        return 0
    default:
        break
    }
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }  // Hangul medial/final jamo
    return isWide(value) ? 2 : 1
}

private func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
        0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
        0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
        0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
        0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
        0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD:
        return true
    default:
        return false
    }
}

/// Columns `text` takes on a terminal. Tabs advance to the next multiple of `tabWidth`;
/// ANSI escape sequences (`ESC [ ... letter`) take no room.
package func displayWidth(of text: String, tabWidth: Int = 4) -> Int {
    var width = 0
    var inEscape = false
    var sawBracket = false
    for scalar in text.unicodeScalars {
        if inEscape {
            if !sawBracket {
                sawBracket = true
                if scalar != "[" { inEscape = false }
                continue
            }
            if (0x40...0x7E).contains(scalar.value) { inEscape = false }
            continue
        }
        if scalar == "\u{1B}" {
            inEscape = true
            sawBracket = false
            continue
        }
        if scalar == "\t" {
            let step = max(1, tabWidth)
            width += step - width % step
            continue
        }
        width += displayWidth(of: scalar)
    }
    return width
}

package enum TextAlignment: Sendable {
    case left, right, center
}

/// `text` padded with spaces to `width` display columns (unchanged when already wider).
package func padded(_ text: String, toWidth width: Int, alignment: TextAlignment = .left) -> String {
    let missing = width - displayWidth(of: text)
    guard missing > 0 else { return text }
    switch alignment {
    case .left: return text + String(repeating: " ", count: missing)
    case .right: return String(repeating: " ", count: missing) + text
    case .center:
        let left = missing / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
    }
}

/// `text` cut to at most `width` columns, ending with `ellipsis` when cut. Plain text only
/// (escape sequences are not kept intact when cut).
package func truncated(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
    guard displayWidth(of: text) > width else { return text }
    let room = max(0, width - displayWidth(of: ellipsis))
    var result = ""
    var used = 0
    for character in text {
        let characterWidth = displayWidth(of: String(character))
        if used + characterWidth > room { break }
        result.append(character)
        used += characterWidth
    }
    return result + ellipsis
}

/// `text` word-wrapped to lines of at most `width` columns. Existing line breaks are kept;
/// Korean text breaks at spaces like English. A backticked code span
/// (`` `{ port: 22, from: admin }` ``) is never cut: it moves to the next line whole; a
/// span wider than the width starts a line of its own and breaks at its own spaces. Only
/// a word (or a span's word) wider than the width is broken between characters.
package func wrapped(_ text: String, toWidth width: Int) -> [String] {
    let width = max(1, width)
    var result: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if fitsAsWritten(paragraph, width) {
            result.append(String(paragraph))
            continue
        }
        var line = ""
        var lineWidth = 0
        func place(_ word: String, _ wordWidth: Int) {
            if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                return
            }
            if lineWidth > 0 {
                result.append(line)
                line = ""
                lineWidth = 0
            }
            var word = word, wordWidth = wordWidth
            if wordWidth > width {
                // One pass over the word: each character is measured once (linear in its length).
                var head = ""
                var headWidth = 0
                for character in word {
                    let characterWidth = displayWidth(of: String(character))
                    if headWidth + characterWidth > width, headWidth > 0 {
                        result.append(head)
                        head = ""
                        headWidth = 0
                    }
                    head.append(character)
                    headWidth += characterWidth
                }
                word = head
                wordWidth = headWidth
            }
            line = word
            lineWidth = wordWidth
        }
        for unit in wrapUnits(paragraph) {
            let unitWidth = displayWidth(of: unit.joined(separator: " "))
            if unit.count == 1 || unitWidth <= width {
                place(unit.joined(separator: " "), unitWidth)
                continue
            }
            // A code span wider than the line: on a line of its own, broken at its spaces.
            if lineWidth > 0 {
                result.append(line)
                line = ""
                lineWidth = 0
            }
            for word in unit { place(word, displayWidth(of: word)) }
        }
        result.append(line)
    }
    return result
}

/// A paragraph's words, those of one backticked span kept together (a span opens in a
/// word with an odd number of backticks and closes in the next such word; an unclosed
/// one stays as separate words).
/// Whether wrapping would give `paragraph` back unchanged: it fits, and its spaces are
/// single ones between words (wrapping joins words with one space). Most lines of a
/// screen are such lines; this saves splitting them into words.
private func fitsAsWritten(_ paragraph: Substring, _ width: Int) -> Bool {
    let bytes = paragraph.utf8
    guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: " "), last != UInt8(ascii: " ") else { return bytes.isEmpty }
    var previous: UInt8 = 0
    for byte in bytes {
        if byte == UInt8(ascii: "\t") || (byte == UInt8(ascii: " ") && previous == byte) { return false }
        previous = byte
    }
    return displayWidth(of: String(paragraph)) <= width
}

private func wrapUnits(_ paragraph: Substring) -> [[String]] {
    // Split and count by UTF-8 bytes (a space and a backtick are single bytes that never
    // occur inside another character's encoding): much cheaper than by `Character`.
    let words = paragraph.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    let oddBackticks = { (word: String) in word.utf8.reduce(0) { $1 == UInt8(ascii: "`") ? $0 + 1 : $0 } % 2 == 1 }
    var units: [[String]] = []
    var index = 0
    while index < words.count {
        let opens = oddBackticks(words[index])
        if opens, let close = words[(index + 1)...].firstIndex(where: oddBackticks) {
            units.append(Array(words[index...close]))
            index = close + 1
        } else {
            units.append([words[index]])
            index += 1
        }
    }
    return units
}
