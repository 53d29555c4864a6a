/// Flow collections (`[a, b]`, `{ k: v }`) and quoted scalars, which may span lines.
struct FlowCursor {
    var line: Int
    var index: Int
}

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

    // MARK: Flow collections

    /// Skips spaces, comments and line breaks. False at the end of the document or at a line
    /// indented no more than `minIndent` (unless it starts with a closing bracket).
    func skipFlowSpace(_ cursor: inout FlowCursor, minIndent: Int) -> Bool {
        while true {
            let line = lines[cursor.line]
            while cursor.index < line.end, source[cursor.index].isYAMLSpace { cursor.index += 1 }
            if cursor.index < line.end {
                if source[cursor.index] == "#" {
                    cursor.index = line.end
                } else {
                    return true
                }
            }
            let next = cursor.line + 1
            guard next < endLine else { return false }
            let nextLine = lines[next]
            if !nextLine.isBlank, source[nextLine.contentStart] != "#", nextLine.indent <= minIndent,
                source[nextLine.contentStart] != "]", source[nextLine.contentStart] != "}"
            {
                return false
            }
            cursor = FlowCursor(line: next, index: nextLine.start)
        }
    }

    mutating func parseFlowNode(_ cursor: inout FlowCursor, minIndent: Int) -> YAMLNode {
        let start = cursor
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            if !suppressUnclosedFlow { report(.tooDeep, line: cursor.line, at: cursor.index) }
            suppressUnclosedFlow = true
            cursor.index = lines[cursor.line].end
            return YAMLNode(.scalar("", .plain), at: location(start.line, start.index))
        }
        let (index, wasAlias) = skipProperties(cursor.line, cursor.index)
        cursor.index = index
        if wasAlias || index >= lines[cursor.line].end {
            return YAMLNode(.scalar("", .plain), at: location(start.line, start.index))
        }
        let head = source[index]
        switch head {
        case "[": return parseFlowSequence(&cursor, minIndent: minIndent)
        case "{": return parseFlowMapping(&cursor, minIndent: minIndent)
        case "\"", "'": return parseQuoted(&cursor, minIndent: minIndent, inFlow: true)
        case "|", ">", "@", "`", "%":
            report(.unexpectedCharacter(Character(head)), line: cursor.line, at: index)
            if head == "|" || head == ">" {
                cursor.index += 1
                return YAMLNode(.scalar("", .plain), at: location(cursor.line, index))
            }
        default: break
        }
        return parsePlainFlowScalar(&cursor)
    }

    /// A plain scalar inside a flow collection: up to `,`, a bracket, `: ` or ` #`.
    mutating func parsePlainFlowScalar(_ cursor: inout FlowCursor) -> YAMLNode {
        let line = lines[cursor.line]
        let start = cursor.index
        var position = start
        while position < line.end {
            let scalar = source[position]
            if scalar == "," || scalar == "[" || scalar == "]" || scalar == "{" || scalar == "}" { break }
            if scalar == ":" {
                if position + 1 == line.end { break }
                let next = source[position + 1]
                if next.isYAMLSpace || next == "," || next == "[" || next == "]" || next == "{" || next == "}" { break }
            }
            if scalar == "#", position > start, source[position - 1].isYAMLSpace { break }
            position += 1
        }
        var end = position
        while end > start, source[end - 1].isYAMLSpace { end -= 1 }
        if end == start {
            // Nothing readable here (a stray `:` or bracket): step over it.
            if start < line.end {
                report(.unexpectedCharacter(Character(source[start])), line: cursor.line, at: start)
                cursor.index = start + 1
            }
            return YAMLNode(.scalar("", .plain), at: location(cursor.line, start))
        }
        cursor.index = position
        return YAMLNode(.scalar(text(start, end), .plain), at: location(cursor.line, start), length: end - start)
    }

    mutating func reportUnclosed(_ open: FlowCursor) {
        if !suppressUnclosedFlow {
            report(.unclosedFlow(open: Character(source[open.index])), line: open.line, at: open.index)
        }
    }

    func flowLength(_ open: FlowCursor, _ cursor: FlowCursor) -> Int {
        cursor.line == open.line ? cursor.index - open.index : 1
    }

    mutating func parseFlowSequence(_ cursor: inout FlowCursor, minIndent: Int) -> YAMLNode {
        let open = cursor
        let nodeLocation = location(open.line, open.index)
        var items: [YAMLNode] = []
        cursor.index += 1
        while true {
            let before = cursor
            guard skipFlowSpace(&cursor, minIndent: minIndent) else {
                reportUnclosed(open)
                return YAMLNode(.sequence(items), at: nodeLocation)
            }
            let head = source[cursor.index]
            if head == "]" {
                cursor.index += 1
                return YAMLNode(.sequence(items), at: nodeLocation, length: flowLength(open, cursor))
            }
            if head == "}" {
                reportUnclosed(open)
                return YAMLNode(.sequence(items), at: nodeLocation)
            }
            if head == "," {
                report(.unexpectedCharacter(","), line: cursor.line, at: cursor.index)
                cursor.index += 1
                continue
            }
            items.append(parseFlowNode(&cursor, minIndent: minIndent))
            guard skipFlowSpace(&cursor, minIndent: minIndent) else {
                reportUnclosed(open)
                return YAMLNode(.sequence(items), at: nodeLocation)
            }
            let after = source[cursor.index]
            if after == "," {
                cursor.index += 1
            } else if after == ":" {
                report(.flowPairUnsupported, line: cursor.line, at: cursor.index)
                cursor.index += 1
                if skipFlowSpace(&cursor, minIndent: minIndent), source[cursor.index] != ",", source[cursor.index] != "]" {
                    _ = parseFlowNode(&cursor, minIndent: minIndent)
                }
            } else if after != "]" && after != "}" {
                report(.missingComma(close: "]"), line: cursor.line, at: cursor.index)
            }
            if cursor.line == before.line && cursor.index == before.index {
                cursor.index += 1  // never stand still
            }
        }
    }

    mutating func parseFlowMapping(_ cursor: inout FlowCursor, minIndent: Int) -> YAMLNode {
        let open = cursor
        let nodeLocation = location(open.line, open.index)
        var entries: [YAMLNode.Entry] = []
        var seen = KeyIndex()
        cursor.index += 1
        while true {
            let before = cursor
            guard skipFlowSpace(&cursor, minIndent: minIndent) else {
                reportUnclosed(open)
                return YAMLNode(.mapping(entries), at: nodeLocation)
            }
            let head = source[cursor.index]
            if head == "}" {
                cursor.index += 1
                return YAMLNode(.mapping(entries), at: nodeLocation, length: flowLength(open, cursor))
            }
            if head == "]" {
                reportUnclosed(open)
                return YAMLNode(.mapping(entries), at: nodeLocation)
            }
            if head == "," {
                report(.unexpectedCharacter(","), line: cursor.line, at: cursor.index)
                cursor.index += 1
                continue
            }
            // The key.
            let keyStart = cursor
            var key: String?
            if head == "[" || head == "{" {
                let collection = parseFlowNode(&cursor, minIndent: minIndent)
                report(.flowKey, line: keyStart.line, at: keyStart.index, length: collection.length)
            } else if head == ":" {
                report(.unexpectedCharacter(":"), line: cursor.line, at: cursor.index)
            } else {
                let node = parseFlowNode(&cursor, minIndent: minIndent)
                key = node.scalar
            }
            let keyLocation = location(keyStart.line, keyStart.index)
            let keyLength = cursor.line == keyStart.line ? max(1, cursor.index - keyStart.index) : 1
            guard skipFlowSpace(&cursor, minIndent: minIndent) else {
                reportUnclosed(open)
                return YAMLNode(.mapping(entries), at: nodeLocation)
            }
            var value: YAMLNode
            if source[cursor.index] == ":" {
                let colon = cursor
                cursor.index += 1
                guard skipFlowSpace(&cursor, minIndent: minIndent) else {
                    reportUnclosed(open)
                    return YAMLNode(.mapping(entries), at: nodeLocation)
                }
                let next = source[cursor.index]
                if next == "," || next == "}" || next == "]" {
                    value = YAMLNode(.scalar("", .plain), at: location(colon.line, colon.index + 1))
                } else {
                    value = parseFlowNode(&cursor, minIndent: minIndent)
                }
            } else {
                if let key {
                    report(.missingColon(firstWord: key), line: keyStart.line, at: keyStart.index, length: keyLength)
                }
                value = YAMLNode(.scalar("", .plain), at: location(cursor.line, cursor.index))
            }
            if let key {
                if let first = seen[key] {
                    report(
                        .duplicateKey(key), line: keyStart.line, at: keyStart.index, length: keyLength,
                        notes: [Diagnostic.Note(LocalizedText(en: "`\(key)` is first defined here", ko: "\(Korean.topic("`\(key)`")) 여기서 처음 정의됐어요."), at: first)])
                } else {
                    seen.insert(key, at: keyLocation)
                    entries.append(YAMLNode.Entry(key: key, keyLocation: keyLocation, value: value))
                }
            }
            guard skipFlowSpace(&cursor, minIndent: minIndent) else {
                reportUnclosed(open)
                return YAMLNode(.mapping(entries), at: nodeLocation)
            }
            let after = source[cursor.index]
            if after == "," {
                cursor.index += 1
            } else if after == ":", case .scalar(let text, .plain) = value.kind, let space = text.unicodeScalars.lastIndex(of: " ") {
                // `{ port: 80 to: web }`: the comma before `to` is missing.
                let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: space) + 1
                report(.missingComma(close: "}"), line: value.location.line - 1, at: lines[value.location.line - 1].start + value.location.column - 1 + offset)
                cursor.index += 1
                if skipFlowSpace(&cursor, minIndent: minIndent), source[cursor.index] != ",", source[cursor.index] != "}" {
                    _ = parseFlowNode(&cursor, minIndent: minIndent)
                }
            } else if after != "}" && after != "]" {
                report(.missingComma(close: "}"), line: cursor.line, at: cursor.index)
            }
            if cursor.line == before.line && cursor.index == before.index {
                cursor.index += 1  // never stand still
            }
        }
    }
}
