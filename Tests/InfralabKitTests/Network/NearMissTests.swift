import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

/// When no security-group rule admits a flow, the explanation points at the rule for that
/// port that admits someone else — the line the learner most likely meant.
@Suite struct NearMissTests {
    static let text = """
        outside:
          admin: 203.0.113.10
        vpcs:
          main: { cidr: 10.0.0.0/16, internet-gateway: igw }
        subnets:
          public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
          private-a: { vpc: main, cidr: 10.0.101.0/24, az: ap-northeast-2a }
        route-tables:
          public:
            routes:
              - { to: 0.0.0.0/0, via: igw }
        security-groups:
          bastion:
            inbound:
              - { port: 22, from: admin }
          db:
            inbound:
              - { port: 3306, from: 10.0.0.0/16 }
              - { port: 22, from: 13.125.10.11 }
        instances:
          bastion: { subnet: public-a, elastic-ip: 13.125.10.11, security-groups: [bastion] }
          db: { subnet: private-a, security-groups: [db] }
        """

    @Test("SSH from the bastion to a rule naming its Elastic IP: pointed at that rule, with why")
    func publicAddressNamedInsteadOfGroup() throws {
        let topology = try #require(TopologyLoader.load(text: Self.text, file: "t.yaml").topology)
        let result = NetworkEngine(topology: topology).evaluate(FlowQuery(from: .named("bastion"), to: .named("db"), port: 22))
        #expect(!result.isReachable)
        #expect(result.reason.code == .securityGroupIngress)
        #expect(result.reason.location?.line == 19, "the `{ port: 22, from: 13.125.10.11 }` rule")
        #expect(result.reason.message.en.contains("admits only 13.125.10.11/32"))
        #expect(result.reason.message.en.contains("name the sender's security group"))
        #expect(result.reason.message.ko?.contains("보내는 쪽의 보안 그룹 이름을 적어") == true)
    }

    @Test("with no rule for the port at all, it points at the group")
    func noRuleForPort() throws {
        let topology = try #require(TopologyLoader.load(text: Self.text, file: "t.yaml").topology)
        let result = NetworkEngine(topology: topology).evaluate(FlowQuery(from: .named("bastion"), to: .named("db"), port: 8080))
        #expect(result.reason.code == .securityGroupIngress)
        #expect(result.reason.location?.line == 16, "the `db:` group")
        #expect(!result.reason.message.en.contains("admits only"))
    }
}
