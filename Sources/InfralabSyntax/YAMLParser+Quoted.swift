/// A position in the source while reading flow collections and quoted scalars, which may
/// span lines.
struct FlowCursor {
    var line: Int
    var index: Int
}

/// Single- and double-quoted scalars: folding over lines, escapes, the closing quote.
extension YAMLBlockParser {
    struct QuotedScan {
        var value: String
        var isClosed: Bool
        /// Just past the closing quote, or the end of the last line read.
        var end: FlowCursor
        var problems: [(YAMLProblem, FlowCursor, Int)] = []
    }

    /// Decodes the quoted scalar whose opening quote is at `start`. Continuation lines must
    /// be indented more than `minIndent` (a line that is not ends an unterminated string).
    /// Encoding to UTF-8 bytes and decoding once is far cheaper than appending scalars
    /// to a String one by one.
    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    func decodeQuoted(_ start: FlowCursor, minIndent: Int) -> QuotedScan {
        let quote = source[start.index]
        // Scalars collect in arrays (cheap appends) and become a String once at the end.
        var value: [Unicode.Scalar] = []
        var pending: [Unicode.Scalar] = []
        var line = start.line
        var index = start.index + 1
        var escapedBreak = false
        var problems: [(YAMLProblem, FlowCursor, Int)] = []
        while true {
            let end = lines[line].end
            if index >= end {
                var next = line + 1
                var empty = 0
                while next < endLine, lines[next].isBlank {
                    empty += 1
                    next += 1
                }
                let nextLine = next < endLine ? lines[next] : nil
                guard let nextLine, nextLine.indent > minIndent || minIndent == Int.min else {
                    value.append(contentsOf: pending)
                    return QuotedScan(value: Self.string(value), isClosed: false, end: FlowCursor(line: line, index: end), problems: problems)
                }
                if !escapedBreak { pending.removeAll(keepingCapacity: true) }
                value.append(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
                if empty > 0 {
                    value.append(contentsOf: String(repeating: "\n", count: empty).unicodeScalars)
                } else if !escapedBreak {
                    value.append(" ")
                }
                escapedBreak = false
                line = next
                index = nextLine.contentStart
                continue
            }
            let scalar = source[index]
            if scalar == quote {
                if quote == "'", index + 1 < end, source[index + 1] == "'" {
                    value.append(contentsOf: pending)
                    pending.removeAll(keepingCapacity: true)
                    value.append("'")
                    index += 2
                    continue
                }
                value.append(contentsOf: pending)
                return QuotedScan(value: Self.string(value), isClosed: true, end: FlowCursor(line: line, index: index + 1), problems: problems)
            }
            if scalar == " " || scalar == "\t" {
                pending.append(scalar)
                index += 1
                continue
            }
            value.append(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
            guard quote == "\"", scalar == "\\" else {
                value.append(scalar)
                index += 1
                continue
            }
            guard index + 1 < end else {
                escapedBreak = true
                index = end
                continue
            }
            let escape = source[index + 1]
            var simple: Unicode.Scalar?
            switch escape {
            case "n": simple = "\n"
            case "t", "\t": simple = "\t"
            case "r": simple = "\r"
            case "0": simple = "\u{0}"
            case "a": simple = "\u{7}"
            case "b": simple = "\u{8}"
            case "e": simple = "\u{1B}"
            case "f": simple = "\u{C}"
            case "v": simple = "\u{B}"
            case " ": simple = " "
            case "/": simple = "/"
            case "\\": simple = "\\"
            case "\"": simple = "\""
            case "N": simple = "\u{85}"
            case "_": simple = "\u{A0}"
            case "L": simple = "\u{2028}"
            case "P": simple = "\u{2029}"
            default: break
            }
            if let simple {
                value.append(simple)
                index += 2
                continue
            }
            let digits: Int? = escape == "x" ? 2 : escape == "u" ? 4 : escape == "U" ? 8 : nil
            if let digits, let code = hexValue(line, index + 2, digits) {
                var resolved = Unicode.Scalar(code)
                var consumed = 2 + digits
                // A UTF-16 surrogate pair written as two `\u` escapes.
                if resolved == nil, (0xD800...0xDBFF).contains(code), index + 12 <= end, source[index + 6] == "\\",
                    source[index + 7] == "u", let low = hexValue(line, index + 8, 4), (0xDC00...0xDFFF).contains(low)
                {
                    resolved = Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                    consumed = 12
                }
                if let resolved {
                    value.append(resolved)
                    index += consumed
                    continue
                }
                let length = min(consumed, end - index)
                problems.append((.invalidEscape(text(index, index + length)), FlowCursor(line: line, index: index), length))
                index += length
                continue
            }
            problems.append((.invalidEscape(text(index, index + 2)), FlowCursor(line: line, index: index), 2))
            value.append(escape)
            index += 2
        }
    }

    func hexValue(_ line: Int, _ index: Int, _ digits: Int) -> UInt32? {
        guard index + digits <= lines[line].end else { return nil }
        var result: UInt32 = 0
        for position in index..<(index + digits) {
            guard let digit = source[position].properties.isASCIIHexDigit ? UInt32(String(source[position]), radix: 16) : nil else {
                return nil
            }
            result = result * 16 + digit
        }
        return result
    }

    /// A quoted scalar at `cursor`, reporting its problems; moves the cursor past it.
    mutating func parseQuoted(_ cursor: inout FlowCursor, minIndent: Int, inFlow: Bool) -> YAMLNode {
        let start = cursor
        let quote = source[start.index]
        let scan = decodeQuoted(start, minIndent: minIndent)
        for (problem, at, length) in scan.problems {
            report(problem, line: at.line, at: at.index, length: length)
        }
        let length: Int
        if scan.isClosed {
            length = scan.end.line == start.line ? scan.end.index - start.index : lines[start.line].end - start.index
        } else {
            length = 1
            report(.unterminatedString(quote: Character(quote)), line: start.line, at: start.index)
            if inFlow { suppressUnclosedFlow = true }
        }
        cursor = scan.end
        return YAMLNode(.scalar(scan.value, quote == "'" ? .singleQuoted : .doubleQuoted), at: location(start.line, start.index), length: length)
    }
}
