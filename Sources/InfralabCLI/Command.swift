import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// One `infralab` command: its help as data, its option table, and `run`.
///
/// To add a command: write a `struct` conforming to `Command` in
/// `CLI/Commands/<Name>Command.swift` and list it in `CommandRegistry.standard`.
/// `run` returns the exit status (see `ExitStatus`); everything it prints goes through
/// `context.stdout` / `context.stderr`.
package protocol Command: Sendable {
    /// The words that run it: `validate`, or `lab check` for a subcommand.
    var name: String { get }
    /// Other words for the last part of the name (`ls` for `list`).
    var aliases: [String] { get }
    var group: CommandGroup { get }
    /// One line for `infralab --help`.
    var summary: LocalizedText { get }
    /// A paragraph or two for `infralab help COMMAND` (optional).
    var discussion: LocalizedText? { get }
    var positionals: [PositionalSpec] { get }
    /// The command's own options; the global ones (`--color`, `--lang`, `--help`,
    /// `--version`) are added by the tool. Include `.json` to support `--json`.
    var options: [OptionSpec] { get }
    var examples: [CommandExample] { get }
    /// The usage line; by default built from `name`, `positionals` and `options`.
    var usage: String { get }
    func run(_ context: CommandContext) -> Int32
}

extension Command {
    package var aliases: [String] { [] }
    package var discussion: LocalizedText? { nil }
    package var positionals: [PositionalSpec] { [] }
    package var options: [OptionSpec] { [] }
    package var examples: [CommandExample] { [] }

    /// `infralab probe FILE --from A --to B ...`: generated from the tables.
    package var usage: String {
        var parts = ["infralab", name]
        for positional in positionals {
            var word = positional.name + (positional.isRepeatable ? "…" : "")
            if positional.isOptional { word = "[\(word)]" }
            parts.append(word)
        }
        if !options.isEmpty { parts.append("[options]") }
        return parts.joined(separator: " ")
    }

    package var supportsJSON: Bool { options.contains { $0.name == OptionSpec.json.name } }
}

/// How `infralab --help` groups commands.
package enum CommandGroup: Int, Sendable, CaseIterable, Comparable {
    case learning, tools, instructors

    package var title: LocalizedText {
        switch self {
        case .learning: LocalizedText(en: "Learning", ko: "학습")
        case .tools: LocalizedText(en: "Tools", ko: "도구")
        case .instructors: LocalizedText(en: "Instructors", ko: "강사용")
        }
    }

    package static func < (lhs: CommandGroup, rhs: CommandGroup) -> Bool { lhs.rawValue < rhs.rawValue }
}

package struct CommandExample: Sendable, Hashable {
    package var commandLine: String
    package var explanation: LocalizedText

    package init(_ commandLine: String, _ explanation: LocalizedText) {
        self.commandLine = commandLine
        self.explanation = explanation
    }
}

/// Exit statuses, shared by every command (documented in `Docs/cli.md`): the named
/// statuses, and a status carried through `Result` or `throw` up to the command's `run`.
package struct ExitStatus: Error, Sendable, Equatable {
    package var status: Int32
    package init(_ status: Int32) { self.status = status }

    /// It worked: the file is valid, the step passes, the help was shown.
    package static let success: Int32 = 0
    /// It ran, and the answer is "no": errors in the file, a failing step, or a command
    /// that is not available yet.
    package static let failure: Int32 = 1
    /// The command line is wrong (`EX_USAGE`).
    package static let usage: Int32 = 64
    /// An input file is missing or unreadable (`EX_NOINPUT`).
    package static let noInput: Int32 = 66
}

/// Everything a command may use. Decided once, at the top; commands ask nothing of the
/// process themselves, so they run the same in a test.
package struct CommandContext: Sendable {
    package var command: any Command
    package var arguments: ParsedArguments
    package var environment: [String: String]
    /// Relative paths on the command line are relative to this.
    package var workingDirectory: URL
    package var language: Language
    /// Standard output, with its colour decision.
    package var stdout: Output
    /// Standard error, with its own colour decision (it may be a terminal when stdout is a pipe).
    package var stderr: Output
    package var stdin: any InputSource
    /// Columns to lay text out in.
    package var width: Int
    /// Every command (for `help`).
    package var registry: CommandRegistry

    package init(
        command: any Command, arguments: ParsedArguments, environment: [String: String], workingDirectory: URL,
        language: Language, stdout: Output, stderr: Output, stdin: any InputSource, width: Int,
        registry: CommandRegistry = .standard
    ) {
        self.registry = registry
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.language = language
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.width = width
    }

    /// `--json` was given (only accepted by commands that list `.json`).
    package var wantsJSON: Bool { arguments.isSet(OptionSpec.json.name) }

    package func text(_ localized: LocalizedText) -> String {
        SuggestedCommand.respell(localized.text(language), as: stdout.commandSpelling)
    }

    /// A path from the command line, resolved against the working directory.
    package func url(for path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        return URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL
    }

    /// Reports a usage error found by the command itself (a bad `--port`): the message,
    /// the suggestion, the usage, on stderr. Returns 64.
    package func usageError(_ error: UsageError) -> Int32 {
        HelpFormatter.writeUsageError(error, command: command, language: language, to: stderr)
        return ExitStatus.usage
    }

    /// `error: …` on stderr, no usage. Returns `status`.
    package func fail(_ message: LocalizedText, status: Int32 = ExitStatus.failure) -> Int32 {
        stderr.line(CLIStyle.errorLabel(language: language, colorize: stderr.colorize) + text(message))
        return status
    }

    /// Reads a file named on the command line (`-` is standard input). On failure, says
    /// so on stderr naming the path, and returns nil; the caller exits 66.
    package func readInput(_ path: String, shownAs shown: String? = nil) -> String? {
        let written = path
        let path = shown ?? path
        if path == "-" {
            if let text = stdin.readAll() { return text }
            _ = fail(
                LocalizedText(en: "cannot read standard input as UTF-8 text", ko: "표준 입력을 UTF-8 텍스트로 읽을 수 없어요"),
                status: ExitStatus.noInput)
            return nil
        }
        let url = url(for: written)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            _ = fail(CLIText.noSuchFile(path), status: ExitStatus.noInput)
            return nil
        }
        if isDirectory.boolValue {
            _ = fail(CLIText.isDirectory(path), status: ExitStatus.noInput)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            _ = fail(CLIText.unreadable(path), status: ExitStatus.noInput)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            _ = fail(CLIText.notUTF8(path), status: ExitStatus.noInput)
            return nil
        }
        return text
    }
}

extension OptionSpec {
    package static let json = OptionSpec.flag(
        "json", help: LocalizedText(en: "Print machine-readable JSON on stdout", ko: "결과를 JSON으로 표준 출력에 써요"))
}
