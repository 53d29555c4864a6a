import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// A dated price table (`Labs/pricing/<region>.yaml`) and the monthly estimate
/// `infralab cost` builds from it. Prices are data: a new date or region is a new file.
package struct PriceTable: Sendable, Hashable {
    package struct LoadBalancerPrice: Sendable, Hashable {
        package var hour: Double
        package var capacityUnitHour: Double
    }

    package var region: String
    package var currency: String
    /// When the prices were read from `source` (YYYY-MM-DD).
    package var date: String
    package var source: String
    package var hoursPerMonth: Double
    package var natGatewayHour: Double
    package var natGatewayGB: Double
    package var publicIPv4Hour: Double
    package var applicationLoadBalancer: LoadBalancerPrice
    package var networkLoadBalancer: LoadBalancerPrice
    package var dnsZoneMonth: Double
    /// On-demand Linux price per hour, by instance type.
    package var instanceHour: [String: Double]
    package var file: String

    static let keys = ["region", "currency", "date", "source", "hours-per-month", "nat-gateway", "public-ipv4",
                       "load-balancer", "dns-zone", "instances"]

    /// Reads a price table, reporting every problem with its place.
    package static func read(text: String, file: String) -> (table: PriceTable?, diagnostics: [Diagnostic]) {
        let parsed = YAMLParser.parse(text, file: file)
        guard let root = parsed.root, !parsed.diagnostics.contains(where: { $0.severity == .error }) else { return (nil, parsed.diagnostics) }
        var reader = NodeReader(codePrefix: "pricing")
        var values: [String: YAMLNode] = [:]
        for entry in reader.mapping(root, "the price table", allowed: keys) ?? [] { values[entry.key] = entry.value }
        for key in keys where values[key] == nil {
            reader.missing(key, "the price table", at: root.location)
        }
        func textValue(_ key: String) -> String { values[key].flatMap { reader.text($0, "`\(key)`")?.value } ?? "" }
        func price(_ node: YAMLNode?, _ key: String, _ what: String, allowed: [String]? = nil) -> Double {
            guard let node else { return 0 }
            var fields: [String: YAMLNode] = [:]
            for entry in reader.mapping(node, what, allowed: allowed ?? [key]) ?? [] { fields[entry.key] = entry.value }
            guard let value = fields[key] else { reader.missing(key, what, at: node.location); return 0 }
            return reader.decimal(value, "`\(key)` in \(what)")
        }
        var loadBalancers: [String: YAMLNode] = [:]
        for entry in values["load-balancer"].flatMap({ reader.mapping($0, "`load-balancer`", allowed: ["application", "network"]) }) ?? [] {
            loadBalancers[entry.key] = entry.value
        }
        func loadBalancer(_ kind: String) -> LoadBalancerPrice {
            guard let node = loadBalancers[kind] else { return LoadBalancerPrice(hour: 0, capacityUnitHour: 0) }
            var fields: [String: YAMLNode] = [:]
            for entry in reader.mapping(node, "`\(kind)`", allowed: ["hour", "capacity-unit-hour"]) ?? [] { fields[entry.key] = entry.value }
            return LoadBalancerPrice(hour: fields["hour"].map { reader.decimal($0, "`hour`") } ?? 0,
                                     capacityUnitHour: fields["capacity-unit-hour"].map { reader.decimal($0, "`capacity-unit-hour`") } ?? 0)
        }
        var instances: [String: Double] = [:]
        for entry in values["instances"].flatMap({ reader.mapping($0, "`instances`") }) ?? [] {
            instances[entry.key] = reader.decimal(entry.value, "`\(entry.key)`")
        }
        let natGateway = values["nat-gateway"]
        let table = PriceTable(
            region: textValue("region"), currency: textValue("currency"), date: textValue("date"), source: textValue("source"),
            hoursPerMonth: values["hours-per-month"].map { reader.decimal($0, "`hours-per-month`") } ?? 730,
            natGatewayHour: price(natGateway, "hour", "`nat-gateway`", allowed: ["hour", "gb"]),
            natGatewayGB: natGateway?.entries?.first { $0.key == "gb" }.map { reader.decimal($0.value, "`gb`") } ?? 0,
            publicIPv4Hour: price(values["public-ipv4"], "hour", "`public-ipv4`"),
            applicationLoadBalancer: loadBalancer("application"), networkLoadBalancer: loadBalancer("network"),
            dnsZoneMonth: price(values["dns-zone"], "month", "`dns-zone`"),
            instanceHour: instances, file: file)
        let diagnostics = parsed.diagnostics + reader.diagnostics.diagnostics
        return (diagnostics.contains { $0.severity == .error } ? nil : table, diagnostics)
    }
}

extension NodeReader {
    /// A price or count: a non-negative decimal number (`0.059`).
    mutating func decimal(_ node: YAMLNode, _ what: String) -> Double {
        guard let text = text(node, what)?.value else { return 0 }
        guard let value = Double(text), value >= 0, value.isFinite else {
            error("expected-decimal", LocalizedText(en: "\(what) should be a number such as 0.059, found `\(text)`",
                                                    ko: "\(what)에는 0.059 같은 숫자가 와야 하는데 `\(text)` 값이 있어요"),
                  at: node.location, length: node.length)
            return 0
        }
        return value
    }
}

/// What a topology costs per month, line by line.
package struct CostEstimate: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case natGateway = "nat-gateway"
        case publicIPv4 = "public-ipv4"
        case loadBalancer = "load-balancer"
        case instance
        case dnsZone = "dns-zone"
    }

    package struct Line: Sendable, Hashable {
        package var component: String
        package var kind: Kind
        /// What is charged: `t3.micro`, `elastic-ip`, `application`, …
        package var detail: String
        package var hours: Double?
        package var unitPrice: Double
        package var monthly: Double
        package var location: SourceLocation?
    }

    package var lines: [Line]
    package var table: PriceTable
    /// Instance types with no price in the table (errors for the command).
    package var unpricedTypes: [Located<String>]
    package var natGatewayCount: Int
    package var loadBalancerCount: Int
    /// The NAT gateways' names (their Elastic IPs are part of what a NAT costs).
    package var natNames: Set<String>

    package var total: Double { lines.reduce(0) { $0 + $1.monthly } }

    package init(topology: Topology, engine: NetworkEngine? = nil, table: PriceTable) {
        let engine = engine ?? NetworkEngine(topology: topology)
        let hours = table.hoursPerMonth
        var lines: [Line] = []
        var unpriced: [Located<String>] = []
        func hourly(_ component: String, _ kind: Kind, _ detail: String, _ price: Double, _ location: SourceLocation?) {
            lines.append(Line(component: component, kind: kind, detail: detail, hours: hours, unitPrice: price, monthly: hours * price, location: location))
        }
        for nat in topology.natGateways {
            hourly(nat.name, .natGateway, "nat-gateway", table.natGatewayHour, nat.location)
            if nat.elasticIP != nil { hourly(nat.name, .publicIPv4, "elastic-ip", table.publicIPv4Hour, nat.elasticIP?.location) }
        }
        for instance in topology.instances {
            let type = instance.effectiveType
            if let price = table.instanceHour[type] {
                hourly(instance.name, .instance, type, price, instance.instanceType?.location ?? instance.location)
            } else {
                unpriced.append(instance.instanceType ?? Located(type, at: instance.location))
            }
            if let placement = engine.placement(ofInstance: instance.name), placement.publicIP != nil {
                hourly(instance.name, .publicIPv4, placement.hasElasticIP ? "elastic-ip" : "public-ip", table.publicIPv4Hour,
                       instance.elasticIP?.location ?? instance.publicIP?.location ?? instance.location)
            }
        }
        for balancer in topology.loadBalancers {
            let price = balancer.kind == .application ? table.applicationLoadBalancer : table.networkLoadBalancer
            hourly(balancer.name, .loadBalancer, balancer.kind.rawValue, price.hour, balancer.location)
            if balancer.scheme == .internetFacing {
                // One public address per AZ the balancer has a node in.
                for subnet in balancer.subnets { hourly(balancer.name, .publicIPv4, "node \(subnet.name)", table.publicIPv4Hour, subnet.location) }
            }
        }
        for zone in topology.dnsZones {
            lines.append(Line(component: zone.name, kind: .dnsZone, detail: "hosted-zone", hours: nil, unitPrice: table.dnsZoneMonth,
                              monthly: table.dnsZoneMonth, location: zone.location))
        }
        self.lines = lines
        self.table = table
        self.unpricedTypes = unpriced
        self.natGatewayCount = topology.natGateways.count
        self.natNames = Set(topology.natGateways.map(\.name))
        self.loadBalancerCount = topology.loadBalancers.count
    }
}
