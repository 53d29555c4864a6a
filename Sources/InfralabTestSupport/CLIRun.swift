import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

/// What one run of the command line produced.
public struct CLIRun: Sendable, Hashable, CustomStringConvertible {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// A quiet, predictable environment: English, no colour decisions from the host, 80 columns.
public let testEnvironment: [String: String] = ["INFRALAB_LANG": "en", "TERM": "xterm-256color", "COLUMNS": "80"]

/// Runs `infralab ARGUMENTS` in-process with captured output.
///
/// - environment: defaults to `testEnvironment` (not the host's).
/// - workingDirectory: relative paths resolve here (default: a fresh temporary directory
///   is *not* made; pass one from `TemporaryDirectory`).
/// - stdoutIsTerminal / stderrIsTerminal: pretend the streams are terminals (`--color auto`).
package func runCLI(
    _ arguments: [String],
    environment: [String: String] = testEnvironment,
    workingDirectory: URL = freshWorkingDirectory(),
    stdin: String? = nil,
    stdoutIsTerminal: Bool = false,
    stderrIsTerminal: Bool = false,
    terminalColumns: Int? = nil,
    registry: CommandRegistry = .standard
) -> CLIRun {
    let out = CapturedOutput(isTerminal: stdoutIsTerminal, terminalColumns: terminalColumns)
    let err = CapturedOutput(isTerminal: stderrIsTerminal, terminalColumns: terminalColumns)
    let status = CommandLineTool.run(
        arguments: arguments, environment: environment, workingDirectory: workingDirectory,
        stdout: out, stderr: err, stdin: TextInput(stdin), registry: registry)
    return CLIRun(status: status, stdout: out.text, stderr: err.text)
}

/// A new empty folder under the temporary directory, so in-process runs of commands that
/// write (a workspace, backups) never touch a shared place.
public func freshWorkingDirectory() -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        .appendingPathComponent("infralab-cli-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
