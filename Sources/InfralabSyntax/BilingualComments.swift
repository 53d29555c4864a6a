/// YAML comments written in both languages, of which a learner's copy keeps one.
///
/// A starter (or solution) carries its comments tagged by language:
///
///     # en: Mission 4, step 1: where mission 3 left you.
///     # ko: 미션 4의 1단계: 미션 3을 마친 그대로예요.
///     admin: 203.0.113.10   # en: the administrator's laptop | ko: 관리자 노트북
///
/// `keeping(_:in:)` turns that into the learner's language: a comment line tagged with
/// the other language goes away; a comment with parts (`en: … | ko: …`) keeps the
/// learner's part, or the English one when it has none; the tag itself goes. Untagged
/// comments and everything that is not a comment are left exactly as written.
package enum BilingualComments {
    /// `text` with its tagged comments in `language` only.
    package static func keeping(_ language: Language, in text: String) -> String {
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let hash = commentStart(in: line) else {
                kept.append(line)
                continue
            }
            let body = line[line.index(after: hash)...]
            guard let parts = taggedParts(body) else {
                kept.append(line)
                continue
            }
            let code = line[..<hash]
            let isCommentLine = code.allSatisfy { $0 == " " || $0 == "\t" }
            if let chosen = parts[language] ?? (isCommentLine ? nil : parts[.en]) {
                kept.append(code + "#" + (chosen.isEmpty ? "" : " " + chosen))
            } else if !isCommentLine {
                kept.append(Substring(String(code.reversed().drop { $0 == " " || $0 == "\t" }.reversed())))
            }
        }
        return kept.joined(separator: "\n")
    }

    /// Where the comment on `line` starts: a `#` at the start or after a space, outside
    /// quotes.
    package static func commentStart(in line: Substring) -> Substring.Index? {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                return index
            }
            previous = character
        }
        return nil
    }

    /// The language parts of a comment's text (`en: … | ko: …`), or nil when it is not
    /// tagged. A `|` not followed by a tag belongs to the text.
    static func taggedParts(_ body: Substring) -> [Language: String]? {
        var parts: [Language: String] = [:]
        var current: Language?
        for segment in body.split(separator: "|", omittingEmptySubsequences: false) {
            let trimmed = segment.drop { $0 == " " }
            if let tag = Language.allCases.first(where: { trimmed.hasPrefix($0.rawValue + ":") }) {
                current = tag
                parts[tag] = String(trimmed.dropFirst(tag.rawValue.count + 1)).trimmingSpaces
            } else if let language = current {
                parts[language, default: ""] += " |" + segment.trimmingTrailingSpaces
            } else {
                return nil
            }
        }
        return parts
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

private extension Substring {
    var trimmingTrailingSpaces: String { String(String(reversed().drop { $0 == " " }).reversed()) }
}
