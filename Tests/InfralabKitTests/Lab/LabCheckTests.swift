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

/// `lab check` on packs made by `lab new`, then broken one way each.
@Suite struct LabCheckTests {
    /// A fresh pack (`Labs/01-demo`, `Solutions/01-demo`) from the `lab new` template.
    func scaffold() throws -> URL {
        let root = freshWorkingDirectory()
        let run = runCLI(["lab", "new", "demo"], workingDirectory: root)
        #expect(run.status == 0, "\(run)")
        return root
    }

    func edit(_ root: URL, _ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    func problems(_ root: URL) -> [String] {
        LabChecker.check(packDirectory: root.appendingPathComponent("Labs").path).missions.flatMap(\.problems).map(\.message.en)
    }

    @Test("the shipped missions are sound: solutions pass, starters fail, variants as declared, every mutant caught or explained", .tags(.curriculum))
    func shippedPackIsSound() {
        let report = LabChecker.check(packDirectory: packageRoot.appendingPathComponent("Labs").path)
        #expect(report.packDiagnostics.isEmpty)
        #expect(report.missions.map(\.folder).prefix(6) == ["01-home-server", "02-datacenter", "03-vpc-split", "04-bastion", "05-reverse-proxy", "06-nat"])
        #expect(report.missions.count == 11)
        for mission in report.missions {
            #expect(mission.problems.isEmpty, "\(mission.folder): \(mission.problems.map { "[\($0.stepID ?? "-")] \($0.message.en)" })")
            #expect(mission.variants >= mission.steps * 4, "\(mission.folder): at least three failing variants and one passing per step")
            #expect(mission.mutantsCaught + mission.mutantsWaived + mission.mutantsInvalid == mission.mutants)
        }
    }

    @Test("a mutant that does not validate (a NAT gateway without its Elastic IP) is caught by validation, counted apart from the requirements' catches")
    func invalidMutants() throws {
        let root = freshWorkingDirectory()
        let labs = root.appendingPathComponent("Labs"), solutions = root.appendingPathComponent("Solutions")
        try FileManager.default.createDirectory(at: labs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: solutions, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Labs/06-nat"), to: labs.appendingPathComponent("06-nat"))
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Solutions/06-nat"), to: solutions.appendingPathComponent("06-nat"))
        let reference = TopologyLoader.load(text: try String(contentsOf: solutions.appendingPathComponent("06-nat/nat-per-az.yaml"), encoding: .utf8), file: "r")
        let topology = try #require(reference.topology)
        #expect(TopologyLoader.validate(topology).filter { $0.severity == .error }.isEmpty, "the reference validates")
        let mutants = MutantGenerator.mutants(of: topology)
        let invalid = mutants.filter { TopologyLoader.validate($0.topology).contains { $0.severity == .error } }
        #expect(invalid.contains { $0.id.hasPrefix("remove-elastic-ip:") && $0.id.contains("nat") }, "\(invalid.map(\.id))")
        let report = LabChecker.check(packDirectory: labs.path)
        let mission = try #require(report.missions.first)
        #expect(mission.problems.isEmpty, "\(mission.problems.map(\.message.en))")
        #expect(mission.mutantsInvalid >= invalid.count, "the last step's invalid mutants at least")
        #expect(mission.mutantsCaught + mission.mutantsWaived + mission.mutantsInvalid == mission.mutants)
        let screen = LabCheckScreen(colorize: false, language: .en, width: 80).render(report)
        #expect(screen.contains("\(mission.mutantsInvalid) of them do not validate"), "\(screen)")
    }

    @Test("the `lab new` template is a sound mission as it is")
    func templateIsSound() throws {
        let root = try scaffold()
        let report = LabChecker.check(packDirectory: root.appendingPathComponent("Labs").path)
        #expect(report.isSound, "\(report.missions.flatMap(\.problems).map(\.message.en))")
        #expect(report.missions.first?.variants == 1)
        #expect((report.missions.first?.mutantsCaught ?? 0) > 0)
        let run = runCLI(["lab", "check", "Labs"], workingDirectory: root)
        #expect(run.status == 0, "\(run)")
    }

    @Test("a solution that fails its step")
    func failingSolution() throws {
        let root = try scaffold()
        try edit(root, "Solutions/01-demo/first-step.yaml") { $0.replacingOccurrences(of: "- { port: 80, from: internet }", with: "- { port: 81, from: internet }") }
        #expect(problems(root).contains { $0.contains("the solution fails `web-answers`") })
        #expect(runCLI(["lab", "check", "Labs"], workingDirectory: root).status == 1)
    }

    @Test("a starter that already passes")
    func passingStarter() throws {
        let root = try scaffold()
        try edit(root, "Labs/01-demo/starters/first-step.yaml") { $0.replacingOccurrences(of: "      - { port: 22, from: internet }\n", with: "") }
        #expect(problems(root).contains { $0.contains("the starter already passes step `first-step`") })
    }

    @Test("a requirement with two hints, and one without Korean")
    func hintsAndKorean() throws {
        let root = try scaffold()
        try edit(root, "Labs/01-demo/mission.yaml") {
            $0.replacingOccurrences(of: "          - { en: A nudge., ko: 귀띔. }\n", with: "")
              .replacingOccurrences(of: "{ en: It answers, ko: 응답해요 }", with: "{ en: It answers }")
              .replacingOccurrences(of: "statement: { en: Users reach the WAS on port 80, ko: 사용자가 80번 포트로 WAS에 접속해요 }",
                                    with: "statement: { en: Users reach the WAS on port 80 }")
        }
        let found = problems(root)
        #expect(found.contains { $0.contains("requirement `ssh-closed` has 2 hint(s)") }, "\(found)")
        #expect(found.contains { $0.contains("requirement `web-answers`: the statement has no Korean text") }, "\(found)")
    }

    @Test("a requirement that selects nothing in the solution")
    func selectorMatchesNothing() throws {
        let root = try scaffold()
        try edit(root, "Labs/01-demo/mission.yaml") {
            $0.replacingOccurrences(of: "check: { no-open-rule: { ports: [22] } }", with: "check: { no-open-rule: { ports: [22], select: \"role:bastion\" } }")
        }
        #expect(problems(root).contains { $0.contains("selects `role:bastion`, which matches nothing in the solution") })
    }

    @Test("a variant whose expectation is wrong")
    func wrongVariant() throws {
        let root = try scaffold()
        try edit(root, "Solutions/01-demo/variants/first-step/world-open.yaml") { $0.replacingOccurrences(of: "# expect: fail ssh-closed", with: "# expect: pass") }
        #expect(problems(root).contains { $0.contains("variant `world-open.yaml` expected to pass; also fails ssh-closed") })
    }

    @Test("an automatic mutant that no requirement catches is named, and a waiver explains it away")
    func uncaughtMutant() throws {
        let root = try scaffold()
        // Without the SSH requirement, opening port 80 wider is still fine, but dropping the
        // only rule is caught by service-answers; a second, unused group rule is not.
        try edit(root, "Solutions/01-demo/first-step.yaml") {
            $0.replacingOccurrences(of: "      - { port: 80, from: internet }\n", with: "      - { port: 80, from: internet }\n      - { port: 9000, from: 203.0.113.9 }\n")
        }
        try edit(root, "Labs/01-demo/starters/second-step.yaml") {
            $0.replacingOccurrences(of: "      - { port: 80, from: internet }\n", with: "      - { port: 80, from: internet }\n      - { port: 9000, from: 203.0.113.9 }\n")
        }
        let found = problems(root)
        #expect(found.contains { $0.contains("mutant `widen-rule:web:9000`") && $0.contains("passes every requirement") }, "\(found)")
        try edit(root, "Labs/01-demo/mission.yaml") {
            $0.replacingOccurrences(of: "  - id: second-step\n", with: """
                    mutants:
                      - { id: "widen-rule:web:9000", why: { en: the metrics port is not part of this step, ko: 이 단계는 메트릭 포트를 다루지 않아요 } }
                      - { id: "remove-rule:web:9000", why: { en: the metrics port is not part of this step, ko: 이 단계는 메트릭 포트를 다루지 않아요 } }
                  - id: second-step

                """)
        }
        let report = LabChecker.check(packDirectory: root.appendingPathComponent("Labs").path)
        #expect(report.isSound, "\(report.missions.flatMap(\.problems).map(\.message.en))")
        #expect(report.missions.first?.mutantsWaived == 2)
    }

    @Test("story events: the reference before plus the events must be the starter, and must leave work to do")
    func storyEvents() throws {
        let root = try scaffold()
        try edit(root, "Labs/01-demo/starters/second-step.yaml") { $0.replacingOccurrences(of: "port: 3306", with: "port: 3307") }
        let found = problems(root)
        #expect(found.contains { $0.contains("the reference of `first-step` plus the events of `second-step` is not the starter") && $0.contains("security-groups.web.inbound") }, "\(found)")

        let free = try scaffold()
        try edit(free, "Labs/01-demo/mission.yaml") { $0.replacingOccurrences(of: "inbound: { port: 3306, from: 0.0.0.0/0 }", with: "inbound: { port: 3306, from: 10.0.0.0/16 }") }
        #expect(problems(free).contains { $0.contains("already passes `second-step`: a learner arriving with the reference answer has nothing to do") }, "\(problems(free))")

        let nothing = try scaffold()
        try edit(nothing, "Labs/01-demo/mission.yaml") { $0.replacingOccurrences(of: "security-group-of: role:was", with: "security-group-of: role:cache") }
        #expect(problems(nothing).contains { $0.contains("the events of `second-step` cannot be applied to the reference of `first-step`") && $0.contains("`role:cache`") },
                "\(problems(nothing))")
    }

    @Test("events on a mission's first step never reach a learner's file")
    func eventsOnFreshStep() throws {
        let root = try scaffold()
        try edit(root, "Labs/01-demo/mission.yaml") {
            $0.replacingOccurrences(of: "    title: { en: The first step, ko: 첫 단계 }\n", with: """
                    title: { en: The first step, ko: 첫 단계 }
                    events:
                      - add: { section: outside, name: admin, value: 203.0.113.10 }

                """)
        }
        let report = LabChecker.check(packDirectory: root.appendingPathComponent("Labs").path)
        let problem = try #require(report.missions.first?.problems.first { $0.message.en.contains("starts fresh") })
        #expect(problem.location?.line == 15, "points at the event: \(String(describing: problem.location))")
    }

    @Test("a mission file with an error is reported with its line and column")
    func brokenMissionFile() throws {
        let root = try scaffold()
        try edit(root, "Labs/01-demo/mission.yaml") { $0.replacingOccurrences(of: "check: { service-answers: {} }", with: "check: { service-answer: {} }") }
        let report = LabChecker.check(packDirectory: root.appendingPathComponent("Labs").path)
        #expect(!report.isSound)
        let diagnostic = try #require(report.packDiagnostics.first { $0.code == "mission.unknown-key" })
        #expect(diagnostic.location?.line == 25)
        #expect(diagnostic.location?.column == 18)
        #expect(diagnostic.suggestion?.en == "did you mean `service-answers`?")
    }
}

@Suite struct PartialPackTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path

    @Test("loading one mission reads only that one, but still knows every folder")
    func onlyOne() throws {
        let full = LabPack.load(directory: Self.labs)
        let partial = LabPack.load(directory: Self.labs, onlyMission: "bastion")
        #expect(partial.missions.map(\.id) == ["bastion"])
        #expect(partial.missionFolders == full.missions.map(\.folder))
        #expect(partial.mission(withID: "bastion") == full.mission(withID: "bastion"))
        #expect(LabPack.load(directory: Self.labs, onlyMission: "no-such-mission").missions.count == full.missions.count,
                "an unknown id falls back to the whole pack")
    }

    @Test("the quick id look-up reads only a plain top-level `id:` line", arguments: [
        ("id: bastion\ntitle: x\n", "bastion"), ("# c\nid: nat   # note\n", "nat"), ("title: x\n  id: inner\n", nil),
        ("id: \"quoted\"\n", nil), ("id: bastion\r\n", "bastion"), ("title: 한글\nid: 한국어-미션\n", "한국어-미션"),
    ] as [(String, String?)])
    func quickID(_ text: String, _ expected: String?) {
        #expect(LabPack.quickID(text) == expected)
    }
}
