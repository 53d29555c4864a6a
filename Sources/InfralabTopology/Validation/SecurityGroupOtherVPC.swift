import InfralabSyntax

/// A security group belongs to one VPC; instances, load balancers, databases and caches
/// of another VPC cannot use it (a data store is in its subnet group's VPC).
package enum SecurityGroupOtherVPC: TopologyRule {
    package static let description = RuleDescription(
        id: "security-group-other-vpc", severity: .error,
        summary: LocalizedText(en: "An instance, load balancer, database or cache uses only security groups of its own VPC.",
                               ko: "인스턴스, 로드 밸런서, 데이터베이스, 캐시는 자기 VPC의 보안 그룹만 쓸 수 있어요."),
        failingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              green-a: { vpc: green, cidr: 10.1.1.0/24, az: ap-northeast-2a }
            security-groups:
              web: { vpc: blue, inbound: [ { port: 80, from: internet } ] }
            instances:
              blue-web: { subnet: blue-a, security-groups: [web] }
              green-web: { subnet: green-a, security-groups: [↓web] }
            """,
        passingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              green-a: { vpc: green, cidr: 10.1.1.0/24, az: ap-northeast-2a }
            security-groups:
              web: { vpc: blue, inbound: [ { port: 80, from: internet } ] }
              green-web: { vpc: green, inbound: [ { port: 80, from: internet } ] }
            instances:
              blue-web: { subnet: blue-a, security-groups: [web] }
              green-web: { subnet: green-a, security-groups: [green-web] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var users: [(name: String, vpc: String?, groups: [Reference])] =
            context.topology.instances.map { ($0.name, context.vpcName(of: $0), $0.securityGroups ?? []) }
        users += context.topology.loadBalancers.map { balancer in
            (balancer.name, balancer.subnets.lazy.compactMap { context.subnets[$0.name]?.vpc.name }.first, balancer.securityGroups)
        }
        users += context.topology.dataStores.enumerated().map { k, store in
            (store.name, context.index.vpc(ofDataStore: k).map { context.topology.vpcs[$0].name }, store.securityGroups)
        }
        return users.flatMap { user -> [Diagnostic] in
            guard let vpc = user.vpc else { return [] }
            return user.groups.compactMap { reference in
                guard let group = context.securityGroups[reference.name], let groupVPC = group.vpc, groupVPC.name != vpc else { return nil }
                return description.diagnostic(
                    LocalizedText(en: "security group `\(group.name)` belongs to VPC `\(groupVPC.name)`, but `\(user.name)` is in VPC `\(vpc)`",
                                  ko: "보안 그룹 \(Korean.topic("`\(group.name)`")) VPC `\(groupVPC.name)`의 것인데, \(Korean.topic("`\(user.name)`")) VPC `\(vpc)`에 있어요"),
                    at: reference.location, length: reference.name.count,
                    notes: [.init(LocalizedText(en: "security group `\(group.name)` is in VPC `\(groupVPC.name)` (written, or from its first user)",
                                                ko: "보안 그룹 `\(group.name)`의 VPC는 \(Korean.isA("`\(groupVPC.name)`"))(직접 적었거나 처음 쓴 곳에서 정해져요)"),
                                  at: groupVPC.location)],
                    suggestion: LocalizedText(en: "create a security group in VPC `\(vpc)`", ko: "VPC `\(vpc)`에 보안 그룹을 따로 만들어 주세요"))
            }
        }
    }
}
