/// `infralab lab new`: create a new mission from a template.
struct LabNewCommand: Command {
    let name = "lab new"
    let group = CommandGroup.instructors
    let summary = LocalizedText(
        en: "Create a new mission from a template",
        ko: "템플릿으로 새 미션을 만듭니다")
    let positionals: [PositionalSpec] = [.required("NAME", help: LocalizedText(en: "The new mission's identifier (e.g. `cache`)", ko: "새 미션의 식별자(예: `cache`)"))]

    // The lab engine replaces this body.
    func run(_ context: CommandContext) -> Int32 { context.arrivesWithLabEngine() }
}
