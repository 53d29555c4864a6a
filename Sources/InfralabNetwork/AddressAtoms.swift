import InfralabSyntax
import InfralabTopology

/// Address sets as *atoms*. A client or destination that is more than one address (the
/// internet, an outside host's block) is cut at every CIDR boundary the topology writes
/// (routes, NACL and security-group rules, outside hosts, VPC blocks, RFC 1918). Every
/// rule and route either holds an atom whole or misses it, so deciding per atom is
/// deciding for every address. A set passes a check only when every one of its atoms
/// passes: several rules may cover it together (0.0.0.0/1 + 128.0.0.0/1), one narrow
/// rule never does.
///
/// The internet is the *public* addresses only, and only those no narrow CIDR (/8 or
/// longer) of the topology singles out: atoms inside RFC 1918, inside a VPC block, or
/// inside an address range a rule or route names particularly (an admin's /32, a blocked
/// attacker's address) are not "the internet". So a deny for one address does not block
/// the internet, while a broad split must cover all of it.

/// Sorted, overlapping and adjacent ranges joined.
package func mergeAddressRanges(_ ranges: [AddressRange]) -> [AddressRange] {
    var merged: [AddressRange] = []
    for range in ranges.sorted(by: { $0.lo < $1.lo }) {
        if let last = merged.last, UInt64(range.lo) <= UInt64(last.hi) + 1 {
            merged[merged.count - 1].hi = max(last.hi, range.hi)
        } else {
            merged.append(range)
        }
    }
    return merged
}

/// A contiguous range of IPv4 addresses, `lo...hi`.
package struct AddressRange: Hashable, Sendable, CustomStringConvertible {
    package var lo: UInt32
    package var hi: UInt32

    package init(lo: UInt32, hi: UInt32) {
        self.lo = lo
        self.hi = hi
    }

    package init(_ cidr: CIDR) {
        lo = cidr.address.value
        hi = cidr.last.value
    }

    func isWithin(_ cidr: CIDR) -> Bool { cidr.address.value <= lo && hi <= cidr.last.value }

    package var size: UInt64 { UInt64(hi) - UInt64(lo) + 1 }

    /// A CIDR when the range is one, else `first-last`.
    package var description: String {
        let n = size
        if n & (n - 1) == 0, UInt64(lo) % n == 0 {
            return CIDR(IPv4Address(lo), prefixLength: 32 - n.trailingZeroBitCount).description
        }
        return "\(IPv4Address(lo))-\(IPv4Address(hi))"
    }
}

extension NetworkEngine {
    /// CIDRs at least this long name particular parties, not the internet at large.
    static let particularPrefix = 8

    /// Computed once by `init`: where atoms start, and the atoms of the internet.
    mutating func buildAtoms() {
        var cidrs: [CIDR] = CIDR.rfc1918 + topology.vpcs.map(\.cidr.value) + topology.outside.map(\.cidr.value)
        for table in topology.routeTables {
            for route in table.routes { if let c = routeCIDR(route.destination.value) { cidrs.append(c) } }
        }
        for rules in groupRules.values {
            for rule in rules.inbound + rules.outbound { if case .cidr(let c) = rule.peer { cidrs.append(c) } }
        }
        for rules in aclInbound + aclOutbound {
            for rule in rules { if case .cidr(let c) = rule.peer { cidrs.append(c) } }
        }
        var cuts = Set<UInt32>()
        for c in cidrs {
            if c.address.value != 0 { cuts.insert(c.address.value) }
            if c.last.value != .max { cuts.insert(c.last.value + 1) }
        }
        atomCuts = cuts.sorted()
        // A CIDR of /8 or narrower singles out particular parties (an admin's /32, an
        // office's /24, a blocked attacker): "the internet" as a client is everybody
        // else. Broad splits (/0 to /7, e.g. 0.0.0.0/1 + 128.0.0.0/1) must cover it all.
        let particular = cidrs.filter { $0.prefixLength >= NetworkEngine.particularPrefix }
        let notInternet = CIDR.rfc1918 + topology.vpcs.map(\.cidr.value) + particular
        internetAtoms = split(AddressRange(lo: 0, hi: .max)).filter { atom in !notInternet.contains { atom.isWithin($0) } }
    }

    /// A range cut at every boundary the topology writes.
    func split(_ range: AddressRange) -> [AddressRange] {
        if range.lo == range.hi { return [range] }
        // The first cut above `lo`.
        var low = 0, high = atomCuts.count
        while low < high {
            let mid = (low + high) / 2
            if atomCuts[mid] <= range.lo { low = mid + 1 } else { high = mid }
        }
        var result: [AddressRange] = []
        var start = range.lo
        var i = low
        while i < atomCuts.count && atomCuts[i] <= range.hi {
            result.append(AddressRange(lo: start, hi: atomCuts[i] - 1))
            start = atomCuts[i]
            i += 1
        }
        result.append(AddressRange(lo: start, hi: range.hi))
        return result
    }

    /// The atoms of an address set: the internet (any /0) is the public atoms.
    func atoms(_ addr: Addr) -> [AddressRange] {
        if let atoms = addr.atoms { return atoms }
        if addr.cidr.prefixLength == 0 { return internetAtoms }
        return split(AddressRange(addr.cidr))
    }

    /// Names the atoms flagged in `picked` (parallel to `universe`, in address order) as
    /// maximal runs; gaps that hold no atom of the universe (private blocks, for the
    /// internet) do not break a run, so a failing 128.0.0.0/1 reads as 128.0.0.0/1.
    func describeAtoms(_ universe: [AddressRange], _ picked: [Bool]) -> String {
        var runs: [AddressRange] = []
        var current: AddressRange?
        for (atom, flag) in zip(universe, picked) {
            if flag {
                if current == nil { current = atom } else { current!.hi = atom.hi }
            } else if let run = current {
                runs.append(run)
                current = nil
            }
        }
        if let run = current { runs.append(run) }
        let shown = runs.prefix(3).map(\.description).joined(separator: ", ")
        return runs.count > 3 ? shown + ", …" : shown
    }

    /// The same set restricted to some of its atoms, named after them.
    func restrict(_ addr: Addr, _ universe: [AddressRange], _ picked: [Bool]) -> Addr {
        Addr(cidr: addr.cidr, label: "\(addr.label) addresses in \(describeAtoms(universe, picked))",
             labelKo: "\(addr.ko) 중 \(describeAtoms(universe, picked)) 범위의 주소", atoms: zip(universe, picked).filter(\.1).map(\.0))
    }
}
