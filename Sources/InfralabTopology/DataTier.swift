import InfralabSyntax

// MARK: - The data tier: subnet groups, managed databases (RDS) and caches (ElastiCache)

/// `subnet-groups: { data: { subnets: [private-a, private-c] } }`: an RDS DB subnet group
/// (and the ElastiCache subnet group of the same subnets). AWS wants at least two
/// subnets in at least two AZs of one VPC (`subnet-group-azs`, `subnet-group-one-vpc`).
public struct SubnetGroup: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    /// In the learner's order: the primary sits in the first, a standby in the first of another AZ.
    public var subnets: [Reference]

    public init(name: String, location: SourceLocation, subnets: [Reference]) {
        self.name = name
        self.location = location
        self.subnets = subnets
    }
}

/// The engine a managed data store runs, with its default port.
public enum DataEngine: String, Sendable, Hashable, CaseIterable {
    case mysql, postgres, mariadb
    case redis, memcached

    /// The engines each kind offers, in the order messages list them.
    public static let databaseEngines: [DataEngine] = [.mysql, .postgres, .mariadb]
    public static let cacheEngines: [DataEngine] = [.redis, .memcached]

    public var defaultPort: Int {
        switch self {
        case .mysql, .mariadb: 3306
        case .postgres: 5432
        case .redis: 6379
        case .memcached: 11211
        }
    }
}

/// A managed database (`databases:`, RDS) or cache (`caches:`, ElastiCache): it sits in
/// a subnet group's subnets, answers on one port, never starts a connection and never
/// forwards one. With `multi-az: true` a standby (a replica with automatic failover for a
/// cache) waits in another AZ of the group and takes over when the primary's AZ or the
/// primary itself fails.
public struct DataStore: Sendable, Hashable {
    public enum Service: String, Sendable, Hashable, CaseIterable {
        case database, cache

        public var kind: ComponentKind { self == .database ? .database : .cache }
        /// The role it plays when `role:` is not written.
        public var defaultRole: String { self == .database ? "db" : "cache" }
        public var engines: [DataEngine] { self == .database ? DataEngine.databaseEngines : DataEngine.cacheEngines }
    }

    public var name: String
    public var location: SourceLocation
    public var service: Service
    public var engine: Located<DataEngine>
    /// nil: the engine's default port.
    public var port: Located<Int>?
    public var subnetGroup: Reference?
    public var securityGroups: [Reference]
    /// nil: not written (false).
    public var multiAZ: Located<Bool>?
    /// nil: not written (false). Databases only.
    public var publiclyAccessible: Located<Bool>?
    /// `role:`; empty: the service's default role (`db`, `cache`).
    public var roles: [Located<String>]

    public init(name: String, location: SourceLocation, service: Service, engine: Located<DataEngine>, port: Located<Int>? = nil,
                subnetGroup: Reference?, securityGroups: [Reference], multiAZ: Located<Bool>? = nil,
                publiclyAccessible: Located<Bool>? = nil, roles: [Located<String>] = []) {
        self.name = name
        self.location = location
        self.service = service
        self.engine = engine
        self.port = port
        self.subnetGroup = subnetGroup
        self.securityGroups = securityGroups
        self.multiAZ = multiAZ
        self.publiclyAccessible = publiclyAccessible
        self.roles = roles
    }

    public var kind: ComponentKind { service.kind }
    public var effectivePort: Int { port?.value ?? engine.value.defaultPort }
    public var isMultiAZ: Bool { multiAZ?.value ?? false }
    public var isPubliclyAccessible: Bool { publiclyAccessible?.value ?? false }
    /// The roles it plays: as written, else `db` or `cache`.
    public var effectiveRoles: [String] { roles.isEmpty ? [service.defaultRole] : roles.map(\.value) }
}

extension Topology {
    /// Databases, then caches: the order the engine and the index number them in.
    public var dataStores: [DataStore] { databases + caches }
}
