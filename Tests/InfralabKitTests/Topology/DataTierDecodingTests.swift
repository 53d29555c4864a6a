import Testing
@testable import InfralabSyntax
@testable import InfralabTopology

/// The data tier as written (`Docs/topology.md`, "Subnet groups, databases and caches"):
/// what decodes, the defaults, and every mistake reported at its line and column.
@Suite("Data tier decoding") struct DataTierDecodingTests {
    static let base = """
        vpcs:
          main: { cidr: 10.0.0.0/16 }
        subnets:
          private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
          private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
        security-groups:
          db: { inbound: [ { port: 3306, from: app } ] }
          app: {}
        subnet-groups:
          data: { subnets: [private-a, private-c] }

        """

    @Test("a database and a cache decode with the written values and the engines' defaults")
    func decodesWithDefaults() throws {
        let (topology, diagnostics) = try loadTopology(Self.base + """
            databases:
              orders:
                engine: postgres
                subnet-group: data
                security-groups: [db]
                multi-az: true
            caches:
              sessions: { engine: redis, port: 6380, subnet-group: data, role: [cache, session-store] }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message.en))")
        #expect(topology.subnetGroups.map(\.name) == ["data"])
        #expect(topology.subnetGroups[0].subnets.map(\.name) == ["private-a", "private-c"])
        let orders = try #require(topology.databases.first)
        #expect(orders.engine.value == .postgres)
        #expect(orders.effectivePort == 5432)
        #expect(orders.isMultiAZ && !orders.isPubliclyAccessible)
        #expect(orders.multiAZ?.location.line == 16)
        #expect(orders.effectiveRoles == ["db"])
        let sessions = try #require(topology.caches.first)
        #expect(sessions.kind == .cache && sessions.effectivePort == 6380 && !sessions.isMultiAZ)
        #expect(sessions.effectiveRoles == ["cache", "session-store"])
        // A group with no `vpc:` takes the VPC of the data store that uses it.
        #expect(topology.securityGroups.first { $0.name == "db" }?.vpc?.name == "main")
    }

    @Test("an unknown key in a database is reported at the key, with the closest key suggested")
    func unknownKey() throws {
        let (_, diagnostics) = try loadTopology(Self.base + """
            databases:
              orders: { engine: mysql, subnet-group: data, multi_az: true }
            """)
        let error = try #require(diagnostics.first { $0.code == "topology.unknown-key" })
        #expect(error.location?.line == 12 && error.location?.column == 48)
        #expect(error.message.en == "unknown key `multi_az` in database `orders`")
        #expect(error.suggestion?.en == "did you mean `multi-az`?")
    }

    @Test("a cache may not be publicly accessible: the key is unknown there")
    func cacheHasNoPublicKey() throws {
        let (_, diagnostics) = try loadTopology(Self.base + """
            caches:
              sessions: { engine: redis, subnet-group: data, publicly-accessible: true }
            """)
        let error = try #require(diagnostics.first { $0.code == "topology.unknown-key" })
        #expect(error.location?.line == 12 && error.location?.column == 50)
        #expect(error.message.en == "unknown key `publicly-accessible` in cache `sessions`")
    }

    @Test("an unknown engine lists the engines of that kind; a cache cannot run postgres")
    func unknownEngine() throws {
        let (topology, diagnostics) = try loadTopology(Self.base + """
            databases:
              orders: { engine: oracle, subnet-group: data }
            caches:
              sessions: { engine: postgres, subnet-group: data }
            """)
        let errors = diagnostics.filter { $0.code == "topology.invalid-value" }
        #expect(errors.count == 2)
        #expect(errors[0].location?.line == 12 && errors[0].location?.column == 21)
        #expect(errors[0].message.en == "expected one of `mysql`, `postgres`, `mariadb`, found `oracle`")
        #expect(errors[1].location?.line == 14 && errors[1].location?.column == 23)
        #expect(errors[1].message.en == "expected one of `redis`, `memcached`, found `postgres`")
        #expect(topology.databases.isEmpty && topology.caches.isEmpty)
    }

    @Test("a database needs an engine and a subnet group; both are reported at its name")
    func missingKeys() throws {
        let (_, diagnostics) = try loadTopology(Self.base + """
            databases:
              orders: { port: 3306 }
            """)
        let missing = diagnostics.filter { $0.code == "topology.missing-key" }
        #expect(missing.map(\.message.en).sorted() == ["database `orders` needs `engine`", "database `orders` needs `subnet-group`"])
        #expect(missing.allSatisfy { $0.location?.line == 12 && $0.location?.column == 3 })
    }

    @Test("a port outside 1–65535 and a non-boolean multi-az are located errors")
    func badValues() throws {
        let (_, diagnostics) = try loadTopology(Self.base + """
            databases:
              orders: { engine: mysql, port: 0, subnet-group: data, multi-az: maybe }
            """)
        let port = try #require(diagnostics.first { $0.message.en.contains("port number 1–65535") })
        #expect(port.location?.line == 12 && port.location?.column == 34)
        let flag = try #require(diagnostics.first { $0.code == "topology.invalid-boolean" })
        #expect(flag.location?.line == 12 && flag.location?.column == 67)
    }

    @Test("names that resolve to nothing get 'did you mean' at the reference")
    func unknownNames() throws {
        let (_, diagnostics) = try loadTopology(Self.base + """
              spare: { subnets: [private-a, privat-c] }
            databases:
              orders: { engine: mysql, subnet-group: dta, security-groups: [dbb] }
            """)
        let unknown = diagnostics.filter { $0.code == "topology.unknown-reference" }
        #expect(unknown.map(\.message.en) == ["no subnet named `privat-c`", "no subnet group named `dta`", "no security group named `dbb`"])
        #expect(unknown.map(\.suggestion?.en) == ["did you mean `private-c`?", "did you mean `data`?", "did you mean `db`?"])
        #expect(unknown.map { $0.location?.line } == [11, 13, 13])
        #expect(unknown.map { $0.location?.column } == [33, 42, 65])
        #expect(unknown[1].message.ko == "이름이 `dta`인 서브넷 그룹이 없어요")
    }

    @Test("the index names databases and caches: lookup, kind, location, roles")
    func index() throws {
        let (topology, _) = try loadTopology(Self.base + """
            databases:
              orders: { engine: mysql, subnet-group: data }
            caches:
              sessions: { engine: redis, subnet-group: data }
            """)
        let index = TopologyIndex(topology)
        #expect(index.component(named: "orders")?.kind == .database)
        #expect(index.component(named: "orders")?.location.line == 12)
        #expect(index.component(named: "sessions")?.kind == .cache)
        #expect(index.component(named: "data")?.kind == .subnetGroup)
        #expect(index.components(withRole: "db").map(\.name) == ["orders"])
        #expect(index.components(withRole: "cache").map(\.name) == ["sessions"])
        #expect(index.names(of: .database) == ["orders"])
        #expect(index.dataStore(named: "sessions") == 1)
        #expect(index.vpc(ofDataStore: 0) == 0)
        #expect(ComponentKind.database.words.ko == "데이터베이스" && ComponentKind.cache.words.ko == "캐시")
    }
}
