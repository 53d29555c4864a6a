import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Builds the `Diagram` of a topology as learners think of it: the internet and outside
/// hosts first, then sites and their hosts (before the cloud), then each VPC with its
/// gateways and load balancers, its AZs, and in each AZ its subnets, public before
/// private, holding NAT gateways and instances. Public or private, route tables and
/// addresses are the network engine's answers (rule 5), never worked out again here.
package struct DiagramBuilder {
    let topology: Topology
    let engine: NetworkEngine
    let language: Language
    private(set) var nodeIDs: [String: String] = [:]
    private(set) var clusterIDs: [String: String] = [:]
    private var counter = 0

    package init(topology: Topology, engine: NetworkEngine? = nil, language: Language) {
        self.topology = topology
        self.engine = engine ?? NetworkEngine(topology: topology)
        self.language = language
    }

    func t(_ en: String, _ ko: String) -> String { language == .ko ? ko : en }

    /// The picture of the topology; with `flow`, the probed flow drawn on it.
    package mutating func build(flow: FlowResult? = nil) -> Diagram {
        var diagram = Diagram(title: topology.file)
        diagram.items.append(.cluster(outsideCluster()))
        for site in topology.sites { diagram.items.append(.cluster(siteCluster(site))) }
        for vpc in topology.vpcs { diagram.items.append(.cluster(vpcCluster(vpc))) }
        let detached = topology.internetGateways.filter { $0.vpc == nil }
        if !detached.isEmpty {
            var row = Diagram.Cluster(id: nextID("c"), kind: .row, title: "")
            row.items = detached.map { .node(node($0.name, .internetGateway, caption: t("internet gateway · detached", "인터넷 게이트웨이 · 연결 안 됨"))) }
            diagram.items.append(.cluster(row))
        }
        diagram.edges = gatewayEdges() + routeEdges() + forwardEdges()
        if let flow { DiagramFlowOverlay(nodeIDs: nodeIDs, clusterIDs: clusterIDs, language: language).draw(flow, on: &diagram) }
        return diagram
    }

    // MARK: Ids

    private mutating func nextID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    static func key(_ kind: Diagram.Node.Kind, _ name: String) -> String { "\(kind.rawValue)/\(name)" }

    private mutating func node(_ name: String, _ kind: Diagram.Node.Kind, caption: String, details: [String] = []) -> Diagram.Node {
        let id = nextID("n")
        nodeIDs[Self.key(kind, name)] = id
        return Diagram.Node(id: id, name: name, kind: kind, caption: caption, details: details)
    }

    private mutating func cluster(_ kind: Diagram.Cluster.Kind, key: String?, title: String, subtitle: String) -> Diagram.Cluster {
        let id = nextID("c")
        if let key { clusterIDs[key] = id }
        return Diagram.Cluster(id: id, kind: kind, title: title, subtitle: subtitle)
    }

    // MARK: Clusters

    private mutating func outsideCluster() -> Diagram.Cluster {
        var outside = cluster(.outside, key: nil, title: t("Outside", "외부"), subtitle: "")
        outside.items.append(.node(node("internet", .internet, caption: t("any public address", "모든 퍼블릭 주소"))))
        for host in topology.outside {
            outside.items.append(.node(node(host.name, .outsideHost, caption: t("outside host", "외부 호스트"), details: [host.cidr.value.description])))
        }
        return outside
    }

    private mutating func siteCluster(_ site: Site) -> Diagram.Cluster {
        var subtitle = "\(site.kind.rawValue) · \(t("power", "전원")): \(site.power.rawValue)"
        if let ip = site.publicIP?.value { subtitle += " · \(ip)" }
        var result = cluster(.site, key: "site/\(site.name)", title: "\(t("site", "사이트")) \(site.name)", subtitle: subtitle)
        for host in topology.hosts where host.site.name == site.name {
            result.items.append(.node(node(host.name, .host, caption: caption(host.kind.rawValue, roles: host.roles))))
        }
        return result
    }

    private func caption(_ kind: String, roles: [Located<String>]) -> String {
        roles.isEmpty ? kind : "\(kind) · \(roles.map(\.value).joined(separator: ", "))"
    }

    private mutating func vpcCluster(_ vpc: VPC) -> Diagram.Cluster {
        var subtitle = vpc.cidr.value.description
        if let region = vpc.region?.value { subtitle += " · \(region)" }
        if vpc.isDefault { subtitle += t(" · AWS default VPC", " · AWS 기본 VPC") }
        var result = cluster(.vpc, key: "vpc/\(vpc.name)", title: "VPC \(vpc.name)", subtitle: subtitle)
        var gateways = Diagram.Cluster(id: nextID("c"), kind: .row, title: "")
        for igw in topology.internetGateways where igw.vpc?.name == vpc.name {
            gateways.items.append(.node(node(igw.name, .internetGateway, caption: t("internet gateway", "인터넷 게이트웨이"))))
        }
        let subnets = topology.subnets.filter { $0.vpc.name == vpc.name }
        let subnetNames = Set(subnets.map(\.name))
        for balancer in topology.loadBalancers where balancer.subnets.contains(where: { subnetNames.contains($0.name) }) {
            let kind = balancer.kind == .application ? "ALB" : "NLB"
            gateways.items.append(.node(node(
                balancer.name, .loadBalancer, caption: "\(kind) · \(balancer.scheme.rawValue)",
                details: [balancer.subnets.map(\.name).joined(separator: ", ")] + redirects(balancer))))
        }
        if !gateways.items.isEmpty { result.items.append(.cluster(gateways)) }
        let zones = Array(Set(subnets.map { $0.availabilityZone?.value ?? "" })).sorted()
        var zoneRow = Diagram.Cluster(id: nextID("c"), kind: .row, title: "")
        for zone in zones {
            var az = cluster(.availabilityZone, key: nil, title: zone.isEmpty ? t("AZ not given", "AZ 미지정") : zone, subtitle: "")
            let inZone = subnets.filter { ($0.availabilityZone?.value ?? "") == zone }
            let ordered = inZone.filter { engine.isPublicSubnet($0.name) ?? false } + inZone.filter { !(engine.isPublicSubnet($0.name) ?? false) }
            for subnet in ordered { az.items.append(.cluster(subnetCluster(subnet))) }
            zoneRow.items.append(.cluster(az))
        }
        if !zoneRow.items.isEmpty { result.items.append(.cluster(zoneRow)) }
        return result
    }

    /// `HTTP :80 → redirect :443`, one line per redirecting listener.
    private func redirects(_ balancer: LoadBalancer) -> [String] {
        balancer.listeners.compactMap { listener in
            listener.redirect.map { "\(listener.protocol.rawValue) :\(listener.port.value) → \(t("redirect", "리다이렉트")) :\($0.value)" }
        }
    }

    private mutating func subnetCluster(_ subnet: Subnet) -> Diagram.Cluster {
        let isPublic = engine.isPublicSubnet(subnet.name) ?? false
        let table = engine.effectiveRouteTable(ofSubnet: subnet.name)?.name ?? t("main (local only)", "기본(local 경로만)")
        let subtitle = "\(subnet.cidr.value) · \(isPublic ? t("public", "퍼블릭") : t("private", "프라이빗")) · \(t("routes", "라우팅 테이블")): \(table)"
        var result = cluster(isPublic ? .publicSubnet : .privateSubnet, key: "subnet/\(subnet.name)", title: subnet.name, subtitle: subtitle)
        for nat in topology.natGateways where nat.subnet.name == subnet.name {
            let eip = nat.elasticIP.map { "\(t("EIP", "탄력적 IP")) \($0.value)" } ?? t("no Elastic IP", "탄력적 IP 없음")
            result.items.append(.node(node(nat.name, .natGateway, caption: t("NAT gateway", "NAT 게이트웨이"), details: [eip])))
        }
        for instance in topology.instances where instance.subnet?.name == subnet.name {
            result.items.append(.node(instanceNode(instance)))
        }
        for store in topology.dataStores {
            guard let placement = engine.placement(ofDataStore: store.name) else { continue }
            if placement.primarySubnet == subnet.name {
                result.items.append(.node(storeNode(store, ip: placement.primaryIP, standby: false, publicIP: placement.publicIP)))
            }
            if placement.standbySubnet == subnet.name {
                result.items.append(.node(storeNode(store, ip: placement.standbyIP, standby: true, publicIP: nil)))
            }
        }
        return result
    }

    /// A database or cache in its primary's subnet; a Multi-AZ one again, as its standby,
    /// in the standby's subnet (`orders (standby)`).
    private mutating func storeNode(_ store: DataStore, ip: IPv4Address?, standby: Bool, publicIP: IPv4Address?) -> Diagram.Node {
        let kind: Diagram.Node.Kind = store.service == .database ? .database : .cache
        var details = ["\(store.engine.value.rawValue) :\(store.effectivePort)"]
        if let ip { details.append(ip.description) }
        if let publicIP { details.append(t("public ", "퍼블릭 ") + publicIP.description) }
        if !store.securityGroups.isEmpty { details.append("sg: " + store.securityGroups.map(\.name).joined(separator: ", ")) }
        let word = store.service == .database ? t("database", "데이터베이스") : t("cache", "캐시")
        if standby {
            return node("\(store.name) (\(t("standby", "대기")))", kind, caption: "\(word) · \(t("standby", "대기"))", details: details)
        }
        let multi = store.isMultiAZ ? [t("primary (Multi-AZ)", "주 인스턴스(멀티 AZ)")] : []
        return node(store.name, kind, caption: word, details: multi + details)
    }

    private mutating func instanceNode(_ instance: Instance) -> Diagram.Node {
        let placement = engine.placement(ofInstance: instance.name)
        var details: [String] = []
        if let ip = placement?.privateIP { details.append(ip.description) }
        if let ip = placement?.publicIP {
            details.append((placement?.hasElasticIP == true ? t("EIP ", "탄력적 IP ") : t("public ", "퍼블릭 ")) + ip.description)
        }
        if let groups = instance.securityGroups, !groups.isEmpty {
            details.append("sg: " + groups.map(\.name).joined(separator: ", "))
        }
        return node(instance.name, .instance, caption: caption(t("instance", "인스턴스"), roles: instance.roles), details: details)
    }

    // MARK: Edges

    private func gatewayEdges() -> [Diagram.Edge] {
        guard let internet = nodeIDs[Self.key(.internet, "internet")] else { return [] }
        return topology.internetGateways.compactMap { igw in
            guard igw.vpc != nil, let id = nodeIDs[Self.key(.internetGateway, igw.name)] else { return nil }
            return Diagram.Edge(from: internet, to: id, style: .attachment)
        }
    }

    /// Each subnet's routes to something drawn (gateways, instances, outside hosts);
    /// the local route is the VPC itself and not drawn.
    private func routeEdges() -> [Diagram.Edge] {
        var edges: [Diagram.Edge] = []
        for subnet in topology.subnets {
            guard let from = clusterIDs["subnet/\(subnet.name)"], let table = engine.effectiveRouteTable(ofSubnet: subnet.name) else { continue }
            for route in table.routes {
                let kind: Diagram.Node.Kind
                switch engine.targetKind(of: route) {
                case .internetGateway: kind = .internetGateway
                case .natGateway: kind = .natGateway
                case .instance: kind = .instance
                case .outsideHost: kind = .outsideHost
                default: continue
                }
                guard let to = nodeIDs[Self.key(kind, route.target.name)] else { continue }
                let destination: String
                switch route.destination.value {
                case .cidr(let cidr): destination = cidr.description
                case .outsideHost(let name): destination = name
                }
                let edge = Diagram.Edge(from: from, to: to, label: destination, style: .route)
                if !edges.contains(edge) { edges.append(edge) }
            }
        }
        return edges
    }

    /// The id of whatever a forward or listener names (instance, load balancer, host).
    private func targetID(_ name: String) -> String? {
        nodeIDs[Self.key(.instance, name)] ?? nodeIDs[Self.key(.loadBalancer, name)] ?? nodeIDs[Self.key(.host, name)]
    }

    private func forwardEdges() -> [Diagram.Edge] {
        var edges: [Diagram.Edge] = []
        for instance in topology.instances {
            guard let from = nodeIDs[Self.key(.instance, instance.name)] else { continue }
            for forward in instance.forwards {
                guard let to = targetID(forward.target.name) else { continue }
                edges.append(Diagram.Edge(from: from, to: to, label: ":\(forward.port.value) → :\(forward.effectiveTargetPort)", style: .forward))
            }
        }
        let internet = nodeIDs[Self.key(.internet, "internet")] ?? ""
        for site in topology.sites {
            let forwards = site.portForwards.map { ($0, t("port forward", "포트 포워딩")) } + site.tunnels.map { ($0, t("tunnel", "터널")) }
            for (forward, word) in forwards {
                guard let to = targetID(forward.target.name) else { continue }
                edges.append(Diagram.Edge(
                    from: internet, to: to, label: "\(word) :\(forward.port.value) → :\(forward.effectiveTargetPort)", style: .forward))
            }
        }
        for balancer in topology.loadBalancers {
            guard let from = nodeIDs[Self.key(.loadBalancer, balancer.name)] else { continue }
            for listener in balancer.listeners {
                let head = "\(listener.protocol.rawValue) :\(listener.port.value)"
                if listener.redirect != nil { continue }  // a detail of the node (`redirects`)
                for target in listener.targets {
                    guard let to = targetID(target.name) else { continue }
                    let port = listener.targetPort?.value ?? listener.port.value
                    edges.append(Diagram.Edge(from: from, to: to, label: "\(head) → :\(port)", style: .forward))
                }
            }
        }
        return edges
    }
}
