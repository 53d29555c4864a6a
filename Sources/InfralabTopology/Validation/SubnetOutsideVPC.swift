import InfralabSyntax

/// Rule 23: a subnet's CIDR lies inside its VPC's CIDR.
package enum SubnetOutsideVPC: TopologyRule {
    package static let description = RuleDescription(
        id: "subnet-outside-vpc", severity: .error,
        summary: LocalizedText(en: "A subnet's CIDR block lies inside its VPC's block.", ko: "서브넷의 CIDR 블록은 VPC 블록 안에 있어야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: ↓10.1.1.0/24, az: ap-northeast-2a }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.subnets.compactMap { subnet in
            guard let vpc = context.vpcs[subnet.vpc.name], !vpc.cidr.value.contains(subnet.cidr.value) else { return nil }
            let subnetCIDR = subnet.cidr.value.description, vpcCIDR = vpc.cidr.value.description
            return description.diagnostic(
                LocalizedText(en: "subnet `\(subnet.name)` (\(subnetCIDR)) is not inside VPC `\(vpc.name)` (\(vpcCIDR))",
                              ko: "\(Korean.subject("서브넷 `\(subnet.name)`(\(subnetCIDR))")) VPC `\(vpc.name)`(\(vpcCIDR)) 범위 밖에 있어요"),
                at: subnet.cidr.location, length: subnetCIDR.count,
                notes: [.init(LocalizedText(en: "VPC `\(vpc.name)` is \(vpcCIDR)", ko: "VPC `\(vpc.name)`의 블록은 \(Korean.isA(vpcCIDR))"),
                              at: vpc.cidr.location)])
        }
    }
}
