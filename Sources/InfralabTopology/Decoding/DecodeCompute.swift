import InfralabSyntax

/// `instances`, `load-balancers`, `dns`, `sites`, `hosts`.
extension TopologyDecoder {
    mutating func decodeInstances(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "instances") {
            let owner = DecodingMessage.owner(.instance, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.instance) else { continue }
            var instance = Instance(
                name: entry.key, location: entry.keyLocation,
                subnet: fields["subnet"].flatMap { name($0) },
                availabilityZone: fields["az"].flatMap { text($0) },
                privateIP: fields["private-ip"].flatMap { address($0) },
                publicIP: fields["public-ip"].flatMap { boolean($0) },
                elasticIP: fields["elastic-ip"].flatMap { address($0) },
                securityGroups: fields["security-groups"].map { names($0) },
                roles: (fields["role"].map { self.roles($0) } ?? []) + (fields["runs"].map { self.roles($0) } ?? []),
                forwards: fields["forwards"].map { forwards($0, what: LocalizedText(en: "forward", ko: "포워딩"), of: owner, table: TopologyKeys.instanceForward) } ?? [],
                instanceType: fields["type"].flatMap { text($0) })
            instance.listens = fields["listens"].map { listens($0, of: owner) }
            if fields.has("subnet") && instance.subnet == nil { continue }
            topology.instances.append(instance)
        }
    }

    /// `listens: [8080, 22]`: the ports a machine answers on, instead of its roles' ports.
    mutating func listens(_ node: YAMLNode, of owner: LocalizedText) -> [Located<Int>] {
        listItems(node, for: owner).compactMap { port($0) }
    }

    /// `[{ port: 443, to: was, to-port: 8080 }]`. With `defaultPort`, `port` may be left out.
    mutating func forwards(_ node: YAMLNode, what: LocalizedText, of owner: LocalizedText, table: KeyTable, defaultPort: Int? = nil) -> [Forward] {
        listItems(node, for: owner).enumerated().compactMap { index, item in
            let itemOwner = TopologyDecoder.item(index, what, of: owner)
            guard let fields = self.fields(item, owner: itemOwner, at: item.location, allowed: table.allowed,
                                      required: table.required) else { return nil }
            let port = fields["port"].flatMap { self.port($0) }
            let targetPort = fields["to-port"].flatMap { self.port($0) }
            guard let toNode = fields["to"], let target = self.name(toNode) else { return nil }
            if fields.has("to-port") && targetPort == nil { return nil }
            let written = port ?? (fields.has("port") ? nil : defaultPort.map { Located($0, at: item.location) })
            guard let written else { return nil }
            return Forward(port: written, target: target, targetPort: targetPort, location: item.location)
        }
    }

    mutating func decodeLoadBalancers(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "load-balancers") {
            let owner = DecodingMessage.owner(.loadBalancer, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.loadBalancer) else { continue }
            let writtenKind: Located<LoadBalancer.Kind>? = fields["type"].flatMap { choice($0, LoadBalancer.Kind.self, aliases: ["alb": .application, "nlb": .network]) }
            let writtenScheme: Located<LoadBalancer.Scheme>? = fields["scheme"].flatMap { choice($0, LoadBalancer.Scheme.self) }
            let kind = writtenKind?.value ?? .application
            let scheme = writtenScheme?.value ?? .internetFacing
            let subnets = fields["subnets"].map { names($0) } ?? []
            let securityGroups = fields["security-groups"].map { names($0) } ?? []
            let listeners = (fields["listeners"].map { listItems($0, for: owner) } ?? []).enumerated().compactMap { index, item in
                listener(item, index: index, kind: kind, of: owner)
            }
            let roles = fields["role"].map { self.roles($0) } ?? []
            topology.loadBalancers.append(LoadBalancer(
                name: entry.key, location: entry.keyLocation, kind: kind, scheme: scheme, subnets: subnets,
                securityGroups: securityGroups, listeners: listeners, roles: roles))
        }
    }

    private mutating func listener(_ node: YAMLNode, index: Int, kind: LoadBalancer.Kind, of owner: LocalizedText) -> LoadBalancer.Listener? {
        let itemOwner = TopologyDecoder.item(index, LocalizedText(en: "listener", ko: "리스너"), of: owner)
        guard let fields = self.fields(node, owner: itemOwner, at: node.location,
                                  allowed: TopologyKeys.listener.allowed,
                                  required: TopologyKeys.listener.required) else { return nil }
        let port = fields["port"].flatMap { self.port($0) }
        let listenerProtocol = fields["protocol"].flatMap { choice($0, LoadBalancer.Listener.ListenerProtocol.self) }?.value
            ?? (kind == .application ? .http : .tcp)
        let certificate = fields["certificate"].flatMap { text($0) }
        var redirect: Located<Int>?
        if let redirectNode = fields["redirect"] {
            if redirectNode.scalar != nil {
                redirect = self.port(redirectNode)
            } else if let redirectFields = self.fields(redirectNode, owner: itemOwner, at: redirectNode.location,
                                                  allowed: TopologyKeys.redirect.allowed, required: TopologyKeys.redirect.required) {
                redirect = redirectFields["port"].flatMap { self.port($0) }
                _ = redirectFields["protocol"].flatMap { choice($0, LoadBalancer.Listener.ListenerProtocol.self) }
            }
        }
        let targets = fields["targets"].map { names($0) } ?? []
        let targetPort = fields["target-port"].flatMap { self.port($0) }
        guard let port else { return nil }
        return LoadBalancer.Listener(port: port, protocol: listenerProtocol, certificate: certificate, redirect: redirect,
                                     targets: targets, targetPort: targetPort, location: node.location)
    }

    mutating func decodeDNS(_ node: YAMLNode) {
        let dnsOwner = LocalizedText(en: "`dns`", ko: "`dns`")
        guard let fields = self.fields(node, owner: dnsOwner, at: node.location, allowed: TopologyKeys.dns.allowed),
              let zonesNode = fields["zones"] else { return }
        for entry in sectionEntries(zonesNode, named: "zones") {
            let owner = DecodingMessage.owner(.dnsZone, entry.key)
            guard let zone = componentFields(entry, owner, TopologyKeys.zone) else { continue }
            let records: [DNSZone.Record] = (zone["records"].map { listItems($0, for: owner) } ?? []).enumerated().compactMap { index, item in
                let itemOwner = TopologyDecoder.item(index, LocalizedText(en: "record", ko: "레코드"), of: owner)
                guard let record = self.fields(item, owner: itemOwner, at: item.location, allowed: TopologyKeys.record.allowed,
                                               required: TopologyKeys.record.required) else { return nil }
                let name = record["name"].flatMap { text($0) }
                let type = record["type"].flatMap {
                    choice($0, DNSZone.Record.RecordType.self)
                }
                _ = record["ttl"].flatMap { integer($0) }
                let value = record["value"].flatMap { text($0) }
                guard let name, let type, let value else { return nil }
                return DNSZone.Record(name: name, type: type.value, value: value, location: item.location)
            }
            topology.dnsZones.append(DNSZone(name: entry.key, location: entry.keyLocation, records: records))
        }
    }

    mutating func decodeSites(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "sites") {
            let owner = DecodingMessage.owner(.site, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.site) else { continue }
            let kind = fields["kind"].flatMap { choice($0, Site.Kind.self) }?.value ?? .home
            let writtenPower = fields["power"].flatMap { choice($0, Site.Power.self) }
            let power = writtenPower?.value ?? .grid
            let publicIP = fields["public-ip"].flatMap { address($0) }
            let portForwards = fields["port-forwards"].map { forwards($0, what: LocalizedText(en: "port forward", ko: "포트 포워딩"), of: owner, table: TopologyKeys.portForward) } ?? []
            let tunnels = fields["tunnels"].map { forwards($0, what: LocalizedText(en: "tunnel", ko: "터널"), of: owner, table: TopologyKeys.tunnel, defaultPort: 443) } ?? []
            var site = Site(name: entry.key, location: entry.keyLocation, kind: kind, power: power,
                            publicIP: publicIP, portForwards: portForwards, tunnels: tunnels)
            site.powerLocation = writtenPower?.location
            topology.sites.append(site)
        }
    }

    mutating func decodeHosts(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "hosts") {
            let owner = DecodingMessage.owner(.host, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.host) else { continue }
            let writtenKind = fields["kind"].flatMap { choice($0, Host.Kind.self, aliases: ["pc": .personalComputer]) }
            let explicitKind = writtenKind?.value
            let roles = (fields["runs"].map { self.roles($0) } ?? []) + (fields["role"].map { self.roles($0) } ?? [])
            guard let siteNode = fields["site"], let site = self.name(siteNode) else { continue }
            // Default: a computer at home is a personal computer; elsewhere, a server.
            let siteKind = topology.sites.first { $0.name == site.name }?.kind
            let kind = explicitKind ?? (siteKind == .home ? .personalComputer : .server)
            var host = Host(name: entry.key, location: entry.keyLocation, site: site, kind: kind, roles: roles)
            host.listens = fields["listens"].map { listens($0, of: owner) }
            host.kindLocation = writtenKind?.location
            topology.hosts.append(host)
        }
    }
}
