import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab

/// Network ACL events (`add-acl-rule`, `replace-acl-rule`, `remove-acl-rule`) and the
/// references that gather subnets (`subnets-of`, `cidr-of`): applied to a learner's own
/// ACL by selector, the ACL's other lines kept, and refused with the reason and place.
@Suite struct StoryEventACLTests {
    func events(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [StoryEvent] {
        var reader = NodeReader(codePrefix: "mission")
        let read = StoryEventReader.read(YAMLParser.parse(yaml, file: "mission.yaml").root!["events"]!, &reader)
        #expect(reader.diagnostics.diagnostics.isEmpty, "\(reader.diagnostics.diagnostics.map(\.message.en))", sourceLocation: sourceLocation)
        return read
    }

    func apply(_ yaml: String, to text: String = Self.vpc) -> Result<StoryArrival, StoryEventFailure> {
        StoryEventApplier.apply(events(yaml), to: text, file: "topology.yaml", language: .en)
    }

    /// A learner's VPC with their own names: an ACL `edge` on the load balancer's subnets.
    static let vpc = """
        outside:
          boss: 203.0.113.10/32

        vpcs:
          prod: { cidr: 10.20.0.0/16, internet-gateway: gw }

        subnets:
          front-1: { vpc: prod, cidr: 10.20.0.0/24, az: ap-northeast-2a, route-table: to-world }
          front-2: { vpc: prod, cidr: 10.20.1.0/24, az: ap-northeast-2c, route-table: to-world }
          back-1: { vpc: prod, cidr: 10.20.10.0/24, az: ap-northeast-2a }
          back-2: { vpc: prod, cidr: 10.20.11.0/24, az: ap-northeast-2c }

        route-tables:
          to-world:
            routes:
              - { to: 0.0.0.0/0, via: gw }

        network-acls:
          edge:
            subnets: [front-1, front-2]
            inbound:
              - { rule: 50, action: deny, protocol: all, cidr: 185.220.101.0/24 }   # my deny list
              - rule: 200
                action: allow
                protocol: all
                cidr: 0.0.0.0/0
              - { rule: 300, action: allow, port: 22, cidr: boss }
            outbound:
              - { rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0 }        # everything out

        load-balancers:
          front:
            scheme: internet-facing
            subnets: [front-1, front-2]
            listeners:
              - { port: 80, protocol: HTTP, targets: [app-1, app-2], target-port: 8080 }

        instances:
          app-1: { subnet: back-1, role: was }
          app-2: { subnet: back-2, role: was }

        """

    @Test("ACL events read with their selector, direction and rule; a rule without a number is an error at its place")
    func reads() {
        let read = events("""
            events:
              - replace-acl-rule: { network-acl-of: kind:load-balancer, inbound: { rule: 100, action: allow, port: 443, cidr: 0.0.0.0/0 } }
              - remove-acl-rule: { network-acl-of: role:was, outbound: 110 }
            """)
        #expect(read.map(\.kindName) == ["replace-acl-rule", "remove-acl-rule"])
        guard case .aclRule(let select, .outbound, .remove(110)) = read[1].operation else { Issue.record("remove"); return }
        #expect(select.form == .role("was"))
        var reader = NodeReader(codePrefix: "mission")
        _ = StoryEventReader.read(YAMLParser.parse("""
            events:
              - add-acl-rule: { network-acl-of: kind:load-balancer, inbound: { action: allow, port: 80 } }
              - remove-acl-rule: { network-acl-of: kind:load-balancer, inbound: 40000 }
            """, file: "mission.yaml").root!["events"]!, &reader)
        let found = reader.diagnostics.diagnostics.map { "\($0.code)@\($0.location!.line):\($0.location!.column)" }
        #expect(found.contains("mission.missing-key@2:66"), "\(found)")
        #expect(found.count == 2, "the out-of-range number too: \(found)")
    }

    @Test("replace, add and remove change only their rule; the learner's other lines and comments stay")
    func editsKeepOtherLines() throws {
        let yaml = """
            events:
              - replace-acl-rule: { network-acl-of: kind:load-balancer, inbound: { rule: 200, action: allow, port: 443, cidr: 0.0.0.0/0 } }
                note: { en: tidied by a teammate, ko: 동료가 정리 }
              - replace-acl-rule: { network-acl-of: kind:load-balancer, outbound: { rule: 100, action: allow, port: 443, cidr: 0.0.0.0/0 } }
              - add-acl-rule: { network-acl-of: kind:load-balancer, inbound: { rule: 210, action: allow, port: 80, cidr: 0.0.0.0/0 } }
              - remove-acl-rule: { network-acl-of: kind:load-balancer, inbound: 300 }
            """
        let once = try apply(yaml).get()
        #expect(once.text.contains("""
                inbound:
                  - { rule: 50, action: deny, protocol: all, cidr: 185.220.101.0/24 }   # my deny list
                  - { rule: 200, action: allow, port: 443, cidr: 0.0.0.0/0 }   # tidied by a teammate
                  - { rule: 210, action: allow, port: 80, cidr: 0.0.0.0/0 }
                outbound:
                  - { rule: 100, action: allow, port: 443, cidr: 0.0.0.0/0 }        # everything out

            """), "\(once.text)")
        let acl = try #require(TopologyLoader.load(text: once.text, file: "t").topology?.networkACLs.first)
        #expect(acl.inbound.map(\.number.value) == [50, 200, 210])
        #expect(acl.outbound.first?.ports == PortRange(port: 443))
        let twice = try apply(yaml, to: once.text).get()
        #expect(!twice.changed, "applied again, nothing changes: \(twice.diff.changes)")
    }

    @Test("adding a rule whose number the learner uses for another rule is refused at their line")
    func numberTaken() {
        guard case .failure(let failure) = apply("""
            events:
              - add-acl-rule: { network-acl-of: kind:load-balancer, inbound: { rule: 300, action: allow, port: 80, cidr: 0.0.0.0/0 } }
            """) else { Issue.record("must refuse"); return }
        #expect(failure.message.en.contains("already uses number 300"), "\(failure.message.en)")
        #expect(failure.location?.line == 27, "\(String(describing: failure.location))")
    }

    @Test("a subnet without an ACL of its own is refused, naming the subnet")
    func noACL() {
        guard case .failure(let failure) = apply("""
            events:
              - add-acl-rule: { network-acl-of: role:was, inbound: { rule: 100, action: allow, port: 80, cidr: 0.0.0.0/0 } }
            """) else { Issue.record("must refuse"); return }
        #expect(failure.message.en.contains("`back-1`"), "\(failure.message.en)")
        #expect(failure.location?.line == 10, "back-1 is on line 10")
    }

    @Test("cidr-of gives a subnet's block, several subnets' common block, or a VPC's; subnets-of lists the subnets")
    func cidrOf() throws {
        let arrival = try apply("""
            events:
              - add:
                  section: network-acls
                  name: inner
                  value:
                    subnets: { subnets-of: role:was }
                    inbound:
                      - { rule: 100, action: allow, port: 8080, cidr: { cidr-of: kind:load-balancer } }
                      - { rule: 110, action: allow, port: 3306, cidr: { cidr-of: app-2 } }
                      - { rule: 120, action: allow, port: 1024-65535, cidr: { cidr-of: kind:vpc } }
                      - { rule: 130, action: allow, port: 22, cidr: { cidr-of: kind:subnet-private } }
                    outbound: []
            """).get()
        #expect(arrival.text.contains("""
              inner:
                subnets: [back-1, back-2]
                inbound:
                  - { rule: 100, action: allow, port: 8080, cidr: 10.20.0.0/23 }
                  - { rule: 110, action: allow, port: 3306, cidr: 10.20.11.0/24 }
                  - { rule: 120, action: allow, port: 1024-65535, cidr: 10.20.0.0/16 }
                  - { rule: 130, action: allow, port: 22, cidr: 10.20.10.0/23 }
            """), "\(arrival.text)")
    }

    @Test("cidr-of refuses subnets whose common block holds another subnet")
    func cidrOfNoCommonBlock() {
        let text = Self.vpc.replacingOccurrences(of: "app-2: { subnet: back-2", with: "app-2: { subnet: front-2")
        guard case .failure(let failure) = apply("""
            events:
              - add: { section: outside, name: apps, value: { cidr-of: role:was } }
            """, to: text) else { Issue.record("must refuse"); return }
        #expect(failure.message.en.contains("do not form one"), "\(failure.message.en)")
    }

    @Test("`breaks:` lets the story write an error on purpose (an apex CNAME); without it the change is refused")
    func breaksOnPurpose() throws {
        let event = """
            events:
              - add:
                  section: dns
                  name: zones
                  value:
                    example.com:
                      records:
                        - { name: "@", type: CNAME, value: { name-of: kind:load-balancer } }
                  %@
            """
        guard case .failure(let refused) = apply(event.replacingOccurrences(of: "%@", with: "")) else { Issue.record("must refuse"); return }
        #expect(refused.message.en.contains("would not load"), "\(refused.message.en)")
        let arrival = try apply(event.replacingOccurrences(of: "      %@", with: "    breaks: [dns-cname-apex]")).get()
        #expect(arrival.text.hasSuffix("""
            dns:
              zones:
                example.com:
                  records:
                    - { name: "@", type: CNAME, value: front }

            """), "\(arrival.text)")
        let loaded = TopologyLoader.load(text: arrival.text, file: "t")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.code) == ["topology.dns-cname-apex"])
        var reader = NodeReader(codePrefix: "mission")
        _ = StoryEventReader.read(YAMLParser.parse("events:\n  - add: { section: outside, name: x, value: 1.2.3.4 }\n    breaks: [dns-cname-apx]\n",
                                                   file: "m").root!["events"]!, &reader)
        #expect(reader.diagnostics.diagnostics.map { "\($0.code)@\($0.location!.line):\($0.location!.column)" } == ["mission.event-breaks@3:14"])
        #expect(reader.diagnostics.diagnostics.first?.suggestion?.en == "did you mean `dns-cname-apex`?")
    }
}
