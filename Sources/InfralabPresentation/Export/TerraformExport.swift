import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// A topology as Terraform (HCL2, the AWS provider's resources).
package struct TerraformExport {
    /// An HCL value: text is quoted and escaped, an expression is written as is.
    indirect enum Value {
        case text(String)
        case number(Int)
        case bool(Bool)
        case expression(String)
        case list([Value])
        case map([(String, Value)])
    }

    /// `header { attributes… blocks… }`.
    struct Block {
        var header: String
        var attributes: [(String, Value)] = []
        var blocks: [Block] = []
    }

    let plan: ExportPlan
    var blocks: [Block] = []

    package static func template(_ plan: ExportPlan, file: String) -> String {
        var export = TerraformExport(plan: plan)
        export.build()
        let header = "# infralab export of \(file): names and CIDRs as written; the AMI and certificates are variables.\n\n"
        return header + export.blocks.map { render($0, indent: 0) }.joined(separator: "\n")
    }

    // MARK: Rendering

    /// Laid out as `terraform fmt` does: `=` aligned within each run of one-line
    /// attributes; a multi-line value ends the run.
    static func render(_ block: Block, indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent)
        let lines = block.attributes.map { (key: $0.0, value: render($0.1, indent: indent + 1)) }
        var out = pad + block.header + " {\n"
        var start = 0
        while start < lines.count {
            var end = start
            while end < lines.count && !lines[end].value.contains("\n") { end += 1 }
            let width = lines[start..<end].map(\.key.count).max() ?? 0
            for line in lines[start..<end] { out += pad + "  " + line.key + String(repeating: " ", count: width - line.key.count) + " = " + line.value + "\n" }
            if end < lines.count { out += pad + "  " + lines[end].key + " = " + lines[end].value + "\n" }
            start = end + 1
        }
        for inner in block.blocks { out += render(inner, indent: indent + 1) }
        return out + pad + "}\n"
    }

    static func render(_ value: Value, indent: Int) -> String {
        switch value {
        case .text(let text): return quoted(text)
        case .number(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .expression(let expression): return expression
        case .list(let items): return "[" + items.map { render($0, indent: indent) }.joined(separator: ", ") + "]"
        case .map(let members):
            let pad = String(repeating: "  ", count: indent)
            let width = members.map(\.0.count).max() ?? 0
            return "{\n" + members.map { pad + "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + " = " + render($0.1, indent: indent + 1) + "\n" }.joined()
                + pad + "}"
        }
    }

    /// A quoted HCL string: `\`, `"`, newlines escaped; `${` and `%{` doubled so they stay text.
    static func quoted(_ text: String) -> String {
        let escaped = TextEscaping.escaped(text, ["\\": "\\\\", "\"": "\\\"", "\n": "\\n"], controlAsSpace: false)
        return "\"" + escaped.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{") + "\""
    }

    // MARK: Helpers

    func ref(_ type: String, _ kind: ComponentKind, _ name: String, _ attribute: String = "id") -> Value {
        .expression("\(type).\(plan.tf(kind, name)).\(attribute)")
    }

    static func tags(_ name: String, _ extra: [(String, String)] = []) -> (String, Value) {
        ("tags", .map(([("Name", name)] + extra).map { ($0.0, .text($0.1)) }))
    }

    mutating func resource(_ type: String, _ name: String, _ attributes: [(String, Value)], blocks: [Block] = []) {
        self.blocks.append(Block(header: "resource \"\(type)\" \"\(name)\"", attributes: attributes, blocks: blocks))
    }

    // MARK: Resources

    mutating func build() {
        let topology = plan.topology
        blocks.append(Block(header: "terraform", blocks: [Block(header: "required_providers", attributes: [
            ("aws", .map([("source", .text("hashicorp/aws")), ("version", .text(">= 5.0"))])),
        ])]))
        blocks.append(Block(header: "provider \"aws\"", attributes: [("region", .text(plan.region))]))
        if !topology.instances.isEmpty {
            blocks.append(Block(header: "variable \"ami_id\"", attributes: [
                ("type", .expression("string")), ("description", .text("The AMI for every instance (an Amazon Linux 2023 AMI of the region, for example)")),
            ]))
        }
        for vpc in topology.vpcs {
            resource("aws_vpc", plan.tf(.vpc, vpc.name), [("cidr_block", .text(vpc.cidr.value.description)), ("enable_dns_support", .bool(true)),
                                                          ("enable_dns_hostnames", .bool(true)), Self.tags(vpc.name)])
        }
        for gateway in topology.internetGateways {
            let attachment: [(String, Value)] = gateway.vpc.map { [("vpc_id", ref("aws_vpc", .vpc, $0.name))] } ?? []
            resource("aws_internet_gateway", plan.tf(.internetGateway, gateway.name), attachment + [Self.tags(gateway.name)])
        }
        for subnet in topology.subnets {
            var attributes: [(String, Value)] = [("vpc_id", ref("aws_vpc", .vpc, subnet.vpc.name)), ("cidr_block", .text(subnet.cidr.value.description))]
            if let az = subnet.availabilityZone { attributes.append(("availability_zone", .text(az.value))) }
            if subnet.mapsPublicIPOnLaunch { attributes.append(("map_public_ip_on_launch", .bool(true))) }
            resource("aws_subnet", plan.tf(.subnet, subnet.name), attributes + [Self.tags(subnet.name)])
        }
        for nat in topology.natGateways {
            let name = plan.tf(.natGateway, nat.name)
            resource("aws_eip", "nat_" + name, [("domain", .text("vpc")), Self.tags(nat.name)])
            let gateways = plan.attachedGateways(ofSubnet: nat.subnet.name)
            resource("aws_nat_gateway", name, [("allocation_id", .expression("aws_eip.nat_\(name).id")),
                                               ("subnet_id", ref("aws_subnet", .subnet, nat.subnet.name)), Self.tags(nat.name)]
                     + (gateways.isEmpty ? [] : [("depends_on", .list(gateways.map { .expression("aws_internet_gateway.\(plan.tf(.internetGateway, $0))") }))]))
        }
        buildRouteTables()
        buildSecurityGroups()
        buildNetworkACLs()
        buildInstances()
        buildLoadBalancers()
        buildDataTier()
        buildDNS()
    }

    mutating func buildRouteTables() {
        let topology = plan.topology
        for table in topology.routeTables {
            let name = plan.tf(.routeTable, table.name)
            guard let vpc = table.vpc?.name ?? topology.vpcs.first?.name else { continue }
            resource("aws_route_table", name, [("vpc_id", ref("aws_vpc", .vpc, vpc)), Self.tags(table.name)])
            for (index, route) in table.routes.enumerated() {
                guard let destination = plan.destination(route) else { continue }
                let target: (String, Value)
                switch plan.engine.targetKind(of: route) {
                case .internetGateway: target = ("gateway_id", ref("aws_internet_gateway", .internetGateway, route.target.name))
                case .natGateway: target = ("nat_gateway_id", ref("aws_nat_gateway", .natGateway, route.target.name))
                case .instance: target = ("network_interface_id", ref("aws_instance", .instance, route.target.name, "primary_network_interface_id"))
                default: continue  // no AWS target (see the notes)
                }
                resource("aws_route", "\(name)_route_\(index + 1)", [("route_table_id", ref("aws_route_table", .routeTable, table.name)),
                                                                     ("destination_cidr_block", .text(destination)), target])
            }
        }
        for (subnet, table) in plan.routeTableAssociations {
            resource("aws_route_table_association", plan.tf(.subnet, subnet),
                     [("subnet_id", ref("aws_subnet", .subnet, subnet)), ("route_table_id", ref("aws_route_table", .routeTable, table))])
        }
    }

    mutating func buildSecurityGroups() {
        for group in plan.topology.securityGroups {
            let name = plan.tf(.securityGroup, group.name)
            var attributes: [(String, Value)] = [("name", .text(group.name)), ("description", .text("infralab security group \(group.name)"))]
            if let vpc = plan.vpcName(ofGroup: group) { attributes.append(("vpc_id", ref("aws_vpc", .vpc, vpc))) }
            resource("aws_security_group", name, attributes + [Self.tags(group.name)])
            for (index, rule) in group.inbound.enumerated() { addRule(rule, group: group.name, inbound: true, index: index) }
            if let outbound = group.outbound {
                for (index, rule) in outbound.enumerated() { addRule(rule, group: group.name, inbound: false, index: index) }
            } else {
                // Terraform drops AWS's default allow-all egress; an unwritten `outbound:` means it.
                resource("aws_vpc_security_group_egress_rule", "\(name)_egress_all", [
                    ("security_group_id", ref("aws_security_group", .securityGroup, group.name)), ("ip_protocol", .text("-1")),
                    ("cidr_ipv4", .text("0.0.0.0/0")),
                ])
            }
        }
    }

    mutating func addRule(_ rule: SecurityGroupRule, group: String, inbound: Bool, index: Int) {
        var attributes: [(String, Value)] = [("security_group_id", ref("aws_security_group", .securityGroup, group)),
                                             ("ip_protocol", .text(ExportPlan.protocolName(rule.protocol)))]
        if let range = ExportPlan.portRange(rule.protocol, rule.ports) {
            attributes += [("from_port", .number(range.from)), ("to_port", .number(range.to))]
        } else if rule.protocol == .icmp {
            attributes += [("from_port", .number(-1)), ("to_port", .number(-1))]
        }
        if case .securityGroup(let peer) = rule.peer.value {
            attributes.append(("referenced_security_group_id", ref("aws_security_group", .securityGroup, peer)))
        } else if let cidr = plan.cidr(rule.peer.value) {
            attributes.append(("cidr_ipv4", .text(cidr)))
        } else {
            return
        }
        if let description = rule.description { attributes.append(("description", .text(description))) }
        let direction = inbound ? "ingress" : "egress"
        resource("aws_vpc_security_group_\(direction)_rule", "\(plan.tf(.securityGroup, group))_\(direction)_\(index + 1)", attributes)
    }

    mutating func buildNetworkACLs() {
        let topology = plan.topology
        for acl in topology.networkACLs {
            let name = plan.tf(.networkACL, acl.name)
            guard let vpc = acl.vpc?.name ?? topology.vpcs.first?.name else { continue }
            resource("aws_network_acl", name, [("vpc_id", ref("aws_vpc", .vpc, vpc)), Self.tags(acl.name)])
            for (rules, egress) in [(acl.inbound, false), (acl.outbound, true)] {
                for rule in rules {
                    guard let cidr = plan.cidr(rule.peer.value) else { continue }
                    var attributes: [(String, Value)] = [
                        ("network_acl_id", ref("aws_network_acl", .networkACL, acl.name)), ("rule_number", .number(rule.number.value)),
                        ("egress", .bool(egress)), ("protocol", .text(String(ExportPlan.protocolNumber(rule.protocol)))),
                        ("rule_action", .text(rule.action.rawValue)), ("cidr_block", .text(cidr)),
                    ]
                    if let range = ExportPlan.portRange(rule.protocol, rule.ports) {
                        attributes += [("from_port", .number(range.from)), ("to_port", .number(range.to))]
                    } else if rule.protocol == .icmp {
                        attributes += [("icmp_type", .number(-1)), ("icmp_code", .number(-1))]
                    }
                    resource("aws_network_acl_rule", "\(name)_\(egress ? "outbound" : "inbound")_\(rule.number.value)", attributes)
                }
            }
        }
        for (subnet, acl) in plan.networkACLAssociations {
            resource("aws_network_acl_association", plan.tf(.subnet, subnet),
                     [("network_acl_id", ref("aws_network_acl", .networkACL, acl)), ("subnet_id", ref("aws_subnet", .subnet, subnet))])
        }
    }

    mutating func buildInstances() {
        for instance in plan.topology.instances {
            guard let subnet = instance.subnet?.name else { continue }
            let name = plan.tf(.instance, instance.name)
            var attributes: [(String, Value)] = [("ami", .expression("var.ami_id")), ("instance_type", .text(instance.effectiveType)),
                                                 ("subnet_id", ref("aws_subnet", .subnet, subnet))]
            if let groups = instance.securityGroups {
                attributes.append(("vpc_security_group_ids", .list(groups.map { ref("aws_security_group", .securityGroup, $0.name) })))
            }
            if let ip = instance.privateIP { attributes.append(("private_ip", .text(ip.value.description))) }
            if instance.publicIP?.value == true { attributes.append(("associate_public_ip_address", .bool(true))) }
            let roles = instance.roles.map(\.value).joined(separator: ",")
            resource("aws_instance", name, attributes + [Self.tags(instance.name, roles.isEmpty ? [] : [("Role", roles)])])
            if instance.elasticIP != nil {
                resource("aws_eip", "instance_" + name, [("domain", .text("vpc")), ("instance", ref("aws_instance", .instance, instance.name)),
                                                         Self.tags(instance.name)])
            }
        }
    }
}
