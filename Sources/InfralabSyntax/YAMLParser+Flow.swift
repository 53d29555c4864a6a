/// Flow collections (`[a, b]`, `{ k: v }`), which may span lines.
extension YAMLBlockParser {
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
        case "[", "{": return parseFlowCollection(&cursor, minIndent: minIndent)
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

    /// A flow sequence or mapping, at its `[` or `{`. Both share one loop: stray commas,
    /// the wrong closing bracket, a missing comma and never standing still are handled
    /// alike; only an entry (a node, or `key: value`) and a `:` after it differ.
    mutating func parseFlowCollection(_ cursor: inout FlowCursor, minIndent: Int) -> YAMLNode {
        let open = cursor
        let isMapping = source[open.index] == "{"
        let close: Unicode.Scalar = isMapping ? "}" : "]"
        let wrongClose: Unicode.Scalar = isMapping ? "]" : "}"
        var items: [YAMLNode] = []
        var entries: [YAMLNode.Entry] = []
        var seen = KeyIndex()
        func collection(length: Int = 1) -> YAMLNode {
            YAMLNode(isMapping ? .mapping(entries) : .sequence(items), at: location(open.line, open.index), length: length)
        }
        cursor.index += 1
        while true {
            let before = cursor
            guard skipFlowSpace(&cursor, minIndent: minIndent) else {
                reportUnclosed(open)
                return collection()
            }
            let head = source[cursor.index]
            if head == close {
                cursor.index += 1
                return collection(length: flowLength(open, cursor))
            }
            if head == wrongClose {
                reportUnclosed(open)
                return collection()
            }
            if head == "," {
                report(.unexpectedCharacter(","), line: cursor.line, at: cursor.index)
                cursor.index += 1
                continue
            }
            let value: YAMLNode
            if isMapping {
                guard let entryValue = parseFlowEntry(&cursor, minIndent: minIndent, seen: &seen, into: &entries) else {
                    reportUnclosed(open)
                    return collection()
                }
                value = entryValue
            } else {
                value = parseFlowNode(&cursor, minIndent: minIndent)
                items.append(value)
            }
            guard skipFlowSpace(&cursor, minIndent: minIndent) else {
                reportUnclosed(open)
                return collection()
            }
            let after = source[cursor.index]
            if after == "," {
                cursor.index += 1
            } else if after == ":", let (problem, at) = isMapping ? missingCommaBefore(value) : (.flowPairUnsupported, cursor) {
                report(problem, line: at.line, at: at.index)
                // Read what follows the `:` for its own problems, then go on.
                cursor.index += 1
                if skipFlowSpace(&cursor, minIndent: minIndent), source[cursor.index] != ",", source[cursor.index] != close {
                    _ = parseFlowNode(&cursor, minIndent: minIndent)
                }
            } else if after != close && after != wrongClose {
                report(.missingComma(close: Character(close)), line: cursor.line, at: cursor.index)
            }
            if cursor.line == before.line && cursor.index == before.index {
                cursor.index += 1  // never stand still
            }
        }
    }

    /// `{ port: 80 to: web }`: a `:` after a plain value with a space in it is a key whose
    /// comma is missing; the problem is at the space.
    func missingCommaBefore(_ value: YAMLNode) -> (YAMLProblem, FlowCursor)? {
        guard case .scalar(let text, .plain) = value.kind, let space = text.unicodeScalars.lastIndex(of: " ") else { return nil }
        let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: space) + 1
        let line = value.location.line - 1
        return (.missingComma(close: "}"), FlowCursor(line: line, index: lines[line].start + value.location.column - 1 + offset))
    }

    /// One `key: value` of a flow mapping, added to `entries` (a refused or duplicate key is
    /// reported and left out). Returns the value, or nil at an unclosed end.
    mutating func parseFlowEntry(
        _ cursor: inout FlowCursor, minIndent: Int, seen: inout KeyIndex, into entries: inout [YAMLNode.Entry]
    ) -> YAMLNode? {
        let keyStart = cursor
        let head = source[cursor.index]
        var key: String?
        if head == "[" || head == "{" {
            let collection = parseFlowNode(&cursor, minIndent: minIndent)
            report(.flowKey, line: keyStart.line, at: keyStart.index, length: collection.length)
        } else if head == ":" {
            report(.unexpectedCharacter(":"), line: cursor.line, at: cursor.index)
        } else {
            key = parseFlowNode(&cursor, minIndent: minIndent).scalar
        }
        let keyLength = cursor.line == keyStart.line ? max(1, cursor.index - keyStart.index) : 1
        guard skipFlowSpace(&cursor, minIndent: minIndent) else { return nil }
        var value: YAMLNode
        if source[cursor.index] == ":" {
            let colon = cursor
            cursor.index += 1
            guard skipFlowSpace(&cursor, minIndent: minIndent) else { return nil }
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
            addEntry(key, line: keyStart.line, at: keyStart.index, length: keyLength, value: value, seen: &seen, to: &entries)
        }
        return value
    }
}
