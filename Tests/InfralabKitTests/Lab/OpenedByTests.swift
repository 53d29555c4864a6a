import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage

/// A "must not" path opened by a route or a public address, not by a security-group
/// rule, points at that route or that `public-ip:`/`elastic-ip:` line and says so.
@Suite struct OpenedByTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    /// Mission 3's shortcut with other names and addresses: the outside host `admin` (the
    /// mission's name for it) at another address, the
    /// gateway `gw-1`, the DB `store` (its public address at line 26, column 40) in `back-a`, whose
    /// table `inner` routes `admin` to the gateway (line 15, column 9) and whose group
    /// admits 22 from `admin` (line 22, column 9); the bastion `jump`.
    func shortcut(route: Bool, publicAddress: String = "public-ip: true") -> String {
        """
        outside:
          admin: 198.51.100.7
        vpcs:
          core: { cidr: 172.20.0.0/16, region: ap-northeast-2, internet-gateway: gw-1 }
        subnets:
          front-a: { vpc: core, cidr: 172.20.1.0/24, az: ap-northeast-2a, route-table: outer }
          front-c: { vpc: core, cidr: 172.20.2.0/24, az: ap-northeast-2c, route-table: outer }
          back-a: { vpc: core, cidr: 172.20.11.0/24, az: ap-northeast-2a, route-table: inner }
          back-c: { vpc: core, cidr: 172.20.12.0/24, az: ap-northeast-2c, route-table: inner }
        route-tables:
          outer:
            routes: [ { to: 0.0.0.0/0, via: gw-1 } ]
          inner:
            routes:
              \(route ? "- { to: admin, via: gw-1 }" : "- { to: 0.0.0.0/0, via: gw-1 }")
        security-groups:
          app:
            inbound: [ { port: 80, from: internet }, { port: 22, from: admin } ]
          store:
            inbound:
              - { port: 3306, from: app }
              - { port: 22, from: admin }
        instances:
          web: { subnet: front-a, public-ip: true, security-groups: [app], role: was }
          jump: { subnet: front-c, public-ip: true, security-groups: [app], role: bastion }
          store: { subnet: back-a, \(publicAddress), security-groups: [store], role: db }
        """
    }

    func finding(_ text: String, mission: String, step: String, requirement: String) throws -> Finding {
        let mission = try #require(Self.pack.missions.first { $0.id == mission })
        let step = try #require(mission.step(withID: step))
        let grade = Grader(TopologyLoader.load(text: text, file: "t.yaml"), file: "t.yaml").grade(mission: mission, step: step)
        let result = try #require(grade.results.first { $0.requirement.id == requirement })
        #expect(!result.passed, "admin → store on 22 gets through directly")
        return try #require(result.findings.first)
    }

    @Test("the shortcut's `unreachable`: the caret on the route that sends `admin` to the gateway, not the group's `22 from admin`")
    func shortcutRoute() throws {
        let f = try finding(shortcut(route: true), mission: "vpc-split", step: "shortcut", requirement: "db-closed-to-outside")
        #expect(f.location == SourceLocation(file: "t.yaml", line: 15, column: 9), "the route `{ to: admin, via: gw-1 }`, not 22:9")
        #expect(f.message.en.contains("It comes in at `store`'s public address, and the route table `inner` of its subnet `back-a` sends admin to internet gateway `gw-1` (line 15), so that subnet talks to the internet directly: remove that route"), "\(f.message.en)")
        #expect(f.message.text(.ko).contains("`store`가 있는 서브넷 `back-a`의 라우팅 테이블 `inner`가 admin을 인터넷 게이트웨이 `gw-1`로 보내서(15번째 줄) 이 서브넷이 인터넷과 바로 통신해요. 이 라우트를 지워 주세요"), "\(f.message.text(.ko))")
    }

    @Test("SSH to the DB only through the bastion, opened by the DB's Elastic IP in a public subnet: the caret on `elastic-ip:`")
    func onlyThroughElastic() throws {
        let text = shortcut(route: false, publicAddress: "elastic-ip: 3.38.7.9")
        let f = try finding(text, mission: "bastion", step: "db-through-bastion", requirement: "db-ssh-via-bastion")
        #expect(f.location == SourceLocation(file: "t.yaml", line: 26, column: 40), "the Elastic IP's address, not 22:9")
        #expect(f.message.en.contains("It comes in at `store`'s public address (`elastic-ip: 3.38.7.9`), and no rule of `store` serves the whole internet: remove the public address"), "\(f.message.en)")
        #expect(f.message.text(.ko).contains("`store`의 퍼블릭 주소(`elastic-ip: 3.38.7.9`)로 들어와요. `store`에는 인터넷 전체에 열어 둔 규칙이 없으니 퍼블릭 주소를 없애 주세요"), "\(f.message.text(.ko))")
    }

    @Test("a web server whose group serves the whole internet keeps the caret on the rule that admits the flow")
    func servingServerKeepsRule() throws {
        // Mission 3's `db-unreachable` (internet → DB on 3306) against a DB that also serves 80 to everyone.
        let text = shortcut(route: false).replacingOccurrences(of: "- { port: 3306, from: app }", with: "- { port: 3306, from: internet }")
        let f = try finding(text, mission: "vpc-split", step: "move-in", requirement: "db-unreachable")
        #expect(f.location == SourceLocation(file: "t.yaml", line: 21, column: 9), "the rule `3306 from internet`")
        #expect(!f.message.en.contains("public address ("), "\(f.message.en)")
    }
}
