import InfralabSyntax

/// An Elastic IP is a public address: not private (RFC 1918) nor reserved.
package enum ElasticIPNotPublic: TopologyRule {
    package static let description = RuleDescription(
        id: "elastic-ip-not-public", severity: .error,
        summary: LocalizedText(en: "An Elastic IP is a public address, not a private or reserved one.", ko: "탄력적 IP는 퍼블릭 주소예요. 프라이빗 주소나 예약된 주소는 쓸 수 없어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            route-tables:
              public: { main: true, routes: [ { to: 0.0.0.0/0, via: igw } ] }
            nat-gateways:
              nat-a: { subnet: public, elastic-ip: ↓10.0.1.20 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            route-tables:
              public: { main: true, routes: [ { to: 0.0.0.0/0, via: igw } ] }
            nat-gateways:
              nat-a: { subnet: public, elastic-ip: 13.125.10.20 }
            """)

    /// Ranges that are never public: RFC 1918, this network, shared address space
    /// (carrier NAT), loopback, link-local, multicast and reserved.
    static let nonPublic: [(CIDR, LocalizedText)] = [
        (CIDR("10.0.0.0/8")!, LocalizedText(en: "a private address", ko: "프라이빗 주소")),
        (CIDR("172.16.0.0/12")!, LocalizedText(en: "a private address", ko: "프라이빗 주소")),
        (CIDR("192.168.0.0/16")!, LocalizedText(en: "a private address", ko: "프라이빗 주소")),
        (CIDR("0.0.0.0/8")!, LocalizedText(en: "a reserved address", ko: "예약된 주소")),
        (CIDR("100.64.0.0/10")!, LocalizedText(en: "a carrier-grade NAT address", ko: "통신사 NAT용 주소")),
        (CIDR("127.0.0.0/8")!, LocalizedText(en: "a loopback address", ko: "루프백 주소")),
        (CIDR("169.254.0.0/16")!, LocalizedText(en: "a link-local address", ko: "링크 로컬 주소")),
        (CIDR("224.0.0.0/4")!, LocalizedText(en: "a multicast address", ko: "멀티캐스트 주소")),
        (CIDR("240.0.0.0/4")!, LocalizedText(en: "a reserved address", ko: "예약된 주소")),
    ]

    static func problem(_ address: IPv4Address) -> LocalizedText? {
        nonPublic.first { $0.0.contains(address) }?.1
    }

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        let written: [(String, Located<IPv4Address>)] =
            context.topology.natGateways.compactMap { nat in nat.elasticIP.map { ("NAT gateway `\(nat.name)`", $0) } }
            + context.topology.instances.compactMap { instance in instance.elasticIP.map { ("instance `\(instance.name)`", $0) } }
        return written.compactMap { _, address in
            guard let problem = problem(address.value) else { return nil }
            let text = address.value.description
            return description.diagnostic(
                LocalizedText(en: "Elastic IP \(text) is \(problem.en); an Elastic IP is a public address the internet can reach",
                              ko: "탄력적 IP \(Korean.topic(text)) \(Korean.isA(problem.ko ?? problem.en)). 탄력적 IP는 인터넷에서 접속할 수 있는 퍼블릭 주소여야 해요"),
                at: address.location, length: text.count)
        }
    }
}
