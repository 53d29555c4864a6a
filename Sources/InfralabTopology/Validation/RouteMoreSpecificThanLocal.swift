import InfralabSyntax

/// Rule 2: the local route covers the VPC. AWS accepts a route more specific than it
/// only for the exact CIDR of one of the VPC's subnets, and only via a NAT gateway or a
/// network interface (an instance): middlebox routing. Anything else inside the VPC's
/// range (via an internet gateway, an outside host, or a range that is no subnet) is
/// refused.
package enum RouteMoreSpecificThanLocal: TopologyRule {
    package static let description = RuleDescription(
        id: "route-inside-vpc", severity: .error,
        summary: LocalizedText(en: "A route inside the VPC's range is for one subnet's exact CIDR, via a NAT gateway or an instance.",
                               ko: "VPC 대역 안으로 가는 경로는 서브넷 하나의 CIDR과 정확히 같아야 하고, NAT 게이트웨이나 인스턴스를 거쳐야 해요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
              private: { vpc: main, cidr: 10.0.101.0/24, az: ap-northeast-2a }
            route-tables:
              public:
                routes:
                  - { to: 0.0.0.0/0, via: igw }
                  - { to: ↓10.0.101.0/24, via: igw }
                  - { to: ↓10.0.200.0/24, via: igw }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
              private: { vpc: main, cidr: 10.0.101.0/24, az: ap-northeast-2a }
            nat-gateways:
              nat: { subnet: public, elastic-ip: 13.125.10.20 }
            route-tables:
              public:
                routes:
                  - { to: 0.0.0.0/0, via: igw }
                  - { to: 10.0.101.0/24, via: nat }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.routeTables.flatMap { table -> [Diagnostic] in
            guard let v = table.vpc.flatMap({ context.index.vpc[$0.name] }) else { return [] }
            let vpc = context.topology.vpcs[v]
            let subnetCIDRs = context.topology.subnets.filter { $0.vpc.name == vpc.name }.map(\.cidr.value)
            return table.routes.compactMap { route -> Diagnostic? in
                guard case .cidr(let cidr) = route.destination.value, cidr.prefixLength > vpc.cidr.value.prefixLength,
                      vpc.cidr.value.contains(cidr.address) else { return nil }
                let kind = context.target(of: route).kind
                let middlebox = kind == .natGateway || kind == .instance
                if middlebox && subnetCIDRs.contains(cidr) { return nil }
                let why = middlebox
                    ? LocalizedText(en: "\(cidr) is not the CIDR of a subnet of VPC `\(vpc.name)`", ko: "CIDR이 \(cidr)인 서브넷이 VPC `\(vpc.name)`에 없어요")
                    : LocalizedText(en: "only a NAT gateway or an instance may carry traffic for a subnet inside the VPC",
                                    ko: "VPC 안의 서브넷으로 가는 트래픽은 NAT 게이트웨이나 인스턴스만 받을 수 있어요")
                return description.diagnostic(
                    LocalizedText(en: "route to \(cidr) via `\(route.target.name)` is more specific than the local route \(vpc.cidr.value), and AWS refuses it: \(why.en)",
                                  ko: "\(Korean.object("`\(route.target.name)`")) 거쳐 \(Korean.toward("\(cidr)")) 가는 경로는 로컬 경로 \(vpc.cidr.value)보다 구체적이라 AWS가 받아 주지 않아요. \(why.text(.ko))"),
                    at: route.destination.location, length: cidr.description.count,
                    suggestion: LocalizedText(en: "delete it: traffic inside the VPC follows the local route", ko: "지우세요. VPC 안의 트래픽은 로컬 경로를 따라가요"))
            }
        }
    }
}
