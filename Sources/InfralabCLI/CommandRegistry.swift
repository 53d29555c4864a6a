import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// Every command `infralab` knows, and how words on the command line find one.
package struct CommandRegistry: Sendable {
    package var commands: [any Command]

    package init(_ commands: [any Command]) {
        self.commands = commands
    }

    /// The commands `infralab` ships with, in the order `--help` lists them.
    package static let standard = CommandRegistry([
        // Learning
        InitCommand(),
        NextCommand(),
        StoryCommand(),
        CheckCommand(),
        HintCommand(),
        WatchCommand(),
        StatusCommand(),
        ListCommand(),
        ResetCommand(),
        SolutionCommand(),
        GotoCommand(),
        // Tools
        ValidateCommand(),
        ProbeCommand(),
        ShowCommand(),
        DiagramCommand(),
        CostCommand(),
        ExportCommand(),
        HelpCommand(),
        // Instructors
        LabCheckCommand(),
        LabNewCommand(),
        LabSchemaCommand(),
        LabAutograderCommand(),
        GradeCommand(),
    ])

    /// The listed commands of a group, in registration order.
    package func commands(in group: CommandGroup) -> [any Command] {
        commands.filter { $0.group == group && !($0 is HelpCommand) }
    }

    /// Every option any command accepts (to read the line before the command is known).
    var allOptions: [OptionSpec] {
        var seen = Set<String>()
        return commands.flatMap(\.options).filter { seen.insert($0.name).inserted }
    }

    /// Words that start a two-word command (`lab`).
    var prefixes: [String] {
        var seen = Set<String>()
        return commands.compactMap { command in
            let words = command.name.split(separator: " ")
            return words.count > 1 ? String(words[0]) : nil
        }.filter { seen.insert($0).inserted }
    }

    package enum Resolution {
        /// The command and how many words of the line named it (1 or 2).
        case found(any Command, wordCount: Int)
        case unknown(UsageError)
    }

    /// Finds the command named by the first one or two positional words.
    package func resolve(_ words: [String]) -> Resolution {
        guard let first = words.first else {
            return .unknown(UsageError(LocalizedText(en: "missing command", ko: "명령이 빠졌어요")))
        }
        if prefixes.contains(first) {
            let subcommands = commands.filter { $0.name.hasPrefix(first + " ") }
            let names = subcommands.map { String($0.name.dropFirst(first.count + 1)) }
            guard words.count > 1 else {
                return .unknown(
                    UsageError(
                        LocalizedText(
                            en: "`\(first)` needs a subcommand: \(names.joined(separator: ", "))",
                            ko: "`\(first)` 뒤에 하위 명령이 필요해요: \(names.joined(separator: ", "))")))
            }
            let second = words[1]
            if let command = subcommands.first(where: { $0.name == "\(first) \(second)" || $0.aliases.contains(second) }) {
                return .found(command, wordCount: 2)
            }
            return .unknown(
                UsageError(
                    LocalizedText(
                        en: "unknown command `\(first) \(second)`", ko: "알 수 없는 명령 `\(first) \(second)`"),
                    suggestion: Suggestions.closest(to: second, in: names).map { UsageError.didYouMean("\(first) \($0)") }))
        }
        if let command = commands.first(where: { $0.name == first || $0.aliases.contains(first) }) {
            return .found(command, wordCount: 1)
        }
        let candidates = commands.map(\.name).filter { !$0.contains(" ") } + prefixes
        return .unknown(
            UsageError(
                LocalizedText(en: "unknown command `\(first)`", ko: "알 수 없는 명령 `\(first)`"),
                suggestion: Suggestions.closest(to: first, in: candidates).map(UsageError.didYouMean)))
    }

    /// The command named exactly `name` (`lab check`).
    package func command(named name: String) -> (any Command)? {
        commands.first { $0.name == name }
    }
}
