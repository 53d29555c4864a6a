import InfralabSyntax

/// Rule 30: a CNAME cannot sit at the zone apex; an alias record can.
package enum DNSCNAMEAtApex: TopologyRule {
    package static let description = RuleDescription(
        id: "dns-cname-apex", severity: .error,
        summary: LocalizedText(en: "A CNAME record is not at the zone apex (use an alias record there).",
                               ko: "CNAME 레코드는 존의 루트 도메인(에이펙스)에 둘 수 없어요(거기에는 별칭 레코드를 써요)."),
        failingExample: """
            dns:
              zones:
                example.com:
                  records:
                    - { name: ↓"@", type: CNAME, value: web-123.ap-northeast-2.elb.amazonaws.com }
            """,
        passingExample: """
            dns:
              zones:
                example.com:
                  records:
                    - { name: "@", type: ALIAS, value: web }
                    - { name: www, type: CNAME, value: example.com }
            """)

    static func isApex(_ name: String, zone: String) -> Bool {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        return trimmed == "@" || trimmed.isEmpty || trimmed.lowercased() == zone.lowercased()
    }

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.dnsZones.flatMap { zone in
            zone.records.filter { $0.type == .cname && isApex($0.name.value, zone: zone.name) }.map { record in
                description.diagnostic(
                    LocalizedText(en: "a CNAME record cannot be at the apex of zone `\(zone.name)`",
                                  ko: "존 `\(zone.name)`의 루트 도메인(에이펙스)에는 CNAME 레코드를 둘 수 없어요"),
                    at: record.name.location, length: max(1, record.name.value.count),
                    suggestion: LocalizedText(en: "use `type: ALIAS` pointing at the load balancer, or put the CNAME on a subdomain such as `www`",
                                              ko: "로드 밸런서를 가리키는 `type: ALIAS`를 쓰거나, CNAME은 `www` 같은 하위 도메인에 두세요"))
            }
        }
    }
}
