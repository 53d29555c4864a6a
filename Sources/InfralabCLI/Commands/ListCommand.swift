import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab list`: every mission and step, with what is done.
struct ListCommand: Command {
    let name = "list"
    let aliases = ["ls"]
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "List missions and steps, with what is done",
        ko: "미션과 단계 목록을 완료 여부와 함께 보여 줘요")
    let options: [OptionSpec] = [.labs, .json]

    func run(_ context: CommandContext) -> Int32 { StatusCommand.show(context, expandAll: true) }
}
