import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// What `infralab export` needs from a topology, whatever the template language:
/// identifiers derived from the learner's names, peers as CIDRs, and the associations
/// the engine resolved (a subnet's effective route table and network ACL), so the
/// template deploys what infralab graded.
package struct ExportPlan {
    package enum Format: String, CaseIterable {
        case cloudFormation = "cloudformation"
        case terraform
    }

    let topology: Topology
    let engine: NetworkEngine
    /// CloudFormation logical ids (`SubnetPublicA`) and Terraform names (`public_a`).
    private var logicalIDs: [String: String] = [:]
    private var terraformNames: [String: String] = [:]

    package init(topology: Topology, engine: NetworkEngine? = nil) {
        self.topology = topology
        self.engine = engine ?? NetworkEngine(topology: topology)
        var usedLogical = Set<String>(), usedTerraform = Set<String>()
        let components: [(ComponentKind, [String])] = [
            (.vpc, topology.vpcs.map(\.name)), (.internetGateway, topology.internetGateways.map(\.name)),
            (.subnet, topology.subnets.map(\.name)), (.routeTable, topology.routeTables.map(\.name)),
            (.natGateway, topology.natGateways.map(\.name)), (.securityGroup, topology.securityGroups.map(\.name)),
            (.networkACL, topology.networkACLs.map(\.name)), (.instance, topology.instances.map(\.name)),
            (.loadBalancer, topology.loadBalancers.map(\.name)), (.dnsZone, topology.dnsZones.map(\.name)),
            (.subnetGroup, topology.subnetGroups.map(\.name)), (.database, topology.databases.map(\.name)),
            (.cache, topology.caches.map(\.name)),
        ]
        for (kind, names) in components {
            for name in names {
                let key = Self.key(kind, name)
                logicalIDs[key] = Self.unique(Self.prefix(kind) + Self.pascalCase(name), in: &usedLogical)
                terraformNames[key] = Self.unique(Self.snakeCase(name), in: &usedTerraform, scope: kind.rawValue)
            }
        }
    }

    // MARK: Identifiers

    /// `SubnetPublicA` for subnet `public-a`: letters and digits only, unique.
    func id(_ kind: ComponentKind, _ name: String) -> String { logicalIDs[Self.key(kind, name)] ?? Self.prefix(kind) + Self.pascalCase(name) }

    /// `public_a` for `public-a`: a valid Terraform name, unique within its kind.
    func tf(_ kind: ComponentKind, _ name: String) -> String { terraformNames[Self.key(kind, name)] ?? Self.snakeCase(name) }

    static func key(_ kind: ComponentKind, _ name: String) -> String { kind.rawValue + "/" + name }

    static func prefix(_ kind: ComponentKind) -> String {
        switch kind {
        case .vpc: "VPC"
        case .internetGateway: "InternetGateway"
        case .subnet: "Subnet"
        case .routeTable: "RouteTable"
        case .natGateway: "NATGateway"
        case .securityGroup: "SecurityGroup"
        case .networkACL: "NetworkACL"
        case .instance: "Instance"
        case .loadBalancer: "LoadBalancer"
        case .subnetGroup: "SubnetGroup"
        case .database: "Database"
        case .cache: "Cache"
        case .dnsZone: "HostedZone"
        case .outsideHost: "Outside"
        case .site: "Site"
        case .host: "Host"
        }
    }

    /// `public-a` → `PublicA`; ASCII letters and digits only.
    static func pascalCase(_ name: String) -> String {
        name.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `public-a` → `public_a`; starts with a letter or `_`.
    static func snakeCase(_ name: String) -> String {
        var text = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        if text.isEmpty || text.first!.isNumber { text = "_" + text }
        return text
    }

    static func unique(_ base: String, in used: inout Set<String>, scope: String = "") -> String {
        var candidate = base, counter = 2
        while used.contains(scope + "/" + candidate.lowercased()) {
            candidate = base + String(counter)
            counter += 1
        }
        used.insert(scope + "/" + candidate.lowercased())
        return candidate
    }

    // MARK: Resolved facts

    /// A refusal when the topology is not (only) a cloud one: sites and hosts have no
    /// AWS resource; nothing at all makes an empty template.
    package static func refusal(_ topology: Topology) -> Diagnostic? {
        if let site = topology.sites.first {
            return .error("export.pre-cloud", LocalizedText(
                en: "`\(site.name)` is a site (\(site.kind.rawValue)), which has no AWS resource: export works on cloud topologies only",
                ko: "`\(site.name)` 구성 요소는 사이트(\(site.kind.rawValue))라서 대응하는 AWS 리소스가 없어요. 내보내기는 클라우드 토폴로지만 할 수 있어요"),
                at: site.location, length: site.name.count)
        }
        if let host = topology.hosts.first {
            return .error("export.pre-cloud", LocalizedText(
                en: "`\(host.name)` is a host at a site, which has no AWS resource: export works on cloud topologies only",
                ko: "`\(host.name)` 구성 요소는 사이트에 있는 호스트라서 대응하는 AWS 리소스가 없어요. 내보내기는 클라우드 토폴로지만 할 수 있어요"),
                at: host.location, length: host.name.count)
        }
        if topology.vpcs.isEmpty {
            return .error("export.empty", LocalizedText(en: "there is nothing to export: the topology has no VPC and no instance",
                                                        ko: "내보낼 것이 없어요: 토폴로지에 VPC도 인스턴스도 없어요"), at: nil)
        }
        return nil
    }

    var region: String { topology.vpcs.compactMap(\.region).first?.value ?? "ap-northeast-2" }

    /// The CIDR a rule's peer stands for; nil for a security group (referenced by id).
    func cidr(_ peer: Peer) -> String? {
        switch peer {
        case .cidr(let cidr): return cidr.description
        case .internet: return "0.0.0.0/0"
        case .outsideHost(let name): return topology.outside.first { $0.name == name }?.cidr.value.description
        case .site, .securityGroup, .unresolved: return nil
        }
    }

    func destination(_ route: Route) -> String? {
        switch route.destination.value {
        case .cidr(let cidr): return cidr.description
        case .outsideHost(let name): return topology.outside.first { $0.name == name }?.cidr.value.description
        }
    }

    /// Every subnet with the declared route table it uses (its own, or its VPC's main
    /// table), as the engine resolved it. Subnets on AWS's implicit main table are left
    /// to it.
    var routeTableAssociations: [(subnet: String, table: String)] {
        topology.subnets.compactMap { subnet in engine.effectiveRouteTable(ofSubnet: subnet.name).map { (subnet.name, $0.name) } }
    }

    /// Every subnet with the declared network ACL it uses (its own or the VPC's default one).
    var networkACLAssociations: [(subnet: String, acl: String)] {
        topology.subnets.compactMap { subnet in engine.effectiveNetworkACL(ofSubnet: subnet.name).map { (subnet.name, $0.name) } }
    }

    /// The internet gateways attached to the VPC of `subnet`: what a NAT gateway, an
    /// Elastic IP or a public route there must wait for.
    func attachedGateways(ofSubnet subnet: String) -> [String] {
        guard let vpc = topology.subnets.first(where: { $0.name == subnet })?.vpc.name else { return [] }
        return topology.internetGateways.filter { $0.vpc?.name == vpc }.map(\.name)
    }

    func vpcName(ofGroup group: SecurityGroup) -> String? { group.vpc?.name ?? topology.vpcs.first?.name }

    /// `[from, to]` for a rule: ICMP and `all` have none; TCP/UDP without ports is every port.
    static func portRange(_ proto: IPProtocol, _ ports: PortRange?) -> (from: Int, to: Int)? {
        switch proto {
        case .all, .icmp: return nil
        case .tcp, .udp: return ports.map { ($0.lower, $0.upper) } ?? (0, 65535)
        }
    }

    /// AWS's protocol numbers, as network ACL entries want them.
    static func protocolNumber(_ proto: IPProtocol) -> Int {
        switch proto {
        case .tcp: 6
        case .udp: 17
        case .icmp: 1
        case .all: -1
        }
    }

    /// `tcp`, `udp`, `icmp`, or `-1` for all, as security group rules want them.
    static func protocolName(_ proto: IPProtocol) -> String { proto == .all ? "-1" : proto.rawValue }

    /// What the template cannot say, for the screen (stderr) and the template's description.
    package var notes: [LocalizedText] {
        var notes: [LocalizedText] = []
        for nat in topology.natGateways where nat.elasticIP != nil {
            notes.append(LocalizedText(en: "NAT gateway `\(nat.name)`: AWS allocates its Elastic IP; \(nat.elasticIP!.value) is not kept",
                                       ko: "NAT 게이트웨이 `\(nat.name)`: 탄력적 IP는 AWS가 할당해서 \(nat.elasticIP!.value) 주소는 유지되지 않아요"))
        }
        for instance in topology.instances where instance.elasticIP != nil {
            notes.append(LocalizedText(en: "instance `\(instance.name)`: AWS allocates its Elastic IP; \(instance.elasticIP!.value) is not kept",
                                       ko: "인스턴스 `\(instance.name)`: 탄력적 IP는 AWS가 할당해서 \(instance.elasticIP!.value) 주소는 유지되지 않아요"))
        }
        for instance in topology.instances where !instance.forwards.isEmpty {
            notes.append(LocalizedText(en: "instance `\(instance.name)`: its forwards are software on the instance (nginx, …), not AWS resources",
                                       ko: "인스턴스 `\(instance.name)`: 포워딩은 인스턴스 안의 소프트웨어(nginx 등) 설정이라 AWS 리소스가 아니에요"))
        }
        for table in topology.routeTables {
            for route in table.routes where { let kind = engine.targetKind(of: route); return kind == nil || kind == .outsideHost }() {
                notes.append(LocalizedText(en: "route table `\(table.name)`: the route via `\(route.target.name)` has no AWS target and is left out",
                                           ko: "라우팅 테이블 `\(table.name)`: `\(route.target.name)` 경유 경로는 AWS 대상이 없어서 빠졌어요"))
            }
        }
        return notes
    }
}
