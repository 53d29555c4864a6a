import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab status`: where you are, how far you have come.
struct StatusCommand: Command {
    let name = "status"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Show where you are: missions, steps and progress",
        ko: "지금 위치와 진행 상황(미션, 단계)을 보여 줘요")
    let options: [OptionSpec] = [.labs, .json]

    func run(_ context: CommandContext) -> Int32 { Self.show(context, expandAll: false) }

    /// The progress screen (or its JSON); `list` shows every mission's steps.
    static func show(_ context: CommandContext, expandAll: Bool) -> Int32 {
        let session: LearnerSession
        switch context.openSession() {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        if context.wantsJSON {
            context.stdout.line(GradeJSON.progress(session, language: context.language).rendered())
        } else {
            context.stdout.write(context.screens.status(pack: session.pack, progress: session.progress, expandAll: expandAll))
        }
        return ExitStatus.success
    }
}
