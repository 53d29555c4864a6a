import InfralabSyntax
import InfralabLab

/// The learning-management formats of `infralab grade --format`: each takes one graded
/// submission and gives the shape its platform reads, one point per requirement.
///
/// - Gradescope: the autograder's `results.json`
///   (gradescope-autograders.readthedocs.io/en/latest/specs/).
/// - PrairieLearn: the external grader's `results.json` (docs/externalGrading.md,
///   "Grading results"): `score` in [0, 1], `gradable`, `tests[]` with `points`.
/// - GitHub Classroom: the result a runner action hands to
///   `autograding-grading-reporter` (`version`, `status`, `max_score`, `tests[]`).
/// - CSV: one row per submission, RFC 4180, for a gradebook import.
extension BatchReports {
    /// Gradescope's per-test visibility values.
    package static let gradescopeVisibilities = ["visible", "hidden", "after_due_date", "after_published"]

    package static func gradescope(_ result: BatchResult, mission: Mission, step: Step, visibility: String, language: Language) -> JSONValue {
        let grade = result.grade
        return .object([
            ("score", .number(grade.passedCount)),
            ("output", .string(summary(result, mission: mission, step: step, language: language))),
            ("tests", .array(grade.results.map { r in
                .object([
                    ("name", .string("\(r.requirement.id): \(r.requirement.statement.text(language))")),
                    ("score", .number(r.passed ? 1 : 0)),
                    ("max_score", .number(1)),
                    ("status", .string(r.passed ? "passed" : "failed")),
                    ("output", .string(explanation(r, language: language))),
                    ("visibility", .string(visibility)),
                ])
            })),
            ("extra_data", .object([("file", .string(result.file)), ("mission", .string(mission.id)), ("step", .string(step.id))])),
        ])
    }

    package static func prairieLearn(_ result: BatchResult, mission: Mission, step: Step, language: Language) -> JSONValue {
        let grade = result.grade
        let formatErrors = grade.diagnostics.filter { $0.severity == .error && $0.code.hasPrefix("yaml.") }
        guard formatErrors.isEmpty else {
            // Not YAML at all: PrairieLearn records "invalid, not gradable" and keeps the attempt.
            return .object([
                ("gradable", .bool(false)),
                ("format_errors", .array(formatErrors.map { .string(located($0.message.text(language), $0.location)) })),
            ])
        }
        let total = grade.results.count
        return .object([
            ("gradable", .bool(true)),
            ("score", .decimal(total == 0 ? 0 : Double(grade.passedCount) / Double(total))),
            ("message", .string(summary(result, mission: mission, step: step, language: language))),
            ("tests", .array(grade.results.map { r in
                .object([
                    ("name", .string(r.requirement.id)),
                    ("description", .string(r.requirement.statement.text(language))),
                    ("points", .number(r.passed ? 1 : 0)),
                    ("max_points", .number(1)),
                    ("message", .string(r.passed ? "" : findingsText(r, language: language))),
                ])
            })),
        ])
    }

    package static func gitHubClassroom(_ result: BatchResult, language: Language) -> JSONValue {
        let grade = result.grade
        return .object([
            ("version", .number(1)),
            ("status", .string(grade.passed ? "pass" : "fail")),
            ("max_score", .number(grade.results.count)),
            ("tests", .array(grade.results.map { r in
                let line = r.findings.first?.location?.line ?? 0
                return .object([
                    ("name", .string("\(r.requirement.id): \(r.requirement.statement.text(language))")),
                    ("status", .string(r.passed ? "pass" : "fail")),
                    ("message", r.passed ? .null : .string(findingsText(r, language: language))),
                    ("test_code", .string(r.requirement.id)),
                    ("filename", .string(result.file)),
                    ("line_no", .number(line)),
                    ("duration", .number(0)),
                    ("score", .number(r.passed ? 1 : 0)),
                ])
            })),
        ])
    }

    /// A header and one row per submission: totals, then 1 or 0 for each requirement, then
    /// the failing ids. CRLF line ends and quoting per RFC 4180.
    package static func csv(_ results: [BatchResult], mission: Mission, step: Step) -> String {
        let ids = mission.requirements(for: step).map(\.id)
        var rows = [["submission", "mission", "step", "score", "max_score", "percent", "passed"] + ids + ["failing"]]
        for result in results {
            let grade = result.grade
            let byID = Dictionary(grade.results.map { ($0.requirement.id, $0.passed) }, uniquingKeysWith: { first, _ in first })
            let percent = grade.results.isEmpty ? 0 : Double(grade.passedCount) * 100 / Double(grade.results.count)
            rows.append([result.file, mission.id, step.id, String(grade.passedCount), String(grade.results.count),
                         String((percent * 10).rounded() / 10), grade.passed ? "true" : "false"]
                        + ids.map { byID[$0].map { $0 ? "1" : "0" } ?? "" }
                        + [grade.failing.map(\.requirement.id).joined(separator: " ")])
        }
        return rows.map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Shared text

    /// "4 of 5 requirements pass (mission/step)." plus the file's errors, if any.
    static func summary(_ result: BatchResult, mission: Mission, step: Step, language: Language) -> String {
        let grade = result.grade
        let where_ = "\(mission.id)/\(step.id)"
        var lines = [LocalizedText(
            en: "\(grade.passedCount) of \(grade.results.count) requirements pass (\(where_)).",
            ko: "요구 사항 \(grade.results.count)개 중 \(grade.passedCount)개를 통과했어요 (\(where_)).").text(language)]
        lines += grade.diagnostics.filter { $0.severity == .error }.map { located($0.message.text(language), $0.location) }
        return lines.joined(separator: "\n")
    }

    /// The requirement, then (when it fails) why, with the line to look at.
    static func explanation(_ r: RequirementResult, language: Language) -> String {
        r.passed ? r.requirement.statement.text(language) : r.requirement.statement.text(language) + "\n" + findingsText(r, language: language)
    }

    static func findingsText(_ r: RequirementResult, language: Language) -> String {
        r.findings.map { located(UIText.during($0).text(language), $0.location) }.joined(separator: "\n")
    }

    static func located(_ message: String, _ location: SourceLocation?) -> String {
        location.map { "\(message) (\($0))" } ?? message
    }
}
