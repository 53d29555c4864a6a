import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab check [FILE]`: grade the current step; exit status 0 only if it passes.
struct CheckCommand: Command {
    let name = "check"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Grade the current step; exit status 0 only if it passes",
        ko: "지금 단계를 채점해요. 통과할 때만 종료 상태가 0이에요")
    let positionals: [PositionalSpec] = [.optional("FILE", help: LocalizedText(en: "The topology file (default: the workspace's topology.yaml)", ko: "토폴로지 파일 (기본값: 작업 공간의 topology.yaml)"))]
    let options: [OptionSpec] = [.labs, .json]
    let examples: [CommandExample] = [CommandExample("infralab check --json", LocalizedText(en: "Grade and print the result as JSON", ko: "채점 결과를 JSON으로 출력해요"))]

    func run(_ context: CommandContext) -> Int32 {
        // The workspace's topology is loaded, and its network model built, on another
        // core while this one reads the mission: `check` waits for the longer of the two.
        let prefetched = context.arguments.positionals.isEmpty ? Workspace.find(from: context.workingDirectory.path).map { workspace in
            let path = workspace.topologyPath
            return (path, Eventually { LearnerSession.grader(forFileAt: path) })
        } : nil
        let session: LearnerSession
        switch context.openSession(currentMissionOnly: true) {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        let path = context.arguments.positionals.first.map { context.url(for: $0).path }
        if let written = context.arguments.positionals.first, context.readInput(written) == nil { return ExitStatus.noInput }
        if path == nil, context.readInput(session.workspace.topologyPath, shownAs: LabPack.displayPath(session.workspace.topologyPath)) == nil {
            return ExitStatus.noInput
        }
        let grader = prefetched.flatMap { $0.0 == session.workspace.topologyPath ? $0.1.value : nil } ?? session.grader(path: path)
        let grade = session.grade(with: grader)
        if context.wantsJSON {
            context.stdout.line(GradeJSON.step(grade, mission: session.mission, step: session.step, language: context.language).rendered())
        } else {
            context.stdout.write(context.screens.heading(pack: session.pack, mission: session.mission, step: session.step) + "\n")
            context.stdout.write(context.screens.checklist(grade, mission: session.mission, step: session.step, hintLevel: session.hintLevel))
        }
        return grade.passed ? ExitStatus.success : ExitStatus.failure
    }
}
