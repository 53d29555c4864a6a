import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Machine-readable forms of grades, progress and lab checks (JSON; JUnit and Gradescope
/// for batch grading). Field names are stable: programs read them.
package enum GradeJSON {
    static func finding(_ finding: Finding, language: Language) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("message", .string(finding.message.text(language))),
            ("location", JSONValue.location(finding.location)),
            ("incidents", .array(finding.scenario.map { .string($0.description) })),
        ]
        if let flow = finding.flow {
            members.append(("flow", .object([
                ("from", .string(flow.query.source.description)),
                ("to", .string(flow.query.destination.description)),
                ("port", .number(flow.query.port)),
                ("reachable", .bool(flow.isReachable)),
                ("reason", .string(flow.reason.code.rawValue)),
                ("hops", .array(flow.hops.map { hop in
                    .object([("kind", .optional(hop.kind?.rawValue)), ("name", .string(hop.name)), ("verdict", .string(hop.verdict.rawValue)),
                             ("detail", .string(hop.detail.text(language))), ("location", JSONValue.location(hop.location))])
                })),
            ])))
        }
        return .object(members)
    }

    package static func step(_ grade: StepGrade, mission: Mission, step: Step, language: Language) -> JSONValue {
        .object([
            ("mission", .string(mission.id)),
            ("step", .string(step.id)),
            ("passed", .bool(grade.passed)),
            ("score", .object([("passed", .number(grade.passedCount)), ("total", .number(grade.results.count))])),
            ("requirements", .array(grade.results.map { result in
                .object([
                    ("id", .string(result.requirement.id)),
                    ("statement", .string(result.requirement.statement.text(language))),
                    ("passed", .bool(result.passed)),
                    ("carried", .bool(result.isCarried)),
                    ("findings", .array(result.findings.map { finding($0, language: language) })),
                ])
            })),
            ("diagnostics", .array(grade.diagnostics.map { JSONValue.diagnostic($0, language: language) })),
        ])
    }

    package static func progress(_ session: LearnerSession, language: Language) -> JSONValue {
        .object([
            ("workspace", .string(session.workspace.root)),
            ("mission", .string(session.progress.missionID)),
            ("step", .string(session.progress.stepID)),
            ("finished", .bool(session.progress.isFinished)),
            ("missions", .array(session.pack.missions.map { mission in
                .object([
                    ("id", .string(mission.id)),
                    ("title", .string(mission.title.text(language))),
                    ("steps", .array(mission.steps.map { step in
                        .object([("id", .string(step.id)), ("title", .string(step.title.text(language))),
                                 ("passed", .bool(session.progress.hasPassed(mission.id, step.id)))])
                    })),
                ])
            })),
        ])
    }

    package static func batch(_ results: [BatchResult], mission: Mission, step: Step, language: Language) -> JSONValue {
        .object([
            ("mission", .string(mission.id)),
            ("step", .string(step.id)),
            ("submissions", .array(results.map { result in
                .object([("file", .string(result.file))] + (GradeJSON.step(result.grade, mission: mission, step: step, language: language).members))
            })),
        ])
    }

    package static func labCheck(_ report: LabCheckReport, language: Language) -> JSONValue {
        .object([
            ("directory", .string(report.directory)),
            ("sound", .bool(report.isSound)),
            ("diagnostics", .array(report.packDiagnostics.map { d in
                .object([("severity", .string(d.severity.rawValue)), ("code", .string(d.code)), ("message", .string(d.message.text(language))),
                         ("location", JSONValue.location(d.location))])
            })),
            ("missions", .array(report.missions.map { m in
                .object([
                    ("folder", .string(m.folder)), ("id", .string(m.missionID)), ("sound", .bool(m.isSound)), ("loaded", .bool(m.loaded)),
                    ("steps", .number(m.steps)), ("requirements", .number(m.requirements)), ("variants", .number(m.variants)),
                    ("mutants", .object([("total", .number(m.mutants)), ("caught", .number(m.mutantsCaught)), ("waived", .number(m.mutantsWaived)), ("invalid", .number(m.mutantsInvalid))])),
                    ("problems", .array(m.problems.map { p in
                        .object([("severity", .string(p.severity.rawValue)), ("step", .optional(p.stepID)), ("message", .string(p.message.text(language))),
                                 ("mutant", .optional(p.mutantID)), ("location", JSONValue.location(p.location))])
                    })),
                ])
            })),
        ])
    }
}

extension JSONValue {
    var members: [(String, JSONValue)] {
        if case .object(let members) = self { return members }
        return []
    }
}

/// The batch formats of `infralab grade --format`: JUnit here, the LMS formats
/// (Gradescope, PrairieLearn, GitHub Classroom, CSV) in `BatchReports+LMS.swift`.
package enum BatchReports {
    static func xml(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            case _ where c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF:
                out += "\u{FFFD}"  // not allowed in XML 1.0, not even as a character reference
            case _ where (0x7F...0x9F).contains(c.value): out += "&#x\(String(c.value, radix: 16));"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// One `<testsuite>` per submission, one `<testcase>` per requirement.
    package static func junit(_ results: [BatchResult], mission: Mission, step: Step, language: Language) -> String {
        let failures = results.reduce(0) { $0 + $1.grade.failing.count }
        let tests = results.reduce(0) { $0 + $1.grade.results.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(xml(mission.id))/\(xml(step.id))\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for result in results {
            out += "  <testsuite name=\"\(xml(result.file))\" tests=\"\(result.grade.results.count)\" failures=\"\(result.grade.failing.count)\">\n"
            for r in result.grade.results {
                out += "    <testcase classname=\"\(xml(mission.id)).\(xml(step.id))\" name=\"\(xml(r.requirement.id)): \(xml(r.requirement.statement.text(language)))\""
                if r.passed {
                    out += "/>\n"
                } else {
                    let message = r.findings.first.map { UIText.during($0).text(language) } ?? ""
                    let at = r.findings.first?.location.map { " (\($0))" } ?? ""
                    out += ">\n      <failure message=\"\(xml(message))\">\(xml(message + at))</failure>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }
}
