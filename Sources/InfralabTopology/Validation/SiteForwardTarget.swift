import InfralabSyntax

/// A site's port forwards and tunnels reach a host at that same site.
package enum SiteForwardTarget: TopologyRule {
    package static let description = RuleDescription(
        id: "site-forward-target", severity: .error,
        summary: LocalizedText(en: "A site's port forwards and tunnels go to a host at that site.", ko: "사이트의 포트 포워딩과 터널은 그 사이트에 있는 호스트로 가야 해요."),
        failingExample: """
            sites:
              home: { kind: home, public-ip: 121.130.10.7, port-forwards: [ { port: 80, to: ↓office-pc } ] }
              office: { kind: office, tunnels: [ { port: 443, to: ↓my-pc, to-port: 8080 } ] }
            hosts:
              my-pc: { site: home, runs: [was] }
              office-pc: { site: office, runs: [db] }
            """,
        passingExample: """
            sites:
              home: { kind: home, public-ip: 121.130.10.7, port-forwards: [ { port: 80, to: my-pc } ] }
              office: { kind: office, tunnels: [ { port: 443, to: office-pc, to-port: 8080 } ] }
            hosts:
              my-pc: { site: home, runs: [was] }
              office-pc: { site: office, runs: [db] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.sites.flatMap { site in
            (site.portForwards + site.tunnels).compactMap { forward -> Diagnostic? in
                let target = forward.target
                if let host = context.hosts[target.name] {
                    guard host.site.name != site.name else { return nil }
                    return description.diagnostic(
                        LocalizedText(en: "host `\(host.name)` is at site `\(host.site.name)`, not at `\(site.name)`: a router forwards only to its own network",
                                      ko: "호스트 \(Korean.topic("`\(host.name)`")) \(Korean.subject("`\(site.name)`")) 아니라 사이트 `\(host.site.name)`에 있어요. 공유기는 자기 네트워크 안으로만 포워딩해요"),
                        at: target.location, length: target.name.count,
                        notes: [.init(LocalizedText(en: "host `\(host.name)` is at `\(host.site.name)`", ko: "호스트 \(Korean.topic("`\(host.name)`")) `\(host.site.name)`에 있어요"),
                                      at: host.site.location)])
                }
                let atSite = context.topology.hosts.filter { $0.site.name == site.name }.map(\.name)
                return description.diagnostic(
                    LocalizedText(en: "no host named `\(target.name)` at site `\(site.name)`",
                                  ko: "사이트 `\(site.name)`에 이름이 `\(target.name)`인 호스트가 없어요"),
                    at: target.location, length: target.name.count,
                    suggestion: Suggestions.closest(to: target.name, in: atSite).map(DecodingMessage.didYouMean))
            }
        }
    }
}
