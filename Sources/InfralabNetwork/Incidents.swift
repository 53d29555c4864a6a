import InfralabSyntax
import InfralabTopology

/// The story's incidents, resolved once per query: which instances, hosts, sites, NAT
/// gateways and availability zones are down, and because of which incident.
struct IncidentState {
    var downSites: [Int: Incident] = [:]
    var downAZs: [String: Incident] = [:]
    var downInstances: [Int: Incident] = [:]
    var downHosts: [Int: Incident] = [:]
    var downNATs: [Int: Incident] = [:]
    /// Databases and caches by position in `topology.dataStores` (`instance-failure:NAME`).
    var downStores: [Int: Incident] = [:]
    let engine: NetworkEngine

    init(engine: NetworkEngine, incidents: [Incident]) {
        self.engine = engine
        let topology = engine.topology
        for incident in incidents {
            switch incident {
            case .pcOff(let name):
                for (h, host) in topology.hosts.enumerated() where host.kind == .personalComputer && (name == "*" || host.name == name) {
                    downHosts[h] = downHosts[h] ?? incident
                }
                if name != "*", let h = engine.index.host[name] { downHosts[h] = downHosts[h] ?? incident }
            case .powerOutage(let name):
                for (s, site) in topology.sites.enumerated() where (name == "*" || site.name == name) && site.power != .upsAndGenerator {
                    downSites[s] = downSites[s] ?? incident
                }
            case .fire(let name):
                if let s = engine.index.site[name] { downSites[s] = downSites[s] ?? incident } else { downAZs[name] = downAZs[name] ?? incident }
            case .azOutage(let az):
                downAZs[az] = downAZs[az] ?? incident
            case .instanceFailure(let name):
                if let i = engine.index.instance[name] { downInstances[i] = downInstances[i] ?? incident }
                if let h = engine.index.host[name] { downHosts[h] = downHosts[h] ?? incident }
                if let k = engine.index.dataStore(named: name) { downStores[k] = downStores[k] ?? incident }
            case .natFailure(let name):
                if let n = engine.index.natGateway[name] { downNATs[n] = downNATs[n] ?? incident }
            }
        }
    }

    var isEmpty: Bool { downSites.isEmpty && downAZs.isEmpty && downInstances.isEmpty && downHosts.isEmpty && downNATs.isEmpty && downStores.isEmpty }

    /// The store itself failed (`instance-failure:NAME`); its AZ is asked separately.
    func storeDown(_ k: Int) -> Incident? { downStores[k] }

    func azDown(_ az: String?) -> Incident? { az.flatMap { downAZs[$0] } }

    func instanceDown(_ i: Int) -> Incident? { downInstances[i] ?? azDown(engine.instanceAZ[i]) }

    func natDown(_ n: Int) -> Incident? {
        downNATs[n] ?? azDown(engine.index.natSubnet[n].flatMap { engine.subnetAZ[$0] })
    }

    func siteDown(_ s: Int) -> Incident? { downSites[s] }

    /// A host is down when it is, or when its site is (the second says SITE_DOWN).
    func hostDown(_ h: Int) -> Incident? { downHosts[h] ?? engine.index.hostSite[h].flatMap { downSites[$0] } }
}
