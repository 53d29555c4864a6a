import InfralabSyntax

/// Rules 4 and 6: a route via an internet gateway not attached to the table's VPC is a blackhole.
package enum RouteViaDetachedInternetGateway: TopologyRule {
    package static let description = RuleDescription(
        id: "route-via-detached-igw", severity: .warning,
        summary: LocalizedText(en: "A route via an internet gateway uses one attached to the route table's VPC.",
                               ko: "인터넷 게이트웨이로 가는 경로는 라우팅 테이블의 VPC에 연결된 게이트웨이를 써요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            internet-gateways:
              igw-spare: {}
            route-tables:
              public:
                main: true
                routes:
                  - { to: 0.0.0.0/0, via: ↓igw-spare }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            internet-gateways:
              igw-spare: { vpc: main }
            route-tables:
              public:
                main: true
                routes:
                  - { to: 0.0.0.0/0, via: igw-spare }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.routeTables.flatMap { table -> [Diagnostic] in
            guard let vpc = table.vpc?.name else { return [] }
            return table.routes.compactMap { route in
                guard context.target(of: route).kind == .internetGateway, let igw = context.internetGateways[route.target.name],
                      igw.vpc?.name != vpc else { return nil }
                let message: LocalizedText
                if let attached = igw.vpc?.name {
                    message = LocalizedText(
                        en: "internet gateway `\(igw.name)` is attached to VPC `\(attached)`, not to `\(vpc)`: this route is a blackhole",
                        ko: "인터넷 게이트웨이 \(Korean.topic("`\(igw.name)`")) \(Korean.subject("`\(vpc)`")) 아니라 VPC `\(attached)`에 연결돼 있어요. 이 경로는 블랙홀이에요")
                } else {
                    message = LocalizedText(
                        en: "internet gateway `\(igw.name)` is not attached to any VPC: this route is a blackhole",
                        ko: "인터넷 게이트웨이 \(Korean.topic("`\(igw.name)`")) 어느 VPC에도 연결돼 있지 않아요. 이 경로는 블랙홀이에요")
                }
                return description.diagnostic(
                    message, at: route.target.location, length: route.target.name.count,
                    notes: [.defined(.internetGateway, igw.name, at: igw.location)],
                    suggestion: LocalizedText(en: "attach it with `vpc: \(vpc)`, or write `internet-gateway: \(igw.name)` on the VPC",
                                              ko: "\(Korean.toward("`vpc: \(vpc)`")) 연결하거나 VPC에 \(Korean.object("`internet-gateway: \(igw.name)`")) 적어 주세요"))
            }
        }
    }
}
