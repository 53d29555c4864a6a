import InfralabSyntax

/// `subnet-groups`, `databases`, `caches`.
extension TopologyDecoder {
    mutating func decodeSubnetGroups(_ node: YAMLNode) {
        for entry in sectionEntries(node, expectedFor: LocalizedText(en: "`subnet-groups`", ko: "`subnet-groups`")) {
            let owner = DecodingMessage.owner(.subnetGroup, entry.key)
            guard let fields = self.fields(entry.value, owner: owner, at: entry.keyLocation, ownerLength: entry.keyLength,
                                           allowed: TopologyKeys.subnetGroup.allowed, required: TopologyKeys.subnetGroup.required)
            else { continue }
            let subnets = fields["subnets"].map { names($0) } ?? []
            topology.subnetGroups.append(SubnetGroup(name: entry.key, location: entry.keyLocation, subnets: subnets))
        }
    }

    mutating func decodeDataStores(_ node: YAMLNode, _ service: DataStore.Service) {
        let section = service == .database ? "`databases`" : "`caches`"
        let table = service == .database ? TopologyKeys.database : TopologyKeys.cache
        for entry in sectionEntries(node, expectedFor: LocalizedText(en: section, ko: section)) {
            let owner = DecodingMessage.owner(service.kind, entry.key)
            guard let fields = self.fields(entry.value, owner: owner, at: entry.keyLocation, ownerLength: entry.keyLength,
                                           allowed: table.allowed, required: table.required)
            else { continue }
            let engine = fields["engine"].flatMap { choice($0, service.engines.map { ($0.rawValue, $0) }) }
            let port = fields["port"].flatMap { integer($0, expected: .servicePort, in: 1...65535) }
            let subnetGroup = fields["subnet-group"].flatMap { name($0) }
            let securityGroups = fields["security-groups"].map { names($0) } ?? []
            let multiAZ = fields["multi-az"].flatMap { boolean($0) }
            let publiclyAccessible = fields["publicly-accessible"].flatMap { boolean($0) }
            let roles = fields["role"].map { self.roles($0) } ?? []
            guard let engine else { continue }
            let store = DataStore(name: entry.key, location: entry.keyLocation, service: service, engine: engine, port: port,
                                  subnetGroup: subnetGroup, securityGroups: securityGroups, multiAZ: multiAZ,
                                  publiclyAccessible: publiclyAccessible, roles: roles)
            if service == .database { topology.databases.append(store) } else { topology.caches.append(store) }
        }
    }
}

extension Expectation {
    static let servicePort = Expectation(en: "a port number 1–65535", ko: "포트 번호(1–65535)가")
}
