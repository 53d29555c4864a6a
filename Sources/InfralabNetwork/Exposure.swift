import InfralabSyntax
import InfralabTopology

/// Every way into a machine's port, like Network Access Analyzer's findings: dialled
/// directly (each of its addresses), through a site router's forward or a tunnel whose
/// outside port lands there, and through a relay — an instance that forwards (a reverse
/// proxy, a stream proxy), or a load balancer of either kind — whose forward or listener
/// sends some port to it, itself reached directly or through other relays.
/// `unreachable` requirements and `probe --paths` ask this.

/// A path that gets through, with the flow that shows it.
package struct OpenPath: Sendable, Hashable {
    package var path: EntryPath
    package var result: FlowResult
}

/// One way into `destination:port`, as a flow the engine can evaluate.
package struct EntryPath: Sendable, Hashable {
    /// The port the source dials (on the site, the relay or the destination).
    package var entryPort: Int
    /// The relay the connection goes through, if any.
    package var through: String?
    /// The forward, tunnel or listener that leads there (nil when dialled directly).
    package var line: SourceLocation?
}

extension NetworkEngine {
    /// The ways into `destination` on `port`, before any rule is checked.
    package func entryPaths(to destination: String, port: Int) -> [EntryPath] {
        var paths = [EntryPath(entryPort: port, through: nil, line: nil)]
        if let h = index.host[destination], let s = index.hostSite[h] {
            let site = topology.sites[s]
            for forward in site.portForwards + site.tunnels
            where forward.target.name == destination && forward.effectiveTargetPort == port && forward.port.value != port {
                paths.append(EntryPath(entryPort: forward.port.value, through: nil, line: forward.location))
            }
        }
        for relay in topology.instances where relay.name != destination {
            for forward in relay.forwards where forward.target.name == destination && forward.effectiveTargetPort == port {
                paths.append(EntryPath(entryPort: forward.port.value, through: relay.name, line: forward.location))
            }
        }
        for balancer in topology.loadBalancers {
            for listener in balancer.listeners where listener.redirect == nil && (listener.targetPort?.value ?? listener.port.value) == port
                && listener.targets.contains(where: { $0.name == destination }) {
                paths.append(EntryPath(entryPort: listener.port.value, through: balancer.name, line: listener.location))
            }
        }
        var seen = Set<EntryPath>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// Every path from `source` into `destination:port`, each with its flow result (the
    /// first address that gets through, else the first tried). Direct paths are tried at
    /// each of `addresses`; paths through `allowed` relays are left out. A relay the
    /// source cannot dial itself may still be reached through other relays (a proxy in
    /// front of a forwarding WAS, a load balancer in front of a stream proxy): chains of
    /// any length count, each relay once.
    package func allPaths(from source: Endpoint, to destination: String, port: Int, protocol proto: IPProtocol = .tcp,
                         addresses: [AddressChoice] = [.private, .public], incidents: [Incident] = [],
                         except allowed: Set<String> = []) -> [OpenPath] {
        let state = IncidentState(engine: self, incidents: incidents)
        var visited: Set<String> = [destination]
        return allPaths(from: source, to: destination, port: port, proto, addresses, incidents, allowed, state, &visited,
                        relaysOnly: false)
    }

    private func allPaths(from source: Endpoint, to destination: String, port: Int, _ proto: IPProtocol,
                          _ addresses: [AddressChoice], _ incidents: [Incident], _ allowed: Set<String>,
                          _ state: IncidentState, _ visited: inout Set<String>, relaysOnly: Bool) -> [OpenPath] {
        var paths: [OpenPath] = []
        for path in entryPaths(to: destination, port: port) where !relaysOnly || path.through != nil {
            if let relay = path.through, allowed.contains(relay) || relay == source.description || visited.contains(relay) { continue }
            let choices = path.through == nil && path.line == nil ? addresses : [.auto]
            var chosen: FlowResult?
            for address in choices {
                let result = evaluate(FlowQuery(from: source, to: .named(destination), protocol: proto, port: path.entryPort,
                                                address: address, through: path.through, incidents: incidents), state)
                if chosen == nil || result.isReachable { chosen = result }
                if result.isReachable { break }
            }
            if let relay = path.through, let failed = chosen, !failed.isReachable,
               let chained = chain(from: source, relay: relay, path: path, to: destination, port: port, proto, addresses, incidents,
                                   allowed, state, &visited) {
                chosen = chained
            }
            if let chosen { paths.append(OpenPath(path: path, result: chosen)) }
        }
        return paths
    }

    /// The source cannot dial `relay` itself: is the relay's entry port open to it through
    /// other relays, and does the relay's own connection to the destination get through?
    /// The flow shown is the upstream chain followed by the relay's connection.
    private func chain(from source: Endpoint, relay: String, path: EntryPath, to destination: String, port: Int,
                       _ proto: IPProtocol, _ addresses: [AddressChoice], _ incidents: [Incident], _ allowed: Set<String>,
                       _ state: IncidentState, _ visited: inout Set<String>) -> FlowResult? {
        visited.insert(relay)
        defer { visited.remove(relay) }
        // The direct way into the relay was the first leg that failed; only other relays remain.
        let upstream = allPaths(from: source, to: relay, port: path.entryPort, proto, addresses, incidents, allowed, state, &visited,
                                relaysOnly: true)
        guard let open = upstream.first(where: \.result.isReachable) else { return nil }
        let query = FlowQuery(from: source, to: .named(destination), protocol: proto, port: path.entryPort, address: .auto,
                              through: relay, incidents: incidents)
        // A load balancer reaches its targets at their private addresses, as in `evaluate`'s second leg.
        let onward = evaluate(FlowQuery(from: .named(relay), to: .named(destination), protocol: proto, port: port,
                                        address: index.loadBalancer[relay] == nil ? .auto : .private, incidents: incidents), state)
        guard onward.isReachable else { return nil }
        return FlowResult(query: query, isReachable: true, isPartial: open.result.isPartial || onward.isPartial,
                          missingClientPorts: open.result.missingClientPorts + onward.missingClientPorts,
                          hops: open.result.hops + onward.hops, reason: onward.reason)
    }

    /// The paths of `allPaths` that get through (partially included).
    package func openPaths(from source: Endpoint, to destination: String, port: Int, protocol proto: IPProtocol = .tcp,
                          addresses: [AddressChoice] = [.private, .public], incidents: [Incident] = [],
                          except allowed: Set<String> = []) -> [OpenPath] {
        allPaths(from: source, to: destination, port: port, protocol: proto, addresses: addresses, incidents: incidents, except: allowed)
            .filter(\.result.isReachable)
    }
}
