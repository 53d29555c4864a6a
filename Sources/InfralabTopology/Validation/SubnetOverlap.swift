import InfralabSyntax

/// Rule 23: subnets of one VPC do not overlap (seeds 004 ships two public subnets both
/// `10.30.1.0/24`).
package enum SubnetOverlap: TopologyRule {
    package static let description = RuleDescription(
        id: "subnet-overlap", severity: .error,
        summary: LocalizedText(en: "Subnets of one VPC do not overlap.", ko: "한 VPC의 서브넷끼리는 주소가 겹치면 안 돼요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.30.0.0/16 }
            subnets:
              public-2a: { vpc: main, cidr: 10.30.1.0/24, az: ap-northeast-2a }
              public-2c: { vpc: main, cidr: ↓10.30.1.0/24, az: ap-northeast-2c }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.30.0.0/16 }
            subnets:
              public-2a: { vpc: main, cidr: 10.30.1.0/24, az: ap-northeast-2a }
              public-2c: { vpc: main, cidr: 10.30.2.0/24, az: ap-northeast-2c }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let subnets = context.topology.subnets
        for (index, subnet) in subnets.enumerated() {
            guard let earlier = subnets[..<index].first(where: { $0.vpc.name == subnet.vpc.name && $0.cidr.value.overlaps(subnet.cidr.value) })
            else { continue }
            let cidr = subnet.cidr.value.description, other = earlier.cidr.value.description
            diagnostics.append(description.diagnostic(
                LocalizedText(en: "subnet `\(subnet.name)` (\(cidr)) overlaps subnet `\(earlier.name)` (\(other)) in VPC `\(subnet.vpc.name)`",
                              ko: "서브넷 `\(subnet.name)`(\(cidr))의 주소가 같은 VPC `\(subnet.vpc.name)`의 서브넷 `\(earlier.name)`\(Korean.and("(\(other))")) 겹쳐요"),
                at: subnet.cidr.location, length: cidr.count,
                notes: [.init(LocalizedText(en: "subnet `\(earlier.name)` is \(other)", ko: "서브넷 `\(earlier.name)`의 블록은 \(Korean.isA(other))"),
                              at: earlier.cidr.location)],
                suggestion: LocalizedText(en: "give each subnet its own block, such as the next free /\(subnet.cidr.value.prefixLength)",
                                          ko: "서브넷마다 다른 블록을 주세요(예: 비어 있는 다음 /\(subnet.cidr.value.prefixLength))")))
        }
        return diagnostics
    }
}
