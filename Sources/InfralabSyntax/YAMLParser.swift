/// infralab's YAML subset parser.
///
/// Reads block and flow mappings and sequences, plain / single-quoted / double-quoted
/// scalars, literal (`|`) and folded (`>`) block scalars and comments. Refuses, with a
/// located diagnostic, what the subset leaves out (anchors, aliases, tags, directives,
/// several documents, complex keys) and what a person most often gets wrong (tabs,
/// duplicate keys, a missing `:`, bad indentation, unclosed quotes and brackets). It keeps
/// going after a problem so that every problem in a file is reported at once.
///
/// The root of a block document is read as a mapping unless it starts with `- `, `[` or
/// `{`: a file of plain words is a missing `:`, not a string.
public enum YAMLParser {
    /// Parses `text` (the contents of `file`, used in locations). Never traps: every
    /// problem becomes a located diagnostic.
    public static func parse(_ text: String, file: String) -> YAMLParseResult {
        var parser = YAMLBlockParser(source: YAMLSource(text), file: file)
        let root = parser.parseDocument()
        return YAMLParseResult(root: root, diagnostics: parser.diagnostics)
    }

    /// Every diagnostic code the parser can report.
    public static var diagnosticCodes: [String] { YAMLProblem.allCodes }
}

/// The parser's state: the source, the first line not yet consumed by block parsing
/// (`current`), and the diagnostics so far.
struct YAMLBlockParser {
    let source: YAMLSource
    let file: String
    var diagnostics: [Diagnostic] = []
    /// Lines at or after this index belong to a second document and are not read.
    var endLine: Int
    /// The first line block parsing has not consumed yet.
    var current = 0
    var reportedTabLines = Set<Int>()
    /// Set when an unterminated string inside a flow collection already explains why the
    /// collection is not closed.
    var suppressUnclosedFlow = false
    /// The `: value` line of a refused `? key`, not reported again.
    var skipComplexValueLine = -1
    /// Nesting depth of the node being read; deeper than `maximumDepth` is refused so that
    /// no input can exhaust the stack.
    var depth = 0
    static let maximumDepth = 100

    var lines: [YAMLSource.Line] { source.lines }

    init(source: YAMLSource, file: String) {
        self.source = source
        self.file = file
        self.endLine = source.lines.count
    }

    // MARK: Diagnostics

    func location(_ line: Int, _ index: Int) -> SourceLocation {
        let start = line < lines.count ? lines[line].start : (lines.last?.end ?? 0)
        return SourceLocation(file: file, line: line + 1, column: max(1, index - start + 1))
    }

    mutating func report(
        _ problem: YAMLProblem, line: Int, at index: Int, length: Int = 1, notes: [Diagnostic.Note] = [],
        suggestion: LocalizedText?? = .none
    ) {
        let help: LocalizedText? = suggestion ?? problem.suggestion
        diagnostics.append(
            .error(problem.code, problem.message, at: location(line, index), length: length, notes: notes, suggestion: help))
    }

    // MARK: Document

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

    // MARK: Lines

    /// The first line at or after `from` with content that is not a comment. Lines whose
    /// indentation holds a tab are reported (once) and skipped.
    mutating func nextSignificantLine(from: Int) -> Int {
        var number = max(0, from)
        while number < endLine {
            let line = lines[number]
            if line.isBlank || source[line.contentStart] == "#" {
                number += 1
                continue
            }
            if let tab = line.tabInIndentation {
                if !reportedTabLines.contains(number) {
                    reportedTabLines.insert(number)
                    report(.tabIndentation, line: number, at: tab, length: line.contentStart - tab)
                }
                number += 1
                continue
            }
            return number
        }
        return endLine
    }

    /// Skips lines indented more than `indent` (the body of a line that was refused).
    mutating func skipLines(deeperThan indent: Int, from: Int) -> Int {
        var number = from
        while true {
            let next = nextSignificantLine(from: number)
            guard next < endLine, lines[next].indent > indent else { return next }
            number = next + 1
        }
    }

    func skipSpaces(from index: Int, in number: Int) -> Int {
        var index = index
        let end = lines[number].end
        while index < end, source[index].isYAMLSpace { index += 1 }
        return index
    }

    /// Whether a line holds only whitespace and perhaps a comment from `index` on.
    func isRestEmpty(_ number: Int, from index: Int) -> Bool {
        let index = skipSpaces(from: index, in: number)
        return index >= lines[number].end || source[index] == "#"
    }

    func isSequenceItem(_ number: Int, _ index: Int) -> Bool {
        let end = lines[number].end
        guard index < end, source[index] == "-" else { return false }
        return index + 1 == end || source[index + 1].isYAMLSpace
    }

    /// Length of the word starting at `index` (up to whitespace), at least 1.
    func tokenLength(_ number: Int, _ index: Int) -> Int {
        var end = index
        while end < lines[number].end, !source[end].isYAMLSpace { end += 1 }
        return max(1, end - index)
    }

    func text(_ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        return source.scalars.withUnsafeBufferPointer { buffer in
            String(unsafeUninitializedCapacity: (to - from) * 4) { output in
                var count = 0
                for position in from..<to {
                    let scalar = buffer[position]
                    if scalar.value < 0x80 {
                        output[count] = UInt8(truncatingIfNeeded: scalar.value)
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
    }

    func column(_ number: Int, _ index: Int) -> Int { index - lines[number].start }

    // MARK: Keys

    struct KeyScan {
        var text: String
        var style: YAMLNode.ScalarStyle
        var start: Int
        var end: Int
        var colon: Int
        var isFlowCollection = false
    }

    /// Reads `key:` at `index` (a plain, quoted or — refused later — flow key followed by
    /// `:` and whitespace or the end of the line), or nil when the line is not a key line.
    func scanKey(_ number: Int, _ index: Int) -> KeyScan? {
        let line = lines[number]
        guard index < line.end else { return nil }
        let head = source[index]
        func colonAfter(_ position: Int) -> Int? {
            let at = skipSpaces(from: position, in: number)
            guard at < line.end, source[at] == ":" else { return nil }
            return at + 1 == line.end || source[at + 1].isYAMLSpace ? at : nil
        }
        switch head {
        case "\"", "'":
            var position = index + 1
            while position < line.end {
                let scalar = source[position]
                if head == "\"", scalar == "\\" {
                    position += 2
                    continue
                }
                if scalar == head {
                    if head == "'", position + 1 < line.end, source[position + 1] == "'" {
                        position += 2
                        continue
                    }
                    break
                }
                position += 1
            }
            guard position < line.end, let colon = colonAfter(position + 1) else { return nil }
            let value = decodeQuoted(FlowCursor(line: number, index: index), minIndent: Int.max).value
            return KeyScan(
                text: value, style: head == "'" ? .singleQuoted : .doubleQuoted, start: index, end: position + 1, colon: colon)
        case "[", "{":
            var depth = 0
            var position = index
            var quote: Unicode.Scalar?
            while position < line.end {
                let scalar = source[position]
                if let open = quote {
                    if scalar == "\\", open == "\"" { position += 1 } else if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == "[" || scalar == "{" {
                    depth += 1
                } else if scalar == "]" || scalar == "}" {
                    depth -= 1
                    if depth == 0 { break }
                } else if scalar == "#", position > index, source[position - 1].isYAMLSpace {
                    return nil
                }
                position += 1
            }
            guard position < line.end, let colon = colonAfter(position + 1) else { return nil }
            return KeyScan(
                text: text(index, position + 1), style: .plain, start: index, end: position + 1, colon: colon,
                isFlowCollection: true)
        case "#":
            return nil
        case "-", "?":
            if index + 1 == line.end || source[index + 1].isYAMLSpace { return nil }
        default:
            break
        }
        var position = index
        while position < line.end {
            let scalar = source[position]
            if scalar == ":", position + 1 == line.end || source[position + 1].isYAMLSpace {
                var end = position
                while end > index, source[end - 1].isYAMLSpace { end -= 1 }
                guard end > index else { return nil }
                return KeyScan(text: text(index, end), style: .plain, start: index, end: end, colon: position)
            }
            if scalar == "#", position > index, source[position - 1].isYAMLSpace { return nil }
            // `name { a: b }` is a name that lost its `:`, not the key `name { a`.
            if scalar == "{" || scalar == "[", position > index, source[position - 1].isYAMLSpace { return nil }
            position += 1
        }
        return nil
    }

    /// The first `:` followed by whitespace or the end of the line, before any comment:
    /// the mark of a `key: value` line, whether or not the key before it is acceptable.
    func colonIndicator(_ number: Int, _ index: Int) -> Int? {
        let line = lines[number]
        var position = index
        var quote: Unicode.Scalar?
        while position < line.end {
            let scalar = source[position]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if (scalar == "\"" || scalar == "'"), position == index || source[position - 1].isYAMLSpace {
                quote = scalar
            } else if scalar == ":", position + 1 == line.end || source[position + 1].isYAMLSpace {
                return position
            } else if scalar == "#", position > index, source[position - 1].isYAMLSpace {
                return nil
            }
            position += 1
        }
        return nil
    }

    /// Whether a plain token looks like `key:value` written without the space.
    func missingSpaceKey(_ number: Int, _ index: Int) -> (key: String, colon: Int)? {
        let line = lines[number]
        guard index < line.end else { return nil }
        let first = source[index]
        guard first.properties.isAlphabetic || first == "_" else { return nil }
        var position = index
        while position < line.end {
            let scalar = source[position]
            if scalar == ":" {
                guard position > index, position + 1 < line.end else { return nil }
                let next = source[position + 1]
                if next.isYAMLSpace || next == "/" { return nil }
                return (text(index, position), position)
            }
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_"
                || scalar == "."
            else { return nil }
            position += 1
        }
        return nil
    }

    // MARK: Node properties

    /// Reports and skips anchors, tags and aliases at `index`. Returns the index after
    /// them and whether an alias stood for the node.
    mutating func skipProperties(_ number: Int, _ index: Int) -> (index: Int, wasAlias: Bool) {
        var index = index
        let end = lines[number].end
        var wasAlias = false
        while index < end {
            let head = source[index]
            let problem: YAMLProblem
            switch head {
            case "&": problem = .anchorUnsupported
            case "!": problem = .tagUnsupported
            case "*": problem = .aliasUnsupported
            default: return (index, wasAlias)
            }
            var tokenEnd = index + 1
            while tokenEnd < end, !source[tokenEnd].isYAMLSpace {
                let scalar = source[tokenEnd]
                if head == "*", scalar == "," || scalar == "]" || scalar == "}" || scalar == ":" { break }
                tokenEnd += 1
            }
            report(problem, line: number, at: index, length: tokenEnd - index)
            if head == "*" { wasAlias = true }
            index = skipSpaces(from: tokenEnd, in: number)
            if wasAlias { return (index, true) }
        }
        return (index, wasAlias)
    }

    // MARK: Block collections

    mutating func parseNodeAtLineStart(_ number: Int, parentIndent: Int) -> YAMLNode {
        parseNode(number, lines[number].contentStart, parentIndent: parentIndent, startsLine: true)
    }

    /// A node that starts a line or follows `- `: it may open a block collection here.
    mutating func parseNode(_ number: Int, _ start: Int, parentIndent: Int, startsLine: Bool) -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            report(.tooDeep, line: number, at: start)
            current = skipLines(deeperThan: max(parentIndent, 0), from: number + 1)
            return YAMLNode(.scalar("", .plain), at: location(number, start))
        }
        let (index, wasAlias) = skipProperties(number, start)
        if wasAlias || index >= lines[number].end || source[index] == "#" {
            current = number + 1
            return YAMLNode(.scalar("", .plain), at: location(number, start))
        }
        let indent = column(number, index)
        if isSequenceItem(number, index) {
            return parseBlockSequence(number, index, indent: indent, isValueOfKeyAtSameIndent: false)
        }
        if scanKey(number, index) != nil {
            return parseBlockMapping(number, index, indent: indent)
        }
        let head = source[index]
        if !"\"'[{|>".unicodeScalars.contains(head), colonIndicator(number, index) != nil {
            // `name { a: b }`: a key line whose key is broken.
            return parseBlockMapping(number, index, indent: indent)
        }
        if head == "?", index + 1 == lines[number].end || source[index + 1].isYAMLSpace {
            return parseBlockMapping(number, index, indent: indent)
        }
        if !"\"'[{|>".unicodeScalars.contains(head) {
            // A plain line followed by keys at the same indentation: a mapping whose first
            // line lost its `:`.
            var next = nextSignificantLine(from: number + 1)
            while next < endLine, lines[next].indent > indent { next = nextSignificantLine(from: next + 1) }
            if next < endLine, lines[next].indent == indent, column(next, lines[next].contentStart) == indent,
                scanKey(next, lines[next].contentStart) != nil
            {
                return parseBlockMapping(number, index, indent: indent)
            }
            if let (key, colon) = missingSpaceKey(number, index) {
                report(.missingSpaceAfterColon(key: key), line: number, at: colon, length: 1)
            }
        }
        return parseInlineValue(number, index, parentIndent: parentIndent)
    }

    mutating func parseBlockMapping(_ firstLine: Int, _ firstIndex: Int, indent: Int) -> YAMLNode {
        var entries: [YAMLNode.Entry] = []
        var seen = KeyIndex()
        let mappingLocation = location(firstLine, firstIndex)
        var mappingLength = 1
        var number = firstLine
        var index = firstIndex
        var isFirst = true
        while true {
            let (keyIndex, _) = skipProperties(number, index)
            if let key = scanKey(number, keyIndex) {
                let keyLocation = location(number, key.start)
                if isFirst { mappingLength = key.end - key.start }
                if key.isFlowCollection {
                    report(.flowKey, line: number, at: key.start, length: key.end - key.start)
                }
                let value = parseValue(afterColonOf: number, key.colon, indent: indent)
                if key.isFlowCollection {
                    // refused above; the value was still read for its own problems
                } else if let first = seen[key.text] {
                    report(
                        .duplicateKey(key.text), line: number, at: key.start, length: key.end - key.start,
                        notes: [Diagnostic.Note(LocalizedText(en: "`\(key.text)` is first defined here", ko: "\(Korean.topic("`\(key.text)`")) 여기서 처음 정의됐어요."), at: first)])
                } else {
                    seen.insert(key.text, at: keyLocation)
                    entries.append(YAMLNode.Entry(key: key.text, keyLocation: keyLocation, value: value))
                }
            } else {
                refuseNonKeyLine(number, keyIndex)
                current = skipLines(deeperThan: indent, from: number + 1)
            }
            isFirst = false
            // The next line at this mapping's indentation, if any.
            while true {
                var next = nextSignificantLine(from: current)
                if next <= number { next = nextSignificantLine(from: number + 1) }
                current = next
                guard next < endLine else { return mappingNode(entries, mappingLocation, mappingLength) }
                let nextIndent = lines[next].indent
                if nextIndent < indent { return mappingNode(entries, mappingLocation, mappingLength) }
                if nextIndent > indent {
                    report(.badIndentation, line: next, at: lines[next].contentStart, length: tokenLength(next, lines[next].contentStart))
                    current = skipLines(deeperThan: indent, from: next + 1)
                    continue
                }
                number = next
                index = lines[next].contentStart
                break
            }
        }
    }

    func mappingNode(_ entries: [YAMLNode.Entry], _ location: SourceLocation, _ length: Int) -> YAMLNode {
        YAMLNode(.mapping(entries), at: location, length: length)
    }

    /// Explains why a line where a key was expected is not one.
    mutating func refuseNonKeyLine(_ number: Int, _ index: Int) {
        let end = lines[number].end
        guard index < end else { return }
        let head = source[index]
        if isSequenceItem(number, index) {
            report(.mixedCollection(isItemInMapping: true), line: number, at: index)
            return
        }
        if head == "?", index + 1 == end || source[index + 1].isYAMLSpace {
            report(.complexKeyUnsupported, line: number, at: index)
            // Its `: value` line belongs to it.
            let next = skipLines(deeperThan: lines[number].indent, from: number + 1)
            if next < endLine, lines[next].indent == lines[number].indent, source[lines[next].contentStart] == ":" {
                skipComplexValueLine = next
            }
            return
        }
        if head == ":" {
            if skipComplexValueLine == number { return }
            report(.unexpectedCharacter(":"), line: number, at: index)
            return
        }
        if let (key, colon) = missingSpaceKey(number, index) {
            report(.missingSpaceAfterColon(key: key), line: number, at: colon)
            return
        }
        // The first word, for "did you forget the `:` after `subnet`?".
        var wordEnd = index
        while wordEnd < end, !source[wordEnd].isYAMLSpace, source[wordEnd] != ":" { wordEnd += 1 }
        let word = "\"'[{|>#".unicodeScalars.contains(head) ? "" : text(index, wordEnd)
        report(.missingColon(firstWord: word), line: number, at: index, length: max(1, wordEnd - index))
    }

    mutating func parseBlockSequence(_ firstLine: Int, _ firstIndex: Int, indent: Int, isValueOfKeyAtSameIndent: Bool) -> YAMLNode {
        var items: [YAMLNode] = []
        let sequenceLocation = location(firstLine, firstIndex)
        var number = firstLine
        var index = firstIndex
        while true {
            // `index` is at a `-` followed by whitespace or the end of the line.
            var after = skipSpaces(from: index + 1, in: number)
            if after < lines[number].end, "&!".unicodeScalars.contains(source[after]) {
                after = skipProperties(number, after).index
            }
            if after >= lines[number].end || source[after] == "#" {
                let next = nextSignificantLine(from: number + 1)
                if next < endLine, lines[next].indent > indent {
                    items.append(parseNodeAtLineStart(next, parentIndent: indent))
                } else {
                    items.append(YAMLNode(.scalar("", .plain), at: location(number, index + 1)))
                    current = number + 1
                }
            } else {
                items.append(parseNode(number, after, parentIndent: indent, startsLine: false))
            }
            while true {
                var next = nextSignificantLine(from: current)
                if next <= number { next = nextSignificantLine(from: number + 1) }
                current = next
                guard next < endLine else { return YAMLNode(.sequence(items), at: sequenceLocation) }
                let nextIndent = lines[next].indent
                if nextIndent < indent { return YAMLNode(.sequence(items), at: sequenceLocation) }
                if nextIndent > indent {
                    report(.badIndentation, line: next, at: lines[next].contentStart, length: tokenLength(next, lines[next].contentStart))
                    current = skipLines(deeperThan: indent, from: next + 1)
                    continue
                }
                let nextIndex = lines[next].contentStart
                if isSequenceItem(next, nextIndex) {
                    number = next
                    index = nextIndex
                    break
                }
                if isValueOfKeyAtSameIndent { return YAMLNode(.sequence(items), at: sequenceLocation) }
                report(.mixedCollection(isItemInMapping: false), line: next, at: nextIndex, length: tokenLength(next, nextIndex))
                current = skipLines(deeperThan: indent, from: next + 1)
            }
        }
    }

    /// The value after `key:` whose colon is at `colon`; `indent` is the mapping's.
    mutating func parseValue(afterColonOf number: Int, _ colon: Int, indent: Int) -> YAMLNode {
        var start = skipSpaces(from: colon + 1, in: number)
        if start < lines[number].end, "&!".unicodeScalars.contains(source[start]) {
            // `key: &anchor` with the value on the next lines: refuse, then read on.
            start = skipProperties(number, start).index
        }
        if start < lines[number].end, source[start] != "#" {
            return parseValueOnKeyLine(number, start, indent: indent)
        }
        let next = nextSignificantLine(from: number + 1)
        if next < endLine {
            let nextLine = lines[next]
            if nextLine.indent > indent {
                return parseNodeAtLineStart(next, parentIndent: indent)
            }
            if nextLine.indent == indent, isSequenceItem(next, nextLine.contentStart) {
                return parseBlockSequence(next, nextLine.contentStart, indent: indent, isValueOfKeyAtSameIndent: true)
            }
        }
        current = number + 1
        return YAMLNode(.scalar("", .plain), at: location(number, colon + 1))
    }

    mutating func parseValueOnKeyLine(_ number: Int, _ start: Int, indent: Int) -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            report(.tooDeep, line: number, at: start)
            current = skipLines(deeperThan: max(indent, 0), from: number + 1)
            return YAMLNode(.scalar("", .plain), at: location(number, start))
        }
        let (index, wasAlias) = skipProperties(number, start)
        if wasAlias || index >= lines[number].end || source[index] == "#" {
            current = number + 1
            return YAMLNode(.scalar("", .plain), at: location(number, start))
        }
        if isSequenceItem(number, index) {
            report(.inlineSequence, line: number, at: index)
            return parseBlockSequence(number, index, indent: column(number, index), isValueOfKeyAtSameIndent: false)
        }
        if let key = scanKey(number, index), !key.isFlowCollection {
            report(.unexpectedColon, line: number, at: key.colon)
            return parseBlockMapping(number, index, indent: column(number, index))
        }
        if !"\"'[{|>".unicodeScalars.contains(source[index]), let colon = colonIndicator(number, index) {
            report(.unexpectedColon, line: number, at: colon)
        }
        return parseInlineValue(number, index, parentIndent: indent)
    }

    // MARK: Scalars and flow collections in block context

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
        let line = lines[number]
        let isLiteral = source[index] == "|"
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
        let headerLength = position - index
        let rest = skipSpaces(from: position, in: number)
        if rest < line.end, source[rest] != "#" {
            report(.unexpectedText, line: number, at: rest, length: line.end - rest)
        }
        let base = max(parentIndent, 0)
        var contentIndent: Int
        if let explicitIndent {
            contentIndent = (parentIndent < 0 ? 0 : base) + explicitIndent
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
        // Trailing blank lines are set aside for chomping.
        var trailing = 0
        while let last = contentLines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) {
            contentLines.removeLast()
            trailing += 1
        }
        var value = isLiteral ? contentLines.joined(separator: "\n") : Self.fold(contentLines)
        switch chomping {
        case "-":
            break
        case "+":
            value += contentLines.isEmpty ? String(repeating: "\n", count: trailing) : String(repeating: "\n", count: trailing + 1)
        default:
            if !contentLines.isEmpty { value += "\n" }
        }
        return YAMLNode(.scalar(value, isLiteral ? .literal : .folded), at: location(number, index), length: headerLength)
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
