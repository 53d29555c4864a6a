import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation

/// Explanations in plain words, at the line to change: a rule that names an instance is
/// told which group to name; a near miss says why it admits nobody instead of
/// contradicting itself; path elements say what they are.
@Suite struct ExplanationTests {
    /// An API server carrying `api-sg`, a cache whose group admits 6379 from the rule's
    /// `peer` (line 7, column 46).
    func cache(peer: String) -> String {
        """
        vpcs:
          main: { cidr: 172.16.0.0/16, region: ap-northeast-2, internet-gateway: igw-main }
        subnets:
          app: { vpc: main, cidr: 172.16.8.0/24, az: ap-northeast-2a }
        security-groups:
          api-sg: { inbound: [] }
          cache-sg: { inbound: [ { port: 6379, from: \(peer) } ] }
          worker-sg: { inbound: [] }
        instances:
          api: { subnet: app, security-groups: [api-sg] }
          cache: { subnet: app, security-groups: [cache-sg] }
        """
    }

    @Test("a rule naming an instance is told the group that instance carries, at the name, in both languages")
    func ruleNamesInstance() throws {
        let loaded = TopologyLoader.load(text: cache(peer: "api"), file: "t.yaml")
        let error = try #require(loaded.diagnostics.first { $0.code == "topology.unknown-peer" })
        #expect(error.location == SourceLocation(file: "t.yaml", line: 7, column: 46))
        #expect(error.message.en.contains("instance `api` carries `api-sg`, so write `from: api-sg`"), "\(error.message.en)")
        #expect(!error.message.en.contains("give instance"), "it already has a group: \(error.message.en)")
        #expect(error.message.text(.ko).contains("`api`는 인스턴스예요"), "\(error.message.text(.ko))")
        #expect(error.message.text(.ko).contains("보안 그룹 `api-sg`가 붙어 있으니 `from: api-sg`로 적어 주세요"), "\(error.message.text(.ko))")
    }

    func blocked(_ text: String) throws -> Hop {
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        let engine = NetworkEngine(index: try #require(loaded.index))
        let result = engine.evaluate(FlowQuery(from: .named("api"), to: .named("cache"), port: 6379))
        #expect(!result.isReachable)
        #expect(result.reason.location == SourceLocation(file: "t.yaml", line: 7, column: 26), "the near miss's line")
        return try #require(result.hops.last { $0.verdict == .block })
    }

    @Test("a near miss naming another group says the sender is not in it, instead of 'admits only' the sender's name")
    func nearMissOtherGroup() throws {
        let hop = try blocked(cache(peer: "worker-sg"))
        #expect(hop.detail.en.contains("admits only members of security group `worker-sg`, and api (172.16.8.4) is not one"), "\(hop.detail.en)")
        #expect(hop.detail.text(.ko).contains("보안 그룹 `worker-sg`에 속한 곳만 허용하는데, api (172.16.8.4)는 이 그룹에 속해 있지 않아요"), "\(hop.detail.text(.ko))")
    }

    @Test("a near miss naming nothing a rule can match says it admits nobody")
    func nearMissNamesNothing() throws {
        let hop = try blocked(cache(peer: "api"))
        #expect(hop.detail.en.contains("the rule for this port names `api`, which is no security group, so it admits nobody"), "\(hop.detail.en)")
        #expect(!hop.detail.en.contains("admits only api"), "no self-contradiction: \(hop.detail.en)")
        #expect(hop.detail.text(.ko).contains("이 포트 규칙에 적힌 `api`는 보안 그룹이 아니라서 아무도 허용하지 않아요"), "\(hop.detail.text(.ko))")
    }

    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    /// Mission 5 step 2 with the proxy's group named `edge`, and the WAS wearing it
    /// (`security-groups: [edge]`, line 47, column 64) instead of its own.
    func borrowedGroupGrade() throws -> (StepGrade, String) {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Solutions/05-reverse-proxy/front-door.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "\n  proxy:\n    inbound:", with: "\n  edge:\n    inbound:")
            .replacingOccurrences(of: "{ port: 8080, from: proxy }", with: "{ port: 8080, from: edge }")
            .replacingOccurrences(of: "security-groups: [proxy]", with: "security-groups: [edge]")
            .replacingOccurrences(of: "security-groups: [was], role: was", with: "security-groups: [edge], role: was")
        let mission = try #require(Self.pack.missions.first { $0.id == "reverse-proxy" })
        let step = try #require(mission.step(withID: "close-direct"))
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        return (Grader(loaded, file: "t.yaml").grade(mission: mission, step: step), text)
    }

    @Test("a WAS wearing the proxy's group: the must-not failure points at the WAS's security-groups entry, not the proxy's rule")
    func borrowedGroupMustNot() throws {
        let (grade, _) = try borrowedGroupGrade()
        let result = try #require(grade.results.first { $0.requirement.id == "was-only-through-proxy" })
        #expect(!result.passed, "internet → was on 80 gets through the proxy group's `80 from internet`")
        let finding = try #require(result.findings.first)
        #expect(finding.location == SourceLocation(file: "t.yaml", line: 47, column: 64), "the WAS's `[edge]`, not the rule at 31:9")
        #expect(finding.message.en.contains("Instance `was` carries security group `edge`, which belongs to instance `proxy`"), "\(finding.message.en)")
        #expect(finding.message.text(.ko).contains("인스턴스 `was`에 인스턴스 `proxy`의 보안 그룹 `edge`가 붙어 있어요"), "\(finding.message.text(.ko))")
    }

    @Test("the same WAS: the service's failure points there too, and the path names each element's kind")
    func borrowedGroupService() throws {
        let (grade, text) = try borrowedGroupGrade()
        let result = try #require(grade.results.first { $0.requirement.id == "service-answers" })
        let finding = try #require(result.findings.first)
        #expect(finding.location == SourceLocation(file: "t.yaml", line: 47, column: 64), "blocked by the borrowed group `edge`")
        let lines = DiagnosticRenderer.lines(of: text)
        for (language, path, blocked) in [(Language.en, "instance proxy → security group edge → route table public → security group edge ✗", "✗ security group edge: no inbound rule"),
                                          (.ko, "인스턴스 proxy → 보안 그룹 edge → 라우팅 테이블 public → 보안 그룹 edge ✗", "✗ 보안 그룹 edge:")] {
            let screens = LearnerScreens(colorize: false, language: language, width: 200) { _ in lines }
            // Wrapped at 100 columns at most: read as one line.
            let shown = screens.explanation(finding, indent: 0).replacingOccurrences(of: "\n", with: " ")
            #expect(shown.contains(path), "\(shown)")
            #expect(shown.contains(blocked), "\(shown)")
        }
        let mustNot = try #require(grade.results.first { $0.requirement.id == "was-only-through-proxy" }?.findings.first)
        let shown = LearnerScreens(colorize: false, language: .en, width: 200) { _ in lines }.explanation(mustNot, indent: 0)
            .replacingOccurrences(of: "\n", with: " ")
        #expect(shown.contains("path: internet → internet gateway igw-main → route table public → network ACL default → security group edge → instance was"), "\(shown)")
    }
}

/// An incident failure points at the setting that decides it, and incidents and
/// selectors are said in words, not in their mission syntax.
@Suite struct IncidentExplanationTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    func grade(_ solution: String, mission id: String, step stepID: String, _ change: (String) -> String) throws -> StepGrade {
        let text = change(try String(contentsOf: packageRoot.appendingPathComponent("Solutions/\(solution)"), encoding: .utf8))
        let mission = try #require(Self.pack.missions.first { $0.id == id })
        let step = try #require(mission.step(withID: stepID))
        return Grader(TopologyLoader.load(text: text, file: "t.yaml"), file: "t.yaml").grade(mission: mission, step: step)
    }

    @Test("a site on `power: ups` fails the blackout at its `power:` line, naming the setting, in both languages")
    func powerDecides() throws {
        // Mission 2 step 2 with the data center on a UPS only (line 7, column 12).
        let grade = try grade("02-datacenter/blackout.yaml", mission: "datacenter", step: "blackout") {
            $0.replacingOccurrences(of: "power: ups+generator", with: "power: ups")
        }
        let result = try #require(grade.results.first { $0.requirement.id == "survives-blackout" })
        #expect(!result.passed, "a UPS lasts minutes, the blackout hours")
        let finding = try #require(result.findings.first)
        #expect(finding.location == SourceLocation(file: "t.yaml", line: 7, column: 12), "`ups` after `power:`")
        let reason = try #require(finding.flow?.reason.message)
        #expect(reason.en.contains("its `power: ups` does not last through one; `power: ups+generator` does"), "\(reason.en)")
        #expect(reason.text(.ko).contains("`power: ups`로는 긴 정전을 버티지 못해요"), "\(reason.text(.ko))")
        let during = UIText.during(finding)
        #expect(during.en.hasPrefix("During a long power outage at `"), "the incident in words: \(during.en)")
        #expect(!during.en.contains("power-outage:"), "\(during.en)")
        #expect(during.text(.ko).contains("정전 상황에서:"), "\(during.text(.ko))")
    }

    @Test("a personal computer off at night fails at its `kind:` line, in both languages")
    func kindDecides() throws {
        // Mission 1 step 3 with the home server left a personal computer (line 15, column 11).
        let grade = try grade("01-home-server/expose.yaml", mission: "home-server", step: "night") { $0 }
        let result = try #require(grade.results.first { $0.requirement.id == "answers-at-night" })
        #expect(!result.passed)
        let finding = try #require(result.findings.first)
        #expect(finding.location == SourceLocation(file: "t.yaml", line: 15, column: 11), "`personal-computer` after `kind:`")
        let reason = try #require(finding.flow?.reason.message)
        #expect(reason.en.contains("it is a personal computer (`kind: personal-computer`), switched off at night"), "\(reason.en)")
        #expect(reason.text(.ko).contains("개인 컴퓨터(`kind: personal-computer`)라서 밤에는 꺼져 있어요"), "\(reason.text(.ko))")
    }

    @Test("a selector is said in words: no `subnet-public`, `kind:` or `role:` syntax in a finding")
    func selectorWords() {
        let here = SourceLocation(file: "m.yaml", line: 1, column: 1)
        let publicSubnets = Selector(.kind("subnet-public"), at: here)
        let none = Messages.selectsNothing(publicSubnets)
        #expect(none.en == "your topology has no public subnet")
        #expect(none.text(.ko) == "토폴로지에 퍼블릭 서브넷이 없어요")
        let nats = Messages.tooFew(Selector(.kind("nat-gateway"), at: here), found: 1, atLeast: 2)
        #expect(nats.en == "your topology has 1 NAT gateway; at least 2 needed")
        #expect(nats.text(.ko) == "NAT 게이트웨이가 1개 있어요. 적어도 2개가 필요해요")
        let spread = Messages.spread(Selector(.role("web"), at: here), found: ["ap-northeast-2a"], atLeast: 2)
        #expect(spread.en == "what plays the role `web` spans 1 availability zone (ap-northeast-2a); at least 2 needed")
        #expect(spread.text(.ko) == "`web` 역할을 하는 구성 요소가 가용 영역 1개(ap-northeast-2a)에만 있어요. 적어도 2개가 필요해요")
        for text in [none, nats, spread] {
            #expect(!text.en.contains("kind:") && !text.en.contains("role:") && !text.en.contains("subnet-public"), "\(text.en)")
        }
    }
}

/// A public IP in a private subnet: the reason in plain sentences that name the route
/// table (or the implicit main one) and where the replies go instead.
@Suite struct PrivateSubnetWordsTests {
    /// `web` has a public IP in `inner`, whose table is `inner-routes` (a route to a NAT
    /// gateway, line 8) or, with `table: false`, the VPC's implicit main table.
    func topology(table: Bool) -> String {
        """
        vpcs:
          lab: { cidr: 192.168.0.0/16, region: ap-northeast-2, internet-gateway: gw }
        subnets:
          edge: { vpc: lab, cidr: 192.168.1.0/24, az: ap-northeast-2a, route-table: out }
          inner: { vpc: lab, cidr: 192.168.2.0/24, az: ap-northeast-2a\(table ? ", route-table: inner-routes" : "") }
        route-tables:
          out: { routes: [ { to: 0.0.0.0/0, via: gw } ] }
          inner-routes: { routes: [ { to: 0.0.0.0/0, via: nat-1 } ] }
        nat-gateways:
          nat-1: { subnet: edge, elastic-ip: 13.125.20.30 }
        security-groups:
          web-sg: { inbound: [ { port: 443, from: internet } ] }
        instances:
          web: { subnet: inner, public-ip: true, security-groups: [web-sg] }
        """
    }

    func blocked(table: Bool) throws -> FlowResult {
        let loaded = TopologyLoader.load(text: topology(table: table), file: "t.yaml")
        let engine = NetworkEngine(index: try #require(loaded.index))
        let result = engine.evaluate(FlowQuery(from: .internet, to: .named("web"), port: 443))
        #expect(!result.isReachable)
        #expect(result.reason.code == .noRouteToInternetGateway)
        return result
    }

    @Test("a route to a NAT gateway: the table, the route and the instance named in sentences, in both languages")
    func routeElsewhere() throws {
        let result = try blocked(table: true)
        #expect(result.reason.location == SourceLocation(file: "t.yaml", line: 8, column: 29), "the route via nat-1")
        #expect(result.reason.message.en == "`inner` is a private subnet: its route table `inner-routes` sends replies to internet by route 0.0.0.0/0 to `nat-1`, not to an internet gateway. A public IP on `web` does not help")
        #expect(result.reason.message.text(.ko) == "`inner`는 프라이빗 서브넷이에요. 라우팅 테이블 `inner-routes`에 인터넷 게이트웨이로 가는 경로가 없어서 인터넷에 보내는 응답이 나가지 못해요. 응답은 경로 0.0.0.0/0을 따라 `nat-1`로 가요. `web`에 퍼블릭 IP가 있어도 소용없어요")
    }

    @Test("the implicit main table: said in words, not 'main (implicit, local only) … by no route'")
    func implicitMain() throws {
        let result = try blocked(table: false)
        let en = result.reason.message.en
        #expect(en.hasPrefix("`inner` is a private subnet: the VPC's implicit main route table (local routes only)"), "\(en)")
        #expect(!en.contains("by no route") && !en.contains("main (implicit"), "\(en)")
        #expect(result.reason.message.text(.ko).contains("VPC의 기본 라우팅 테이블(local 경로뿐)에 인터넷 게이트웨이로 가는 경로가 없어서"), "\(result.reason.message.text(.ko))")
    }
}

/// A DB in a subnet made public by its route table: the finding names the table (the
/// VPC's `main: true` one when the subnet names none) and the route, and points there.
@Suite struct PublicSubnetPlacementTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    func dbFinding(_ change: (String) -> String) throws -> Finding {
        let text = change(try String(contentsOf: packageRoot.appendingPathComponent("Solutions/03-vpc-split/move-in.yaml"), encoding: .utf8))
        let mission = try #require(Self.pack.missions.first { $0.id == "vpc-split" })
        let step = try #require(mission.step(withID: "move-in"))
        let grade = Grader(TopologyLoader.load(text: text, file: "t.yaml"), file: "t.yaml").grade(mission: mission, step: step)
        let result = try #require(grade.results.first { $0.requirement.id == "db-private" })
        #expect(!result.passed, "the DB's subnet routes to the internet gateway")
        return try #require(result.findings.first)
    }

    @Test("no route-table on the DB's subnet and `main: true` on the public table: names the main table and its line, points at it")
    func implicitMain() throws {
        let finding = try dbFinding {
            $0.replacingOccurrences(of: "az: ap-northeast-2a, route-table: private }", with: "az: ap-northeast-2a }")
              .replacingOccurrences(of: "  public:\n    routes:", with: "  public:\n    main: true\n    routes:")
        }
        #expect(finding.location == SourceLocation(file: "t.yaml", line: 22, column: 3), "the main table `public`")
        #expect(finding.message.en == "`db` sits in `private-a`, a public subnet: `private-a` names no route table, so it uses the VPC's main table `public` (`main: true`, line 22), which sends 0.0.0.0/0 to internet gateway `igw-main` (line 25)")
        #expect(finding.message.text(.ko) == "`db`는 퍼블릭 서브넷 `private-a`에 있어요. `private-a`에 라우팅 테이블이 지정되지 않아서 VPC의 기본 라우팅 테이블 `public`(`main: true`, 22번째 줄)을 써요. 이 테이블이 0.0.0.0/0을 인터넷 게이트웨이 `igw-main`으로 보내요(25번째 줄)")
    }

    @Test("the DB's subnet naming the public table: names the table and points at its route to the gateway")
    func explicitTable() throws {
        let finding = try dbFinding {
            $0.replacingOccurrences(of: "az: ap-northeast-2a, route-table: private }", with: "az: ap-northeast-2a, route-table: public }")
        }
        #expect(finding.location == SourceLocation(file: "t.yaml", line: 24, column: 9), "the route via igw-main")
        #expect(finding.message.en == "`db` sits in `private-a`, a public subnet: its route table `public` sends 0.0.0.0/0 to internet gateway `igw-main` (line 24)")
        #expect(finding.message.text(.ko) == "`db`는 퍼블릭 서브넷 `private-a`에 있어요. 라우팅 테이블 `public`이 0.0.0.0/0을 인터넷 게이트웨이 `igw-main`으로 보내요(24번째 줄)")
    }
}
