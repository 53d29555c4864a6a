import InfralabSyntax

/// Rule 25: a subnet lies in one AZ. Warned only when its VPC has more than one subnet:
/// a single subnet's AZ changes nothing a learner can observe, while with several,
/// AZ outages and load balancers depend on where each one is.
package enum SubnetWithoutAZ: TopologyRule {
    package static let description = RuleDescription(
        id: "subnet-without-az", severity: .warning,
        summary: LocalizedText(en: "When a VPC has several subnets, each says its availability zone (`az:`).",
                               ko: "VPC에 서브넷이 여러 개면, 서브넷마다 가용 영역(`az:`)을 적어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              ↓public-c: { vpc: main, cidr: 10.0.2.0/24 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              public-c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        let subnets = context.topology.subnets
        return subnets.filter { subnet in
            subnet.availabilityZone == nil && subnets.filter { $0.vpc.name == subnet.vpc.name }.count > 1
        }.map { subnet in
            description.diagnostic(
                LocalizedText(en: "subnet `\(subnet.name)` has no `az`; with several subnets, say which availability zone each is in",
                              ko: "서브넷 `\(subnet.name)`에 `az`가 없어요. 서브넷이 여러 개면 각각 어느 가용 영역에 있는지 적어 주세요"),
                at: subnet.location, length: subnet.name.count)
        }
    }
}
