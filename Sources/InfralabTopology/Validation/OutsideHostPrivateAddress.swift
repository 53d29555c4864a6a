import InfralabSyntax

/// An outside host is seen from AWS by its public address.
package enum OutsideHostPrivateAddress: TopologyRule {
    package static let description = RuleDescription(
        id: "outside-host-private", severity: .warning,
        summary: LocalizedText(en: "An outside host is written with its public address.", ko: "외부 호스트는 퍼블릭 주소로 적어요."),
        failingExample: """
            outside:
              admin: ↓192.168.0.10
            """,
        passingExample: """
            outside:
              admin: 203.0.113.10
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.outside.filter { $0.cidr.value.isPrivate }.map { host in
            let cidr = host.cidr.value.prefixLength == 32 ? host.cidr.value.address.description : host.cidr.value.description
            return description.diagnostic(
                LocalizedText(en: "outside host `\(host.name)` has the private address \(cidr); from AWS, it is seen as its router's public address",
                              ko: "외부 호스트 `\(host.name)`의 주소 \(Korean.topic(cidr)) 프라이빗 주소예요. AWS에서는 그 공유기의 퍼블릭 주소로 보여요"),
                at: host.cidr.location, length: cidr.count,
                suggestion: LocalizedText(en: "write the public address (search \"what is my IP\")", ko: "퍼블릭 주소를 적어 주세요(\"내 IP 확인\"으로 찾을 수 있어요)"))
        }
    }
}
