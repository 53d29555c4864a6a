import Foundation
import InfralabSyntax

import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// A small JSON builder that keeps keys in the order written (so `--json` output reads
/// well and diffs stably) and escapes strings per RFC 8259.
package indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Int)
    /// A fractional number (a score of 0.75, a price in dollars). Non-finite values are
    /// written as `null`, which is all JSON allows.
    case decimal(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

    package func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    package static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    package static func optional(_ number: Int?) -> JSONValue { number.map(JSONValue.number) ?? .null }

    /// Pretty-printed with two-space indentation, no trailing newline.
    package func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return String(value)
        case .decimal(let value): return value.isFinite ? JSONValue.decimalText(value) : "null"
        case .string(let value): return JSONValue.quoted(value)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(closing)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n"
                + members.map { pad + JSONValue.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(closing)}"
        }
    }

    /// The shortest text that reads back as `value` (`0.75`, `1.0`, `32.4`); never an
    /// exponent for the magnitudes grades and prices take.
    static func decimalText(_ value: Double) -> String {
        let text = String(value)
        guard text.contains("e") else { return text }
        var fixed = String(format: "%.10f", value)
        while fixed.hasSuffix("0") && !fixed.hasSuffix(".0") { fixed.removeLast() }
        return fixed
    }

    package static func quoted(_ text: String) -> String {
        "\"" + TextEscaping.escaped(text) { TextEscaping.backslashEscape($0) } + "\""
    }
}

/// The one JSON shape for a place in a file, and for a diagnostic, used by every
/// `--json` output (`check`, `validate`, `probe`, `grade`, `lab check`, `status`).
extension JSONValue {
    /// `{ "file", "line", "column" }`, or `null` when there is no place.
    package static func location(_ location: SourceLocation?) -> JSONValue {
        guard let location else { return .null }
        return .object([("file", .string(location.file)), ("line", .number(location.line)), ("column", .number(location.column))])
    }

    /// `{ severity, code, message, location, length, suggestion, notes: [{ message, location }] }`
    package static func diagnostic(_ diagnostic: Diagnostic, language: Language) -> JSONValue {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code)),
            ("message", .string(diagnostic.message.text(language))),
            ("location", location(diagnostic.location)),
            ("length", .number(diagnostic.length)),
            ("suggestion", .optional(diagnostic.suggestion?.text(language))),
            ("notes", .array(diagnostic.notes.map { note in
                .object([("message", .string(note.message.text(language))), ("location", location(note.location))])
            })),
        ])
    }
}
