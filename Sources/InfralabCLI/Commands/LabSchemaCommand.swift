import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab lab schema topology|mission [-o FILE]`: the JSON Schema for editors,
/// generated from the loaders' own key tables; `--convert FILE` prints a YAML file as
/// JSON (YAML 1.2 core types) for any JSON Schema validator.
struct LabSchemaCommand: Command {
    let name = "lab schema"
    let group = CommandGroup.instructors
    let summary = LocalizedText(
        en: "Print the JSON Schema of topology or mission files, for editors",
        ko: "에디터용 토폴로지·미션 파일 JSON 스키마를 출력해요")
    let discussion: LocalizedText? = LocalizedText(
        en: """
            The schemas are generated from the same key tables the loaders check files against, so they never drift \
            apart; Docs/schema/ holds the generated files. With --convert FILE, prints FILE (YAML) as JSON, typed as \
            YAML 1.2 reads it, to check it with any JSON Schema validator.
            """,
        ko: """
            스키마는 로더가 파일을 검사할 때 쓰는 키 표에서 그대로 만들어져서 둘이 어긋나지 않아요. 만든 파일은 \
            Docs/schema/에 있어요. --convert FILE을 주면 YAML 파일을 YAML 1.2 타입 그대로 JSON으로 바꿔 출력해요. \
            어떤 JSON 스키마 검사기로도 확인할 수 있어요.
            """)
    let positionals: [PositionalSpec] = [
        .optional("KIND", help: LocalizedText(en: "topology (default) or mission", ko: "topology(기본값) 또는 mission"))
    ]
    let options: [OptionSpec] = [
        .value("output", short: "o", "FILE", help: LocalizedText(en: "Write to FILE instead of standard output", ko: "표준 출력 대신 FILE에 써요")),
        .value("convert", "FILE", help: LocalizedText(en: "Print a YAML file as JSON instead", ko: "대신 YAML 파일을 JSON으로 바꿔 출력해요")),
    ]
    let examples: [CommandExample] = [
        CommandExample(
            "infralab lab schema topology -o Docs/schema/topology.schema.json",
            LocalizedText(en: "Regenerate the checked-in topology schema", ko: "저장소의 토폴로지 스키마를 다시 만들어요")),
    ]

    static func schema(_ kind: String) -> JSONValue? {
        switch kind {
        case "topology": JSONSchema.topology
        case "mission": JSONSchema.mission
        default: nil
        }
    }

    func run(_ context: CommandContext) -> Int32 {
        let text: String
        if let path = context.arguments.value("convert") {
            guard let source = context.readInput(path) else { return ExitStatus.noInput }
            let parsed = YAMLParser.parse(source, file: path)
            guard let root = parsed.root, !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
                context.renderDiagnostics(parsed.diagnostics, to: context.stderr)
                return ExitStatus.failure
            }
            text = root.jsonValue.rendered() + "\n"
        } else {
            let kind = context.arguments.positionals.first ?? "topology"
            guard let schema = Self.schema(kind) else {
                return context.usageError(UsageError(
                    LocalizedText(en: "no schema named `\(kind)`; use topology or mission", ko: "`\(kind)` 스키마는 없어요. topology나 mission을 쓰세요"),
                    suggestion: Suggestions.closest(to: kind, in: ["topology", "mission"]).map(UsageError.didYouMean)))
            }
            text = schema.rendered() + "\n"
        }
        guard let output = context.arguments.value("output") else {
            context.stdout.write(text)
            return ExitStatus.success
        }
        do {
            try Workspace.writeAtomically(text, to: context.url(for: output).path)
        } catch {
            return context.fail(LocalizedText(en: "cannot write `\(output)`: \(error.localizedDescription)", ko: "`\(output)`에 쓸 수 없어요: \(error.localizedDescription)"))
        }
        return ExitStatus.success
    }
}
