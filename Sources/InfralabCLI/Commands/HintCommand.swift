import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab hint`: the next hint level for the first failing requirement (recorded).
struct HintCommand: Command {
    let name = "hint"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Show the next hint for the first failing requirement",
        ko: "처음 실패한 요구 사항의 다음 힌트를 보여 줘요")
    let discussion: LocalizedText? = LocalizedText(
        en: "Hints come in levels: a nudge in the story's words, then the concept, then the concrete change. Each run shows the next level.",
        ko: "힌트는 이야기 속 귀띔, 찾아볼 개념, 구체적인 수정 방법 순서로 나와요. 실행할 때마다 다음 단계를 보여 줘요.")
    let options: [OptionSpec] = [.labs]

    func run(_ context: CommandContext) -> Int32 {
        var session: LearnerSession
        switch context.openSession(currentMissionOnly: true) {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        let grade = session.grade(with: session.grader())
        guard let failing = grade.hintTarget else {
            context.say(LearningText.allPassHint)
            return ExitStatus.success
        }
        let requirement = failing.requirement
        let file = LabPack.displayPath(session.workspace.topologyPath)
        let used = session.hintLevel(requirement.id)
        guard used < requirement.hints.count else {
            context.stdout.write(context.screens.hint(requirement, level: requirement.hints.count, finding: failing.findings.first, file: file))
            context.stdout.line()
            context.say(LearningText.noHints)
            return ExitStatus.success
        }
        let level = used + 1
        session.progress.hintLevels[session.hintKey(requirement.id)] = level
        do { try session.workspace.writeProgress(session.progress) } catch {
            return context.failWriting(error)
        }
        context.stdout.write(context.screens.hint(requirement, level: level, finding: failing.findings.first, file: file))
        return ExitStatus.success
    }
}
