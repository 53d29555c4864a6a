import InfralabSyntax

/// An Elastic IP belongs to one NAT gateway or instance.
package enum ElasticIPDuplicate: TopologyRule {
    package static let description = RuleDescription(
        id: "elastic-ip-duplicate", severity: .error,
        summary: LocalizedText(en: "An Elastic IP is used by one NAT gateway or instance only.", ko: "탄력적 IP 하나는 NAT 게이트웨이나 인스턴스 하나에만 붙어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            route-tables:
              public: { main: true, routes: [ { to: 0.0.0.0/0, via: igw } ] }
            nat-gateways:
              nat-a: { subnet: public, elastic-ip: 13.125.10.20 }
            instances:
              bastion: { subnet: public, elastic-ip: ↓13.125.10.20 }
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
            instances:
              bastion: { subnet: public, elastic-ip: 13.125.10.21 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        let written: [(LocalizedText, Located<IPv4Address>)] =
            context.topology.natGateways.compactMap { nat in nat.elasticIP.map { (DecodingMessage.owner(.natGateway, nat.name), $0) } }
            + context.topology.instances.compactMap { instance in instance.elasticIP.map { (DecodingMessage.owner(.instance, instance.name), $0) } }
        var first: [IPv4Address: (LocalizedText, Located<IPv4Address>)] = [:]
        var diagnostics: [Diagnostic] = []
        for (owner, address) in written.sorted(by: { $0.1.location < $1.1.location }) {
            guard let earlier = first[address.value] else {
                first[address.value] = (owner, address)
                continue
            }
            let text = address.value.description
            diagnostics.append(description.diagnostic(
                LocalizedText(en: "Elastic IP \(text) is already used by \(earlier.0.en)",
                              ko: "탄력적 IP \(Korean.topic(text)) 이미 \(earlier.0.ko ?? earlier.0.en)에서 쓰고 있어요"),
                at: address.location, length: text.count,
                notes: [.init(LocalizedText(en: "first used here", ko: "처음 쓴 곳"), at: earlier.1.location)]))
        }
        return diagnostics
    }
}
