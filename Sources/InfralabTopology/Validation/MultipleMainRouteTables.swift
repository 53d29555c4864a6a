import InfralabSyntax

/// Rule 1: a VPC has one main route table.
package enum MultipleMainRouteTables: TopologyRule {
    package static let description = RuleDescription(
        id: "multiple-main-route-tables", severity: .error,
        summary: LocalizedText(en: "A VPC has at most one main route table.", ko: "VPC 하나에 메인 라우팅 테이블은 하나뿐이에요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            route-tables:
              public: { vpc: main, main: true, routes: [ { to: 0.0.0.0/0, via: igw } ] }
              ↓private: { vpc: main, main: true }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            route-tables:
              public: { vpc: main, routes: [ { to: 0.0.0.0/0, via: igw } ] }
              private: { vpc: main, main: true }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var firstMain: [String: RouteTable] = [:]
        var diagnostics: [Diagnostic] = []
        for table in context.topology.routeTables where table.isMain {
            guard let vpc = table.vpc?.name else { continue }
            guard let first = firstMain[vpc] else {
                firstMain[vpc] = table
                continue
            }
            diagnostics.append(description.diagnostic(
                LocalizedText(en: "VPC `\(vpc)` already has a main route table, `\(first.name)`; route table `\(table.name)` cannot be main too",
                              ko: "VPC `\(vpc)`에는 이미 메인 라우팅 테이블 \(Korean.subject("`\(first.name)`")) 있어요. 라우팅 테이블 `\(table.name)`까지 메인일 수는 없어요"),
                at: table.location, length: table.name.count,
                notes: [.init(LocalizedText(en: "`\(first.name)` is the main table", ko: "\(Korean.subject("`\(first.name)`")) 메인 테이블이에요"), at: first.location)],
                suggestion: LocalizedText(en: "remove `main: true` from one of them; subnets without `route-table:` use the main one",
                                          ko: "둘 중 하나에서 `main: true`를 지워 주세요. `route-table:`이 없는 서브넷은 메인 테이블을 써요")))
        }
        return diagnostics
    }
}
