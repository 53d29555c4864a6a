import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

/// Story events: read from mission.yaml with located errors, applied to a learner's file
/// by selector (whatever the learner named things), idempotent, and refused — with the
/// reason and its place — when the file cannot take them.
@Suite struct StoryEventTests {
    func events(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [StoryEvent] {
        var reader = NodeReader(codePrefix: "mission")
        let root = YAMLParser.parse(yaml, file: "mission.yaml").root!
        let read = StoryEventReader.read(root["events"]!, &reader)
        #expect(reader.diagnostics.isEmpty, "\(reader.diagnostics.map(\.message.en))", sourceLocation: sourceLocation)
        return read
    }

    func apply(_ yaml: String, to text: String) -> Result<StoryArrival, StoryEventFailure> {
        StoryEventApplier.apply(events(yaml), to: text, file: "topology.yaml", language: .en)
    }

    /// A learner's own answer to "WAS public, DB private", with names of their own.
    static let vpc = """
        outside:
          boss: 203.0.113.10/32

        vpcs:
          prod: { cidr: 10.20.0.0/16, internet-gateway: gw }

        subnets:
          web-a: { vpc: prod, cidr: 10.20.1.0/24, az: ap-northeast-2a, route-table: to-world }
          data-a: { vpc: prod, cidr: 10.20.11.0/24, az: ap-northeast-2a, route-table: inside }
          data-c: { vpc: prod, cidr: 10.20.12.0/24, az: ap-northeast-2c, route-table: inside }

        route-tables:
          to-world:
            routes:
              - { to: 0.0.0.0/0, via: gw }
          inside:
            routes: []          # local only

        security-groups:
          app-sg:
            inbound:
              - { port: 80, from: internet }
          mysql:
            inbound:
              - { port: 3306, from: app-sg }

        instances:
          app: { subnet: web-a, public-ip: true, security-groups: [app-sg], role: was }
          mysql: { subnet: data-a, security-groups: [mysql], role: db }

        """

    @Test("events read with their operation, selectors and notes")
    func reads() {
        let read = events("""
            events:
              - add-rule: { security-group-of: role:db, inbound: { port: 22, from: 0.0.0.0/0 } }
                note: { en: teammate, ko: 팀원 }
              - add-forward: { to: role:db, port: 3306 }
            """)
        #expect(read.map(\.kindName) == ["add-rule", "add-forward"])
        #expect(read[0].note?.en == "teammate")
        #expect(read[0].location.line == 2 && read[0].location.column == 5)
        guard case .addForward(let to, 3306, nil) = read[1].operation else { Issue.record("add-forward"); return }
        #expect(to.form == .role("db"))
    }

    @Test("a mistyped operation, section or reference is an error at its place, with a suggestion")
    func readErrors() {
        var reader = NodeReader(codePrefix: "mission")
        let root = YAMLParser.parse("""
            events:
              - add-rules: { security-group-of: role:db, inbound: {} }
              - add: { section: site, name: dc-1, value: {} }
              - add: { section: instances, name: x, value: { subnet: { subnet-off: role:db } } }
            """, file: "mission.yaml").root!
        _ = StoryEventReader.read(root["events"]!, &reader)
        let found = reader.diagnostics.map { "\($0.code)@\($0.location!.line):\($0.location!.column)" }
        #expect(found.contains("mission.unknown-key@2:5"), "\(found)")
        #expect(found.contains("mission.event-section@3:21"), "\(found)")
        #expect(found.contains("mission.event-reference@4:60"), "\(found)")
        #expect(reader.diagnostics.contains { $0.suggestion?.en == "did you mean `sites`?" })
        #expect(reader.diagnostics.contains { $0.suggestion?.en == "did you mean `subnet-of`?" })
    }

    @Test("the shortcut: a public IP on the learner's DB and a route to the admin via their gateway")
    func shortcutByRole() throws {
        let result = try apply("""
            events:
              - set: { select: role:db, key: public-ip, value: true }
                note: { en: teammate, ko: 팀원 }
              - add-route:
                  route-table-of: role:db
                  route: { to: boss, via: { internet-gateway-of: role:db } }
            """, to: Self.vpc).get()
        #expect(result.text.contains("  mysql: { subnet: data-a, security-groups: [mysql], role: db, public-ip: true }\n"))
        #expect(result.text.contains("    routes:             # local only\n      - { to: boss, via: gw }\n"))
        #expect(result.diff.changes.filter { $0.kind == .removed }.map(\.number) == [17, 29], "the two lines edited in place")
        #expect(result.diff.changes.filter { $0.kind == .added }.count == 3)
        let loaded = TopologyLoader.load(text: result.text, file: "t")
        #expect(!loaded.hasErrors)
    }

    @Test("applying the same events again changes nothing")
    func idempotent() throws {
        let yaml = """
            events:
              - add-rule: { security-group-of: role:was, inbound: { port: 22, from: 0.0.0.0/0 } }
              - add: { section: outside, name: boss, value: 203.0.113.10 }
              - add:
                  section: instances
                  name: app-c
                  value: { subnet: { sibling-subnet-of: role:db }, security-groups: { security-groups-of: role:db }, role: db }
            """
        let once = try apply(yaml, to: Self.vpc).get()
        #expect(once.changed)
        #expect(once.text.contains("  app-c: { subnet: data-c, security-groups: [mysql], role: db }\n"), "\(once.text)")
        #expect(once.text.contains("      - { port: 22, from: 0.0.0.0/0 }\n"))
        let twice = try apply(yaml, to: once.text).get()
        #expect(!twice.changed, "\(twice.diff.changes)")
    }

    @Test("a name already used with another meaning is refused at the learner's line")
    func nameTaken() {
        guard case .failure(let failure) = apply("""
            events:
              - add: { section: outside, name: boss, value: 198.51.100.1 }
            """, to: Self.vpc) else { Issue.record("must refuse"); return }
        #expect(failure.location?.line == 2 && failure.location?.column == 3)
        #expect(failure.message.en.contains("already uses the name `boss`"))
        #expect(failure.event?.line == 2)
    }

    @Test("a selector that matches nothing, and a file that does not load, are refused with the reason")
    func refusals() {
        guard case .failure(let nothing) = apply("events:\n  - add-forward: { to: role:cache, port: 6379 }\n", to: Self.vpc) else {
            Issue.record("must refuse"); return
        }
        #expect(nothing.message.en.contains("`role:cache`"))
        guard case .failure(let broken) = apply("events:\n  - set: { select: role:db, key: public-ip, value: true }\n",
                                                to: "instances:\n  db: { subnet: nowhere, role: db }\n") else {
            Issue.record("must refuse"); return
        }
        #expect(broken.message.en.contains("your file has an error"))
        #expect(broken.location?.line == 2, "\(String(describing: broken.location))")
    }

    @Test("a change that would make the file invalid is refused, not written")
    func wouldNotLoad() {
        guard case .failure(let failure) = apply("events:\n  - set: { select: role:db, key: subnet, value: missing }\n", to: Self.vpc) else {
            Issue.record("must refuse"); return
        }
        #expect(failure.message.en.contains("would not load"), "\(failure.message.en)")
    }

    @Test("a forward goes on the host's site router; a site without a public IP gets a tunnel")
    func forwardOrTunnel() throws {
        let router = try apply("events:\n  - add-forward: { to: role:db, port: 22 }\n", to: """
            sites:
              home: { kind: home, power: grid, public-ip: 121.130.10.7, port-forwards: [ { port: 80, to: box, to-port: 8080 } ] }
            hosts:
              box: { site: home, kind: server, runs: [was, db] }
            """).get()
        #expect(router.text.contains("port-forwards: [ { port: 80, to: box, to-port: 8080 }, { port: 22, to: box } ]"), "\(router.text)")
        let tunnel = try apply("events:\n  - add-forward: { to: role:db, port: 22 }\n", to: """
            sites:
              flat:
                kind: home
                power: grid
                tunnels:
                  - { port: 443, to: box, to-port: 8080 }
            hosts:
              box: { site: flat, kind: server, runs: [was, db] }
            """).get()
        #expect(tunnel.text.contains("      - { port: 443, to: box, to-port: 8080 }\n      - { port: 22, to: box }\n"), "\(tunnel.text)")
    }

    @Test("a subnet on the implicit main table gets a table of its own for the route")
    func implicitMainTable() throws {
        let text = Self.vpc.replacingOccurrences(of: "az: ap-northeast-2a, route-table: inside }", with: "az: ap-northeast-2a }")
        let result = try apply("""
            events:
              - add-route: { route-table-of: role:db, route: { to: boss, via: { internet-gateway-of: role:db } } }
            """, to: text).get()
        #expect(result.text.contains("data-a: { vpc: prod, cidr: 10.20.11.0/24, az: ap-northeast-2a, route-table: data-a-routes }"), "\(result.text)")
        #expect(result.text.contains("  data-a-routes:\n    routes:\n      - { to: boss, via: gw }\n"), "\(result.text)")
    }
}
