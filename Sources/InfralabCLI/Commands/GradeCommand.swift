import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab grade SUBMISSION… --step MISSION/STEP`: a class's files, graded in one go.
struct GradeCommand: Command {
    let name = "grade"
    let group = CommandGroup.instructors
    let summary = LocalizedText(
        en: "Grade many submissions at once, with machine-readable results",
        ko: "여러 제출물을 한 번에 채점하고, 다른 프로그램이 읽을 수 있는 형식으로 결과를 내요")
    let discussion: LocalizedText? = LocalizedText(
        en: "A submission is a topology file, or a folder holding topology.yaml (a learner's workspace), or a folder of .yaml files (each one a submission). Formats: text (default), json, junit (one test case per requirement, for CI), gradescope (Gradescope's results.json), prairielearn (PrairieLearn's external-grader results.json), github-classroom (the result a GitHub Classroom runner reports), csv (one row per submission, for a gradebook import). Every requirement is worth one point. gradescope, prairielearn and github-classroom describe one submission: with several, they print a JSON array, one object per submission. Exit status 0 when every file was graded, whatever the grades; 66 when a submission cannot be read.",
        ko: "제출물은 토폴로지 파일, topology.yaml이 든 폴더(학습자의 작업 공간), 또는 .yaml 파일이 모인 폴더(파일 하나가 제출물 하나)예요. 형식: text(기본값), json, junit(요구 사항마다 테스트 케이스 하나, CI용), gradescope(Gradescope의 results.json), prairielearn(PrairieLearn 외부 채점기의 results.json), github-classroom(GitHub Classroom 러너가 보고하는 결과), csv(제출물마다 한 줄, 성적부 가져오기용). 요구 사항마다 1점이에요. gradescope, prairielearn, github-classroom은 제출물 하나를 나타내는 형식이라, 제출물이 여러 개면 제출물마다 객체 하나씩 담은 JSON 배열을 출력해요. 모든 파일을 채점하면 점수와 상관없이 종료 상태 0, 읽을 수 없는 제출물이 있으면 66이에요.")
    let positionals: [PositionalSpec] = [PositionalSpec("SUBMISSION", isRepeatable: true, help: LocalizedText(en: "Topology files or folders", ko: "토폴로지 파일이나 폴더"))]
    let options: [OptionSpec] = [
        .labs, .json,
        .value("step", "MISSION/STEP", help: LocalizedText(en: "The step to grade against (`bastion/elastic-ip`, `4.2`)", ko: "채점 기준 단계 (`bastion/elastic-ip`, `4.2`)")),
        .value("format", "FORMAT", allowed: BatchFormat.allCases.map(\.rawValue),
               help: LocalizedText(en: "text, json, junit, gradescope, prairielearn, github-classroom or csv",
                                   ko: "text, json, junit, gradescope, prairielearn, github-classroom, csv 중 하나")),
        .value("visibility", "WHEN", allowed: BatchReports.gradescopeVisibilities,
               help: LocalizedText(en: "When Gradescope shows each test to students (default: visible)",
                                   ko: "Gradescope가 학생에게 각 테스트를 보여 주는 시점 (기본값: visible)")),
    ]
    let examples: [CommandExample] = [
        CommandExample("infralab grade submissions/ --step 4.3 --format junit > results.xml", LocalizedText(en: "A JUnit report for a whole class, against step 3 of mission 4", ko: "미션 4의 3단계 기준으로 반 전체의 JUnit 보고서를 만들어요")),
        CommandExample("infralab grade submissions/ --step 4.3 --format csv > grades.csv", LocalizedText(en: "One row per student, to import into Canvas or Moodle", ko: "학생마다 한 줄씩, Canvas나 Moodle에 가져올 성적표를 만들어요")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        guard let stepText = context.arguments.value("step") else {
            return context.usageError(UsageError(LocalizedText(en: "which step? add `--step MISSION/STEP`", ko: "어느 단계인가요? `--step 미션/단계`를 붙여 주세요")))
        }
        guard !context.arguments.positionals.isEmpty else {
            return context.usageError(UsageError(LocalizedText(en: "name at least one submission", ko: "제출물을 하나 이상 적어 주세요")))
        }
        let format = context.wantsJSON ? .json : BatchFormat(rawValue: context.arguments.value("format") ?? "") ?? .text
        if context.arguments.value("visibility") != nil && format != .gradescope {
            return context.usageError(UsageError(LocalizedText(en: "`--visibility` applies to `--format gradescope` only",
                                                               ko: "`--visibility`는 `--format gradescope`에만 쓸 수 있어요")))
        }
        let (mission, step): (Mission, Step)
        switch context.resolveStep(stepText) {
        case .success(let found): (mission, step) = (found.mission, found.step)
        case .failure(let exit): return exit.status
        }
        var files: [String] = []
        for argument in context.arguments.positionals {
            let path = context.url(for: argument).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return context.fail(CLIText.noSuchFile(argument), status: ExitStatus.noInput)
            }
            if isDirectory.boolValue {
                let inner = PathUtilities.join(path, Workspace.topologyFile)
                if FileManager.default.fileExists(atPath: inner) {
                    files.append(inner)
                } else {
                    let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
                    guard !names.isEmpty else { return context.fail(GradeText.noYAML(argument), status: ExitStatus.noInput) }
                    files += names.map { PathUtilities.join(path, $0) }
                }
            } else {
                files.append(path)
            }
        }
        // A submission that cannot be read (not UTF-8, unreadable) is an error, not an empty
        // file: said on stderr, left out of the report, exit 66 at the end.
        let readable = files.filter { context.readInput($0, shownAs: LabPack.displayPath($0)) != nil }
        let results = readable.map { file -> BatchResult in
            let loaded = TopologyFile.load(path: file)
            return BatchResult(file: LabPack.displayPath(file),
                               grade: Grader(loaded, file: LabPack.displayPath(file)).grade(mission: mission, step: step))
        }
        let visibility = context.arguments.value("visibility") ?? "visible"
        let language = context.language
        /// One object for one submission, an array of them for several.
        func perSubmission(_ report: (BatchResult) -> JSONValue) -> JSONValue {
            results.count == 1 ? report(results[0]) : .array(results.map(report))
        }
        switch format {
        case .json: context.stdout.line(GradeJSON.batch(results, mission: mission, step: step, language: language).rendered())
        case .junit: context.stdout.write(BatchReports.junit(results, mission: mission, step: step, language: language))
        case .csv: context.stdout.write(BatchReports.csv(results, mission: mission, step: step))
        case .gradescope:
            context.stdout.line(perSubmission { BatchReports.gradescope($0, mission: mission, step: step, visibility: visibility, language: language) }.rendered())
        case .prairieLearn:
            context.stdout.line(perSubmission { BatchReports.prairieLearn($0, mission: mission, step: step, language: language) }.rendered())
        case .gitHubClassroom:
            context.stdout.line(perSubmission { BatchReports.gitHubClassroom($0, language: language) }.rendered())
        case .text: printText(results, mission: mission, step: step, context: context)
        }
        return readable.count == files.count ? ExitStatus.success : ExitStatus.noInput
    }

    func printText(_ results: [BatchResult], mission: Mission, step: Step, context: CommandContext) {
        let style = TextStyle(colorize: context.stdout.colorize)
        for result in results {
            let mark = result.grade.passed ? style.green("✓") : style.red("✗")
            let failing = result.grade.failing.map(\.requirement.id).joined(separator: ", ")
            context.stdout.line("\(mark) \(result.file)  \(result.grade.passedCount)/\(result.grade.results.count)" + (failing.isEmpty ? "" : style.dim("  ✗ " + failing)))
        }
        let passed = results.filter(\.grade.passed).count
        context.stdout.line()
        context.say(LocalizedText(en: "\(passed) of \(results.count) submissions pass \(mission.id)/\(step.id).",
                                  ko: "제출물 \(results.count)개 중 \(passed)개가 \(Korean.object("\(mission.id)/\(step.id)")) 통과했어요."))
    }
}

extension CommandContext {
    /// The pack (`--labs`, `INFRALAB_LABS`, the built-in one) and the step `text` names
    /// (`4.3`, `bastion/elastic-ip`); or the status to exit with, after saying why.
    func resolveStep(_ text: String) -> Result<(labs: String, mission: Mission, step: Step), ExitStatus> {
        guard let labs = LearnerSession.locatePack(override: labsOverride, recorded: nil, environment: environment,
                                                   executablePath: ExecutableLocation.path) else {
            return .failure(ExitStatus(fail(LearningText.labsNotFound, status: ExitStatus.noInput)))
        }
        let pack = LabPack.load(directory: labs)
        if pack.isUnreadable {
            renderDiagnostics(pack.diagnostics, to: stderr)
            return .failure(ExitStatus(ExitStatus.noInput))
        }
        let probe = LearnerSession(workspace: Workspace(root: "/"), pack: pack, progress: InfralabLab.Progress(labs: nil, missionID: "", stepID: ""))
        guard !pack.missions.isEmpty, let (mission, step) = probe.resolvePosition(text) else {
            return .failure(ExitStatus(fail(LearningText.noSuchStep(text))))
        }
        return .success((labs, mission, step))
    }
}

/// The values of `grade --format`.
enum BatchFormat: String, CaseIterable {
    case text, json, junit, gradescope
    case prairieLearn = "prairielearn"
    case gitHubClassroom = "github-classroom"
    case csv
}

enum GradeText {
    static func noYAML(_ folder: String) -> LocalizedText {
        LocalizedText(en: "`\(folder)` holds no topology.yaml and no .yaml file to grade",
                      ko: "`\(folder)` 폴더에 채점할 topology.yaml도 .yaml 파일도 없어요")
    }
}

