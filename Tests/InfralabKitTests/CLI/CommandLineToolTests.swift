import Foundation
import InfralabTestSupport
import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI


@Suite("Command dispatch and help", .tags(.cli))
struct CLICommandLineToolTests {
    @Test func versionAnywhere() {
        for words in [["--version"], ["-V"], ["validate", "--version"], ["--lang", "ko", "-V"]] {
            let run = runCLI(words)
            #expect(run.status == 0)
            #expect(run.stdout == "infralab 0.1.0\n")
        }
    }

    @Test func helpListsCommandsInGroups() throws {
        let run = runCLI(["--help"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let text = run.stdout
        let learning = try #require(text.range(of: "Learning:"))
        let tools = try #require(text.range(of: "Tools:"))
        let instructors = try #require(text.range(of: "Instructors:"))
        #expect(learning.lowerBound < tools.lowerBound && tools.lowerBound < instructors.lowerBound)
        for name in ["init", "next", "check", "hint", "watch", "status", "list", "reset", "solution", "goto"] {
            #expect(text[learning.upperBound..<tools.lowerBound].contains("  \(name) "), "\(name)")
        }
        for name in ["validate", "probe"] {
            #expect(text[tools.upperBound..<instructors.lowerBound].contains("  \(name) "), "\(name)")
        }
        for name in ["lab check", "lab new", "grade"] {
            #expect(text[instructors.upperBound...].contains("  \(name) "), "\(name)")
        }
        #expect(runCLI([]).stdout == text)
        #expect(runCLI(["help"]).stdout == text)
        #expect(runCLI(["-h"]).stdout == text)
    }

    @Test func helpInKorean() {
        let run = runCLI(["--help", "--lang", "ko"])
        #expect(run.stdout.contains("학습:"))
        #expect(run.stdout.contains("토폴로지 파일을 검사하고"))
        var environment = testEnvironment
        environment["INFRALAB_LANG"] = "ko"
        #expect(runCLI(["--help"], environment: environment).stdout.contains("도구:"))
        #expect(runCLI(["--help", "--lang=en"], environment: environment).stdout.contains("Tools:"))
    }

    @Test func commandHelpShowsUsageOptionsAndExamples() {
        let byFlag = runCLI(["probe", "--help"])
        let byCommand = runCLI(["help", "probe"])
        let byShort = runCLI(["-h", "probe"])
        #expect(byFlag.status == 0)
        #expect(byFlag.stdout == byCommand.stdout)
        #expect(byFlag.stdout == byShort.stdout)
        for piece in ["Usage: infralab probe [FILE] --from A --to B --port N", "--incident KIND:NAME", "(repeatable)",
                      "--protocol tcp|udp|icmp", "Examples:", "--color", "-h, --help"] {
            #expect(byFlag.stdout.contains(piece), "\(piece)")
        }
        let lab = runCLI(["help", "lab", "check"])
        #expect(lab.status == 0)
        #expect(lab.stdout.hasPrefix("infralab lab check — "))
        #expect(runCLI(["lab", "new", "--help"]).stdout.hasPrefix("infralab lab new — "))
    }

    @Test func helpStillWorksOnALineWithAMistake() {
        let run = runCLI(["probe", "--prot", "x", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("infralab probe — "))
    }

    @Test func unknownCommandSuggestsAndExits64() {
        let run = runCLI(["nxt"])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("error: unknown command `nxt`"))
        #expect(run.stderr.contains("did you mean `next`?"))
        #expect(run.stderr.contains("Usage: infralab <command> [options]"))
        #expect(runCLI(["lab", "chek"]).stderr.contains("did you mean `lab check`?"))
        #expect(runCLI(["lab"]).status == 64)
        #expect(runCLI(["help", "nxt"]).status == 64)
        #expect(runCLI(["help", "nxt"]).stderr.contains("did you mean `next`?"))
    }

    @Test func unknownOptionPrintsTheCommandsUsage() {
        let run = runCLI(["validate", "--jsn"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown option `--jsn`"))
        #expect(run.stderr.contains("did you mean `--json`?"))
        #expect(run.stderr.contains("Usage: infralab validate [FILE] [options]"))
    }

    @Test func jsonOnlyWhereSupported() {
        let run = runCLI(["next", "--json"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown option `--json`"))
    }

    @Test func globalOptionsAnywhere() throws {
        try withTemporaryDirectory { directory in
            try directory.write("", to: "topology.yaml")
            for words in [["--lang", "ko", "validate"], ["validate", "--lang", "ko"], ["validate", "--lang=ko", "topology.yaml"],
                          ["--color", "never", "--lang", "ko", "validate", "topology.yaml"]] {
                let run = runCLI(words, workingDirectory: directory.url)
                #expect(run.status == 0, "\(words)")
                #expect(run.stdout.contains("문제 없음"), "\(words)")
            }
        }
        #expect(runCLI(["--color", "sometimes", "validate"]).status == 64)
        #expect(runCLI(["--color", "sometimes"]).status == 64)
        #expect(runCLI(["--lang", "fr", "--help"]).status == 0)
    }

    @Test func aliases() {
        #expect(runCLI(["ls"]).stderr == runCLI(["list"]).stderr)
    }

    @Test("learning commands outside a workspace say how to start one",
          arguments: ["check", "hint", "status", "list", "reset", "solution", "goto bastion", "watch"])
    func outsideWorkspace(_ line: String) {
        let words = line.split(separator: " ").map(String.init)
        let english = runCLI(words)
        #expect(english.status == 1, "\(line)")
        #expect(english.stdout.isEmpty)
        #expect(english.stderr.contains("infralab init"), "\(english.stderr)")
        #expect(runCLI(words + ["--lang", "ko"]).stderr.contains("작업 공간"))
    }

    @Test func everyCommandHasHelpInBothLanguages() {
        for command in CommandRegistry.standard.commands {
            #expect(command.summary.ko != nil && command.summary.ko != command.summary.en, "\(command.name)")
            for option in command.options {
                #expect(option.help.ko != nil, "\(command.name) --\(option.name)")
            }
            let help = runCLI(command.name.split(separator: " ").map(String.init) + ["--help"])
            #expect(help.status == 0, "\(command.name)")
        }
    }

    @Test func commandNamesAndAliasesAreUnique() {
        let words = CommandRegistry.standard.commands.flatMap { [$0.name] + $0.aliases }
        #expect(Set(words).count == words.count)
    }
}
