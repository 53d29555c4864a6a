import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

@Suite("Service answers") struct ServiceTests {
    let spec = ServiceSpec(entryPort: 443, tiers: [.init(role: "reverse-proxy"), .init(role: "was"), .init(role: "db", port: 3306)])

    @Test func missionServiceAnswers() {
        let result = NetworkEngine(topology: missionTopology()).serviceAnswers(spec, incidents: [])
        #expect(result.answers)
        #expect(result.flows.count == 3)
        #expect(result.flows[1].query.port == 8080)
    }

    @Test func proxyDownStopsIt() {
        let result = NetworkEngine(topology: missionTopology()).serviceAnswers(spec, incidents: [.instanceFailure("proxy")])
        #expect(!result.answers)
        #expect(result.reason?.code == .endpointDown)
        #expect(result.reason?.message.en.contains("a failure of `proxy`") == true, "the incident in words, not `instance-failure:proxy`")
    }

    @Test("a reverse proxy that forwards nothing on the entry port serves nothing behind it")
    func proxyWithoutForward() throws {
        var topology = missionTopology()
        let index = try #require(topology.instances.firstIndex { $0.name == "proxy" })
        topology.instances[index].forwards = []
        let result = NetworkEngine(topology: topology).serviceAnswers(spec, incidents: [])
        #expect(!result.answers)
        #expect(result.reason?.code == .noForward)
        #expect(result.reason?.component == "proxy")
        #expect(result.reason?.location == topology.instances[index].location)
    }

    @Test func missingRole() {
        let result = NetworkEngine(topology: missionTopology()).serviceAnswers(ServiceSpec(entryPort: 80, tiers: [.init(role: "cache")]), incidents: [])
        #expect(!result.answers && result.reason?.code == .noComponentForRole)
    }

    @Test func homeServerSurvivesNothing() {
        var b = TopologyBuilder(); homeTopology(&b)
        let engine = NetworkEngine(topology: b.build())
        let spec = ServiceSpec(entryPort: 80, tiers: [.init(role: "was"), .init(role: "db", port: 3306)])
        #expect(engine.serviceAnswers(spec, incidents: []).answers)
        let off = engine.serviceAnswers(spec, incidents: [.pcOff("my-pc")])
        #expect(!off.answers && off.reason?.code == .endpointDown)
    }

    @Test func twoDatacentersSurviveAFire() {
        var b = TopologyBuilder(); officeTopology(&b)
        let engine = NetworkEngine(topology: b.build())
        let spec = ServiceSpec(entryPort: 80, tiers: [.init(role: "was"), .init(role: "db", port: 3306)])
        #expect(engine.serviceAnswers(spec, incidents: [.fire("office")]).answers)
        #expect(engine.serviceAnswers(spec, incidents: [.powerOutage("office"), .powerOutage("dc")]).answers)
        let both = engine.serviceAnswers(spec, incidents: [.fire("office"), .fire("dc")])
        #expect(!both.answers && both.reason?.code == .siteDown)
    }

    @Test func loadBalancerTierAcrossAZs() {
        var b = TopologyBuilder(); albTopology(&b)
        let engine = NetworkEngine(topology: b.build())
        let spec = ServiceSpec(entryPort: 443, tiers: [.init(role: "load-balancer"), .init(role: "was")])
        #expect(engine.serviceAnswers(spec, incidents: [.azOutage("az-a")]).answers)
        #expect(!engine.serviceAnswers(spec, incidents: [.azOutage("az-a"), .azOutage("az-c")]).answers)
    }

    @Test func helpers() {
        let engine = NetworkEngine(topology: missionTopology())
        #expect(engine.isPublicSubnet("public-a") == true)
        #expect(engine.isPublicSubnet("private-a") == false)
        #expect(engine.isPublicSubnet("nope") == nil)
        #expect(engine.components(withRole: "was").map(\.name) == ["was", "was-c"])
        #expect(engine.placement(ofInstance: "proxy")?.privateIP == IPv4Address("10.0.1.4"))
        #expect(engine.placement(ofInstance: "bastion")?.privateIP == IPv4Address("10.0.1.5"))
        #expect(engine.placement(ofInstance: "bastion")?.hasElasticIP == true)
        #expect(engine.isPublicInstance("proxy") && !engine.isPublicInstance("was"))
        #expect(engine.effectiveRouteTable(ofSubnet: "private-a")?.name == "private-a")
        #expect(!engine.isAlive("was", under: [.azOutage("az-a")]))
        #expect(engine.isAlive("was-c", under: [.azOutage("az-a")]))
        #expect(!engine.isAlive("nat-a", under: [.natFailure("nat-a")]))
    }
}

@Suite("Flow report") struct FlowReportTests {
    let blocked = NetworkEngine(topology: missionTopology()).evaluate(FlowQuery(from: .internet, to: .named("bastion"), port: 22))
    let passing = NetworkEngine(topology: missionTopology()).evaluate(FlowQuery(from: .named("admin"), to: .named("db"), port: 22, through: "bastion"))

    @Test func textHasVerdictHopsAndLocation() {
        let text = FlowReport.text(blocked, language: .en, colorize: false)
        #expect(text.hasPrefix("internet → bastion tcp/22: UNREACHABLE"))
        #expect(text.contains("✗"))
        #expect(text.contains("[ENI_SG_RULES_MISMATCH]"))
        #expect(text.contains("look at: t.yaml:"))
        #expect(!text.contains("\u{1B}["))
        for line in text.split(separator: "\n") { #expect(displayWidth(of: String(line)) <= 80, "\(line)") }
    }

    @Test func koreanAndColour() {
        let text = FlowReport.text(passing, language: .ko, colorize: true)
        #expect(text.contains("접속돼요"))
        #expect(text.contains("\u{1B}[32m"))
        for line in FlowReport.text(blocked, language: .ko).split(separator: "\n") { #expect(displayWidth(of: String(line)) <= 80, "\(line)") }
    }

    @Test func jsonFields() throws {
        let data = Data(FlowReport.json(blocked).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["reachable"] as? Bool == false)
        #expect(object["partial"] as? Bool == false)
        let reason = try #require(object["reason"] as? [String: Any])
        #expect(reason["code"] as? String == "ENI_SG_RULES_MISMATCH")
        let location = try #require(reason["location"] as? [String: Any])
        #expect(location["file"] as? String == "t.yaml")
        #expect(location["line"] as? Int != nil)
        #expect(location["column"] as? Int != nil)
        let hops = try #require(object["hops"] as? [[String: Any]])
        #expect(hops.last?["verdict"] as? String == "block")
        #expect((object["query"] as? [String: Any])?["port"] as? Int == 22)
    }
}

/// Runs once the real loader lands in `main` (the stub returns an empty topology).
@Suite("YAML flows") struct YAMLFlowTests {
    static let yaml = """
    outside:
      admin: 203.0.113.10
    vpcs:
      main: { cidr: 10.0.0.0/16, internet-gateway: igw-main }
    subnets:
      public-a:  { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
      private-a: { vpc: main, cidr: 10.0.101.0/24, az: ap-northeast-2a, route-table: private-a }
    route-tables:
      public:
        routes:
          - { to: 0.0.0.0/0, via: igw-main }
      private-a:
        routes:
          - { to: 0.0.0.0/0, via: nat-a }
    nat-gateways:
      nat-a: { subnet: public-a, elastic-ip: 13.125.10.20 }
    security-groups:
      bastion:
        inbound:
          - { port: 22, from: admin }
      db:
        inbound:
          - { port: 22, from: bastion }
    instances:
      bastion: { subnet: public-a, public-ip: true, security-groups: [bastion] }
      db:      { subnet: private-a, security-groups: [db] }
    """

    static var loaderAvailable: Bool {
        (TopologyLoader.load(text: yaml, file: "t.yaml").topology?.instances.count ?? 0) > 0
    }

    @Test(.enabled(if: loaderAvailable)) func bastionChainFromYAML() throws {
        let topology = try #require(TopologyLoader.load(text: Self.yaml, file: "t.yaml").topology)
        let engine = NetworkEngine(topology: topology)
        #expect(engine.evaluate(FlowQuery(from: .named("admin"), to: .named("db"), port: 22, through: "bastion")).isReachable)
        #expect(engine.evaluate(FlowQuery(from: .named("db"), to: .internet, port: 443)).isReachable)
        let inbound = engine.evaluate(FlowQuery(from: .internet, to: .named("nat-a"), port: 443))
        #expect(inbound.reason.code == .natInbound)
        let direct = engine.evaluate(FlowQuery(from: .named("admin"), to: .named("db"), port: 22))
        #expect(direct.reason.code == .noPublicIP && direct.reason.location?.line == 26)
    }
}
