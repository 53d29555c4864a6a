import Foundation
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI
import InfralabTestSupport
import Testing

/// Mission packs are data: confined to their folder, unable to drive the terminal or
/// crash a learner's session.
@Suite struct HostilePackTests {
    /// A fresh one-mission pack (`lab new demo`); returns the folder holding `Labs/`.
    func scaffold() -> URL {
        let root = freshWorkingDirectory()
        let run = runCLI(["lab", "new", "demo"], workingDirectory: root)
        #expect(run.status == 0, "\(run)")
        return root
    }

    func edit(_ root: URL, _ path: String = "Labs/01-demo/mission.yaml", _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    func labs(_ root: URL) -> String { root.appendingPathComponent("Labs").path }

    @Test("a starter written as ../../../etc/passwd is refused at its line and column, and never copied")
    func starterEscapes() throws {
        let root = scaffold()
        try edit(root) { $0.replacingOccurrences(of: "  - id: first-step\n", with: "  - id: first-step\n    starter: ../../../../../../../../etc/passwd\n") }
        let report = LabChecker.check(packDirectory: labs(root))
        #expect(!report.isSound)
        let escape = try #require(report.packDiagnostics.first { $0.code == "mission.path-escapes" })
        #expect(escape.location?.line == 13)
        #expect(escape.location?.column == 14)
        let checked = runCLI(["lab", "check", labs(root)], workingDirectory: root)
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("mission.yaml:13:14"), "\(checked.stdout)")
        // A learner's session never runs the mission, so nothing is copied.
        let learner = freshWorkingDirectory()
        let run = runCLI(["init", "--labs", labs(root)], workingDirectory: learner)
        #expect(run.status != 0)
        #expect(!((try? String(contentsOf: learner.appendingPathComponent("topology.yaml"), encoding: .utf8)) ?? "").contains("root:"))
    }

    @Test("an absolute solution path is refused with its place")
    func absoluteSolution() throws {
        let root = scaffold()
        try edit(root) { $0.replacingOccurrences(of: "  - id: first-step\n", with: "  - id: first-step\n    solution: /etc/hostname\n") }
        let report = LabChecker.check(packDirectory: labs(root))
        let diagnostic = try #require(report.packDiagnostics.first { $0.code == "mission.path-absolute" })
        #expect(diagnostic.location?.line == 13)
        #expect(diagnostic.location?.column == 15)
        #expect(report.packDiagnostics.contains { $0.code == "mission.path-escapes" })
    }

    @Test("a starter that is a symbolic link (to a private key) is refused, and `solution` never prints a linked file")
    func symlinkedStarter() throws {
        let root = scaffold()
        let secret = freshWorkingDirectory().appendingPathComponent("id_rsa")
        try "-----BEGIN OPENSSH PRIVATE KEY-----\n".write(to: secret, atomically: true, encoding: .utf8)
        let starter = root.appendingPathComponent("Labs/01-demo/starters/first-step.yaml")
        try FileManager.default.removeItem(at: starter)
        try FileManager.default.createSymbolicLink(atPath: starter.path, withDestinationPath: secret.path)
        let report = LabChecker.check(packDirectory: labs(root))
        #expect(!report.isSound)
        let link = try #require(report.packDiagnostics.first { $0.code == "lab.symlink" })
        #expect(link.location?.line == 12, "pointing at the step (the starter was defaulted)")
        #expect(report.missions.first?.loaded == false)
        // The confined reader refuses the link even when asked directly.
        #expect(LabPack.readConfined(starter.path, roots: [labs(root)]) == nil)
        #expect(LabPack.readConfined(root.appendingPathComponent("Solutions/01-demo/first-step.yaml").path,
                                     roots: [root.appendingPathComponent("Solutions").path]) != nil)
    }

    @Test("`steps: []` is an unsound mission, not a crash of `next` (it used to exit 132)")
    func emptySteps() throws {
        let root = scaffold()
        try edit(root) { text in
            let start = text.range(of: "steps:\n")!.lowerBound
            return String(text[..<start]) + "steps: []\n"
        }
        let report = LabChecker.check(packDirectory: labs(root))
        #expect(!report.isSound)
        #expect(report.packDiagnostics.contains { $0.code == "mission.no-steps" && $0.location?.line == 11 })
        let learner = freshWorkingDirectory()
        let next = try InfralabBinary.run(["next", "--labs", labs(root)], workingDirectory: learner)
        #expect(next.status == 1, "\(next)")
        #expect(next.stderr.contains("no-steps") || next.stderr.contains("has no steps"), "\(next)")
    }

    @Test("a pack with no loadable mission, and `goto`/`reset --progress` on it, exit cleanly")
    func noMissions() throws {
        let root = scaffold()
        try edit(root) { $0.replacingOccurrences(of: "id: demo", with: "id: [demo") }
        let learner = freshWorkingDirectory()
        let next = try InfralabBinary.run(["next", "--labs", labs(root)], workingDirectory: learner)
        #expect(next.status == 1, "\(next)")
        let json = runCLI(["lab", "check", labs(root), "--json"], workingDirectory: root)
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"loaded\" : false") || json.stdout.contains("\"loaded\": false"), "\(json.stdout)")
        #expect(json.stdout.contains("\"line\""), "the parse error is listed with its place: \(json.stdout)")
        let text = runCLI(["lab", "check", labs(root)], workingDirectory: root)
        #expect(text.stdout.contains("1 of 1 missions are unsound"), "\(text.stdout)")
    }

    @Test("story, title and hint text cannot drive the terminal, with colour on or off")
    func controlCharactersStripped() throws {
        let root = scaffold()
        let hostile = "Two\\e[2J\\e]0;pwned\\a\\e]52;c;cm0gLXJmIH4=\\a\\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\\\u009b31m\\u0085 done"
        try edit(root) { text in
            text.replacingOccurrences(of: "Two or three short paragraphs of story.", with: "x")
                .replacingOccurrences(of: "    story:\n      en: |\n        x\n", with: "    story:\n      en: \"\(hostile)\"\n")
                .replacingOccurrences(of: "title: { en: The first step,", with: "title: { en: \"First\\e[31m\\u0007 step\",")
        }
        #expect(LabChecker.check(packDirectory: labs(root), includeMutants: false).isSound)
        for color in ["always", "never"] {
            let learner = freshWorkingDirectory()
            let run = runCLI(["init", "--labs", labs(root), "--color", color], workingDirectory: learner)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("Two"))
            #expect(run.stdout.contains("done"))
            for forbidden in ["\u{1B}[2J", "\u{1B}]", "\u{07}", "\u{9B}", "\u{85}", "\u{1B}[31m\u{07}", "pwned"] {
                #expect(!run.stdout.contains(forbidden), "\(color): \(forbidden.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            if color == "never" { #expect(!run.stdout.contains("\u{1B}")) }
        }
    }
}
