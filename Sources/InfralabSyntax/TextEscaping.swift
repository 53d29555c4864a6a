/// The one loop that escapes text for an output format (JSON, YAML, XML/SVG, Mermaid,
/// DOT, HCL). Each format names the scalars it replaces; the control characters are
/// decided here once: JSON and YAML write them as `\u` escapes, the diagram formats as
/// a space. The loop walks Unicode scalars, so a `\r\n` pair (one Swift `Character`)
/// is escaped as two characters, not passed through.
package enum TextEscaping {
    /// A C0 control character (below U+0020): JSON must escape it, XML 1.0 forbids it,
    /// a diagram label cannot hold it.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 }

    /// `text` with each scalar that `replacement` names replaced and the others kept.
    package static func escaped(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { result += replaced } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// The backslash escapes JSON strings and YAML double-quoted scalars share: `\"`,
    /// `\\`, `\n`, `\r`, `\t`, and for what `isHexEscaped` picks `\u` with four hex digits
    /// (`\U` with eight beyond U+FFFF, which only YAML asks for); nil keeps the scalar.
    package static func backslashEscape(
        _ scalar: Unicode.Scalar, uppercaseHex: Bool = false, isHexEscaped: (Unicode.Scalar) -> Bool = isControl
    ) -> String? {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case _ where isHexEscaped(scalar):
            let hex = String(scalar.value, radix: 16, uppercase: uppercaseHex)
            let (mark, width) = scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
            return mark + String(repeating: "0", count: width - hex.count) + hex
        default: return nil
        }
    }

    /// `text` with each scalar in `table` replaced by its entry, and (when
    /// `controlAsSpace`) any other control character by a space: the diagram and export
    /// formats, which differ only in their tables.
    package static func escaped(_ text: String, _ table: [Unicode.Scalar: String], controlAsSpace: Bool) -> String {
        escaped(text) { scalar in table[scalar] ?? (controlAsSpace && isControl(scalar) ? " " : nil) }
    }
}
