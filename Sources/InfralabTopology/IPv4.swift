import InfralabSyntax

/// An IPv4 address as a 32-bit number.
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: UInt32

    public init(_ value: UInt32) { self.value = value }

    /// Parses dotted-quad notation strictly: four decimal octets 0–255, no leading zeros
    /// (so `010.0.0.1` is refused rather than read as octal or decimal by surprise).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if part.count > 1 && part.first == "0" { return nil }
            guard let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        self.value = value
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }

    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    public func advanced(by offset: Int64) -> IPv4Address? {
        let result = Int64(value) + offset
        guard result >= 0, result <= Int64(UInt32.max) else { return nil }
        return IPv4Address(UInt32(result))
    }

    /// RFC 1918 private ranges: 10/8, 172.16/12, 192.168/16.
    public var isPrivate: Bool { CIDR.rfc1918.contains { $0.contains(self) } }
}

/// An IPv4 network: an address and a prefix length.
public struct CIDR: Hashable, Sendable, CustomStringConvertible {
    public var address: IPv4Address
    public var prefixLength: Int

    /// `address` is masked to the network: `CIDR(10.0.1.7, 24)` is `10.0.1.0/24`.
    /// Use `CIDR(parsing:)` to learn whether host bits were set.
    public init(_ address: IPv4Address, prefixLength: Int) {
        precondition((0...32).contains(prefixLength), "prefix length out of range")
        self.prefixLength = prefixLength
        self.address = IPv4Address(address.value & CIDR.mask(prefixLength))
    }

    /// A single address as a /32.
    public init(host: IPv4Address) { self.init(host, prefixLength: 32) }

    public struct Parsed: Sendable {
        public var cidr: CIDR
        /// True when the written address had bits set beyond the prefix (`10.0.1.5/24`).
        public var hadHostBits: Bool
        /// True when written without `/N` (a single address, taken as /32).
        public var wasBareAddress: Bool
    }

    /// `A.B.C.D/N`, or a bare address as /32.
    public static func parse(_ text: some StringProtocol) -> Parsed? {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 1 || pieces.count == 2, let address = IPv4Address(pieces[0]) else { return nil }
        var prefix = 32
        if pieces.count == 2 {
            let p = pieces[1]
            guard !p.isEmpty, p.count <= 2, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p), (0...32).contains(n) else { return nil }
            if p.count > 1 && p.first == "0" { return nil }
            prefix = n
        }
        let cidr = CIDR(address, prefixLength: prefix)
        return Parsed(cidr: cidr, hadHostBits: cidr.address != address, wasBareAddress: pieces.count == 1)
    }

    public init?(_ text: some StringProtocol) {
        guard let parsed = CIDR.parse(text) else { return nil }
        self = parsed.cidr
    }

    static func mask(_ prefixLength: Int) -> UInt32 {
        prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength)
    }

    public var mask: UInt32 { CIDR.mask(prefixLength) }
    public var first: IPv4Address { address }
    public var last: IPv4Address { IPv4Address(address.value | ~mask) }
    /// Number of addresses, 1 to 2^32.
    public var size: UInt64 { UInt64(1) << UInt64(32 - prefixLength) }

    public func contains(_ address: IPv4Address) -> Bool { address.value & mask == self.address.value }

    /// `other` lies wholly inside this network.
    public func contains(_ other: CIDR) -> Bool { other.prefixLength >= prefixLength && contains(other.address) }

    public func overlaps(_ other: CIDR) -> Bool { contains(other.address) || other.contains(address) }

    public var isDefaultRoute: Bool { prefixLength == 0 }

    /// AWS reserves five addresses in every subnet: network, +1 router, +2 DNS, +3 future
    /// use, and broadcast.
    public var reservedAddresses: [IPv4Address] {
        guard size >= 8 else { return [] }
        return [first, IPv4Address(first.value + 1), IPv4Address(first.value + 2), IPv4Address(first.value + 3), last]
    }

    /// Addresses an AWS subnet of this size can give to instances (size − 5); a /28 holds 11.
    public var usableHostCount: Int { size >= 8 ? Int(size) - 5 : 0 }

    /// The first address an instance gets when none is written: network + 4.
    public var firstAssignable: IPv4Address? { size >= 8 ? IPv4Address(first.value + 4) : nil }

    public var isPrivate: Bool { CIDR.rfc1918.contains { $0.contains(self) } }

    public static let rfc1918: [CIDR] = [
        CIDR(IPv4Address(10 << 24), prefixLength: 8),
        CIDR(IPv4Address(172 << 24 | 16 << 16), prefixLength: 12),
        CIDR(IPv4Address(192 << 24 | 168 << 16), prefixLength: 16),
    ]

    public static let anywhere = CIDR(IPv4Address(0), prefixLength: 0)

    public var description: String { "\(address)/\(prefixLength)" }
}

/// An inclusive range of ports, 0–65535. A single port is `80...80`.
public struct PortRange: Hashable, Sendable, CustomStringConvertible {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int, _ upper: Int) {
        precondition(lower <= upper)
        self.lower = lower
        self.upper = upper
    }

    public init(port: Int) { self.init(port, port) }

    /// `80`, `1024-65535`, or `all` / `*` (0-65535).
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingWhitespace
        if trimmed == "all" || trimmed == "*" {
            self.init(0, 65535)
            return
        }
        let pieces = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 1 || pieces.count == 2 else { return nil }
        var numbers: [Int] = []
        for piece in pieces {
            let p = piece.trimmingWhitespace
            guard !p.isEmpty, p.count <= 5, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p), (0...65535).contains(n) else { return nil }
            numbers.append(n)
        }
        guard numbers.first! <= numbers.last! else { return nil }
        self.init(numbers.first!, numbers.last!)
    }

    public static let all = PortRange(0, 65535)
    /// Linux's default ephemeral range.
    public static let linuxEphemeral = PortRange(32768, 60999)
    public static let windowsEphemeral = PortRange(49152, 65535)
    /// The range NAT gateways and load balancers use; AWS's advice for NACL replies.
    public static let awsEphemeral = PortRange(1024, 65535)

    public func contains(_ port: Int) -> Bool { (lower...upper).contains(port) }
    public func contains(_ other: PortRange) -> Bool { lower <= other.lower && other.upper <= upper }
    public func overlaps(_ other: PortRange) -> Bool { lower <= other.upper && other.lower <= upper }
    public var count: Int { upper - lower + 1 }
    public var isSinglePort: Bool { lower == upper }

    public var description: String { lower == upper ? "\(lower)" : "\(lower)-\(upper)" }
}

extension StringProtocol {
    package var trimmingWhitespace: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
