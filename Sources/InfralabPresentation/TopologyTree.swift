import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// A text picture of a topology as infralab understands it: sites and hosts, then each
/// VPC with its subnets (public or private, AZ, route table) and what sits in them, with
/// the addresses infralab resolved. Pure; the first of the diagrams (SVG/HTML next).
public struct TopologyTree {
    public var style: TextStyle
    public var language: Language

    public init(colorize: Bool, language: Language) {
        self.style = TextStyle(colorize: colorize)
        self.language = language
    }

    func t(_ en: String, _ ko: String) -> String { language == .ko ? ko : en }

    public func render(_ topology: Topology) -> String {
        let engine = NetworkEngine(topology: topology)
        var out: [String] = []
        if !topology.outside.isEmpty {
            out.append(style.bold(t("outside", "외부")))
            for host in topology.outside { out.append("  \(host.name)  \(style.dim(host.cidr.value.description))") }
        }
        for site in topology.sites {
            var line = style.bold("\(t("site", "사이트")) \(site.name)") + "  \(site.kind.rawValue), \(t("power", "전원")): \(site.power.rawValue)"
            if let ip = site.publicIP?.value { line += style.dim("  \(ip)") }
            out.append(line)
            let hosts = topology.hosts.filter { $0.site.name == site.name }
            let forwards = site.portForwards.map { "\(t("forward", "포워딩")) :\($0.port.value) → \($0.target.name):\($0.effectiveTargetPort)" }
                + site.tunnels.map { "\(t("tunnel", "터널")) :\($0.port.value) → \($0.target.name):\($0.effectiveTargetPort)" }
            let children = forwards.map { style.cyan($0) } + hosts.map { host in
                "\(host.name)  \(host.kind.rawValue)" + (host.roles.isEmpty ? "" : style.dim("  [\(host.roles.map(\.value).joined(separator: ", "))]"))
            }
            out += branch(children, indent: "")
        }
        for vpc in topology.vpcs {
            let gateways = topology.internetGateways.filter { $0.vpc?.name == vpc.name }.map(\.name)
            var line = style.bold("VPC \(vpc.name)") + "  \(vpc.cidr.value)"
            if vpc.isDefault { line += style.dim(t("  (AWS default VPC)", "  (AWS 기본 VPC)")) }
            if !gateways.isEmpty { line += "  IGW \(gateways.joined(separator: ", "))" }
            out.append(line)
            let subnets = topology.subnets.filter { $0.vpc.name == vpc.name }
            var children: [[String]] = []
            for subnet in subnets {
                let isPublic = engine.isPublicSubnet(subnet.name) ?? false
                let kind = isPublic ? style.green(t("public", "퍼블릭")) : style.yellow(t("private", "프라이빗"))
                let table = engine.effectiveRouteTable(ofSubnet: subnet.name)?.name ?? t("main (local only)", "기본(local만)")
                var head = "\(subnet.name)  \(subnet.cidr.value)  \(kind)"
                if let az = subnet.availabilityZone?.value { head += "  \(az)" }
                head += style.dim("  \(t("routes", "라우팅")): \(table)")
                var items: [String] = []
                for nat in topology.natGateways where nat.subnet.name == subnet.name {
                    items.append("NAT \(nat.name)" + style.dim("  EIP \(nat.elasticIP.map { $0.value.description } ?? t("none", "없음"))"))
                }
                for instance in topology.instances where instance.subnet?.name == subnet.name {
                    let placement = engine.placement(ofInstance: instance.name)
                    var item = instance.name
                    if let ip = placement?.privateIP { item += "  \(ip)" }
                    if let ip = placement?.publicIP { item += "  " + (placement?.hasElasticIP == true ? "EIP " : t("public ", "공인 ")) + ip.description }
                    if !instance.roles.isEmpty { item += style.dim("  [\(instance.roles.map(\.value).joined(separator: ", "))]") }
                    if let groups = instance.securityGroups, !groups.isEmpty { item += style.dim("  sg: \(groups.map(\.name).joined(separator: ", "))") }
                    items.append(item)
                    for forward in instance.forwards {
                        items.append(style.cyan("  ↳ :\(forward.port.value) → \(forward.target.name):\(forward.effectiveTargetPort)"))
                    }
                }
                for balancer in topology.loadBalancers where balancer.subnets.contains(where: { $0.name == subnet.name }) {
                    items.append("\(t("load balancer", "로드 밸런서")) \(balancer.name)" + style.dim("  \(balancer.scheme.rawValue)"))
                }
                children.append([head] + items)
            }
            for (index, child) in children.enumerated() {
                let last = index == children.count - 1
                out.append((last ? "└─ " : "├─ ") + child[0])
                out += child.dropFirst().map { (last ? "     " : "│    ") + $0 }
            }
        }
        if out.isEmpty { out.append(style.dim(t("(an empty topology)", "(빈 토폴로지)"))) }
        return out.joined(separator: "\n") + "\n"
    }

    func branch(_ items: [String], indent: String) -> [String] {
        items.enumerated().map { indent + ($0.offset == items.count - 1 ? "└─ " : "├─ ") + $0.element }
    }
}
