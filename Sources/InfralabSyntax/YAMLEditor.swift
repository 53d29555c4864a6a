/// One step of a path into a YAML tree: a mapping key or a sequence index.
package enum YAMLPathComponent: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    package var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): "[\(index)]"
        }
    }
}

/// Why an edit was refused. The text is left as it was.
package struct YAMLEditError: Error, Hashable, Sendable {
    package var message: LocalizedText
    package var location: SourceLocation?

    package init(_ message: LocalizedText, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }
}

/// Edits a YAML file's text in place, keeping everything the person wrote — comments,
/// order, blank lines, flow or block style, indentation, line endings — and changing
/// only what the edit is about. New snippets come from `YAMLWriter`.
///
/// Every edit is checked before it is kept: the edited text must parse without errors
/// and read back as the old tree with exactly that change (`isEquivalent`). An edit that
/// would do anything else is refused with a located `YAMLEditError`, and the text stays.
package struct YAMLEditor: Sendable {
    package private(set) var root: YAMLNode
    package let file: String
    /// The lines, without their line breaks (a leading BOM is kept apart).
    var lines: [[Unicode.Scalar]]
    private let newline: String
    private let hasBOM: Bool
    private let endsWithNewline: Bool

    /// Reads `text`; refuses a file that does not parse, pointing at its first error.
    package init(text: String, file: String) throws(YAMLEditError) {
        let parsed = YAMLParser.parse(text, file: file)
        if let error = parsed.diagnostics.first(where: { $0.severity == .error }) {
            throw YAMLEditError(LocalizedText(en: "the file does not read as YAML: \(error.message.en)",
                                              ko: "파일을 YAML로 읽을 수 없어요: \(error.message.text(.ko))"), at: error.location)
        }
        var scalars = Array(text.unicodeScalars)
        hasBOM = scalars.first == "\u{FEFF}"
        if hasBOM { scalars.removeFirst() }
        let crlf = text.utf8.contains(13)
        var split = scalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        if crlf {
            for index in split.indices where split[index].last == "\r" { split[index].removeLast() }
            if split.contains(where: { $0.contains("\r") }) {
                throw YAMLEditError(LocalizedText(en: "the file mixes line-ending styles (a lone carriage return)",
                                                  ko: "파일에 줄바꿈 방식이 섞여 있어요 (단독 CR 문자)"), at: SourceLocation(file: file, line: 1, column: 1))
            }
        }
        endsWithNewline = split.count > 1 && split.last?.isEmpty == true
        if endsWithNewline { split.removeLast() }
        lines = split
        newline = crlf ? "\r\n" : "\n"
        root = parsed.root ?? YAMLNode(.mapping([]), at: SourceLocation(file: file, line: 1, column: 1))
        self.file = file
    }

    package var text: String {
        var out = hasBOM ? "\u{FEFF}" : ""
        for (index, line) in lines.enumerated() {
            if index > 0 { out += newline }
            out.unicodeScalars.append(contentsOf: line)
        }
        if endsWithNewline || lines.isEmpty { out += newline }
        return out
    }

    package func node(at path: [YAMLPathComponent]) -> YAMLNode? { root.node(at: path[...]) }

    // MARK: Edits

    /// Adds `key: value` at the end of the mapping at `path`. Nested values are written
    /// like the mapping's last entry: on one line in flow style when it is, else as a block.
    package mutating func insertEntry(in path: [YAMLPathComponent], key: String, value: YAMLNode, note: String? = nil) throws(YAMLEditError) {
        guard let mapping = node(at: path), let entries = mapping.entries else { throw notA(.mapping, path) }
        if let existing = entries.first(where: { $0.key == key }) {
            throw YAMLEditError(LocalizedText(en: "`\(key)` is already there", ko: "`\(key)` 항목이 이미 있어요"), at: existing.keyLocation)
        }
        var edited = lines
        if isFlow(mapping) {
            let text = YAMLWriter.key(key) + ": " + YAMLWriter.flow(value)
            try extendFlow(mapping, with: text, path: path, in: &edited)
        } else if entries.isEmpty {
            // An empty root (a file of comments): append at the end.
            edited += block(key: key, value: value, indent: 0, flowStyle: false, note: note)
        } else {
            let indent = mapping.location.column - 1
            let last = lastLine(ofBlockAt: mapping.location, isSequence: false)
            let collections = entries.filter { $0.value.scalar == nil }
            let flowStyle = collections.filter { isFlowCollection($0.value) }.count * 2 > collections.count
            edited.insert(contentsOf: block(key: key, value: value, indent: indent, flowStyle: flowStyle, note: note), at: last + 1)
        }
        try commit(edited, expecting: root.replacing(at: path[...]) { node in
            YAMLNode(.mapping((node.entries ?? []) + [YAMLNode.Entry(key: key, keyLocation: node.location, value: value)]), at: node.location)
        }, at: mapping.location)
    }

    /// Adds `value` at the end of the sequence at `path` (`- item` in a block sequence,
    /// `, item` in a one-line flow sequence; `key: []` becomes a block sequence).
    package mutating func appendItem(to path: [YAMLPathComponent], value: YAMLNode, note: String? = nil) throws(YAMLEditError) {
        guard let sequence = node(at: path), let items = sequence.items else { throw notA(.sequence, path) }
        var edited = lines
        if isFlow(sequence) {
            if items.isEmpty, let keyLine = emptyFlowValueLine(sequence, path: path) {
                // `routes: []` → `routes:` and a block sequence under it.
                // `[]` becomes two spaces so that a comment after it keeps its column.
                let line = sequence.location.line - 1
                let start = sequence.location.column - 1
                edited[line].replaceSubrange(start..<(start + 2), with: [" ", " "])
                while edited[line].last == " " { edited[line].removeLast() }
                let indent = keyLine + 2
                edited.insert(contentsOf: item(value, indent: indent, flowStyle: true, note: note), at: line + 1)
            } else {
                try extendFlow(sequence, with: YAMLWriter.flow(value), path: path, in: &edited)
            }
        } else {
            let indent = sequence.location.column - 1
            let last = lastLine(ofBlockAt: sequence.location, isSequence: true)
            let flowStyle = items.last.map { isFlowCollection($0) || $0.scalar != nil } ?? true
            edited.insert(contentsOf: item(value, indent: indent, flowStyle: flowStyle, note: note), at: last + 1)
        }
        try commit(edited, expecting: root.replacing(at: path[...]) { node in
            YAMLNode(.sequence((node.items ?? []) + [value]), at: node.location)
        }, at: sequence.location)
    }

    /// Replaces the one-line scalar at `path` with `value` (a scalar), keeping the rest
    /// of the line (its comment, the flow collection around it).
    package mutating func replaceScalar(at path: [YAMLPathComponent], with value: YAMLNode) throws(YAMLEditError) {
        guard let old = node(at: path), case .scalar(let text, let style) = old.kind, value.scalar != nil else { throw notA(.scalar, path) }
        guard style != .literal, style != .folded, !text.contains("\n"), !(old.isNull && text.isEmpty) else {
            throw YAMLEditError(LocalizedText(en: "the value at \(describe(path)) spans several lines or is empty; infralab only replaces a one-line value",
                                              ko: "\(describe(path)) 자리의 값이 여러 줄이거나 비어 있어요. infralab은 한 줄짜리 값만 바꿔요"), at: old.location)
        }
        let line = old.location.line - 1
        let start = old.location.column - 1
        let end = start + old.length
        guard line < lines.count, end <= lines[line].count else { throw unsafe(old.location) }
        let replacement = inFlowContext(path) ? YAMLWriter.flowScalar(value) : YAMLWriter.inlineScalar(value)
        var edited = lines
        edited[line].replaceSubrange(start..<end, with: Array(replacement.unicodeScalars))
        try commit(edited, expecting: root.replacing(at: path[...]) { _ in value }, at: old.location)
    }

    // MARK: Checking

    mutating func commit(_ edited: [[Unicode.Scalar]], expecting expected: YAMLNode?, at location: SourceLocation) throws(YAMLEditError) {
        var candidate = self
        candidate.lines = edited
        let parsed = YAMLParser.parse(candidate.text, file: file)
        guard let expected, let newRoot = parsed.root, !parsed.diagnostics.contains(where: { $0.severity == .error }),
              newRoot.isEquivalent(to: expected) else {
            throw unsafe(location)
        }
        candidate.root = newRoot
        self = candidate
    }

    func unsafe(_ location: SourceLocation) -> YAMLEditError {
        YAMLEditError(LocalizedText(en: "infralab cannot change this part of the file without rewriting your own lines",
                                    ko: "이 부분은 직접 쓴 줄을 다시 쓰지 않고는 바꿀 수 없어요"), at: location)
    }

    private enum Shape { case mapping, sequence, scalar }

    private func notA(_ shape: Shape, _ path: [YAMLPathComponent]) -> YAMLEditError {
        let found = node(at: path)
        let what: LocalizedText = switch shape {
        case .mapping: LocalizedText(en: "a mapping", ko: "매핑")
        case .sequence: LocalizedText(en: "a list", ko: "목록")
        case .scalar: LocalizedText(en: "a single value", ko: "단일 값")
        }
        let got = found?.kindDescription ?? LocalizedText(en: "nothing", ko: "아무것도 없음")
        return YAMLEditError(LocalizedText(en: "\(describe(path)) should be \(what.en) here, but it is \(got.en)",
                                           ko: "\(describe(path)) 자리에는 \(Korean.subject(what.text(.ko))) 와야 하는데 \(Korean.isA(got.text(.ko)))"),
                             at: found?.location ?? root.location)
    }

    func describe(_ path: [YAMLPathComponent]) -> String {
        path.isEmpty ? "`(top level)`" : "`" + path.map(\.description).joined(separator: ".") + "`"
    }

    // MARK: Shapes of the text

    private func character(at location: SourceLocation) -> Unicode.Scalar? {
        let line = location.line - 1, column = location.column - 1
        guard line >= 0, line < lines.count, column >= 0, column < lines[line].count else { return nil }
        return lines[line][column]
    }

    func isFlow(_ node: YAMLNode) -> Bool {
        let opener = character(at: node.location)
        switch node.kind {
        case .mapping: return opener == "{"
        case .sequence: return opener == "["
        case .scalar: return false
        }
    }

    private func isFlowCollection(_ node: YAMLNode) -> Bool {
        node.scalar == nil && isFlow(node)
    }

    func inFlowContext(_ path: [YAMLPathComponent]) -> Bool {
        (0..<path.count).contains { depth in node(at: Array(path[..<depth])).map(isFlow) ?? false }
    }

    /// Inserts `text` before the closing bracket of a one-line flow collection.
    private func extendFlow(_ node: YAMLNode, with text: String, path: [YAMLPathComponent], in edited: inout [[Unicode.Scalar]]) throws(YAMLEditError) {
        let line = node.location.line - 1
        let open = node.location.column - 1
        let close = open + node.length - 1
        guard node.length > 1, line < lines.count, close < lines[line].count, ["}", "]"].contains(lines[line][close]) else {
            throw YAMLEditError(LocalizedText(en: "\(describe(path)) is written in flow style (`{ … }` or `[ … ]`) over several lines; infralab does not rewrite it",
                                              ko: "\(describe(path)) 부분은 여러 줄에 걸친 플로 스타일(`{ … }`, `[ … ]`)로 쓰여 있어서 infralab이 고쳐 쓰지 않아요"),
                                at: node.location)
        }
        var before = close
        while before > open + 1, lines[line][before - 1] == " " { before -= 1 }
        let isEmpty = before == open + 1
        let spaced = close > before
        let insertion = (isEmpty ? (spaced ? " " : "") : ", ") + text
        edited[line].insert(contentsOf: Array(insertion.unicodeScalars), at: before)
    }

    /// For `key: []` on a line of its own (nothing after it but a comment): the key's indent.
    private func emptyFlowValueLine(_ node: YAMLNode, path: [YAMLPathComponent]) -> Int? {
        guard case .key = path.last, let parent = self.node(at: Array(path.dropLast())), parent.entries != nil, !isFlow(parent) else { return nil }
        let line = node.location.line - 1, column = node.location.column - 1
        guard line < lines.count, column + 2 <= lines[line].count, lines[line][column + 1] == "]" else { return nil }
        let rest = lines[line][(column + 2)...].drop { $0 == " " }
        guard rest.isEmpty || rest.first == "#" else { return nil }
        guard let entry = parent.entries?.first(where: { $0.value.location == node.location }), entry.keyLocation.line == node.location.line else { return nil }
        return entry.keyLocation.column - 1
    }

    /// The last line (0-based) of a block collection starting at `location`: deeper lines
    /// and, for a mapping, lines at its own indent belong to it; comment lines count only
    /// when indented deeper than the collection.
    func lastLine(ofBlockAt location: SourceLocation, isSequence: Bool) -> Int {
        let start = location.line - 1
        let indent = location.column - 1
        var last = start
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            let lead = line.prefix { $0 == " " }.count
            index += 1
            guard lead < line.count else { continue }
            if line[lead] == "#" {
                if lead > indent { last = index - 1 }
                continue
            }
            if lead > indent { last = index - 1; continue }
            if lead < indent { break }
            if isSequence {
                let isItem = line[lead] == "-" && (lead + 1 == line.count || line[lead + 1] == " ")
                if !isItem { break }
            }
            last = index - 1
        }
        return last
    }

    // MARK: Writing snippets

    func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    func withNote(_ line: String, _ note: String?) -> String {
        guard let note, !note.isEmpty else { return line }
        return line + "   # " + note.replacingNewlines()
    }

    private func block(key: String, value: YAMLNode, indent: Int, flowStyle: Bool, note: String?) -> [[Unicode.Scalar]] {
        let pad = String(repeating: " ", count: indent)
        if value.scalar != nil || flowStyle {
            let inline = value.scalar != nil ? YAMLWriter.inlineScalar(value) : YAMLWriter.flow(value)
            return [scalars(withNote(pad + YAMLWriter.key(key) + ": " + inline, note))]
        }
        var out = YAMLEditor.houseStyle(key: key, value, indent: indent)
        if !out.isEmpty { out[0] = withNote(out[0], note) }
        return out.map(scalars)
    }

    private func item(_ value: YAMLNode, indent: Int, flowStyle: Bool, note: String?) -> [[Unicode.Scalar]] {
        let pad = String(repeating: " ", count: indent)
        let inline = value.scalar != nil ? YAMLWriter.inlineScalar(value) : YAMLWriter.flow(value)
        return [scalars(withNote(pad + "- " + inline, note))]
    }

    /// The house style of the shipped files: nested mappings as blocks, list items and
    /// lists of names in flow style (`- { port: 22, from: admin }`, `[was, db]`).
    static func houseStyle(key: String, _ value: YAMLNode, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let head = pad + YAMLWriter.key(key) + ":"
        switch value.kind {
        case .scalar:
            return [head + " " + YAMLWriter.inlineScalar(value)]
        case .sequence(let items):
            if items.isEmpty || items.allSatisfy({ $0.scalar != nil }) { return [head + " " + YAMLWriter.flow(value)] }
            return [head] + items.map { pad + "  - " + ($0.scalar != nil ? YAMLWriter.inlineScalar($0) : YAMLWriter.flow($0)) }
        case .mapping(let entries):
            if entries.isEmpty { return [head + " {}"] }
            return [head] + entries.flatMap { houseStyle(key: $0.key, $0.value, indent: indent + 2) }
        }
    }
}

private extension String {
    func replacingNewlines() -> String {
        String(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}

extension YAMLNode {
    /// The node at `path`, if every step exists.
    package func node(at path: ArraySlice<YAMLPathComponent>) -> YAMLNode? {
        guard let first = path.first else { return self }
        switch (first, kind) {
        case (.key(let key), .mapping(let entries)):
            return entries.first { $0.key == key }?.value.node(at: path.dropFirst())
        case (.index(let index), .sequence(let items)) where items.indices.contains(index):
            return items[index].node(at: path.dropFirst())
        default:
            return nil
        }
    }

    /// This tree with the node at `path` transformed; nil when the path does not exist.
    func replacing(at path: ArraySlice<YAMLPathComponent>, _ transform: (YAMLNode) -> YAMLNode) -> YAMLNode? {
        guard let first = path.first else { return transform(self) }
        var copy = self
        switch (first, kind) {
        case (.key(let key), .mapping(var entries)):
            guard let index = entries.firstIndex(where: { $0.key == key }),
                  let replaced = entries[index].value.replacing(at: path.dropFirst(), transform) else { return nil }
            entries[index].value = replaced
            copy.kind = .mapping(entries)
        case (.index(let index), .sequence(var items)) where items.indices.contains(index):
            guard let replaced = items[index].replacing(at: path.dropFirst(), transform) else { return nil }
            items[index] = replaced
            copy.kind = .sequence(items)
        default:
            return nil
        }
        return copy
    }
}
