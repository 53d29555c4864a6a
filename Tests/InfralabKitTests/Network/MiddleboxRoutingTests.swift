import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork

/// Routes more specific than the local route, and the reply's route inside the VPC
/// (issue 9): what AWS carries, what it drops, and the line that decides.
@Suite struct MiddleboxRoutingTests {
    static func topology(app: String, data: String = "[]", publicRoutes: String = "[ { to: 0.0.0.0/0, via: igw } ]") throws -> NetworkEngine {
        let text = """
            vpcs:
              main: { cidr: 10.0.0.0/16, region: ap-northeast-2, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
              app: { vpc: main, cidr: 10.0.101.0/24, az: ap-northeast-2a, route-table: app }
              data: { vpc: main, cidr: 10.0.102.0/24, az: ap-northeast-2a, route-table: data }
            route-tables:
              public: { routes: \(publicRoutes) }
              app: { routes: \(app) }
              data: { routes: \(data) }
            nat-gateways:
              nat: { subnet: public, elastic-ip: 13.125.10.20 }
            security-groups:
              any: { inbound: [ { protocol: all, from: 10.0.0.0/16 } ] }
            instances:
              a: { subnet: app, security-groups: [any] }
              b: { subnet: data, security-groups: [any] }
            """
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.message.en))")
        return NetworkEngine(index: try #require(loaded.index))
    }

    @Test("a route for another subnet's exact CIDR via a NAT gateway carries the traffic through it (AWS middlebox routing)")
    func throughNAT() throws {
        let engine = try Self.topology(app: "[ { to: 10.0.102.0/24, via: nat } ]")
        let result = engine.evaluate(FlowQuery(from: .named("a"), to: .named("b"), port: 5432))
        #expect(result.isReachable)
        #expect(result.hops.contains { $0.kind == .natGateway && $0.name == "nat" })
    }

    @Test("a reply routed to a NAT gateway that never saw the request is dropped, at the route's line")
    func replyThroughNAT() throws {
        let engine = try Self.topology(app: "[ { to: 10.0.102.0/24, via: nat } ]")
        let result = engine.evaluate(FlowQuery(from: .named("b"), to: .named("a"), port: 5432))
        #expect(!result.isReachable)
        #expect(result.reason.code == .cannotRoute)
        #expect(result.reason.location?.line == 9, "the app table's route via nat (line 9)")
    }

    @Test("a NAT subnet that routes its clients back to the NAT loops: updates fail at that route")
    func natLoop() throws {
        let engine = try Self.topology(app: "[ { to: 0.0.0.0/0, via: nat } ]",
                                       publicRoutes: "[ { to: 0.0.0.0/0, via: igw }, { to: 10.0.101.0/24, via: nat } ]")
        let result = engine.evaluate(FlowQuery(from: .named("a"), to: .internet, port: 443))
        #expect(!result.isReachable)
        #expect(result.reason.code == .cannotRoute)
        #expect(result.reason.location?.line == 8, "the public table's route back to nat (line 8)")
        let fine = try Self.topology(app: "[ { to: 0.0.0.0/0, via: nat } ]")
        #expect(fine.evaluate(FlowQuery(from: .named("a"), to: .internet, port: 443)).isReachable)
    }
}

extension MiddleboxRoutingTests {
    @Test("a route for a subnet's own CIDR via a NAT gateway changes nothing inside that subnet")
    func ownSubnet() throws {
        let text = """
            vpcs:
              main: { cidr: 10.0.0.0/16, internet-gateway: igw }
            subnets:
              public: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
              app: { vpc: main, cidr: 10.0.101.0/24, az: ap-northeast-2a, route-table: app }
            route-tables:
              public: { routes: [ { to: 0.0.0.0/0, via: igw } ] }
              app: { routes: [ { to: 10.0.101.0/24, via: nat } ] }
            nat-gateways:
              nat: { subnet: public, elastic-ip: 13.125.10.20 }
            security-groups:
              any: { inbound: [ { protocol: all, from: 10.0.0.0/16 } ] }
            instances:
              a: { subnet: app, security-groups: [any] }
              b: { subnet: app, security-groups: [any] }
            """
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        #expect(!loaded.hasErrors)
        let result = NetworkEngine(index: try #require(loaded.index)).evaluate(FlowQuery(from: .named("a"), to: .named("b"), port: 5432))
        #expect(result.isReachable)
        #expect(!result.hops.contains { $0.kind == .natGateway })
    }
}
