import InfralabSyntax

/// Rule 9: a public NAT gateway has an Elastic IP.
package enum NATGatewayWithoutElasticIP: TopologyRule {
    package static let description = RuleDescription(
        id: "nat-without-elastic-ip", severity: .error,
        summary: LocalizedText(en: "A (public) NAT gateway has an Elastic IP.", ko: "(퍼블릭) NAT 게이트웨이에는 탄력적 IP가 있어야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            route-tables:
              public: { main: true, routes: [ { to: 0.0.0.0/0, via: igw } ] }
            nat-gateways:
              ↓nat-a: { subnet: public }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            route-tables:
              public: { main: true, routes: [ { to: 0.0.0.0/0, via: igw } ] }
            nat-gateways:
              nat-a: { subnet: public, elastic-ip: 13.125.10.20 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.natGateways.filter { $0.elasticIP == nil && !context.facts.natGatewaysWritingElasticIP.contains($0.name) }.map { nat in
            description.diagnostic(
                LocalizedText(en: "NAT gateway `\(nat.name)` has no `elastic-ip`: a public NAT gateway needs an Elastic IP to reach the internet",
                              ko: "NAT 게이트웨이 `\(nat.name)`에 `elastic-ip`가 없어요. 퍼블릭 NAT 게이트웨이가 인터넷에 나가려면 탄력적 IP가 필요해요"),
                at: nat.location, length: nat.name.count,
                suggestion: LocalizedText(en: "add `elastic-ip: A.B.C.D` (a public address)", ko: "`elastic-ip: A.B.C.D`(퍼블릭 주소)를 추가해 주세요"))
        }
    }
}
