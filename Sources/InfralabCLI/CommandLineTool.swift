import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// The command-line entry point: words in, an exit status out.
///
/// Reads the line in two passes of the same loop: first against every option any
/// command knows, to find the command's words and the global options wherever they
/// are; then, with the command's words taken out, against the global options and the
/// command's own table, which reports every mistake. Colour, width and language are
/// decided here, once, and handed to the command in its `CommandContext`.
public enum CommandLineTool {
    public static let version = "0.1.0"

    /// The global options, accepted anywhere on the line.
    package static let globalOptions: [OptionSpec] = [
        .value(
            "color", "WHEN", allowed: ColorChoice.allCases.map(\.rawValue),
            help: LocalizedText(
                en: "Colour the output: always, never, or auto (only on a terminal; NO_COLOR honoured)",
                ko: "출력 색상: always, never, auto(터미널일 때만, NO_COLOR 설정을 따라요)")),
        .value(
            "lang", "LANG", allowed: Language.allCases.map(\.rawValue),
            help: LocalizedText(
                en: "Language of messages (default: INFRALAB_LANG, then LANG)",
                ko: "메시지 언어(기본값: INFRALAB_LANG, 그다음 LANG)")),
        .flag("help", short: "h", help: LocalizedText(en: "Show help", ko: "도움말을 보여 줘요")),
        .flag(
            "version", short: "V",
            help: LocalizedText(en: "Show the version", ko: "버전을 보여 줘요")),
    ]

    /// For `main.swift`: the process's streams, environment and working directory.
    public static func run(arguments: [String], environment: [String: String]) -> Int32 {
        run(
            arguments: arguments, environment: environment,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
            stdout: FileDescriptorSink.standardOutput, stderr: FileDescriptorSink.standardError,
            stdin: StandardInput(),
            commandSpelling: Invocation.spelling(argv0: CommandLine.arguments.first ?? "infralab", executable: ExecutableLocation.path,
                                                 workingDirectory: FileManager.default.currentDirectoryPath, environment: environment))
    }

    /// Runs one command line in-process. Everything the run touches comes in as an
    /// argument, so tests capture output and choose the environment.
    package static func run(
        arguments: [String], environment: [String: String], workingDirectory: URL,
        stdout: any OutputSink, stderr: any OutputSink, stdin: any InputSource = TextInput(nil),
        registry: CommandRegistry = .standard, commandSpelling: String = "infralab"
    ) -> Int32 {
        // Pass one: find the command and the global options, whatever their position.
        let survey = ArgumentParser.parse(arguments, options: globalOptions + registry.allOptions)
        let language = survey.value("lang").flatMap(Language.init(rawValue:)) ?? Language.fromEnvironment(environment)
        let colorChoice = survey.value("color").flatMap(ColorChoice.init(rawValue:)) ?? .auto
        let out = Output(
            stdout,
            colorize: Terminal.shouldColorize(choice: colorChoice, environment: environment, isTerminal: stdout.isTerminal),
            commandSpelling: commandSpelling)
        let err = Output(
            stderr,
            colorize: Terminal.shouldColorize(choice: colorChoice, environment: environment, isTerminal: stderr.isTerminal),
            commandSpelling: commandSpelling)
        let width = Terminal.width(environment: environment, terminalColumns: stdout.terminalColumns)

        if survey.isSet("version") {
            out.line("infralab \(version)")
            return ExitStatus.success
        }

        if survey.positionals.isEmpty {
            let globals = ArgumentParser.parse(arguments, options: globalOptions)
            if let error = globals.errors.first, !globals.isSet("help") {
                HelpFormatter.writeUsageError(error, command: nil, language: language, to: err)
                return ExitStatus.usage
            }
            out.write(HelpFormatter.overview(registry: registry, language: language, colorize: out.colorize, width: width))
            return ExitStatus.success
        }

        let command: any Command
        let wordCount: Int
        switch registry.resolve(survey.positionals) {
        case .found(let found, let count):
            (command, wordCount) = (found, count)
        case .unknown(let error):
            HelpFormatter.writeUsageError(error, command: nil, language: language, to: err)
            return ExitStatus.usage
        }

        // Pass two: the command's words out, its own table in; every mistake reported.
        let commandIndices = Set(survey.positionalIndices.prefix(wordCount))
        let rest = arguments.enumerated().filter { !commandIndices.contains($0.offset) }.map(\.element)
        var parsed = ArgumentParser.parse(rest, options: globalOptions + command.options)

        if parsed.isSet("help") {
            out.write(HelpFormatter.help(for: command, language: language, colorize: out.colorize, width: width))
            return ExitStatus.success
        }
        if parsed.errors.isEmpty, let error = ArgumentParser.checkPositionals(parsed.positionals, against: command.positionals) {
            parsed.errors.append(error)
        }
        if let error = parsed.errors.first {
            HelpFormatter.writeUsageError(error, command: command, language: language, to: err)
            return ExitStatus.usage
        }

        let context = CommandContext(
            command: command, arguments: parsed, environment: environment, workingDirectory: workingDirectory,
            language: language, stdout: out, stderr: err, stdin: stdin, width: width, registry: registry)
        return command.run(context)
    }
}
