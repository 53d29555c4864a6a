import InfralabSyntax

/// A listener's targets are instances.
package enum ListenerTargetNotInstance: TopologyRule {
    package static let description = RuleDescription(
        id: "listener-target-not-instance", severity: .error,
        summary: LocalizedText(en: "A listener's `targets` are instances.", ko: "리스너의 `targets`에는 인스턴스를 적어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              public-c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c }
            instances:
              was-a: { subnet: public-a }
            load-balancers:
              web:
                subnets: [public-a, public-c]
                listeners:
                  - { port: 80, targets: [was-a, ↓was-c], target-port: 8080 }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              public-c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c }
            instances:
              was-a: { subnet: public-a }
              was-c: { subnet: public-c }
            load-balancers:
              web:
                subnets: [public-a, public-c]
                listeners:
                  - { port: 80, targets: [was-a, was-c], target-port: 8080 }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.loadBalancers.flatMap { balancer in
            balancer.listeners.flatMap { listener in
                listener.targets.filter { context.instances[$0.name] == nil }.map { target in
                    let message: LocalizedText
                    if let kind = context.kind(of: target.name) {
                        message = LocalizedText(en: "listener target `\(target.name)` is a \(kind.words.en), not an instance",
                                                ko: "리스너 대상 \(Korean.topic("`\(target.name)`")) 인스턴스가 아니라 \(Korean.isA(kind.ko))")
                    } else {
                        message = LocalizedText(en: "listener target `\(target.name)` is not an instance: no instance has that name",
                                                ko: "리스너 대상 \(Korean.topic("`\(target.name)`")) 인스턴스가 아니에요. 그런 이름의 인스턴스가 없어요")
                    }
                    return description.diagnostic(message, at: target.location, length: target.name.count,
                                                  suggestion: context.suggestion(for: target.name, among: [.instance]))
                }
            }
        }
    }
}
