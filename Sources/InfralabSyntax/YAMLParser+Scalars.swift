/// Values in block context: plain scalars folded over lines, literal (`|`) and folded (`>`)
/// block scalars, and the dispatch to quoted scalars and flow collections.
extension YAMLBlockParser {
    /// A scalar or a flow collection starting at `index`; lines it continues on must be
    /// indented more than `parentIndent`. Sets `current` to the line after it.
    mutating func parseInlineValue(_ number: Int, _ index: Int, parentIndent: Int) -> YAMLNode {
        let head = source[index]
        switch head {
        case "[", "{":
            suppressUnclosedFlow = false
            var cursor = FlowCursor(line: number, index: index)
            let node = parseFlowNode(&cursor, minIndent: parentIndent)
            finishLine(cursor)
            return node
        case "\"", "'":
            var cursor = FlowCursor(line: number, index: index)
            let node = parseQuoted(&cursor, minIndent: parentIndent, inFlow: false)
            finishLine(cursor)
            return node
        case "|", ">":
            return parseBlockScalar(number, index, parentIndent: parentIndent)
        case "]", "}", ",", "@", "`", "%":
            report(.unexpectedCharacter(Character(head)), line: number, at: index)
        default:
            break
        }
        return parsePlainBlockScalar(number, index, parentIndent: parentIndent)
    }

    /// After a flow collection or quoted scalar: only a comment may follow on its line.
    mutating func finishLine(_ cursor: FlowCursor) {
        if cursor.line >= endLine {
            current = endLine
            return
        }
        let rest = skipSpaces(from: cursor.index, in: cursor.line)
        if rest < lines[cursor.line].end, source[rest] != "#" {
            report(.unexpectedText, line: cursor.line, at: rest, length: lines[cursor.line].end - rest)
        }
        current = cursor.line + 1
    }

    /// A plain scalar in block context, folded over continuation lines.
    mutating func parsePlainBlockScalar(_ number: Int, _ index: Int, parentIndent: Int) -> YAMLNode {
        var (end, hadComment) = plainLineEnd(number, index)
        var value = text(index, end)
        let nodeLocation = location(number, index)
        let length = end - index
        current = number + 1
        var line = number + 1
        var blankLines = 0
        while !hadComment, line < endLine {
            let candidate = lines[line]
            if candidate.isBlank {
                blankLines += 1
                line += 1
                continue
            }
            let start = candidate.contentStart
            if candidate.tabInIndentation != nil || candidate.indent <= parentIndent || source[start] == "#"
                || isSequenceItem(line, start) || scanKey(line, start) != nil || documentMarker(line) != nil
            {
                break
            }
            (end, hadComment) = plainLineEnd(line, start)
            value += blankLines == 0 ? " " : String(repeating: "\n", count: blankLines)
            value += text(start, end)
            blankLines = 0
            line += 1
            current = line
        }
        return YAMLNode(.scalar(value, .plain), at: nodeLocation, length: length)
    }

    /// Where a plain scalar's text ends on a line (before ` #` and trailing spaces).
    func plainLineEnd(_ number: Int, _ index: Int) -> (end: Int, hadComment: Bool) {
        let line = lines[number]
        var position = index
        var hadComment = false
        while position < line.end {
            if source[position] == "#", position > index, source[position - 1].isYAMLSpace {
                hadComment = true
                break
            }
            position += 1
        }
        while position > index, source[position - 1].isYAMLSpace { position -= 1 }
        return (position, hadComment)
    }

    // MARK: Block scalars

    mutating func parseBlockScalar(_ number: Int, _ index: Int, parentIndent: Int) -> YAMLNode {
        let isLiteral = source[index] == "|"
        let header = readBlockScalarHeader(number, index)
        var contentLines = blockScalarLines(after: number, parentIndent: parentIndent, explicitIndent: header.explicitIndent)
        // Trailing blank lines are set aside for chomping.
        var trailing = 0
        while let last = contentLines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) {
            contentLines.removeLast()
            trailing += 1
        }
        var value = isLiteral ? contentLines.joined(separator: "\n") : Self.fold(contentLines)
        switch header.chomping {
        case "-":
            break
        case "+":
            value += contentLines.isEmpty ? String(repeating: "\n", count: trailing) : String(repeating: "\n", count: trailing + 1)
        default:
            if !contentLines.isEmpty { value += "\n" }
        }
        return YAMLNode(.scalar(value, isLiteral ? .literal : .folded), at: location(number, index), length: header.length)
    }

    /// The indicators after `|` or `>` (chomping `-`/`+`, an indentation digit), reporting
    /// anything else on the line.
    mutating func readBlockScalarHeader(_ number: Int, _ index: Int) -> (chomping: Unicode.Scalar?, explicitIndent: Int?, length: Int) {
        let line = lines[number]
        var chomping: Unicode.Scalar?
        var explicitIndent: Int?
        var position = index + 1
        while position < line.end, !source[position].isYAMLSpace {
            let scalar = source[position]
            if (scalar == "-" || scalar == "+"), chomping == nil {
                chomping = scalar
            } else if let digit = scalar.properties.numericType != nil ? Int(String(scalar)) : nil, (1...9).contains(digit),
                explicitIndent == nil
            {
                explicitIndent = digit
            } else {
                report(.invalidBlockHeader, line: number, at: position, length: tokenLength(number, position))
                while position < line.end, !source[position].isYAMLSpace { position += 1 }
                break
            }
            position += 1
        }
        let rest = skipSpaces(from: position, in: number)
        if rest < line.end, source[rest] != "#" {
            report(.unexpectedText, line: number, at: rest, length: line.end - rest)
        }
        return (chomping, explicitIndent, position - index)
    }

    /// A block scalar's lines after its header line, without their indentation (given, or
    /// that of the first non-blank line); sets `current` to the line after them.
    mutating func blockScalarLines(after number: Int, parentIndent: Int, explicitIndent: Int?) -> [String] {
        var contentIndent: Int
        if let explicitIndent {
            contentIndent = max(parentIndent, 0) + explicitIndent
        } else {
            contentIndent = -1
            var probe = number + 1
            while probe < endLine {
                let candidate = lines[probe]
                if candidate.isBlank {
                    probe += 1
                    continue
                }
                contentIndent = candidate.indent
                break
            }
            if contentIndent <= parentIndent { contentIndent = -1 }
        }
        var contentLines: [String] = []
        var next = number + 1
        if contentIndent >= 0 {
            while next < endLine {
                let candidate = lines[next]
                if candidate.isBlank {
                    let spaces = candidate.end - candidate.start
                    contentLines.append(spaces > contentIndent ? text(candidate.start + contentIndent, candidate.end) : "")
                    next += 1
                    continue
                }
                if candidate.indent < contentIndent || documentMarker(next) != nil { break }
                contentLines.append(text(candidate.start + contentIndent, candidate.end))
                next += 1
            }
        }
        current = next
        return contentLines
    }

    /// Folding of a `>` block scalar's lines: a single break between two ordinary lines
    /// becomes a space, empty lines become breaks, more-indented lines keep their breaks.
    static func fold(_ lines: [String]) -> String {
        var result = ""
        var previousWasOrdinary = false
        var pendingEmpty = 0
        var isFirst = true
        for line in lines {
            if line.isEmpty {
                pendingEmpty += 1
                continue
            }
            let isMoreIndented = line.first == " " || line.first == "\t"
            if isFirst {
                result += String(repeating: "\n", count: pendingEmpty)
            } else if previousWasOrdinary, !isMoreIndented {
                result += pendingEmpty == 0 ? " " : String(repeating: "\n", count: pendingEmpty)
            } else {
                result += String(repeating: "\n", count: pendingEmpty + 1)
            }
            result += line
            previousWasOrdinary = !isMoreIndented
            pendingEmpty = 0
            isFirst = false
        }
        return result
    }
}
