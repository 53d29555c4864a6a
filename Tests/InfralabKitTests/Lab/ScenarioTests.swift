import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

@Suite struct ScenarioTests {
    static let text = """
        sites:
          home: { kind: home, power: grid, public-ip: 121.130.10.7 }
          dc-1: { kind: datacenter, power: ups+generator, public-ip: 198.51.100.10 }
          dc-2: { kind: datacenter, power: ups+generator, public-ip: 198.51.100.20 }
        hosts:
          my-pc: { site: home, kind: personal-computer, runs: [was] }
          web-1: { site: dc-1, kind: server, runs: [was] }
          db-1: { site: dc-2, kind: server, runs: [db] }
        """

    func facts() throws -> TopologyFacts {
        let loaded = TopologyLoader.load(text: Self.text, file: "t.yaml")
        return TopologyFacts(try #require(loaded.topology))
    }

    func spec(_ kind: Incident.Kind, _ target: IncidentSpec.Target) -> IncidentSpec {
        IncidentSpec(kind: kind, target: target, at: SourceLocation(file: "m", line: 1, column: 1))
    }

    @Test("each-site makes one scenario per site")
    func eachSite() throws {
        let scenarios = Scenarios.expand([spec(.fire, .eachSite)], facts: try facts())
        #expect(scenarios == [[.fire("home")], [.fire("dc-1")], [.fire("dc-2")]])
    }

    @Test("pc-off: all strikes every personal computer at once, and only those")
    func pcOffAll() throws {
        let all = Selector(.all, at: SourceLocation(file: "m", line: 1, column: 1))
        #expect(Scenarios.expand([spec(.pcOff, .together(all))], facts: try facts()) == [[.pcOff("my-pc")]])
    }

    @Test("a site-kind selector picks the sites of that kind together")
    func siteKind() throws {
        let datacenters = Selector(.kind("datacenter"), at: SourceLocation(file: "m", line: 1, column: 1))
        #expect(Scenarios.expand([spec(.powerOutage, .together(datacenters))], facts: try facts())
                == [[.powerOutage("dc-1"), .powerOutage("dc-2")]])
    }

    @Test("two quantifiers combine into every pair; no incidents is one empty scenario")
    func product() throws {
        let was = Selector(.role("was"), at: SourceLocation(file: "m", line: 1, column: 1))
        let scenarios = Scenarios.expand([spec(.instanceFailure, .each(was)), spec(.powerOutage, .eachSite)], facts: try facts())
        #expect(scenarios.count == 6)
        #expect(scenarios.first == [.instanceFailure("my-pc"), .powerOutage("home")])
        #expect(Scenarios.expand([], facts: try facts()) == [[]])
    }
}
