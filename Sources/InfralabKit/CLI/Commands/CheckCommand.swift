/// `infralab check`: grade the current step; exit status 0 only if it passes.
struct CheckCommand: Command {
    let name = "check"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Grade the current step; exit status 0 only if it passes",
        ko: "현재 단계를 채점합니다. 통과할 때만 종료 상태 0")
    let positionals: [PositionalSpec] = [.optional("FILE", help: LocalizedText(en: "The topology file (default: topology.yaml)", ko: "토폴로지 파일(기본값: topology.yaml)"))]
    let options: [OptionSpec] = [.json]
    let examples: [CommandExample] = [CommandExample("infralab check --json", LocalizedText(en: "Grade and print the result as JSON", ko: "채점 결과를 JSON으로 출력합니다"))]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
