/// `infralab solution`: show the reference solution once the step is passed.
struct SolutionCommand: Command {
    let name = "solution"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Show the reference solution once the step is passed",
        ko: "단계를 통과한 뒤 참고 답안을 보여 줍니다")
    let options: [OptionSpec] = [.flag("force", help: LocalizedText(en: "Show it before passing (you will be warned)", ko: "통과 전에 봅니다(경고가 나옵니다)"))]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
