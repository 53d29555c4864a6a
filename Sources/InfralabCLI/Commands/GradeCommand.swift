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
        en: "A submission is a topology file, or a folder holding topology.yaml (a learner's workspace), or a folder of .yaml files (each one a submission). Formats: text (default), json, junit (one test case per requirement, for CI and LMS importers), gradescope (results.json with a score per requirement). Exit status 0 when every file was graded, whatever the grades; 66 when a submission cannot be read.",
        ko: "제출물은 토폴로지 파일, topology.yaml이 든 폴더(학습자의 작업 공간), 또는 .yaml 파일이 모인 폴더(파일 하나가 제출물 하나)예요. 형식: text(기본값), json, junit(요구 사항마다 테스트 케이스 하나, CI와 LMS 가져오기용), gradescope(요구 사항별 점수가 담긴 results.json). 모든 파일을 채점하면 점수와 상관없이 종료 상태 0, 읽을 수 없는 제출물이 있으면 66이에요.")
    let positionals: [PositionalSpec] = [PositionalSpec("SUBMISSION", isRepeatable: true, help: LocalizedText(en: "Topology files or folders", ko: "토폴로지 파일이나 폴더"))]
    let options: [OptionSpec] = [
        .labs, .json,
        .value("step", "MISSION/STEP", help: LocalizedText(en: "The step to grade against (`bastion/elastic-ip`, `4.2`)", ko: "채점 기준 단계 (`bastion/elastic-ip`, `4.2`)")),
        .value("format", "FORMAT", allowed: ["text", "json", "junit", "gradescope"], help: LocalizedText(en: "text, json, junit or gradescope", ko: "text, json, junit, gradescope 중 하나")),
    ]
    let examples: [CommandExample] = [
        CommandExample("infralab grade submissions/ --step 4.3 --format junit > results.xml", LocalizedText(en: "A JUnit report for a whole class, against step 3 of mission 4", ko: "미션 4의 3단계 기준으로 반 전체의 JUnit 보고서를 만들어요")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        guard let stepText = context.arguments.value("step") else {
            return context.usageError(UsageError(LocalizedText(en: "which step? add `--step MISSION/STEP`", ko: "어느 단계인가요? `--step 미션/단계`를 붙여 주세요")))
        }
        guard !context.arguments.positionals.isEmpty else {
            return context.usageError(UsageError(LocalizedText(en: "name at least one submission", ko: "제출물을 하나 이상 적어 주세요")))
        }
        guard let labs = LearnerSession.locatePack(override: context.labsOverride, recorded: nil, environment: context.environment,
                                                   executablePath: ExecutableLocation.path) else {
            return context.fail(LearningText.labsNotFound, status: ExitStatus.noInput)
        }
        let pack = LabPack.load(directory: labs)
        let probe = LearnerSession(workspace: Workspace(root: "/"), pack: pack, progress: InfralabLab.Progress(labs: nil, missionID: "", stepID: ""))
        guard !pack.missions.isEmpty, let (mission, step) = probe.resolvePosition(stepText) else {
            return context.fail(LearningText.noSuchStep(stepText))
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
                    files += names.map { PathUtilities.join(path, $0) }
                }
            } else {
                files.append(path)
            }
        }
        let results = files.map { file -> BatchResult in
            let loaded = TopologyFile.load(path: file)
            let topology = loaded.topology ?? Topology(file: LabPack.displayPath(file))
            return BatchResult(file: LabPack.displayPath(file),
                               grade: Grader(topology: topology, diagnostics: loaded.diagnostics).grade(mission: mission, step: step))
        }
        let format = context.wantsJSON ? "json" : (context.arguments.value("format") ?? "text")
        switch format {
        case "json": context.stdout.line(GradeJSON.batch(results, mission: mission, step: step, language: context.language).rendered())
        case "junit": context.stdout.write(BatchReports.junit(results, mission: mission, step: step, language: context.language))
        case "gradescope": context.stdout.line(BatchReports.gradescope(results, language: context.language).rendered())
        default:
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
        return ExitStatus.success
    }
}
