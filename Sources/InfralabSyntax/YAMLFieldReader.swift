/// Typed reading of YAML nodes, shared by every file infralab reads (topologies,
/// missions, progress): what counts as a mapping, a list, a value, a whole number and a
/// boolean is decided here once, and each kind of file only words the problems
/// (`YAMLFieldVocabulary`) with its own codes (`topology.invalid-boolean`,
/// `mission.expected-bool`, …).
///
/// Every reader reports a located error and returns nil, so reading goes on with the rest
/// of the file. The values (see `Docs/topology.md`, "Values"):
/// - a value is a scalar, quoted or not, with spaces and tabs around it dropped; nothing
///   (`key:`, `~`, `null`) or only blanks is a missing value;
/// - a whole number is decimal digits only (`80`, `"80"`), no sign, and fits in an `Int`;
/// - a boolean is `true`, `false`, `yes` or `no`, in any case.
///
/// Lengths (for caret underlines) count Unicode scalars, like columns.
package struct YAMLFieldReader<Vocabulary: YAMLFieldVocabulary> {
    package var diagnostics = DiagnosticBag()
    package let vocabulary: Vocabulary

    package init(_ vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    // MARK: Reporting

    package mutating func add(_ diagnostic: Diagnostic) { diagnostics.add(diagnostic) }

    /// Words `problem` with the vocabulary and reports it at `location`.
    package mutating func report(
        _ problem: YAMLFieldProblem, _ subject: Vocabulary.Subject, found node: YAMLNode,
        at location: SourceLocation? = nil, length: Int? = nil
    ) {
        diagnostics.add(.error(
            vocabulary.code(for: problem), vocabulary.message(for: problem, subject: subject, found: node),
            at: location ?? node.location, length: length ?? node.length, suggestion: vocabulary.suggestion(for: problem)))
    }

    /// Reports that `key` is missing from `subject`, at `location` (the owner's name).
    package mutating func missing(_ key: String, _ subject: Vocabulary.Subject, at location: SourceLocation, length: Int = 1) {
        let placeholder = YAMLNode(.mapping([]), at: location, length: length)
        report(.missingKey(key), subject, found: placeholder, at: location, length: length)
    }

    // MARK: Collections

    /// The entries of a mapping; nothing (`key:`) is an empty mapping. Reports another kind
    /// of node, and, given `allowed`, every other key (at the key, with a suggestion).
    /// Unknown keys are still returned, in the order written.
    package mutating func mapping(_ node: YAMLNode, _ subject: Vocabulary.Subject, allowed: [String]? = nil) -> [YAMLNode.Entry]? {
        guard let entries = node.entries else {
            if node.isNull { return [] }
            report(.wrongKind(expected: .mapping), subject, found: node)
            return nil
        }
        if let allowed {
            for entry in entries where !allowed.contains(entry.key) {
                reportUnknownKey(entry, allowed: allowed, subject)
            }
        }
        return entries
    }

    package mutating func reportUnknownKey(_ entry: YAMLNode.Entry, allowed: [String], _ subject: Vocabulary.Subject) {
        let keyNode = YAMLNode(.scalar(entry.key, .plain), at: entry.keyLocation, length: entry.keyLength)
        report(.unknownKey(entry.key, closest: Suggestions.closest(to: entry.key, in: allowed), allowed: allowed), subject, found: keyNode)
    }

    /// The items of a list; nothing is an empty list.
    package mutating func sequence(_ node: YAMLNode, _ subject: Vocabulary.Subject) -> [YAMLNode]? {
        if let items = node.items { return items }
        if node.isNull { return [] }
        report(.wrongKind(expected: .list), subject, found: node)
        return nil
    }

    // MARK: Values

    /// A value's text, without the spaces and tabs around it.
    package mutating func text(_ node: YAMLNode, _ subject: Vocabulary.Subject) -> Located<String>? {
        guard let text = node.scalar else {
            report(.wrongKind(expected: .value), subject, found: node)
            return nil
        }
        let trimmed = Self.trimmed(text)
        if node.isNull || trimmed.isEmpty {
            report(.missingValue, subject, found: node)
            return nil
        }
        return Located(trimmed, at: node.location)
    }

    /// A whole number, within `range` when one is given.
    package mutating func integer(_ node: YAMLNode, _ subject: Vocabulary.Subject, in range: ClosedRange<Int>? = nil) -> Located<Int>? {
        guard let text = self.text(node, subject) else { return nil }
        guard let value = Self.integer(text.value), range.map({ $0.contains(value) }) ?? true else {
            report(.invalidInteger(text.value, range: range), subject, found: node)
            return nil
        }
        return Located(value, at: text.location)
    }

    package mutating func boolean(_ node: YAMLNode, _ subject: Vocabulary.Subject) -> Located<Bool>? {
        guard let text = self.text(node, subject) else { return nil }
        guard let value = Self.boolean(text.value) else {
            report(.invalidBoolean(text.value), subject, found: node)
            return nil
        }
        return Located(value, at: text.location)
    }

    /// One of a fixed set of words, in any case; `aliases` maps other spellings (lowercased).
    package mutating func choice<Value>(
        _ node: YAMLNode, _ subject: Vocabulary.Subject, _ choices: [(String, Value)], aliases: [String: Value] = [:]
    ) -> Located<Value>? {
        guard let text = self.text(node, subject) else { return nil }
        let lowered = text.value.lowercased()
        if let match = choices.first(where: { $0.0.lowercased() == lowered }) { return Located(match.1, at: text.location) }
        if let alias = aliases[lowered] { return Located(alias, at: text.location) }
        let names = choices.map(\.0)
        report(.invalidChoice(text.value, choices: names, closest: Suggestions.closest(to: text.value, in: names)), subject, found: node)
        return nil
    }

    /// One of an enum's cases by its raw value, offered in declaration order.
    package mutating func choice<Value: CaseIterable & RawRepresentable>(
        _ node: YAMLNode, _ subject: Vocabulary.Subject, _ type: Value.Type, aliases: [String: Value] = [:]
    ) -> Located<Value>? where Value.RawValue == String {
        choice(node, subject, Value.allCases.map { ($0.rawValue, $0) }, aliases: aliases)
    }

    // MARK: The grammar of values

    /// Decimal digits only, no sign; nil when the number does not fit.
    package static func integer(_ text: String) -> Int? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(text)
    }

    /// `true`/`yes` or `false`/`no`, in any case.
    package static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes": true
        case "false", "no": false
        default: nil
        }
    }

    /// Spaces and tabs dropped from both ends.
    package static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}

/// What a field held that its reader could not take, before a kind of file words it.
package enum YAMLFieldProblem: Sendable, Hashable {
    package enum Shape: Sendable, Hashable { case mapping, list, value }

    /// Another kind of node (`found` tells which) where `expected` was wanted.
    case wrongKind(expected: Shape)
    /// Nothing, or only blanks, where a value was wanted.
    case missingValue
    case invalidInteger(String, range: ClosedRange<Int>?)
    case invalidBoolean(String)
    /// A word that is not one of `choices`; `closest` is the nearest choice, if any is near.
    case invalidChoice(String, choices: [String], closest: String?)
    /// `closest` is the allowed key nearest to the one written, if any is near.
    case unknownKey(String, closest: String?, allowed: [String])
    case missingKey(String)
}

/// How one kind of file words the field reader's problems: its diagnostic codes (pinned by
/// fixtures and documented per file kind) and its messages.
package protocol YAMLFieldVocabulary {
    /// What the caller tells the reader about a field, for messages: the topology passes
    /// what was expected and whose field it is, a mission file the field's name.
    associatedtype Subject
    func code(for problem: YAMLFieldProblem) -> String
    func message(for problem: YAMLFieldProblem, subject: Subject, found node: YAMLNode) -> LocalizedText
    func suggestion(for problem: YAMLFieldProblem) -> LocalizedText?
}

extension Suggestions {
    /// "did you mean `word`?"
    package static func didYouMean(_ word: String) -> LocalizedText {
        LocalizedText(en: "did you mean `\(word)`?", ko: "\(Korean.object("`\(word)`")) 쓰려던 건가요?")
    }
}
