import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Load balancers (with listeners and target groups) and Route 53 records.
extension CloudFormationExport {
    mutating func buildLoadBalancers() {
        let topology = plan.topology
        for balancer in topology.loadBalancers {
            let lid = id(.loadBalancer, balancer.name)
            var properties: [(String, JSONValue)] = [
                ("Type", .string(balancer.kind.rawValue)), ("Scheme", .string(balancer.scheme.rawValue)),
                ("Subnets", .array(balancer.subnets.map { Self.ref(id(.subnet, $0.name)) })),
            ]
            if !balancer.securityGroups.isEmpty {
                properties.append(("SecurityGroups", .array(balancer.securityGroups.map { Self.attribute(id(.securityGroup, $0.name), "GroupId") })))
            }
            let dependsOn = balancer.scheme == .internetFacing ? topology.internetGateways.filter { $0.vpc != nil }.map { attachmentID($0.name) } : []
            add(lid, "AWS::ElasticLoadBalancingV2::LoadBalancer", properties + [("Tags", Self.tags(balancer.name))], dependsOn: dependsOn)
            outputs.append((lid + "DNSName", .object([("Description", .string("DNS name of load balancer \(balancer.name)")),
                                                      ("Value", Self.attribute(lid, "DNSName"))])))
            let vpc = balancer.subnets.first.flatMap { name in topology.subnets.first { $0.name == name.name }?.vpc.name }
            for listener in balancer.listeners { addListener(listener, balancer: balancer, lid: lid, vpc: vpc) }
        }
    }

    mutating func addListener(_ listener: LoadBalancer.Listener, balancer: LoadBalancer, lid: String, vpc: String?) {
        let port = listener.port.value
        var properties: [(String, JSONValue)] = [("LoadBalancerArn", Self.ref(lid)), ("Port", .number(port)),
                                                 ("Protocol", .string(listener.protocol.rawValue))]
        if let redirect = listener.redirect {
            properties.append(("DefaultActions", .array([.object([("Type", .string("redirect")), ("RedirectConfig", .object([
                ("Protocol", .string("HTTPS")), ("Port", .string(String(redirect.value))), ("StatusCode", .string("HTTP_301")),
            ]))])])))
        } else {
            let groupID = lid + "TargetGroup\(port)"
            let targetPort = listener.targetPort?.value ?? port
            let targetProtocol: String = switch listener.protocol {
            case .http, .https: "HTTP"
            case .tcp, .tls: "TCP"
            case .udp: "UDP"
            }
            var group: [(String, JSONValue)] = [("Port", .number(targetPort)), ("Protocol", .string(targetProtocol)), ("TargetType", .string("instance")),
                                                ("Targets", .array(listener.targets.map { .object([("Id", Self.ref(id(.instance, $0.name))), ("Port", .number(targetPort))]) }))]
            if let vpc { group.append(("VpcId", Self.ref(id(.vpc, vpc)))) }
            add(groupID, "AWS::ElasticLoadBalancingV2::TargetGroup", group + [("Tags", Self.tags("\(balancer.name)-\(port)"))])
            properties.append(("DefaultActions", .array([.object([("Type", .string("forward")), ("TargetGroupArn", Self.ref(groupID))])])))
        }
        if let certificate = listener.certificate {
            let parameter = "CertificateArn" + ExportPlan.pascalCase(certificate.value)
            if !parameters.contains(where: { $0.0 == parameter }) {
                parameters.append((parameter, .object([("Type", .string("String")),
                                                      ("Description", .string("The ACM certificate ARN for \(certificate.value)"))])))
            }
            properties.append(("Certificates", .array([.object([("CertificateArn", Self.ref(parameter))])])))
        }
        add(lid + "Listener\(port)", "AWS::ElasticLoadBalancingV2::Listener", properties)
    }

    mutating func buildDNS() {
        let topology = plan.topology
        for zone in topology.dnsZones {
            let zid = id(.dnsZone, zone.name)
            add(zid, "AWS::Route53::HostedZone", [("Name", .string(zone.name))])
            for (index, record) in zone.records.enumerated() {
                let name = record.name.value == "@" || record.name.value == zone.name ? zone.name : "\(record.name.value).\(zone.name)"
                var properties: [(String, JSONValue)] = [("HostedZoneId", Self.ref(zid)), ("Name", .string(name))]
                switch record.type {
                case .alias:
                    guard topology.loadBalancers.contains(where: { $0.name == record.value.value }) else { continue }
                    let lid = id(.loadBalancer, record.value.value)
                    properties += [("Type", .string("A")), ("AliasTarget", .object([
                        ("DNSName", Self.attribute(lid, "DNSName")), ("HostedZoneId", Self.attribute(lid, "CanonicalHostedZoneID")),
                    ]))]
                case .a, .cname:
                    properties += [("Type", .string(record.type.rawValue)), ("TTL", .string("300")),
                                   ("ResourceRecords", .array([.string(record.value.value)]))]
                }
                add(zid + "Record\(index + 1)", "AWS::Route53::RecordSet", properties)
            }
        }
    }
}
