import InfralabSyntax

/// Rule 3: a route table has one route per destination.
package enum DuplicateRoute: TopologyRule {
    package static let description = RuleDescription(
        id: "duplicate-route", severity: .error,
        summary: LocalizedText(en: "A route table has one route per destination.", ko: "라우팅 테이블에는 목적지마다 경로가 하나만 있어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            nat-gateways:
              nat: { subnet: public, elastic-ip: 13.125.10.20 }
            route-tables:
              public:
                main: true
                routes:
                  - { to: 0.0.0.0/0, via: igw }
                  - { to: ↓0.0.0.0/0, via: nat }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            route-tables:
              public:
                main: true
                routes:
                  - { to: 0.0.0.0/0, via: igw }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for table in context.topology.routeTables {
            var seen: [String: Route] = [:]
            for route in table.routes {
                let key = destinationText(route.destination.value, context)
                guard let first = seen[key] else {
                    seen[key] = route
                    continue
                }
                diagnostics.append(description.diagnostic(
                    LocalizedText(en: "route table `\(table.name)` already has a route to \(key) (via `\(first.target.name)`)",
                                  ko: "라우팅 테이블 `\(table.name)`에는 이미 \(Korean.toward(key)) 가는 경로가 있어요(`\(first.target.name)` 경유)"),
                    at: route.destination.location, length: key.count,
                    notes: [.init(LocalizedText(en: "the first route to \(key)", ko: "\(Korean.toward(key)) 가는 첫 경로"), at: first.destination.location)],
                    suggestion: LocalizedText(en: "keep one of them: a destination has exactly one target", ko: "하나만 남겨 주세요. 목적지마다 대상은 하나예요")))
            }
        }
        return diagnostics
    }

    static func destinationText(_ destination: Route.Destination, _ context: ValidationContext) -> String {
        switch destination {
        case .cidr(let cidr): cidr.description
        case .outsideHost(let name): context.outside[name]?.cidr.value.description ?? name
        }
    }
}
