import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab goto STEP`: move to a mission or step (for returning learners, or to skip).
struct GotoCommand: Command {
    let name = "goto"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Jump to a mission or step",
        ko: "원하는 미션이나 단계로 이동해요")
    let positionals: [PositionalSpec] = [.required("STEP", help: LocalizedText(en: "A mission number or id, or MISSION/STEP: `3`, `3.2`, `bastion`, `bastion/elastic-ip`", ko: "미션 번호나 id, 또는 미션/단계: `3`, `3.2`, `bastion`, `bastion/elastic-ip`"))]
    let discussion: LocalizedText? = LocalizedText(
        en: "Any step other than the current one brings that step's starter, the situation the story describes there; your file is backed up first, under the name of the step it belonged to.",
        ko: "지금 단계가 아닌 단계로 가면 그 단계의 시작 파일, 곧 이야기 속 그 시점의 상황을 가져와요. 지금 파일은 먼저 원래 단계 이름으로 백업해요.")
    let options: [OptionSpec] = [.labs]
    let examples: [CommandExample] = [
        CommandExample("infralab goto bastion", LocalizedText(en: "Start the bastion mission (its starter replaces your file, which is backed up)", ko: "배스천 미션을 시작해요 (시작 파일로 바꾸고 지금 파일은 백업해요)")),
        CommandExample("infralab goto 3.2", LocalizedText(en: "Step 2 of mission 3", ko: "미션 3의 2단계로 가요")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        var session: LearnerSession
        switch context.openSession() {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        let target = context.arguments.positionals[0]
        guard let (mission, step) = session.resolvePosition(target) else {
            return context.fail(LearningText.unknownPosition(target))
        }
        let file = LabPack.displayPath(session.workspace.topologyPath)
        do {
            switch try session.move(to: mission, step: step, language: context.language) {
            case .kept:
                context.say(LearningText.gotoKept(file))
            case .replaced(let backup):
                context.say(LearningText.gotoReplaced(file, step: "\(mission.id)/\(step.id)"))
                if let backup { context.say(LearningText.backedUp(LabPack.displayPath(backup))) }
            }
            context.stdout.line()
        } catch {
            return context.failWriting(error)
        }
        context.stdout.write(context.screens.chapter(pack: session.pack, mission: mission, step: step,
                                                     topologyPath: LabPack.displayPath(session.workspace.topologyPath)))
        return ExitStatus.success
    }
}
