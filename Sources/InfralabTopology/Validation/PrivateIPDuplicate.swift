import InfralabSyntax

/// Two instances never share a private IP.
package enum PrivateIPDuplicate: TopologyRule {
    package static let description = RuleDescription(
        id: "private-ip-duplicate", severity: .error,
        summary: LocalizedText(en: "Each instance has its own private IP.", ko: "프라이빗 IP는 인스턴스마다 달라야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            instances:
              was: { subnet: app, private-ip: 10.0.1.10 }
              db: { subnet: app, private-ip: ↓10.0.1.10 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            instances:
              was: { subnet: app, private-ip: 10.0.1.10 }
              db: { subnet: app, private-ip: 10.0.1.11 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var first: [String: [IPv4Address: Instance]] = [:]  // per VPC
        var diagnostics: [Diagnostic] = []
        for instance in context.topology.instances {
            guard let address = instance.privateIP else { continue }
            let vpc = context.vpcName(of: instance) ?? ""
            guard let earlier = first[vpc]?[address.value] else {
                first[vpc, default: [:]][address.value] = instance
                continue
            }
            let text = address.value.description
            diagnostics.append(description.diagnostic(
                LocalizedText(en: "private IP \(text) is already used by instance `\(earlier.name)`",
                              ko: "프라이빗 IP \(Korean.topic(text)) 이미 인스턴스 `\(earlier.name)`에서 쓰고 있어요"),
                at: address.location, length: text.count,
                notes: [.init(LocalizedText(en: "instance `\(earlier.name)` has it", ko: "인스턴스 `\(earlier.name)`의 주소"),
                              at: earlier.privateIP?.location ?? earlier.location)]))
        }
        return diagnostics
    }
}
