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

/// Scenario pruning grades exactly like evaluating every scenario, and keeps grading
/// near-linear in the number of sites.
@Suite struct ScenarioSearchTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    func verdicts(_ topology: Topology, _ mission: Mission, _ step: Step, exhaustive: Bool) -> [String: Bool] {
        ScenarioSearch.$exhaustive.withValue(exhaustive) {
            let grade = Grader(topology: topology, diagnostics: []).grade(mission: mission, step: step)
            return Dictionary(uniqueKeysWithValues: grade.results.map { ($0.requirement.id, $0.passed) })
        }
    }

    @Test("every solution, variant and mutant of the shipped pack grades the same with and without the shortcut")
    func sameAsExhaustive() throws {
        var compared = 0
        for (mission, step) in Self.pack.allSteps {
            var files = [step.solutionPath]
            let variants = PathUtilities.join(PathUtilities.join(mission.solutionsDirectory, "variants"), step.id)
            files += ((try? FileManager.default.contentsOfDirectory(atPath: variants)) ?? []).sorted().map { PathUtilities.join(variants, $0) }
            for file in files {
                guard let topology = TopologyFile.load(path: file).topology else { continue }
                var topologies = [topology]
                if file == step.solutionPath { topologies += MutantGenerator.mutants(of: topology).map(\.topology) }
                for candidate in topologies {
                    #expect(verdicts(candidate, mission, step, exhaustive: false) == verdicts(candidate, mission, step, exhaustive: true),
                            "\(mission.id)/\(step.id): \(file)")
                    compared += 1
                }
            }
        }
        #expect(compared > 400)
    }

    /// `n` sites each running a WAS and a DB behind a port forward; `weak` of them on
    /// grid power with personal computers.
    static func sites(_ n: Int, weak: Set<Int> = []) -> String {
        var text = "sites:\n"
        for i in 0..<n {
            text += "  dc-\(i):\n    kind: datacenter\n    power: \(weak.contains(i) ? "grid" : "ups+generator")\n    public-ip: 198.51.\(100 + i / 250).\(i % 250 + 1)\n"
            text += "    port-forwards:\n      - { port: 80, to: was-\(i), to-port: 8080 }\n"
        }
        text += "hosts:\n"
        for i in 0..<n {
            let kind = weak.contains(i) ? "personal-computer" : "server"
            text += "  was-\(i):\n    site: dc-\(i)\n    kind: \(kind)\n    runs: [was]\n  db-\(i):\n    site: dc-\(i)\n    kind: \(kind)\n    runs: [db]\n"
        }
        return text
    }

    @Test("per-site scenarios on generated sites, strong and weak, agree with the exhaustive walk",
          arguments: [[1], [2, 0], [3, 1], [6, 0, 2, 4], [8, 0, 1, 2, 3, 4, 5, 6], [5, 0, 1, 2, 3, 4]] as [[Int]])
    func generatedSites(_ spec: [Int]) throws {
        let n = spec[0], weak = Set(spec.dropFirst())
        let topology = try #require(TopologyLoader.load(text: Self.sites(n, weak: weak), file: "t.yaml").topology)
        for (mission, step) in Self.pack.allSteps where mission.id == "datacenter" {
            #expect(verdicts(topology, mission, step, exhaustive: false) == verdicts(topology, mission, step, exhaustive: true), "\(spec) \(step.id)")
        }
    }

    @Test("the exhaustive walk reaches requirements graded side by side on other threads")
    func exhaustiveFollowsParallelGrading() throws {
        // 40 weak sites fail far more scenarios than the walk's limit: only the exhaustive
        // walk reports the findings past it — if the setting reaches the worker threads.
        let topology = try #require(TopologyLoader.load(text: Self.sites(40, weak: Set(0..<40)), file: "t.yaml").topology)
        let mission = try #require(Self.pack.mission(withID: "datacenter"))
        let step = try #require(mission.step(withID: "fire"))
        let findings = { (exhaustive: Bool) in
            ScenarioSearch.$exhaustive.withValue(exhaustive) {
                Grader(topology: topology, diagnostics: []).grade(mission: mission, step: step).results.reduce(0) { $0 + $1.findings.count }
            }
        }
        #expect(findings(true) > findings(false))
    }

    @Test("instances that behave alike share a verdict, and grade as if every pair were walked",
          arguments: ["stateless-doors", "data-tier"])
    func alikeInstancesShareVerdicts(_ missionID: String) throws {
        let mission = try #require(Self.pack.mission(withID: missionID))
        for step in mission.steps {
            let text = try String(contentsOfFile: step.solutionPath, encoding: .utf8)
            guard let at = text.range(of: "\ninstances:\n") else { continue }
            // Copies of the DB alike, one in another subnet, one in another group, one
            // with a /32 rule of its own, and a WAS copy: classes of one and of many.
            var copies = (0..<40).map { "  db-g\($0): { subnet: private-a, security-groups: [db], role: db }\n" }.joined()
            copies += "  db-other-subnet: { subnet: private-c, security-groups: [db], role: db }\n"
            copies += "  db-other-group: { subnet: private-a, security-groups: [was], role: db }\n"
            copies += "  db-pinned: { subnet: private-a, private-ip: 10.0.101.77, security-groups: [db], role: db }\n"
            copies += "  was-g1: { subnet: private-a, security-groups: [was], role: was }\n"
            // A /28 holds 11 instances: 4 copies get no address (a load error, graded still).
            copies += (0..<15).map { "  db-tiny\($0): { subnet: tiny, security-groups: [db], role: db }\n" }.joined()
            var grown = text
            grown.insert(contentsOf: copies, at: at.upperBound)
            if let databases = grown.range(of: "\ndatabases:\n") {
                // 30 copies of the first database (its line and the lines indented under it).
                let lines = grown[databases.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
                let block = [lines[0]] + lines.dropFirst().prefix { $0.hasPrefix("    ") }
                let name = String(lines[0].drop { $0 == " " }.prefix { $0 != ":" })
                let copies = (0..<30).map { n in
                    ([block[0].replacingOccurrences(of: "\(name):", with: "\(name)-g\(n):")] + block.dropFirst().map(String.init)).joined(separator: "\n") + "\n"
                }.joined()
                grown.insert(contentsOf: copies, at: databases.upperBound)
            }
            let subnets = try #require(grown.range(of: "\nsubnets:\n"))
            grown.insert(contentsOf: "  tiny: { vpc: main, cidr: 10.0.200.0/28, az: ap-northeast-2a }\n", at: subnets.upperBound)
            let loaded = TopologyLoader.load(text: grown, file: "t.yaml")
            let topology = try #require(loaded.topology, "\(loaded.diagnostics.map(\.message.en))")
            #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.code) == ["topology.subnet-capacity"], "\(step.id): \(loaded.diagnostics.map(\.message.en))")
            #expect(verdicts(topology, mission, step, exhaustive: false) == verdicts(topology, mission, step, exhaustive: true), "\(step.id)")
        }
    }

    @Test("hosts that behave alike share a verdict, and grade as if every pair were walked")
    func alikeHostsShareVerdicts() throws {
        // Many servers and PCs running a DB at two sites, one of them on grid power.
        var text = Self.sites(3, weak: [1])
        text += (0..<20).map { "  db-x\($0):\n    site: dc-0\n    kind: server\n    runs: [db]\n" }.joined()
        text += (0..<6).map { "  pc-x\($0):\n    site: dc-1\n    kind: personal-computer\n    runs: [was, db]\n" }.joined()
        let topology = try #require(TopologyLoader.load(text: text, file: "t.yaml").topology)
        for (mission, step) in Self.pack.allSteps where mission.id == "datacenter" || mission.id == "home-server" {
            #expect(verdicts(topology, mission, step, exhaustive: false) == verdicts(topology, mission, step, exhaustive: true), "\(step.id)")
        }
    }

    @Test("200 sites under fire × power-outage × pc-off: a few scenarios evaluated, not 40,000")
    func fewEvaluations() throws {
        let topology = try #require(TopologyLoader.load(text: Self.sites(200), file: "t.yaml").topology)
        let mission = try #require(Self.pack.mission(withID: "datacenter"))
        let step = try #require(mission.step(withID: "fire"))
        let requirement = try #require(step.requirements.first { $0.id == "other-site-alone" })
        guard case .serviceAnswers(let under, _) = requirement.check else { Issue.record("not a service check"); return }
        let facts = Grader(topology: topology, diagnostics: []).facts
        var search = ScenarioSearch(under, facts: facts)
        let engine = NetworkEngine(topology: topology)
        while let scenario = search.next() {
            let result = engine.serviceAnswers(mission.service!, incidents: scenario)
            if result.answers { search.passed(through: result.flows) } else { search.failed() }
        }
        #expect(search.failures == 0)
        #expect(search.evaluated + search.skipped == 200 * 200)
        #expect(search.evaluated < 50, "\(search.evaluated) evaluated")
    }

    @Test("200 sites, each with a PC that `pc-off: all` switches off: only the evaluated scenarios are built (the walk was cubic)")
    func pcsAtEverySite() throws {
        var text = Self.sites(200)
        for i in 0..<200 { text += "  pc-\(i):\n    site: dc-\(i)\n    kind: personal-computer\n" }
        let topology = try #require(TopologyLoader.load(text: text, file: "t.yaml").topology)
        let mission = try #require(Self.pack.mission(withID: "datacenter"))
        let step = try #require(mission.step(withID: "fire"))
        let requirement = try #require(step.requirements.first { $0.id == "other-site-alone" })
        guard case .serviceAnswers(let under, _) = requirement.check else { Issue.record("not a service check"); return }
        var search = ScenarioSearch(under, facts: Grader(topology: topology, diagnostics: []).facts)
        let engine = NetworkEngine(topology: topology)
        while let scenario = search.next() {
            let result = engine.serviceAnswers(mission.service!, incidents: scenario)
            if result.answers { search.passed(through: result.flows) } else { search.failed() }
        }
        #expect(search.failures == 0)
        #expect(search.evaluated + search.skipped == 200 * 200)
        #expect(search.evaluated < 50, "\(search.evaluated) evaluated")
        #expect(search.incidentsBuilt <= search.evaluated * 202,
                "each evaluated scenario is one fire, one outage and 200 PCs off; skipped ones are never built (\(search.incidentsBuilt) incidents)")
    }
}
