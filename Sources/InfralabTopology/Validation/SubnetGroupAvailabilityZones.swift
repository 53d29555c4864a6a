import InfralabSyntax

/// AWS's rule for a DB subnet group (and an ElastiCache one used for Multi-AZ): at
/// least two subnets, in at least two availability zones (RDS API CreateDBSubnetGroup,
/// `DBSubnetGroupDoesNotCoverEnoughAZs`). A subnet without `az:` is counted as an AZ of
/// its own (`subnet-without-az` asks for it).
package enum SubnetGroupAvailabilityZones: TopologyRule {
    package static let description = RuleDescription(
        id: "subnet-group-azs", severity: .error,
        summary: LocalizedText(en: "A subnet group has at least two subnets, in at least two availability zones.",
                               ko: "서브넷 그룹에는 서브넷이 두 개 이상, 가용 영역 두 곳 이상에 걸쳐 있어야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-a2: { cidr: 10.0.12.0/24, az: ap-northeast-2a }
            subnet-groups:
              ↓data: { subnets: [private-a, private-a2] }
              ↓solo: { subnets: [private-a] }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [private-a, private-c] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.subnetGroups.enumerated().compactMap { g, group in
            let subnets = context.index.subnetGroupSubnets[g].map { context.topology.subnets[$0] }
            // Unknown names are reported as such; judge only what resolves.
            guard subnets.count == group.subnets.count || subnets.count >= 2 else { return nil }
            var zones = Set<String>()
            for subnet in subnets { zones.insert(subnet.availabilityZone?.value ?? "subnet:\(subnet.name)") }
            if subnets.count < 2 {
                return description.diagnostic(
                    LocalizedText(en: "subnet group `\(group.name)` has \(subnets.count) subnet; AWS needs at least two, in two availability zones",
                                  ko: "서브넷 그룹 `\(group.name)`에 서브넷이 \(subnets.count)개뿐이에요. AWS는 가용 영역 두 곳에 걸친 서브넷 두 개 이상을 요구해요"),
                    at: group.location, length: group.name.count,
                    suggestion: LocalizedText(en: "add a subnet in another availability zone", ko: "다른 가용 영역의 서브넷을 추가해 주세요"))
            }
            guard zones.count < 2, let zone = subnets.first?.availabilityZone?.value else { return nil }
            return description.diagnostic(
                LocalizedText(en: "every subnet of subnet group `\(group.name)` is in \(zone); AWS needs subnets in at least two availability zones",
                              ko: "서브넷 그룹 `\(group.name)`의 서브넷이 모두 \(zone)에 있어요. AWS는 가용 영역 두 곳 이상의 서브넷을 요구해요"),
                at: group.location, length: group.name.count,
                suggestion: LocalizedText(en: "add a subnet in another availability zone", ko: "다른 가용 영역의 서브넷을 추가해 주세요"))
        }
    }
}
