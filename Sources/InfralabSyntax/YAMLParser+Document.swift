/// The document level: directives (refused), `---` / `...` markers, the root node, and
/// what is left over after it.
extension YAMLBlockParser {
    mutating func parseDocument() -> YAMLNode {
        var first = 0
        var sawContent = false
        // Directives, the optional leading `---`, and where a second document starts.
        for (number, line) in lines.enumerated() {
            guard !line.isBlank else { continue }
            let head = source[line.start]
            if line.contentStart == line.start, head == "%" {
                report(.directiveUnsupported, line: number, at: line.start, length: line.end - line.start)
                if !sawContent { first = number + 1 }
                continue
            }
            let marker = documentMarker(number)
            if marker == "-", !sawContent {
                sawContent = true
                first = number + 1
                let rest = skipSpaces(from: line.start + 3, in: number)
                if rest < line.end, source[rest] != "#" {
                    report(.unexpectedText, line: number, at: rest, length: line.end - rest)
                }
                continue
            }
            if marker != nil {
                report(.multipleDocuments, line: number, at: line.start, length: 3)
                endLine = number
                break
            }
            if source[line.contentStart] != "#" { sawContent = true }
        }
        current = first
        let rootLocation = SourceLocation(file: file, line: 1, column: 1)
        let start = nextSignificantLine(from: current)
        guard start < endLine else { return YAMLNode(.mapping([]), at: rootLocation) }
        let line = lines[start]
        let index = line.contentStart
        let root: YAMLNode
        let head = source[index]
        if isSequenceItem(start, index) {
            root = parseBlockSequence(start, index, indent: line.indent, isValueOfKeyAtSameIndent: false)
        } else if (head == "[" || head == "{"), scanKey(start, index) == nil {
            root = parseInlineValue(start, index, parentIndent: -1)
        } else {
            root = parseBlockMapping(start, index, indent: line.indent)
        }
        // Anything left is indented less than the root: report it, then read it for its
        // own problems.
        var next = nextSignificantLine(from: current)
        while next < endLine {
            report(.badIndentation, line: next, at: lines[next].contentStart, length: tokenLength(next, lines[next].contentStart))
            current = next
            _ = parseNodeAtLineStart(next, parentIndent: -1)
            let after = nextSignificantLine(from: current)
            next = after > next ? after : nextSignificantLine(from: next + 1)
        }
        return root
    }

    /// `-` for a `---` line, `.` for a `...` line (at column 1, followed by a space or the
    /// end of the line), nil otherwise.
    func documentMarker(_ number: Int) -> Character? {
        let line = lines[number]
        guard line.end - line.start >= 3 else { return nil }
        let a = source[line.start]
        guard a == "-" || a == ".", source[line.start + 1] == a, source[line.start + 2] == a else { return nil }
        if line.start + 3 < line.end, !source[line.start + 3].isYAMLSpace { return nil }
        return Character(a)
    }
}
