import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// A YAML tree as JSON, typed the way YAML 1.2's core schema (and so the YAML language
/// server in an editor) reads plain scalars: `~`/`null`/empty → null, `true`/`false` →
/// booleans, decimal integers → numbers, everything else (and every quoted scalar) →
/// strings. Used to check files against the JSON Schemas with any validator.
extension YAMLNode {
    package var jsonValue: JSONValue {
        switch kind {
        case .mapping(let entries): return .object(entries.map { ($0.key, $0.value.jsonValue) })
        case .sequence(let items): return .array(items.map(\.jsonValue))
        case .scalar(let text, let style):
            guard style == .plain else { return .string(text) }
            if isNull { return .null }
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) { return .number(number) }
            return .string(text)
        }
    }
}
