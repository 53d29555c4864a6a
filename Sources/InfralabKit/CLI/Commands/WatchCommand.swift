/// `infralab watch`: re-grade whenever the topology file is saved.
struct WatchCommand: Command {
    let name = "watch"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Re-grade whenever the topology file is saved",
        ko: "토폴로지 파일을 저장할 때마다 다시 채점합니다")
    let positionals: [PositionalSpec] = [.optional("FILE", help: LocalizedText(en: "The topology file (default: topology.yaml)", ko: "토폴로지 파일(기본값: topology.yaml)"))]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
