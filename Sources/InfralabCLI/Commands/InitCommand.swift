import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab init [DIR]`: a workspace with the first mission's starter, and chapter one.
struct InitCommand: Command {
    let name = "init"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Create a workspace with the first mission's starter file",
        ko: "첫 미션의 시작 파일로 작업 공간을 만들어요")
    let positionals: [PositionalSpec] = [.optional("DIR", help: LocalizedText(en: "Where to create the workspace (default: the current folder; `workspace/` inside an infralab checkout)", ko: "작업 공간을 만들 곳 (기본값: 현재 폴더, infralab 소스 폴더 안이라면 `workspace/`)"))]
    let options: [OptionSpec] = [.labs]
    let examples: [CommandExample] = [CommandExample("infralab init my-infra", LocalizedText(en: "Create the workspace in ./my-infra and show the first chapter", ko: "./my-infra에 작업 공간을 만들고 첫 장을 보여 줘요"))]

    func run(_ context: CommandContext) -> Int32 {
        let root = context.arguments.positionals.first.map { context.url(for: $0).path }
            ?? Workspace.defaultRoot(for: context.workingDirectory.path)
        if Workspace(root: root).exists {
            context.say(LearningText.alreadyWorkspace)
            return StatusCommand().run(context)
        }
        return context.createWorkspace(at: root)
    }
}
