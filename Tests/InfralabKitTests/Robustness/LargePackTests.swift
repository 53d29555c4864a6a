import Foundation
@testable import InfralabSyntax
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI
import InfralabTestSupport
import Testing

/// `lab check` on a pack far larger than any author writes (Tests/Robustness/large_pack.py
/// makes the 100,000-step one; its time is measured there, not here): each problem is
/// said once, located, and the screen shows the first ones and how many more there are.
@Suite struct LargePackTests {
    /// A mission of `count` steps, each `carry: all`, none with a starter or solution on disk.
    func pack(steps count: Int) throws -> URL {
        let root = freshWorkingDirectory()
        let folder = root.appendingPathComponent("Labs/01-large")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var text = "id: large\ntitle: { en: Large, ko: 큰 미션 }\nsummary: { en: Generated., ko: 만들었어요. }\nsteps:\n"
        for n in 0..<count {
            text += """
              - id: s\(n)
                title: { en: Step \(n), ko: \(n)단계 }
                story: { en: A story., ko: 이야기예요. }
                brief: { en: Do it., ko: 해요. }
            \(n > 0 ? "    carry: all\n" : "")    requirements:
                  - id: r\(n)
                    statement: { en: The WAS answers, ko: WAS가 응답해요 }
                    check:
                      reachable: { from: internet, to: role:was, port: 80 }
                    hints: [{ en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 }]

            """
        }
        try text.write(to: folder.appendingPathComponent("mission.yaml"), atomically: true, encoding: .utf8)
        return root
    }

    @Test("each step of a pack without files says its starter and its solution are missing, once each, located; the story check does not repeat it")
    func eachProblemOnce() throws {
        let root = try pack(steps: 60)
        let report = LabChecker.check(packDirectory: root.appendingPathComponent("Labs").path, includeMutants: false)
        let problems = try #require(report.missions.first).problems
        #expect(problems.count == 120, "two per step, not a third for the step before's missing reference: \(problems.suffix(3).map(\.message.en))")
        #expect(problems.allSatisfy { $0.location?.file.hasSuffix("mission.yaml") == true && ($0.location?.line ?? 0) > 0 },
                "every problem points at mission.yaml:line:column")
        #expect(Dictionary(grouping: problems, by: { $0.stepID ?? "" }).values.allSatisfy { $0.count == 2 })
    }

    @Test("the screen shows the first 50 problems of a mission and how many more there are; --json lists every one")
    func screenCapped() throws {
        let root = try pack(steps: 60)
        let run = runCLI(["lab", "check", "--no-mutants", "Labs"], workingDirectory: root)
        #expect(run.status == 1)
        #expect(run.stdout.components(separatedBy: "error: [").count - 1 == DiagnosticRenderer.shownLimit, "\(run.stdout.suffix(400))")
        #expect(run.stdout.contains("… and 70 more not shown (`--json` lists every one)"))
        let json = runCLI(["lab", "check", "--no-mutants", "--json", "Labs"], workingDirectory: root)
        #expect(json.stdout.components(separatedBy: "\"severity\"").count - 1 == 120, "the JSON report is not capped")
    }
}
