import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab story`: the current chapter again — story, task and what will be checked.
struct StoryCommand: Command {
    let name = "story"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Show the current chapter again: the story, your task and what will be checked",
        ko: "지금 장을 다시 보여 줘요: 이야기, 할 일, 확인할 것")
    let options: [OptionSpec] = [.labs]

    func run(_ context: CommandContext) -> Int32 {
        let session: LearnerSession
        switch context.openSession(currentMissionOnly: true) {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        context.stdout.write(context.screens.chapter(pack: session.pack, mission: session.mission, step: session.step,
                                                     topologyPath: LabPack.displayPath(session.workspace.topologyPath)))
        return ExitStatus.success
    }
}
