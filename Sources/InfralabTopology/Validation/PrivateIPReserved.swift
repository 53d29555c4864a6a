import InfralabSyntax

/// Rule 24: the five reserved addresses of a subnet are not given to instances.
package enum PrivateIPReserved: TopologyRule {
    package static let description = RuleDescription(
        id: "private-ip-reserved", severity: .error,
        summary: LocalizedText(en: "An instance's `private-ip` is not one of the subnet's five reserved addresses.",
                               ko: "인스턴스의 `private-ip`로 서브넷의 예약 주소 다섯 개는 쓸 수 없어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            instances:
              db: { subnet: app, private-ip: ↓10.0.1.1 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            instances:
              db: { subnet: app, private-ip: 10.0.1.4 }
            """)

    static let roles: [LocalizedText] = [
        LocalizedText(en: "the network address", ko: "네트워크 주소"),
        LocalizedText(en: "the VPC router's address", ko: "VPC 라우터 주소"),
        LocalizedText(en: "the DNS server's address", ko: "DNS 서버 주소"),
        LocalizedText(en: "reserved by AWS for future use", ko: "AWS가 나중을 위해 예약한 주소"),
        LocalizedText(en: "the broadcast address", ko: "브로드캐스트 주소"),
    ]

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.instances.compactMap { instance in
            guard let address = instance.privateIP, let subnet = instance.subnet.flatMap({ context.subnets[$0.name] }),
                  let position = subnet.cidr.value.reservedAddresses.firstIndex(of: address.value) else { return nil }
            let text = address.value.description, cidr = subnet.cidr.value.description
            let role = roles[position]
            let first = subnet.cidr.value.firstAssignable?.description ?? ""
            return description.diagnostic(
                LocalizedText(en: "\(text) is reserved in subnet `\(subnet.name)` (\(cidr)): it is \(role.en)",
                              ko: "\(Korean.topic(text)) 서브넷 `\(subnet.name)`(\(cidr))의 예약 주소예요(\(role.ko ?? role.en))"),
                at: address.location, length: text.count,
                suggestion: LocalizedText(en: "the first address an instance can have is \(first); or leave `private-ip` out",
                                          ko: "인스턴스가 쓸 수 있는 첫 주소는 \(Korean.isA(first)). `private-ip`를 빼도 돼요"))
        }
    }
}
