import InfralabSyntax

/// `security-groups`, `network-acls`, and the peers their rules name.
extension TopologyDecoder {
    static let protocolAliases: [String: IPProtocol] = ["-1": .all]

    mutating func decodeSecurityGroups(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "security-groups") {
            let owner = DecodingMessage.owner(.securityGroup, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.securityGroup) else { continue }
            let vpc = fields["vpc"].flatMap { name($0) }
            let inbound = (fields["inbound"].map { listItems($0, for: owner) } ?? []).enumerated().compactMap { index, item in
                securityGroupRule(item, index: index, inbound: true, of: owner)
            }
            var outbound: [SecurityGroupRule]?
            if let outboundNode = fields["outbound"] {
                outbound = listItems(outboundNode, for: owner).enumerated().compactMap { index, item in
                    securityGroupRule(item, index: index, inbound: false, of: owner)
                }
            }
            topology.securityGroups.append(SecurityGroup(
                name: entry.key, location: entry.keyLocation, vpc: vpc, inbound: inbound, outbound: outbound,
                outboundLocation: fields.keyLocation("outbound")))
        }
    }

    private mutating func securityGroupRule(_ node: YAMLNode, index: Int, inbound: Bool, of owner: LocalizedText) -> SecurityGroupRule? {
        let itemOwner = TopologyDecoder.item(index, LocalizedText(en: inbound ? "inbound rule" : "outbound rule", ko: inbound ? "인바운드 규칙" : "아웃바운드 규칙"), of: owner)
        let peerKey = inbound ? "from" : "to"
        guard let fields = self.fields(node, owner: itemOwner, at: node.location,
                                  allowed: TopologyKeys.securityGroupRule(inbound: inbound).allowed) else { return nil }
        let (ipProtocol, ports) = protocolAndPorts(fields)
        let description = fields["description"].flatMap { text($0) }?.value
        guard let peer = peer(fields, key: peerKey, allowsSecurityGroups: true), let ipProtocol else { return nil }
        return SecurityGroupRule(protocol: ipProtocol, ports: ports, peer: peer, description: description, location: node.location)
    }

    /// `protocol:` and `port:` with AWS's defaults: a port and no protocol is TCP; neither is
    /// all traffic; TCP or UDP without a port is every port. nil protocol: a bad value (reported).
    private mutating func protocolAndPorts(_ fields: Fields) -> (IPProtocol?, PortRange?) {
        let ports = fields["port"].flatMap { portRange($0) }
        if fields.has("port") && ports == nil { return (nil, nil) }
        var ipProtocol: IPProtocol
        if let protocolNode = fields["protocol"] {
            guard let chosen = choice(protocolNode, IPProtocol.self, aliases: TopologyDecoder.protocolAliases) else { return (nil, nil) }
            ipProtocol = chosen.value
        } else {
            ipProtocol = ports == nil ? .all : .tcp
        }
        switch ipProtocol {
        case .all, .icmp: return (ipProtocol, nil)
        case .tcp, .udp: return (ipProtocol, ports?.value ?? .all)
        }
    }

    /// The other end of a rule: `from:`/`to:` or `cidr:`. A CIDR or a bare address,
    /// `internet`/`anywhere`, a security group, an outside host or a site.
    private mutating func peer(_ fields: Fields, key: String, allowsSecurityGroups: Bool) -> Located<Peer>? {
        guard let node = fields[key] ?? fields["cidr"] else {
            diagnostics.add(.error("topology.missing-key", DecodingMessage.missingEitherKey([key, "cidr"], in: fields.owner),
                                   at: fields.ownerLocation, length: fields.ownerLength))
            return nil
        }
        guard let text = self.text(node, expected: .addressOrCIDR) else { return nil }
        let value = text.value
        if TopologyDecoder.reservedNames.contains(value.lowercased()) { return Located(.internet, at: text.location) }
        if let parsed = CIDR.parse(value) {
            noteHostBits(parsed, written: value, at: text.location)
            return Located(.cidr(parsed.cidr), at: text.location)
        }
        let candidates: [ComponentKind] = allowsSecurityGroups ? [.securityGroup, .outsideHost, .site] : [.outsideHost, .site]
        let matches = kinds(naming: value, among: candidates)
        if let chosen = matches.first {
            if matches.count > 1 {
                diagnostics.add(.warning("topology.ambiguous-name", DecodingMessage.ambiguousName(value, kinds: matches, chosen: chosen),
                                         at: text.location, length: value.count))
            }
            switch chosen {
            case .securityGroup: return Located(.securityGroup(value), at: text.location)
            case .site: return Located(.site(value), at: text.location)
            default: return Located(.outsideHost(value), at: text.location)
            }
        }
        if !allowsSecurityGroups, isDeclared(.securityGroup, value) {
            diagnostics.add(.error("topology.unknown-peer", DecodingMessage.aclPeerIsSecurityGroup(value), at: text.location, length: value.count))
        } else if isDeclared(.instance, value) {
            diagnostics.add(.error("topology.unknown-peer", DecodingMessage.peerIsInstance(value, groups: writtenInstanceGroups[value] ?? []), at: text.location, length: value.count))
        } else {
            let names = candidates.flatMap { declared[$0].map { Array($0.keys) } ?? [] } + ["internet"]
            let suggestion = Suggestions.closest(to: value, in: names).map(DecodingMessage.didYouMean)
            diagnostics.add(.error("topology.unknown-peer", DecodingMessage.unknownPeer(value), at: text.location,
                                   length: value.count, suggestion: suggestion))
        }
        return Located(.unresolved(value), at: text.location)
    }

    mutating func decodeNetworkACLs(_ node: YAMLNode) {
        for entry in sectionEntries(node, named: "network-acls") {
            let owner = DecodingMessage.owner(.networkACL, entry.key)
            guard let fields = componentFields(entry, owner, TopologyKeys.networkACL) else { continue }
            let vpc = fields["vpc"].flatMap { name($0) }
            let isDefault = fields["default"].flatMap { boolean($0) }?.value ?? false
            let inbound = (fields["inbound"].map { listItems($0, for: owner) } ?? []).enumerated().compactMap { index, item in
                networkACLRule(item, index: index, inbound: true, of: owner)
            }
            let outbound = (fields["outbound"].map { listItems($0, for: owner) } ?? []).enumerated().compactMap { index, item in
                networkACLRule(item, index: index, inbound: false, of: owner)
            }
            let subnets = fields["subnets"].map { names($0) } ?? []
            topology.networkACLs.append(NetworkACL(
                name: entry.key, location: entry.keyLocation, vpc: vpc, isDefault: isDefault,
                inbound: inbound, outbound: outbound, subnets: subnets))
        }
    }

    private mutating func networkACLRule(_ node: YAMLNode, index: Int, inbound: Bool, of owner: LocalizedText) -> NetworkACLRule? {
        let itemOwner = TopologyDecoder.item(index, LocalizedText(en: inbound ? "inbound rule" : "outbound rule", ko: inbound ? "인바운드 규칙" : "아웃바운드 규칙"), of: owner)
        let peerKey = inbound ? "from" : "to"
        guard let fields = self.fields(node, owner: itemOwner, at: node.location,
                                  allowed: TopologyKeys.networkACLRule(inbound: inbound).allowed,
                                  required: TopologyKeys.networkACLRule(inbound: inbound).required) else { return nil }
        let number = fields["rule"].flatMap { integer($0, expected: .ruleNumber) }
        let action = fields["action"].flatMap { choice($0, NetworkACLRule.Action.self) }
        let (ipProtocol, ports) = protocolAndPorts(fields)
        guard let peer = peer(fields, key: peerKey, allowsSecurityGroups: false),
              let number, let action, let ipProtocol else { return nil }
        return NetworkACLRule(number: number, action: action.value, protocol: ipProtocol, ports: ports, peer: peer, location: node.location)
    }
}

extension DecodingMessage {
    static func aclPeerIsSecurityGroup(_ name: String) -> LocalizedText {
        LocalizedText(
            en: "network ACL rules match addresses, not security groups: write a CIDR block instead of `\(name)`",
            ko: "네트워크 ACL 규칙은 보안 그룹이 아니라 주소로 맞춰요. `\(name)` 대신 CIDR 블록을 적어 주세요")
    }
}
