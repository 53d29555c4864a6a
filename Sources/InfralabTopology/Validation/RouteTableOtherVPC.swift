import InfralabSyntax

/// Rule 1: a route table belongs to one VPC, and only that VPC's subnets use it.
package enum RouteTableOtherVPC: TopologyRule {
    package static let description = RuleDescription(
        id: "route-table-other-vpc", severity: .error,
        summary: LocalizedText(en: "A route table is used only by subnets of its own VPC.", ko: "라우팅 테이블은 자기 VPC의 서브넷만 쓸 수 있어요."),
        failingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: shared }
              green-a: { vpc: green, cidr: 10.1.1.0/24, az: ap-northeast-2a, route-table: ↓shared }
            route-tables:
              shared: { routes: [] }
            """,
        passingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: blue-routes }
              green-a: { vpc: green, cidr: 10.1.1.0/24, az: ap-northeast-2a, route-table: green-routes }
            route-tables:
              blue-routes: { routes: [] }
              green-routes: { routes: [] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.subnets.compactMap { subnet in
            guard let reference = subnet.routeTable, let table = context.routeTables[reference.name],
                  let vpc = table.vpc?.name, vpc != subnet.vpc.name else { return nil }
            return description.diagnostic(
                LocalizedText(en: "subnet `\(subnet.name)` is in VPC `\(subnet.vpc.name)`, but route table `\(table.name)` belongs to VPC `\(vpc)`",
                              ko: "서브넷 \(Korean.topic("`\(subnet.name)`")) VPC `\(subnet.vpc.name)`에 있는데, 라우팅 테이블 \(Korean.topic("`\(table.name)`")) VPC `\(vpc)`의 것이에요"),
                at: reference.location, length: reference.name.count,
                notes: [.init(LocalizedText(en: "route table `\(table.name)` belongs to VPC `\(vpc)`", ko: "라우팅 테이블 \(Korean.topic("`\(table.name)`")) VPC `\(vpc)`의 것이에요"),
                              at: table.vpc?.location ?? table.location)],
                suggestion: LocalizedText(en: "give each VPC its own route table", ko: "VPC마다 라우팅 테이블을 따로 만들어 주세요"))
        }
    }
}
