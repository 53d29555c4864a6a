import InfralabSyntax
import InfralabTopology

/// Builds topologies as model values for engine tests, without the loader.
/// Every declaration gets its own line in a fictional `t.yaml`, so reasons can be
/// checked for pointing at the right line.
public struct TopologyBuilder {
    public struct RuleSpec {
        public var proto: IPProtocol
        public var ports: PortRange?
        public var peer: String
        public init(proto: IPProtocol, ports: PortRange?, peer: String) {
            self.proto = proto
            self.ports = ports
            self.peer = peer
        }
    }

    public struct ACLRuleSpec {
        public var number: Int
        public var allow: Bool
        public var proto: IPProtocol
        public var ports: PortRange?
        public var peer: String
        public init(number: Int, allow: Bool, proto: IPProtocol, ports: PortRange?, peer: String) {
            self.number = number
            self.allow = allow
            self.proto = proto
            self.ports = ports
            self.peer = peer
        }
    }

    public init() {}

    public var topology = Topology(file: "t.yaml")
    private var line = 0
    private var pendingGroups: [(String, [RuleSpec], [RuleSpec]?, SourceLocation, [SourceLocation], [SourceLocation])] = []
    private var pendingACLs: [(String, Bool, [ACLRuleSpec], [ACLRuleSpec], [String], SourceLocation, [SourceLocation], [SourceLocation])] = []

    public private(set) var lines: [String: SourceLocation] = [:]

    public mutating func loc(_ label: String? = nil) -> SourceLocation {
        line += 1
        let l = SourceLocation(file: "t.yaml", line: line, column: 3)
        if let label { lines[label] = l }
        return l
    }

    public mutating func ref(_ name: String) -> Reference { Reference(name, at: loc()) }

    public mutating func vpc(_ name: String, _ cidr: String = "10.0.0.0/16", igw: String? = "igw") {
        let l = loc(name)
        topology.vpcs.append(VPC(name: name, location: l, cidr: Located(CIDR(cidr)!, at: l)))
        if let igw { topology.internetGateways.append(InternetGateway(name: igw, location: loc(igw), vpc: Reference(name, at: l))) }
    }

    public mutating func detachedIGW(_ name: String) {
        topology.internetGateways.append(InternetGateway(name: name, location: loc(name), vpc: nil))
    }

    public mutating func subnet(_ name: String, vpc: String = "main", _ cidr: String, az: String = "az-a", table: String? = nil, acl: String? = nil, mapsPublic: Bool = false) {
        let l = loc(name)
        var s = Subnet(name: name, location: l, vpc: Reference(vpc, at: l), cidr: Located(CIDR(cidr)!, at: l), availabilityZone: Located(az, at: l),
                       routeTable: table.map { Reference($0, at: l) }, networkACL: acl.map { Reference($0, at: l) })
        s.mapsPublicIPOnLaunch = mapsPublic
        topology.subnets.append(s)
    }

    public mutating func table(_ name: String, vpc: String? = "main", main: Bool = false, _ routes: [(String, String)]) {
        let l = loc(name)
        var rs: [Route] = []
        for (index, (to, via)) in routes.enumerated() {
            let rl = loc("\(name).route\(index)")
            let destination: Route.Destination = CIDR(to).map { .cidr($0) } ?? .outsideHost(to)
            rs.append(Route(destination: Located(destination, at: rl), target: Reference(via, at: rl), location: rl))
        }
        topology.routeTables.append(RouteTable(name: name, location: l, vpc: vpc.map { Reference($0, at: l) }, isMain: main, routes: rs))
    }

    public mutating func nat(_ name: String, subnet: String, eip: String?) {
        let l = loc(name)
        topology.natGateways.append(NATGateway(name: name, location: l, subnet: Reference(subnet, at: l), elasticIP: eip.map { Located(IPv4Address($0)!, at: l) }))
    }

    public mutating func group(_ name: String, in inbound: [RuleSpec], out outbound: [RuleSpec]? = nil) {
        let l = loc(name)
        let inLocs = inbound.indices.map { loc("\(name).in\($0)") }
        let outLocs = (outbound ?? []).indices.map { loc("\(name).out\($0)") }
        pendingGroups.append((name, inbound, outbound, l, inLocs, outLocs))
    }

    public mutating func acl(_ name: String, default isDefault: Bool = false, in inbound: [ACLRuleSpec], out outbound: [ACLRuleSpec], subnets: [String] = []) {
        let l = loc(name)
        let inLocs = inbound.map { loc("\(name).in\($0.number)") }
        let outLocs = outbound.map { loc("\(name).out\($0.number)") }
        pendingACLs.append((name, isDefault, inbound, outbound, subnets, l, inLocs, outLocs))
    }

    public mutating func instance(_ name: String, subnet: String?, groups: [String]? = nil, publicIP: Bool? = nil, eip: String? = nil,
                           privateIP: String? = nil, roles: [String] = [], forwards: [(Int, String, Int?)] = [], az: String? = nil) {
        let l = loc(name)
        let fw = forwards.map { f in
            let fl = loc("\(name).forward\(f.0)")
            return Forward(port: Located(f.0, at: fl), target: Reference(f.1, at: fl), targetPort: f.2.map { Located($0, at: fl) }, location: fl)
        }
        topology.instances.append(Instance(
            name: name, location: l, subnet: subnet.map { Reference($0, at: l) }, availabilityZone: az.map { Located($0, at: l) },
            privateIP: privateIP.map { Located(IPv4Address($0)!, at: l) }, publicIP: publicIP.map { Located($0, at: l) },
            elasticIP: eip.map { Located(IPv4Address($0)!, at: l) }, securityGroups: groups?.map { Reference($0, at: l) },
            roles: roles.map { Located($0, at: l) }, forwards: fw))
    }

    public mutating func loadBalancer(_ name: String, scheme: LoadBalancer.Scheme = .internetFacing, subnets: [String], groups: [String],
                               listeners: [(port: Int, targets: [String], targetPort: Int?, redirect: Int?)], roles: [String] = []) {
        let l = loc(name)
        let ls = listeners.map { spec in
            let ll = loc("\(name).listener\(spec.port)")
            return LoadBalancer.Listener(port: Located(spec.port, at: ll), protocol: spec.port == 443 ? .https : .http,
                                         certificate: spec.port == 443 ? Located("cert", at: ll) : nil,
                                         redirect: spec.redirect.map { Located($0, at: ll) },
                                         targets: spec.targets.map { Reference($0, at: ll) }, targetPort: spec.targetPort.map { Located($0, at: ll) }, location: ll)
        }
        topology.loadBalancers.append(LoadBalancer(name: name, location: l, kind: .application, scheme: scheme, subnets: subnets.map { Reference($0, at: l) },
                                                   securityGroups: groups.map { Reference($0, at: l) }, listeners: ls, roles: roles.map { Located($0, at: l) }))
    }

    public mutating func outside(_ name: String, _ cidr: String) {
        let l = loc(name)
        topology.outside.append(OutsideHost(name: name, location: l, cidr: Located(CIDR(cidr)!, at: l)))
    }

    public mutating func site(_ name: String, kind: Site.Kind = .home, power: Site.Power = .grid, publicIP: String?, forwards: [(Int, String, Int?)] = [],
                       tunnels: [(Int, String, Int?)] = []) {
        let l = loc(name)
        func fw(_ list: [(Int, String, Int?)], _ label: String) -> [Forward] {
            list.map { f in
                let fl = loc("\(name).\(label)\(f.0)")
                return Forward(port: Located(f.0, at: fl), target: Reference(f.1, at: fl), targetPort: f.2.map { Located($0, at: fl) }, location: fl)
            }
        }
        topology.sites.append(Site(name: name, location: l, kind: kind, power: power, publicIP: publicIP.map { Located(IPv4Address($0)!, at: l) },
                                   portForwards: fw(forwards, "forward"), tunnels: fw(tunnels, "tunnel")))
    }

    public mutating func host(_ name: String, site: String, kind: Host.Kind = .server, runs: [String] = []) {
        let l = loc(name)
        topology.hosts.append(Host(name: name, location: l, site: Reference(site, at: l), kind: kind, roles: runs.map { Located($0, at: l) }))
    }

    public func peer(_ text: String, in topology: Topology) -> Peer {
        if text == "internet" { return .internet }
        if let c = CIDR(text) { return .cidr(c) }
        if topology.securityGroups.contains(where: { $0.name == text }) || pendingGroups.contains(where: { $0.0 == text }) { return .securityGroup(text) }
        if topology.outside.contains(where: { $0.name == text }) { return .outsideHost(text) }
        if topology.sites.contains(where: { $0.name == text }) { return .site(text) }
        return .unresolved(text)
    }

    public func build() -> Topology {
        var t = topology
        for (name, inbound, outbound, l, inLocs, outLocs) in pendingGroups {
            func rules(_ specs: [RuleSpec], _ locs: [SourceLocation]) -> [SecurityGroupRule] {
                zip(specs, locs).map { spec, rl in
                    SecurityGroupRule(protocol: spec.proto, ports: spec.ports, peer: Located(peer(spec.peer, in: t), at: rl), location: rl)
                }
            }
            t.securityGroups.append(SecurityGroup(name: name, location: l, inbound: rules(inbound, inLocs), outbound: outbound.map { rules($0, outLocs) },
                                                  outboundLocation: outbound == nil ? nil : l))
        }
        for (name, isDefault, inbound, outbound, subnets, l, inLocs, outLocs) in pendingACLs {
            func rules(_ specs: [ACLRuleSpec], _ locs: [SourceLocation]) -> [NetworkACLRule] {
                zip(specs, locs).map { spec, rl in
                    NetworkACLRule(number: Located(spec.number, at: rl), action: spec.allow ? .allow : .deny, protocol: spec.proto, ports: spec.ports,
                                   peer: Located(peer(spec.peer, in: t), at: rl), location: rl)
                }
            }
            t.networkACLs.append(NetworkACL(name: name, location: l, isDefault: isDefault, inbound: rules(inbound, inLocs), outbound: rules(outbound, outLocs),
                                            subnets: subnets.map { Reference($0, at: l) }))
        }
        return t
    }
}

public func tcp(_ port: Int, _ peer: String) -> TopologyBuilder.RuleSpec { .init(proto: .tcp, ports: PortRange(port: port), peer: peer) }
public func tcp(_ lo: Int, _ hi: Int, _ peer: String) -> TopologyBuilder.RuleSpec { .init(proto: .tcp, ports: PortRange(lo, hi), peer: peer) }
public func allTraffic(_ peer: String) -> TopologyBuilder.RuleSpec { .init(proto: .all, ports: nil, peer: peer) }
public func allow(_ n: Int, _ ports: PortRange?, _ peer: String = "0.0.0.0/0", proto: IPProtocol = .tcp) -> TopologyBuilder.ACLRuleSpec {
    .init(number: n, allow: true, proto: ports == nil ? .all : proto, ports: ports, peer: peer)
}
public func deny(_ n: Int, _ ports: PortRange?, _ peer: String = "0.0.0.0/0", proto: IPProtocol = .tcp) -> TopologyBuilder.ACLRuleSpec {
    .init(number: n, allow: false, proto: ports == nil ? .all : proto, ports: ports, peer: peer)
}

/// The end of the NAT mission: proxy and bastion public, WAS and DB private, NAT out.
public func missionTopology(_ tweak: (inout TopologyBuilder) -> Void = { _ in }) -> Topology {
    var b = TopologyBuilder()
    b.outside("admin", "203.0.113.10/32")
    b.vpc("main")
    b.subnet("public-a", "10.0.1.0/24", az: "az-a", table: "public")
    b.subnet("public-c", "10.0.2.0/24", az: "az-c", table: "public")
    b.subnet("private-a", "10.0.101.0/24", az: "az-a", table: "private-a")
    b.subnet("private-c", "10.0.102.0/24", az: "az-c", table: "private-c")
    b.table("public", [("0.0.0.0/0", "igw")])
    b.table("private-a", [("0.0.0.0/0", "nat-a")])
    b.table("private-c", [("0.0.0.0/0", "nat-c")])
    b.nat("nat-a", subnet: "public-a", eip: "13.125.10.20")
    b.nat("nat-c", subnet: "public-c", eip: "13.125.10.21")
    b.group("proxy", in: [tcp(443, "internet"), tcp(80, "internet")])
    b.group("bastion", in: [tcp(22, "admin")])
    b.group("was", in: [tcp(8080, "proxy"), tcp(22, "bastion")])
    b.group("db", in: [tcp(3306, "was"), tcp(22, "bastion")])
    b.instance("proxy", subnet: "public-a", groups: ["proxy"], publicIP: true, roles: ["reverse-proxy"], forwards: [(443, "was", 8080)])
    b.instance("bastion", subnet: "public-a", groups: ["bastion"], eip: "13.125.10.30", roles: ["bastion"])
    b.instance("was", subnet: "private-a", groups: ["was"], roles: ["was"])
    b.instance("was-c", subnet: "private-c", groups: ["was"], roles: ["was"])
    b.instance("db", subnet: "private-a", groups: ["db"], roles: ["db"])
    tweak(&b)
    return b.build()
}

/// A random VPC: subnets (some public), NACLs with random rules, groups with CIDR and
/// group-reference rules, instances with explicit private IPs.
public func randomTopology(seed: UInt64, instances: Int = 24) -> Topology {
    var rng = SeededRandom(seed: seed)
    var b = TopologyBuilder()
    b.outside("admin", "203.0.113.10/32")
    b.vpc("main")
    b.table("public", [("0.0.0.0/0", "igw")])
    b.table("private", main: true, [("0.0.0.0/0", "nat")])
    let subnetCount = 6
    let ports = [22, 80, 443]
    func randomPorts() -> PortRange? { [nil, PortRange(port: ports.randomElement(using: &rng)!), PortRange(1024, 65535), PortRange(32768, 60999), PortRange(0, 100)].randomElement(using: &rng)! }
    func randomPeer() -> String { ["0.0.0.0/0", "10.0.0.0/16", "10.0.1.0/24", "10.0.2.0/25", "10.0.3.4/32", "admin"].randomElement(using: &rng)! }
    for a in 0..<3 {
        var inbound: [TopologyBuilder.ACLRuleSpec] = [], outbound: [TopologyBuilder.ACLRuleSpec] = []
        for n in 0..<Int.random(in: 1...4, using: &rng) {
            let p = randomPorts()
            inbound.append(.init(number: (n + 1) * 10, allow: Bool.random(using: &rng) || n > 1, proto: p == nil ? .all : .tcp, ports: p, peer: randomPeer()))
        }
        for n in 0..<Int.random(in: 1...3, using: &rng) {
            let p = randomPorts()
            outbound.append(.init(number: (n + 1) * 10, allow: Bool.random(using: &rng) || n > 0, proto: p == nil ? .all : .tcp, ports: p, peer: randomPeer()))
        }
        b.acl("acl\(a)", in: inbound, out: outbound)
    }
    for s in 0..<subnetCount {
        let acl = Int.random(in: 0...4, using: &rng)
        b.subnet("s\(s)", "10.0.\(s).0/24", az: s % 2 == 0 ? "az-a" : "az-b", table: s < 2 ? "public" : nil, acl: acl < 3 ? "acl\(acl)" : nil)
    }
    b.nat("nat", subnet: "s0", eip: "13.125.0.1")
    let groupCount = 4
    for g in 0..<groupCount {
        var inbound: [TopologyBuilder.RuleSpec] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            let peer = Bool.random(using: &rng) ? "g\(Int.random(in: 0..<groupCount, using: &rng))" : randomPeer()
            inbound.append(.init(proto: .tcp, ports: PortRange(port: ports.randomElement(using: &rng)!), peer: peer))
        }
        let outbound: [TopologyBuilder.RuleSpec]? = Int.random(in: 0...3, using: &rng) == 0 ? [tcp(ports.randomElement(using: &rng)!, randomPeer())] : nil
        b.group("g\(g)", in: inbound, out: outbound)
    }
    for i in 0..<instances {
        let s = Int.random(in: 0..<subnetCount, using: &rng)
        let groups = Int.random(in: 0...5, using: &rng) == 0 ? nil : Array(Set((0..<Int.random(in: 1...2, using: &rng)).map { _ in "g\(Int.random(in: 0..<groupCount, using: &rng))" })).sorted()
        b.instance("i\(i)", subnet: "s\(s)", groups: groups, publicIP: Bool.random(using: &rng), privateIP: "10.0.\(s).\(10 + i)",
                   roles: [["web", "was", "db"][i % 3]])
    }
    return b.build()
}

/// The load-balancer tier across two AZs (`alb` → `t-a`, `t-c`), shared by the engine tests.
public func albTopology(_ b: inout TopologyBuilder, albOutbound: [TopologyBuilder.RuleSpec] = [tcp(8080, "targets")]) {
    b.vpc("main")
    b.table("public", [("0.0.0.0/0", "igw")])
    b.table("private", main: true, [])
    b.subnet("pub-a", "10.0.1.0/24", az: "az-a", table: "public")
    b.subnet("pub-c", "10.0.2.0/24", az: "az-c", table: "public")
    b.subnet("app-a", "10.0.11.0/24", az: "az-a")
    b.subnet("app-c", "10.0.12.0/24", az: "az-c")
    b.group("alb", in: [tcp(443, "internet"), tcp(80, "internet")], out: albOutbound)
    b.group("targets", in: [tcp(8080, "alb")])
    b.loadBalancer("alb", subnets: ["pub-a", "pub-c"], groups: ["alb"],
                   listeners: [(port: 443, targets: ["t-a", "t-c"], targetPort: 8080, redirect: nil), (port: 80, targets: [], targetPort: nil, redirect: 443)],
                   roles: ["entry"])
    b.instance("t-a", subnet: "app-a", groups: ["targets"], roles: ["was"])
    b.instance("t-c", subnet: "app-c", groups: ["targets"], roles: ["was"])
}

/// Before the cloud: a home server behind a port forward.
public func homeTopology(_ b: inout TopologyBuilder) {
    b.site("home", publicIP: "121.130.10.7", forwards: [(80, "my-pc", 8080)])
    b.host("my-pc", site: "home", kind: .personalComputer, runs: ["was", "db"])
}

/// Before the cloud: an office and a datacenter with hosts.
public func officeTopology(_ b: inout TopologyBuilder) {
    b.site("office", kind: .office, power: .ups, publicIP: "121.130.20.1", forwards: [(80, "was-box", 8080)])
    b.host("was-box", site: "office", runs: ["was"])
    b.host("db-box", site: "office", runs: ["db"])
    b.site("dc", kind: .datacenter, power: .upsAndGenerator, publicIP: "121.130.30.1", forwards: [(80, "dc-web", nil)])
    b.host("dc-web", site: "dc", runs: ["was"])
    b.host("dc-db", site: "dc", runs: ["db"])
}
