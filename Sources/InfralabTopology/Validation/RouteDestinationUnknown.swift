import InfralabSyntax

/// A route's `to` is a CIDR block or an outside host's name.
package enum RouteDestinationUnknown: TopologyRule {
    package static let description = RuleDescription(
        id: "route-destination-unknown", severity: .error,
        summary: LocalizedText(en: "A route's `to` is a CIDR block, `internet`, or an outside host's name.",
                               ko: "경로의 `to`에는 CIDR 블록, `internet`, 외부 호스트 이름 중 하나를 적어요."),
        failingExample: """
            outside:
              office: 198.51.100.0/24
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            instances:
              vpn: { subnet: app }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            route-tables:
              app:
                main: true
                routes:
                  - { to: ↓ofice, via: vpn }
            """,
        passingExample: """
            outside:
              office: 198.51.100.0/24
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            instances:
              vpn: { subnet: app }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            route-tables:
              app:
                main: true
                routes:
                  - { to: office, via: vpn }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.routeTables.flatMap { table in
            table.routes.compactMap { route -> Diagnostic? in
                guard case .outsideHost(let name) = route.destination.value, context.outside[name] == nil else { return nil }
                return description.diagnostic(
                    LocalizedText(en: "route destination `\(name)` is neither a CIDR block nor an outside host",
                                  ko: "경로의 목적지 \(Korean.topic("`\(name)`")) CIDR 블록도 외부 호스트도 아니에요"),
                    at: route.destination.location, length: name.count,
                    suggestion: context.suggestion(for: name, among: [.outsideHost])
                        ?? LocalizedText(en: "write a CIDR block such as `0.0.0.0/0`, or name a host under `outside:`",
                                         ko: "`0.0.0.0/0` 같은 CIDR 블록을 적거나 `outside:`에 있는 호스트 이름을 적어 주세요"))
            }
        }
    }
}
