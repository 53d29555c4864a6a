import InfralabSyntax

/// Port forwarding needs a public address on the site's router.
package enum PortForwardWithoutPublicIP: TopologyRule {
    package static let description = RuleDescription(
        id: "port-forward-without-public-ip", severity: .error,
        summary: LocalizedText(en: "A site with `port-forwards` has a `public-ip`.", ko: "`port-forwards`가 있는 사이트에는 `public-ip`가 있어야 해요."),
        failingExample: """
            sites:
              home:
                kind: home
                port-forwards:
                  - ↓{ port: 80, to: my-pc, to-port: 8080 }
            hosts:
              my-pc: { site: home, runs: [was] }
            """,
        passingExample: """
            sites:
              home:
                kind: home
                public-ip: 121.130.10.7
                port-forwards:
                  - { port: 80, to: my-pc, to-port: 8080 }
            hosts:
              my-pc: { site: home, runs: [was] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.sites.compactMap { site in
            guard site.publicIP == nil, let first = site.portForwards.first else { return nil }
            return description.diagnostic(
                LocalizedText(en: "site `\(site.name)` forwards ports but has no `public-ip`: the internet has no address to reach it at",
                              ko: "사이트 \(Korean.topic("`\(site.name)`")) 포트를 포워딩하지만 `public-ip`가 없어요. 인터넷에서 찾아올 주소가 없어요"),
                at: first.location,
                notes: [.defined(.site, site.name, at: site.location)],
                suggestion: LocalizedText(en: "add `public-ip:` (the address your ISP gave the router), or use a tunnel",
                                          ko: "`public-ip:`(통신사가 공유기에 준 주소)를 적거나 터널을 쓰세요"))
        }
    }
}
