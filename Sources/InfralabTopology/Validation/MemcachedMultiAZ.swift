import InfralabSyntax

/// Memcached keeps no replicas, so it has no standby to fail over to: Multi-AZ with
/// automatic failover is Redis only (ElastiCache API CreateReplicationGroup,
/// `MultiAZEnabled`; memcached clusters are created with CreateCacheCluster).
package enum MemcachedMultiAZ: TopologyRule {
    package static let description = RuleDescription(
        id: "memcached-multi-az", severity: .error,
        summary: LocalizedText(en: "Only a Redis cache can be Multi-AZ: memcached has no replica to fail over to.",
                               ko: "멀티 AZ는 Redis 캐시만 쓸 수 있어요. memcached에는 장애 조치할 복제본이 없어요."),
        failingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [private-a, private-c] }
            caches:
              sessions: { engine: memcached, subnet-group: data, multi-az: ↓true }
            """,
        passingExample: """
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
            subnet-groups:
              data: { subnets: [private-a, private-c] }
            caches:
              sessions: { engine: redis, subnet-group: data, multi-az: true }
            """)

    package static func check(_ context: ValidationContext) -> [Diagnostic] {
        context.topology.caches.compactMap { cache in
            guard cache.engine.value == .memcached, let multiAZ = cache.multiAZ, multiAZ.value else { return nil }
            return description.diagnostic(
                LocalizedText(en: "cache `\(cache.name)` runs memcached, which keeps no replica: it cannot be Multi-AZ",
                              ko: "캐시 \(Korean.topic("`\(cache.name)`")) memcached라서 복제본이 없어요. 멀티 AZ로 만들 수 없어요"),
                at: multiAZ.location, length: 4,
                suggestion: LocalizedText(en: "use `engine: redis` for a replica in another AZ", ko: "다른 AZ에 복제본을 두려면 `engine: redis`를 쓰세요"))
        }
    }
}
