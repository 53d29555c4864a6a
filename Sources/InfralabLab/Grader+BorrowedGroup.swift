import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// A server wearing another server's security group (the WAS with `security-groups:
/// [proxy]`): the group's rules are right for their owner, and the line to change is
/// the wearer's `security-groups:` entry, not the owner's rule a learner would delete.
struct BorrowedGroup {
    /// The wearer's `security-groups:` entry naming the group.
    var entry: SourceLocation
    var wearer: String
    var group: String
    /// An instance the group belongs to: it carries the group and plays other roles.
    var owner: String
}

extension Grader {
    /// `group` on `instance` when another instance carrying it plays other roles than
    /// `instance` (both play some): the group was written for that one.
    func borrowed(_ group: String, by instance: String) -> BorrowedGroup? {
        guard let wearer = topology.instances.first(where: { $0.name == instance }),
              let entry = wearer.securityGroups?.first(where: { $0.name == group }) else { return nil }
        let roles = Set(wearer.roles.map(\.value))
        guard !roles.isEmpty else { return nil }
        let owner = topology.instances.first { other in
            let otherRoles = Set(other.roles.map(\.value))
            return other.name != instance && !otherRoles.isEmpty && otherRoles.isDisjoint(with: roles)
                && (other.securityGroups ?? []).contains { $0.name == group }
        }
        guard let owner else { return nil }
        return BorrowedGroup(entry: entry.location, wearer: instance, group: group, owner: owner.name)
    }

    /// For a flow that gets through and must not: the group whose rule lets it in, when
    /// the destination borrowed it.
    func borrowedOpening(_ result: FlowResult) -> BorrowedGroup? {
        guard case .named(let destination) = result.query.destination,
              let hop = result.hops.last(where: { $0.verdict == .pass && $0.kind == .securityGroup }) else { return nil }
        return borrowed(hop.name, by: destination)
    }

    /// For a flow a security group blocks: the destination's groups, when every one of
    /// them is borrowed (it has none of its own that could take the rule).
    func borrowedBlocking(_ result: FlowResult) -> BorrowedGroup? {
        guard result.reason.code == .securityGroupIngress, case .named(let destination) = result.query.destination,
              let groups = topology.instances.first(where: { $0.name == destination })?.securityGroups, !groups.isEmpty else { return nil }
        let borrowed = groups.map { self.borrowed($0.name, by: destination) }
        guard borrowed.allSatisfy({ $0 != nil }) else { return nil }
        return borrowed.first ?? nil
    }

    /// `finding` pointed at the borrowed group's entry, its message saying whose group it is.
    func pointing(_ finding: Finding, at borrowed: BorrowedGroup?) -> Finding {
        guard let borrowed else { return finding }
        var finding = finding
        let why = Messages.borrowedGroup(borrowed)
        finding.message = LocalizedText(en: finding.message.en + ". " + why.en,
                                        ko: finding.message.text(.ko) + ". " + why.text(.ko))
        finding.location = borrowed.entry
        return finding
    }
}

/// Why a subnet is public: the route table it uses (named, or the VPC's main one it
/// falls back to) and its route to an internet gateway.
struct PublicBecause {
    var table: String
    var tableLine: Int
    /// The subnet names no `route-table:`; the VPC's `main: true` table decides.
    var isImplicitMain: Bool
    var destination: String
    var gateway: String
    var routeLine: Int
    var routeLocation: SourceLocation
    /// The line that makes the subnet public: the main table, or the route.
    var location: SourceLocation
}

extension Grader {
    func publicBecause(subnet name: String) -> PublicBecause? {
        guard let s = engine.index.subnet[name], let t = engine.index.subnetTable[s].table else { return nil }
        let table = topology.routeTables[t]
        guard let route = table.routes.first(where: { engine.index.internetGateway[$0.target.name] != nil }) else { return nil }
        let destination: String
        switch route.destination.value {
        case .cidr(let cidr): destination = cidr.description
        case .outsideHost(let host): destination = host
        }
        let implicit = !engine.index.subnetTable[s].isExplicit
        return PublicBecause(table: table.name, tableLine: table.location.line, isImplicitMain: implicit, destination: destination,
                             gateway: route.target.name, routeLine: route.location.line, routeLocation: route.location,
                             location: implicit ? table.location : route.location)
    }
}
