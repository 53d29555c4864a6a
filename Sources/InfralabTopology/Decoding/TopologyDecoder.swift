import InfralabSyntax

/// Turns the YAML tree of a topology file into a `Topology`, reporting every problem.
///
/// Decoding runs in passes so that names may be used before the section that declares
/// them: (1) collect the names every section declares, (2) decode each section, reading
/// scalars into typed values and resolving security-group peers, (3) synthesize AWS's
/// default VPC for instances written without a subnet, (4) normalize associations
/// (`subnets:` lists on route tables and ACLs, inferred VPCs) and check that every
/// reference names something of the right kind. Validation rules run afterwards on the
/// finished model (`TopologyValidator`).
struct TopologyDecoder {
    let file: String
    var topology: Topology
    /// The shared field reader (`InfralabSyntax`), worded with `topology.*` codes; it
    /// holds the decoder's diagnostics.
    var reader = YAMLFieldReader(TopologyVocabulary())
    var diagnostics: DiagnosticBag {
        get { reader.diagnostics }
        _modify { yield &reader.diagnostics }
    }
    var facts = DecodingFacts()
    /// Every name each kind declares, with where, gathered before decoding.
    var declared: [ComponentKind: [String: SourceLocation]] = [:]
    /// Each instance's `security-groups:` as written, gathered with the names (a rule
    /// that names an instance is told which group to name instead).
    var writtenInstanceGroups: [String: [String]] = [:]
    /// Route tables' and ACLs' `subnets:` lists, applied during normalization.
    var routeTableSubnetLists: [(table: String, subnets: [Reference])] = []

    init(file: String) {
        self.file = file
        self.topology = Topology(file: file)
    }

    static let sections: [String] = TopologyKeys.root.allowed

    static let reservedNames: Set<String> = ["internet", "anywhere"]

    mutating func decode(root: YAMLNode) {
        if root.isNull { return }
        guard let entries = root.entries else {
            diagnostics.add(.error("topology.wrong-kind", DecodingMessage.notATopology(root), at: root.location, length: root.length))
            return
        }
        var sections: [String: YAMLNode.Entry] = [:]
        for entry in entries {
            if TopologyDecoder.sections.contains(entry.key) {
                sections[entry.key] = entry
            } else {
                reader.reportUnknownKey(entry, allowed: TopologyDecoder.sections, FieldSubject(.mapping))
            }
        }
        collectNames(sections)

        if let entry = sections["outside"] { decodeOutside(entry.value) }
        if let entry = sections["vpcs"] { decodeVPCs(entry.value) }
        if let entry = sections["internet-gateways"] { decodeInternetGateways(entry.value) }
        if let entry = sections["subnets"] { decodeSubnets(entry.value) }
        if let entry = sections["route-tables"] { decodeRouteTables(entry.value) }
        if let entry = sections["nat-gateways"] { decodeNATGateways(entry.value) }
        if let entry = sections["security-groups"] { decodeSecurityGroups(entry.value) }
        if let entry = sections["network-acls"] { decodeNetworkACLs(entry.value) }
        if let entry = sections["instances"] { decodeInstances(entry.value) }
        if let entry = sections["load-balancers"] { decodeLoadBalancers(entry.value) }
        if let entry = sections["subnet-groups"] { decodeSubnetGroups(entry.value) }
        if let entry = sections["databases"] { decodeDataStores(entry.value, .database) }
        if let entry = sections["caches"] { decodeDataStores(entry.value, .cache) }
        if let entry = sections["dns"] { decodeDNS(entry.value) }
        if let entry = sections["sites"] { decodeSites(entry.value) }
        if let entry = sections["hosts"] { decodeHosts(entry.value) }

        synthesizeDefaultVPC()
        normalize()
        checkReferences()
    }

    // MARK: Names

    private mutating func collectNames(_ sections: [String: YAMLNode.Entry]) {
        let kinds: [(String, ComponentKind)] = [
            ("outside", .outsideHost), ("vpcs", .vpc), ("internet-gateways", .internetGateway), ("subnets", .subnet),
            ("route-tables", .routeTable), ("nat-gateways", .natGateway), ("security-groups", .securityGroup),
            ("network-acls", .networkACL), ("instances", .instance), ("load-balancers", .loadBalancer),
            ("subnet-groups", .subnetGroup), ("databases", .database), ("caches", .cache), ("sites", .site), ("hosts", .host),
        ]
        // `internet-gateway: NAME` on a VPC declares the gateway too (first, so a
        // top-level entry of the same name is the duplicate).
        for vpc in sections["vpcs"]?.value.entries ?? [] {
            if let igw = vpc.value["internet-gateway"], let name = igw.scalar, !igw.isNull {
                declare(.internetGateway, name, at: igw.location)
            }
        }
        for (section, kind) in kinds {
            for entry in sections[section]?.value.entries ?? [] {
                declare(kind, entry.key, at: entry.keyLocation)
            }
        }
        for entry in sections["instances"]?.value.entries ?? [] {
            writtenInstanceGroups[entry.key] = entry.value["security-groups"]?.items?.compactMap(\.scalar)
        }
        for entry in sections["dns"]?.value["zones"]?.entries ?? [] {
            declare(.dnsZone, entry.key, at: entry.keyLocation)
        }
    }

    private mutating func declare(_ kind: ComponentKind, _ name: String, at location: SourceLocation) {
        if TopologyDecoder.reservedNames.contains(name.lowercased()) {
            diagnostics.add(.error("topology.reserved-name", DecodingMessage.reservedName(name), at: location, length: name.count))
            return
        }
        if let first = declared[kind]?[name] {
            // Only possible for internet gateways (a VPC's `internet-gateway:` and the
            // top-level section); the parser refuses duplicate keys elsewhere.
            diagnostics.add(.error(
                "topology.duplicate-name", DecodingMessage.duplicateName(kind, name), at: location, length: name.count,
                notes: [.init(DecodingMessage.definedHere(kind, name), at: first)]))
            return
        }
        declared[kind, default: [:]][name] = location
    }

    func isDeclared(_ kind: ComponentKind, _ name: String) -> Bool { declared[kind]?[name] != nil }

    /// The kinds among `kinds` that declare `name`, in the order given.
    func kinds(naming name: String, among kinds: [ComponentKind]) -> [ComponentKind] {
        kinds.filter { isDeclared($0, name) }
    }

    // MARK: Reporting

    mutating func error(_ code: String, _ message: LocalizedText, at node: YAMLNode, notes: [Diagnostic.Note] = [], suggestion: LocalizedText? = nil) {
        diagnostics.add(.error(code, message, at: node.location, length: node.length, notes: notes, suggestion: suggestion))
    }

    /// An error for a name that resolves to nothing of `kind`, with the closest declared name.
    mutating func reportUnknownName(_ reference: Reference, kind: ComponentKind) {
        let candidates = declared[kind].map { Array($0.keys) } ?? []
        let suggestion = Suggestions.closest(to: reference.name, in: candidates).map(DecodingMessage.didYouMean)
        diagnostics.add(.error(
            "topology.unknown-reference", DecodingMessage.unknownName(kind, reference.name), at: reference.location,
            length: reference.name.count, suggestion: suggestion))
    }
}

/// Facts about how the file was written that the model does not keep but rules need.
struct DecodingFacts: Sendable {
    /// A CIDR written with host bits set (`10.0.1.5/24`).
    struct WrittenCIDR: Sendable {
        var written: String
        var cidr: CIDR
        var location: SourceLocation
    }

    var cidrsWithHostBits: [WrittenCIDR] = []
    /// NAT gateways with an `elastic-ip:` key, valid or not (a bad address is reported
    /// once, as a bad value, not again as a missing Elastic IP).
    var natGatewaysWritingElasticIP: Set<String> = []
}

/// One component's mapping, checked against the keys it may have.
struct Fields {
    var entries: [String: YAMLNode.Entry]
    /// The component, for messages ("subnet `public-a`").
    var owner: LocalizedText
    /// Where its name (or the list item) was written: missing keys are reported there.
    var ownerLocation: SourceLocation
    var ownerLength: Int

    subscript(key: String) -> YAMLNode? { entries[key]?.value }

    func has(_ key: String) -> Bool { entries[key] != nil }
    func keyLocation(_ key: String) -> SourceLocation? { entries[key]?.keyLocation }
}

extension TopologyDecoder {
    /// Reads `node` as a mapping with the `allowed` keys; reports unknown keys and missing
    /// `required` ones. A null node (`name:` with nothing after it) is an empty mapping.
    mutating func fields(
        _ node: YAMLNode, owner: LocalizedText, at ownerLocation: SourceLocation, ownerLength: Int = 1,
        allowed: [String], required: [String] = []
    ) -> Fields? {
        var fields = Fields(entries: [:], owner: owner, ownerLocation: ownerLocation, ownerLength: ownerLength)
        guard let entries = reader.mapping(node, FieldSubject(.mapping, owner: owner), allowed: allowed) else { return nil }
        for var entry in entries where allowed.contains(entry.key) {
            // An empty value (`cidr:` and nothing) is reported at its key.
            if entry.value.isNull { entry.value = YAMLNode(entry.value.kind, at: entry.keyLocation, length: entry.keyLength) }
            fields.entries[entry.key] = entry
        }
        for key in required where fields.entries[key] == nil {
            reader.missing(key, FieldSubject(.mapping, owner: owner), at: ownerLocation, length: ownerLength)
        }
        return fields
    }

    /// The entries of a section (`subnets:`), or nil after reporting that it is not a mapping.
    mutating func sectionEntries(_ node: YAMLNode, expectedFor owner: LocalizedText) -> [YAMLNode.Entry] {
        let entries = reader.mapping(node, FieldSubject(.mapping, owner: owner)) ?? []
        return entries.filter { !TopologyDecoder.reservedNames.contains($0.key.lowercased()) }
    }

    /// The entries of the section written as `name:` (`subnets:`).
    mutating func sectionEntries(_ node: YAMLNode, named name: String) -> [YAMLNode.Entry] {
        sectionEntries(node, expectedFor: LocalizedText(en: "`\(name)`", ko: "`\(name)`"))
    }

    /// A component's own mapping (`public-a: { ... }` under `subnets:`), read with its
    /// kind's key table; nil after reporting that it is not a mapping.
    mutating func componentFields(_ entry: YAMLNode.Entry, _ owner: LocalizedText, _ keys: KeyTable) -> Fields? {
        fields(entry.value, owner: owner, at: entry.keyLocation, ownerLength: entry.keyLength, allowed: keys.allowed, required: keys.required)
    }

    /// The items of a list; a null node is an empty list.
    mutating func listItems(_ node: YAMLNode, for owner: LocalizedText?) -> [YAMLNode] {
        reader.sequence(node, FieldSubject(.list, owner: owner)) ?? []
    }

    /// A list item's owner text: "rule 2 of security group `db`".
    static func item(_ index: Int, _ what: LocalizedText, of owner: LocalizedText) -> LocalizedText {
        LocalizedText(en: "\(what.en) \(index + 1) of \(owner.en)", ko: "\(owner.ko ?? owner.en)의 \(index + 1)번째 \(what.ko ?? what.en)")
    }
}
