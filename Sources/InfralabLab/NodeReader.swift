import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Typed reading of YAML nodes for mission and progress files, collecting located
/// diagnostics instead of stopping at the first problem.
struct NodeReader {
    var diagnostics: [Diagnostic] = []
    /// Prefix of diagnostic codes (`mission`, `progress`).
    let codePrefix: String

    init(codePrefix: String) { self.codePrefix = codePrefix }

    mutating func error(_ code: String, _ message: LocalizedText, at location: SourceLocation?, length: Int = 1,
                        notes: [Diagnostic.Note] = [], suggestion: LocalizedText? = nil) {
        diagnostics.append(.error("\(codePrefix).\(code)", message, at: location, length: length, notes: notes, suggestion: suggestion))
    }

    mutating func warning(_ code: String, _ message: LocalizedText, at location: SourceLocation?, length: Int = 1) {
        diagnostics.append(.warning("\(codePrefix).\(code)", message, at: location, length: length))
    }

    /// The entries of a mapping; reports anything else, and unknown keys with a suggestion.
    mutating func mapping(_ node: YAMLNode, _ what: String, allowed: [String]? = nil) -> [YAMLNode.Entry]? {
        guard let entries = node.entries else {
            if node.isNull { return [] }
            error("expected-mapping",
                  LocalizedText(en: "\(what) should be a mapping (key: value pairs), found \(node.kindDescription.en)",
                                ko: "\(what)에는 매핑(키: 값 목록)이 와야 하는데 \(Korean.subject("\(node.kindDescription.ko ?? node.kindDescription.en)")) 있어요"),
                  at: node.location, length: node.length)
            return nil
        }
        if let allowed {
            for entry in entries where !allowed.contains(entry.key) {
                let guess = Suggestions.closest(to: entry.key, in: allowed)
                error("unknown-key",
                      LocalizedText(en: "unknown key `\(entry.key)` in \(what)", ko: "\(what)에 알 수 없는 키 \(Korean.subject("`\(entry.key)`")) 있어요"),
                      at: entry.keyLocation, length: entry.key.unicodeScalars.count,
                      suggestion: guess.map { LocalizedText(en: "did you mean `\($0)`?", ko: "\(Korean.object("`\($0)`")) 쓰려던 건가요?") }
                        ?? LocalizedText(en: "known keys: \(allowed.joined(separator: ", "))", ko: "쓸 수 있는 키: \(allowed.joined(separator: ", "))"))
            }
        }
        return entries
    }

    mutating func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if let items = node.items { return items }
        if node.isNull { return [] }
        error("expected-list",
              LocalizedText(en: "\(what) should be a list, found \(node.kindDescription.en)",
                            ko: "\(what)에는 목록이 와야 하는데 \(Korean.subject("\(node.kindDescription.ko ?? node.kindDescription.en)")) 있어요"),
              at: node.location, length: node.length)
        return nil
    }

    mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = node.scalar, !node.isNull else {
            error("expected-text",
                  LocalizedText(en: "\(what) should be a single value, found \(node.kindDescription.en)",
                                ko: "\(what)에는 단일 값이 와야 하는데 \(Korean.subject("\(node.kindDescription.ko ?? node.kindDescription.en)")) 있어요"),
                  at: node.location, length: node.length)
            return nil
        }
        return text
    }

    mutating func int(_ node: YAMLNode, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, what) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            error("expected-number",
                  LocalizedText(en: "\(what) should be a whole number from \(range.lowerBound) to \(range.upperBound), found `\(text)`",
                                ko: "\(what)에는 \(range.lowerBound)~\(range.upperBound) 사이의 정수가 와야 하는데 \(Korean.subject("`\(text)`")) 있어요"),
                  at: node.location, length: node.length)
            return nil
        }
        return value
    }

    mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("expected-bool", LocalizedText(en: "\(what) should be true or false, found `\(text)`",
                                                 ko: "\(what)에는 true 또는 false가 와야 하는데 \(Korean.subject("`\(text)`")) 있어요"),
                  at: node.location, length: node.length)
            return nil
        }
    }

    /// `{ en: ..., ko: ... }`, or a bare string (English only).
    mutating func localized(_ node: YAMLNode, _ what: String) -> LocalizedText? {
        if node.scalar != nil, !node.isNull {
            return LocalizedText(en: trimmed(node.scalar!), ko: nil)
        }
        guard let entries = mapping(node, what, allowed: ["en", "ko"]) else { return nil }
        var en: String?, ko: String?
        for entry in entries {
            let text = string(entry.value, "\(what).\(entry.key)").map(trimmed)
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
    private func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == "\n" || last == " " { text.removeLast() }
        return String(text)
    }

    mutating func missing(_ key: String, in what: String, at location: SourceLocation, length: Int = 1) {
        error("missing-key", LocalizedText(en: "\(what) needs `\(key):`", ko: "\(what)에 \(Korean.subject("`\(key):`")) 필요해요"), at: location, length: length)
    }
}
