import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab --help`, `infralab help COMMAND` and usage errors, built from the commands'
/// tables. Pure: text in, text out; colour only when asked.
package enum HelpFormatter {
    package static func overview(registry: CommandRegistry, language: Language, colorize: Bool, width: Int) -> String {
        let style = TextStyle(colorize: colorize)
        let tagline = LocalizedText(
            en: "a workbook for cloud infrastructure: build a topology, and a network simulation grades it",
            ko: "클라우드 인프라 워크북: 토폴로지를 만들면 네트워크를 시뮬레이션해서 채점해요")
        var lines = wrap("infralab \(CommandLineTool.version) — \(tagline.text(language))", width: width, indent: "") + [""]
        lines.append("\(style.bold(text(usageLabel, language))) infralab <command> [options]")
        let nameWidth = registry.commands.map(\.name.count).max() ?? 0
        for group in CommandGroup.allCases {
            let commands = registry.commands(in: group)
            guard !commands.isEmpty else { continue }
            lines.append("")
            lines.append(style.bold(group.title.text(language) + ":"))
            for command in commands {
                let name = command.name.padding(toLength: nameWidth)
                lines.append(contentsOf: hanging("  \(style.cyan(name))  ", visibleIndent: nameWidth + 4,
                                                 command.summary.text(language), width: width))
            }
        }
        lines.append("")
        lines.append(style.bold(text(globalOptionsLabel, language)))
        lines.append(contentsOf: optionLines(CommandLineTool.globalOptions, language: language, style: style, width: width))
        lines.append("")
        let footer = LocalizedText(
            en: "Run `infralab help COMMAND` (or `infralab COMMAND --help`) for its options and examples. Start with `infralab init`, then `infralab next`.",
            ko: "명령별 옵션과 예시는 `infralab help 명령`(또는 `infralab 명령 --help`)으로 볼 수 있어요. `infralab init`으로 시작해서 `infralab next`로 진행해요.")
        lines.append(contentsOf: wrap(text(footer, language), width: width, indent: ""))
        return lines.joined(separator: "\n") + "\n"
    }

    package static func help(for command: any Command, language: Language, colorize: Bool, width: Int) -> String {
        let style = TextStyle(colorize: colorize)
        var lines = wrap("infralab \(command.name) — \(command.summary.text(language))", width: width, indent: "") + [""]
        lines.append("\(style.bold(text(usageLabel, language))) \(command.usage)")
        if let discussion = command.discussion {
            lines.append("")
            for paragraph in discussion.text(language).split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(contentsOf: wrap(String(paragraph), width: width, indent: ""))
            }
        }
        if !command.aliases.isEmpty {
            lines.append("")
            lines.append("\(style.bold(text(LocalizedText(en: "Aliases:", ko: "별칭:"), language))) \(command.aliases.joined(separator: ", "))")
        }
        if !command.positionals.isEmpty {
            lines.append("")
            lines.append(style.bold(text(LocalizedText(en: "Arguments:", ko: "인자:"), language)))
            let nameWidth = command.positionals.map(\.name.count).max() ?? 0
            for positional in command.positionals {
                lines.append(contentsOf: hanging("  \(style.cyan(positional.name.padding(toLength: nameWidth)))  ",
                                                 visibleIndent: nameWidth + 4, positional.help.text(language), width: width))
            }
        }
        if !command.options.isEmpty {
            lines.append("")
            lines.append(style.bold(text(LocalizedText(en: "Options:", ko: "옵션:"), language)))
            lines.append(contentsOf: optionLines(command.options, language: language, style: style, width: width))
        }
        lines.append("")
        lines.append(style.bold(text(globalOptionsLabel, language)))
        lines.append(contentsOf: optionLines(CommandLineTool.globalOptions, language: language, style: style, width: width))
        if !command.examples.isEmpty {
            lines.append("")
            lines.append(style.bold(text(LocalizedText(en: "Examples:", ko: "예시:"), language)))
            for example in command.examples {
                lines.append("  \(example.commandLine)")
                lines.append(contentsOf: wrap(example.explanation.text(language), width: width, indent: "      "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `error: unknown option …`, `did you mean …?`, the usage, and where to read more.
    package static func writeUsageError(_ error: UsageError, command: (any Command)?, language: Language, to output: Output) {
        let style = TextStyle(colorize: output.colorize)
        output.line(CLIStyle.errorLabel(language: language, colorize: output.colorize) + error.message.text(language))
        if let suggestion = error.suggestion {
            output.line(style.bold(text(LocalizedText(en: "help: ", ko: "도움말: "), language)) + suggestion.text(language))
        }
        output.line()
        if let command {
            output.line("\(style.bold(text(usageLabel, language))) \(command.usage)")
            output.line(
                text(
                    LocalizedText(
                        en: "See `infralab help \(command.name)` for its options.",
                        ko: "옵션은 `infralab help \(command.name)`에서 볼 수 있어요."), language))
        } else {
            output.line("\(style.bold(text(usageLabel, language))) infralab <command> [options]")
            output.line(
                text(
                    LocalizedText(
                        en: "See `infralab --help` for the commands.", ko: "명령 목록은 `infralab --help`에서 볼 수 있어요."),
                    language))
        }
    }

    // MARK: Pieces

    static let usageLabel = LocalizedText(en: "Usage:", ko: "사용법:")
    static let globalOptionsLabel = LocalizedText(en: "Global options:", ko: "공통 옵션:")

    static func text(_ localized: LocalizedText, _ language: Language) -> String { localized.text(language) }

    static func optionLines(_ options: [OptionSpec], language: Language, style: TextStyle, width: Int) -> [String] {
        let synopsisWidth = options.map { displaySynopsis($0).count }.max() ?? 0
        return options.flatMap { option -> [String] in
            let synopsis = displaySynopsis(option).padding(toLength: synopsisWidth)
            var help = option.help.text(language)
            if option.kind == .repeatable {
                help += text(LocalizedText(en: " (repeatable)", ko: " (여러 번 쓸 수 있음)"), language)
            }
            return hanging("  \(style.cyan(synopsis))  ", visibleIndent: synopsisWidth + 4, help, width: width)
        }
    }

    /// Long options line up whether or not a short form exists.
    static func displaySynopsis(_ option: OptionSpec) -> String {
        option.short == nil ? "    " + option.synopsis : option.synopsis
    }

    /// `prefix` then `text` wrapped to `width`, continuation lines indented under the text.
    /// When the column left for the text is too narrow, the text goes below, indented.
    static func hanging(_ prefix: String, visibleIndent: Int, _ text: String, width: Int) -> [String] {
        if width - visibleIndent < 24 {
            return [prefix.trimmingTrailingSpaces] + wrap(text, width: max(width, 32), indent: "        ")
        }
        let wrapped = wrap(text, width: width - visibleIndent, indent: "")
        let pad = String(repeating: " ", count: visibleIndent)
        return [prefix + wrapped[0]] + wrapped.dropFirst().map { pad + $0 }
    }

    /// `text` wrapped to `width` columns (the one wrap, `wrapped(_:toWidth:)`), each line
    /// after `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        let lines = wrapped(text, toWidth: max(width - displayWidth(of: indent), 1)).map { indent + $0 }
        return lines.isEmpty ? [indent] : lines
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
