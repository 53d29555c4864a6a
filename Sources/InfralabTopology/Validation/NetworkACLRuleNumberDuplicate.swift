import InfralabSyntax

/// Rule 18: within one direction of a network ACL, each rule number is used once.
package enum NetworkACLRuleNumberDuplicate: TopologyRule {
    package static let description = RuleDescription(
        id: "nacl-rule-number-duplicate", severity: .error,
        summary: LocalizedText(en: "Within one direction of a network ACL, rule numbers are unique.", ko: "네트워크 ACL의 한 방향 안에서 규칙 번호는 겹치면 안 돼요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            network-acls:
              strict:
                inbound:
                  - { rule: 100, action: allow, port: 443, cidr: 0.0.0.0/0 }
                  - { rule: ↓100, action: allow, port: 1024-65535, cidr: 0.0.0.0/0 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            network-acls:
              strict:
                inbound:
                  - { rule: 100, action: allow, port: 443, cidr: 0.0.0.0/0 }
                  - { rule: 110, action: allow, port: 1024-65535, cidr: 0.0.0.0/0 }
                outbound:
                  - { rule: 100, action: allow, port: 1024-65535, cidr: 0.0.0.0/0 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for acl in context.topology.networkACLs {
            for (rules, direction) in [(acl.inbound, LocalizedText(en: "inbound", ko: "인바운드")), (acl.outbound, LocalizedText(en: "outbound", ko: "아웃바운드"))] {
                var seen: [Int: NetworkACLRule] = [:]
                for rule in rules {
                    guard let first = seen[rule.number.value] else {
                        seen[rule.number.value] = rule
                        continue
                    }
                    let text = String(rule.number.value)
                    diagnostics.append(description.diagnostic(
                        LocalizedText(en: "network ACL `\(acl.name)` already has \(direction.en) rule \(text)",
                                      ko: "네트워크 ACL `\(acl.name)`에 \(direction.ko ?? direction.en) 규칙 \(Korean.subject(text)) 이미 있어요"),
                        at: rule.number.location, length: text.count,
                        notes: [.init(LocalizedText(en: "rule \(text) is first written here", ko: "규칙 \(Korean.topic(text)) 여기에 먼저 적혀 있어요"), at: first.number.location)],
                        suggestion: LocalizedText(en: "number rules in steps (100, 110, 120, …) so each has its own", ko: "규칙마다 번호가 다르도록 100, 110, 120 …처럼 띄워서 매겨 주세요")))
                }
            }
        }
        return diagnostics
    }
}
