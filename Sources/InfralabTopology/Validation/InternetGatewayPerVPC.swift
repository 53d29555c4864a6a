import InfralabSyntax

/// Rule 6: one internet gateway per VPC (AWS refuses to attach a second).
package enum InternetGatewayPerVPC: TopologyRule {
    package static let description = RuleDescription(
        id: "one-internet-gateway", severity: .error,
        summary: LocalizedText(en: "A VPC has at most one internet gateway attached.",
                               ko: "VPC 하나에는 인터넷 게이트웨이를 하나만 연결할 수 있어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw-a }
            internet-gateways:
              igw-b: { vpc: ↓main }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw-a }
            internet-gateways:
              igw-b: {}
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        var first: [String: InternetGateway] = [:]
        var diagnostics: [Diagnostic] = []
        for igw in context.topology.internetGateways {
            guard let vpc = igw.vpc, context.vpcs[vpc.name] != nil else { continue }
            guard let attached = first[vpc.name] else { first[vpc.name] = igw; continue }
            diagnostics.append(description.diagnostic(
                LocalizedText(en: "VPC `\(vpc.name)` already has internet gateway `\(attached.name)`: AWS attaches one internet gateway per VPC",
                              ko: "VPC `\(vpc.name)`에는 이미 인터넷 게이트웨이 \(Korean.subject("`\(attached.name)`")) 연결돼 있어요. AWS에서는 VPC 하나에 인터넷 게이트웨이를 하나만 연결해요"),
                at: vpc.location, length: vpc.name.count,
                notes: [.defined(.internetGateway, attached.name, at: attached.location)],
                suggestion: LocalizedText(en: "detach `\(igw.name)` (remove its `vpc:`) or delete it", ko: "`\(igw.name)`의 `vpc:`를 지워 떼어 내거나 삭제하세요")))
        }
        return diagnostics
    }
}
