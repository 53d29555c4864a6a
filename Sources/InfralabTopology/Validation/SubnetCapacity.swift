import InfralabSyntax

/// Rule 24: a subnet holds at most its size minus five network interfaces (a /28 holds
/// 11): instances, NAT gateways and load-balancer nodes each take one.
package enum SubnetCapacity: TopologyRule {
    package static let description = RuleDescription(
        id: "subnet-capacity", severity: .error,
        summary: LocalizedText(en: "A subnet holds no more network interfaces (instances, NAT gateways, load balancers) than its usable addresses (size − 5).",
                               ko: "서브넷에는 쓸 수 있는 주소 수(크기 − 5)보다 많은 네트워크 인터페이스(인스턴스, NAT 게이트웨이, 로드 밸런서)를 둘 수 없어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              tiny: { vpc: main, cidr: 10.0.1.0/28, az: ap-northeast-2a }
            instances:
              w1: { subnet: tiny }
              w2: { subnet: tiny }
              w3: { subnet: tiny }
              w4: { subnet: tiny }
              w5: { subnet: tiny }
              w6: { subnet: tiny }
              w7: { subnet: tiny }
              w8: { subnet: tiny }
              w9: { subnet: tiny }
              w10: { subnet: tiny }
            nat-gateways:
              nat: { subnet: tiny, elastic-ip: 13.125.10.20 }
            load-balancers:
              ↓lb: { type: network, subnets: [tiny], listeners: [ { port: 80, targets: [w1] } ] }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              tiny: { vpc: main, cidr: 10.0.1.0/28, az: ap-northeast-2a }
            instances:
              w1: { subnet: tiny }
              w2: { subnet: tiny }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        // Every network interface, in the order AWS would hand out addresses here:
        // instances, then NAT gateways, then load-balancer nodes.
        var interfaces: [(kind: ComponentKind, name: String, subnet: String, location: SourceLocation)] = []
        for instance in context.topology.instances {
            if let subnet = instance.subnet { interfaces.append((.instance, instance.name, subnet.name, instance.location)) }
        }
        for nat in context.topology.natGateways { interfaces.append((.natGateway, nat.name, nat.subnet.name, nat.location)) }
        for balancer in context.topology.loadBalancers {
            for subnet in Set(balancer.subnets.map(\.name)).sorted() { interfaces.append((.loadBalancer, balancer.name, subnet, balancer.location)) }
        }
        var counts: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for interface in interfaces {
            guard let subnet = context.subnets[interface.subnet] else { continue }
            counts[subnet.name, default: 0] += 1
            let capacity = subnet.cidr.value.usableHostCount
            guard counts[subnet.name]! == capacity + 1 else { continue }
            let cidr = subnet.cidr.value.description
            let what = interface.kind.words
            diagnostics.append(description.diagnostic(
                LocalizedText(en: "subnet `\(subnet.name)` (\(cidr)) has room for \(capacity) network interfaces (instances, NAT gateways, load balancers); \(what.en) `\(interface.name)` does not fit",
                              ko: "서브넷 `\(subnet.name)`(\(cidr))에는 네트워크 인터페이스(인스턴스, NAT 게이트웨이, 로드 밸런서)를 \(capacity)개까지만 둘 수 있어요. \(what.text(.ko)) \(Korean.topic("`\(interface.name)`")) 들어갈 자리가 없어요"),
                at: interface.location, length: interface.name.count,
                notes: [.init(LocalizedText(en: "AWS reserves 5 of the \(subnet.cidr.value.size) addresses of \(cidr)",
                                            ko: "\(cidr)의 주소 \(subnet.cidr.value.size)개 중 5개는 AWS가 예약해요"), at: subnet.cidr.location)],
                suggestion: LocalizedText(en: "use a larger subnet (a smaller prefix length)", ko: "더 큰 서브넷(더 짧은 프리픽스)을 쓰세요")))
        }
        return diagnostics
    }
}
