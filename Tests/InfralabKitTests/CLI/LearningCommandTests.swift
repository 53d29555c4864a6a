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

/// The learning and instructor commands, in process, each in a fresh folder.
@Suite struct LearningCommandTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path
    static let pack = LabPack.load(directory: labs)

    func workspace() -> URL {
        let directory = freshWorkingDirectory()
        let run = runCLI(["init", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        return directory
    }

    func write(_ text: String, _ directory: URL, _ name: String = "topology.yaml") throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test("a damaged progress file: a located error, a way out, and the way out works")
    func damagedProgress() throws {
        let directory = workspace()
        try write("version: 1\nmission: home-server\nstep: [oops\n", directory, ".infralab/progress.yaml")
        let broken = runCLI(["next"], workingDirectory: directory)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains(".infralab/progress.yaml:3:"), "\(broken.stderr)")
        #expect(broken.stderr.contains("infralab reset --progress"))
        let repaired = runCLI(["reset", "--progress", "--labs", Self.labs], workingDirectory: directory)
        #expect(repaired.status == 0, "\(repaired)")
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(".infralab/backups").path)
        #expect(backups.contains { $0.hasSuffix("-progress.yaml") }, "the damaged file is kept")
        #expect(runCLI(["check"], workingDirectory: directory).status == 1, "grading works again")
    }

    @Test("a topology with a load error fails check and next (errors first, exit 1), though its requirements pass")
    func loadErrorsFail() throws {
        let directory = workspace()
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("Solutions/01-home-server/expose.yaml"), encoding: .utf8)
        try write(solution, directory)
        #expect(runCLI(["check"], workingDirectory: directory).status == 0, "the reference passes")
        // An unknown key: the file no longer says what the learner meant.
        try write(solution.replacingOccurrences(of: "    kind: personal-computer", with: "    kind: personal-computer\n    colour: blue"), directory)
        let check = runCLI(["check", "--lang", "en"], workingDirectory: directory)
        #expect(check.status == 1, "\(check)")
        #expect(check.stdout.contains("unknown key `colour`"), "\(check.stdout)")
        #expect(check.stdout.contains("fix it first"), "\(check.stdout)")
        let next = runCLI(["next", "--lang", "en"], workingDirectory: directory)
        #expect(next.status == 1, "\(next)")
    }

    @Test("show draws a VPC's subnets as public or private, with resolved addresses")
    func show() throws {
        let file = packageRoot.appendingPathComponent("Solutions/06-nat/nat-per-az.yaml").path
        let run = runCLI(["show", file])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("ap-northeast-2a") })
        #expect(lines.contains { $0.contains("public-a") && $0.contains("· public ·") })
        #expect(lines.contains { $0.contains("private-a") && $0.contains("· private ·") })
        #expect(lines.contains { $0.contains("bastion") && $0.contains("EIP") })
        #expect(lines.contains { $0.contains("↳ was  :80 → :8080") })
        #expect(runCLI(["show", "missing.yaml"]).status == 66)
    }

    @Test("every help screen fits 80 columns, in both languages")
    func helpFits() {
        for language in ["en", "ko"] {
            var screens = [runCLI(["--help", "--lang", language])]
            for command in CommandRegistry.standard.commands {
                screens.append(runCLI(["help"] + command.name.split(separator: " ").map(String.init) + ["--lang", language]))
            }
            for screen in screens {
                for line in screen.stdout.split(separator: "\n") {
                    #expect(displayWidth(of: String(line)) <= 80, "\(language): “\(line)”")
                }
            }
        }
    }

    @Test("story shows the current chapter again, in either language")
    func story() throws {
        let directory = workspace()
        let step = Self.pack.missions[0].steps[0]
        let english = runCLI(["story"], workingDirectory: directory)
        #expect(english.status == 0)
        #expect(english.stdout.contains(step.title.en))
        #expect(english.stdout.contains(String(step.story.en.prefix(20))))
        let korean = runCLI(["story", "--lang", "ko"], workingDirectory: directory)
        #expect(korean.stdout.contains(try #require(step.title.ko)))
    }

    @Test("the solution is refused before the step is passed, and shown with --yes")
    func solutionGuard() throws {
        let directory = workspace()
        let refused = runCLI(["solution"], workingDirectory: directory)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--yes"))
        let shown = runCLI(["solution", "--yes"], workingDirectory: directory)
        #expect(shown.status == 0)
        let solution = try String(contentsOfFile: Self.pack.missions[0].steps[0].solutionPath, encoding: .utf8)
        #expect(shown.stdout == YAMLListing.fitted(BilingualComments.keeping(.en, in: solution), toWidth: 80), "the solution, its comments in English, fitted to 80 columns")
        let korean = runCLI(["solution", "--yes", "--lang", "ko"], workingDirectory: directory)
        #expect(korean.stdout == YAMLListing.fitted(BilingualComments.keeping(.ko, in: solution), toWidth: 80), "the solution, its comments in Korean, fitted to 80 columns")
    }

    @Test("goto another mission brings its starter and keeps the learner's file")
    func gotoMission() throws {
        let directory = workspace()
        try write("# my own work\nsites: {}\n", directory)
        let run = runCLI(["goto", "4.2"], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        let bastion = try #require(Self.pack.mission(withID: "bastion"))
        #expect(run.stdout.contains(bastion.steps[1].title.en))
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(".infralab/backups").path)
        let kept = try String(contentsOf: directory.appendingPathComponent(".infralab/backups/\(try #require(backups.first))"), encoding: .utf8)
        #expect(kept == "# my own work\nsites: {}\n")
        #expect(runCLI(["goto", "99"], workingDirectory: directory).status == 1)
    }

    @Test("check --json names every requirement and why it fails")
    func checkJSON() throws {
        let directory = workspace()
        let run = runCLI(["check", "--json"], workingDirectory: directory)
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["mission"] as? String == "home-server")
        #expect(object["passed"] as? Bool == false)
        let requirements = try #require(object["requirements"] as? [[String: Any]])
        let failing = try #require(requirements.first { $0["passed"] as? Bool == false })
        let findings = try #require(failing["findings"] as? [[String: Any]])
        #expect((findings.first?["location"] as? [String: Any])?["line"] as? Int != nil)
        // The one JSON writer indents by two spaces from the first member on.
        #expect(run.stdout.hasPrefix("{\n  \"mission\": "), "\(run.stdout.prefix(40))")
    }

    @Test("watch grades once per save; --count ends it")
    func watchOnce() throws {
        let directory = workspace()
        let run = runCLI(["watch", "--count", "1", "--interval", "0.05"], workingDirectory: directory)
        #expect(run.status == 1, "the starter fails")
        #expect(run.stdout.contains("Watching"))
        #expect(run.stdout.contains("✗"))
        #expect(runCLI(["watch", "--interval", "0"], workingDirectory: directory).status == 64)
    }

    @Test("grade: a class's files in text, JSON, JUnit and Gradescope forms")
    func batchGrading() throws {
        let directory = freshWorkingDirectory()
        let step = Self.pack.missions[0].steps[0]
        try write(try String(contentsOfFile: step.solutionPath, encoding: .utf8), directory, "alice.yaml")
        let starter = URL(fileURLWithPath: Self.pack.missions[0].directory).appendingPathComponent(step.starterPath)
        try write(try String(contentsOf: starter, encoding: .utf8), directory, "bob.yaml")
        let common = ["grade", "alice.yaml", "bob.yaml", "--step", "1.1", "--labs", Self.labs]
        let text = runCLI(common, workingDirectory: directory)
        #expect(text.status == 0, "\(text)")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("✓ ") && $0.contains("alice.yaml") }, "\(text.stdout)")
        #expect(lines.contains { $0.hasPrefix("✗ ") && $0.contains("bob.yaml") })
        #expect(text.stdout.contains("1 of 2 submissions pass"))
        let junit = runCLI(common + ["--format", "junit"], workingDirectory: directory)
        #expect(junit.stdout.hasPrefix("<?xml") && junit.stdout.contains("<failure message="))
        let gradescope = try JSONSerialization.jsonObject(with: Data(runCLI(common + ["--format", "gradescope"], workingDirectory: directory).stdout.utf8)) as? [[String: Any]]
        #expect(gradescope?.map { $0["score"] as? Int } == [1, 0], "one results.json per submission, in order")
        let json = try JSONSerialization.jsonObject(with: Data(runCLI(common + ["--json"], workingDirectory: directory).stdout.utf8)) as? [String: Any]
        #expect((json?["submissions"] as? [[String: Any]])?.map { $0["passed"] as? Bool } == [true, false])
        #expect(runCLI(["grade", "missing.yaml", "--step", "1.1", "--labs", Self.labs], workingDirectory: directory).status == 66)
        #expect(runCLI(["grade", "alice.yaml"], workingDirectory: directory).status == 64, "--step is required")
    }

    @Test("inside an infralab checkout, the workspace is workspace/, never the sources")
    func checkoutWorkspace() throws {
        let checkout = freshWorkingDirectory()
        for folder in ["Sources/infralab", "Labs"] {
            try FileManager.default.createDirectory(at: checkout.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try write("// swift-tools-version:6.0\n", checkout, "Package.swift")
        #expect(Workspace.defaultRoot(for: checkout.path) == checkout.appendingPathComponent("workspace").path)
        let run = runCLI(["next", "--labs", Self.labs], workingDirectory: checkout)
        #expect(run.status == 0, "\(run)")
        #expect(FileManager.default.fileExists(atPath: checkout.appendingPathComponent("workspace/topology.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: checkout.appendingPathComponent("topology.yaml").path))
        #expect(runCLI(["status"], workingDirectory: checkout).status == 0, "commands find workspace/ from the checkout")
    }
}
