import InfralabSyntax
import InfralabTopology

/// Why a node is down under an incident, and the setting that decides it: a site's
/// `power:` in a power outage, a host's `kind:` on a night its PC is off.
extension NetworkEngine {
    func downReason(_ node: Node, _ incident: Incident) -> (LocalizedText, SourceLocation?) {
        let name = "`\(nodeName(node))`"
        if case .host(let h) = node {
            let host = topology.hosts[h]
            if let s = index.hostSite[h], incident.kind == .powerOutage || incident.kind == .fire, siteDownsHost(s, incident) {
                return siteDown(topology.sites[s], host: name, incident)
            }
            if incident.kind == .pcOff {
                let written = host.kindLocation != nil
                return (LocalizedText(
                    en: "\(name) is off: it is a personal computer (`kind: personal-computer`\(written ? "" : ", the default at a home site")), switched off at night; a `kind: server` runs around the clock",
                    ko: "\(Korean.topic(name)) 개인 컴퓨터(`kind: personal-computer`\(written ? "" : ", 집 사이트의 기본값"))라서 밤에는 꺼져 있어요. `kind: server`는 밤낮없이 켜져 있어요"),
                        host.kindLocation ?? host.location)
            }
        }
        if case .azOutage(let az) = incident, let only = onlyOne(node, az: az) {
            return (only, nodeLocation(node))
        }
        return (FlowText.endpointDown(name, incident: incident), nodeLocation(node))
    }

    /// A NAT gateway with no other in its VPC, or an instance with no other of its role,
    /// in another AZ: the outage of `az` takes the only one.
    private func onlyOne(_ node: Node, az: String) -> LocalizedText? {
        let name = "`\(nodeName(node))`"
        switch node {
        case .nat(let n):
            let vpc = nodeVPC(node)
            let twins = topology.natGateways.indices.filter { other in
                other != n && nodeVPC(.nat(other)) == vpc && index.natSubnet[other].flatMap { subnetAZ[$0] } != az
            }
            return twins.isEmpty ? FlowText.onlyNAT(name, az: az) : nil
        case .instance(let i):
            guard let role = topology.instances[i].roles.first?.value else { return nil }
            let twins = topology.instances.indices.filter { other in
                other != i && topology.instances[other].roles.contains { $0.value == role } && instanceAZ[other] != az
            }
            return twins.isEmpty ? FlowText.onlyOfRole(name, role: role, az: az) : nil
        default:
            return nil
        }
    }

    private func siteDownsHost(_ s: Int, _ incident: Incident) -> Bool {
        incident.subject == "*" || incident.subject == topology.sites[s].name
    }

    /// A host down with its site: the fire, or the power the site runs on.
    private func siteDown(_ site: Site, host: String, _ incident: Incident) -> (LocalizedText, SourceLocation?) {
        if incident.kind == .fire {
            let words = incident.words
            return (LocalizedText(
                en: "\(host) is gone: \(words.en) destroys everything at site `\(site.name)`; only what runs at another site survives",
                ko: "\(Korean.toward(words.text(.ko))) `\(site.name)` 사이트의 모든 것이 사라져서 \(Korean.subject(host)) 멈췄어요. 다른 사이트에서 돌아가는 것만 남아요"),
                    site.location)
        }
        let power = "`power: \(site.power.rawValue)`"
        let written = site.powerLocation != nil
        return (LocalizedText(
            en: "\(host) is down: a long power outage leaves site `\(site.name)` dark, because its \(power)\(written ? "" : " (the default)") does not last through one; `power: ups+generator` does",
            ko: "긴 정전으로 `\(site.name)` 사이트가 꺼져서 \(Korean.subject(host)) 멈췄어요. \(power)\(written ? "" : "(기본값)")로는 긴 정전을 버티지 못해요. `power: ups+generator`라야 버텨요"),
                site.powerLocation ?? site.location)
    }
}
