/// `infralab status`: show where you are: mission, step, and what is still failing.
struct StatusCommand: Command {
    let name = "status"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Show where you are: mission, step, and what is still failing",
        ko: "현재 미션과 단계, 아직 실패하는 항목을 보여 줍니다")
    let options: [OptionSpec] = [.json]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
