import InfralabSyntax

/// AWS's default VPC, for instances written without `subnet:`.
///
/// Learners launch their first cloud instances (the datacenter → cloud chapter) before
/// they meet VPCs, exactly as the AWS console lets them: the instance lands in the
/// region's default VPC (172.31.0.0/16), in the default subnet of its AZ (a /20 per AZ,
/// public addresses on launch), behind an attached internet gateway and a main route
/// table whose default route goes to it.
extension TopologyDecoder {
    static let defaultRegion = "ap-northeast-2"

    /// The default subnet of AZ letter `index` (a = 0): 172.31.0.0/20, 172.31.16.0/20, …
    static func defaultSubnetCIDR(azIndex index: Int) -> CIDR {
        CIDR(IPv4Address(172 << 24 | 31 << 16 | UInt32(index * 16) << 8), prefixLength: 20)
    }

    mutating func synthesizeDefaultVPC() {
        let unplaced = topology.instances.indices.filter { topology.instances[$0].subnet == nil }
        guard let firstIndex = unplaced.first else { return }
        let origin = topology.instances[firstIndex].location
        let region = topology.vpcs.compactMap(\.region).first?.value ?? TopologyDecoder.defaultRegion
        let vpcName = isDeclared(.vpc, "default") ? "default-vpc" : "default"
        let igwName = "\(vpcName)-igw"
        let tableName = "\(vpcName)-main"

        var vpc = VPC(name: vpcName, location: origin, cidr: Located(CIDR(IPv4Address(172 << 24 | 31 << 16), prefixLength: 16), at: origin),
                      region: Located(region, at: origin))
        vpc.isDefault = true
        topology.vpcs.append(vpc)
        topology.internetGateways.append(InternetGateway(name: igwName, location: origin, vpc: Reference(vpcName, at: origin)))
        let route = Route(destination: Located(.cidr(.anywhere), at: origin), target: Reference(igwName, at: origin), location: origin)
        topology.routeTables.append(RouteTable(name: tableName, location: origin, vpc: Reference(vpcName, at: origin), isMain: true, routes: [route]))
        declared[.vpc, default: [:]][vpcName] = origin
        declared[.internetGateway, default: [:]][igwName] = origin
        declared[.routeTable, default: [:]][tableName] = origin

        for index in unplaced {
            let instance = topology.instances[index]
            var az = "\(region)a"
            var azIndex = 0
            if let written = instance.availabilityZone {
                let letters = Array("abcdef")
                if written.value.count == region.count + 1, written.value.hasPrefix(region),
                   let letter = written.value.last, let position = letters.firstIndex(of: letter) {
                    az = written.value
                    azIndex = position
                } else {
                    diagnostics.add(.error("topology.invalid-availability-zone", DecodingMessage.invalidAvailabilityZone(written.value, region: region),
                                           at: written.location, length: written.value.count))
                }
            }
            let subnetName = "\(vpcName)-\(az)"
            if !topology.subnets.contains(where: { $0.name == subnetName }) {
                var subnet = Subnet(name: subnetName, location: instance.location, vpc: Reference(vpcName, at: instance.location),
                                    cidr: Located(TopologyDecoder.defaultSubnetCIDR(azIndex: azIndex), at: instance.location),
                                    availabilityZone: Located(az, at: instance.location))
                subnet.mapsPublicIPOnLaunch = true
                topology.subnets.append(subnet)
                declared[.subnet, default: [:]][subnetName] = instance.location
            }
            topology.instances[index].subnet = Reference(subnetName, at: instance.location)
        }
    }
}
