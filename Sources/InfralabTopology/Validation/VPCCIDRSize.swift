import InfralabSyntax

/// Rule 22: a VPC's CIDR is /16 to /28.
package enum VPCCIDRSize: TopologyRule {
    package static let description = RuleDescription(
        id: "vpc-cidr-size", severity: .error,
        summary: LocalizedText(en: "A VPC's CIDR block is between /16 and /28.", ko: "VPC의 CIDR 블록은 /16에서 /28 사이여야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: ↓10.0.0.0/8 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.vpcs.filter { !(16...28).contains($0.cidr.value.prefixLength) }.map { vpc in
            let cidr = vpc.cidr.value.description
            return description.diagnostic(
                LocalizedText(
                    en: "VPC `\(vpc.name)` has the CIDR block \(cidr); a VPC's block must be between /16 (65,536 addresses) and /28 (16 addresses)",
                    ko: "VPC `\(vpc.name)`의 CIDR 블록이 \(Korean.isA(cidr)). VPC 블록은 /16(주소 65,536개)에서 /28(주소 16개) 사이여야 해요"),
                at: vpc.cidr.location, length: cidr.count)
        }
    }
}
