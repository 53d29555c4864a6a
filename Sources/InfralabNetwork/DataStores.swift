import InfralabSyntax
import InfralabTopology

/// Managed databases and caches in the engine (`topology.dataStores`: databases, then
/// caches). Each has a primary in the first subnet of its subnet group and, with
/// `multi-az: true`, a standby in the first subnet of another AZ. A flow reaches the
/// primary; when the primary's AZ is out (`az-outage`) or the store itself fails
/// (`instance-failure:NAME`), it reaches the standby, or fails naming `multi-az:`.
/// A store listens on its port only, never starts a connection and never forwards one;
/// its security groups apply as an instance's. With `publicly-accessible: true` it has a
/// public address (one for the store: its endpoint follows the primary), useful only
/// when its subnet is public (rule 5).

/// Where one copy of a data store runs.
struct StoreNode: Hashable, Sendable {
    var subnet: Int
    var address: IPv4Address
    var availabilityZone: String?
}

/// A data store's addresses and placement, for grading and drawings.
package struct DataStorePlacement: Sendable, Hashable {
    package var name: String
    package var kind: ComponentKind
    package var vpc: String?
    package var primarySubnet: String?
    package var primaryAZ: String?
    package var primaryIP: IPv4Address?
    /// nil without `multi-az: true`, or when the group has no subnet in another AZ.
    package var standbySubnet: String?
    package var standbyAZ: String?
    package var standbyIP: IPv4Address?
    package var publicIP: IPv4Address?
    /// It has a public address *and* its primary's subnet routes to an attached internet gateway.
    package var isReachableFromInternetByRouting: Bool

    /// The AZs it runs in: the primary's, and the standby's when there is one.
    package var availabilityZones: [String] { [primaryAZ, standbyAZ].compactMap { $0 } }
}

/// Which copy of a data store answers under the incidents.
enum StoreState {
    case primary(StoreNode)
    /// The primary is down because of the incident; the standby answers.
    case standby(StoreNode, primaryDown: Incident)
    /// Nothing answers: the incident, and whether a standby existed (and was down too).
    case down(Incident, hadStandby: Bool)
    /// The subnet group names no subnet that exists.
    case unplaced
}

extension NetworkEngine {
    /// The primary's and the standby's subnets for store `k`, from its subnet group.
    func storeSubnets(_ k: Int) -> [Int] {
        guard let g = index.dataStoreGroup[k], let primary = index.subnetGroupSubnets[g].first else { return [] }
        guard topology.dataStores[k].isMultiAZ else { return [primary] }
        let zone = subnetAZ[primary]
        let standby = index.subnetGroupSubnets[g].first { s in s != primary && subnetAZ[s] != nil && subnetAZ[s] != zone }
        return [primary] + (standby.map { [$0] } ?? [])
    }

    func storeState(_ k: Int, _ state: IncidentState) -> StoreState {
        let nodes = storeNodes[k]
        guard let primary = nodes.first else { return .unplaced }
        guard let primaryDown = state.storeDown(k) ?? state.azDown(primary.availabilityZone) else { return .primary(primary) }
        guard nodes.count > 1 else { return .down(primaryDown, hadStandby: false) }
        if state.azDown(nodes[1].availabilityZone) != nil { return .down(primaryDown, hadStandby: true) }
        return .standby(nodes[1], primaryDown: primaryDown)
    }

    /// The copy that answers, as a place in the VPC; nil when none does.
    func point(dataStore k: Int, _ state: IncidentState) -> NetPoint? {
        let node: StoreNode
        switch storeState(k, state) {
        case .primary(let n), .standby(let n, _): node = n
        case .down, .unplaced: return nil
        }
        guard let v = index.subnetVPC[node.subnet] else { return nil }
        let store = topology.dataStores[k]
        return NetPoint(name: store.name, kind: store.kind, location: store.location, subnet: node.subnet, vpc: v, address: node.address,
                        groups: storeGroups[k], publicAddress: storePublic[k], publicLocation: store.publiclyAccessible?.location ?? store.location)
    }

    /// Blocks the trace when no copy of the store answers; notes a failover when the standby does.
    func checkStoreAlive(_ k: Int, _ state: IncidentState, _ t: inout Trace) {
        let store = topology.dataStores[k]
        let what = store.kind.words
        let line = store.multiAZ?.location ?? store.location
        switch storeState(k, state) {
        case .primary, .unplaced: return
        case .standby(let node, let incident):
            let zone = node.availabilityZone ?? "?"
            t.info(store.kind, store.name,
                   FlowText.standbyTakesOver(incident: "\(incident)", zone: zone), line)
        case .down(let incident, let hadStandby):
            let zone = storeNodes[k].first?.availabilityZone ?? "?"
            if hadStandby {
                t.block(store.kind, store.name,
                        FlowText.storeDownBothCopies(what, store.name, incident: "\(incident)"),
                        line, code: .endpointDown)
            } else if store.isMultiAZ {
                t.block(store.kind, store.name,
                        FlowText.storeDownNoStandbySubnet(what, store.name, incident: "\(incident)"),
                        line, code: .endpointDown)
            } else {
                t.block(store.kind, store.name,
                        FlowText.storeDownSingleAZ(what, store.name, incident: "\(incident)", zone: zone),
                        line, code: .endpointDown)
            }
        }
    }

    /// A database or cache never starts a connection.
    func blockStoreAsClient(_ k: Int, _ t: inout Trace) {
        let store = topology.dataStores[k]
        let what = store.kind.words
        t.block(store.kind, store.name,
                FlowText.storeNeverStarts(store.name, what: what, isDatabase: store.service == .database, port: store.effectivePort),
                store.location, code: .cannotRoute)
    }

    /// From the world to a store: only by its public address, which it has only with `publicly-accessible: true`.
    func arriveAtStore(_ k: Int, from source: Addr, _ q: LegQuery, _ state: IncidentState, _ t: inout Trace) {
        let store = topology.dataStores[k]
        if q.address == .private {
            t.block(store.kind, store.name, FlowText.storePrivateFromOutside,
                    store.location, code: .privateAddressFromOutside)
            return
        }
        guard let d = point(dataStore: k, state) else {
            t.block(store.kind, store.name, FlowText.storeNotInSubnet(store.name),
                    store.subnetGroup?.location ?? store.location, code: .cannotRoute)
            return
        }
        guard d.publicAddress != nil else {
            t.block(store.kind, store.name,
                    FlowText.storeNotPubliclyAccessible(store.name, source: source.label, sourceKo: source.ko),
                    store.publiclyAccessible?.location ?? store.location, code: .noPublicIP)
            return
        }
        inboundFromWorld(d, from: source, q, &t)
    }

    /// Where a store is, for grading and drawings; nil for an unknown name.
    package func placement(ofDataStore name: String) -> DataStorePlacement? {
        guard let k = index.dataStore(named: name) else { return nil }
        let store = topology.dataStores[k]
        let nodes = storeNodes[k]
        let primary = nodes.first, standby = nodes.count > 1 ? nodes[1] : nil
        return DataStorePlacement(
            name: name, kind: store.kind, vpc: index.vpc(ofDataStore: k).map { topology.vpcs[$0].name },
            primarySubnet: primary.map { topology.subnets[$0.subnet].name }, primaryAZ: primary?.availabilityZone, primaryIP: primary?.address,
            standbySubnet: standby.map { topology.subnets[$0.subnet].name }, standbyAZ: standby?.availabilityZone, standbyIP: standby?.address,
            publicIP: storePublic[k],
            isReachableFromInternetByRouting: storePublic[k] != nil && (primary.map { subnetRoutesToGateway($0.subnet) } ?? false))
    }
}
