import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

/// "The internet" as a set of public addresses: several routes or rules may cover it
/// together (the default route written as 0.0.0.0/1 + 128.0.0.0/1), one narrow rule
/// never does, and a broad part of it routed elsewhere makes it unreachable, pointing at
/// the route that takes that part away; an exception for particular parties (a /8 or
/// longer) does not. (Tests/Differential/cases/split-default-route.yaml)
@Suite struct SplitInternetTests {
    private func flow(_ from: String, _ to: String, _ port: Int = 443) -> FlowQuery {
        FlowQuery(from: Endpoint(from), to: Endpoint(to), protocol: .tcp, port: port)
    }

    /// One VPC, subnet `s` (10.0.1.0/24) with table `rt`, instance `w` with a public IP.
    private func build(routes: [(String, String)], groupIn: [TopologyBuilder.RuleSpec] = [tcp(443, "0.0.0.0/0")],
                       acl: (in: [TopologyBuilder.ACLRuleSpec], out: [TopologyBuilder.ACLRuleSpec])? = nil,
                       _ extra: (inout TopologyBuilder) -> Void = { _ in }) -> (NetworkEngine, [String: InfralabSyntax.SourceLocation]) {
        var b = TopologyBuilder()
        b.vpc("main")
        b.table("rt", routes)
        b.subnet("s", "10.0.1.0/24", table: "rt", acl: acl == nil ? nil : "n")
        if let acl { b.acl("n", in: acl.in, out: acl.out) }
        b.group("g", in: groupIn)
        b.instance("w", subnet: "s", groups: ["g"], publicIP: true)
        extra(&b)
        return (NetworkEngine(topology: b.build()), b.lines)
    }

    private let halves = [("0.0.0.0/1", "igw"), ("128.0.0.0/1", "igw")]

    @Test func splitDefaultRouteCarriesTheInternetBothWays() {
        let (engine, _) = build(routes: halves)
        let inbound = engine.evaluate(flow("internet", "w"))
        #expect(inbound.isReachable, "\(inbound.reason.code) \(inbound.reason.message.en)")
        #expect(inbound.hops.contains { $0.detail.en.contains("routes 0.0.0.0/1, 128.0.0.0/1 via igw") })
        let outbound = engine.evaluate(flow("w", "internet"))
        #expect(outbound.isReachable, "\(outbound.reason.code) \(outbound.reason.message.en)")
        // Rule 5 is unchanged: a table with a route to an attached IGW makes the subnet public.
        #expect(engine.isPublicSubnet("s") == true)
    }

    @Test func splitNACLRulesAdmitTheInternet() {
        let (engine, _) = build(routes: [("0.0.0.0/0", "igw")],
                                acl: (in: [allow(100, nil, "0.0.0.0/1", proto: .all), allow(110, nil, "128.0.0.0/1", proto: .all)],
                                      out: [allow(100, nil, "0.0.0.0/1", proto: .all), allow(110, nil, "128.0.0.0/1", proto: .all)]))
        for (from, to) in [("internet", "w"), ("w", "internet")] {
            let result = engine.evaluate(flow(from, to))
            #expect(result.isReachable, "\(from) → \(to): \(result.reason.code) \(result.reason.message.en)")
            #expect(!result.isPartial)
        }
    }

    @Test func splitSecurityGroupRulesAdmitTheInternet() {
        let (engine, _) = build(routes: [("0.0.0.0/0", "igw")], groupIn: [tcp(443, "0.0.0.0/1"), tcp(443, "128.0.0.0/1")])
        let result = engine.evaluate(flow("internet", "w"))
        #expect(result.isReachable, "\(result.reason.code) \(result.reason.message.en)")
        #expect(result.hops.contains { $0.detail.en.contains("tcp 443 from 0.0.0.0/1; tcp 443 from 128.0.0.0/1") })
    }

    @Test func oneHalfStillDoesNotAdmitTheInternet() {
        // Security group: only 0.0.0.0/1.
        let (sg, sgLines) = build(routes: [("0.0.0.0/0", "igw")], groupIn: [tcp(443, "0.0.0.0/1")])
        let bySG = sg.evaluate(flow("internet", "w"))
        #expect(!bySG.isReachable)
        #expect(bySG.reason.code == .securityGroupIngress)
        #expect(bySG.reason.location?.line == sgLines["g.in0"]?.line)
        #expect(bySG.reason.message.en.contains("internet addresses in 128.0.0.0/1"), "\(bySG.reason.message.en)")

        // NACL: only 0.0.0.0/1 in; the implicit * rule refuses the other half.
        let (acl, aclLines) = build(routes: [("0.0.0.0/0", "igw")],
                                    acl: (in: [allow(100, nil, "0.0.0.0/1", proto: .all)], out: [allow(100, nil, proto: .all)]))
        let byACL = acl.evaluate(flow("internet", "w"))
        #expect(!byACL.isReachable)
        #expect(byACL.reason.code == .aclInbound)
        #expect(byACL.reason.location?.line == aclLines["n"]?.line)
        #expect(byACL.reason.message.en.contains("128.0.0.0/1"), "\(byACL.reason.message.en)")

        // Routes: only 0.0.0.0/1 via the IGW.
        let (route, routeLines) = build(routes: [("0.0.0.0/1", "igw")])
        let byRoute = route.evaluate(flow("internet", "w"))
        #expect(!byRoute.isReachable)
        #expect(byRoute.reason.code == .noRouteToInternetGateway)
        #expect(byRoute.reason.location?.line == routeLines["rt"]?.line)
        #expect(byRoute.reason.message.en.contains("128.0.0.0/1"), "\(byRoute.reason.message.en)")
        let out = route.evaluate(flow("w", "internet"))
        #expect(!out.isReachable)
        #expect(out.reason.code == .noRouteToInternetGateway)
        #expect(out.reason.message.en.contains("internet addresses in 128.0.0.0/1"), "\(out.reason.message.en)")
    }

    @Test func aNarrowRuleNeverAdmitsTheInternet() {
        let (engine, _) = build(routes: [("0.0.0.0/0", "igw")], groupIn: [tcp(443, "admin")]) { b in b.outside("admin", "203.0.113.10/32") }
        #expect(!engine.evaluate(flow("internet", "w")).isReachable)
        #expect(engine.evaluate(flow("admin", "w")).isReachable)
    }

    @Test func halfToTheIGWHalfToANATIsUnreachableFromTheInternet() {
        let (engine, lines) = build(routes: [("0.0.0.0/1", "igw"), ("128.0.0.0/1", "nat")]) { b in
            b.table("pub", [("0.0.0.0/0", "igw")])
            b.subnet("p", "10.0.9.0/24", table: "pub")
            b.nat("nat", subnet: "p", eip: "13.125.10.20")
        }
        let result = engine.evaluate(flow("internet", "w"))
        #expect(!result.isReachable)
        #expect(result.reason.code == .noRouteToInternetGateway)
        #expect(result.reason.location?.line == lines["rt.route1"]?.line)
        #expect(result.reason.message.en.contains("internet addresses in 128.0.0.0/1"), "\(result.reason.message.en)")
        #expect(result.reason.message.en.contains("route 128.0.0.0/1 via nat"), "\(result.reason.message.en)")
        // Out, both halves get out: one by the IGW, one by the NAT.
        let out = engine.evaluate(flow("w", "internet"))
        #expect(out.isReachable, "\(out.reason.code) \(out.reason.message.en)")
    }

    @Test func halfToABlackholePointsAtThatRoute() {
        let (engine, lines) = build(routes: [("0.0.0.0/1", "igw"), ("128.0.0.0/1", "nat-gone")])
        let inbound = engine.evaluate(flow("internet", "w"))
        #expect(!inbound.isReachable)
        #expect(inbound.reason.code == .noRouteToInternetGateway)
        #expect(inbound.reason.location?.line == lines["rt.route1"]?.line)
        let out = engine.evaluate(flow("w", "internet"))
        #expect(!out.isReachable)
        #expect(out.reason.code == .blackholeRoute)
        #expect(out.reason.location?.line == lines["rt.route1"]?.line)
        // The admin (in 128.0.0.0/1) is cut off too; a client in the other half is not.
        let (engine2, _) = build(routes: [("0.0.0.0/1", "igw"), ("128.0.0.0/1", "nat-gone")]) { b in
            b.outside("admin", "203.0.113.10/32"); b.outside("low", "8.8.8.8/32")
        }
        #expect(!engine2.evaluate(flow("admin", "w")).isReachable)
        #expect(engine2.evaluate(flow("low", "w")).isReachable)
    }

    @Test func batchAgreesWithPairwiseOnTheSplitRoute() {
        let (engine, _) = build(routes: halves) { b in b.instance("v", subnet: "s", groups: ["g"], publicIP: true) }
        let summary = engine.evaluateAll(ports: [443])
        #expect(summary.internetReachable[443] == ["w", "v"])
    }

    @Test("a deny for one attacker's address does not block the internet")
    func narrowDenyDoesNotBlockTheInternet() {
        let (engine, _) = build(routes: [("0.0.0.0/0", "igw")],
                                acl: (in: [deny(90, nil, "203.0.113.66/32", proto: .all), allow(100, nil, "0.0.0.0/0", proto: .all)],
                                      out: [allow(100, nil, "0.0.0.0/0", proto: .all)]))
        let result = engine.evaluate(flow("internet", "w"))
        #expect(result.isReachable, "\(result.reason.code) \(result.reason.message.en)")
    }

    @Test("one office's range routed elsewhere does not cut the internet off")
    func narrowRouteElsewhereDoesNotCutTheInternet() {
        let (engine, _) = build(routes: [("0.0.0.0/0", "igw"), ("203.0.113.0/24", "blackhole-target")])
        #expect(engine.evaluate(flow("internet", "w")).isReachable)
        #expect(engine.evaluate(flow("w", "internet")).isReachable)
    }

}
