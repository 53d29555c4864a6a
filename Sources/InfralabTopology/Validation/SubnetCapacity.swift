import InfralabSyntax

/// Rule 24: a subnet holds at most its size minus five instances (a /28 holds 11).
public enum SubnetCapacity: TopologyRule {
    public static let description = RuleDescription(
        id: "subnet-capacity", severity: .error,
        summary: LocalizedText(en: "A subnet holds no more instances than its usable addresses (size − 5).",
                               ko: "서브넷에는 쓸 수 있는 주소 수(크기 − 5)보다 많은 인스턴스를 둘 수 없어요."),
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
              w11: { subnet: tiny }
              ↓w12: { subnet: tiny }
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

    public static func check(_ context: ValidationContext) -> [Diagnostic] {
        var counts: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for instance in context.topology.instances {
            guard let reference = instance.subnet, let subnet = context.subnets[reference.name] else { continue }
            counts[subnet.name, default: 0] += 1
            let capacity = subnet.cidr.value.usableHostCount
            guard counts[subnet.name]! == capacity + 1 else { continue }
            let cidr = subnet.cidr.value.description
            diagnostics.append(description.diagnostic(
                LocalizedText(en: "subnet `\(subnet.name)` (\(cidr)) has room for \(capacity) instances; instance `\(instance.name)` does not fit",
                              ko: "서브넷 `\(subnet.name)`(\(cidr))에는 인스턴스를 \(capacity)개까지만 둘 수 있어요. 인스턴스 \(Korean.topic("`\(instance.name)`")) 들어갈 자리가 없어요"),
                at: instance.location, length: instance.name.count,
                notes: [.init(LocalizedText(en: "AWS reserves 5 of the \(subnet.cidr.value.size) addresses of \(cidr)",
                                            ko: "\(cidr)의 주소 \(subnet.cidr.value.size)개 중 5개는 AWS가 예약해요"), at: subnet.cidr.location)],
                suggestion: LocalizedText(en: "use a larger subnet (a smaller prefix length)", ko: "더 큰 서브넷(더 짧은 프리픽스)을 쓰세요")))
        }
        return diagnostics
    }
}
