import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Whether two topology files describe the same story situation, whatever their
/// comments, key order and flow or block style: the same settings (every mapping
/// compared key by key, lists item by item), and the same resolved placement — each
/// subnet public or private with the same route table, each instance with the same
/// subnet, AZ and addresses (which can depend on the order instances are written).
package enum StoryComparison {
    package static func difference(_ aText: String, _ a: Topology, _ bText: String, _ b: Topology) -> LocalizedText? {
        if let x = YAMLParser.parse(aText, file: "a").root, let y = YAMLParser.parse(bText, file: "b").root,
           let path = firstDifference(canonical(x), canonical(y), path: []) {
            return LocalizedText(en: "the settings differ at `\(path)`", ko: "`\(path)` 설정이 달라요")
        }
        let one = NetworkEngine(topology: a), other = NetworkEngine(topology: b)
        for subnet in a.subnets {
            let left = (one.isPublicSubnet(subnet.name), one.effectiveRouteTable(ofSubnet: subnet.name)?.name)
            let right = (other.isPublicSubnet(subnet.name), other.effectiveRouteTable(ofSubnet: subnet.name)?.name)
            if left != right {
                return LocalizedText(en: "subnet `\(subnet.name)` is placed differently (public or private, route table)",
                                     ko: "서브넷 `\(subnet.name)`의 성격(퍼블릭/프라이빗, 라우팅 테이블)이 달라요")
            }
        }
        for instance in a.instances where one.placement(ofInstance: instance.name) != other.placement(ofInstance: instance.name) {
            return LocalizedText(en: "instance `\(instance.name)` gets other addresses or another place",
                                 ko: "인스턴스 `\(instance.name)`의 주소나 위치가 달라요")
        }
        return nil
    }

    /// Mapping entries sorted by key, all the way down.
    static func canonical(_ node: YAMLNode) -> YAMLNode {
        switch node.kind {
        case .scalar: return node
        case .sequence(let items): return YAMLNode(.sequence(items.map(canonical)), at: node.location)
        case .mapping(let entries):
            let sorted = entries.sorted { $0.key < $1.key }.map { YAMLNode.Entry(key: $0.key, keyLocation: $0.keyLocation, value: canonical($0.value)) }
            return YAMLNode(.mapping(sorted), at: node.location)
        }
    }

    /// The dotted path of the first place two canonical trees differ.
    static func firstDifference(_ a: YAMLNode, _ b: YAMLNode, path: [String]) -> String? {
        let here = path.isEmpty ? "(top level)" : path.joined(separator: ".")
        switch (a.kind, b.kind) {
        case let (.mapping(x), .mapping(y)):
            for key in Set(x.map(\.key)).union(y.map(\.key)).sorted() {
                guard let l = x.first(where: { $0.key == key }), let r = y.first(where: { $0.key == key }) else { return (path + [key]).joined(separator: ".") }
                if let found = firstDifference(l.value, r.value, path: path + [key]) { return found }
            }
            return nil
        case let (.sequence(x), .sequence(y)):
            if x.count != y.count { return here }
            for (offset, pair) in zip(x, y).enumerated() {
                if let found = firstDifference(pair.0, pair.1, path: path + ["[\(offset)]"]) { return found }
            }
            return nil
        default:
            return a.isEquivalent(to: b) ? nil : here
        }
    }
}
