import InfralabSyntax

/// A server that runs nothing plays no part in the story's service. A personal computer
/// may run nothing: it is the learner's own PC again once the service has moved off it.
package enum HostRunsNothing: TopologyRule {
    package static let description = RuleDescription(
        id: "host-runs-nothing", severity: .warning,
        summary: LocalizedText(en: "A server says what it runs (`runs: [was, db]`).", ko: "서버에는 무엇을 실행하는지(`runs: [was, db]`) 적어요."),
        failingExample: """
            sites:
              home: { kind: home }
            hosts:
              ↓rack-1: { site: home, kind: server }
            """,
        passingExample: """
            sites:
              home: { kind: home }
            hosts:
              rack-1: { site: home, kind: server, runs: [was, db] }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.hosts.filter { $0.roles.isEmpty && $0.kind == .server }.map { host in
            description.diagnostic(
                LocalizedText(en: "server `\(host.name)` runs nothing; say what it runs, such as `runs: [was, db]`, or remove it",
                              ko: "서버 `\(host.name)`에서 실행하는 것이 없어요. `runs: [was, db]`처럼 적거나 서버를 지워 주세요"),
                at: host.location, length: host.name.count)
        }
    }
}
