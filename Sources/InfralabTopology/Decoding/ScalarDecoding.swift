import InfralabSyntax

/// Typed values from scalars. Each reader reports a located error naming what was
/// expected and returns nil, so decoding goes on with the rest of the component.
/// Quoted scalars are read like plain ones (`port: "80"` is port 80).
extension TopologyDecoder {
    /// A non-empty scalar's text (the shared field reader's).
    mutating func text(_ node: YAMLNode, expected: Expectation = .text) -> Located<String>? {
        reader.text(node, FieldSubject(expected))
    }

    mutating func name(_ node: YAMLNode) -> Reference? {
        guard let text = self.text(node, expected: .name) else { return nil }
        return Reference(text.value, at: text.location)
    }

    /// A name or a list of names (`security-groups: web` or `[web, ssh]`).
    mutating func names(_ node: YAMLNode) -> [Reference] {
        if node.isNull { return [] }
        if node.scalar != nil { return name(node).map { [$0] } ?? [] }
        return (reader.sequence(node, FieldSubject(.nameOrList)) ?? []).compactMap { name($0) }
    }

    mutating func integer(_ node: YAMLNode, expected: Expectation = .integer, in range: ClosedRange<Int>? = nil) -> Located<Int>? {
        reader.integer(node, FieldSubject(expected), in: range)
    }

    mutating func port(_ node: YAMLNode) -> Located<Int>? {
        guard let text = self.text(node, expected: .port) else { return nil }
        guard let range = PortRange(text.value), range.isSinglePort else {
            error("topology.invalid-port", DecodingMessage.badValue(expected: .port, found: text.value), at: node)
            return nil
        }
        return Located(range.lower, at: text.location)
    }

    mutating func portRange(_ node: YAMLNode) -> Located<PortRange>? {
        guard let text = self.text(node, expected: .portRange) else { return nil }
        guard let range = PortRange(text.value) else {
            let expected: Expectation = text.value.contains("-") ? .portRange : .port
            error("topology.invalid-port", DecodingMessage.badValue(expected: expected, found: text.value), at: node)
            return nil
        }
        return Located(range, at: text.location)
    }

    mutating func boolean(_ node: YAMLNode) -> Located<Bool>? {
        reader.boolean(node, FieldSubject(.boolean))
    }

    mutating func address(_ node: YAMLNode) -> Located<IPv4Address>? {
        guard let text = self.text(node, expected: .address) else { return nil }
        guard let address = IPv4Address(text.value) else {
            error("topology.invalid-address", DecodingMessage.badValue(expected: .address, found: text.value), at: node)
            return nil
        }
        return Located(address, at: text.location)
    }

    /// A CIDR block; with `allowingBareAddress`, a single address as /32. Host bits are
    /// kept as a fact for the `cidr-host-bits` rule; the value is the masked network.
    mutating func cidr(_ node: YAMLNode, allowingBareAddress: Bool = false) -> Located<CIDR>? {
        let expected: Expectation = allowingBareAddress ? .addressOrCIDR : .cidr
        guard let text = self.text(node, expected: expected) else { return nil }
        guard let parsed = CIDR.parse(text.value), allowingBareAddress || !parsed.wasBareAddress else {
            error("topology.invalid-cidr", DecodingMessage.badValue(expected: expected, found: text.value), at: node)
            return nil
        }
        noteHostBits(parsed, written: text.value, at: text.location)
        return Located(parsed.cidr, at: text.location)
    }

    mutating func noteHostBits(_ parsed: CIDR.Parsed, written: String, at location: SourceLocation) {
        if parsed.hadHostBits {
            facts.cidrsWithHostBits.append(.init(written: written, cidr: parsed.cidr, location: location))
        }
    }

    /// One of a fixed set of words (the shared reader's `choice`), in any case; `aliases`
    /// maps other spellings.
    mutating func choice<Value>(_ node: YAMLNode, _ choices: [(String, Value)], aliases: [String: Value] = [:]) -> Located<Value>? {
        reader.choice(node, FieldSubject(.oneOf(choices.map(\.0))), choices, aliases: aliases)
    }

    /// One of an enum's cases by its raw value, offered in declaration order.
    mutating func choice<Value: CaseIterable & RawRepresentable>(
        _ node: YAMLNode, _ type: Value.Type, aliases: [String: Value] = [:]
    ) -> Located<Value>? where Value.RawValue == String {
        choice(node, Value.allCases.map { ($0.rawValue, $0) }, aliases: aliases)
    }

    /// `role: was` or `role: [was, db]`.
    mutating func roles(_ node: YAMLNode) -> [Located<String>] {
        names(node).map { Located($0.name, at: $0.location) }
    }
}
