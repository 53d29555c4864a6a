import InfralabSyntax

/// A CIDR block written with host bits set (`10.0.1.5/24`) means its network (`10.0.1.0/24`).
package enum CIDRHostBits: TopologyRule {
    package static let description = RuleDescription(
        id: "cidr-host-bits", severity: .warning,
        summary: LocalizedText(en: "A CIDR block is written with its network address (no host bits set).", ko: "CIDR 블록은 네트워크 주소로 적어요(호스트 비트 없이)."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: ↓10.0.1.5/24, az: ap-northeast-2a }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              app: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.facts.cidrsWithHostBits.map { written in
            let network = written.cidr.description
            return description.diagnostic(
                LocalizedText(en: "`\(written.written)` has host bits set: this is \(network)",
                              ko: "`\(written.written)`에는 호스트 비트가 들어 있어요. 이 블록은 \(Korean.isA(network))"),
                at: written.location, length: written.written.count,
                suggestion: LocalizedText(en: "write `\(network)`", ko: "\(Korean.toward("`\(network)`")) 적어 주세요"))
        }
    }
}
