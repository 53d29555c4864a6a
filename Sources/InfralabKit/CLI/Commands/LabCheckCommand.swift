/// `infralab lab check`: check a lab: missions parse, solutions pass, starters fail, hints resolve.
struct LabCheckCommand: Command {
    let name = "lab check"
    let group = CommandGroup.instructors
    let summary = LocalizedText(
        en: "Check a lab: missions parse, solutions pass, starters fail, hints resolve",
        ko: "랩 검사: 미션 파싱, 답안 통과, 시작 파일 실패, 힌트 참조 확인")
    let positionals: [PositionalSpec] = [.optional("DIR", help: LocalizedText(en: "The labs directory (default: INFRALAB_LABS, then Labs)", ko: "랩 디렉터리(기본값: INFRALAB_LABS, 그다음 Labs)"))]
    let options: [OptionSpec] = [.json]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
