import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab

/// `no-open-rule` judges a database's or cache's security groups as an instance's: a
/// range on the port fails (the finding names the store and the rule), a group passes.
/// Mission 10's "6379 from the app's group, not from the VPC CIDR" rests on this.
@Suite("no-open-rule on databases and caches") struct NoOpenRuleDataStoreTests {
    static let mission = """
        id: open-demo
        title: { en: Open, ko: 열림 }
        summary: { en: A demo., ko: 데모예요. }
        steps:
          - id: groups-only
            title: { en: Groups, ko: 그룹 }
            story: { en: Once., ko: 옛날에. }
            brief: { en: Do it., ko: 해 봐요. }
            requirements:
              - id: db-port-from-groups
                statement: { en: 3306 from groups only, ko: 3306번은 보안 그룹에만 열려 있어요 }
                check: { no-open-rule: { ports: [3306], min-prefix: 32, select: "role:db" } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
              - id: cache-port-from-groups
                statement: { en: 6379 from groups only, ko: 6379번은 보안 그룹에만 열려 있어요 }
                check: { no-open-rule: { ports: [6379], min-prefix: 32, select: "kind:cache" } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
        """

    func failures(_ text: String) throws -> [String: [String]] {
        let mission = try #require(MissionLoader.load(text: Self.mission, file: "mission.yaml", directory: "/p/Labs/10-open-demo", solutionsRoot: "/p/Solutions").mission)
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics.map(\.message.en))")
        let grade = Grader(loaded, file: "t.yaml").grade(mission: mission, step: mission.steps[0])
        return Dictionary(uniqueKeysWithValues: grade.failing.map { ($0.requirement.id, $0.findings.map(\.message.en)) })
    }

    @Test("groups that name only the app's group pass both")
    func groupsPass() throws {
        #expect(try failures(DataTierEngineTests.topology()).isEmpty)
    }

    @Test("the database's group admitting the VPC's range fails db-port-from-groups, naming the database and the range")
    func databaseOpenToVPC() throws {
        let failing = try failures(DataTierEngineTests.topology(dbInbound: "{ port: 3306, from: 10.0.0.0/16 }"))
        #expect(Array(failing.keys) == ["db-port-from-groups"])
        let message = try #require(failing["db-port-from-groups"]?.first)
        #expect(message.contains("orders") && message.contains("10.0.0.0/16"), "\(message)")
    }

    @Test("the cache's group admitting the VPC's range fails cache-port-from-groups, naming the cache")
    func cacheOpenToVPC() throws {
        let text = DataTierEngineTests.topology().replacingOccurrences(of: "cache: { inbound: [ { port: 6379, from: app } ] }",
                                                                       with: "cache: { inbound: [ { port: 6379, from: 10.0.0.0/16 } ] }")
        let failing = try failures(text)
        #expect(Array(failing.keys) == ["cache-port-from-groups"])
        #expect(failing["cache-port-from-groups"]?.first?.contains("sessions") == true, "\(failing)")
    }
}
