import InfralabSyntax

/// Rule 23: a subnet's CIDR is /16 to /28.
package enum SubnetCIDRSize: TopologyRule {
    package static let description = RuleDescription(
        id: "subnet-cidr-size", severity: .error,
        summary: LocalizedText(en: "A subnet's CIDR block is between /16 and /28.", ko: "서브넷의 CIDR 블록은 /16에서 /28 사이여야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              tiny: { vpc: main, cidr: ↓10.0.1.0/29, az: ap-northeast-2a }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              tiny: { vpc: main, cidr: 10.0.1.0/28, az: ap-northeast-2a }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.subnets.filter { !(16...28).contains($0.cidr.value.prefixLength) }.map { subnet in
            let cidr = subnet.cidr.value.description
            return description.diagnostic(
                LocalizedText(
                    en: "subnet `\(subnet.name)` is \(cidr); a subnet's block must be between /16 and /28 (a /28 holds 11 instances)",
                    ko: "서브넷 `\(subnet.name)`의 블록이 \(Korean.isA(cidr)). 서브넷 블록은 /16에서 /28 사이여야 해요(/28에는 인스턴스 11개가 들어가요)"),
                at: subnet.cidr.location, length: cidr.count)
        }
    }
}
