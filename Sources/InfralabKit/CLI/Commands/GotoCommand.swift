/// `infralab goto`: jump to a mission or step.
struct GotoCommand: Command {
    let name = "goto"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Jump to a mission or step",
        ko: "미션이나 단계로 이동합니다")
    let positionals: [PositionalSpec] = [.required("STEP", help: LocalizedText(en: "A mission, or MISSION/STEP (see `infralab list`)", ko: "미션, 또는 미션/단계(`infralab list` 참고)"))]
    let examples: [CommandExample] = [CommandExample("infralab goto bastion", LocalizedText(en: "Start the bastion mission", ko: "배스천 미션을 시작합니다"))]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
