/// `infralab hint`: show the next hint for the first failing requirement.
struct HintCommand: Command {
    let name = "hint"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Show the next hint for the first failing requirement",
        ko: "처음 실패한 요구 사항의 다음 힌트를 보여 줍니다")

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
