import Testing
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

/// A compact, unambiguous form of a tree: `{a: "1", b: ["x", null]}`.
func shape(_ node: YAMLNode?) -> String {
    guard let node else { return "<nil>" }
    switch node.kind {
    case .scalar(let text, let style):
        if node.isNull && style == .plain && text.isEmpty { return "null" }
        return text.debugDescription
    case .mapping(let entries):
        return "{" + entries.map { "\($0.key): \(shape($0.value))" }.joined(separator: ", ") + "}"
    case .sequence(let items):
        return "[" + items.map(shape).joined(separator: ", ") + "]"
    }
}

/// Parses text that must be free of diagnostics and returns its tree.
func parseClean(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> YAMLNode? {
    let result = YAMLParser.parse(text, file: "t.yaml")
    #expect(result.diagnostics.isEmpty, "unexpected: \(result.diagnostics.map { "\($0.code) \($0.location?.description ?? "")" })", sourceLocation: sourceLocation)
    return result.root
}

/// `code@line:column` for each diagnostic, in order.
func problems(_ text: String) -> [String] {
    YAMLParser.parse(text, file: "t.yaml").diagnostics.map { d in
        "\(d.code)@\(d.location.map { "\($0.line):\($0.column)" } ?? "-")"
    }
}

func at(_ line: Int, _ column: Int) -> InfralabSyntax.SourceLocation {
    InfralabSyntax.SourceLocation(file: "t.yaml", line: line, column: column)
}
