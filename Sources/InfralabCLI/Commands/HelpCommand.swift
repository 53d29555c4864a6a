import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab help [COMMAND]`: the overview, or one command's usage, options and examples.
struct HelpCommand: Command {
    let name = "help"
    let group = CommandGroup.tools
    let summary = LocalizedText(en: "Show help for infralab or one command", ko: "infralab 전체나 명령 하나의 도움말을 보여 줘요")
    let positionals: [PositionalSpec] = [
        PositionalSpec(
            "COMMAND", isOptional: true, isRepeatable: true,
            help: LocalizedText(en: "A command, e.g. `probe` or `lab check`", ko: "명령, 예: `probe`, `lab check`"))
    ]
    let examples: [CommandExample] = [
        CommandExample("infralab help probe", LocalizedText(en: "How to trace one flow", ko: "흐름 하나를 추적하는 방법"))
    ]

    func run(_ context: CommandContext) -> Int32 {
        let words = context.arguments.positionals
        if words.isEmpty {
            context.stdout.write(
                HelpFormatter.overview(
                    registry: context.registry, language: context.language, colorize: context.stdout.colorize,
                    width: context.width))
            return ExitStatus.success
        }
        switch context.registry.resolve(words) {
        case .found(let command, let count) where count == words.count:
            context.stdout.write(
                HelpFormatter.help(
                    for: command, language: context.language, colorize: context.stdout.colorize, width: context.width))
            return ExitStatus.success
        case .found(_, let count):
            return context.usageError(
                UsageError(
                    LocalizedText(en: "unexpected argument `\(words[count])`", ko: "예상하지 못한 인자 `\(words[count])`")))
        case .unknown(let error):
            return context.usageError(error)
        }
    }
}
