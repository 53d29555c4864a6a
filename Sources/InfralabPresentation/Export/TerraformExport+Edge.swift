import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Load balancers (with listeners, target groups and attachments) and Route 53 records.
extension TerraformExport {
    mutating func buildLoadBalancers() {
        let topology = plan.topology
        for balancer in topology.loadBalancers {
            let name = plan.tf(.loadBalancer, balancer.name)
            var attributes: [(String, Value)] = [
                ("load_balancer_type", .text(balancer.kind.rawValue)), ("internal", .bool(balancer.scheme == .internal)),
                ("subnets", .list(balancer.subnets.map { ref("aws_subnet", .subnet, $0.name) })),
            ]
            if !balancer.securityGroups.isEmpty {
                attributes.append(("security_groups", .list(balancer.securityGroups.map { ref("aws_security_group", .securityGroup, $0.name) })))
            }
            resource("aws_lb", name, attributes + [Self.tags(balancer.name)])
            let vpc = balancer.subnets.first.flatMap { subnet in topology.subnets.first { $0.name == subnet.name }?.vpc.name }
            for listener in balancer.listeners { addListener(listener, balancer: balancer, vpc: vpc) }
        }
    }

    mutating func addListener(_ listener: LoadBalancer.Listener, balancer: LoadBalancer, vpc: String?) {
        let port = listener.port.value
        let lb = plan.tf(.loadBalancer, balancer.name)
        var attributes: [(String, Value)] = [("load_balancer_arn", ref("aws_lb", .loadBalancer, balancer.name, "arn")), ("port", .number(port)),
                                             ("protocol", .text(listener.protocol.rawValue))]
        if let certificate = listener.certificate {
            let variable = "certificate_arn_" + ExportPlan.snakeCase(certificate.value).lowercased()
            if !blocks.contains(where: { $0.header == "variable \"\(variable)\"" }) {
                blocks.append(Block(header: "variable \"\(variable)\"", attributes: [
                    ("type", .expression("string")), ("description", .text("The ACM certificate ARN for \(certificate.value)")),
                ]))
            }
            attributes.append(("certificate_arn", .expression("var.\(variable)")))
        }
        let action: Block
        if let redirect = listener.redirect {
            action = Block(header: "default_action", attributes: [("type", .text("redirect"))], blocks: [
                Block(header: "redirect", attributes: [("protocol", .text("HTTPS")), ("port", .text(String(redirect.value))),
                                                       ("status_code", .text("HTTP_301"))]),
            ])
        } else {
            let group = "\(lb)_\(port)"
            let targetPort = listener.targetPort?.value ?? port
            let targetProtocol: String = switch listener.protocol {
            case .http, .https: "HTTP"
            case .tcp, .tls: "TCP"
            case .udp: "UDP"
            }
            var groupAttributes: [(String, Value)] = [("port", .number(targetPort)), ("protocol", .text(targetProtocol)), ("target_type", .text("instance"))]
            if let vpc { groupAttributes.append(("vpc_id", ref("aws_vpc", .vpc, vpc))) }
            resource("aws_lb_target_group", group, groupAttributes + [Self.tags("\(balancer.name)-\(port)")])
            for target in listener.targets {
                resource("aws_lb_target_group_attachment", "\(group)_\(plan.tf(.instance, target.name))", [
                    ("target_group_arn", .expression("aws_lb_target_group.\(group).arn")),
                    ("target_id", ref("aws_instance", .instance, target.name)), ("port", .number(targetPort)),
                ])
            }
            action = Block(header: "default_action", attributes: [("type", .text("forward")), ("target_group_arn", .expression("aws_lb_target_group.\(group).arn"))])
        }
        resource("aws_lb_listener", "\(lb)_\(port)", attributes, blocks: [action])
    }

    mutating func buildDNS() {
        let topology = plan.topology
        for zone in topology.dnsZones {
            let name = plan.tf(.dnsZone, zone.name)
            resource("aws_route53_zone", name, [("name", .text(zone.name))])
            for (index, record) in zone.records.enumerated() {
                let fqdn = record.name.value == "@" || record.name.value == zone.name ? zone.name : "\(record.name.value).\(zone.name)"
                var attributes: [(String, Value)] = [("zone_id", ref("aws_route53_zone", .dnsZone, zone.name, "zone_id")), ("name", .text(fqdn))]
                var blocks: [Block] = []
                switch record.type {
                case .alias:
                    guard topology.loadBalancers.contains(where: { $0.name == record.value.value }) else { continue }
                    attributes.append(("type", .text("A")))
                    blocks.append(Block(header: "alias", attributes: [
                        ("name", ref("aws_lb", .loadBalancer, record.value.value, "dns_name")),
                        ("zone_id", ref("aws_lb", .loadBalancer, record.value.value, "zone_id")), ("evaluate_target_health", .bool(false)),
                    ]))
                case .a, .cname:
                    attributes += [("type", .text(record.type.rawValue)), ("ttl", .number(300)), ("records", .list([.text(record.value.value)]))]
                }
                resource("aws_route53_record", "\(name)_\(index + 1)", attributes, blocks: blocks)
            }
        }
    }
}
