import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// The outcome of applying a step's events to the learner's file.
package struct StoryArrival: Sendable {
    /// The file's new text (the old text when nothing changed).
    package var text: String
    /// What changed, line by line.
    package var diff: LineDiff
    package var changed: Bool { !diff.isEmpty }
}

/// Why the learner's file could not take a step's events. The file is left untouched.
package struct StoryEventFailure: Error, Sendable, Hashable {
    package var message: LocalizedText
    /// Where in the learner's file (or, for a file that would not load afterwards, where
    /// in the changed text).
    package var location: SourceLocation?
    /// The event in `mission.yaml`.
    package var event: SourceLocation?

    package init(_ message: LocalizedText, at location: SourceLocation?, event: SourceLocation? = nil) {
        self.message = message
        self.location = location
        self.event = event
    }
}

/// Applies a step's events to a topology file's text, in place (see `YAMLEditor`): each
/// event finds its targets by selector in the loaded topology, then edits the text. An
/// event whose change is already there does nothing. Pure: text in, text out.
package enum StoryEventApplier {
    package static func apply(_ events: [StoryEvent], to text: String, file: String, language: Language) -> Result<StoryArrival, StoryEventFailure> {
        var current = text
        var loaded = TopologyLoader.load(text: current, file: file)
        // Errors an earlier event made on purpose (`breaks:`); the learner's own file
        // must load without errors.
        var broken: Set<String> = []
        func unexpected(_ loaded: TopologyLoadResult) -> Diagnostic? {
            loaded.diagnostics.first { $0.severity == .error && !broken.contains($0.code) }
        }
        for event in events {
            guard let topology = loaded.topology, unexpected(loaded) == nil else {
                let error = unexpected(loaded)
                return .failure(StoryEventFailure(EventText.fileDoesNotLoad(error?.message ?? LocalizedText(verbatim: "")),
                                                  at: error?.location, event: event.location))
            }
            do {
                var editor = try YAMLEditor(text: current, file: file)
                var applier = EventResolver(topology: topology, editor: editor, language: language, event: event)
                try applier.apply()
                editor = applier.editor
                guard editor.text != current else { continue }
                current = editor.text
            } catch let error as YAMLEditError {
                return .failure(StoryEventFailure(error.message, at: original(error.location, text, current), event: event.location))
            } catch var failure as StoryEventFailure {
                failure.location = original(failure.location, text, current)
                return .failure(failure)
            } catch {
                return .failure(StoryEventFailure(LocalizedText(verbatim: "\(error)"), at: nil, event: event.location))
            }
            loaded = TopologyLoader.load(text: current, file: file)
            broken.formUnion(event.breaks.map { "topology." + $0 })
            if let error = unexpected(loaded) {
                return .failure(StoryEventFailure(EventText.wouldNotLoad(error.message, line: error.location?.line), at: nil, event: event.location))
            }
        }
        return .success(StoryArrival(text: current, diff: LineDiff(old: text, new: current)))
    }

    /// A place in the text after earlier events, as a place in the learner's own file
    /// (nil when it is a line an earlier event wrote).
    static func original(_ location: SourceLocation?, _ text: String, _ current: String) -> SourceLocation? {
        guard var location, text != current else { return location }
        var newLine = 0
        for line in LineDiff(old: text, new: current).lines {
            guard line.kind != .removed else { continue }
            newLine += 1
            if newLine == location.line {
                guard line.kind == .kept else { return nil }
                location.line = line.number
                return location
            }
        }
        return nil
    }
}

/// One event against one loaded topology: finds what the selectors and references
/// mean in this learner's file, then asks the editor for the change.
struct EventResolver {
    let topology: Topology
    let facts: TopologyFacts
    var editor: YAMLEditor
    let language: Language
    let event: StoryEvent

    init(topology: Topology, editor: YAMLEditor, language: Language, event: StoryEvent) {
        self.topology = topology
        self.facts = TopologyFacts(topology)
        self.editor = editor
        self.language = language
        self.event = event
    }

    var note: String? { event.note?.text(language) }

    func fail(_ message: LocalizedText, at location: SourceLocation? = nil) -> StoryEventFailure {
        StoryEventFailure(message, at: location, event: event.location)
    }

    mutating func apply() throws {
        switch event.operation {
        case .add(let section, let name, let value):
            try add(section: section, name: name, value: resolve(value))
        case .set(let select, let key, let value):
            let resolved = try resolve(value)
            for name in try subjects(select) { try set(name: name, key: key, value: resolved) }
        case .addRule(let select, let direction, let rule):
            let resolved = try resolve(rule)
            for group in try securityGroups(of: select) {
                try appendUnlessPresent(resolved, to: [.key("security-groups"), .key(group)], list: direction.rawValue)
            }
        case .addRoute(let select, let route):
            let resolved = try resolve(route)
            var done: Set<String> = []
            for name in try subjects(select) {
                let subnet = try subnet(of: name)
                if let table = writtenRouteTable(of: subnet) {
                    if done.insert(table).inserted { try appendUnlessPresent(resolved, to: [.key("route-tables"), .key(table)], list: "routes") }
                } else if done.insert(subnet.name).inserted {
                    try giveRouteTable(to: subnet, route: resolved)
                }
            }
        case .addForward(let select, let port, let toPort):
            try addForward(select, port: port, toPort: toPort)
        case .aclRule(let select, let direction, let change):
            let resolved: StoryEvent.ACLChange = switch change {
            case .add(let rule): .add(try resolve(rule))
            case .replace(let rule): .replace(try resolve(rule))
            case .remove: change
            }
            for acl in try networkACLs(of: select) { try changeACLRule(acl, direction, resolved) }
        }
    }

    // MARK: Operations

    mutating func add(section: String, name: String, value: YAMLNode) throws {
        if let existing = editor.root[section]?.entries?.first(where: { $0.key == name }) {
            if existing.value.isEquivalent(to: value) || meansTheSame(section: section, name: name, value) { return }
            throw fail(EventText.nameTaken(name, section: section), at: existing.keyLocation)
        }
        if let sectionNode = editor.root[section] {
            guard sectionNode.entries != nil else { throw fail(EventText.sectionNotMapping(section), at: sectionNode.location) }
            try editor.insertEntry(in: [.key(section)], key: name, value: value, note: note)
        } else {
            let entry = YAMLNode.Entry(key: name, keyLocation: event.location, value: value)
            try editor.insertEntry(in: [], key: section, value: YAMLNode(.mapping([entry]), at: event.location), note: note)
        }
    }

    mutating func set(name: String, key: String, value: YAMLNode) throws {
        guard let (section, entry) = entry(named: name), entry.value.entries != nil else {
            throw fail(EventText.notEditable(name), at: entry(named: name)?.1.keyLocation)
        }
        let path: [YAMLPathComponent] = [.key(section), .key(name)]
        if let existing = entry.value[key] {
            if existing.isEquivalent(to: value) { return }
            guard existing.scalar != nil, value.scalar != nil else { throw fail(EventText.notEditable(name), at: existing.location) }
            try editor.replaceScalar(at: path + [.key(key)], with: value)
        } else {
            try editor.insertEntry(in: path, key: key, value: value, note: note)
        }
    }

    /// Whether the file's own `name` already means `value`: an outside host written
    /// with another spelling of the same address (`203.0.113.10/32` for `203.0.113.10`),
    /// an instance playing the same role.
    func meansTheSame(section: String, name: String, _ value: YAMLNode) -> Bool {
        switch section {
        case "outside":
            guard let text = value.scalar, let wanted = CIDR(text) else { return false }
            return topology.outside.first { $0.name == name }?.cidr.value == wanted
        case "instances":
            // An instance of that name already playing the same role (a second WAS the
            // learner added on their own).
            guard let role = value["role"]?.scalar, let mine = instance(name) else { return false }
            return mine.roles.contains { $0.value == role }
        default:
            return false
        }
    }

    /// Appends `item` to the list `list` of the mapping at `path` (creating the list),
    /// unless an equivalent item is already there.
    mutating func appendUnlessPresent(_ item: YAMLNode, to path: [YAMLPathComponent], list: String) throws {
        guard let owner = editor.node(at: path), owner.entries != nil else {
            throw fail(EventText.notEditable(path.last?.description ?? ""), at: editor.node(at: path)?.location)
        }
        guard let existing = owner[list], !existing.isNull else {
            if owner[list] != nil { throw fail(EventText.notEditable(path.last?.description ?? ""), at: owner[list]?.location) }
            try editor.insertEntry(in: path, key: list, value: YAMLNode(.sequence([item]), at: event.location), note: note)
            return
        }
        if existing.items?.contains(where: { $0.isEquivalent(to: item) }) == true { return }
        try editor.appendItem(to: path + [.key(list)], value: item, note: note)
    }

    mutating func addForward(_ select: Selector, port: Int, toPort: Int?) throws {
        let names = facts.endpointNames(select)
        guard let host = topology.hosts.first(where: { names.contains($0.name) }) else { throw fail(EventText.noHost(select.description)) }
        var fields = [YAMLNode.Entry(key: "port", keyLocation: event.location, value: scalar(String(port))),
                      YAMLNode.Entry(key: "to", keyLocation: event.location, value: scalar(host.name))]
        if let toPort { fields.append(YAMLNode.Entry(key: "to-port", keyLocation: event.location, value: scalar(String(toPort)))) }
        let forward = YAMLNode(.mapping(fields), at: event.location)
        let site = host.site.name
        // A site without a public address exposes ports through a tunnel instead.
        let model = topology.sites.first { $0.name == site }
        let viaTunnel = model?.publicIP == nil
        let existing = viaTunnel ? model?.tunnels : model?.portForwards
        if let clash = existing?.first(where: { $0.port.value == port }) {
            if clash.target.name == host.name && clash.effectiveTargetPort == (toPort ?? port) { return }
            throw fail(EventText.portTaken(port, site: site, target: clash.target.name), at: clash.location)
        }
        try appendUnlessPresent(forward, to: [.key("sites"), .key(site)], list: viaTunnel ? "tunnels" : "port-forwards")
    }

    // MARK: Finding things

    func scalar(_ text: String) -> YAMLNode { YAMLNode(.scalar(text, .plain), at: event.location) }

    /// Sections in the order a name is looked up: components a selector picks first
    /// (a security group may share its instance's name).
    static let lookupOrder = ["instances", "hosts", "load-balancers", "sites", "nat-gateways", "subnets", "vpcs", "outside"]
        + TopologyLoader.sections.filter { !["instances", "hosts", "load-balancers", "sites", "nat-gateways", "subnets", "vpcs", "outside"].contains($0) }

    /// The section and entry that define `name` in the file.
    func entry(named name: String) -> (String, YAMLNode.Entry)? {
        for section in EventResolver.lookupOrder {
            if let entry = editor.root[section]?.entries?.first(where: { $0.key == name }) { return (section, entry) }
        }
        return nil
    }

    /// Names a selector picks (instances, hosts, load balancers, sites, or by kind).
    func subjects(_ select: Selector) throws -> [String] {
        var names = facts.endpointNames(select) + facts.sites(select)
        if case .name(let name) = select.form { names = entry(named: name) == nil ? [] : [name] }
        var seen = Set<String>()
        names = names.filter { seen.insert($0).inserted && $0 != "internet" }
        if names.isEmpty { throw fail(EventText.selectsNothing(select.description)) }
        return names
    }

    func instance(_ name: String) -> Instance? { topology.instances.first { $0.name == name } }

    /// The first security group of each selected instance or load balancer.
    func securityGroups(of select: Selector) throws -> [String] {
        var groups: [String] = []
        for name in try subjects(select) {
            let first = instance(name)?.securityGroups?.first?.name
                ?? topology.loadBalancers.first { $0.name == name }?.securityGroups.first?.name
            guard let first else { throw fail(EventText.noSecurityGroup(name), at: entry(named: name)?.1.keyLocation) }
            if !groups.contains(first) { groups.append(first) }
        }
        return groups
    }

    func subnet(of name: String) throws -> Subnet {
        let subnetName = facts.engine.placement(ofInstance: name)?.subnet
        guard let subnetName, let subnet = facts.subnet(named: subnetName) else {
            throw fail(EventText.noSubnet(name), at: entry(named: name)?.1.keyLocation)
        }
        return subnet
    }

    /// The route table written in the file that each selected instance's subnet uses.
    func routeTables(of select: Selector) throws -> [String] {
        var tables: [String] = []
        for name in try subjects(select) {
            let subnet = try subnet(of: name)
            guard let table = writtenRouteTable(of: subnet) else { throw fail(EventText.noRouteTable(subnet.name), at: subnet.location) }
            if !tables.contains(table) { tables.append(table) }
        }
        return tables
    }

    /// The route table a subnet uses, when the file writes it (not the implicit main one).
    func writtenRouteTable(of subnet: Subnet) -> String? {
        guard let table = facts.routeTable(ofSubnet: subnet)?.name, editor.root["route-tables"]?[table] != nil else { return nil }
        return table
    }

    /// A subnet on its VPC's implicit main table (the local route only) gets a table of
    /// its own holding that route: `SUBNET-routes`, then `route-table:` on the subnet.
    mutating func giveRouteTable(to subnet: Subnet, route: YAMLNode) throws {
        let name = subnet.name + "-routes"
        let routes = YAMLNode.Entry(key: "routes", keyLocation: event.location, value: YAMLNode(.sequence([route]), at: event.location))
        try add(section: "route-tables", name: name, value: YAMLNode(.mapping([routes]), at: event.location))
        try set(name: subnet.name, key: "route-table", value: scalar(name))
    }

    // MARK: References

    /// `value` with every reference replaced by the learner's name for it.
    func resolve(_ value: YAMLNode) throws -> YAMLNode {
        switch value.kind {
        case .scalar: return value
        case .sequence(let items): return YAMLNode(.sequence(try items.map(resolve)), at: value.location)
        case .mapping(let entries):
            if entries.count == 1, let entry = entries.first, StoryEvent.referenceKeys.contains(entry.key), let text = entry.value.scalar {
                return try reference(entry.key, Selector(parsing: text, at: entry.value.location))
            }
            var resolved: [YAMLNode.Entry] = []
            for entry in entries { resolved.append(YAMLNode.Entry(key: entry.key, keyLocation: entry.keyLocation, value: try resolve(entry.value))) }
            return YAMLNode(.mapping(resolved), at: value.location)
        }
    }

    func reference(_ kind: String, _ select: Selector) throws -> YAMLNode {
        if kind == "subnets-of" || kind == "cidr-of" { return try gathered(kind, select) }
        let names = try subjects(select)
        var answers: [YAMLNode] = []
        for name in names {
            let answer: YAMLNode
            switch kind {
            case "name-of": answer = scalar(name)
            case "security-group-of": answer = scalar(try securityGroups(of: Selector(.name(name), at: select.location))[0])
            case "security-groups-of":
                guard let groups = instance(name)?.securityGroups, !groups.isEmpty else { throw fail(EventText.noSecurityGroup(name)) }
                answer = YAMLNode(.sequence(groups.map { scalar($0.name) }), at: event.location)
            case "subnet-of": answer = scalar(try subnet(of: name).name)
            case "route-table-of": answer = scalar(try routeTables(of: Selector(.name(name), at: select.location))[0])
            case "internet-gateway-of":
                let vpc = try subnet(of: name).vpc.name
                guard let gateway = topology.internetGateways.first(where: { $0.vpc?.name == vpc }) else { throw fail(EventText.noGateway(vpc)) }
                answer = scalar(gateway.name)
            default: answer = scalar(try siblingSubnet(names).name)
            }
            if !answers.contains(where: { $0.isEquivalent(to: answer) }) { answers.append(answer) }
        }
        guard answers.count == 1 else { throw fail(EventText.ambiguous(select.description, names)) }
        return answers[0]
    }

    /// A subnet of the same VPC and the same kind (public or private) as the first
    /// instance's, in an availability zone none of the instances uses (else any other AZ).
    func siblingSubnet(_ names: [String]) throws -> Subnet {
        let first = try subnet(of: names[0])
        let used = Set(try names.compactMap { try subnet(of: $0).availabilityZone?.value })
        let isPublic = facts.isPublic(subnet: first.name)
        let candidates = topology.subnets.filter {
            $0.vpc.name == first.vpc.name && $0.name != first.name && facts.isPublic(subnet: $0.name) == isPublic
                && $0.availabilityZone?.value != first.availabilityZone?.value
        }
        if let fresh = candidates.first(where: { !used.contains($0.availabilityZone?.value ?? "") }) ?? candidates.first { return fresh }
        throw fail(EventText.noSibling(first.name))
    }
}
