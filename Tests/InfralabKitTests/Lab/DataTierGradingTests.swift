import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab

/// Requirements over databases and caches: selectors (`role:db`, `kind:database`, names)
/// pick them, and each check states which requirement fails for which mistake.
@Suite("Data tier grading") struct DataTierGradingTests {
    static let mission = """
        id: data-demo
        title: { en: Data, ko: 데이터 }
        summary: { en: A demo., ko: 데모예요. }
        service:
          entry-port: 8080
          tiers: [{ role: was, port: 8080 }, { role: db, port: 3306 }]
        steps:
          - id: data
            title: { en: Data, ko: 데이터 }
            story: { en: Once., ko: 옛날에. }
            brief: { en: Do it., ko: 해 봐요. }
            requirements:
              - id: survives-az
                statement: { en: It answers, ko: 응답해요 }
                check: { service-answers: { under: [ { az-outage: each-az } ] } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
              - id: db-two-azs
                statement: { en: DB in two AZs, ko: DB가 두 AZ에 있어요 }
                check: { spread-azs: { select: "role:db", at-least: 2 } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
              - id: db-private
                statement: { en: DB private, ko: DB는 프라이빗 }
                check: { placement: { select: "kind:database", subnet: private } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
              - id: db-closed
                statement: { en: DB closed, ko: DB가 닫혀 있어요 }
                check: { unreachable: { from: internet, to: "role:db", port: 3306 } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
              - id: db-only-app
                statement: { en: Only the app reaches the DB, ko: DB에는 앱만 접속해요 }
                check: { unreachable: { from: stranger, to: "role:db", port: 3306 } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
              - id: cache-from-app
                statement: { en: App reaches cache, ko: 앱이 캐시에 접속해요 }
                check: { reachable: { from: "role:was", to: sessions, port: 6379 } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
        """

    func mission() throws -> Mission {
        try #require(MissionLoader.load(text: Self.mission, file: "mission.yaml", directory: "/p/Labs/10-data-demo", solutionsRoot: "/p/Solutions").mission)
    }

    func grade(_ text: String) throws -> [String] {
        let mission = try mission()
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics.map(\.message.en))")
        return Grader(loaded, file: "t.yaml").grade(mission: mission, step: mission.steps[0]).failing.map(\.requirement.id).sorted()
    }

    @Test("the data-tier mutants of the reference are proposed, and each is caught by the requirement written for its mistake")
    func mutantsAreCaught() throws {
        let mission = try mission()
        let reference = try #require(TopologyLoader.load(text: DataTierEngineTests.topology(), file: "t.yaml").topology)
        let mutants = MutantGenerator.mutants(of: reference)
        let expected: [String: [String]] = [
            "single-az:orders": ["db-two-azs", "survives-az"],
            "public-database:orders": ["db-private"],
            "open-to-vpc:db:3306": ["db-only-app"],
            // Open to 0.0.0.0/0 but private: the internet still has no way in; the VPC does.
            "widen-rule:db:3306": ["db-only-app"],
        ]
        for (id, requirements) in expected {
            let mutant = try #require(mutants.first { $0.id == id }, "no mutant \(id) among \(mutants.map(\.id))")
            let grade = Grader(topology: mutant.topology, diagnostics: []).grade(mission: mission, step: mission.steps[0])
            #expect(grade.failing.map(\.requirement.id).sorted() == requirements, "\(id)")
        }
        // The cache is not Multi-AZ and is not a database: no single-az or public-database mutant for it.
        #expect(!mutants.contains { $0.id == "single-az:sessions" || $0.id == "public-database:sessions" })
        #expect(mutants.contains { $0.id == "open-to-vpc:cache:6379" })
    }

    @Test("the reference data tier passes every requirement")
    func reference() throws {
        #expect(try grade(DataTierEngineTests.topology()) == [])
    }

    @Test("multi-az: false fails the AZ outage and the two-AZ spread (one AZ counts once)")
    func singleAZ() throws {
        #expect(try grade(DataTierEngineTests.topology(dbMultiAZ: "false")) == ["db-two-azs", "survives-az"])
    }

    @Test("a publicly accessible database in public subnets with 3306 open to the internet fails placement, db-closed and db-only-app")
    func publicDatabase() throws {
        let text = DataTierEngineTests.topology(dbGroup: "open", dbPublic: "true", dbInbound: "{ port: 3306, from: internet }")
        #expect(try grade(text) == ["db-closed", "db-only-app", "db-private"])
    }

    @Test("a cache group that admits only another group fails cache-from-app")
    func cacheClosedToApp() throws {
        let text = DataTierEngineTests.topology().replacingOccurrences(of: "cache: { inbound: [ { port: 6379, from: app } ] }",
                                                                        with: "cache: { inbound: [ { port: 6379, from: other } ] }")
        #expect(try grade(text) == ["cache-from-app"])
    }
}
