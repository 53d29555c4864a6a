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
package enum YAMLParser {
    /// Parses `text` (the contents of `file`, used in locations). Never traps: every
    /// problem becomes a located diagnostic.
    package static func parse(_ text: String, file: String) -> YAMLParseResult {
        var parser = YAMLBlockParser(source: YAMLSource(text), file: file)
        let root = parser.parseDocument()
        return YAMLParseResult(root: root, diagnostics: parser.diagnostics)
    }

    /// Every diagnostic code the parser can report.
    package static var diagnosticCodes: [String] { YAMLProblem.allCodes }
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
        return source.scalars.withUnsafeBufferPointer { Self.string($0[from..<to]) }
    }

    func column(_ number: Int, _ index: Int) -> Int { index - lines[number].start }
}
