import InfralabSyntax

/// Rule 19: a subnet's network ACL belongs to the subnet's VPC.
package enum NetworkACLOtherVPC: TopologyRule {
    package static let description = RuleDescription(
        id: "nacl-other-vpc", severity: .error,
        summary: LocalizedText(en: "A network ACL is attached only to subnets of its own VPC.", ko: "네트워크 ACL은 자기 VPC의 서브넷에만 붙일 수 있어요."),
        failingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              green-a: { vpc: green, cidr: 10.1.1.0/24, az: ap-northeast-2a, network-acl: ↓blue-acl }
            network-acls:
              blue-acl: { vpc: blue, inbound: [ { rule: 100, action: allow, cidr: 0.0.0.0/0 } ] }
            """,
        passingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.1.0/24, az: ap-northeast-2a, network-acl: blue-acl }
              green-a: { vpc: green, cidr: 10.1.1.0/24, az: ap-northeast-2a }
            network-acls:
              blue-acl: { vpc: blue, inbound: [ { rule: 100, action: allow, cidr: 0.0.0.0/0 } ] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.subnets.compactMap { subnet in
            guard let reference = subnet.networkACL, let acl = context.networkACLs[reference.name],
                  let vpc = acl.vpc?.name, vpc != subnet.vpc.name else { return nil }
            return description.diagnostic(
                LocalizedText(en: "network ACL `\(acl.name)` belongs to VPC `\(vpc)`, but subnet `\(subnet.name)` is in VPC `\(subnet.vpc.name)`",
                              ko: "네트워크 ACL \(Korean.topic("`\(acl.name)`")) VPC `\(vpc)`의 것인데, 서브넷 \(Korean.topic("`\(subnet.name)`")) VPC `\(subnet.vpc.name)`에 있어요"),
                at: reference.location, length: reference.name.count,
                notes: [.init(LocalizedText(en: "network ACL `\(acl.name)` belongs to VPC `\(vpc)`", ko: "네트워크 ACL \(Korean.topic("`\(acl.name)`")) VPC `\(vpc)`의 것이에요"),
                              at: acl.vpc?.location ?? acl.location)])
        }
    }
}
