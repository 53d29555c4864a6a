import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// `no-open-rule`: judged by what a port admits, not by one rule's literal. For each
/// instance (and each load balancer, database and cache), the addresses every rule of every group on it
/// admits on the port are merged; more than a `/min-prefix` block fails, naming the
/// rules that add up (`0.0.0.0/1` + `128.0.0.0/1` is the whole internet). A group that
/// nothing uses is judged alone: an unused open rule is still a door left unlocked.
/// Rules that name a security group admit members' private addresses, never a range.
extension Grader {
    func checkNoOpenRule(ports: [Int], minPrefix: Int, select: Selector?) -> [Finding] {
        let limit = UInt64(1) << UInt64(32 - minPrefix)
        var findings: [Finding] = []
        for (owner, groups) in ruleOwners(select) {
            for port in ports {
                let admitting = groups.flatMap { group in
                    group.inbound.compactMap { rule in admittedRange(rule, port: port).map { (group.name, rule, $0) } }
                }
                let merged = mergeAddressRanges(admitting.map(\.2))
                let total = merged.reduce(UInt64(0)) { $0 + $1.size }
                guard total > limit else { continue }
                let widest = admitting.sorted { $0.2.size > $1.2.size }
                let names = widest.map { group, rule, _ in "`\(group)`:\(rule.location.line) (\(peerText(rule.peer.value)))" }
                let admitted = merged.count == 1 ? merged[0].description : merged.map(\.description).joined(separator: " + ")
                findings.append(Finding(message: Messages.openRule(owner: owner, port: port, admitted: admitted, rules: names, minPrefix: minPrefix),
                                        location: widest.first?.1.peer.location))
            }
        }
        return findings
    }

    /// Who is judged, and with which groups: selected instances, load balancers, databases
    /// and caches (all of them when no selector), and every group nothing uses.
    private func ruleOwners(_ select: Selector?) -> [(String, [SecurityGroup])] {
        let index = engine.index
        func groups(_ references: [Reference]?) -> [SecurityGroup] {
            (references ?? []).compactMap { index.securityGroup[$0.name].map { topology.securityGroups[$0] } }
        }
        let selected = select.map { Set(facts.endpointNames($0)) }
        var owners: [(String, [SecurityGroup])] = []
        var used = Set<String>()
        for instance in topology.instances {
            used.formUnion((instance.securityGroups ?? []).map(\.name))
            if selected?.contains(instance.name) ?? true { owners.append((instance.name, groups(instance.securityGroups))) }
        }
        for balancer in topology.loadBalancers {
            used.formUnion(balancer.securityGroups.map(\.name))
            if selected?.contains(balancer.name) ?? true { owners.append((balancer.name, groups(balancer.securityGroups))) }
        }
        for store in topology.dataStores {
            used.formUnion(store.securityGroups.map(\.name))
            if selected?.contains(store.name) ?? true { owners.append((store.name, groups(store.securityGroups))) }
        }
        if select == nil {
            for group in topology.securityGroups where !used.contains(group.name) {
                owners.append((group.name, [group]))
            }
        }
        return owners
    }

    /// The addresses a rule admits on `port` (TCP), or nil when it admits none there or
    /// names a security group.
    private func admittedRange(_ rule: SecurityGroupRule, port: Int) -> AddressRange? {
        let coversPort = rule.protocol == .all || (rule.protocol != .icmp && (rule.ports?.contains(port) ?? true))
        guard coversPort else { return nil }
        switch rule.peer.value {
        case .internet: return AddressRange(.anywhere)
        case .cidr(let cidr): return AddressRange(cidr)
        case .outsideHost(let name): return engine.index.outsideHost[name].map { AddressRange(topology.outside[$0].cidr.value) }
        case .site(let name):
            return engine.index.site[name].flatMap { topology.sites[$0].publicIP?.value }.map { AddressRange(CIDR(host: $0)) }
        case .securityGroup, .unresolved: return nil
        }
    }

    private func peerText(_ peer: Peer) -> String {
        switch peer {
        case .internet: "internet"
        case .cidr(let c): c.description
        case .outsideHost(let n), .site(let n), .securityGroup(let n), .unresolved(let n): n
        }
    }
}
