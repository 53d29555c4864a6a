import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

@Suite struct MissionLoaderTests {
    static let minimal = """
        id: demo
        title: { en: Demo, ko: 데모 }
        summary: { en: A demo., ko: 데모예요. }
        service:
          entry-port: 80
          tiers: [was, { role: db, port: 3306 }]
        steps:
          - id: first
            title: { en: First, ko: 첫 단계 }
            story: { en: Once., ko: 옛날에. }
            brief: { en: Do it., ko: 해 봐요. }
            requirements:
              - id: answers
                statement: { en: It answers, ko: 응답해요 }
                check: { service-answers: { under: [ { fire: each-site } ] } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
          - id: second
            title: { en: Second, ko: 둘째 }
            story: { en: Then., ko: 그다음. }
            brief: { en: More., ko: 더. }
            carry: all
            requirements:
              - id: closed
                statement: { en: DB closed, ko: DB가 닫혀 있어요 }
                check: { unreachable: { from: internet, to: "role:db", port: 3306 } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
        """

    func load(_ text: String) -> MissionLoadResult {
        MissionLoader.load(text: text, file: "mission.yaml", directory: "/packs/Labs/07-demo", solutionsRoot: "/packs/Solutions")
    }

    @Test("a complete mission loads with defaults filled in")
    func loadsMinimal() throws {
        let result = load(Self.minimal)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message.en))")
        let mission = try #require(result.mission)
        #expect(mission.number == 7)
        #expect(mission.service == ServiceSpec(entryPort: 80, tiers: [.init(role: "was"), .init(role: "db", port: 3306)]))
        #expect(mission.steps.map(\.id) == ["first", "second"])
        #expect(mission.steps[0].freshStart, "a mission's first step always starts fresh")
        #expect(mission.steps[0].starterPath == "starters/first.yaml")
        #expect(mission.steps[1].solutionPath == "/packs/Solutions/07-demo/second.yaml")
        #expect(mission.steps[1].carriesAll, "`carry: all` is a flag, not a copy of every earlier id")
        #expect(mission.requirements(for: mission.steps[1]).map(\.id) == ["closed", "answers"])
        guard case .serviceAnswers(let under, nil) = mission.steps[0].requirements[0].check else {
            Issue.record("expected service-answers")
            return
        }
        #expect(under.first?.target == .eachSite)
        guard case .unreachable(let flow) = mission.steps[1].requirements[0].check else {
            Issue.record("expected unreachable")
            return
        }
        #expect(flow.address == .any, "unreachable checks every address by default")
        #expect(flow.to.form == .role("db"))
    }

    @Test("an unknown check kind is reported at its key, with a suggestion")
    func unknownCheckKind() throws {
        let text = Self.minimal.replacingOccurrences(of: "check: { unreachable:", with: "check: { unrechable:")
        let result = load(text)
        let diagnostic = try #require(result.diagnostics.first { $0.code == "mission.unknown-key" })
        #expect(diagnostic.location?.line == 25)
        #expect(diagnostic.location?.column == 18)
        #expect(diagnostic.suggestion?.en.contains("`unreachable`") == true)
    }

    @Test("carrying a requirement that no earlier step has is an error at that name")
    func badCarry() throws {
        let text = Self.minimal.replacingOccurrences(of: "carry: all", with: "carry: [answer]")
        let diagnostic = try #require(load(text).diagnostics.first { $0.code == "mission.unknown-requirement" })
        #expect(diagnostic.location?.line == 21)
        #expect(diagnostic.location?.column == 13)
        #expect(diagnostic.suggestion?.en == "did you mean `answers`?")
    }

    @Test("a port out of range points at the value, after Korean text on the same line")
    func portOutOfRangeAfterKorean() throws {
        let text = Self.minimal.replacingOccurrences(of: "from: internet, to: \"role:db\", port: 3306",
                                                     with: "from: 인터넷, to: \"role:db\", port: 99999")
        let diagnostic = try #require(load(text).diagnostics.first { $0.code == "mission.expected-number" })
        #expect(diagnostic.location?.line == 25)
        #expect(diagnostic.location?.column == 65)
    }

    @Test("two steps with one id: error at the second, note at the first")
    func duplicateStep() throws {
        let text = Self.minimal.replacingOccurrences(of: "- id: second", with: "- id: first")
        let diagnostic = try #require(load(text).diagnostics.first { $0.code == "mission.duplicate-step" })
        #expect(diagnostic.location?.line == 17)
        #expect(diagnostic.notes.first?.location?.line == 8)
    }

    @Test("a check with two kinds is refused")
    func twoKinds() throws {
        let text = Self.minimal.replacingOccurrences(of: "check: { service-answers: { under: [ { fire: each-site } ] } }",
                                                     with: "check: { service-answers: {}, nat-per-az: {} }")
        let diagnostic = try #require(load(text).diagnostics.first { $0.code == "mission.check-kind-count" })
        #expect(diagnostic.location?.line == 15)
    }

    @Test("a step without requirements is reported")
    func missingRequirements() {
        let text = Self.minimal.replacingOccurrences(of: "carry: all\n    requirements:", with: "carry: all\n    requirementz:")
        let codes = load(text).diagnostics.map(\.code)
        #expect(codes.contains("mission.unknown-key"))
        #expect(codes.contains("mission.missing-key"))
    }
}

@Suite struct ProgressFileTests {
    @Test("progress survives a round trip through its text form")
    func roundTrip() throws {
        var progress = Progress(labs: "/tmp/my labs", missionID: "home-server", stepID: "night")
        progress.recordPass("home-server", "expose")
        progress.hintLevels["home-server/night/answers-at-night"] = 2
        let parsed = Progress.parse(progress.serialized(), file: "progress.yaml")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.progress == progress)
    }

    @Test("a hand-broken progress file gets a located error, not a crash")
    func corrupt() throws {
        let text = "version: 1\nmission: home-server\nstep: [unclosed\npassed: []\n"
        let parsed = Progress.parse(text, file: ".infralab/progress.yaml")
        #expect(parsed.progress == nil)
        let first = try #require(parsed.diagnostics.first)
        #expect(first.location?.file == ".infralab/progress.yaml")
        #expect(first.location?.line == 3)
    }

    @Test("a progress file from a newer infralab is refused with its version")
    func newer() throws {
        let parsed = Progress.parse("version: 9\nmission: a\nstep: b\n", file: "p.yaml")
        #expect(parsed.progress == nil)
        #expect(parsed.diagnostics.first?.code == "progress.newer-version")
        #expect(parsed.diagnostics.first?.location?.line == 1)
        #expect(parsed.diagnostics.first?.location?.column == 10)
    }
}

@Suite struct VariantExpectationTests {
    @Test func readsFailingList() throws {
        let text = "# expect: fail db-private service-answers\n# why: the DB got a public IP\nvpcs: {}\n"
        let expectation = try VariantExpectation.parse(text, file: "v.yaml").get()
        #expect(expectation.failing == ["db-private", "service-answers"])
        #expect(expectation.why == "the DB got a public IP")
        #expect(expectation.location.line == 1)
    }

    @Test func readsPass() throws {
        #expect(try VariantExpectation.parse("# a correct alternative\n# expect: pass\n", file: "v.yaml").get().failing == [])
    }

    @Test("a variant without an expectation, or with a bad one, is an error")
    func refusesMissing() {
        #expect(throws: Diagnostic.self) { try VariantExpectation.parse("vpcs: {}\n", file: "v.yaml").get() }
        #expect(throws: Diagnostic.self) { try VariantExpectation.parse("# expect: fail\n", file: "v.yaml").get() }
        #expect(throws: Diagnostic.self) { try VariantExpectation.parse("# expect: maybe x\n", file: "v.yaml").get() }
    }
}

@Suite struct ThroughAnyTests {
    static let mission = """
        id: t
        title: { en: T, ko: 티 }
        steps:
          - id: s
            title: { en: S, ko: 에스 }
            story: { en: s, ko: 에스 }
            brief: { en: s, ko: 에스 }
            requirements:
              - id: ssh
                statement: { en: SSH works one way or another, ko: 어떻게든 SSH가 돼요 }
                check: { reachable: { from: admin, to: "role:was", port: 22, through: [direct, "role:bastion"] } }
                hints: [ { en: a, ko: 가 }, { en: b, ko: 나 }, { en: c, ko: 다 } ]
        """

    static func topology(wasRule: String) -> String {
        """
        outside:
          admin: 203.0.113.10
        vpcs:
          main: { cidr: 10.0.0.0/16, internet-gateway: igw }
        subnets:
          public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
        route-tables:
          public:
            routes:
              - { to: 0.0.0.0/0, via: igw }
        security-groups:
          bastion:
            inbound:
              - { port: 22, from: admin }
          was:
            inbound:
              - \(wasRule)
        instances:
          bastion: { subnet: public-a, elastic-ip: 13.125.10.11, security-groups: [bastion], role: bastion }
          was: { subnet: public-a, public-ip: true, security-groups: [was], role: was }
        """
    }

    func passes(_ wasRule: String) throws -> Bool {
        let mission = try #require(MissionLoader.load(text: Self.mission, file: "m.yaml", directory: "/p/Labs/01-t", solutionsRoot: "/p/Solutions").mission)
        let topology = try #require(TopologyLoader.load(text: Self.topology(wasRule: wasRule), file: "t.yaml").topology)
        return Grader(topology: topology, diagnostics: []).grade(mission: mission, step: mission.steps[0]).passed
    }

    @Test("`through: [direct, relay]` passes directly, passes through the relay, and fails when neither works")
    func eitherWay() throws {
        #expect(try passes("{ port: 22, from: admin }"), "directly")
        #expect(try passes("{ port: 22, from: bastion }"), "through the bastion")
        #expect(try !passes("{ port: 80, from: internet }"), "no SSH at all")
    }
}
