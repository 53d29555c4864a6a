import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// A topology as a CloudFormation template (JSON, through the one `JSONValue` writer).
package struct CloudFormationExport {
    let plan: ExportPlan
    var resources: [(String, JSONValue)] = []
    var parameters: [(String, JSONValue)] = []
    var outputs: [(String, JSONValue)] = []

    static let amiParameter = "AmiId"

    init(plan: ExportPlan) { self.plan = plan }

    package static func template(_ plan: ExportPlan, file: String) -> JSONValue {
        var export = CloudFormationExport(plan: plan)
        export.build()
        var members: [(String, JSONValue)] = [
            ("AWSTemplateFormatVersion", .string("2010-09-09")),
            ("Description", .string("infralab export of \(file): names and CIDRs as written; AMI and certificates are parameters.")),
        ]
        if !export.parameters.isEmpty { members.append(("Parameters", .object(export.parameters))) }
        members.append(("Resources", .object(export.resources)))
        if !export.outputs.isEmpty { members.append(("Outputs", .object(export.outputs))) }
        return .object(members)
    }

    // MARK: Helpers

    static func ref(_ id: String) -> JSONValue { .object([("Ref", .string(id))]) }
    static func attribute(_ id: String, _ name: String) -> JSONValue { .object([("Fn::GetAtt", .array([.string(id), .string(name)]))]) }
    static func tags(_ name: String, _ extra: [(String, String)] = []) -> JSONValue {
        .array(([("Name", name)] + extra).map { .object([("Key", .string($0.0)), ("Value", .string($0.1))]) })
    }

    mutating func add(_ id: String, _ type: String, _ properties: [(String, JSONValue)], dependsOn: [String] = []) {
        var members: [(String, JSONValue)] = [("Type", .string(type))]
        if !dependsOn.isEmpty { members.append(("DependsOn", .array(dependsOn.map(JSONValue.string)))) }
        members.append(("Properties", .object(properties)))
        resources.append((id, .object(members)))
    }

    func id(_ kind: ComponentKind, _ name: String) -> String { plan.id(kind, name) }

    // MARK: Resources

    mutating func build() {
        let topology = plan.topology
        for vpc in topology.vpcs {
            add(id(.vpc, vpc.name), "AWS::EC2::VPC", [("CidrBlock", .string(vpc.cidr.value.description)), ("EnableDnsSupport", .bool(true)),
                                                      ("EnableDnsHostnames", .bool(true)), ("Tags", Self.tags(vpc.name))])
        }
        for gateway in topology.internetGateways {
            add(id(.internetGateway, gateway.name), "AWS::EC2::InternetGateway", [("Tags", Self.tags(gateway.name))])
            if let vpc = gateway.vpc {
                add(attachmentID(gateway.name), "AWS::EC2::VPCGatewayAttachment",
                    [("VpcId", Self.ref(id(.vpc, vpc.name))), ("InternetGatewayId", Self.ref(id(.internetGateway, gateway.name)))])
            }
        }
        for subnet in topology.subnets {
            var properties: [(String, JSONValue)] = [("VpcId", Self.ref(id(.vpc, subnet.vpc.name))), ("CidrBlock", .string(subnet.cidr.value.description))]
            if let az = subnet.availabilityZone { properties.append(("AvailabilityZone", .string(az.value))) }
            if subnet.mapsPublicIPOnLaunch { properties.append(("MapPublicIpOnLaunch", .bool(true))) }
            add(id(.subnet, subnet.name), "AWS::EC2::Subnet", properties + [("Tags", Self.tags(subnet.name))])
        }
        buildNATGateways()
        buildRouteTables()
        buildSecurityGroups()
        buildNetworkACLs()
        buildInstances()
        buildLoadBalancers()
        buildDataTier()
        buildDNS()
    }

    func attachmentID(_ gateway: String) -> String { id(.internetGateway, gateway) + "Attachment" }

    mutating func buildNATGateways() {
        for nat in plan.topology.natGateways {
            let nid = id(.natGateway, nat.name)
            add(nid + "EIP", "AWS::EC2::EIP", [("Domain", .string("vpc")), ("Tags", Self.tags(nat.name))],
                dependsOn: plan.attachedGateways(ofSubnet: nat.subnet.name).map(attachmentID))
            add(nid, "AWS::EC2::NatGateway", [("SubnetId", Self.ref(id(.subnet, nat.subnet.name))),
                                             ("AllocationId", Self.attribute(nid + "EIP", "AllocationId")), ("Tags", Self.tags(nat.name))])
        }
    }

    mutating func buildRouteTables() {
        let topology = plan.topology
        for table in topology.routeTables {
            let tid = id(.routeTable, table.name)
            guard let vpc = table.vpc?.name ?? topology.vpcs.first?.name else { continue }
            add(tid, "AWS::EC2::RouteTable", [("VpcId", Self.ref(id(.vpc, vpc))), ("Tags", Self.tags(table.name))])
            for (index, route) in table.routes.enumerated() {
                guard let destination = plan.destination(route) else { continue }
                var properties: [(String, JSONValue)] = [("RouteTableId", Self.ref(tid)), ("DestinationCidrBlock", .string(destination))]
                var dependsOn: [String] = []
                switch plan.engine.targetKind(of: route) {
                case .internetGateway:
                    properties.append(("GatewayId", Self.ref(id(.internetGateway, route.target.name))))
                    if topology.internetGateways.first(where: { $0.name == route.target.name })?.vpc != nil { dependsOn = [attachmentID(route.target.name)] }
                case .natGateway: properties.append(("NatGatewayId", Self.ref(id(.natGateway, route.target.name))))
                case .instance: properties.append(("InstanceId", Self.ref(id(.instance, route.target.name))))
                default: continue  // an outside host or a blackhole: no AWS target (see the notes)
                }
                add(tid + "Route\(index + 1)", "AWS::EC2::Route", properties, dependsOn: dependsOn)
            }
        }
        for (subnet, table) in plan.routeTableAssociations {
            add(id(.subnet, subnet) + "RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation",
                [("SubnetId", Self.ref(id(.subnet, subnet))), ("RouteTableId", Self.ref(id(.routeTable, table)))])
        }
    }

    mutating func buildSecurityGroups() {
        for group in plan.topology.securityGroups {
            let gid = id(.securityGroup, group.name)
            var properties: [(String, JSONValue)] = [("GroupDescription", .string("infralab security group \(group.name)"))]
            if let vpc = plan.vpcName(ofGroup: group) { properties.append(("VpcId", Self.ref(id(.vpc, vpc)))) }
            if group.outbound != nil {
                // Written `outbound:` replaces AWS's allow-all egress; rules naming groups
                // come as separate resources (no cycles), so only a rule that matches
                // nothing stands in for the default here.
                properties.append(("SecurityGroupEgress", .array([.object([
                    ("IpProtocol", .string("icmp")), ("FromPort", .number(252)), ("ToPort", .number(86)), ("CidrIp", .string("127.0.0.1/32")),
                    ("Description", .string("no default egress: only the rules below")),
                ])])))
            }
            add(gid, "AWS::EC2::SecurityGroup", properties + [("Tags", Self.tags(group.name))])
            for (index, rule) in group.inbound.enumerated() { addRule(rule, group: gid, inbound: true, index: index) }
            for (index, rule) in (group.outbound ?? []).enumerated() { addRule(rule, group: gid, inbound: false, index: index) }
        }
    }

    mutating func addRule(_ rule: SecurityGroupRule, group gid: String, inbound: Bool, index: Int) {
        var properties: [(String, JSONValue)] = [("GroupId", Self.attribute(gid, "GroupId")), ("IpProtocol", .string(ExportPlan.protocolName(rule.protocol)))]
        if let range = ExportPlan.portRange(rule.protocol, rule.ports) {
            properties += [("FromPort", .number(range.from)), ("ToPort", .number(range.to))]
        } else if rule.protocol == .icmp {
            properties += [("FromPort", .number(-1)), ("ToPort", .number(-1))]
        }
        if case .securityGroup(let peer) = rule.peer.value {
            properties.append((inbound ? "SourceSecurityGroupId" : "DestinationSecurityGroupId", Self.attribute(id(.securityGroup, peer), "GroupId")))
        } else if let cidr = plan.cidr(rule.peer.value) {
            properties.append(("CidrIp", .string(cidr)))
        } else {
            return
        }
        if let description = rule.description { properties.append(("Description", .string(description))) }
        add(gid + (inbound ? "Ingress" : "Egress") + String(index + 1),
            inbound ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress", properties)
    }

    mutating func buildNetworkACLs() {
        let topology = plan.topology
        for acl in topology.networkACLs {
            let aid = id(.networkACL, acl.name)
            guard let vpc = acl.vpc?.name ?? topology.vpcs.first?.name else { continue }
            add(aid, "AWS::EC2::NetworkAcl", [("VpcId", Self.ref(id(.vpc, vpc))), ("Tags", Self.tags(acl.name))])
            for (rules, egress) in [(acl.inbound, false), (acl.outbound, true)] {
                for rule in rules {
                    guard let cidr = plan.cidr(rule.peer.value) else { continue }
                    var properties: [(String, JSONValue)] = [
                        ("NetworkAclId", Self.ref(aid)), ("RuleNumber", .number(rule.number.value)),
                        ("Protocol", .number(ExportPlan.protocolNumber(rule.protocol))),
                        ("RuleAction", .string(rule.action.rawValue)), ("Egress", .bool(egress)), ("CidrBlock", .string(cidr)),
                    ]
                    if let range = ExportPlan.portRange(rule.protocol, rule.ports) {
                        properties.append(("PortRange", .object([("From", .number(range.from)), ("To", .number(range.to))])))
                    } else if rule.protocol == .icmp {
                        properties.append(("Icmp", .object([("Code", .number(-1)), ("Type", .number(-1))])))
                    }
                    add(aid + (egress ? "Outbound" : "Inbound") + String(rule.number.value), "AWS::EC2::NetworkAclEntry", properties)
                }
            }
        }
        for (subnet, acl) in plan.networkACLAssociations {
            add(id(.subnet, subnet) + "NetworkACLAssociation", "AWS::EC2::SubnetNetworkAclAssociation",
                [("SubnetId", Self.ref(id(.subnet, subnet))), ("NetworkAclId", Self.ref(id(.networkACL, acl)))])
        }
    }

    mutating func buildInstances() {
        let topology = plan.topology
        guard !topology.instances.isEmpty else { return }
        parameters.append((Self.amiParameter, .object([
            ("Type", .string("AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>")),
            ("Default", .string("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")),
            ("Description", .string("The AMI for every instance (default: the latest Amazon Linux 2023, x86_64)")),
        ])))
        for instance in topology.instances {
            let iid = id(.instance, instance.name)
            guard let subnet = instance.subnet?.name else { continue }
            let groups: [JSONValue]? = instance.securityGroups.map { $0.map { Self.attribute(id(.securityGroup, $0.name), "GroupId") } }
            var properties: [(String, JSONValue)] = [("ImageId", Self.ref(Self.amiParameter)), ("InstanceType", .string(instance.effectiveType))]
            if instance.publicIP?.value == true {
                var interface: [(String, JSONValue)] = [("DeviceIndex", .string("0")), ("SubnetId", Self.ref(id(.subnet, subnet))),
                                                        ("AssociatePublicIpAddress", .bool(true))]
                if let groups { interface.append(("GroupSet", .array(groups))) }
                if let ip = instance.privateIP { interface.append(("PrivateIpAddress", .string(ip.value.description))) }
                properties.append(("NetworkInterfaces", .array([.object(interface)])))
            } else {
                properties.append(("SubnetId", Self.ref(id(.subnet, subnet))))
                if let groups { properties.append(("SecurityGroupIds", .array(groups))) }
                if let ip = instance.privateIP { properties.append(("PrivateIpAddress", .string(ip.value.description))) }
            }
            let roles = instance.roles.map(\.value).joined(separator: ",")
            add(iid, "AWS::EC2::Instance", properties + [("Tags", Self.tags(instance.name, roles.isEmpty ? [] : [("Role", roles)]))])
            if instance.elasticIP != nil {
                add(iid + "EIP", "AWS::EC2::EIP", [("Domain", .string("vpc")), ("InstanceId", Self.ref(iid)), ("Tags", Self.tags(instance.name))],
                    dependsOn: plan.attachedGateways(ofSubnet: subnet).map(attachmentID))
            }
        }
    }
}
