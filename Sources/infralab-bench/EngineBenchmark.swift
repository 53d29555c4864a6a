// infralab's benchmarks, measured here rather than in timed tests. Run them with
// `swift run -c release infralab-bench [engine|parse|labs|startup|watch|all|phases]` (default: all).
//   engine   the network engine on generated topologies of growing size: the model build
//            time and every internet → instance and instance → instance flow for four ports
//   parse    load and validate a generated 5,000-line topology (parser, decoder, rules)
//   labs     grade every step of the shipped missions, and `lab check` with its mutants
//   startup  `infralab check` on the largest shipped mission vs. a Foundation hello-world
//            process built the same way (the bench-hello target)
//   watch    `infralab watch` on that step: a save (an atomic rename) to the re-graded
//            screen, next to a hello-world's launch
//   phases   where `check` spends its time on that step: reading the mission, loading the
//            topology, grading, rendering — each cold (first call) and warm (not in `all`)
import Dispatch
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

func generate(instances: Int, subnets: Int, rules: Int) -> Topology {
    let file = "bench.yaml"
    var line = 0
    func at() -> SourceLocation { line += 1; return SourceLocation(file: file, line: line, column: 1) }
    var t = Topology(file: file)
    let vpcLoc = at()
    t.vpcs.append(VPC(name: "main", location: vpcLoc, cidr: Located(CIDR("10.0.0.0/16")!, at: vpcLoc)))
    t.internetGateways.append(InternetGateway(name: "igw", location: at(), vpc: Reference("main", at: vpcLoc)))
    func route(_ to: String, _ via: String) -> Route {
        let l = at()
        return Route(destination: Located(.cidr(CIDR(to)!), at: l), target: Reference(via, at: l), location: l)
    }
    t.routeTables.append(RouteTable(name: "public", location: at(), vpc: Reference("main", at: vpcLoc), isMain: false, routes: [route("0.0.0.0/0", "igw")]))
    t.routeTables.append(RouteTable(name: "private", location: at(), vpc: Reference("main", at: vpcLoc), isMain: true, routes: [route("0.0.0.0/0", "nat")]))
    // NACLs: a handful, with numbered allow/deny rules and return ranges.
    let aclCount = 10
    for a in 0..<aclCount {
        func rule(_ n: Int, _ allow: Bool, _ ports: PortRange?, _ cidr: String) -> NetworkACLRule {
            let l = at()
            return NetworkACLRule(number: Located(n, at: l), action: allow ? .allow : .deny, protocol: ports == nil ? .all : .tcp, ports: ports,
                                  peer: Located(.cidr(CIDR(cidr)!), at: l), location: l)
        }
        let inbound = [rule(90, false, PortRange(port: 3389), "0.0.0.0/0"), rule(100, true, nil, "10.0.0.0/16"),
                       rule(110, true, PortRange(port: 443), "0.0.0.0/0"), rule(120, true, PortRange(port: 80), "0.0.0.0/0"),
                       rule(130, a % 3 == 0 ? true : false, PortRange(port: 22), "203.0.113.0/24"),
                       rule(140, true, PortRange(a % 2 == 0 ? 1024 : 32768, 65535), "0.0.0.0/0")]
        let outbound = [rule(100, true, nil, "10.0.0.0/16"), rule(110, true, PortRange(port: 443), "0.0.0.0/0"),
                        rule(120, true, PortRange(a % 4 == 0 ? 49152 : 1024, 65535), "0.0.0.0/0")]
        t.networkACLs.append(NetworkACL(name: "acl-\(a)", location: at(), isDefault: false, inbound: inbound, outbound: outbound, subnets: []))
    }
    // Subnets: /25s, half public, each with a NACL.
    for s in 0..<subnets {
        let l = at()
        let cidr = CIDR(IPv4Address(10 << 24 | UInt32(s) << 7), prefixLength: 25)
        let isPublic = s % 2 == 0
        t.subnets.append(Subnet(name: "subnet-\(s)", location: l, vpc: Reference("main", at: l), cidr: Located(cidr, at: l),
                                availabilityZone: Located(s % 3 == 0 ? "az-a" : (s % 3 == 1 ? "az-b" : "az-c"), at: l),
                                routeTable: isPublic ? Reference("public", at: l) : nil, networkACL: Reference("acl-\(s % aclCount)", at: l)))
    }
    t.natGateways.append(NATGateway(name: "nat", location: at(), subnet: Reference("subnet-0", at: vpcLoc), elasticIP: Located(IPv4Address("13.125.0.1")!, at: vpcLoc)))
    // Security groups: 50 groups sharing `rules` rules: CIDR peers (subnets, the VPC, the
    // world) and group references.
    let groupCount = 50
    let perGroup = max(1, rules / groupCount)
    let ports = [22, 80, 443, 3306, 5432, 6379, 8080, 9000]
    for g in 0..<groupCount {
        let l = at()
        var inbound: [SecurityGroupRule] = []
        for r in 0..<perGroup {
            let rl = at()
            let port = ports[(g + r) % ports.count]
            let peer: Peer
            switch r % 4 {
            case 0: peer = .securityGroup("sg-\((g + r) % groupCount)")
            case 1: peer = .cidr(CIDR(IPv4Address(10 << 24 | UInt32((g * 7 + r) % subnets) << 7), prefixLength: 25))
            case 2: peer = r % 8 == 2 ? .internet : .cidr(CIDR("10.0.0.0/16")!)
            default: peer = .cidr(CIDR(IPv4Address(203 << 24 | 113 << 8 | UInt32(r % 256)), prefixLength: 32))
            }
            inbound.append(SecurityGroupRule(protocol: .tcp, ports: PortRange(port: port), peer: Located(peer, at: rl), location: rl))
        }
        t.securityGroups.append(SecurityGroup(name: "sg-\(g)", location: l, inbound: inbound, outbound: nil))
    }
    // Instances: spread over subnets; two group sets per subnet.
    for i in 0..<instances {
        let l = at()
        let s = i % subnets
        let groups = i % 2 == 0 ? ["sg-\(s % groupCount)"] : ["sg-\(s % groupCount)", "sg-\((s + 1) % groupCount)"]
        t.instances.append(Instance(name: "i-\(i)", location: l, subnet: Reference("subnet-\(s)", at: l),
                                    publicIP: Located(s % 2 == 0 && i % 3 == 0, at: l), securityGroups: groups.map { Reference($0, at: l) }))
    }
    return t
}

func measure<T>(_ body: () -> T) -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
}

/// The network engine at growing sizes (the quality bar: 10,000 instances, 500 subnets,
/// 5,000 security-group rules in under a second).
func engineBenchmark() {
    let sizes: [(Int, Int, Int)] = [(100, 5, 50), (1_000, 50, 500), (2_500, 125, 1_250), (5_000, 250, 2_500), (10_000, 500, 5_000)]
    let ports = [22, 80, 443, 3306]
    print("infralab-bench: all internet→instance and instance→instance flows, ports \(ports.map(String.init).joined(separator: ","))")
    print("instances  subnets  sg-rules  classes   build ms   eval ms   pairs/port(443)        internet→(443)")
    var previous: (Int, Double)?
    var rows: [(Int, Double)] = []
    for (n, s, r) in sizes {
        let topology = generate(instances: n, subnets: s, rules: r)
        let (engine, buildMs) = measure { NetworkEngine(topology: topology) }
        let (summary, evalMs) = measure { engine.evaluateAll(ports: ports, protocol: .tcp) }
        let pairs = summary.reachablePairs[443] ?? 0
        let line = [String(n).padded(9), String(s).padded(7), String(r).padded(8), String(summary.classCount).padded(7),
                    String(format1(buildMs)).padded(10), String(format1(evalMs)).padded(9), String(pairs).padded(17),
                    String(summary.internetReachable[443]?.count ?? 0).padded(20)].joined(separator: "  ")
        print(line)
        rows.append((n, buildMs + evalMs))
        previous = (n, buildMs + evalMs)
    }
    if rows.count >= 2 {
        let (n0, t0) = rows[rows.count - 2], (n1, t1) = rows[rows.count - 1]
        print("growth: ×\(format1(Double(n1) / Double(n0))) instances → ×\(format1(t1 / max(t0, 0.001))) time (build + eval); pairs grow ×\(format1(Double(n1 * n1) / Double(n0 * n0)))")
    }
        _ = previous
}

func format1(_ x: Double) -> String {
    let scaled = (x * 10).rounded() / 10
    return String(describing: scaled)
}

func format2(_ x: Double) -> String {
    let scaled = (x * 100).rounded() / 100
    return String(describing: scaled)
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
