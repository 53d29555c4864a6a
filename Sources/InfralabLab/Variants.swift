import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Known answers kept beside a solution: `Solutions/NN-slug/variants/STEP/NAME.yaml`,
/// headed `# expect: pass` or `# expect: fail req-a req-b` (exactly those fail).
package struct VariantExpectation: Hashable, Sendable {
    /// Requirement ids that must fail; empty means the variant must pass.
    package var failing: [String]
    package var why: String?
    package var location: SourceLocation

    /// Reads the leading comment lines of a variant file; nil when no `# expect:` line.
    package static func parse(_ text: String, file: String) -> Result<VariantExpectation, Diagnostic> {
        var why: String?
        var expectation: (words: [String], line: Int)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace
            guard line.hasPrefix("#") else { if line.isEmpty { continue } else { break } }
            let body = line.dropFirst().trimmingWhitespace
            if body.hasPrefix("expect:") {
                expectation = (body.dropFirst("expect:".count).split(separator: " ").map(String.init), index + 1)
            } else if body.hasPrefix("why:") {
                why = String(body.dropFirst("why:".count).trimmingWhitespace)
            }
        }
        guard let expectation else {
            return .failure(.error("lab.variant-no-expectation",
                                   LocalizedText(en: "a variant must start with `# expect: pass` or `# expect: fail <requirement ids>`",
                                                 ko: "변형 파일은 `# expect: pass`나 `# expect: fail <요구 사항 id>`로 시작해야 해요"),
                                   at: SourceLocation(file: file, line: 1, column: 1)))
        }
        let location = SourceLocation(file: file, line: expectation.line, column: 1)
        switch expectation.words.first {
        case "pass" where expectation.words.count == 1:
            return .success(VariantExpectation(failing: [], why: why, location: location))
        case "fail" where expectation.words.count > 1:
            return .success(VariantExpectation(failing: Array(expectation.words.dropFirst()), why: why, location: location))
        default:
            return .failure(.error("lab.variant-bad-expectation",
                                   LocalizedText(en: "`# expect:` takes `pass` or `fail` followed by requirement ids",
                                                 ko: "`# expect:` 뒤에는 `pass`나, `fail`과 요구 사항 id들이 와야 해요"),
                                   at: location))
        }
    }
}

/// Lets a single diagnostic travel in a `Result`.
extension Diagnostic: Error {}
