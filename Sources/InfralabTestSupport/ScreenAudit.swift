import Foundation
import InfralabPresentation

/// What a learner's screen may not show (issue 11, "How it will be checked"): a line
/// wider than the screen, a particle template (both forms of a particle, one in
/// parentheses), or — on a Korean screen — an
/// English word outside code.
///
/// **Code** on a Korean line is:
/// - a source snippet line (`12 | …`, `   | ^^^`) and a `-->` location;
/// - a YAML listing line (a `key:` or `- ` line with no Hangul before its comment): only
///   its `# …` comment is prose;
/// - a command line (`$ …`, `infralab …`);
/// - a backticked span (`` `{ port: 22, from: admin }` ``), also over several lines;
/// - a token holding a digit, `-`, `_`, `/`, `.`, `:`, `=`, `*`, `@` or `$` inside it
///   (CIDRs, ports, `topology.yaml:6:3`, `nat-a`, `--lang`, `role:lb`);
/// - a reason code in brackets (`[NO_ROUTE]`, `[topology.unknown-key]`);
/// - a name from the topology shown (`names`), or a piece of one a line break cut (a name
///   wider than the screen);
/// - a gloss: one or two Latin words in parentheses right after a Hangul word or a
///   loanword, giving the term a reader would search for (`탄력적 IP(Elastic IP)`,
///   `꼭대기(apex)`).
/// Single letters are not words. What is left and made of two or more Latin letters is
/// an English word unless it is in `loanwords` or `properNames`.
public struct ScreenAudit: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case wide = "lines wider than the screen"
        case template = "particle templates"
        case english = "English words on Korean screens"
        case cutSpan = "code spans cut across lines"
    }

    public struct Finding: Sendable, CustomStringConvertible {
        public var kind: Kind
        public var screen: String
        public var line: String
        public var detail: String
        public var description: String { "[\(kind)] \(screen): \(detail) in “\(line)”" }
    }

    /// Latin-letter words Korean developers write as they are (upper or lower case).
    public static let loanwords: Set<String> = [
        "VPC", "NAT", "CIDR", "SSH", "HTTP", "HTTPS", "DNS", "AZ", "ACL", "TCP", "UDP", "ICMP", "IP", "ALB", "NLB",
        "LB", "DB", "WAS", "YAML", "JSON", "ID", "AWS", "TLS", "API", "URL", "CNAME", "PC", "LAN", "ISP", "VPN",
        "ISO", "CPU", "OK", "OS", "RFC", "UPS", "SOA", "NS", "ACM", "INFRALAB",
    ]

    /// Products and services, written as their makers write them.
    public static let properNames: Set<String> = ["Jenkins", "MySQL", "OpenSSH", "nginx", "ngrok", "Terraform", "Route", "RDS", "ElastiCache", "Redis", "Memcached", "PostgreSQL", "MariaDB", "Aurora"]

    public var width: Int
    public private(set) var screens = 0
    public private(set) var findings: [Finding] = []

    public init(width: Int = 80) { self.width = width }

    /// Looks at one screen (a command's stdout and stderr together). A code span may go on
    /// over the next lines only when it is wider than the room it starts in (it then
    /// starts a line of its own); any other span that ends on a later line is cut.
    public mutating func inspect(_ text: String, screen: String, korean: Bool, names: Set<String> = []) {
        screens += 1
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var carried = false  // the line starts inside a code span begun above
        for (index, line) in lines.enumerated() {
            let columns = displayWidth(of: line)
            if columns > width { findings.append(Finding(kind: .wide, screen: screen, line: line, detail: "\(columns) columns")) }
            for template in Self.templates(in: line) {
                findings.append(Finding(kind: .template, screen: screen, line: line, detail: template))
            }
            if line.allSatisfy({ $0 == " " }) || Self.isCodeLine(line) {
                carried = false
                continue
            }
            let endsInCode = carried != (line.filter { $0 == "`" }.count % 2 == 1)
            if endsInCode, !carried, let span = Self.span(openedIn: line, continuingIn: lines[(index + 1)...]) {
                let room = width - line.prefix { $0 == " " }.count
                if displayWidth(of: span) <= room {
                    findings.append(Finding(kind: .cutSpan, screen: screen, line: line, detail: "`\(span)` (\(displayWidth(of: span)) columns) cut"))
                }
            }
            if korean {
                for word in Self.englishWords(in: line, names: names, startsInCode: carried) {
                    findings.append(Finding(kind: .english, screen: screen, line: line, detail: word))
                }
            }
            carried = endsInCode
        }
    }

    /// The span whose opening backtick is the last on `line`, through the first backtick
    /// on the lines after it, its pieces joined by spaces; nil when it never closes.
    static func span(openedIn line: String, continuingIn rest: ArraySlice<String>) -> String? {
        guard let open = line.lastIndex(of: "`") else { return nil }
        var pieces = [String(line[open...])]
        for next in rest {
            let trimmed = next.drop { $0 == " " }
            if let close = trimmed.firstIndex(of: "`") {
                pieces.append(String(trimmed[...close]))
                return pieces.joined(separator: " ")
            }
            if trimmed.isEmpty { return nil }
            pieces.append(String(trimmed))
        }
        return nil
    }

    public func count(_ kind: Kind) -> Int { findings.filter { $0.kind == kind }.count }

    /// `lines >80: N, particle templates: N, … over S screens`.
    public var summary: String {
        Kind.allCases.map { "\($0.rawValue): \(count($0))" }.joined(separator: ", ") + " — over \(screens) screens"
    }

    /// Both forms of a particle with one in parentheses (subject, object, topic, toward,
    /// and, quoting, or, copula): a particle left for the reader.
    public static func templates(in line: String) -> [String] {
        let particles: Set<String> = ["이", "가", "을", "를", "은", "는", "으", "과", "와", "이라는", "라는", "이나", "나", "이에요", "예요"]
        var found: [String] = []
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "(") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ")") else { break }
            let inside = String(after[..<close])
            if particles.contains(inside) {
                let before = rest[..<open].suffix(3), next = after[after.index(after: close)...].prefix(2)
                found.append(before + "(" + inside + ")" + next)
            }
            rest = after[after.index(after: close)...]
        }
        return found
    }

    /// A snippet line, a location line, a command line, or a YAML listing line (whose
    /// comment alone is prose; see `prose(of:)`).
    static func isCodeLine(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("-->") || trimmed.hasPrefix("$ ") || trimmed.hasPrefix("infralab ") { return true }
        // `12 | text`, `   | ^^^`
        let gutter = trimmed.drop { $0.isNumber }
        return gutter.hasPrefix(" |") || gutter.hasPrefix("|")
    }

    /// The prose of a line: nothing for code lines, the comment of a YAML listing line,
    /// else the line.
    static func prose(of line: String) -> Substring {
        if isCodeLine(line) { return "" }
        let trimmed = line.drop { $0 == " " }
        let body = trimmed.hasPrefix("- ") ? trimmed.dropFirst(2).drop { $0 == " " } : trimmed
        let comment = body.range(of: " #").map { body[$0.upperBound...] } ?? (body.hasPrefix("#") ? body.dropFirst() : nil)
        let code = body.range(of: " #").map { body[..<$0.lowerBound] } ?? (body.hasPrefix("#") ? "" : body)
        let hasHangul = code.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
        let key = code.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        let isListing = !hasHangul && (trimmed.hasPrefix("- ") || code.isEmpty
            || (!key.isEmpty && (code.dropFirst(key.count).hasPrefix(": ") || code.dropFirst(key.count) == ":")))
        return isListing ? (comment ?? "") : Substring(line)
    }

    /// `text` without its glosses: `(one or two Latin words)` right after a Hangul syllable
    /// or a loanword, with no space before the parenthesis.
    static func removingGlosses(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "(") {
            let before = rest[..<open]
            out += before
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ")") else { out += after; return out }
            let inside = after[..<close]
            let words = inside.split(separator: " ")
            let previousWord = before.split(separator: " ").last.map(String.init) ?? ""
            let follows = before.last.map { $0.unicodeScalars.first.map { (0xAC00...0xD7A3).contains($0.value) } ?? false } ?? false
                || (!previousWord.isEmpty && loanwords.contains(previousWord.uppercased()))
            let isGloss = follows && (1...2).contains(words.count) && words.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isLetter } }
            out += isGloss ? "( )" : "(" + inside + ")"
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    /// English words in the prose of `line` (see the type's description of code).
    public static func englishWords(in line: String, names: Set<String>, startsInCode: Bool = false) -> [String] {
        var text = String(prose(of: line))
        // Backticked spans, one of them perhaps begun on a line above.
        var kept = ""
        var inCode = startsInCode
        for character in text {
            if character == "`" { inCode.toggle(); kept.append(" "); continue }
            if !inCode { kept.append(character) }
        }
        text = removingGlosses(kept)
        text = text.replacingOccurrences(of: #"\[[A-Za-z_.-]+\]"#, with: " ", options: .regularExpression)
        var words: [String] = []
        var token = ""
        func flush() {
            defer { token = "" }
            var word = Substring(token)
            while let last = word.last, ".,:;!?".contains(last) { word.removeLast() }
            while let first = word.first, ".,:;".contains(first) { word.removeFirst() }
            guard word.count >= 2 else { return }
            if word.contains(where: { $0.isNumber || "-_/.:=*@$+~".contains($0) }) { return }
            if names.contains(String(word)) || loanwords.contains(word.uppercased()) || properNames.contains(String(word)) { return }
            if word.count >= 8, names.contains(where: { $0.contains(word) }) { return }
            guard word.allSatisfy({ $0.isASCII && $0.isLetter }) else { return }
            words.append(String(word))
        }
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber || "-_/.:=*@$+~".contains(character) {
                token.append(character)
                continue
            }
            flush()
        }
        flush()
        return words
    }
}
