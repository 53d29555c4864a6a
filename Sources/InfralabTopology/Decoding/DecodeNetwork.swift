import InfralabSyntax

/// `outside`, `vpcs`, `internet-gateways`, `subnets`, `route-tables`, `nat-gateways`.
extension TopologyDecoder {
    mutating func decodeOutside(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "outside") {
            let owner = DecodingMessage.owner(.outsideHost, entry.key)
            var valueNode = entry.value
            if entry.value.entries != nil || entry.value.isNull {
                guard let fields = self.fields(entry.value, owner: owner, at: entry.keyLocation, ownerLength: entry.keyLength,
                                          allowed: TopologyKeys.outsideHost.allowed, required: TopologyKeys.outsideHost.required),
                      let cidrNode = fields["cidr"] else { continue }
                valueNode = cidrNode
            }
            guard let cidr = self.cidr(valueNode, allowingBareAddress: true) else { continue }
            topology.outside.append(OutsideHost(name: entry.key, location: entry.keyLocation, cidr: cidr))
        }
    }

    mutating func decodeVPCs(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "vpcs") {
            let owner = DecodingMessage.owner(.vpc, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.vpc) else { continue }
            let region = fields["region"].flatMap { text($0) }
            if let igwNode = fields["internet-gateway"], let igw = self.name(igwNode) {
                topology.internetGateways.append(InternetGateway(
                    name: igw.name, location: igw.location, vpc: Reference(entry.key, at: igw.location)))
            }
            guard let cidrNode = fields["cidr"], let cidr = self.cidr(cidrNode) else { continue }
            topology.vpcs.append(VPC(name: entry.key, location: entry.keyLocation, cidr: cidr, region: region))
        }
    }

    mutating func decodeInternetGateways(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "internet-gateways") {
            let owner = DecodingMessage.owner(.internetGateway, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.internetGateway) else { continue }
            // Declared on a VPC as well: `declare` reported the duplicate; keep the first.
            if topology.internetGateways.contains(where: { $0.name == entry.key }) { continue }
            let vpc = fields["vpc"].flatMap { name($0) }
            topology.internetGateways.append(InternetGateway(name: entry.key, location: entry.keyLocation, vpc: vpc))
        }
    }

    /// The VPC a component names, or the only declared VPC when it names none.
    mutating func vpcReference(_ fields: Fields) -> Reference? {
        if let node = fields["vpc"] { return name(node) }
        let vpcs = declared[.vpc] ?? [:]
        if vpcs.count == 1, let only = vpcs.first {
            return Reference(only.key, at: fields.ownerLocation)
        }
        let message = vpcs.isEmpty ? DecodingMessage.missingKey("vpc", in: fields.owner) : DecodingMessage.missingVPC(fields.owner)
        diagnostics.add(.error("topology.missing-key", message, at: fields.ownerLocation, length: fields.ownerLength))
        return nil
    }

    mutating func decodeSubnets(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "subnets") {
            let owner = DecodingMessage.owner(.subnet, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.subnet) else { continue }
            let vpc = vpcReference(fields)
            let az = fields["az"].flatMap { text($0) }
            let routeTable = fields["route-table"].flatMap { name($0) }
            let acl = fields["network-acl"].flatMap { name($0) }
            let mapsPublic = fields["map-public-ip-on-launch"].flatMap { boolean($0) }
            guard let cidrNode = fields["cidr"], let cidr = self.cidr(cidrNode), let vpc else { continue }
            var subnet = Subnet(name: entry.key, location: entry.keyLocation, vpc: vpc, cidr: cidr,
                                availabilityZone: az, routeTable: routeTable, networkACL: acl)
            subnet.mapsPublicIPOnLaunch = mapsPublic?.value ?? false
            topology.subnets.append(subnet)
        }
    }

    mutating func decodeRouteTables(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "route-tables") {
            let owner = DecodingMessage.owner(.routeTable, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.routeTable) else { continue }
            let vpc = fields["vpc"].flatMap { name($0) }
            let isMain = fields["main"].flatMap { boolean($0) }?.value ?? false
            var routes: [Route] = []
            let routeItems = fields["routes"].map { listItems($0, for: owner) } ?? []
            for (index, item) in routeItems.enumerated() {
                let itemOwner = TopologyDecoder.item(index, LocalizedText(en: "route", ko: "경로"), of: owner)
                guard let route = self.fields(item, owner: itemOwner, at: item.location, allowed: TopologyKeys.route.allowed,
                                         required: TopologyKeys.route.required),
                      let toNode = route["to"], let viaNode = route["via"],
                      let destination = routeDestination(toNode), let target = self.name(viaNode)
                else { continue }
                routes.append(Route(destination: destination, target: target, location: item.location))
            }
            if let subnetsNode = fields["subnets"] {
                routeTableSubnetLists.append((entry.key, names(subnetsNode)))
            }
            topology.routeTables.append(RouteTable(name: entry.key, location: entry.keyLocation, vpc: vpc, isMain: isMain, routes: routes))
        }
    }

    /// `to:` of a route: a CIDR, `internet` (0.0.0.0/0) or an outside host's name.
    mutating func routeDestination(_ node: YAMLNode) -> Located<Route.Destination>? {
        guard let text = self.text(node, expected: .addressOrCIDR) else { return nil }
        if TopologyDecoder.reservedNames.contains(text.value.lowercased()) {
            return Located(.cidr(.anywhere), at: text.location)
        }
        if let parsed = CIDR.parse(text.value) {
            noteHostBits(parsed, written: text.value, at: text.location)
            return Located(.cidr(parsed.cidr), at: text.location)
        }
        // Checked by the `route-destination-unknown` rule when it names no outside host.
        return Located(.outsideHost(text.value), at: text.location)
    }

    mutating func decodeNATGateways(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "nat-gateways") {
            let owner = DecodingMessage.owner(.natGateway, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.natGateway) else { continue }
            if fields.has("elastic-ip") { facts.natGatewaysWritingElasticIP.insert(entry.key) }
            let elasticIP = fields["elastic-ip"].flatMap { address($0) }
            guard let subnetNode = fields["subnet"], let subnet = self.name(subnetNode) else { continue }
            topology.natGateways.append(NATGateway(name: entry.key, location: entry.keyLocation, subnet: subnet, elasticIP: elasticIP))
        }
    }
}
