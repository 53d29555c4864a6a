/// `infralab grade`: grade many submissions at once, with machine-readable results.
struct GradeCommand: Command {
    let name = "grade"
    let group = CommandGroup.instructors
    let summary = LocalizedText(
        en: "Grade many submissions at once, with machine-readable results",
        ko: "여러 제출물을 한 번에 채점하고 기계가 읽는 결과를 냅니다")
    let positionals: [PositionalSpec] = [PositionalSpec("SUBMISSION", isRepeatable: true, help: LocalizedText(en: "Submitted topology files or directories", ko: "제출된 토폴로지 파일 또는 디렉터리"))]
    let options: [OptionSpec] = [.value("step", "MISSION/STEP", help: LocalizedText(en: "The step to grade against", ko: "채점 기준 단계")), .json]
    let examples: [CommandExample] = [CommandExample("infralab grade submissions/*.yaml --step bastion/2 --json", LocalizedText(en: "Grade a class's files against step 2 of the bastion mission", ko: "반 전체 파일을 배스천 미션 2단계 기준으로 채점합니다"))]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
