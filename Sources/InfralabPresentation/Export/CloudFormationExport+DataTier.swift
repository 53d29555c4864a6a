import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Subnet groups, databases (RDS) and caches (ElastiCache). Instance classes are the
/// smallest current ones; the master password is kept in Secrets Manager by RDS
/// (`ManageMasterUserPassword`), never written here.
extension CloudFormationExport {
    static let databaseClass = "db.t3.micro"
    static let cacheNodeType = "cache.t3.micro"

    func dbSubnetGroupID(_ name: String) -> String { id(.subnetGroup, name) + "DB" }
    func cacheSubnetGroupID(_ name: String) -> String { id(.subnetGroup, name) + "Cache" }

    mutating func buildDataTier() {
        let topology = plan.topology
        let forDatabases = Set(topology.databases.compactMap(\.subnetGroup?.name))
        let forCaches = Set(topology.caches.compactMap(\.subnetGroup?.name))
        for group in topology.subnetGroups {
            let subnets: JSONValue = .array(group.subnets.map { Self.ref(id(.subnet, $0.name)) })
            let description = JSONValue.string("infralab subnet group \(group.name)")
            if forDatabases.contains(group.name) {
                add(dbSubnetGroupID(group.name), "AWS::RDS::DBSubnetGroup",
                    [("DBSubnetGroupDescription", description), ("SubnetIds", subnets), ("Tags", Self.tags(group.name))])
            }
            if forCaches.contains(group.name) {
                add(cacheSubnetGroupID(group.name), "AWS::ElastiCache::SubnetGroup",
                    [("Description", description), ("SubnetIds", subnets), ("Tags", Self.tags(group.name))])
            }
        }
        for database in topology.databases { addDatabase(database) }
        for cache in topology.caches { addCache(cache) }
    }

    private func groupIDs(_ store: DataStore) -> JSONValue {
        .array(store.securityGroups.map { Self.attribute(id(.securityGroup, $0.name), "GroupId") })
    }

    private mutating func addDatabase(_ database: DataStore) {
        var properties: [(String, JSONValue)] = [
            ("Engine", .string(database.engine.value.rawValue)), ("DBInstanceClass", .string(Self.databaseClass)),
            ("AllocatedStorage", .string("20")), ("MasterUsername", .string("dbadmin")), ("ManageMasterUserPassword", .bool(true)),
            ("Port", .string(String(database.effectivePort))), ("MultiAZ", .bool(database.isMultiAZ)),
            ("PubliclyAccessible", .bool(database.isPubliclyAccessible)), ("StorageEncrypted", .bool(true)),
        ]
        if let group = database.subnetGroup { properties.append(("DBSubnetGroupName", Self.ref(dbSubnetGroupID(group.name)))) }
        if !database.securityGroups.isEmpty { properties.append(("VPCSecurityGroups", groupIDs(database))) }
        let roles = database.effectiveRoles.joined(separator: ",")
        properties.append(("Tags", Self.tags(database.name, [("Role", roles)])))
        resources.append((id(.database, database.name), .object([
            ("Type", .string("AWS::RDS::DBInstance")), ("DeletionPolicy", .string("Snapshot")),
            ("UpdateReplacePolicy", .string("Snapshot")), ("Properties", .object(properties)),
        ])))
        outputs.append((id(.database, database.name) + "Endpoint", .object([
            ("Description", .string("Endpoint of database \(database.name)")), ("Value", Self.attribute(id(.database, database.name), "Endpoint.Address")),
        ])))
    }

    private mutating func addCache(_ cache: DataStore) {
        let subnetGroup: [(String, JSONValue)] = cache.subnetGroup.map { [("CacheSubnetGroupName", Self.ref(cacheSubnetGroupID($0.name)))] } ?? []
        let port = ("Port", JSONValue.number(cache.effectivePort))
        let tags = Self.tags(cache.name, [("Role", cache.effectiveRoles.joined(separator: ","))])
        if cache.engine.value == .memcached {
            var properties: [(String, JSONValue)] = [("Engine", .string("memcached")), ("CacheNodeType", .string(Self.cacheNodeType)),
                                                     ("NumCacheNodes", .number(1)), port] + subnetGroup
            if !cache.securityGroups.isEmpty { properties.append(("VpcSecurityGroupIds", groupIDs(cache))) }
            add(id(.cache, cache.name), "AWS::ElastiCache::CacheCluster", properties + [("Tags", tags)])
            return
        }
        var properties: [(String, JSONValue)] = [
            ("ReplicationGroupDescription", .string("infralab cache \(cache.name)")), ("Engine", .string("redis")),
            ("CacheNodeType", .string(Self.cacheNodeType)), ("NumCacheClusters", .number(cache.isMultiAZ ? 2 : 1)),
            ("AutomaticFailoverEnabled", .bool(cache.isMultiAZ)), ("MultiAZEnabled", .bool(cache.isMultiAZ)), port,
        ] + subnetGroup
        if !cache.securityGroups.isEmpty { properties.append(("SecurityGroupIds", groupIDs(cache))) }
        add(id(.cache, cache.name), "AWS::ElastiCache::ReplicationGroup", properties + [("Tags", tags)])
    }
}
