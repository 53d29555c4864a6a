import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Automatic mutants: small perturbations of a reference solution that ought to break
/// something a step cares about. `lab check` lists the ones no requirement catches.
package struct Mutant: Sendable {
    /// Stable and readable: `drop-route:public:0.0.0.0/0`, `widen-rule:db:1`.
    package var id: String
    package var description: LocalizedText
    package var topology: Topology
}

/// One kind of mutation: an id (the prefix of its mutants' ids), why it matters to a
/// learner, and the function that proposes its mutants for a topology. The operators
/// are a table (`MutantOperator.all`); `lab check` walks it.
package struct MutantOperator: Sendable {
    package var id: String
    /// The mistake this operator stands for, in a learner's terms.
    package var reason: LocalizedText
    package var propose: @Sendable (Topology, TopologyFacts, inout MutantSet) -> Void
}

/// The mutants proposed so far; a proposal that changes nothing is dropped.
package struct MutantSet {
    let original: Topology
    package private(set) var mutants: [Mutant] = []

    package mutating func add(_ id: String, _ en: String, _ ko: String, _ change: (inout Topology) -> Void) {
        var copy = original
        change(&copy)
        if copy != original { mutants.append(Mutant(id: id, description: LocalizedText(en: en, ko: ko), topology: copy)) }
    }
}

package enum MutantGenerator {
    package static func mutants(of topology: Topology) -> [Mutant] {
        let facts = TopologyFacts(topology)
        var set = MutantSet(original: topology)
        for mutation in MutantOperator.all { mutation.propose(topology, facts, &set) }
        return set.mutants
    }
}

extension MutantOperator {
    package static let all: [MutantOperator] = [
        dropRoute, addInternetRoute, detachInternetGateway, widenRule, removeRule, removePublicIP, elasticToAutoIP,
        moveInstance, removeForward, removeInstance, removeNATElasticIP, moveNAT, deleteNACLRule, removePortForward,
        removeTunnel, downgradePower, serverToPC, removeHost, singleAZStore, publicDatabase, openStoreRuleToVPC,
    ]

    /// Route tables the file writes (the loader's parts of AWS's default VPC get no mutants).
    private static func writtenRouteTables(_ topology: Topology, _ facts: TopologyFacts) -> [(Int, RouteTable)] {
        topology.routeTables.enumerated().filter { !($0.element.vpc.map { facts.isDefaultVPC($0.name) } ?? false) }
    }

    static let dropRoute = MutantOperator(id: "drop-route", reason: LocalizedText(en: "a route is missing", ko: "경로가 빠졌어요")) { topology, facts, set in
        for (t, table) in writtenRouteTables(topology, facts) {
            for (r, route) in table.routes.enumerated() {
                let dest: String
                switch route.destination.value {
                case .cidr(let c): dest = c.description
                case .outsideHost(let n): dest = n
                }
                set.add("drop-route:\(table.name):\(dest)", "route table `\(table.name)` loses its route to \(dest) via `\(route.target.name)`",
                        "라우팅 테이블 `\(table.name)`에서 \(dest) → `\(route.target.name)` 경로를 지움") { $0.routeTables[t].routes.remove(at: r) }
            }
        }
    }

    /// A private table routed to the internet: the classic "fix" for SSH.
    static let addInternetRoute = MutantOperator(id: "add-igw-route", reason: LocalizedText(en: "a private subnet is routed to the internet gateway", ko: "프라이빗 서브넷을 인터넷 게이트웨이로 라우팅했어요")) { topology, facts, set in
        for (t, table) in writtenRouteTables(topology, facts) {
            guard let vpc = table.vpc?.name, let igw = topology.internetGateways.first(where: { $0.vpc?.name == vpc }),
                  !table.routes.contains(where: { $0.target.name == igw.name }) else { continue }
            set.add("add-igw-route:\(table.name)", "route table `\(table.name)` sends 0.0.0.0/0 to `\(igw.name)`",
                    "라우팅 테이블 `\(table.name)`에서 0.0.0.0/0을 \(Korean.toward("`\(igw.name)`")) 보냄") { t2 in
                var routes = t2.routeTables[t].routes.filter {
                    if case .cidr(let c) = $0.destination.value { return !c.isDefaultRoute }
                    return true
                }
                routes.append(Route(destination: Located(.cidr(.anywhere), at: table.location), target: Reference(igw.name, at: table.location), location: table.location))
                t2.routeTables[t].routes = routes
            }
        }
    }

    static let detachInternetGateway = MutantOperator(id: "detach-igw", reason: LocalizedText(en: "the internet gateway is not attached", ko: "인터넷 게이트웨이가 연결되지 않았어요")) { topology, facts, set in
        for (g, gateway) in topology.internetGateways.enumerated() where gateway.vpc != nil && !facts.isDefaultVPC(gateway.vpc!.name) {
            set.add("detach-igw:\(gateway.name)", "internet gateway `\(gateway.name)` is detached", "인터넷 게이트웨이 \(Korean.object("`\(gateway.name)`")) 분리함") {
                $0.internetGateways[g].vpc = nil
            }
        }
    }

    static let widenRule = MutantOperator(id: "widen-rule", reason: LocalizedText(en: "a rule is open to the whole internet", ko: "규칙이 인터넷 전체에 열려 있어요")) { topology, _, set in
        for (g, group) in topology.securityGroups.enumerated() {
            for (r, rule) in group.inbound.enumerated() {
                switch rule.peer.value {
                case .internet: continue
                case .cidr(let c) where c.isDefaultRoute: continue
                default: break
                }
                let ports = rule.ports?.description ?? "all"
                set.add("widen-rule:\(group.name):\(ports)", "security group `\(group.name)` opens \(ports) to the whole internet",
                        "보안 그룹 `\(group.name)`에서 \(ports)번 포트를 인터넷 전체에 엶") { $0.securityGroups[g].inbound[r].peer.value = .internet }
            }
        }
    }

    static let removeRule = MutantOperator(id: "remove-rule", reason: LocalizedText(en: "an inbound rule is missing", ko: "인바운드 규칙이 빠졌어요")) { topology, _, set in
        for (g, group) in topology.securityGroups.enumerated() {
            for (r, rule) in group.inbound.enumerated() {
                let ports = rule.ports?.description ?? "all"
                set.add("remove-rule:\(group.name):\(ports)", "security group `\(group.name)` loses its inbound rule for \(ports)",
                        "보안 그룹 `\(group.name)`에서 \(ports)번 포트 인바운드 규칙을 지움") { $0.securityGroups[g].inbound.remove(at: r) }
            }
        }
    }

    static let removePublicIP = MutantOperator(id: "remove-public-ip", reason: LocalizedText(en: "a server has no public address", ko: "서버에 퍼블릭 주소가 없어요")) { topology, facts, set in
        for (i, instance) in topology.instances.enumerated() where facts.hasPublicAddress(instance) {
            set.add("remove-public-ip:\(instance.name)", "instance `\(instance.name)` loses its public address",
                    "인스턴스 `\(instance.name)`의 퍼블릭 주소를 없앰") {
                $0.instances[i].elasticIP = nil
                $0.instances[i].publicIP = Located(false, at: instance.location)
            }
        }
    }

    static let elasticToAutoIP = MutantOperator(id: "elastic-to-auto-ip", reason: LocalizedText(en: "a public address changes when the server restarts", ko: "서버를 다시 켜면 퍼블릭 주소가 바뀌어요")) { topology, _, set in
        for (i, instance) in topology.instances.enumerated() where instance.elasticIP != nil {
            set.add("elastic-to-auto-ip:\(instance.name)", "instance `\(instance.name)` has an auto-assigned public IP instead of an Elastic IP",
                    "인스턴스 `\(instance.name)`에 탄력적 IP 대신 자동 할당 퍼블릭 IP를 씀") {
                $0.instances[i].elasticIP = nil
                $0.instances[i].publicIP = Located(true, at: instance.location)
            }
        }
    }

    /// An instance moved across the public/private line, into the same AZ when one fits.
    static let moveInstance = MutantOperator(id: "move-instance", reason: LocalizedText(en: "a server sits in the wrong kind of subnet", ko: "서버가 맞지 않는 종류의 서브넷에 있어요")) { topology, facts, set in
        for (i, instance) in topology.instances.enumerated() {
            guard let current = instance.subnet, let subnet = facts.subnet(named: current.name) else { continue }
            let isPublic = facts.isPublic(subnet: subnet.name)
            let across = topology.subnets.filter { $0.vpc.name == subnet.vpc.name && facts.isPublic(subnet: $0.name) != isPublic }
            guard let other = across.first(where: { $0.availabilityZone?.value == subnet.availabilityZone?.value }) ?? across.first else { continue }
            set.add("move-instance:\(instance.name):\(other.name)", "instance `\(instance.name)` moves to \(isPublic ? "private" : "public") subnet `\(other.name)`",
                    "인스턴스 \(Korean.object("`\(instance.name)`")) \(isPublic ? "프라이빗" : "퍼블릭") 서브넷 \(Korean.toward("`\(other.name)`")) 옮김") { t in
                t.instances[i].subnet = Reference(other.name, at: current.location)
                t.instances[i].privateIP = nil
                if !isPublic && t.instances[i].elasticIP == nil { t.instances[i].publicIP = Located(true, at: instance.location) }
            }
        }
    }

    static let removeForward = MutantOperator(id: "remove-forward", reason: LocalizedText(en: "a proxy no longer forwards a port", ko: "프록시가 포트를 더는 전달하지 않아요")) { topology, _, set in
        for (i, instance) in topology.instances.enumerated() {
            for (f, forward) in instance.forwards.enumerated() {
                set.add("remove-forward:\(instance.name):\(forward.port.value)", "`\(instance.name)` no longer forwards port \(forward.port.value)",
                        "`\(instance.name)`에서 \(forward.port.value)번 포트를 더는 전달하지 않음") { $0.instances[i].forwards.remove(at: f) }
            }
        }
    }

    static let removeInstance = MutantOperator(id: "remove-instance", reason: LocalizedText(en: "a server is missing", ko: "서버가 빠졌어요")) { topology, _, set in
        guard topology.instances.count > 1 else { return }
        for (i, instance) in topology.instances.enumerated() {
            set.add("remove-instance:\(instance.name)", "instance `\(instance.name)` is removed", "인스턴스 \(Korean.object("`\(instance.name)`")) 지움") { $0.instances.remove(at: i) }
        }
    }

    static let removeNATElasticIP = MutantOperator(id: "remove-elastic-ip", reason: LocalizedText(en: "a NAT gateway has no Elastic IP", ko: "NAT 게이트웨이에 탄력적 IP가 없어요")) { topology, _, set in
        for (n, nat) in topology.natGateways.enumerated() where nat.elasticIP != nil {
            set.add("remove-elastic-ip:\(nat.name)", "NAT gateway `\(nat.name)` has no Elastic IP", "NAT 게이트웨이 `\(nat.name)`의 탄력적 IP를 없앰") {
                $0.natGateways[n].elasticIP = nil
            }
        }
    }

    static let moveNAT = MutantOperator(id: "move-nat", reason: LocalizedText(en: "a NAT gateway sits in a private subnet", ko: "NAT 게이트웨이가 프라이빗 서브넷에 있어요")) { topology, facts, set in
        for (n, nat) in topology.natGateways.enumerated() {
            guard let subnet = facts.subnet(named: nat.subnet.name),
                  let privateSubnet = topology.subnets.first(where: { $0.vpc.name == subnet.vpc.name && !facts.isPublic(subnet: $0.name) }) else { continue }
            set.add("move-nat:\(nat.name):\(privateSubnet.name)", "NAT gateway `\(nat.name)` moves to private subnet `\(privateSubnet.name)`",
                    "NAT 게이트웨이 \(Korean.object("`\(nat.name)`")) 프라이빗 서브넷 \(Korean.toward("`\(privateSubnet.name)`")) 옮김") {
                $0.natGateways[n].subnet = Reference(privateSubnet.name, at: nat.subnet.location)
            }
        }
    }

    static let deleteNACLRule = MutantOperator(id: "delete-nacl-rule", reason: LocalizedText(en: "a network ACL rule is missing", ko: "네트워크 ACL 규칙이 빠졌어요")) { topology, _, set in
        for (a, acl) in topology.networkACLs.enumerated() {
            for (r, rule) in acl.inbound.enumerated() where rule.action == .allow {
                set.add("delete-nacl-rule:\(acl.name):in:\(rule.number.value)", "network ACL `\(acl.name)` loses inbound rule \(rule.number.value)",
                        "네트워크 ACL `\(acl.name)`에서 인바운드 규칙 \(rule.number.value)번을 지움") { $0.networkACLs[a].inbound.remove(at: r) }
            }
            for (r, rule) in acl.outbound.enumerated() where rule.action == .allow {
                set.add("delete-nacl-rule:\(acl.name):out:\(rule.number.value)", "network ACL `\(acl.name)` loses outbound rule \(rule.number.value)",
                        "네트워크 ACL `\(acl.name)`에서 아웃바운드 규칙 \(rule.number.value)번을 지움") { $0.networkACLs[a].outbound.remove(at: r) }
            }
        }
    }

    static let removePortForward = MutantOperator(id: "remove-port-forward", reason: LocalizedText(en: "a router no longer forwards a port", ko: "공유기가 포트를 더는 포워딩하지 않아요")) { topology, _, set in
        for (s, site) in topology.sites.enumerated() {
            for (f, forward) in site.portForwards.enumerated() {
                set.add("remove-port-forward:\(site.name):\(forward.port.value)", "site `\(site.name)` no longer forwards port \(forward.port.value)",
                        "`\(site.name)`의 \(forward.port.value)번 포트 포워딩을 지움") { $0.sites[s].portForwards.remove(at: f) }
            }
        }
    }

    static let removeTunnel = MutantOperator(id: "remove-tunnel", reason: LocalizedText(en: "a tunnel is closed", ko: "터널이 닫혔어요")) { topology, _, set in
        for (s, site) in topology.sites.enumerated() {
            for (f, tunnel) in site.tunnels.enumerated() {
                set.add("remove-tunnel:\(site.name):\(tunnel.port.value)", "site `\(site.name)` loses its tunnel for port \(tunnel.port.value)",
                        "`\(site.name)`의 \(tunnel.port.value)번 터널을 지움") { $0.sites[s].tunnels.remove(at: f) }
            }
        }
    }

    static let downgradePower = MutantOperator(id: "downgrade-power", reason: LocalizedText(en: "a site has no backup power", ko: "사이트에 예비 전원이 없어요")) { topology, _, set in
        for (s, site) in topology.sites.enumerated() where site.power != .grid {
            set.add("downgrade-power:\(site.name)", "site `\(site.name)` runs on grid power only", "`\(site.name)`에서 상용 전원만 씀") { $0.sites[s].power = .grid }
        }
    }

    static let serverToPC = MutantOperator(id: "server-to-pc", reason: LocalizedText(en: "the service runs on a PC someone switches off", ko: "누군가 끄는 PC에서 서비스가 돌아요")) { topology, _, set in
        for (h, host) in topology.hosts.enumerated() where host.kind == .server {
            set.add("server-to-pc:\(host.name)", "`\(host.name)` is a personal computer, switched off at night", "\(Korean.subject("`\(host.name)`")) 밤에 꺼지는 개인 PC가 됨") {
                $0.hosts[h].kind = .personalComputer
            }
        }
    }

    static let removeHost = MutantOperator(id: "remove-host", reason: LocalizedText(en: "a machine is missing", ko: "기기가 빠졌어요")) { topology, _, set in
        guard topology.hosts.count > 1 else { return }
        for (h, host) in topology.hosts.enumerated() {
            set.add("remove-host:\(host.name)", "host `\(host.name)` is removed", "호스트 \(Korean.object("`\(host.name)`")) 지움") { $0.hosts.remove(at: h) }
        }
    }

    // MARK: The data tier

    /// A Multi-AZ database or cache without its standby: an outage of its AZ takes it down.
    static let singleAZStore = MutantOperator(id: "single-az", reason: LocalizedText(en: "a database or cache has no standby in another AZ", ko: "데이터베이스나 캐시에 다른 AZ의 대기 인스턴스가 없어요")) { topology, _, set in
        for (d, store) in topology.databases.enumerated() where store.isMultiAZ {
            set.add("single-az:\(store.name)", "database `\(store.name)` is not Multi-AZ", "데이터베이스 `\(store.name)`의 멀티 AZ를 끔") {
                $0.databases[d].multiAZ = Located(false, at: store.multiAZ?.location ?? store.location)
            }
        }
        for (c, store) in topology.caches.enumerated() where store.isMultiAZ {
            set.add("single-az:\(store.name)", "cache `\(store.name)` is not Multi-AZ", "캐시 `\(store.name)`의 멀티 AZ를 끔") {
                $0.caches[c].multiAZ = Located(false, at: store.multiAZ?.location ?? store.location)
            }
        }
    }

    /// `publicly-accessible: true` in the VPC's public subnets: the database gets a public
    /// address the internet can route to (its security group decides the rest).
    static let publicDatabase = MutantOperator(id: "public-database", reason: LocalizedText(en: "a database is publicly accessible in public subnets", ko: "데이터베이스가 퍼블릭 서브넷에서 퍼블릭 접근을 허용해요")) { topology, facts, set in
        for (d, store) in topology.databases.enumerated() {
            guard let vpc = facts.engine.placement(ofDataStore: store.name)?.vpc else { continue }
            let publicSubnets = topology.subnets.filter { $0.vpc.name == vpc && facts.isPublic(subnet: $0.name) }
            guard !publicSubnets.isEmpty else { continue }
            var groupName = "\(store.name)-public"
            while topology.subnetGroups.contains(where: { $0.name == groupName }) { groupName += "-x" }
            set.add("public-database:\(store.name)", "database `\(store.name)` is publicly accessible in public subnets",
                    "데이터베이스 \(Korean.object("`\(store.name)`")) 퍼블릭 서브넷에 두고 퍼블릭 접근을 켬") { t in
                let location = store.subnetGroup?.location ?? store.location
                t.subnetGroups.append(SubnetGroup(name: groupName, location: location, subnets: publicSubnets.map { Reference($0.name, at: location) }))
                t.databases[d].subnetGroup = Reference(groupName, at: location)
                t.databases[d].publiclyAccessible = Located(true, at: store.publiclyAccessible?.location ?? store.location)
            }
        }
    }

    /// A database's or cache's group admits the whole VPC instead of the app's group.
    /// (Opening it to 0.0.0.0/0 is `widen-rule`.)
    static let openStoreRuleToVPC = MutantOperator(id: "open-to-vpc", reason: LocalizedText(en: "a database or cache accepts the whole VPC, not just the app's group", ko: "데이터베이스나 캐시가 앱 보안 그룹만이 아니라 VPC 전체를 받아요")) { topology, facts, set in
        let storeGroups = Set(topology.dataStores.flatMap { $0.securityGroups.map(\.name) })
        for (g, group) in topology.securityGroups.enumerated() where storeGroups.contains(group.name) {
            guard let vpc = topology.vpcs.first(where: { $0.name == group.vpc?.name }) else { continue }
            for (r, rule) in group.inbound.enumerated() {
                guard case .securityGroup = rule.peer.value else { continue }
                let ports = rule.ports?.description ?? "all"
                set.add("open-to-vpc:\(group.name):\(ports)", "security group `\(group.name)` admits \(ports) from the VPC's \(vpc.cidr.value) instead of a group",
                        "보안 그룹 `\(group.name)`에서 \(ports)번 포트를 보안 그룹 대신 VPC 전체(\(vpc.cidr.value))에 엶") {
                    $0.securityGroups[g].inbound[r].peer.value = .cidr(vpc.cidr.value)
                }
            }
        }
    }
}
