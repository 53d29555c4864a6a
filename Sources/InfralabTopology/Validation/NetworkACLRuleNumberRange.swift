import InfralabSyntax

/// Rule 18: network ACL rule numbers are 1 to 32766.
package enum NetworkACLRuleNumberRange: TopologyRule {
    package static let description = RuleDescription(
        id: "nacl-rule-number-range", severity: .error,
        summary: LocalizedText(en: "A network ACL rule number is between 1 and 32766.", ko: "네트워크 ACL 규칙 번호는 1에서 32766 사이예요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            network-acls:
              strict:
                inbound:
                  - { rule: ↓0, action: allow, port: 443, cidr: 0.0.0.0/0 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            network-acls:
              strict:
                inbound:
                  - { rule: 100, action: allow, port: 443, cidr: 0.0.0.0/0 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.networkACLs.flatMap { acl in
            (acl.inbound + acl.outbound).filter { !(1...32766).contains($0.number.value) }.map { rule in
                let text = String(rule.number.value)
                return description.diagnostic(
                    LocalizedText(en: "network ACL rule number \(text) is out of range: use 1 to 32766 (lower numbers are checked first)",
                                  ko: "네트워크 ACL 규칙 번호 \(Korean.topic(text)) 쓸 수 없는 값이에요. 1부터 32766까지 쓸 수 있어요(작은 번호부터 먼저 검사해요)"),
                    at: rule.number.location, length: text.count)
            }
        }
    }
}
