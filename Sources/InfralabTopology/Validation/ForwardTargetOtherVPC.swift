import InfralabSyntax

/// Rule 29: a reverse proxy forwards to an instance it can reach by private address:
/// one in its own VPC.
package enum ForwardTargetOtherVPC: TopologyRule {
    package static let description = RuleDescription(
        id: "forward-target-other-vpc", severity: .error,
        summary: LocalizedText(en: "An instance's `forwards` go to instances in its own VPC.", ko: "인스턴스의 `forwards`는 같은 VPC의 인스턴스로 가야 해요."),
        failingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              green-a: { vpc: green, cidr: 10.1.1.0/24, az: ap-northeast-2a }
            instances:
              proxy: { subnet: blue-a, forwards: [ { port: 443, to: ↓was, to-port: 8080 } ] }
              was: { subnet: green-a }
            """,
        passingExample: """
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              blue-b: { vpc: blue, cidr: 10.0.2.0/24, az: ap-northeast-2b }
            instances:
              proxy: { subnet: blue-a, forwards: [ { port: 443, to: was, to-port: 8080 } ] }
              was: { subnet: blue-b }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.instances.flatMap { instance -> [Diagnostic] in
            guard let vpc = context.vpcName(of: instance) else { return [] }
            return instance.forwards.compactMap { forward in
                guard let target = context.instances[forward.target.name], let targetVPC = context.vpcName(of: target), targetVPC != vpc
                else { return nil }
                return description.diagnostic(
                    LocalizedText(en: "instance `\(instance.name)` (VPC `\(vpc)`) forwards to `\(target.name)` in VPC `\(targetVPC)`: VPCs do not reach each other's private addresses",
                                  ko: "인스턴스 `\(instance.name)`(VPC `\(vpc)`)에서 VPC `\(targetVPC)`의 \(Korean.toward("`\(target.name)`")) 포워딩해요. VPC끼리는 서로의 프라이빗 주소로 통신할 수 없어요"),
                    at: forward.target.location, length: forward.target.name.count,
                    notes: [.defined(.instance, target.name, at: target.location)])
            }
        }
    }
}
