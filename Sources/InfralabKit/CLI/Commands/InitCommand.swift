/// `infralab init`: create a workspace with the first mission's starter files.
struct InitCommand: Command {
    let name = "init"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Create a workspace with the first mission's starter files",
        ko: "첫 미션의 시작 파일로 작업 공간을 만듭니다")
    let positionals: [PositionalSpec] = [.optional("DIR", help: LocalizedText(en: "Where to create the workspace (default: the current directory)", ko: "작업 공간을 만들 곳(기본값: 현재 디렉터리)"))]
    let examples: [CommandExample] = [CommandExample("infralab init my-infra", LocalizedText(en: "Create the workspace in ./my-infra and show the first chapter", ko: "./my-infra에 작업 공간을 만들고 첫 장을 보여 줍니다"))]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
