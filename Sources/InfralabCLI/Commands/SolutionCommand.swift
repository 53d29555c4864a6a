import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab solution [STEP]`: the reference solution of the current step, or of any step
/// already passed, once passed (or with `--yes`).
struct SolutionCommand: Command {
    let name = "solution"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Show the reference solution once the step is passed",
        ko: "단계를 통과하면 참고 답안을 보여 줘요")
    let positionals: [PositionalSpec] = [.optional("STEP", help: LocalizedText(
        en: "A step you passed (`1.1`, `home-server/expose`); default: the current step",
        ko: "통과한 단계 (`1.1`, `home-server/expose`). 기본값은 지금 단계예요"))]
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
        var mission = session.mission, step = session.step
        if let target = context.arguments.positionals.first {
            guard let found = session.resolvePosition(target) else { return context.fail(LearningText.unknownPosition(target)) }
            (mission, step) = found
        }
        // The step just passed counts: after `next` moved on, the previous step's is also open.
        let passed = session.progress.hasPassed(mission.id, step.id)
        guard passed || context.arguments.isSet("yes") else {
            return context.fail(LearningText.solutionNotPassed)
        }
        guard let text = session.solutionText(for: step, in: mission, language: context.language) else {
            return context.fail(LocalizedText(en: "this step has no reference solution", ko: "이 단계에는 참고 답안이 없어요"))
        }
        if context.arguments.isSet("apply") {
            do {
                let backup = try session.workspace.replaceTopology(with: text, label: "before-solution-\(step.id)")
                if let backup { context.say(LearningText.backedUp(LabPack.displayPath(backup))) }
                context.say(LearningText.solutionApplied(LabPack.displayPath(session.workspace.topologyPath)))
            } catch {
                return context.failWriting(error)
            }
            return ExitStatus.success
        }
        let listing = YAMLListing.fitted(text, toWidth: context.width)
        context.stdout.write(listing.hasSuffix("\n") ? listing : listing + "\n")
        return ExitStatus.success
    }
}
