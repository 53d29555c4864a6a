import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab solution`: the reference solution, once the step is passed (or with `--yes`).
struct SolutionCommand: Command {
    let name = "solution"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Show the reference solution once the step is passed",
        ko: "단계를 통과하면 참고 답안을 보여 줘요")
    let options: [OptionSpec] = [
        .labs,
        .flag("yes", help: LocalizedText(en: "Show it before passing (you have been warned)", ko: "통과하기 전에 봐요 (경고를 들은 걸로 할게요)")),
        .flag("apply", help: LocalizedText(en: "Also put it in topology.yaml (your file is backed up first)", ko: "topology.yaml에도 넣어요 (지금 파일은 먼저 백업해요)")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        let session: LearnerSession
        switch context.openSession() {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        // The step just passed counts: after `next` moved on, the previous step's is also open.
        let passed = session.progress.hasPassed(session.mission.id, session.step.id)
        guard passed || context.arguments.isSet("yes") else {
            return context.fail(LearningText.solutionNotPassed)
        }
        guard let text = session.solutionText(for: session.step, language: context.language) else {
            return context.fail(LocalizedText(en: "this step has no reference solution", ko: "이 단계에는 참고 답안이 없어요"))
        }
        if context.arguments.isSet("apply") {
            do {
                let backup = try session.workspace.replaceTopology(with: text, label: "before-solution-\(session.step.id)")
                if let backup { context.say(LearningText.backedUp(LabPack.displayPath(backup))) }
                context.say(LearningText.solutionApplied(LabPack.displayPath(session.workspace.topologyPath)))
            } catch {
                return context.fail(LearningText.writeFailed(error.localizedDescription))
            }
            return ExitStatus.success
        }
        context.stdout.write(text.hasSuffix("\n") ? text : text + "\n")
        return ExitStatus.success
    }
}
