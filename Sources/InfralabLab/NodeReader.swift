import InfralabSyntax

/// Typed reading of mission and progress files: the shared field reader
/// (`InfralabSyntax/YAMLFieldReader.swift`, the same one the topology decoder uses), worded
/// with `mission.*` / `progress.*` codes. A field is named by a short English phrase
/// (`"entry-port"`, `"the progress file"`).
typealias NodeReader = YAMLFieldReader<LabFileVocabulary>

/// The field reader's problems in a mission or progress file.
struct LabFileVocabulary: YAMLFieldVocabulary {
    /// `mission` or `progress`.
    let codePrefix: String

    func code(for problem: YAMLFieldProblem) -> String {
        let code = switch problem {
        case .wrongKind(expected: .mapping): "expected-mapping"
        case .wrongKind(expected: .list): "expected-list"
        case .wrongKind(expected: .value), .missingValue: "expected-text"
        case .invalidInteger: "expected-number"
        case .invalidBoolean: "expected-bool"
        case .invalidChoice: "bad-value"
        case .unknownKey: "unknown-key"
        case .missingKey: "missing-key"
        }
        return "\(codePrefix).\(code)"
    }

    func message(for problem: YAMLFieldProblem, subject what: String, found node: YAMLNode) -> LocalizedText {
        let found = node.kindDescription
        let foundKo = found.ko ?? found.en
        switch problem {
        case .wrongKind(expected: .mapping):
            return LocalizedText(en: "\(what) should be a mapping (key: value pairs), found \(found.en)",
                                 ko: "\(what)에는 매핑(키: 값 목록)이 와야 해요(적힌 것: \(foundKo))")
        case .wrongKind(expected: .list):
            return LocalizedText(en: "\(what) should be a list, found \(found.en)", ko: "\(what)에는 목록이 와야 해요(적힌 것: \(foundKo))")
        case .wrongKind(expected: .value), .missingValue:
            return LocalizedText(en: "\(what) should be a single value, found \(found.en)",
                                 ko: "\(what)에는 단일 값이 와야 해요(적힌 것: \(foundKo))")
        case .invalidInteger(let text, let range):
            let en = range.map { "a whole number from \($0.lowerBound) to \($0.upperBound)" } ?? "a whole number"
            let ko = range.map { "\($0.lowerBound)~\($0.upperBound) 사이의 정수가" } ?? "정수가"
            return LocalizedText(en: "\(what) should be \(en), found `\(text)`", ko: "\(what)에는 \(ko) 와야 해요(적힌 값: `\(text)`)")
        case .invalidBoolean(let text):
            return LocalizedText(en: "\(what) should be true or false, found `\(text)`",
                                 ko: "\(what)에는 `true`나 `false`가 와야 해요(적힌 값: `\(text)`)")
        case .invalidChoice(let text, let choices, _):
            let quoted = choices.map { "`\($0)`" }
            let en = quoted.count > 1 ? quoted.dropLast().joined(separator: ", ") + " or " + quoted.last! : quoted.joined()
            return LocalizedText(en: "`\(what):` is \(en), found `\(text)`",
                                 ko: "`\(what):`에는 \(quoted.joined(separator: ", ")) 중 하나가 와야 해요(적힌 값: `\(text)`)")
        case .unknownKey(let key, _, _):
            return LocalizedText(en: "unknown key `\(key)` in \(what)", ko: "\(what)에 알 수 없는 키 \(Korean.subject("`\(key)`")) 있어요")
        case .missingKey(let key):
            return LocalizedText(en: "\(what) needs `\(key):`", ko: "\(what)에 `\(key):` 키가 필요해요")
        }
    }

    func suggestion(for problem: YAMLFieldProblem) -> LocalizedText? {
        if case .invalidChoice(_, _, let closest?) = problem { return Suggestions.didYouMean(closest) }
        guard case .unknownKey(_, let closest, let allowed) = problem else { return nil }
        if let closest { return Suggestions.didYouMean(closest) }
        let list = allowed.joined(separator: ", ")
        return LocalizedText(en: "known keys: \(list)", ko: "쓸 수 있는 키: \(list)")
    }
}

extension YAMLFieldReader where Vocabulary == LabFileVocabulary {
    init(codePrefix: String) { self.init(LabFileVocabulary(codePrefix: codePrefix)) }

    /// Reports a problem of the file's own (`duplicate-step`) under its prefix.
    mutating func error(_ code: String, _ message: LocalizedText, at location: SourceLocation?, length: Int = 1,
                        notes: [Diagnostic.Note] = [], suggestion: LocalizedText? = nil) {
        add(.error("\(vocabulary.codePrefix).\(code)", message, at: location, length: length, notes: notes, suggestion: suggestion))
    }

    mutating func warning(_ code: String, _ message: LocalizedText, at location: SourceLocation?, length: Int = 1) {
        add(.warning("\(vocabulary.codePrefix).\(code)", message, at: location, length: length))
    }

    /// `{ en: ..., ko: ... }`, or a bare string (English only).
    mutating func localized(_ node: YAMLNode, _ what: String) -> LocalizedText? {
        if node.scalar != nil, !node.isNull {
            return text(node, what).map { LocalizedText(en: Self.trimmingBreaks($0.value), ko: nil) }
        }
        guard let entries = mapping(node, what, allowed: ["en", "ko"]) else { return nil }
        var en: String?, ko: String?
        for entry in entries {
            let text = text(entry.value, "\(what).\(entry.key)").map { Self.trimmingBreaks($0.value) }
            if entry.key == "en" { en = text } else if entry.key == "ko" { ko = text }
        }
        guard let en else {
            error("missing-english", LocalizedText(en: "\(what) has no English text (`en:`)", ko: "\(what)에 영어 문장(`en:`)이 없어요"),
                  at: node.location, length: node.length)
            return nil
        }
        return LocalizedText(en: en, ko: ko)
    }

    /// Block scalars end with a newline; text shown on screen should not.
    private static func trimmingBreaks(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == "\n" || last == " " { text.removeLast() }
        return String(text)
    }
}
