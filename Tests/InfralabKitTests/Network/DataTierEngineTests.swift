import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab

/// Databases and caches as flow endpoints (`Docs/network-engine.md`, "Databases and
/// caches"): each test names the flow, whether it is reached or refused, and why —
/// the rule, the hop and the line that decides, failover included.
@Suite("Data tier in the engine") struct DataTierEngineTests {
    /// Line numbers matter: `orders` is line 25, its `multi-az:` line 29; `sessions` line 32.
    static func topology(dbMultiAZ: String = "true", dbGroup: String = "data", dbPublic: String = "false",
                         dbInbound: String = "{ port: 3306, from: app }", cache: String = "{ engine: redis, subnet-group: data, security-groups: [cache] }") -> String {
        """
        vpcs:
          main: { cidr: 10.0.0.0/16, internet-gateway: igw }
        subnets:
          public-a: { cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
          public-c: { cidr: 10.0.2.0/24, az: ap-northeast-2c, route-table: public }
          private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
          private-c: { cidr: 10.0.12.0/24, az: ap-northeast-2c }
        route-tables:
          public: { routes: [ { to: 0.0.0.0/0, via: igw } ] }
        security-groups:
          app: { inbound: [ { port: 8080, from: internet } ] }
          db: { inbound: [ \(dbInbound) ] }
          cache: { inbound: [ { port: 6379, from: app } ] }
          other: {}
        instances:
          app-a: { subnet: public-a, public-ip: true, security-groups: [app], role: was }
          app-c: { subnet: public-c, public-ip: true, security-groups: [app], role: was }
          stranger: { subnet: public-c, security-groups: [other] }
        subnet-groups:
          data: { subnets: [private-a, private-c] }
          open: { subnets: [public-a, public-c] }
        outside:
          admin: 203.0.113.10
        databases:
          orders:
            engine: mysql
            subnet-group: \(dbGroup)
            security-groups: [db]
            multi-az: \(dbMultiAZ)
            publicly-accessible: \(dbPublic)
        caches:
          sessions: \(cache)
        """
    }

    func engine(_ text: String) throws -> NetworkEngine {
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics.map(\.message.en))")
        return NetworkEngine(topology: try #require(loaded.topology))
    }

    func probe(_ engine: NetworkEngine, _ from: String, _ to: String, _ port: Int, _ incidents: [Incident] = []) -> FlowResult {
        engine.evaluate(FlowQuery(from: Endpoint(from), to: .named(to), port: port, incidents: incidents))
    }

    @Test("the app reaches the database's primary in the first subnet of its group, allowed by the db group's rule from app")
    func appReachesPrimary() throws {
        let engine = try engine(Self.topology())
        let result = probe(engine, "app-a", "orders", 3306)
        #expect(result.getsThrough)
        let last = try #require(result.hops.last)
        #expect(last.kind == .database && last.name == "orders")
        #expect(last.detail.en.contains("10.0.11."), "the primary sits in private-a: \(last.detail.en)")
        #expect(result.hops.contains { $0.kind == .securityGroup && $0.name == "db" && $0.verdict == .pass && $0.location?.line == 12 })
        let placement = try #require(engine.placement(ofDataStore: "orders"))
        #expect(placement.primarySubnet == "private-a" && placement.standbySubnet == "private-c")
        #expect(placement.availabilityZones == ["ap-northeast-2a", "ap-northeast-2c"])
    }

    @Test("an instance outside the app group is refused by the db group (ENI_SG_RULES_MISMATCH at the group's line)")
    func strangerRefused() throws {
        let result = probe(try engine(Self.topology()), "stranger", "orders", 3306)
        #expect(!result.isReachable)
        #expect(result.reason.code == .securityGroupIngress)
        #expect(result.reason.location?.line == 12)
    }

    @Test("a port the group admits but the database does not listen on is refused (PORT_NOT_LISTENING)")
    func onlyItsPort() throws {
        let engine = try engine(Self.topology(dbInbound: "{ port: 3306-5432, from: app }"))
        let result = probe(engine, "app-a", "orders", 5432)
        #expect(result.reason.code == .portNotListening)
        #expect(result.reason.message.en.contains("it answers on 3306"))
    }

    @Test("az-outage of the primary's AZ: a Multi-AZ database answers from its standby in the other AZ, and the trace says so at `multi-az:`")
    func multiAZFailover() throws {
        let result = probe(try engine(Self.topology()), "app-c", "orders", 3306, [.azOutage("ap-northeast-2a")])
        #expect(result.getsThrough)
        let failover = try #require(result.hops.first { $0.kind == .database && $0.verdict == .info })
        #expect(failover.location?.line == 29, "points at `multi-az: true`")
        #expect(failover.detail.en.contains("standby in ap-northeast-2c takes over"))
        #expect(result.hops.last?.detail.en.contains("10.0.12.") == true, "the standby sits in private-c")
    }

    @Test("az-outage of the primary's AZ: a single-AZ database is down, and the reason points at `multi-az: false`")
    func singleAZDown() throws {
        let result = probe(try engine(Self.topology(dbMultiAZ: "false")), "app-c", "orders", 3306, [.azOutage("ap-northeast-2a")])
        #expect(!result.isReachable)
        #expect(result.reason.code == .endpointDown)
        #expect(result.reason.location?.line == 29 && result.reason.location?.column == 15)
        #expect(result.reason.message.en.contains("without `multi-az: true` no standby takes over"))
        #expect(result.reason.message.ko?.contains("데이터베이스 orders가 꺼져 있어요") == true)
    }

    @Test("a cache without `multi-az:` written is down under its AZ's outage; the reason points at the cache itself")
    func cacheDownAtItsLine() throws {
        let result = probe(try engine(Self.topology()), "app-c", "sessions", 6379, [.azOutage("ap-northeast-2a")])
        #expect(result.reason.code == .endpointDown)
        #expect(result.reason.location?.line == 32)
        #expect(result.hops.last?.kind == .cache)
    }

    @Test("an outage of the standby's AZ changes nothing: the primary answers")
    func standbyAZOutage() throws {
        let result = probe(try engine(Self.topology(dbMultiAZ: "false")), "app-a", "orders", 3306, [.azOutage("ap-northeast-2c")])
        #expect(result.getsThrough)
    }

    @Test("instance-failure of the database fails over like an outage; both AZs out leaves nothing to answer")
    func instanceFailureAndBothAZs() throws {
        let engine = try engine(Self.topology())
        #expect(probe(engine, "app-a", "orders", 3306, [.instanceFailure("orders")]).getsThrough)
        #expect(!engine.isAlive("sessions", under: [.instanceFailure("sessions")]))
        let both = probe(engine, "internet", "orders", 3306, [.instanceFailure("orders"), .azOutage("ap-northeast-2c")])
        #expect(both.reason.code == .endpointDown)
        #expect(both.reason.message.en.contains("its primary and its standby are both out"))
    }

    @Test("a database never starts a connection (CANNOT_ROUTE at its declaration)")
    func neverAClient() throws {
        let result = probe(try engine(Self.topology()), "orders", "app-a", 8080)
        #expect(result.reason.code == .cannotRoute)
        #expect(result.reason.location?.line == 25)
        #expect(result.reason.message.ko == "orders는 관리형 데이터베이스라서 3306번 포트로 연결을 받기만 하고, 먼저 연결을 시작하지 않아요")
    }

    @Test("from the internet: refused without `publicly-accessible`, refused in a private subnet, reached when public with an open group")
    func publicAccess() throws {
        let closed = probe(try engine(Self.topology()), "internet", "orders", 3306)
        #expect(closed.reason.code == .noPublicIP)
        #expect(closed.reason.location?.line == 30, "points at `publicly-accessible: false`")

        let privateSubnet = probe(try engine(Self.topology(dbPublic: "true", dbInbound: "{ port: 3306, from: internet }")), "internet", "orders", 3306)
        #expect(privateSubnet.reason.code == .noRouteToInternetGateway, "\(privateSubnet.reason.message.en)")

        let open = try engine(Self.topology(dbGroup: "open", dbPublic: "true", dbInbound: "{ port: 3306, from: internet }"))
        #expect(probe(open, "internet", "orders", 3306).getsThrough)
        #expect(open.placement(ofDataStore: "orders")?.isReachableFromInternetByRouting == true)
        #expect(!open.openPaths(from: .internet, to: "orders", port: 3306).isEmpty, "`unreachable` guarantees see the open path")
    }

    @Test("a managed database is the db tier of a service; Multi-AZ keeps it answering when either AZ goes dark")
    func serviceTier() throws {
        let spec = ServiceSpec(entryPort: 8080, tiers: [.init(role: "was", port: 8080), .init(role: "db", port: 3306)])
        let multi = try engine(Self.topology())
        for az in ["ap-northeast-2a", "ap-northeast-2c"] {
            #expect(multi.serviceAnswers(spec, incidents: [.azOutage(az)]).answers, "\(az)")
        }
        let single = try engine(Self.topology(dbMultiAZ: "false"))
        let down = single.serviceAnswers(spec, incidents: [.azOutage("ap-northeast-2a")])
        #expect(!down.answers)
        #expect(down.reason?.location?.line == 29, "the reason points at `multi-az: false`")
    }
}
