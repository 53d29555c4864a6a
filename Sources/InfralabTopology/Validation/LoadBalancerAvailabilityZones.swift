import InfralabSyntax

/// Rule 26: an application load balancer has subnets in at least two AZs, one per AZ.
package enum LoadBalancerAvailabilityZones: TopologyRule {
    package static let description = RuleDescription(
        id: "load-balancer-azs", severity: .error,
        summary: LocalizedText(en: "An application load balancer has subnets in at least two availability zones, one subnet per zone.",
                               ko: "애플리케이션 로드 밸런서는 가용 영역 두 곳 이상에 서브넷을 두고, 영역마다 서브넷은 하나예요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              public-a2: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2a }
            load-balancers:
              ↓web: { subnets: [public-a, ↓public-a2], listeners: [ { port: 80 } ] }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
              public-c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c }
            load-balancers:
              web: { subnets: [public-a, public-c], listeners: [ { port: 80 } ] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for balancer in context.topology.loadBalancers where balancer.kind == .application {
            var zones: [String: Reference] = [:]
            var unknownZones = 0
            for reference in balancer.subnets {
                guard let subnet = context.subnets[reference.name] else { unknownZones += 1; continue }
                guard let zone = subnet.availabilityZone?.value else { unknownZones += 1; continue }
                if let first = zones[zone] {
                    diagnostics.append(description.diagnostic(
                        LocalizedText(en: "subnets `\(first.name)` and `\(reference.name)` of load balancer `\(balancer.name)` are both in \(zone): a load balancer takes one subnet per availability zone",
                                      ko: "로드 밸런서 `\(balancer.name)`의 서브넷 \(Korean.and("`\(first.name)`")) \(Korean.topic("`\(reference.name)`")) 둘 다 \(zone)에 있어요. 로드 밸런서는 가용 영역마다 서브넷을 하나만 받아요"),
                        at: reference.location, length: reference.name.count,
                        notes: [.init(LocalizedText(en: "`\(first.name)` is in \(zone) too", ko: "\(Korean.topic("`\(first.name)`")) 역시 \(zone)에 있어요"), at: first.location)]))
                } else {
                    zones[zone] = reference
                }
            }
            if zones.count + unknownZones < 2 {
                diagnostics.append(description.diagnostic(
                    LocalizedText(en: "application load balancer `\(balancer.name)` needs subnets in at least two availability zones",
                                  ko: "애플리케이션 로드 밸런서 `\(balancer.name)`에는 가용 영역 두 곳 이상의 서브넷이 필요해요"),
                    at: balancer.location, length: balancer.name.count,
                    suggestion: LocalizedText(en: "add a subnet in another availability zone", ko: "다른 가용 영역의 서브넷을 추가해 주세요")))
            }
        }
        return diagnostics
    }
}
