import InfralabSyntax

/// Rule 4: a route to a target that does not exist drops traffic.
package enum RouteBlackhole: TopologyRule {
    package static let description = RuleDescription(
        id: "route-blackhole", severity: .warning,
        summary: LocalizedText(en: "A route's `via` names an internet gateway, NAT gateway, instance or outside host that exists.",
                               ko: "경로의 `via`에는 실제로 있는 인터넷 게이트웨이, NAT 게이트웨이, 인스턴스, 외부 호스트를 적어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw-main }
            route-tables:
              public:
                main: true
                routes:
                  - { to: 0.0.0.0/0, via: ↓igw-mian }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw-main }
            route-tables:
              public:
                main: true
                routes:
                  - { to: 0.0.0.0/0, via: igw-main }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.routeTables.flatMap { table in
            table.routes.filter { if case .missing = context.target(of: $0) { true } else { false } }.map { route in
                let target = route.target.name
                let destination = DuplicateRoute.destinationText(route.destination.value, context)
                return description.diagnostic(
                    LocalizedText(en: "route to \(destination) goes via `\(target)`, which does not exist: traffic is dropped (a blackhole)",
                                  ko: "\(Korean.toward(destination)) 가는 경로가 없는 대상 \(Korean.toward("`\(target)`")) 향해요. 트래픽이 버려져요(블랙홀)"),
                    at: route.target.location, length: target.count,
                    suggestion: context.suggestion(for: target, among: [.internetGateway, .natGateway, .instance, .outsideHost]))
            }
        }
    }
}
