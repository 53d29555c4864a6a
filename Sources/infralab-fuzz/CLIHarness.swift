import Foundation
import InfralabSyntax
import InfralabCLI
import InfralabTestSupport

/// Random read-only command lines run in-process (`CommandLineTool.run`) in a workspace
/// per worker, made with `init` and a reference solution as the learner's file. Also
/// writes a mutated topology as `input.yaml` and offers it on standard input, for the
/// commands that take a file. Commands that write the learner's file (`next`, `reset`,
/// `goto`, `solution --apply`, `watch`, `export`/`diagram -o`) are not run.
final class CLIHarness: Harness, @unchecked Sendable {
    let corpus: Corpus
    let workspaces: [URL]
    let learnerFile: [UInt8]
    static let allowed: Set<Int32> = [0, 1, 64, 66]

    static let commands = [
        "validate", "check", "probe", "show", "status", "hint", "help", "list", "ls", "diagram", "export", "cost", "grade", "story", "solution",
    ]
    /// Options and values, with the awkward ones of `fuzz.py`'s cli harness.
    static let words = [
        "validate", "probe", "show", "check", "story", "hint", "status", "list", "grade", "help", "cost", "diagram", "export", "next", "reset",
        "--json", "--help", "-h", "-V", "--version", "--color", "never", "auto", "--lang", "ko", "en", "jp", "--from", "internet", "internt", "admin",
        "--to", "web", "was", "db", "bastion", "my-pc", "--port", "80", "443", "0", "65536", "abc", "-1", "--count", "1", "99999999999999999999",
        "--interval", "1e-9", "--progress", "--step", "1.1", "9.9", "expose", "2", "3.2", "--format", "junit", "gradescope", "csv", "json", "text",
        "mermaid", "dot", "terraform", "--incident", "fire:dc", "flood:x", "az-down:ap-northeast-2a", "--through", "--protocol", "icmp", "udp",
        "--address", "public", "private", "--client-ports", "1-0", "32768-60999", "--visibility", "all", "--prices", "missing.yaml",
        "--labs", "Labs", "--", "-", "topology.yaml", "input.yaml", "missing.yaml", ".", "/", "3", "bastion/elastic-ip", "\u{1B}[2J", "\u{1B}]52;c;eA==\u{7}",
        "\u{9B}31m", "--=", "---", "=", "--no-mutants", "한국어", "", " ", "--port=80", "--lang=ko", "-x",
    ]

    init(corpus: Corpus, workers: Int, out: String) {
        self.corpus = corpus
        learnerFile = FileManager.default.contents(atPath: corpus.root + "/Solutions/01-home-server/expose.yaml").map { Array($0) } ?? []
        workspaces = (0..<workers).map { URL(fileURLWithPath: "\(out)/cli-workspace-\($0)", isDirectory: true) }
        for workspace in workspaces { prepare(workspace) }
    }

    var environment: [String: String] {
        ["INFRALAB_LANG": "en", "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "80", "HOME": "/tmp", "INFRALAB_LABS": corpus.labs]
    }

    /// A fresh workspace: `init`, then the learner's file.
    func prepare(_ workspace: URL) {
        try? FileManager.default.removeItem(at: workspace)
        try? FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        _ = CommandLineTool.run(arguments: ["init", "--labs", corpus.labs], environment: environment, workingDirectory: workspace,
                                stdout: CapturedOutput(), stderr: CapturedOutput())
        Runner.writeFile(learnerFile, to: workspace.path + "/topology.yaml")
    }

    func run(_ index: Int, worker: Int, runner: Runner) {
        var random = runner.random(for: index)
        var arguments = [Self.commands.randomElement(using: &random)!]
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            let word = Self.words.randomElement(using: &random)!
            arguments.append(word == "Labs" ? corpus.labs : word)
        }
        let seed = corpus.topologies.randomElement(using: &random)!
        let file = FuzzMutator.mutate(seed.text, using: &random)
        var environment = environment
        if Bool.random(using: &random) { environment["INFRALAB_LANG"] = "ko" }
        let workspace = workspaces[worker]
        let label = arguments.debugDescription + " (input.yaml from \(seed.path))"
        let input = FuzzCase(index: index, label: label, bytes: Array((arguments.joined(separator: "\n") + "\n---\n").utf8) + file)
        runner.run(input, worker: worker) {
            Runner.writeFile(file, to: workspace.path + "/input.yaml")
            let out = CapturedOutput(), err = CapturedOutput()
            let status = CommandLineTool.run(arguments: arguments, environment: environment, workingDirectory: workspace,
                                             stdout: out, stderr: err, stdin: TextInput(decodedLikeTheCLI(file)))
            check(status: status, stdout: out.text, stderr: err.text, input: input, runner: runner)
        }
        let kept = FileManager.default.contents(atPath: workspace.path + "/topology.yaml").map { Array($0) }
        if kept != learnerFile {
            runner.finding("learner-file", input, "the learner's topology.yaml changed")
            prepare(workspace)
        } else if !FileManager.default.fileExists(atPath: workspace.path + "/.infralab/progress.yaml") {
            prepare(workspace)
        }
    }

    func check(status: Int32, stdout: String, stderr: String, input: FuzzCase, runner: Runner) {
        if !Self.allowed.contains(status) { runner.finding("status", input, "exit status \(status)") }
        if status != 66, let code = Checks.missingInput.first(where: { stdout.contains($0) || stderr.contains($0) }) {
            runner.finding("status", input, "exit status \(status) with \(code) (Docs/cli.md: 66)")
        }
        if let control = FuzzMutator.controlCharacter(in: stdout + stderr) {
            runner.finding("control", input, "U+\(String(control.value, radix: 16, uppercase: true)) in the output")
        }
        if status == 1, let problem = Checks.unlocatedInOutput(stdout + "\n" + stderr) {
            runner.finding("unlocated", input, problem)
        }
    }
}
