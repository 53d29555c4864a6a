import InfralabSyntax

/// A subnet group's subnets all belong to one VPC (RDS API CreateDBSubnetGroup,
/// `InvalidSubnet`); the first subnet's VPC is the group's.
package enum SubnetGroupOneVPC: TopologyRule {
    package static let description = RuleDescription(
        id: "subnet-group-one-vpc", severity: .error,
        summary: LocalizedText(en: "A subnet group's subnets are all in one VPC.",
                               ko: "서브넷 그룹의 서브넷은 모두 같은 VPC에 있어야 해요."),
        failingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.11.0/24, az: ap-northeast-2a }
              blue-c: { vpc: blue, cidr: 10.0.12.0/24, az: ap-northeast-2c }
              green-c: { vpc: green, cidr: 10.1.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [blue-a, blue-c, ↓green-c] }
            """,
        passingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.11.0/24, az: ap-northeast-2a }
              blue-c: { vpc: blue, cidr: 10.0.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [blue-a, blue-c] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.subnetGroups.flatMap { group -> [Diagnostic] in
            let listed = group.subnets.compactMap { reference in context.subnets[reference.name].map { (reference, $0) } }
            guard let (firstReference, first) = listed.first else { return [] }
            let vpc = first.vpc.name
            return listed.dropFirst().filter { $0.1.vpc.name != vpc }.map { reference, subnet in
                description.diagnostic(
                    LocalizedText(en: "subnet `\(subnet.name)` is in VPC `\(subnet.vpc.name)`, but subnet group `\(group.name)` is in VPC `\(vpc)` (its first subnet's)",
                                  ko: "서브넷 \(Korean.topic("`\(subnet.name)`")) VPC `\(subnet.vpc.name)`에 있는데, 서브넷 그룹 \(Korean.topic("`\(group.name)`")) 첫 서브넷을 따라 VPC `\(vpc)`에 있어요"),
                    at: reference.location, length: reference.name.count,
                    notes: [.init(LocalizedText(en: "`\(first.name)` puts the group in VPC `\(vpc)`", ko: "\(Korean.subject("`\(first.name)`")) 그룹의 VPC를 \(Korean.toward("`\(vpc)`")) 정해요"),
                                  at: firstReference.location)],
                    suggestion: LocalizedText(en: "list subnets of VPC `\(vpc)` only", ko: "VPC `\(vpc)`의 서브넷만 적어 주세요"))
            }
        }
    }
}
