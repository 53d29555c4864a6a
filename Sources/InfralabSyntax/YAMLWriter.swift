/// Writes a `YAMLNode` as canonical block YAML: two-space indentation, sequences indented
/// under their key, scalars quoted only where a plain scalar would read differently,
/// multi-line text as `|` literal blocks.
///
/// `YAMLParser.parse(YAMLWriter.write(node))` gives back a tree for which
/// `isEquivalent(to: node)` holds (locations and scalar styles aside). The root should be
/// a mapping or a sequence; a scalar root is written as a one-item document the parser
/// reads as a mapping error.
package enum YAMLWriter {
    /// `header` lines are written first, each as a `# ` comment.
    package static func write(_ node: YAMLNode, header: [String] = []) -> String {
        var output = header.map { "# \($0)\n" }.joined()
        switch node.kind {
        case .mapping(let entries) where !entries.isEmpty:
            writeMapping(entries, indent: 0, firstLineIndented: true, into: &output)
        case .sequence(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, firstLineIndented: true, into: &output)
        case .mapping:
            output += "{}\n"
        case .sequence:
            output += "[]\n"
        case .scalar:
            output += "- " + inlineScalar(node) + "\n"
        }
        return output
    }

    /// How a scalar is written after `key:` or `-` on one line (without the leading
    /// space), or nil when it needs a block (`|`).
    package static func inlineScalar(_ node: YAMLNode) -> String {
        guard case .scalar(let text, let style) = node.kind else { return "" }
        if style == .plain {
            if node.isNull { return text }
            if isPlainSafe(text) { return text }
        } else if isPlainSafe(text) && !readsAsOtherType(text) {
            return text
        }
        return doubleQuoted(text)
    }

    private static func writeMapping(_ entries: [YAMLNode.Entry], indent: Int, firstLineIndented: Bool, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (offset, entry) in entries.enumerated() {
            if offset > 0 || firstLineIndented { output += pad }
            output += key(entry.key) + ":"
            writeValue(entry.value, indent: indent, nestedIndent: indent + 2, into: &output)
        }
    }

    private static func writeSequence(_ items: [YAMLNode], indent: Int, firstLineIndented: Bool, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (offset, item) in items.enumerated() {
            if offset > 0 || firstLineIndented { output += pad }
            output += "-"
            switch item.kind {
            case .mapping(let entries) where !entries.isEmpty:
                output += " "
                writeMapping(entries, indent: indent + 2, firstLineIndented: false, into: &output)
            case .sequence(let nested) where !nested.isEmpty:
                output += " "
                writeSequence(nested, indent: indent + 2, firstLineIndented: false, into: &output)
            default:
                writeValue(item, indent: indent, nestedIndent: indent + 2, into: &output)
            }
        }
    }

    /// Writes what follows `key:` or `-`, then the line break.
    private static func writeValue(_ value: YAMLNode, indent: Int, nestedIndent: Int, into output: inout String) {
        switch value.kind {
        case .mapping(let entries):
            if entries.isEmpty {
                output += " {}\n"
            } else {
                output += "\n"
                writeMapping(entries, indent: nestedIndent, firstLineIndented: true, into: &output)
            }
        case .sequence(let items):
            if items.isEmpty {
                output += " []\n"
            } else {
                output += "\n"
                writeSequence(items, indent: nestedIndent, firstLineIndented: true, into: &output)
            }
        case .scalar(let text, _):
            if value.isNull, value.scalar?.isEmpty == true {
                output += "\n"
            } else if let block = literalBlock(text, indent: nestedIndent) {
                output += " " + block
            } else {
                output += " " + inlineScalar(value) + "\n"
            }
        }
    }

    /// A node on one line in flow style: `{ port: 22, from: admin }`, `[was, db]`.
    package static func flow(_ node: YAMLNode) -> String {
        switch node.kind {
        case .mapping(let entries):
            entries.isEmpty ? "{}" : "{ " + entries.map { key($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + " }"
        case .sequence(let items):
            "[" + items.map(flow).joined(separator: ", ") + "]"
        case .scalar:
            flowScalar(node)
        }
    }

    /// A scalar inside a flow collection, where `,`, brackets and braces end a plain scalar.
    package static func flowScalar(_ node: YAMLNode) -> String {
        guard let text = node.scalar else { return flow(node) }
        if node.isNull && text.isEmpty { return "null" }
        let inline = inlineScalar(node)
        if inline.hasPrefix("\"") { return inline }
        return text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) ? doubleQuoted(text) : inline
    }

    static func key(_ text: String) -> String {
        isPlainSafe(text) && !readsAsOtherType(text) ? text : doubleQuoted(text)
    }

    /// `|`, `|-` or `|+` and the indented lines, for multi-line text a literal block keeps
    /// exactly; nil when the text is single-line or a block would change it.
    static func literalBlock(_ text: String, indent: Int) -> String? {
        guard text.contains("\n") else { return nil }
        var body = Substring(text)
        var trailing = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailing += 1
        }
        guard !body.isEmpty else { return nil }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        for scalar in text.unicodeScalars where scalar.properties.generalCategory == .control && scalar != "\n" {
            return nil
        }
        guard let first = lines.first, !first.isEmpty, first.first != " ", first.first != "\t" else { return nil }
        for line in lines where !line.isEmpty && line.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
        for line in lines where line.last == " " || line.last == "\t" { return nil }
        let header = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+"
        let pad = String(repeating: " ", count: indent)
        var block = header + "\n"
        for line in lines {
            block += line.isEmpty ? "\n" : pad + line + "\n"
        }
        if trailing > 1 { block += String(repeating: "\n", count: trailing - 1) }
        return block
    }

    /// Whether `text` written plain in block context reads back as the same text.
    static func isPlainSafe(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        if first.isYAMLSpace || last.isYAMLSpace || last == ":" { return false }
        if text.hasPrefix("---") || text.hasPrefix("...") { return false }
        if "[]{},#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if first == "-" || first == "?" || first == ":" {
            if scalars.count == 1 || scalars[1].isYAMLSpace { return false }
        }
        for (offset, scalar) in scalars.enumerated() {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                return false
            default: break
            }
            if scalar == "\u{85}" || scalar == "\u{A0}" || scalar == "\t" { return false }
            if scalar == ":", offset + 1 < scalars.count, scalars[offset + 1].isYAMLSpace { return false }
            if scalar == "#", offset > 0, scalars[offset - 1].isYAMLSpace { return false }
        }
        // A plain `key:value` line reads as a typo for a key.
        if let colon = scalars.firstIndex(of: ":"), colon > 0, first.properties.isAlphabetic || first == "_" {
            let head = scalars[..<colon]
            if head.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.".unicodeScalars.contains($0) }),
                colon + 1 < scalars.count, scalars[colon + 1] != "/"
            {
                return false
            }
        }
        return true
    }

    /// Whether a plain scalar with this text would be taken for a null, a boolean or a
    /// number, so that text meant as a string must be quoted.
    package static func readsAsOtherType(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
            "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
            ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", ".nan", ".NaN", ".NAN":
            return true
        default:
            break
        }
        var scalars = Substring(text)
        if scalars.hasPrefix("0x") || scalars.hasPrefix("0o") {
            return scalars.count > 2 && scalars.dropFirst(2).allSatisfy(\.isHexDigit)
        }
        if scalars.first == "-" || scalars.first == "+" { scalars = scalars.dropFirst() }
        var digits = 0
        var dots = 0
        var exponent = false
        var previous: Character = " "
        for character in scalars {
            if character.isASCII, character.isNumber {
                digits += 1
            } else if character == "." && !exponent {
                dots += 1
            } else if (character == "e" || character == "E") && digits > 0 && !exponent {
                exponent = true
            } else if (character == "-" || character == "+") && (previous == "e" || previous == "E") {
            } else if character == "_" {
            } else {
                return false
            }
            previous = character
        }
        return digits > 0 && dots <= 1
    }

    static func doubleQuoted(_ text: String) -> String {
        "\"" + TextEscaping.escaped(text) { TextEscaping.backslashEscape($0, uppercaseHex: true, isHexEscaped: isUnprintable) } + "\""
    }

    /// What YAML's printable set leaves out, written as `\u` / `\U` escapes.
    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse: true
        default: false
        }
    }
}

/// Trees built to be written (their locations are never read).
extension YAMLNode {
    private static let unwritten = SourceLocation(file: "", line: 1, column: 1)

    /// Text: written quoted where plain it would read as something else (`"80"`, `"yes"`).
    package static func text(_ value: String) -> YAMLNode { YAMLNode(.scalar(value, .doubleQuoted), at: unwritten) }

    /// A number or a boolean, written as it is.
    package static func plain(_ value: String) -> YAMLNode { YAMLNode(.scalar(value, .plain), at: unwritten) }

    package static func mapping(_ pairs: [(String, YAMLNode)]) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { Entry(key: $0.0, keyLocation: unwritten, value: $0.1) }), at: unwritten)
    }

    package static func sequence(_ items: [YAMLNode]) -> YAMLNode { YAMLNode(.sequence(items), at: unwritten) }
}

extension YAMLNode {
    /// Same tree, ignoring locations and how scalars were quoted — except that a quoted
    /// `80` or `true` stays text while a plain one does not (see `YAMLWriter.readsAsOtherType`).
    package func isEquivalent(to other: YAMLNode) -> Bool {
        switch (kind, other.kind) {
        case let (.scalar(a, styleA), .scalar(b, styleB)):
            guard a == b else { return false }
            if YAMLWriter.readsAsOtherType(a) { return (styleA == .plain) == (styleB == .plain) }
            return true
        case let (.mapping(a), .mapping(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.isEquivalent(to: $1.value) }
        case let (.sequence(a), .sequence(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        default:
            return false
        }
    }
}
