/// The keys a YAML mapping accepts, as data: the loaders check files against these
/// tables (unknown keys, missing required ones), and the JSON Schemas for editors
/// (`Docs/schema/*.schema.json`) are generated from the same tables, so the two cannot
/// drift apart.
package struct KeyTable: Sendable {
    /// A short id, the schema's `$defs` name (`subnet`, `security-group-rule-in`).
    package var id: String
    /// What the mapping is, for the schema's description.
    package var help: String
    package var keys: [Key]

    package init(_ id: String, _ help: String, _ keys: [Key]) {
        self.id = id
        self.help = help
        self.keys = keys
    }

    /// The keys the loader accepts, in the table's order.
    package var allowed: [String] { keys.map(\.name) }
    /// The keys the loader reports as missing when absent.
    package var required: [String] { keys.filter(\.isRequired).map(\.name) }

    package func key(_ name: String) -> Key? { keys.first { $0.name == name } }

    package struct Key: Sendable {
        package var name: String
        package var value: Value
        package var isRequired: Bool
        package var help: String

        package init(_ name: String, _ value: Value, required: Bool = false, _ help: String) {
            self.name = name
            self.value = value
            self.isRequired = required
            self.help = help
        }
    }

    /// What a key's value is, as the loader reads it (scalars are read as text, so `80`
    /// and `"80"` are the same port).
    package indirect enum Value: Sendable {
        case text
        /// A component's name.
        case name
        /// A name or a list of names (`security-groups: web` or `[web, ssh]`).
        case names
        case cidr
        case address
        /// An address (a /32) or a CIDR block.
        case addressOrCIDR
        /// A CIDR, an address, `internet`, or the name of an outside host, site or security group.
        case peer
        case port
        /// `80`, `1024-65535`, `all`.
        case portRange
        case boolean
        case integer(ClosedRange<Int>)
        /// One of these words (the loader ignores case).
        case choice([String])
        /// `{ en: …, ko: … }` or a plain string.
        case localized
        /// Any YAML value (what a story event writes into a topology file).
        case yaml
        case list(Value)
        case mapping(KeyTable)
        /// A mapping from names the learner chooses to values (`subnets: { public-a: … }`).
        case named(Value)
        /// Either of two shapes (`redirect: 443` or `redirect: { port: 443, protocol: HTTPS }`).
        case either(Value, Value)
    }
}
