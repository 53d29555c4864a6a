import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI


/// Builds topologies as model values for engine tests (the loader is another branch).
/// Every declaration gets its own line in a fictional `t.yaml`, so reasons can be
/// checked for pointing at the right line.
struct TopologyBuilder {
    struct RuleSpec { var proto: IPProtocol; var ports: PortRange?; var peer: String }
    struct ACLRuleSpec { var number: Int; var allow: Bool; var proto: IPProtocol; var ports: PortRange?; var peer: String }

    var topology = Topology(file: "t.yaml")
    private var line = 0
    private var pendingGroups: [(String, [RuleSpec], [RuleSpec]?, SourceLocation, [SourceLocation], [SourceLocation])] = []
    private var pendingACLs: [(String, Bool, [ACLRuleSpec], [ACLRuleSpec], [String], SourceLocation, [SourceLocation], [SourceLocation])] = []

    private(set) var lines: [String: SourceLocation] = [:]

    mutating func loc(_ label: String? = nil) -> SourceLocation {
        line += 1
        let l = SourceLocation(file: "t.yaml", line: line, column: 3)
        if let label { lines[label] = l }
        return l
    }

    mutating func ref(_ name: String) -> Reference { Reference(name, at: loc()) }

    mutating func vpc(_ name: String, _ cidr: String = "10.0.0.0/16", igw: String? = "igw") {
        let l = loc(name)
        topology.vpcs.append(VPC(name: name, location: l, cidr: Located(CIDR(cidr)!, at: l)))
        if let igw { topology.internetGateways.append(InternetGateway(name: igw, location: loc(igw), vpc: Reference(name, at: l))) }
    }

    mutating func detachedIGW(_ name: String) {
        topology.internetGateways.append(InternetGateway(name: name, location: loc(name), vpc: nil))
    }

    mutating func subnet(_ name: String, vpc: String = "main", _ cidr: String, az: String = "az-a", table: String? = nil, acl: String? = nil, mapsPublic: Bool = false) {
        let l = loc(name)
        var s = Subnet(name: name, location: l, vpc: Reference(vpc, at: l), cidr: Located(CIDR(cidr)!, at: l), availabilityZone: Located(az, at: l),
                       routeTable: table.map { Reference($0, at: l) }, networkACL: acl.map { Reference($0, at: l) })
        s.mapsPublicIPOnLaunch = mapsPublic
        topology.subnets.append(s)
    }

    mutating func table(_ name: String, vpc: String? = "main", main: Bool = false, _ routes: [(String, String)]) {
        let l = loc(name)
        var rs: [Route] = []
        for (index, (to, via)) in routes.enumerated() {
            let rl = loc("\(name).route\(index)")
            let destination: Route.Destination = CIDR(to).map { .cidr($0) } ?? .outsideHost(to)
            rs.append(Route(destination: Located(destination, at: rl), target: Reference(via, at: rl), location: rl))
        }
        topology.routeTables.append(RouteTable(name: name, location: l, vpc: vpc.map { Reference($0, at: l) }, isMain: main, routes: rs))
    }

    mutating func nat(_ name: String, subnet: String, eip: String?) {
        let l = loc(name)
        topology.natGateways.append(NATGateway(name: name, location: l, subnet: Reference(subnet, at: l), elasticIP: eip.map { Located(IPv4Address($0)!, at: l) }))
    }

    mutating func group(_ name: String, in inbound: [RuleSpec], out outbound: [RuleSpec]? = nil) {
        let l = loc(name)
        let inLocs = inbound.indices.map { loc("\(name).in\($0)") }
        let outLocs = (outbound ?? []).indices.map { loc("\(name).out\($0)") }
        pendingGroups.append((name, inbound, outbound, l, inLocs, outLocs))
    }

    mutating func acl(_ name: String, default isDefault: Bool = false, in inbound: [ACLRuleSpec], out outbound: [ACLRuleSpec], subnets: [String] = []) {
        let l = loc(name)
        let inLocs = inbound.map { loc("\(name).in\($0.number)") }
        let outLocs = outbound.map { loc("\(name).out\($0.number)") }
        pendingACLs.append((name, isDefault, inbound, outbound, subnets, l, inLocs, outLocs))
    }

    mutating func instance(_ name: String, subnet: String?, groups: [String]? = nil, publicIP: Bool? = nil, eip: String? = nil,
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

    mutating func loadBalancer(_ name: String, scheme: LoadBalancer.Scheme = .internetFacing, subnets: [String], groups: [String],
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

    mutating func outside(_ name: String, _ cidr: String) {
        let l = loc(name)
        topology.outside.append(OutsideHost(name: name, location: l, cidr: Located(CIDR(cidr)!, at: l)))
    }

    mutating func site(_ name: String, kind: Site.Kind = .home, power: Site.Power = .grid, publicIP: String?, forwards: [(Int, String, Int?)] = [],
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

    mutating func host(_ name: String, site: String, kind: Host.Kind = .server, runs: [String] = []) {
        let l = loc(name)
        topology.hosts.append(Host(name: name, location: l, site: Reference(site, at: l), kind: kind, roles: runs.map { Located($0, at: l) }))
    }

    func peer(_ text: String, in topology: Topology) -> Peer {
        if text == "internet" { return .internet }
        if let c = CIDR(text) { return .cidr(c) }
        if topology.securityGroups.contains(where: { $0.name == text }) || pendingGroups.contains(where: { $0.0 == text }) { return .securityGroup(text) }
        if topology.outside.contains(where: { $0.name == text }) { return .outsideHost(text) }
        if topology.sites.contains(where: { $0.name == text }) { return .site(text) }
        return .unresolved(text)
    }

    func build() -> Topology {
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

func tcp(_ port: Int, _ peer: String) -> TopologyBuilder.RuleSpec { .init(proto: .tcp, ports: PortRange(port: port), peer: peer) }
func tcp(_ lo: Int, _ hi: Int, _ peer: String) -> TopologyBuilder.RuleSpec { .init(proto: .tcp, ports: PortRange(lo, hi), peer: peer) }
func allTraffic(_ peer: String) -> TopologyBuilder.RuleSpec { .init(proto: .all, ports: nil, peer: peer) }
func allow(_ n: Int, _ ports: PortRange?, _ peer: String = "0.0.0.0/0", proto: IPProtocol = .tcp) -> TopologyBuilder.ACLRuleSpec {
    .init(number: n, allow: true, proto: ports == nil ? .all : proto, ports: ports, peer: peer)
}
func deny(_ n: Int, _ ports: PortRange?, _ peer: String = "0.0.0.0/0", proto: IPProtocol = .tcp) -> TopologyBuilder.ACLRuleSpec {
    .init(number: n, allow: false, proto: ports == nil ? .all : proto, ports: ports, peer: peer)
}

/// The end of the NAT mission: proxy and bastion public, WAS and DB private, NAT out.
func missionTopology(_ tweak: (inout TopologyBuilder) -> Void = { _ in }) -> Topology {
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
