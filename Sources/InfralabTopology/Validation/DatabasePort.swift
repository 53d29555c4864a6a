import InfralabSyntax

/// RDS takes a database port from 1150 to 65535 for MySQL, MariaDB and PostgreSQL
/// (RDS API CreateDBInstance, `Port`): `port: 80` or `port: 443` is refused.
package enum DatabasePort: TopologyRule {
    package static let description = RuleDescription(
        id: "database-port-range", severity: .error,
        summary: LocalizedText(en: "A database's port is between 1150 and 65535 (RDS refuses lower ports).",
                               ko: "데이터베이스 포트는 1150부터 65535 사이여야 해요(RDS는 더 낮은 포트를 받지 않아요)."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [private-a, private-c] }
            databases:
              orders: { engine: mysql, port: ↓443, subnet-group: data }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [private-a, private-c] }
            databases:
              orders: { engine: mysql, port: 3307, subnet-group: data }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.databases.compactMap { database in
            guard let port = database.port, port.value < 1150 else { return nil }
            return description.diagnostic(
                LocalizedText(en: "database `\(database.name)` cannot listen on port \(port.value): RDS takes ports 1150–65535",
                              ko: "데이터베이스 \(Korean.topic("`\(database.name)`")) \(port.value)번 포트를 쓸 수 없어요. RDS는 1150–65535 포트만 받아요"),
                at: port.location, length: String(port.value).count,
                suggestion: LocalizedText(en: "leave `port:` out for \(database.engine.value.rawValue)'s \(database.engine.value.defaultPort)",
                                          ko: "`port:`를 지우면 \(database.engine.value.rawValue) 기본 포트 \(Korean.subject(String(database.engine.value.defaultPort))) 쓰여요"))
        }
    }
}
