/// `infralab reset`: restore the step's starter file (your file is backed up first).
struct ResetCommand: Command {
    let name = "reset"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Restore the step's starter file (your file is backed up first)",
        ko: "단계의 시작 파일로 되돌립니다(기존 파일은 먼저 백업합니다)")

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
