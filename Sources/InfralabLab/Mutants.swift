import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Automatic mutants: small perturbations of a reference solution that ought to break
/// something a step cares about. `lab check` lists the ones no requirement catches.
public struct Mutant: Sendable {
    /// Stable and readable: `drop-route:public:0.0.0.0/0`, `widen-rule:db:1`.
    public var id: String
    public var description: LocalizedText
    public var topology: Topology
}

public enum MutantGenerator {
    public static func mutants(of topology: Topology) -> [Mutant] {
        var out: [Mutant] = []
        func add(_ id: String, _ en: String, _ ko: String, _ change: (inout Topology) -> Void) {
            var copy = topology
            change(&copy)
            if copy != topology { out.append(Mutant(id: id, description: LocalizedText(en: en, ko: ko), topology: copy)) }
        }
        let facts = TopologyFacts(topology)

        // Parts the loader made for AWS's default VPC are not written in the file: no mutants.
        for (t, table) in topology.routeTables.enumerated() where !(table.vpc.map { facts.isDefaultVPC($0.name) } ?? false) {
            for (r, route) in table.routes.enumerated() {
                let dest: String
                switch route.destination.value {
                case .cidr(let c): dest = c.description
                case .outsideHost(let n): dest = n
                }
                add("drop-route:\(table.name):\(dest)", "route table `\(table.name)` loses its route to \(dest) via `\(route.target.name)`",
                    "라우팅 테이블 `\(table.name)`에서 \(dest) → `\(route.target.name)` 경로를 지움") { $0.routeTables[t].routes.remove(at: r) }
            }
            // A private table routed to the internet: the classic "fix" for SSH.
            if let vpc = table.vpc?.name, let igw = topology.internetGateways.first(where: { $0.vpc?.name == vpc }),
               !table.routes.contains(where: { $0.target.name == igw.name }) {
                add("add-igw-route:\(table.name)", "route table `\(table.name)` sends 0.0.0.0/0 to `\(igw.name)`",
                    "라우팅 테이블 `\(table.name)`이 0.0.0.0/0을 `\(igw.name)`으로 보냄") { t2 in
                    var routes = t2.routeTables[t].routes.filter {
                        if case .cidr(let c) = $0.destination.value { return !c.isDefaultRoute }
                        return true
                    }
                    routes.append(Route(destination: Located(.cidr(.anywhere), at: table.location), target: Reference(igw.name, at: table.location), location: table.location))
                    t2.routeTables[t].routes = routes
                }
            }
        }
        for (g, gateway) in topology.internetGateways.enumerated() where gateway.vpc != nil && !facts.isDefaultVPC(gateway.vpc!.name) {
            add("detach-igw:\(gateway.name)", "internet gateway `\(gateway.name)` is detached", "인터넷 게이트웨이 `\(gateway.name)`을 분리함") {
                $0.internetGateways[g].vpc = nil
            }
        }
        for (g, group) in topology.securityGroups.enumerated() {
            for (r, rule) in group.inbound.enumerated() {
                let ports = rule.ports?.description ?? "all"
                switch rule.peer.value {
                case .internet: break
                case .cidr(let c) where c.isDefaultRoute: break
                default:
                    add("widen-rule:\(group.name):\(ports)", "security group `\(group.name)` opens \(ports) to the whole internet",
                        "보안 그룹 `\(group.name)`이 \(ports)번을 인터넷 전체에 엶") { $0.securityGroups[g].inbound[r].peer.value = .internet }
                }
                add("remove-rule:\(group.name):\(ports)", "security group `\(group.name)` loses its inbound rule for \(ports)",
                    "보안 그룹 `\(group.name)`에서 \(ports)번 인바운드 규칙을 지움") { $0.securityGroups[g].inbound.remove(at: r) }
            }
        }
        for (i, instance) in topology.instances.enumerated() {
            if facts.hasPublicAddress(instance) {
                add("remove-public-ip:\(instance.name)", "instance `\(instance.name)` loses its public address",
                    "인스턴스 `\(instance.name)`의 공인 주소를 없앰") {
                    $0.instances[i].elasticIP = nil
                    $0.instances[i].publicIP = Located(false, at: instance.location)
                }
            }
            if instance.elasticIP != nil {
                add("elastic-to-auto-ip:\(instance.name)", "instance `\(instance.name)` has an auto-assigned public IP instead of an Elastic IP",
                    "인스턴스 `\(instance.name)`이 탄력적 IP 대신 자동 할당 공인 IP를 씀") {
                    $0.instances[i].elasticIP = nil
                    $0.instances[i].publicIP = Located(true, at: instance.location)
                }
            }
            if let current = instance.subnet, let subnet = facts.subnet(named: current.name) {
                let isPublic = facts.isPublic(subnet: subnet.name)
                if let other = topology.subnets.first(where: { $0.vpc.name == subnet.vpc.name && facts.isPublic(subnet: $0.name) != isPublic
                        && $0.availabilityZone?.value == subnet.availabilityZone?.value })
                    ?? topology.subnets.first(where: { $0.vpc.name == subnet.vpc.name && facts.isPublic(subnet: $0.name) != isPublic }) {
                    add("move-instance:\(instance.name):\(other.name)", "instance `\(instance.name)` moves to \(isPublic ? "private" : "public") subnet `\(other.name)`",
                        "인스턴스 `\(instance.name)`을 \(isPublic ? "프라이빗" : "퍼블릭") 서브넷 `\(other.name)`으로 옮김") { t in
                        t.instances[i].subnet = Reference(other.name, at: current.location)
                        t.instances[i].privateIP = nil
                        if !isPublic && t.instances[i].elasticIP == nil { t.instances[i].publicIP = Located(true, at: instance.location) }
                    }
                }
            }
            for (f, forward) in instance.forwards.enumerated() {
                add("remove-forward:\(instance.name):\(forward.port.value)", "`\(instance.name)` no longer forwards port \(forward.port.value)",
                    "`\(instance.name)`이 \(forward.port.value)번 포트를 더는 전달하지 않음") { $0.instances[i].forwards.remove(at: f) }
            }
            if topology.instances.count > 1 {
                add("remove-instance:\(instance.name)", "instance `\(instance.name)` is removed", "인스턴스 `\(instance.name)`을 지움") { $0.instances.remove(at: i) }
            }
        }
        for (n, nat) in topology.natGateways.enumerated() {
            if nat.elasticIP != nil {
                add("remove-elastic-ip:\(nat.name)", "NAT gateway `\(nat.name)` has no Elastic IP", "NAT 게이트웨이 `\(nat.name)`의 탄력적 IP를 없앰") {
                    $0.natGateways[n].elasticIP = nil
                }
            }
            if let subnet = facts.subnet(named: nat.subnet.name),
               let privateSubnet = topology.subnets.first(where: { $0.vpc.name == subnet.vpc.name && !facts.isPublic(subnet: $0.name) }) {
                add("move-nat:\(nat.name):\(privateSubnet.name)", "NAT gateway `\(nat.name)` moves to private subnet `\(privateSubnet.name)`",
                    "NAT 게이트웨이 `\(nat.name)`을 프라이빗 서브넷 `\(privateSubnet.name)`으로 옮김") {
                    $0.natGateways[n].subnet = Reference(privateSubnet.name, at: nat.subnet.location)
                }
            }
        }
        for (a, acl) in topology.networkACLs.enumerated() {
            for (r, rule) in acl.inbound.enumerated() where rule.action == .allow {
                add("delete-nacl-rule:\(acl.name):in:\(rule.number.value)", "network ACL `\(acl.name)` loses inbound rule \(rule.number.value)",
                    "네트워크 ACL `\(acl.name)`에서 인바운드 규칙 \(rule.number.value)을 지움") { $0.networkACLs[a].inbound.remove(at: r) }
            }
            for (r, rule) in acl.outbound.enumerated() where rule.action == .allow {
                add("delete-nacl-rule:\(acl.name):out:\(rule.number.value)", "network ACL `\(acl.name)` loses outbound rule \(rule.number.value)",
                    "네트워크 ACL `\(acl.name)`에서 아웃바운드 규칙 \(rule.number.value)을 지움") { $0.networkACLs[a].outbound.remove(at: r) }
            }
        }
        for (s, site) in topology.sites.enumerated() {
            for (f, forward) in site.portForwards.enumerated() {
                add("remove-port-forward:\(site.name):\(forward.port.value)", "site `\(site.name)` no longer forwards port \(forward.port.value)",
                    "`\(site.name)`의 \(forward.port.value)번 포트 포워딩을 지움") { $0.sites[s].portForwards.remove(at: f) }
            }
            for (f, tunnel) in site.tunnels.enumerated() {
                add("remove-tunnel:\(site.name):\(tunnel.port.value)", "site `\(site.name)` loses its tunnel for port \(tunnel.port.value)",
                    "`\(site.name)`의 \(tunnel.port.value)번 터널을 지움") { $0.sites[s].tunnels.remove(at: f) }
            }
            if site.power != .grid {
                add("downgrade-power:\(site.name)", "site `\(site.name)` runs on grid power only", "`\(site.name)`이 상용 전원만 씀") { $0.sites[s].power = .grid }
            }
        }
        for (h, host) in topology.hosts.enumerated() {
            if host.kind == .server {
                add("server-to-pc:\(host.name)", "`\(host.name)` is a personal computer, switched off at night", "`\(host.name)`이 밤에 꺼지는 개인 PC가 됨") {
                    $0.hosts[h].kind = .personalComputer
                }
            }
            if topology.hosts.count > 1 {
                add("remove-host:\(host.name)", "host `\(host.name)` is removed", "호스트 `\(host.name)`을 지움") { $0.hosts.remove(at: h) }
            }
        }
        return out
    }
}
