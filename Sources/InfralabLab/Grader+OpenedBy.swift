import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// What opens a direct path from outside to a server's public address, when it is not
/// a security-group rule the learner should change: a route from the server's subnet to
/// an internet gateway for some addresses only (a shortcut for one host or block,
/// narrower than 0.0.0.0/0), else — for a server none of whose groups admits the whole
/// internet on any port, so its public address serves nobody — its `public-ip:` or
/// `elastic-ip:` line. A web server's public address is its purpose: there the rule
/// that admits the flow stays the line to change.
struct OpenedBy {
    /// The route, or the setting as written (`public-ip: true`, `elastic-ip: 3.34.1.1`).
    enum Cause { case route(PublicBecause), publicIP(String) }
    var server: String
    var subnet: String
    var cause: Cause
    var location: SourceLocation
}

extension Grader {
    /// nil when the flow did not come in at the destination's public address, or the
    /// destination is no instance with a public address.
    func openedBy(_ result: FlowResult) -> OpenedBy? {
        guard result.query.address == .public || result.hops.contains(where: { $0.kind == .internetGateway }),
              case .named(let name) = result.query.destination,
              let instance = topology.instances.first(where: { $0.name == name }) else { return nil }
        let subnet = instance.subnet?.name ?? ""
        if let because = publicBecause(subnet: subnet), isShortcut(because) {
            return OpenedBy(server: name, subnet: subnet, cause: .route(because), location: because.routeLocation)
        }
        guard !servesInternet(instance) else { return nil }
        if let elastic = instance.elasticIP {
            return OpenedBy(server: name, subnet: subnet, cause: .publicIP("elastic-ip: \(elastic.value)"), location: elastic.location)
        }
        if let auto = instance.publicIP, auto.value {
            return OpenedBy(server: name, subnet: subnet, cause: .publicIP("public-ip: true"), location: auto.location)
        }
        return nil
    }

    /// Some inbound rule of the instance's groups admits the whole internet.
    func servesInternet(_ instance: Instance) -> Bool {
        (instance.securityGroups ?? []).contains { reference in
            topology.securityGroups.first { $0.name == reference.name }?.inbound.contains { rule in
                switch rule.peer.value {
                case .internet: true
                case .cidr(let cidr): cidr.prefixLength == 0
                default: false
                }
            } ?? false
        }
    }

    /// A route to the internet gateway for some addresses only (an outside host's name,
    /// or a block narrower than the whole internet) was added for this traffic.
    func isShortcut(_ because: PublicBecause) -> Bool {
        because.destination != "0.0.0.0/0"
    }

    /// `finding` pointed at what opens the path, its message saying so.
    func pointing(_ finding: Finding, at opened: OpenedBy?) -> Finding {
        guard let opened else { return finding }
        var finding = finding
        let why = Messages.openedBy(opened)
        finding.message = LocalizedText(en: finding.message.en + ". " + why.en, ko: finding.message.text(.ko) + ". " + why.text(.ko))
        finding.location = opened.location
        return finding
    }
}
