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
        scalars.withUnsafeBufferPointer { string($0[...]) }
    }

    /// The String of some scalars, encoded into the String's own storage in one pass
    /// (the one encoder for quoted values and source text).
    static func string(_ scalars: Slice<UnsafeBufferPointer<Unicode.Scalar>>) -> String {
        guard !scalars.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: scalars.count * 4) { output in
            var count = 0
            for scalar in scalars {
                let value = scalar.value
                if value < 0x80 {
                    output[count] = UInt8(truncatingIfNeeded: value)
                    count += 1
                } else {
                    for unit in UTF8.encode(scalar) ?? UTF8.EncodedScalar() {
                        output[count] = unit
                        count += 1
                    }
                }
            }
            return count
        }
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
            if !pending.isEmpty {
                value.append(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
            }
            guard quote == "\"", scalar == "\\" else {
                // A run of ordinary text up to the quote, an escape or the line's end, taken
                // whole; its trailing blanks wait in `pending` (a line break folds them away).
                var runEnd = index + 1
                while runEnd < end, source[runEnd] != quote, !(quote == "\"" && source[runEnd] == "\\") { runEnd += 1 }
                var textEnd = runEnd
                while textEnd > index + 1, source[textEnd - 1] == " " || source[textEnd - 1] == "\t" { textEnd -= 1 }
                value.append(contentsOf: source.scalars[index..<textEnd])
                if textEnd < runEnd { pending.append(contentsOf: source.scalars[textEnd..<runEnd]) }
                index = runEnd
                continue
            }
            guard index + 1 < end else {
                escapedBreak = true
                index = end
                continue
            }
            let escape = decodeEscape(line, index)
            if let scalar = escape.scalar { value.append(scalar) }
            if let problem = escape.problem { problems.append((problem, FlowCursor(line: line, index: index), escape.consumed)) }
            index += escape.consumed
        }
    }

    /// The escape at `index` (a `\` with at least one character after it on its line): the
    /// scalar it stands for, how many positions it takes, and the problem with it if any
    /// (an unknown letter, or `x`/`u`/`U` without its hex digits, is kept as written; a code
    /// that is no Unicode scalar is dropped).
    func decodeEscape(_ line: Int, _ index: Int) -> (scalar: Unicode.Scalar?, consumed: Int, problem: YAMLProblem?) {
        let end = lines[line].end
        let escape = source[index + 1]
        if let simple = Self.simpleEscapes[escape] { return (simple, 2, nil) }
        guard let digits: Int = escape == "x" ? 2 : escape == "u" ? 4 : escape == "U" ? 8 : nil,
            let code = hexValue(line, index + 2, digits)
        else {
            return (escape, 2, .invalidEscape(text(index, index + 2)))
        }
        // A UTF-16 surrogate pair written as two `\u` escapes.
        if Unicode.Scalar(code) == nil, (0xD800...0xDBFF).contains(code), index + 12 <= end, source[index + 6] == "\\",
            source[index + 7] == "u", let low = hexValue(line, index + 8, 4), (0xDC00...0xDFFF).contains(low),
            let pair = Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
        {
            return (pair, 12, nil)
        }
        if let resolved = Unicode.Scalar(code) { return (resolved, 2 + digits, nil) }
        let length = min(2 + digits, end - index)
        return (nil, length, .invalidEscape(text(index, index + length)))
    }

    /// `\n`, `\t`, … : the escapes that stand for one fixed scalar.
    static let simpleEscapes: [Unicode.Scalar: Unicode.Scalar] = [
        "n": "\n", "t": "\t", "\t": "\t", "r": "\r", "0": "\u{0}", "a": "\u{7}", "b": "\u{8}", "e": "\u{1B}", "f": "\u{C}",
        "v": "\u{B}", " ": " ", "/": "/", "\\": "\\", "\"": "\"", "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
    ]

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
