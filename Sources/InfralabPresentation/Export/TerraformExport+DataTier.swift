import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Subnet groups, databases (`aws_db_instance`) and caches (`aws_elasticache_*`), as
/// `CloudFormationExport+DataTier` writes them.
extension TerraformExport {
    mutating func buildDataTier() {
        let topology = plan.topology
        let forDatabases = Set(topology.databases.compactMap(\.subnetGroup?.name))
        let forCaches = Set(topology.caches.compactMap(\.subnetGroup?.name))
        for group in topology.subnetGroups {
            let subnets: Value = .list(group.subnets.map { ref("aws_subnet", .subnet, $0.name) })
            let name = plan.tf(.subnetGroup, group.name)
            if forDatabases.contains(group.name) {
                resource("aws_db_subnet_group", name, [("name", .text(group.name.lowercased())), ("subnet_ids", subnets), Self.tags(group.name)])
            }
            if forCaches.contains(group.name) {
                resource("aws_elasticache_subnet_group", name, [("name", .text(group.name.lowercased())), ("subnet_ids", subnets), Self.tags(group.name)])
            }
        }
        for database in topology.databases { addDatabase(database) }
        for cache in topology.caches { addCache(cache) }
    }

    private func groupIDs(_ store: DataStore) -> Value {
        .list(store.securityGroups.map { ref("aws_security_group", .securityGroup, $0.name) })
    }

    private mutating func addDatabase(_ database: DataStore) {
        var attributes: [(String, Value)] = [
            ("identifier", .text(database.name.lowercased())), ("engine", .text(database.engine.value.rawValue)),
            ("instance_class", .text("db.t3.micro")), ("allocated_storage", .number(20)), ("username", .text("dbadmin")),
            ("manage_master_user_password", .bool(true)), ("port", .number(database.effectivePort)),
            ("multi_az", .bool(database.isMultiAZ)), ("publicly_accessible", .bool(database.isPubliclyAccessible)),
            ("storage_encrypted", .bool(true)), ("skip_final_snapshot", .bool(true)),
        ]
        if let group = database.subnetGroup { attributes.append(("db_subnet_group_name", ref("aws_db_subnet_group", .subnetGroup, group.name, "name"))) }
        if !database.securityGroups.isEmpty { attributes.append(("vpc_security_group_ids", groupIDs(database))) }
        resource("aws_db_instance", plan.tf(.database, database.name),
                 attributes + [Self.tags(database.name, [("Role", database.effectiveRoles.joined(separator: ","))])])
    }

    private mutating func addCache(_ cache: DataStore) {
        let subnetGroup: [(String, Value)] = cache.subnetGroup.map { [("subnet_group_name", ref("aws_elasticache_subnet_group", .subnetGroup, $0.name, "name"))] } ?? []
        let groups: [(String, Value)] = cache.securityGroups.isEmpty ? [] : [("security_group_ids", groupIDs(cache))]
        let tags = Self.tags(cache.name, [("Role", cache.effectiveRoles.joined(separator: ","))])
        if cache.engine.value == .memcached {
            resource("aws_elasticache_cluster", plan.tf(.cache, cache.name), [
                ("cluster_id", .text(cache.name.lowercased())), ("engine", .text("memcached")), ("node_type", .text("cache.t3.micro")),
                ("num_cache_nodes", .number(1)), ("port", .number(cache.effectivePort)),
            ] + subnetGroup + groups + [tags])
            return
        }
        resource("aws_elasticache_replication_group", plan.tf(.cache, cache.name), [
            ("replication_group_id", .text(cache.name.lowercased())), ("description", .text("infralab cache \(cache.name)")),
            ("engine", .text("redis")), ("node_type", .text("cache.t3.micro")), ("num_cache_clusters", .number(cache.isMultiAZ ? 2 : 1)),
            ("automatic_failover_enabled", .bool(cache.isMultiAZ)), ("multi_az_enabled", .bool(cache.isMultiAZ)), ("port", .number(cache.effectivePort)),
        ] + subnetGroup + groups + [tags])
    }
}
