/// A host that runs nothing plays no part in the story's service.
public enum HostRunsNothing: TopologyRule {
    public static let description = RuleDescription(
        id: "host-runs-nothing", severity: .warning,
        summary: LocalizedText(en: "A host says what it runs (`runs: [was, db]`).", ko: "호스트에는 무엇을 실행하는지(`runs: [was, db]`) 적어요."),
        failingExample: """
            sites:
              home: { kind: home }
            hosts:
              ↓my-pc: { site: home }
            """,
        passingExample: """
            sites:
              home: { kind: home }
            hosts:
              my-pc: { site: home, runs: [was, db] }
            """)

    public static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.hosts.filter(\.roles.isEmpty).map { host in
            description.diagnostic(
                LocalizedText(en: "host `\(host.name)` runs nothing; say what it runs, such as `runs: [was, db]`",
                              ko: "호스트 `\(host.name)`에서 실행하는 것이 없어요. `runs: [was, db]`처럼 적어 주세요"),
                at: host.location, length: host.name.count)
        }
    }
}
