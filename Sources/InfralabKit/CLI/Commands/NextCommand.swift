/// `infralab next`: grade the current step; when it passes, move on to the next chapter.
struct NextCommand: Command {
    let name = "next"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Grade the current step; when it passes, move on to the next chapter",
        ko: "현재 단계를 채점하고, 통과하면 다음 장으로 넘어갑니다")
    let examples: [CommandExample] = [CommandExample("infralab next", LocalizedText(en: "Grade topology.yaml against the current step", ko: "topology.yaml을 현재 단계 기준으로 채점합니다"))]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
