import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

/// One case (at least) per rule of shared/design/network-rules.md, labelled with the rule.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var label: String
    var topology: Topology
    var query: FlowQuery
    var reachable: Bool
    var code: ReasonCode
    /// The line the reason must point at (a label of the builder), if checked.
    var lineLabel: String?
    var lines: [String: InfralabSyntax.SourceLocation] = [:]

    var testDescription: String { label }
}

private func q(_ from: String, _ to: String, _ port: Int, address: AddressChoice = .auto, clientPorts: PortRange = .linuxEphemeral,
               through: String? = nil, incidents: [Incident] = [], proto: IPProtocol = .tcp) -> FlowQuery {
    FlowQuery(from: Endpoint(from), to: Endpoint(to), protocol: proto, port: port, address: address, clientPorts: clientPorts, through: through, incidents: incidents)
}

private func mission(_ label: String, _ query: FlowQuery, _ reachable: Bool, _ code: ReasonCode, line: String? = nil,
                     _ tweak: (inout TopologyBuilder) -> Void = { _ in }) -> RuleCase {
    var captured: [String: InfralabSyntax.SourceLocation] = [:]
    let topology = missionTopology { b in
        tweak(&b)
        captured = b.lines
    }
    return RuleCase(label: label, topology: topology, query: query, reachable: reachable, code: code, lineLabel: line, lines: captured)
}

private func custom(_ label: String, _ query: FlowQuery, _ reachable: Bool, _ code: ReasonCode, line: String? = nil,
                    _ build: (inout TopologyBuilder) -> Void) -> RuleCase {
    var b = TopologyBuilder()
    build(&b)
    return RuleCase(label: label, topology: b.build(), query: query, reachable: reachable, code: code, lineLabel: line, lines: b.lines)
}

/// Two subnets with NACL `n` on `app` (10.0.2.0/24); web (10.0.1.0/24) is open.
private func aclPair(_ label: String, _ query: FlowQuery, _ reachable: Bool, _ code: ReasonCode, line: String? = nil,
                     inbound: [TopologyBuilder.ACLRuleSpec], outbound: [TopologyBuilder.ACLRuleSpec]) -> RuleCase {
    custom(label, query, reachable, code, line: line) { b in
        b.vpc("main")
        b.table("rt", main: true, [("0.0.0.0/0", "igw")])
        b.subnet("web", "10.0.1.0/24")
        b.subnet("app", "10.0.2.0/24", acl: "n")
        b.acl("n", in: inbound, out: outbound)
        b.group("open", in: [allTraffic("0.0.0.0/0")])
        b.instance("w", subnet: "web", groups: ["open"], publicIP: true)
        b.instance("w2", subnet: "web", groups: ["open"])
        b.instance("a", subnet: "app", groups: ["open"], publicIP: true)
        b.instance("a2", subnet: "app", groups: ["open"])
    }
}

let ruleCases: [RuleCase] = [
    // Route tables.
    custom("rule 1: a subnet without its own table uses the VPC main table (main routes to IGW)", q("internet", "web", 80), true, .reachable) { b in
        b.vpc("main"); b.table("main-rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("g", in: [tcp(80, "internet")]); b.instance("web", subnet: "s", groups: ["g"], publicIP: true)
    },
    custom("rule 1: main-table fallback — no main table declared: local only, no internet", q("internet", "web", 80), false, .noRouteToInternetGateway, line: "s") { b in
        b.vpc("main"); b.table("unused", [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("g", in: [tcp(80, "internet")]); b.instance("web", subnet: "s", groups: ["g"], publicIP: true)
    },
    mission("rule 2: the local route carries traffic inside the VPC (was → db:3306)", q("was", "db", 3306), true, .reachable),
    mission("rule 2: across subnets in the VPC (was-c → db:3306) by the local route", q("was-c", "db", 3306), true, .reachable),
    custom("rule 3: longest prefix wins — the /24 to a missing NAT beats 0.0.0.0/0 to the IGW", q("web", "mirror", 443), false, .blackholeRoute, line: "rt.route1") { b in
        b.outside("mirror", "198.51.100.0/24")
        b.vpc("main"); b.table("rt", main: true, [("0.0.0.0/0", "igw"), ("198.51.100.0/24", "nat-gone")]); b.subnet("s", "10.0.1.0/24")
        b.group("g", in: []); b.instance("web", subnet: "s", groups: ["g"], publicIP: true)
    },
    custom("rule 3: longest prefix wins — the specific route to the IGW beats a default to nowhere", q("web", "mirror", 443), true, .reachable) { b in
        b.outside("mirror", "198.51.100.0/24")
        b.vpc("main"); b.table("rt", main: true, [("0.0.0.0/0", "nat-gone"), ("198.51.100.0/24", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("g", in: []); b.instance("web", subnet: "s", groups: ["g"], publicIP: true)
    },
    mission("rule 4: blackhole — the private table routes to a NAT that does not exist", q("was", "internet", 443), false, .blackholeRoute, line: "private-a.route0") { b in
        b.topology.routeTables[1].routes[0].target = Reference("nat-zz", at: b.lines["private-a.route0"]!)
    },
    mission("rule 5: a subnet routed to the IGW is public (proxy answers 443)", q("internet", "proxy", 443), true, .reachable),
    // Internet gateway and public addresses.
    mission("rule 6: no public IP — the WAS in a private subnet cannot be dialled from the internet", q("internet", "was", 8080), false, .noPublicIP, line: "was"),
    custom("rule 6: IGW not attached — the route points at a detached gateway", q("internet", "web", 80), false, .internetGatewayNotAttached, line: "rt.route0") { b in
        b.vpc("main", igw: nil); b.detachedIGW("igw"); b.table("rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("g", in: [tcp(80, "internet")]); b.instance("web", subnet: "s", groups: ["g"], publicIP: true)
    },
    custom("rule 6: IGW not attached — outbound too", q("web", "internet", 443), false, .internetGatewayNotAttached, line: "rt.route0") { b in
        b.vpc("main", igw: nil); b.detachedIGW("igw"); b.table("rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("g", in: []); b.instance("web", subnet: "s", groups: ["g"], publicIP: true)
    },
    custom("rule 6: no IGW at all in the VPC", q("internet", "web", 80), false, .noInternetGateway, line: "main") { b in
        b.vpc("main", igw: nil); b.subnet("s", "10.0.1.0/24")
        b.group("g", in: [tcp(80, "internet")]); b.instance("web", subnet: "s", groups: ["g"], publicIP: true)
    },
    custom("rule 6: missing IGW route — the instance's table has no default route", q("web", "internet", 443), false, .noRouteToInternetGateway, line: "rt") { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("s", "10.0.1.0/24")
        b.group("g", in: []); b.instance("web", subnet: "s", groups: ["g"], publicIP: true)
    },
    mission("rule 6: Elastic IP + public subnet + SG — the bastion answers the admin", q("admin", "bastion", 22), true, .reachable),
    mission("rule 7: public IP in a private subnet does not help (replies go to the NAT)", q("internet", "db", 3306), false, .noRouteToInternetGateway, line: "private-a.route0") { b in
        b.topology.instances[4].publicIP = Located(true, at: b.lines["db"]!)
        b.topology.securityGroups.isEmpty ? () : ()
    },
    custom("rule 7: instance → another's public address arrives from the source's public IP", q("a", "b", 80, address: .public), true, .reachable) { b in
        b.vpc("main"); b.table("rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("gb", in: [tcp(80, "internet")]); b.group("ga", in: [])
        b.instance("a", subnet: "s", groups: ["ga"], publicIP: true); b.instance("b", subnet: "s", groups: ["gb"], publicIP: true)
    },
    custom("rule 8: an auto-assigned public IP (subnet maps public IPs) answers like an Elastic one", q("internet", "web", 80), true, .reachable) { b in
        b.vpc("main"); b.table("rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24", mapsPublic: true)
        b.group("g", in: [tcp(80, "internet")]); b.instance("web", subnet: "s", groups: ["g"])
    },
    custom("rule 8: public-ip: false overrides the subnet's auto-assign", q("internet", "web", 80), false, .noPublicIP, line: "web") { b in
        b.vpc("main"); b.table("rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24", mapsPublic: true)
        b.group("g", in: [tcp(80, "internet")]); b.instance("web", subnet: "s", groups: ["g"], publicIP: false)
    },
    // NAT gateway.
    mission("rule 9: private instances reach out through the NAT gateway", q("db", "internet", 443), true, .reachable),
    mission("rule 9: inbound through NAT — nothing from the internet starts a connection in", q("internet", "nat-a", 443), false, .natInbound, line: "nat-a"),
    mission("rule 9: NAT in a private subnet cannot reach the internet", q("was", "internet", 443), false, .natNotPublic, line: "nat-a") { b in
        b.topology.natGateways[0].subnet = Reference("private-c", at: b.lines["nat-a"]!)
    },
    mission("rule 9: NAT with no Elastic IP", q("was", "internet", 443), false, .natNoElasticIP, line: "nat-a") { b in
        b.topology.natGateways[0].elasticIP = nil
    },
    mission("rule 9: NAT with no route — the private table has no default route", q("was", "internet", 443), false, .noRouteToInternetGateway, line: "private-a") { b in
        b.topology.routeTables[1].routes = []
    },
    mission("rule 10: one NAT per AZ — losing az-a leaves az-c's private subnet online", q("was-c", "internet", 443, incidents: [.azOutage("az-a")]), true, .reachable),
    mission("rule 10: a shared NAT in the failed AZ cuts the other AZ off", q("was-c", "internet", 443, incidents: [.azOutage("az-a")]), false, .natDown, line: "nat-a") { b in
        b.topology.routeTables[2].routes[0].target = Reference("nat-a", at: b.lines["private-c.route0"]!)
    },
    mission("rule 10: nat-failure stops the flows through it", q("was", "internet", 443, incidents: [.natFailure("nat-a")]), false, .natDown, line: "nat-a"),
    mission("rule 11: the NAT subnet's NACL applies (denies 443 out)", q("was", "internet", 443), false, .aclOutbound) { b in
        b.acl("pub", in: [allow(100, nil)], out: [deny(50, PortRange(port: 443)), allow(100, nil)])
        b.topology.subnets[0].networkACL = Reference("pub", at: b.lines["public-a"]!)
    },
    mission("rule 11: the NAT uses 1024-65535: a reply range 32768-65535 on its subnet is partial", q("was", "internet", 443), true, .partialEphemeralPorts) { b in
        b.acl("pub", in: [allow(100, PortRange(32768, 65535)), allow(110, nil, "10.0.0.0/16")], out: [allow(100, nil)])
        b.topology.subnets[0].networkACL = Reference("pub", at: b.lines["public-a"]!)
    },
    // Security groups.
    custom("rule 12: stateful — the reply is allowed with no inbound rule on the client", q("c", "s", 5432), true, .reachable) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24")
        b.group("client", in: []); b.group("server", in: [tcp(5432, "client")])
        b.instance("c", subnet: "x", groups: ["client"]); b.instance("s", subnet: "x", groups: ["server"])
    },
    custom("rule 13: a new group has no inbound rules", q("c", "s", 5432), false, .securityGroupIngress, line: "server") { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24")
        b.group("client", in: []); b.group("server", in: [])
        b.instance("c", subnet: "x", groups: ["client"]); b.instance("s", subnet: "x", groups: ["server"])
    },
    custom("rule 13: outbound: [] lets nothing leave", q("c", "s", 5432), false, .securityGroupEgress) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24")
        b.group("client", in: [], out: []); b.group("server", in: [tcp(5432, "client")])
        b.instance("c", subnet: "x", groups: ["client"]); b.instance("s", subnet: "x", groups: ["server"])
    },
    custom("rule 14: rules of all groups merge (the second group allows)", q("c", "s", 5432), true, .reachable) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24")
        b.group("client", in: []); b.group("base", in: [tcp(22, "client")]); b.group("pg", in: [tcp(5432, "client")])
        b.instance("c", subnet: "x", groups: ["client"]); b.instance("s", subnet: "x", groups: ["base", "pg"])
    },
    mission("rule 15: SG reference matches private addresses — was → db:3306 allowed", q("was", "db", 3306), true, .reachable),
    custom("rule 15: SG reference vs public IP — dialling the public address arrives from a public IP", q("a", "b", 80, address: .public), false, .securityGroupIngress) { b in
        b.vpc("main"); b.table("rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("ga", in: []); b.group("gb", in: [tcp(80, "ga")])
        b.instance("a", subnet: "s", groups: ["ga"], publicIP: true); b.instance("b", subnet: "s", groups: ["gb"], publicIP: true)
    },
    mission("rule 15: a CIDR peer — admin /32 opens the bastion, the internet does not get in", q("internet", "bastion", 22), false, .securityGroupIngress),
    mission("rule 15: world-open SSH — 22 from internet lets anyone in", q("internet", "bastion", 22), true, .reachable) { b in
        b.group("world-ssh", in: [tcp(22, "internet")])
        b.topology.instances[1].securityGroups = [Reference("world-ssh", at: b.lines["bastion"]!)]
    },
    mission("rule 15: a /1 rule does not cover every public address", q("internet", "bastion", 22), false, .securityGroupIngress) { b in
        b.group("half", in: [tcp(22, "0.0.0.0/1")])
        b.topology.instances[1].securityGroups = [Reference("half", at: b.lines["bastion"]!)]
    },
    custom("rule 16: groups are per instance, not per subnet (same subnet, different group)", q("c", "t", 80), false, .securityGroupIngress) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24")
        b.group("open", in: [tcp(80, "10.0.0.0/16")]); b.group("closed", in: [])
        b.instance("c", subnet: "x", groups: ["open"]); b.instance("t", subnet: "x", groups: ["closed"])
    },
    custom("rule 16: no security-groups: the VPC default group admits its own members", q("c", "t", 9999), true, .reachable) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24")
        b.instance("c", subnet: "x"); b.instance("t", subnet: "x")
    },
    // Network ACLs.
    aclPair("rule 17: stateless — missing ephemeral return range blocks the reply", q("w2", "a2", 80), false, .aclReplyBlocked,
            inbound: [allow(100, PortRange(port: 80), "10.0.0.0/16")], outbound: [allow(100, PortRange(port: 80))]),
    aclPair("rule 17: the return range 1024-65535 makes it work", q("w2", "a2", 80), true, .reachable,
            inbound: [allow(100, PortRange(port: 80), "10.0.0.0/16")], outbound: [allow(100, PortRange(1024, 65535))]),
    aclPair("rule 18: rule-number order — deny 90 before allow 100", q("w2", "a2", 80), false, .aclInbound, line: "n.in90",
            inbound: [allow(100, PortRange(port: 80)), deny(90, PortRange(port: 80))], outbound: [allow(100, nil)]),
    aclPair("rule 18: rule-number order — allow 80 before deny 100", q("w2", "a2", 80), true, .reachable,
            inbound: [deny(100, PortRange(port: 80)), allow(80, PortRange(port: 80))], outbound: [allow(100, nil)]),
    aclPair("rule 18: implicit final deny", q("w2", "a2", 22), false, .aclInbound, line: "n",
            inbound: [allow(100, PortRange(port: 80))], outbound: [allow(100, nil)]),
    aclPair("rule 19: custom NACL default deny (no rules)", q("w2", "a2", 80), false, .aclInbound, line: "n", inbound: [], outbound: []),
    custom("rule 19: the default NACL allows everything", q("x1", "x2", 80), true, .reachable) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("s1", "10.0.1.0/24"); b.subnet("s2", "10.0.2.0/24")
        b.group("g", in: [tcp(80, "10.0.0.0/16")]); b.instance("x1", subnet: "s1", groups: ["g"]); b.instance("x2", subnet: "s2", groups: ["g"])
    },
    custom("rule 19: a default: true ACL replaces the VPC default", q("x1", "x2", 80), false, .aclOutbound) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("s1", "10.0.1.0/24"); b.subnet("s2", "10.0.2.0/24")
        b.acl("strict", default: true, in: [], out: [])
        b.group("g", in: [tcp(80, "10.0.0.0/16")]); b.instance("x1", subnet: "s1", groups: ["g"]); b.instance("x2", subnet: "s2", groups: ["g"])
    },
    aclPair("rule 20: same-subnet NACL bypass — two instances in app never pass the deny-all ACL", q("a", "a2", 80), true, .reachable,
            inbound: [], outbound: []),
    aclPair("rule 21: partial — Linux clients covered, Windows not (32768-60999 open, client 49152-65535)", q("w2", "a2", 80, clientPorts: .windowsEphemeral), true, .partialEphemeralPorts,
            inbound: [allow(100, nil)], outbound: [allow(100, PortRange(32768, 60999))]),
    aclPair("rule 21: Linux clients fully covered by 32768-60999", q("w2", "a2", 80), true, .reachable,
            inbound: [allow(100, nil)], outbound: [allow(100, PortRange(32768, 60999))]),
    aclPair("rule 21: internet → app with return range only for Linux, a Windows client is partial", q("internet", "a", 80, clientPorts: .windowsEphemeral), true, .partialEphemeralPorts,
            inbound: [allow(100, PortRange(port: 80))], outbound: [allow(100, PortRange(32768, 60999))]),
    // Addresses and subnets (rules 22-25 are validations in the loader; the engine relies on them).
    custom("rule 24: the first instance gets network+4 — a /32 rule for 10.0.1.4 admits it", q("c", "s", 80), true, .reachable) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24")
        b.group("g", in: [tcp(80, "10.0.1.4/32")]); b.group("n", in: [])
        b.instance("c", subnet: "x", groups: ["n"]); b.instance("s", subnet: "x", groups: ["g"])
    },
    custom("rule 24: the second instance gets network+5, so the /32 for .4 does not admit it", q("c", "s", 80), false, .securityGroupIngress) { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24")
        b.group("g", in: [tcp(80, "10.0.1.4/32")]); b.group("n", in: [])
        b.instance("s", subnet: "x", groups: ["g"]); b.instance("c", subnet: "x", groups: ["n"])
    },
    custom("rule 25: az-outage takes down instances in subnets of that AZ", q("c", "s", 80, incidents: [.azOutage("az-b")]), false, .endpointDown, line: "s") { b in
        b.vpc("main"); b.table("rt", main: true, []); b.subnet("x", "10.0.1.0/24"); b.subnet("y", "10.0.2.0/24", az: "az-b")
        b.group("g", in: [tcp(80, "10.0.0.0/16")]); b.instance("c", subnet: "x", groups: ["g"]); b.instance("s", subnet: "y", groups: ["g"])
    },
    // Load balancers and reverse proxies.
    custom("rule 26: LB with targets in two AZs survives az-outage of one", q("internet", "alb", 443, incidents: [.azOutage("az-a")]), true, .reachable) { b in
        albTopology(&b)
    },
    custom("rule 26: LB whose only target's AZ fails has no healthy target", q("internet", "alb", 443, incidents: [.azOutage("az-c")]), false, .noHealthyTarget) { b in
        albTopology(&b)
        b.topology.instances.removeAll { $0.name == "t-a" }
    },
    custom("rule 26: az-outage of both AZs takes the LB down", q("internet", "alb", 443, incidents: [.azOutage("az-a"), .azOutage("az-c")]), false, .endpointDown) { b in
        albTopology(&b)
    },
    custom("rule 27: targets accept the target port only from the LB's group — the LB reaches them", q("alb", "t-a", 8080), true, .reachable) { b in albTopology(&b) },
    custom("rule 27: the internet cannot go around the LB to a target", q("internet", "t-a", 8080), false, .noPublicIP) { b in albTopology(&b) },
    custom("rule 27: the target group allows the LB's group, but the LB group allows nothing out", q("internet", "alb", 443), false, .noHealthyTarget) { b in
        albTopology(&b, albOutbound: [])
    },
    custom("rule 28: HTTP→HTTPS redirect listener answers by itself", q("internet", "alb", 80), true, .reachable) { b in albTopology(&b) },
    custom("rule 28: no listener on the port", q("internet", "alb", 8443), false, .noListener, line: "alb") { b in albTopology(&b) },
    mission("rule 29: proxy chaining — internet → proxy:443 then proxy → was:8080", q("internet", "was", 443, through: "proxy"), true, .reachable),
    mission("rule 29: proxy chaining — was:8080 is allowed only from the proxy SG (the bastion cannot)", q("bastion", "was", 8080), false, .securityGroupIngress),
    mission("rule 29: NOT_THROUGH — the proxy forwards 443 to was, not to db", q("internet", "db", 443, through: "proxy"), false, .notThrough),
    custom("rule 29: second leg blocked — was does not accept 8080 from the proxy", q("internet", "was", 443, through: "proxy"), false, .securityGroupIngress) { b in
        b.vpc("main"); b.table("rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("proxy", in: [tcp(443, "internet")]); b.group("was", in: [tcp(8080, "10.9.0.0/16")])
        b.instance("proxy", subnet: "s", groups: ["proxy"], publicIP: true, forwards: [(443, "was", 8080)]); b.instance("was", subnet: "s", groups: ["was"])
    },
    // DNS (rule 30) is validated by the loader; the engine does not resolve names.
    // Bastion.
    mission("rule 31: bastion chain — admin → bastion:22, then bastion → db:22", q("admin", "db", 22, through: "bastion"), true, .reachable),
    mission("rule 31: the internet (not the admin) cannot use the bastion", q("internet", "db", 22, through: "bastion"), false, .securityGroupIngress),
    mission("rule 31: the admin cannot SSH the private DB directly", q("admin", "db", 22), false, .noPublicIP, line: "db"),
    // Incidents.
    mission("incident: instance-failure of the destination", q("was", "db", 3306, incidents: [.instanceFailure("db")]), false, .endpointDown, line: "db"),
    mission("incident: fire of an AZ burns everything in it", q("was", "db", 3306, incidents: [.fire("az-a")]), false, .endpointDown),
    mission("incident: unknown endpoint", q("internet", "nope", 80), false, .unknownEndpoint),
    // Before the cloud.
    custom("pre-cloud: port forwarding reaches the PC", q("internet", "my-pc", 80), true, .reachable) { b in homeTopology(&b) },
    custom("pre-cloud: no port forward for 22", q("internet", "my-pc", 22), false, .noPortForward, line: "home") { b in homeTopology(&b) },
    custom("pre-cloud: pc-off", q("internet", "my-pc", 80, incidents: [.pcOff("my-pc")]), false, .endpointDown, line: "my-pc") { b in homeTopology(&b) },
    custom("pre-cloud: pc-off:* turns every PC off", q("internet", "my-pc", 80, incidents: [.pcOff("*")]), false, .endpointDown) { b in homeTopology(&b) },
    custom("pre-cloud: a tunnel needs no public IP", q("internet", "laptop", 443), true, .reachable) { b in
        b.site("flat", publicIP: nil, tunnels: [(443, "laptop", 8080)]); b.host("laptop", site: "flat", kind: .personalComputer, runs: ["was"])
    },
    custom("pre-cloud: a forward without a public IP does nothing", q("internet", "laptop", 80), false, .siteNoPublicIP) { b in
        b.site("flat", publicIP: nil, forwards: [(80, "laptop", nil)]); b.host("laptop", site: "flat", kind: .personalComputer)
    },
    custom("pre-cloud: hosts on one LAN reach each other", q("was-box", "db-box", 3306), true, .reachable) { b in officeTopology(&b) },
    custom("pre-cloud: UPS-only office goes dark in a power outage", q("internet", "was-box", 80, incidents: [.powerOutage("office")]), false, .siteDown) { b in officeTopology(&b) },
    custom("pre-cloud: UPS + generator datacenter survives a power outage", q("internet", "dc-web", 80, incidents: [.powerOutage("dc")]), true, .reachable) { b in officeTopology(&b) },
    custom("pre-cloud: fire at the office, the datacenter still answers", q("internet", "dc-web", 80, incidents: [.fire("office")]), true, .reachable) { b in officeTopology(&b) },
    custom("pre-cloud: fire at the office", q("internet", "was-box", 80, incidents: [.fire("office")]), false, .siteDown) { b in officeTopology(&b) },
    custom("pre-cloud: host → other site only via its port forwards", q("was-box", "dc-db", 3306), false, .differentSite) { b in officeTopology(&b) },
    custom("pre-cloud: host → other site through a port forward, from the site's public IP", q("was-box", "dc-web", 80), true, .reachable) { b in officeTopology(&b) },
    custom("pre-cloud: host → cloud instance allowed from the site's IP", q("was-box", "cloud-db", 3306), true, .reachable) { b in
        officeTopology(&b)
        b.vpc("main"); b.table("rt", main: true, [("0.0.0.0/0", "igw")]); b.subnet("s", "10.0.1.0/24")
        b.group("db", in: [tcp(3306, "office")]); b.instance("cloud-db", subnet: "s", groups: ["db"], eip: "13.125.1.1")
    },
    custom("pre-cloud: host → internet", q("was-box", "internet", 443), true, .reachable) { b in officeTopology(&b) },
]

@Suite("Network rules") struct NetworkRuleTests {
    @Test("each rule", arguments: ruleCases)
    func rule(_ c: RuleCase) {
        let engine = NetworkEngine(topology: c.topology)
        let result = engine.evaluate(c.query)
        #expect(result.isReachable == c.reachable, "\(c.label): \(result.reason.code) \(result.reason.message.en)")
        #expect(result.reason.code == c.code, "\(c.label): \(result.reason.message.en)")
        if let label = c.lineLabel {
            #expect(result.reason.location?.line == c.lines[label]?.line, "\(c.label): points at \(String(describing: result.reason.location)), want \(label)")
        }
        #expect(!result.hops.isEmpty)
        if !c.reachable { #expect(result.hops.last?.verdict == .block || result.reason.code == .noHealthyTarget || result.reason.code == .unknownEndpoint) }
        if c.code == .partialEphemeralPorts { #expect(result.isPartial && !result.missingClientPorts.isEmpty) }
    }

    @Test("every rule of network-rules.md but the loader's has a case")
    func coverage() {
        let covered = Set(ruleCases.compactMap { c -> Int? in
            guard c.label.hasPrefix("rule ") else { return nil }
            return Int(c.label.dropFirst(5).prefix { $0.isNumber })
        })
        let loaderOnly: Set<Int> = [22, 23, 30]
        for rule in 1...31 where !loaderOnly.contains(rule) { #expect(covered.contains(rule), "rule \(rule) has no case") }
    }

    @Test func partialReportsMissingRange() {
        let c = ruleCases.first { $0.label.hasPrefix("rule 21: partial") }!
        let result = NetworkEngine(topology: c.topology).evaluate(c.query)
        #expect(result.missingClientPorts == [PortRange(61000, 65535)])
    }

    @Test func incidentsNameTheCause() {
        let t = missionTopology()
        let result = NetworkEngine(topology: t).evaluate(FlowQuery(from: .named("was"), to: .named("db"), port: 3306, incidents: [.instanceFailure("db")]))
        #expect(result.reason.message.en == "`db` is down (a failure of `db`)", "the incident in words, not `instance-failure:db`")
    }
}
