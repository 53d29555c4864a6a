import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation

/// The topology is resolved once (`TopologyIndex`); validation, the engine and the
/// grader's facts ask the same index, so they cannot disagree. Each test here failed
/// while they were separate copies.
@Suite struct TopologyIndexTests {
    static let text = """
        vpcs:
          main: { cidr: 10.0.0.0/16, region: ap-northeast-2, internet-gateway: igw-main }
        internet-gateways:
          igw-spare: {}
        subnets:
          public-a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
          public-c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c, route-table: public }
          odd: { vpc: main, cidr: 10.0.3.0/24, az: ap-northeast-2a, route-table: detached }
        route-tables:
          public: { routes: [ { to: 0.0.0.0/0, via: igw-main } ] }
          detached: { routes: [ { to: 0.0.0.0/0, via: igw-spare } ] }
        network-acls:
          restricted:
            subnets: [public-a]
            inbound: [ { rule: 100, action: allow, port: 80, cidr: 0.0.0.0/0 } ]
            outbound: [ { rule: 100, action: allow, port: 1024-65535, cidr: 0.0.0.0/0 } ]
        dns:
          zones:
            example.com: { records: [ { name: "@", type: A, value: 13.125.10.20 } ] }
        nat-gateways:
          nat: { subnet: odd, elastic-ip: 13.125.10.21 }
        security-groups:
          web: { inbound: [ { port: 80, from: internet } ] }
        load-balancers:
          front: { subnets: [public-a, public-c], security-groups: [web],
                   listeners: [ { port: 80, protocol: HTTP, targets: [was], target-port: 8080 } ] }
          edge: { role: reverse-proxy, subnets: [public-a, public-c], security-groups: [web],
                  listeners: [ { port: 80, protocol: HTTP, targets: [was], target-port: 8080 } ] }
        instances:
          was: { subnet: public-a, role: was }
        """

    static let here = SourceLocation(file: "mission.yaml", line: 1, column: 1)

    func grader() throws -> Grader {
        let loaded = TopologyLoader.load(text: Self.text, file: "t.yaml")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.filter { $0.severity == .error }.map(\.message.en))")
        return Grader(loaded, file: "t.yaml")
    }

    func failures(_ check: Check) throws -> [String] {
        let requirement = Requirement(id: "r", statement: LocalizedText(en: "r", ko: "r"), check: check, hints: [], location: Self.here)
        return try grader().evaluate(requirement, service: nil).findings.map(\.message.en)
    }

    @Test("exists: { select: <acl name> } finds the network ACL (it counted 0 before)")
    func existsNetworkACL() throws {
        #expect(try failures(.exists(select: Selector(.name("restricted"), at: Self.here), atLeast: 1, atMost: nil)) == [])
    }

    @Test("exists by name finds route tables and DNS zones too, and still misses what is not there")
    func existsOtherKinds() throws {
        #expect(try failures(.exists(select: Selector(.name("detached"), at: Self.here), atLeast: 1, atMost: nil)) == [])
        #expect(try failures(.exists(select: Selector(.name("example.com"), at: Self.here), atLeast: 1, atMost: nil)) == [])
        #expect(try failures(.exists(select: Selector(.name("nothing-here"), at: Self.here), atLeast: 1, atMost: nil)).count == 1)
    }

    @Test("role: lb selects every load balancer in the grader's facts, as in the engine")
    func roleLoadBalancer() throws {
        let grader = try grader()
        let facts = grader.facts
        let lb = Selector(.role("lb"), at: Self.here)
        #expect(facts.endpointNames(lb) == ["front", "edge"])
        #expect(grader.engine.components(withRole: "lb").map(\.name) == facts.endpointNames(lb))
        // A written role is played too, and only by the balancer that writes it.
        #expect(facts.endpointNames(Selector(.role("reverse-proxy"), at: Self.here)) == ["edge"])
    }

    @Test("validation asks the engine's rule 5: a NAT gateway whose subnet routes to a detached gateway is in a private subnet")
    func natRuleFive() throws {
        let loaded = TopologyLoader.load(text: Self.text, file: "t.yaml")
        let warning = loaded.diagnostics.first { $0.code == "topology.nat-in-private-subnet" }
        #expect(warning?.location?.line == 21, "the NAT gateway's `subnet: odd` (line 21)")
        let index = try #require(loaded.index)
        #expect(index.isPublic(subnet: "odd") == false)
        #expect(index.isPublic(subnet: "public-a") == true)
        #expect(NetworkEngine(index: index).isPublicSubnet("odd") == false)
    }

    @Test("one index answers names, route targets and effective associations")
    func resolution() throws {
        let index = TopologyIndex(try #require(TopologyLoader.load(text: Self.text, file: "t.yaml").topology))
        #expect(index.component(named: "restricted")?.kind == .networkACL)
        #expect(index.component(named: "example.com")?.kind == .dnsZone)
        #expect(index.routeTarget("igw-spare").kind == .internetGateway)
        #expect(index.routeTarget("nowhere") == .missing("nowhere"))
        #expect(index.effectiveNetworkACL(ofSubnet: "public-a")?.name == "restricted")
        #expect(index.effectiveNetworkACL(ofSubnet: "public-c") == nil)
        #expect(index.effectiveRouteTable(ofSubnet: "odd")?.name == "detached")
        #expect(index.vpcGateways[0].map { index.topology.internetGateways[$0].name } == ["igw-main"])
    }
}
