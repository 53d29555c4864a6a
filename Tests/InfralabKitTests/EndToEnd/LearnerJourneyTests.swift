import Foundation
import InfralabTestSupport
import Testing
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

/// A learner's first mission, through the built binary, as the issue describes it:
/// init → next (fails, brief shown) → hint ×3 → the solution copied in → next (passes,
/// next chapter) → status → reset keeps a backup.
@Suite(.tags(.endToEnd)) struct LearnerJourneyTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    @Test("a whole first step through the binary, with the built-in missions found beside it")
    func firstStep() throws {
        let mission = try #require(Self.pack.missions.first)
        let first = mission.steps[0], second = mission.steps[1]
        try withTemporaryDirectory { dir in
            let initRun = try InfralabBinary.run(["init"], workingDirectory: dir.url)
            #expect(initRun.status == 0, "\(initRun)")
            #expect(initRun.stdout.contains(first.title.en))
            #expect(initRun.stdout.contains(String(first.story.en.prefix(30))), "chapter one's story is shown")
            let starter = read(URL(fileURLWithPath: mission.directory).appendingPathComponent(first.starterPath))
            let modeline = "# yaml-language-server: $schema=.infralab/topology.schema.json\n"
            #expect(dir.read("topology.yaml") == modeline + BilingualComments.keeping(.en, in: starter),
                    "the starter, its comments in English, is the learner's file, pointing editors at the schema")
            #expect(dir.read(".infralab/topology.schema.json") == JSONSchema.topology.rendered() + "\n", "a local copy, for offline editors")

            let failing = try InfralabBinary.run(["next"], workingDirectory: dir.url)
            #expect(failing.status == 1, "the starter fails the step")
            #expect(failing.stdout.contains("Your task"))
            #expect(failing.stdout.contains("✗"))
            #expect(failing.stdout.contains("--> topology.yaml:"), "the failure points at a line of the learner's file")

            var hints: [String] = []
            for level in 1...3 {
                let hint = try InfralabBinary.run(["hint"], workingDirectory: dir.url)
                #expect(hint.status == 0)
                #expect(hint.stdout.contains("Hint \(level)/3"), "\(hint)")
                hints.append(hint.stdout)
            }
            #expect(Set(hints).count == 3, "each hint level says something new")
            #expect(dir.read(".infralab/progress.yaml")?.contains(": 3") == true, "hint use is recorded")

            let solution = read(URL(fileURLWithPath: first.solutionPath))
            _ = try dir.write(solution, to: "topology.yaml")
            let passing = try InfralabBinary.run(["next"], workingDirectory: dir.url)
            #expect(passing.status == 0, "\(passing)")
            #expect(passing.stdout.contains("Step passed"))
            #expect(passing.stdout.contains(second.title.en), "the next chapter is shown")

            let status = try InfralabBinary.run(["status"], workingDirectory: dir.url)
            #expect(status.stdout.contains("1/\(Self.pack.allSteps.count) steps"), "\(status)")

            let reset = try InfralabBinary.run(["reset"], workingDirectory: dir.url)
            #expect(reset.status == 0)
            let backups = dir.listing().filter { $0.hasPrefix(".infralab/backups/") }
            #expect(backups.count == 1)
            #expect(backups.first.flatMap { dir.read($0) } == solution, "the learner's file is kept as a backup")
            let secondStarter = read(URL(fileURLWithPath: mission.directory).appendingPathComponent(second.starterPath))
            #expect(dir.read("topology.yaml") == modeline + BilingualComments.keeping(.en, in: secondStarter))
        }
    }

    @Test("every screen fits 80 columns, with and without colour, in both languages")
    func screensFit() throws {
        try withTemporaryDirectory { dir in
            for (language, color) in [("en", "never"), ("ko", "never"), ("en", "always"), ("ko", "always")] {
                for command in [["init"], ["next"], ["hint"], ["status"], ["list"]] {
                    let run = try InfralabBinary.run(command + ["--lang", language, "--color", color], workingDirectory: dir.url)
                    for line in (run.stdout + run.stderr).split(separator: "\n") {
                        #expect(displayWidth(of: String(line)) <= 80, "\(command) \(language): “\(line)”")
                    }
                    if color == "never" { #expect(!run.stdout.contains("\u{1B}["), "no escape codes with --color never") }
                }
            }
        }
    }

    @Test("NO_COLOR and a pipe both mean plain text")
    func plainWhenPiped() throws {
        try withTemporaryDirectory { dir in
            var environment = testEnvironment
            environment["NO_COLOR"] = "1"
            let run = try InfralabBinary.run(["next"], environment: environment, workingDirectory: dir.url)
            #expect(!run.stdout.contains("\u{1B}["))
            let piped = try InfralabBinary.run(["next"], workingDirectory: dir.url)
            #expect(!piped.stdout.contains("\u{1B}["), "stdout is a file here, not a terminal")
        }
    }
}

/// Errors and warnings are learner screens too: a broken file through `check`, `next`,
/// `validate` and `probe`, at 80 columns, NO_COLOR, piped, in both languages.
@Suite(.tags(.endToEnd)) struct ErrorScreenTests {
    /// Mission 4's first reference, broken: an unknown section, a list where one region
    /// belongs, a bad CIDR, the bastion renamed with 200 characters, and host bits in the
    /// VPC's CIDR (a warning).
    static var broken: String {
        let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)
        let step = pack.missions.first { $0.folder == "04-bastion" }!.steps[0]
        var text = (try? String(contentsOfFile: step.solutionPath, encoding: .utf8)) ?? ""
        text = text.replacingOccurrences(of: "cidr: 10.0.0.0/16", with: "cidr: 10.0.0.7/16")
        text = text.replacingOccurrences(of: "cidr: 10.0.2.0/24", with: "cidr: 10.0.300.0/33")
        text = text.replacingOccurrences(of: "region: ap-northeast-2\n", with: "region: [ap-northeast-2]\n")
        text = text.replacingOccurrences(of: "bastion", with: "web-\(String(repeating: "a", count: 196))")
        return text + "\nsecurity-group:\n  web: {}\n"
    }

    @Test("errors and warnings fit 80 columns, plain, with particles chosen, code spans whole and Korean but for code", arguments: ["en", "ko"])
    func errorScreensFit(_ language: String) throws {
        var environment = testEnvironment
        environment["NO_COLOR"] = "1"
        let directory = freshWorkingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = runCLI(["init", "--labs", packageRoot.appendingPathComponent("Labs").path], environment: environment, workingDirectory: directory)
        #expect(runCLI(["goto", "4.1"], environment: environment, workingDirectory: directory).status == 0)
        try Self.broken.write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        let commands = [["check"], ["next"], ["validate", "topology.yaml"], ["probe", "topology.yaml", "--from", "admin", "--to", "db", "--port", "22"]]
        for command in commands {
            let run = runCLI(command + ["--lang", language], environment: environment, workingDirectory: directory)
            let screen = (run.stdout + run.stderr).replacingOccurrences(of: directory.path + "/", with: "")
            #expect(run.status == 1, "\(command): errors fail")
            #expect(screen.contains(language == "en" ? "error:" : "오류:"), "\(command) shows its errors:\n\(screen)")
            #expect(!screen.contains("\u{1B}["), "\(command): no escape codes")
            var audit = ScreenAudit(width: 80)
            audit.inspect(screen, screen: "\(command) (\(language))", korean: language == "ko", names: ScreenAuditTests.names(in: Self.broken))
            #expect(audit.findings.isEmpty, "\(audit.findings.map(\.description).joined(separator: "\n"))")
        }
        let validate = runCLI(["validate", "topology.yaml", "--lang", language], environment: environment, workingDirectory: directory)
        #expect(validate.stdout.contains(language == "en" ? "warning:" : "경고:"), "the host-bits warning is shown:\n\(validate.stdout)")
        #expect(["[topology.unknown-key]", "[topology.wrong-kind]", "[topology.invalid-cidr]"].allSatisfy(validate.stdout.contains), "\(validate.stdout)")
    }
}

/// The whole curriculum, in process: every step starts from its starter, fails, takes the
/// reference solution, passes, and the story moves on to the end.
@Suite struct CurriculumPlaythroughTests {
    @Test("every mission can be played from the first step to the last, the six storyline missions first")
    func playThrough() throws {
        let labs = packageRoot.appendingPathComponent("Labs").path
        let pack = LabPack.load(directory: labs)
        #expect(pack.missions.map(\.folder) == ["01-home-server", "02-datacenter", "03-vpc-split", "04-bastion", "05-reverse-proxy", "06-nat", "07-both-zones", "08-name-and-lock", "09-stateless-doors", "10-data-tier", "11-debug-this-vpc"])
        let directory = freshWorkingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = runCLI(["init", "--labs", labs], workingDirectory: directory)
        #expect(start.status == 0, "\(start)")
        for (mission, step) in pack.allSteps {
            let reset = runCLI(["reset"], workingDirectory: directory)
            #expect(reset.status == 0, "\(mission.id)/\(step.id): \(reset)")
            let before = runCLI(["check"], workingDirectory: directory)
            #expect(before.status == 1, "\(mission.id)/\(step.id): the starter should fail\n\(before.stdout)")
            let solution = try String(contentsOfFile: step.solutionPath, encoding: .utf8)
            try solution.write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
            let after = runCLI(["next"], workingDirectory: directory)
            #expect(after.status == 0, "\(mission.id)/\(step.id): the solution should pass\n\(after.stdout)")
        }
        let status = runCLI(["status"], workingDirectory: directory)
        #expect(status.stdout.contains("\(pack.allSteps.count)/\(pack.allSteps.count) steps"), "\(status)")
        #expect(status.stdout.contains("finished every mission"))
    }
}
