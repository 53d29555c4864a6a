import InfralabSyntax

/// Rule 9: a NAT gateway sits in a public subnet (one routed to an internet gateway).
package enum NATGatewayInPrivateSubnet: TopologyRule {
    package static let description = RuleDescription(
        id: "nat-in-private-subnet", severity: .warning,
        summary: LocalizedText(en: "A NAT gateway sits in a public subnet, whose route table sends traffic to an internet gateway.",
                               ko: "NAT 게이트웨이는 인터넷 게이트웨이로 가는 경로가 있는 퍼블릭 서브넷에 둬요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
              private: { vpc: main, cidr: 10.0.101.0/24, az: ap-northeast-2a, route-table: private }
            route-tables:
              public: { routes: [ { to: 0.0.0.0/0, via: igw } ] }
              private: { routes: [ { to: 0.0.0.0/0, via: nat } ] }
            nat-gateways:
              nat: { subnet: ↓private, elastic-ip: 13.125.10.20 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
              private: { vpc: main, cidr: 10.0.101.0/24, az: ap-northeast-2a, route-table: private }
            route-tables:
              public: { routes: [ { to: 0.0.0.0/0, via: igw } ] }
              private: { routes: [ { to: 0.0.0.0/0, via: nat } ] }
            nat-gateways:
              nat: { subnet: public, elastic-ip: 13.125.10.20 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.natGateways.compactMap { nat in
            guard let subnet = context.subnets[nat.subnet.name] else { return nil }
            guard !context.isPublic(subnet) else { return nil }
            let table = context.routeTable(of: subnet)
            let tableText = table.map { "route table `\($0.name)`" } ?? "the VPC's implicit main route table"
            let tableKo = table.map { "라우팅 테이블 `\($0.name)`" } ?? "VPC의 기본 메인 라우팅 테이블"
            return description.diagnostic(
                LocalizedText(
                    en: "NAT gateway `\(nat.name)` is in subnet `\(subnet.name)`, and \(tableText) has no route to an internet gateway: a NAT gateway in a private subnet cannot reach the internet",
                    ko: "NAT 게이트웨이 \(Korean.topic("`\(nat.name)`")) 서브넷 `\(subnet.name)`에 있는데, \(tableKo)에는 인터넷 게이트웨이로 가는 경로가 없어요. 프라이빗 서브넷의 NAT 게이트웨이는 인터넷에 나갈 수 없어요"),
                at: nat.subnet.location, length: nat.subnet.name.count,
                notes: table.map { [.defined(.routeTable, $0.name, at: $0.location)] } ?? [],
                suggestion: LocalizedText(en: "put the NAT gateway in a public subnet", ko: "NAT 게이트웨이를 퍼블릭 서브넷에 두세요"))
        }
    }
}
