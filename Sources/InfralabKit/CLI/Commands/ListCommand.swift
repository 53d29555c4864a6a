/// `infralab list`: list missions and steps, with what is done.
struct ListCommand: Command {
    let name = "list"
    let aliases = ["ls"]
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "List missions and steps, with what is done",
        ko: "미션과 단계 목록, 완료 여부를 보여 줍니다")
    let options: [OptionSpec] = [.json]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
