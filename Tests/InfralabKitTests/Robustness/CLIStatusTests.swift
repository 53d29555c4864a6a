import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI
import InfralabTestSupport
import Testing

/// Exit statuses as `Docs/cli.md` says, and the newcomer's papercuts.
@Suite struct CLIStatusTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path

    func workspace() -> URL {
        let directory = freshWorkingDirectory()
        let run = runCLI(["init", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        return directory
    }

    @Test("watch: --count and --interval must be numbers in range (usage error 64, before any file is touched)",
          arguments: [["--count", "abc"], ["--count", "99999999999999999999"], ["--count", "0"], ["--interval", "abc"],
                      ["--interval", "1e-9"], ["--interval", "nan"], ["--interval", "inf"], ["--interval", "61"]])
    func watchArguments(_ arguments: [String]) {
        let run = runCLI(["watch"] + arguments, workingDirectory: freshWorkingDirectory())
        #expect(run.status == 64, "\(arguments): \(run)")
        #expect(run.stderr.contains(arguments[0]))
    }

    @Test("watch --count 1 grades once, failing requirements first")
    func watchOnce() {
        let directory = workspace()
        let run = runCLI(["watch", "--count", "1", "--poll", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 1, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let marks = lines.filter { $0.hasPrefix("  ✓ ") || $0.hasPrefix("  ✗ ") }
        #expect(!marks.isEmpty)
        #expect(marks == marks.filter { $0.hasPrefix("  ✗ ") } + marks.filter { $0.hasPrefix("  ✓ ") }, "\(marks)")
    }

    @Test("watch re-grades on the save itself (inotify), says so, within a fraction of a second")
    func watchOnSave() throws {
        let directory = workspace()
        let binary = try InfralabBinary.url()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["watch", "--count", "2", "--interval", "30", "--labs", Self.labs]
        process.currentDirectoryURL = directory
        process.environment = testEnvironment
        let output = directory.appendingPathComponent("watch.out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        func text() -> String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
        var waited = 0.0
        while !text().contains("Stuck?") && !text().contains("passes"), waited < 20 { Thread.sleep(forTimeInterval: 0.05); waited += 0.05 }
        let file = directory.appendingPathComponent("topology.yaml")
        let saved = Date()
        try (try String(contentsOf: file, encoding: .utf8) + "\n# saved\n").write(to: file, atomically: true, encoding: .utf8)
        process.waitUntilExit()
        let latency = Date().timeIntervalSince(saved)
        #expect(text().contains("graded again"), "\(text())")
        // --interval 30: only a file event can explain a re-grade this fast.
        #expect(latency < 10, "re-graded after \(latency) s")
    }

    @Test("a non-UTF-8 submission is an error (66), not graded as an empty file")
    func gradeNonUTF8() throws {
        try withTemporaryDirectory { dir in
            try Data([0x73, 0x69, 0x74, 0x65, 0x73, 0x3A, 0xFF, 0xFE, 0x0A]).write(to: dir.url.appendingPathComponent("bad.yaml"))
            _ = try dir.write("sites: {}\n", to: "good.yaml")
            let run = runCLI(["grade", "bad.yaml", "good.yaml", "--step", "1.1", "--labs", Self.labs], workingDirectory: dir.url)
            #expect(run.status == 66, "\(run)")
            #expect(run.stderr.contains("bad.yaml is not UTF-8"), "\(run.stderr)")
            #expect(run.stdout.contains("good.yaml"))
        }
    }

    @Test("grade --format junit is well-formed XML when a submission holds control characters")
    func junitControlCharacters() throws {
        try withTemporaryDirectory { dir in
            _ = try dir.write("hosts:\n  \"pc\u{1}\u{1B}[2J\u{FFFE}\":\n    kind: personal-computer\n    site: home\n", to: "s1.yaml")
            let run = runCLI(["grade", "s1.yaml", "--step", "1.1", "--format", "junit", "--labs", Self.labs], workingDirectory: dir.url)
            #expect(run.status == 0, "\(run)")
            let document = try XMLDocument(xmlString: run.stdout, options: [])
            #expect(document.rootElement()?.name == "testsuites")
        }
        let xml = BatchReports.xml("a\u{1}b\u{FFFF}c&<")
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0xFFFF })
        #expect(xml.contains("&amp;&lt;"))
    }

    @Test("--labs naming a folder that does not exist is a missing input (66) that names the folder, for every command that reads the pack",
          arguments: [["status"], ["check"], ["hint"], ["story"], ["list"], ["solution"], ["lab", "check", "no-such-labs"],
                      ["grade", "topology.yaml", "--step", "1.1"]])
    func missingLabsFolder(_ command: [String]) {
        // Found by infralab-fuzz (cli): exit 1 with an `error:` that has no file:line:column.
        let directory = workspace()
        let run = runCLI(command + ["--labs", "no-such-labs"], workingDirectory: directory)
        #expect(run.status == 66, "\(command): \(run)")
        #expect(run.stderr.contains("no-such-labs") || run.stdout.contains("no-such-labs"), "\(command): \(run)")
    }

    @Test("check - grades the topology on standard input, not a file named `-`")
    func checkStandardInput() throws {
        // Found by infralab-fuzz (cli): `check -` read standard input, then graded `./-`
        // (no such file: exit 1 with [file.unreadable]).
        let directory = workspace()
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("Solutions/01-home-server/expose.yaml"), encoding: .utf8)
        let passing = runCLI(["check", "-", "--labs", Self.labs], workingDirectory: directory, stdin: solution)
        #expect(passing.status == 0, "the reference on standard input passes 1.1: \(passing)")
        let broken = runCLI(["check", "-", "--labs", Self.labs], workingDirectory: directory, stdin: "hosts: [\n")
        #expect(broken.status == 1 && broken.stdout.contains("--> <stdin>:1:8"), "errors are located in <stdin>: \(broken)")
        #expect(!broken.stderr.contains("file.unreadable"), "\(broken)")
    }

    @Test("cost with no region written and no price table for the default one is a missing input (66) naming where it looked")
    func costWithoutPriceTable() throws {
        // Found by infralab-fuzz (cli): `cost --labs bastion` said so in an `error:` without a place, exit 1.
        let directory = workspace()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty-labs"), withIntermediateDirectories: true)
        try "sites:\n  home: { kind: home, public-ip: 198.51.100.7 }\n".write(to: directory.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        let run = runCLI(["cost", "t.yaml", "--labs", "empty-labs"], workingDirectory: directory)
        #expect(run.status == 66, "\(run)")
        #expect(run.stderr.contains("empty-labs/pricing/ap-northeast-2.yaml"), "\(run)")
    }

    @Test("probe defaults FILE to the workspace's topology.yaml")
    func probeDefaultFile() {
        let directory = workspace()
        let run = runCLI(["probe", "--from", "internet", "--to", "my-pc", "--port", "80"], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("my-pc"))
    }

    @Test("probe reports every unknown --from/--to/--through name with \"did you mean\", exit 1")
    func probeUnknownNames() {
        let directory = workspace()
        let run = runCLI(["probe", "--from", "internt", "--to", "my-pcc", "--port", "80"], workingDirectory: directory)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("`internt`") && run.stderr.contains("did you mean `internet`?"), "\(run.stderr)")
        #expect(run.stderr.contains("`my-pcc`") && run.stderr.contains("did you mean `my-pc`?"), "\(run.stderr)")
        #expect(!run.stdout.contains("UNREACHABLE"))
    }

    @Test("solution STEP shows any passed step's reference; an unpassed one needs --yes")
    func solutionOfPassedStep() throws {
        let directory = workspace()
        let pack = LabPack.load(directory: Self.labs)
        let first = pack.missions[0].steps[0], second = pack.missions[0].steps[1]
        try String(contentsOfFile: first.solutionPath, encoding: .utf8).write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        #expect(runCLI(["next", "--labs", Self.labs], workingDirectory: directory).status == 0)
        try String(contentsOfFile: second.solutionPath, encoding: .utf8).write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        #expect(runCLI(["next", "--labs", Self.labs], workingDirectory: directory).status == 0)
        let shown = runCLI(["solution", "1.1", "--labs", Self.labs], workingDirectory: directory)
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout == YAMLListing.fitted(BilingualComments.keeping(.en, in: try String(contentsOfFile: first.solutionPath, encoding: .utf8)), toWidth: 80))
        #expect(runCLI(["solution", "3.1", "--labs", Self.labs], workingDirectory: directory).status == 1)
        #expect(runCLI(["solution", "nowhere", "--labs", Self.labs], workingDirectory: directory).status == 1)
    }

    @Test("the last mission finished with earlier ones skipped says what is left, not \"every mission\"")
    func finishWithSkipped() {
        let pack = LabPack.load(directory: Self.labs)
        var progress = Progress(labs: nil, missionID: pack.missions.last!.id, stepID: pack.missions.last!.steps.last!.id, isFinished: true)
        for mission in pack.missions.dropFirst(3) { for step in mission.steps { progress.recordPass(mission.id, step.id) } }
        let screen = LearnerScreens(colorize: false, language: .en, width: 80) { _ in nil }.status(pack: pack, progress: progress)
        #expect(!screen.contains("finished every mission"))
        #expect(screen.contains("not passed yet") && screen.contains("`infralab goto 1`"), "\(screen)")
        for mission in pack.missions.prefix(3) { for step in mission.steps { progress.recordPass(mission.id, step.id) } }
        #expect(LearnerScreens(colorize: false, language: .en, width: 80) { _ in nil }.status(pack: pack, progress: progress).contains("finished every mission"))
    }

    @Test("3,333 errors on one 100 KB line print a bounded output, quickly")
    func errorFlood() throws {
        try withTemporaryDirectory { dir in
            let rules = (0..<3333).map { "{ protocol: tcp, port: \($0 % 60000 + 1) }" }.joined(separator: ", ")
            _ = try dir.write("vpcs:\n  main:\n    cidr: 10.0.0.0/16\nsecurity-groups:\n  web:\n    vpc: main\n    inbound: [\(rules)]\n", to: "flood.yaml")
            let start = Date()
            let run = runCLI(["validate", "flood.yaml"], workingDirectory: dir.url)
            #expect(Date().timeIntervalSince(start) < 30)
            #expect(run.status == 1)
            #expect(run.stdout.utf8.count < 40_000, "\(run.stdout.utf8.count) bytes")
            #expect(run.stdout.contains("3283 more not shown"))
            #expect(run.stdout.contains("3333 errors"))
            #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count < 200 })
        }
    }
}

