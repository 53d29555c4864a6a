import InfralabSyntax

/// Rule 22: a VPC's CIDR should be a private (RFC 1918) range.
package enum VPCCIDRNotPrivate: TopologyRule {
    package static let description = RuleDescription(
        id: "vpc-cidr-not-private", severity: .warning,
        summary: LocalizedText(en: "A VPC's CIDR block should be a private (RFC 1918) range.", ko: "VPC의 CIDR 블록은 프라이빗(RFC 1918) 대역을 쓰는 게 좋아요."),
        failingExample: """
            vpcs:
              main: { cidr: ↓100.64.0.0/16 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.vpcs.filter { !$0.cidr.value.isPrivate }.map { vpc in
            let cidr = vpc.cidr.value.description
            return description.diagnostic(
                LocalizedText(
                    en: "VPC `\(vpc.name)` uses \(cidr), which is not a private range; use part of 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 so its addresses never clash with real ones on the internet",
                    ko: "VPC `\(vpc.name)`의 \(Korean.topic(cidr)) 프라이빗 대역이 아니에요. 인터넷의 실제 주소와 겹치지 않도록 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 안에서 골라 주세요"),
                at: vpc.cidr.location, length: cidr.count)
        }
    }
}
