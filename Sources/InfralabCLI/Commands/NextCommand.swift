import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab next`: the main verb. Grades the current step; on a pass, records it and
/// presents the next chapter; otherwise shows the brief and what still fails. In a
/// folder with no workspace, starts one.
struct NextCommand: Command {
    let name = "next"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Grade the current step; when it passes, move on to the next chapter",
        ko: "지금 단계를 채점하고, 통과하면 다음 장으로 넘어가요")
    let discussion: LocalizedText? = LocalizedText(
        en: "Run it in an empty folder to start: it creates a workspace with the first mission's starter. Exit status 0 when the step passed (or the story moved on), 1 when something still fails.",
        ko: "빈 폴더에서 실행하면 첫 미션의 시작 파일로 작업 공간을 만들어요. 단계를 통과하면(또는 이야기가 넘어가면) 종료 상태 0, 아직 실패하는 항목이 있으면 1이에요.")
    let options: [OptionSpec] = [.labs]
    let examples: [CommandExample] = [CommandExample("infralab next", LocalizedText(en: "Grade topology.yaml against the current step", ko: "topology.yaml을 지금 단계 기준으로 채점해요"))]

    func run(_ context: CommandContext) -> Int32 {
        if Workspace.find(from: context.workingDirectory.path) == nil {
            return context.createWorkspace(at: Workspace.defaultRoot(for: context.workingDirectory.path))
        }
        let prefetched = PrefetchedGrader(context)
        var session: LearnerSession
        switch context.openSession() {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        if session.progress.isFinished {
            context.stdout.write(context.screens.status(pack: session.pack, progress: session.progress))
            return ExitStatus.success
        }
        return Self.gradeAndAdvance(&session, context: context, prefetched: prefetched)
    }

    /// Grades, and on a pass moves the story on. Shared with `watch`.
    static func gradeAndAdvance(_ session: inout LearnerSession, context: CommandContext, failingFirst: Bool = false, prefetched: PrefetchedGrader? = nil) -> Int32 {
        let screens = context.screens
        let style = TextStyle(colorize: context.stdout.colorize)
        let topologyPath = session.workspace.topologyPath
        let file = LabPack.displayPath(topologyPath)
        guard let text = context.readInput(topologyPath, shownAs: file) else { return ExitStatus.noInput }
        let grade = session.grade(with: prefetched?.grader(for: session) ?? Grader(TopologyLoader.load(text: text, file: file), file: file))
        let mission = session.mission, step = session.step
        context.stdout.write(screens.heading(pack: session.pack, mission: mission, step: step))
        context.stdout.line()
        if !grade.passed {
            context.stdout.line(style.bold(context.text(UIText.yourTask)))
            context.stdout.write(screens.paragraphs(context.text(step.brief), indent: 2) + "\n\n")
            context.stdout.write(screens.checklist(grade, mission: mission, step: step, hintLevel: session.hintLevel, failingFirst: failingFirst))
            return ExitStatus.failure
        }
        context.stdout.write(screens.checklist(grade, mission: mission, step: step, hintLevel: session.hintLevel))
        context.stdout.line(style.green(style.bold("✓ " + context.text(LearningText.stepPassed))))
        context.stdout.line()
        let advance: LearnerSession.Advance
        do {
            advance = try session.recordPassAndAdvance(language: context.language)
        } catch {
            return context.failWriting(error)
        }
        switch advance {
        case .nextStep(let arrival):
            let changes = screens.arrival(arrival, file: file)
            context.stdout.write(screens.chapter(pack: session.pack, mission: session.mission, step: session.step, topologyPath: file, changes: changes))
        case .nextMission(let backup):
            context.stdout.line(style.bold(context.text(LearningText.missionComplete(context.text(mission.title)))))
            if let outro = mission.outro { context.stdout.write(screens.paragraphs(context.text(outro)) + "\n") }
            context.stdout.line()
            if let backup { context.say(LearningText.backedUp(LabPack.displayPath(backup))) }
            context.say(LearningText.newStarter(file))
            context.stdout.line()
            context.stdout.write(screens.chapter(pack: session.pack, mission: session.mission, step: session.step, topologyPath: file))
        case .finished:
            context.stdout.line(style.bold(context.text(LearningText.missionComplete(context.text(mission.title)))))
            if let outro = mission.outro { context.stdout.write(screens.paragraphs(context.text(outro)) + "\n") }
            context.stdout.line()
            context.stdout.write(screens.status(pack: session.pack, progress: session.progress))
        }
        return ExitStatus.success
    }
}
