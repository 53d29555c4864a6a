import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Network ACL events and the references that gather several components' subnets:
/// `subnets-of` (their names) and `cidr-of` (their address block).
extension EventResolver {
    /// The network ACL (written in the file) of every subnet the selected components use,
    /// each once.
    func networkACLs(of select: Selector) throws -> [String] {
        var acls: [String] = []
        for name in try subjects(select) {
            for subnet in try subnets(of: name) {
                guard let acl = facts.engine.effectiveNetworkACL(ofSubnet: subnet.name)?.name,
                      editor.root["network-acls"]?[acl] != nil else {
                    throw fail(EventText.noNetworkACL(subnet.name), at: subnet.location)
                }
                if !acls.contains(acl) { acls.append(acl) }
            }
        }
        return acls
    }

    /// Adds, replaces or removes the rule with the event's number in one direction of
    /// `acl`; the ACL's other rules, comments and order stay.
    mutating func changeACLRule(_ acl: String, _ direction: StoryEvent.Direction, _ change: StoryEvent.ACLChange) throws {
        let owner: [YAMLPathComponent] = [.key("network-acls"), .key(acl)]
        let list = owner + [.key(direction.rawValue)]
        let number: Int? = switch change {
        case .add(let rule), .replace(let rule): rule["rule"]?.scalar.flatMap { Int($0) }
        case .remove(let n): n
        }
        let items = editor.node(at: list)?.items ?? []
        let index = items.firstIndex { $0["rule"]?.scalar.flatMap { Int($0) } == number }
        switch change {
        case .add(let rule):
            if let index, !items[index].isEquivalent(to: rule) {
                throw fail(EventText.aclRuleTaken(number ?? 0, acl: acl, direction: direction.rawValue), at: items[index].location)
            }
            try appendUnlessPresent(rule, to: owner, list: direction.rawValue)
        case .replace(let rule):
            guard let index else { return try appendUnlessPresent(rule, to: owner, list: direction.rawValue) }
            if items[index].isEquivalent(to: rule) { return }
            try editor.replaceItem(at: list + [.index(index)], with: rule, note: note)
        case .remove:
            guard let index else { return }
            try editor.removeItem(at: list + [.index(index)])
        }
    }

    /// The subnets a component uses: a subnet itself, every subnet of a VPC, an
    /// instance's or NAT gateway's subnet, a load balancer's subnets.
    func subnets(of name: String) throws -> [Subnet] {
        if let subnet = facts.subnet(named: name) { return [subnet] }
        if topology.vpcs.contains(where: { $0.name == name }) { return topology.subnets.filter { $0.vpc.name == name } }
        if let balancer = topology.loadBalancers.first(where: { $0.name == name }) {
            return balancer.subnets.compactMap { facts.subnet(named: $0.name) }
        }
        if let nat = topology.natGateways.first(where: { $0.name == name }), let subnet = facts.subnet(named: nat.subnet.name) {
            return [subnet]
        }
        return [try subnet(of: name)]
    }

    /// `subnets-of`: the selected components' subnets, as a list of names; `cidr-of`:
    /// their one address block (a VPC's own CIDR), or the smallest block holding them all
    /// when it holds no other subnet.
    func gathered(_ kind: String, _ select: Selector) throws -> YAMLNode {
        let names = try subjects(select)
        var picked: [Subnet] = []
        var blocks: [CIDR] = []
        for name in names {
            if let vpc = topology.vpcs.first(where: { $0.name == name }), kind == "cidr-of" {
                if !blocks.contains(vpc.cidr.value) { blocks.append(vpc.cidr.value) }
                continue
            }
            for subnet in try subnets(of: name) where !picked.contains(where: { $0.name == subnet.name }) {
                picked.append(subnet)
                if !blocks.contains(subnet.cidr.value) { blocks.append(subnet.cidr.value) }
            }
        }
        if kind == "subnets-of" {
            return YAMLNode(.sequence(picked.map { scalar($0.name) }), at: event.location)
        }
        guard let first = blocks.first else { throw fail(EventText.selectsNothing(select.description)) }
        var block = first
        for other in blocks.dropFirst() {
            while !block.contains(other) { block = CIDR(block.address, prefixLength: block.prefixLength - 1) }
        }
        let chosen = Set(picked.map(\.name))
        if blocks.count > 1, topology.subnets.contains(where: { !chosen.contains($0.name) && block.overlaps($0.cidr.value) }) {
            throw fail(EventText.noCommonBlock(select.description, picked.map(\.name)))
        }
        return scalar(block.description)
    }
}
