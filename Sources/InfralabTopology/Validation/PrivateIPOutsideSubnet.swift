import InfralabSyntax

/// An instance's private IP lies inside its subnet.
package enum PrivateIPOutsideSubnet: TopologyRule {
    package static let description = RuleDescription(
        id: "private-ip-outside-subnet", severity: .error,
        summary: LocalizedText(en: "An instance's `private-ip` lies inside its subnet.", ko: "인스턴스의 `private-ip`는 서브넷 안의 주소여야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            instances:
              db: { subnet: app, private-ip: ↓10.0.2.10 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            instances:
              db: { subnet: app, private-ip: 10.0.1.10 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.instances.compactMap { instance in
            guard let address = instance.privateIP, let subnet = instance.subnet.flatMap({ context.subnets[$0.name] }),
                  !subnet.cidr.value.contains(address.value) else { return nil }
            let text = address.value.description, cidr = subnet.cidr.value.description
            return description.diagnostic(
                LocalizedText(en: "private IP \(text) of instance `\(instance.name)` is not inside its subnet `\(subnet.name)` (\(cidr))",
                              ko: "인스턴스 `\(instance.name)`의 프라이빗 IP \(Korean.topic(text)) 서브넷 `\(subnet.name)`(\(cidr)) 안에 있지 않아요"),
                at: address.location, length: text.count,
                notes: [.init(LocalizedText(en: "subnet `\(subnet.name)` is \(cidr)", ko: "서브넷 `\(subnet.name)`의 블록은 \(Korean.isA(cidr))"), at: subnet.cidr.location)])
        }
    }
}
