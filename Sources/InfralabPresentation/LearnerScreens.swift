import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// The screens a learner reads: a chapter (story and brief), the checklist with the
/// explanation under each ✗, hints, progress. Pure: text in, text out; the CLI decides
/// colour, language and width once and passes them here.
package struct LearnerScreens {
    package var style: TextStyle
    package var language: Language
    package var width: Int
    /// Lines of a file shown in snippets (the learner's topology).
    package var sourceLines: (String) -> [String]?

    package init(colorize: Bool, language: Language, width: Int, sourceLines: @escaping (String) -> [String]?) {
        self.style = TextStyle(colorize: colorize)
        self.language = language
        self.width = max(40, min(width, 100))
        self.sourceLines = sourceLines
    }

    /// How suggested commands are spelled (`SuggestedCommand`).
    package var commandSpelling = "infralab"

    func t(_ text: LocalizedText) -> String { SuggestedCommand.respell(text.text(language), as: commandSpelling) }

    // MARK: Chapter

    /// `Mission 3/6 · Splitting the network — step 2 of 4: A door to the internet`
    package func heading(pack: LabPack, mission: Mission, step: Step) -> String {
        let stepIndex = (mission.index(ofStep: step.id) ?? 0) + 1
        let folders = pack.missionFolders.isEmpty ? pack.missions.map(\.folder) : pack.missionFolders
        let missionIndex = (folders.firstIndex(of: mission.folder) ?? 0) + 1
        let line = t(UIText.heading(mission: missionIndex, of: folders.count, title: t(mission.title),
                                    step: stepIndex, of: mission.steps.count, stepTitle: t(step.title)))
        let rule = String(repeating: "─", count: min(width, max(displayWidth(of: line), 20)))
        return wrapped(line, toWidth: width).map { style.bold($0) }.joined(separator: "\n") + "\n" + style.dim(rule) + "\n"
    }

    package func paragraphs(_ text: String, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.isEmpty ? "" : wrapped(String(line), toWidth: width - indent).map { pad + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The chapter: the story, then what to do, then what will be checked.
    /// `changes`: what the story just did to the learner's file (`arrival`), shown after
    /// the story.
    package func chapter(pack: LabPack, mission: Mission, step: Step, topologyPath: String, changes: String? = nil) -> String {
        var out = heading(pack: pack, mission: mission, step: step) + "\n"
        out += paragraphs(t(step.story)) + "\n\n"
        if let changes, !changes.isEmpty { out += changes + "\n" }
        out += style.bold(t(UIText.yourTask)) + "\n" + paragraphs(t(step.brief), indent: 2) + "\n\n"
        out += style.bold(t(UIText.checkedHere)) + "\n"
        for requirement in mission.requirements(for: step) {
            out += wrapped("• " + t(requirement.statement), toWidth: width - 2).enumerated()
                .map { ($0.offset == 0 ? "  " : "    ") + $0.element }.joined(separator: "\n") + "\n"
        }
        out += "\n" + paragraphs(t(UIText.editThenNext(topologyPath))) + "\n"
        return out
    }

    // MARK: Checklist

    /// The requirements with ✓/✗; `failingFirst` (for `watch`) puts the failing ones on top.
    package func checklist(_ grade: StepGrade, mission: Mission, step: Step, hintLevel: (String) -> Int, failingFirst: Bool = false) -> String {
        var out = ""
        let errors = grade.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            out += style.yellow(t(UIText.fileHasErrors(errors.count))) + "\n\n"
            let renderer = DiagnosticRenderer(colorize: style.isEnabled, language: language, width: width, sourceLines: sourceLines)
            out += renderer.render(Array(errors.prefix(3)))
            if errors.count > 3 { out += style.dim(t(UIText.moreErrors(errors.count - 3))) + "\n\n" }
        }
        out += warningLines(grade.diagnostics.filter { $0.severity == .warning })
        let results = failingFirst ? grade.results.filter { !$0.passed } + grade.results.filter(\.passed) : grade.results
        for result in results {
            let mark = result.passed ? style.green("✓") : style.red("✗")
            var statement = t(result.requirement.statement)
            if result.isCarried { statement += " " + style.dim(t(UIText.carried)) }
            out += wrapped(statement, toWidth: width - 4).enumerated()
                .map { ($0.offset == 0 ? "  \(mark) " : "    ") + $0.element }.joined(separator: "\n") + "\n"
            if !result.passed, let finding = result.findings.first {
                out += explanation(finding, indent: 6)
                if result.findings.count > 1 {
                    out += String(repeating: " ", count: 6) + style.dim(t(UIText.moreFindings(result.findings.count - 1))) + "\n"
                }
                out += "\n"
            }
        }
        out += "\n" + summaryLine(grade, hintLevel: hintLevel)
        return out
    }

    /// Warnings, briefly: one line each (location and message), at most three.
    func warningLines(_ warnings: [Diagnostic]) -> String {
        guard !warnings.isEmpty else { return "" }
        var out = style.yellow(t(UIText.warnings(warnings.count))) + "\n"
        for warning in warnings.prefix(3) {
            let place = warning.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
            out += wrapped(place + t(warning.message), toWidth: width - 4).enumerated()
                .map { ($0.offset == 0 ? "  • " : "    ") + $0.element }.joined(separator: "\n") + "\n"
        }
        if warnings.count > 3 { out += style.dim(t(UIText.moreWarnings(warnings.count - 3))) + "\n" }
        return out + "\n"
    }

    package func summaryLine(_ grade: StepGrade, hintLevel: (String) -> Int) -> String {
        let total = grade.results.count
        if grade.hasErrors {
            return style.red(t(UIText.errorsFailStep(grade.diagnostics.filter { $0.severity == .error }.count))) + "\n"
                + paragraphs(t(UIText.somePass(grade.passedCount, total))) + "\n"
        }
        if grade.passed { return style.green(style.bold(t(UIText.allPass(total)))) + "\n" }
        var line = t(UIText.somePass(grade.passedCount, total))
        if let first = grade.hintTarget {
            let used = hintLevel(first.requirement.id)
            let available = first.requirement.hints.count
            if used < available { line += " " + t(UIText.hintAvailable(used + 1, available)) }
        }
        return paragraphs(line) + "\n"
    }

    /// Under a ✗: the incidents in effect, the message, the path hop by hop, and the
    /// line that decides it, compiler-style.
    package func explanation(_ finding: Finding, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        /// A wrapped line; `hang` indents the continuation lines under the text after a mark.
        func line(_ text: String, extra: Int = 0, hang: Int = 0) {
            let p = pad + String(repeating: " ", count: extra)
            let lines = wrapped(text, toWidth: width - indent - extra - hang)
            out += lines.enumerated().map { ($0.offset == 0 ? p : p + String(repeating: " ", count: hang)) + $0.element }
                .joined(separator: "\n") + "\n"
        }
        if !finding.scenario.isEmpty {
            line(style.yellow(t(UIText.during(Incident.words(finding.scenario)))))
        }
        line(t(finding.message))
        if let flow = finding.flow {
            if !flow.hops.isEmpty {
                line(style.dim(t(UIText.path)) + " " + pathLine(flow))
            }
            if let blocking = flow.hops.last(where: { $0.verdict == .block }) {
                line(style.red("✗ ") + label(blocking) + ": " + t(blocking.detail), hang: 2)
            } else if flow.isReachable, let opening = flow.hops.last(where: { $0.verdict == .pass && ($0.kind == .securityGroup || $0.kind == .networkACL) }) {
                line(style.yellow("! ") + label(opening) + ": " + t(opening.detail), hang: 2)
            }
            let blockingDetail = flow.hops.last(where: { $0.verdict == .block }).map { t($0.detail) }
            if !flow.isReachable {
                // The reason code, and the reason in words unless the blocking hop just said it.
                let words = t(flow.reason.message)
                line(style.dim("[\(flow.reason.code.rawValue)]") + (words == blockingDetail ? "" : " " + words))
            }
        } else if let service = finding.service, let reason = service.reason {
            line(style.dim("[\(reason.code.rawValue)] ") + t(reason.message))
        }
        if let location = finding.location {
            out += snippet(location, indent: indent)
        }
        return out
    }

    /// `internet → internet gateway igw-main → route table public → instance was`, one
    /// element per hop, each named with its kind (a security group `proxy` is not the
    /// instance `proxy`), marking where it stops.
    func pathLine(_ flow: FlowResult) -> String {
        var names: [String] = []
        for hop in flow.hops where hop.verdict != .info || hop.kind == nil || names.isEmpty {
            let name = hop.verdict == .block ? style.red(label(hop) + " ✗") : label(hop)
            if names.last != name { names.append(name) }
        }
        return names.joined(separator: " → ")
    }

    /// A hop as the learner should read it: its kind, then its name (`security group proxy`).
    func label(_ hop: Hop) -> String {
        guard let kind = hop.kind else { return hop.name == "internet" ? t(UIText.internet) : hop.name }
        return t(kind.words) + " " + hop.name
    }

    /// The source line with a caret, like the compiler.
    package func snippet(_ location: SourceLocation, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = pad + style.cyan("--> ") + location.description + "\n"
        guard let lines = sourceLines(location.file), location.line >= 1, location.line <= lines.count else { return out }
        let text = lines[location.line - 1].replacingTabs()
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        let prefix = String(text.unicodeScalars.prefix(max(0, location.column - 1)).map(Character.init))
        let caretColumn = displayWidth(of: prefix)
        let rest = text.unicodeScalars.dropFirst(max(0, location.column - 1))
        var token = rest.prefix { $0 != " " && $0 != "," && $0 != "}" && $0 != "]" }
        if let open = rest.first, open == "{" || open == "[" {
            // A flow collection (a rule written `{ port: 22, from: … }`): underline all of it.
            let close: Unicode.Scalar = open == "{" ? "}" : "]"
            var depth = 0
            var length = 0
            for scalar in rest {
                length += 1
                if scalar == open { depth += 1 } else if scalar == close { depth -= 1; if depth == 0 { break } }
            }
            token = rest.prefix(length)
        }
        let caretWidth = max(1, min(displayWidth(of: String(String.UnicodeScalarView(token))), 60))
        let room = max(20, width - indent - number.count - 3)
        let (shown, shift) = Self.keepingVisible(text, through: caretColumn + caretWidth, room: room)
        out += pad + style.cyan(gutter + " |") + "\n"
        out += pad + style.cyan(number + " |") + " " + truncated(shown, toWidth: room) + "\n"
        out += pad + style.cyan(gutter + " |") + " " + String(repeating: " ", count: caretColumn - shift) + style.red(String(repeating: "^", count: caretWidth)) + "\n"
        return out
    }

    /// A line whose marked part would end past `room` columns, cut at the front ("…") so
    /// the mark stays on screen; with how many columns the marked part moved left.
    static func keepingVisible(_ text: String, through end: Int, room: Int) -> (String, Int) {
        guard end > room - 1 else { return (text, 0) }
        let drop = end - (room - 1) + 1
        var dropped = 0
        var rest = Substring(text)
        while dropped < drop, let first = rest.first {
            dropped += displayWidth(of: String(first))
            rest = rest.dropFirst()
        }
        return ("…" + rest, dropped - 1)
    }

    // MARK: Hints

    /// Hint `level` of `requirement`. From the third (or the last) level on, the hint
    /// reacts to `finding`, what is wrong in the learner's file now: a hint whose code
    /// the file already holds gives way to that finding, and any other ends with it.
    package func hint(_ requirement: Requirement, level: Int, finding: Finding? = nil, file: String? = nil) -> String {
        let total = requirement.hints.count
        guard level >= 1, level <= total else { return "" }
        let heading = wrapped(t(UIText.hintHeading(level, total)) + " " + t(requirement.statement), toWidth: width)
        var out = heading.map { style.bold($0) }.joined(separator: "\n") + "\n\n"
        let text = t(requirement.hints[level - 1])
        let reacts = level >= min(3, total)
        let lines = (finding?.location?.file ?? file).flatMap(sourceLines)
        if reacts, let finding, let lines, let written = HintCode.allWritten(in: text, lines: lines, near: finding.location?.line) {
            let place = SourceLocation(file: finding.location?.file ?? file ?? "", line: written.line, column: written.column)
            out += paragraphs(t(UIText.hintAlreadyWritten(written.code, at: place.description)), indent: 2) + "\n\n"
            out += explanation(finding, indent: 2)
        } else {
            out += paragraphs(text, indent: 2) + "\n"
            if reacts, let finding {
                out += "\n" + paragraphs(t(UIText.hintStillWrong), indent: 2) + "\n" + explanation(finding, indent: 2)
            }
        }
        if level < total { out += "\n" + style.dim(paragraphs(t(UIText.moreHints))) + "\n" }
        return out
    }

    // MARK: Progress

    package func status(pack: LabPack, progress: Progress, expandAll: Bool = false) -> String {
        let total = pack.allSteps.count
        let done = pack.allSteps.filter { progress.hasPassed($0.0.id, $0.1.id) }.count
        let barWidth = min(30, width - 20)
        let filled = total == 0 ? 0 : done * barWidth / total
        var out = style.bold("infralab") + "  " + style.green(String(repeating: "█", count: filled)) + style.dim(String(repeating: "░", count: barWidth - filled))
            + "  \(done)/\(total) " + t(UIText.stepsWord) + "\n\n"
        for (index, mission) in pack.missions.enumerated() {
            let passedSteps = mission.steps.filter { progress.hasPassed(mission.id, $0.id) }.count
            let complete = passedSteps == mission.steps.count
            let isCurrent = mission.id == progress.missionID && !progress.isFinished
            let mark = complete ? style.green("✓") : (isCurrent ? style.yellow("▶") : style.dim("·"))
            let title = String(format2(index + 1)) + "  " + t(mission.title)
            out += " \(mark) " + (isCurrent ? style.bold(title) : title) + style.dim("  \(passedSteps)/\(mission.steps.count)") + "\n"
            if isCurrent || expandAll {
                for step in mission.steps {
                    let here = isCurrent && step.id == progress.stepID
                    let stepMark = progress.hasPassed(mission.id, step.id) ? style.green("✓") : (here ? style.yellow("▶") : style.dim("·"))
                    out += "      \(stepMark) " + (here ? style.bold(t(step.title)) : t(step.title)) + "\n"
                }
            }
        }
        if progress.isFinished {
            if let (index, mission) = pack.missions.enumerated().first(where: { m in m.element.steps.contains { !progress.hasPassed(m.element.id, $0.id) } }) {
                out += "\n" + style.yellow(t(UIText.stepsLeft(total - done, "\(index + 1)", t(mission.title)))) + "\n"
            } else {
                out += "\n" + style.green(t(UIText.allDone)) + "\n"
            }
        }
        return out
    }

    func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension String {
    func replacingTabs() -> String {
        var out = ""
        for c in self { out += c == "\t" ? "    " : String(c) }
        return out
    }
}
