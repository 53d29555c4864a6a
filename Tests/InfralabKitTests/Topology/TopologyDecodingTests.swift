import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

func loadTopology(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (Topology, [Diagnostic]) {
    let result = TopologyLoader.load(text: text, file: "topology.yaml")
    let topology = try #require(result.topology, sourceLocation: sourceLocation)
    return (topology, result.diagnostics)
}

func loadFixture(_ name: String) throws -> (Topology, [Diagnostic]) {
    let path = fixture("valid/topology/\(name)").path
    return try loadTopology(String(contentsOfFile: path, encoding: .utf8))
}

@Suite("Topology decoding") struct TopologyDecodingTests {
    @Test("the design document's NAT topology decodes completely, with no warnings")
    func natTopology() throws {
        let (topology, diagnostics) = try loadFixture("nat-full.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message.en))")
        #expect(topology.vpcs.map(\.name) == ["main"])
        #expect(topology.internetGateways.map(\.name) == ["igw-main"])
        #expect(topology.internetGateways.first?.vpc?.name == "main")
        #expect(topology.subnets.count == 4)
        #expect(topology.subnets.first { $0.name == "private-c" }?.routeTable?.name == "private-c")
        let privateC = try #require(topology.routeTables.first { $0.name == "private-c" })
        #expect(privateC.vpc?.name == "main")  // inferred from its subnet
        let index = TopologyIndex(topology)
        #expect(privateC.routes.first.map { index.routeTarget($0.target.name).kind } == .natGateway)
        #expect(topology.routeTables.first { $0.name == "public" }?.routes.first.map { index.routeTarget($0.target.name).kind } == .internetGateway)
        #expect(topology.natGateways.first?.elasticIP?.value == IPv4Address("13.125.10.20"))
        #expect(topology.outside.first?.cidr.value == CIDR("203.0.113.10/32"))

        let was = try #require(topology.securityGroups.first { $0.name == "was" })
        #expect(was.outbound == nil)
        #expect(was.vpc?.name == "main")
        #expect(was.inbound.map(\.peer.value) == [.securityGroup("proxy"), .securityGroup("bastion")])
        #expect(was.inbound.first?.protocol == .tcp)
        #expect(was.inbound.first?.ports == PortRange(port: 8080))
        #expect(topology.securityGroups.first { $0.name == "bastion" }?.inbound.first?.peer.value == .outsideHost("admin"))
        #expect(topology.securityGroups.first { $0.name == "proxy" }?.inbound.first?.peer.value == .internet)

        let proxy = try #require(topology.instances.first { $0.name == "proxy" })
        #expect(proxy.publicIP?.value == true)
        #expect(proxy.roles.map(\.value) == ["reverse-proxy"])
        #expect(proxy.forwards.first?.target.name == "was")
        #expect(proxy.forwards.first?.effectiveTargetPort == 8080)
        #expect(proxy.securityGroups?.map(\.name) == ["proxy"])
    }

    @Test("security-group rule defaults: protocol, ports, outbound")
    func ruleDefaults() throws {
        let (topology, diagnostics) = try loadTopology("""
            security-groups:
              a:
                inbound:
                  - { port: 443, from: 0.0.0.0/0 }
                  - { from: 10.0.0.0/8 }
                  - { protocol: -1, from: anywhere }
                  - { protocol: udp, port: "1024-65535", from: 10.0.0.1 }
                  - { protocol: icmp, port: 8, from: internet }
                  - { protocol: TCP, from: internet }
                outbound: []
              b:
                inbound: []
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message.en))")
        let a = try #require(topology.securityGroups.first)
        #expect(a.inbound.map(\.protocol) == [.tcp, .all, .all, .udp, .icmp, .tcp])
        #expect(a.inbound.map(\.ports) == [PortRange(port: 443), nil, nil, PortRange(1024, 65535), nil, .all])
        #expect(a.inbound[3].peer.value == .cidr(CIDR("10.0.0.1/32")!))
        #expect(a.outbound == [])
        #expect(a.outboundLocation?.line == 10)
        #expect(topology.securityGroups[1].outbound == nil)
    }

    @Test("AWS's default VPC is synthesized for instances without a subnet")
    func defaultVPC() throws {
        let (topology, diagnostics) = try loadFixture("default-vpc.yaml")
        #expect(!diagnostics.contains { $0.severity == .error })
        let vpc = try #require(topology.vpcs.first)
        #expect(vpc.isDefault && vpc.name == "default")
        #expect(vpc.cidr.value == CIDR("172.31.0.0/16"))
        #expect(vpc.region?.value == "ap-northeast-2")
        let was = try #require(topology.instances.first { $0.name == "was" })
        #expect(was.subnet?.name == "default-ap-northeast-2a")
        #expect(vpc.location == was.location)
        let db = try #require(topology.instances.first { $0.name == "db" })
        #expect(db.subnet?.name == "default-ap-northeast-2c")
        let subnets = Dictionary(uniqueKeysWithValues: topology.subnets.map { ($0.name, $0) })
        #expect(subnets["default-ap-northeast-2a"]?.cidr.value == CIDR("172.31.0.0/20"))
        #expect(subnets["default-ap-northeast-2c"]?.cidr.value == CIDR("172.31.32.0/20"))
        #expect(subnets["default-ap-northeast-2c"]?.mapsPublicIPOnLaunch == true)
        #expect(subnets["default-ap-northeast-2c"]?.location == db.location)
        #expect(topology.internetGateways.map(\.name) == ["default-igw"])
        #expect(topology.internetGateways.first?.vpc?.name == "default")
        let main = try #require(topology.routeTables.first)
        #expect(main.isMain && main.vpc?.name == "default")
        #expect(main.routes.first?.destination.value == .cidr(.anywhere))
        #expect(main.routes.first.map { TopologyIndex(topology).routeTarget($0.target.name).kind } == .internetGateway)
        #expect(topology.securityGroups.allSatisfy { $0.vpc?.name == "default" })
    }

    @Test("the default VPC takes its region from a written VPC and its AZ letters in order")
    func defaultVPCRegion() throws {
        let (topology, diagnostics) = try loadTopology("""
            vpcs:
              lab: { cidr: 10.0.0.0/16, region: us-east-1 }
            instances:
              old: { az: us-east-1d }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message.en))")
        let subnet = try #require(topology.subnets.first { $0.name == "default-us-east-1d" })
        #expect(subnet.cidr.value == CIDR("172.31.48.0/20"))
        #expect(topology.vpcs.first { $0.isDefault }?.region?.value == "us-east-1")
    }

    @Test("associations written on route tables and ACLs land on subnets; VPCs are inferred")
    func normalization() throws {
        let (topology, diagnostics) = try loadFixture("nacl-heavy.yaml")
        #expect(!diagnostics.contains { $0.severity == .error })
        let subnets = Dictionary(uniqueKeysWithValues: topology.subnets.map { ($0.name, $0) })
        #expect(subnets["public-a"]?.networkACL?.name == "public")
        #expect(subnets["public-c"]?.networkACL?.name == "public")
        #expect(subnets["private-a"]?.networkACL?.name == "private")
        #expect(subnets["private-a"]?.routeTable == nil)
        let acls = Dictionary(uniqueKeysWithValues: topology.networkACLs.map { ($0.name, $0) })
        #expect(acls["public"]?.vpc?.name == "main")
        #expect(acls["strict-default"]?.isDefault == true)
        #expect(acls["strict-default"]?.inbound.isEmpty == true)
        let publicACL = try #require(acls["public"])
        #expect(publicACL.inbound.map(\.number.value) == [100, 110, 120, 200])
        #expect(publicACL.inbound[1].peer.value == .outsideHost("office"))
        #expect(publicACL.inbound[3].action == .deny)
        #expect(publicACL.outbound[0].peer.value == .internet)
        #expect(publicACL.outbound[2].protocol == .icmp)
        #expect(topology.instances.first { $0.name == "db" }?.securityGroups?.map(\.name) == ["db"])
        #expect(topology.instances.first { $0.name == "web" }?.publicIP?.value == true)

        let (listed, _) = try loadTopology("""
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              a: { cidr: 10.0.1.0/24 }
            route-tables:
              rt: { subnets: [a] }
            """)
        #expect(listed.subnets.first?.routeTable?.name == "rt")
        #expect(listed.subnets.first?.vpc.name == "main")  // the only VPC
        #expect(listed.routeTables.first?.vpc?.name == "main")
    }

    @Test("sites, hosts, load balancers and DNS")
    func beforeTheCloudAndEdges() throws {
        let (home, _) = try loadFixture("home-server.yaml")
        let site = try #require(home.sites.first)
        #expect(site.kind == .home && site.power == .grid)
        #expect(site.publicIP?.value == IPv4Address("121.130.10.7"))
        #expect(site.portForwards.first?.effectiveTargetPort == 8080)
        #expect(site.tunnels.first?.port.value == 443)
        #expect(home.hosts.first?.roles.map(\.value) == ["was", "db"])

        let (datacenter, _) = try loadFixture("datacenter-pair.yaml")
        let hosts = Dictionary(uniqueKeysWithValues: datacenter.hosts.map { ($0.name, $0) })
        #expect(hosts["db-2"]?.kind == .server)
        #expect(hosts["nas"]?.roles.map(\.value) == ["backup"])
        #expect(datacenter.sites.first?.power == .upsAndGenerator)

        let (pcDefault, _) = try loadTopology("sites:\n  home: {}\nhosts:\n  pc: { site: home, runs: was }\n")
        #expect(pcDefault.hosts.first?.kind == .personalComputer)

        let (edge, diagnostics) = try loadFixture("load-balancer-dns.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message.en))")
        let balancer = try #require(edge.loadBalancers.first)
        #expect(balancer.kind == .application && balancer.scheme == .internetFacing)
        #expect(balancer.listeners.map(\.protocol) == [.http, .https])
        #expect(balancer.listeners[0].redirect?.value == 443)
        #expect(balancer.listeners[1].certificate?.value == "example.com")
        #expect(balancer.listeners[1].targets.map(\.name) == ["was-a", "was-c"])
        #expect(balancer.listeners[1].targetPort?.value == 8080)
        #expect(edge.securityGroups.first { $0.name == "alb" }?.outbound?.first?.peer.value == .securityGroup("was"))
        let zone = try #require(edge.dnsZones.first)
        #expect(zone.name == "example.com")
        #expect(zone.records.map(\.type) == [.alias, .cname, .a])
    }
}

@Suite("Topology messages") struct TopologyMessageTests {
    @Test("an unknown reference names the closest existing name")
    func unknownReference() throws {
        let (_, diagnostics) = try loadTopology("""
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              public-a: { cidr: 10.0.1.0/24 }
            instances:
              web: { subnet: publc-a }
            """)
        let error = try #require(diagnostics.first { $0.code == "topology.unknown-reference" })
        #expect(error.message.en == "no subnet named `publc-a`")
        #expect(error.message.ko == "이름이 `publc-a`인 서브넷이 없어요")
        #expect(error.suggestion?.en == "did you mean `public-a`?")
        #expect(error.suggestion?.ko == "`public-a`를 쓰려던 건가요?")
        #expect(error.location?.line == 6 && error.location?.column == 18)
        #expect(error.length == 7)
    }

    @Test("an unknown key suggests the key meant")
    func unknownKey() throws {
        let (_, diagnostics) = try loadTopology("vpcs:\n  main: { cidr: 10.0.0.0/16 }\nsubnets:\n  a: { subnet-vpc: main, cidr: 10.0.1.0/24 }\n")
        let error = try #require(diagnostics.first { $0.code == "topology.unknown-key" })
        #expect(error.message.en == "unknown key `subnet-vpc` in subnet `a`")
        #expect(error.suggestion?.en == "did you mean `vpc`?")
        #expect(error.location?.column == 8)
    }

    @Test("Korean text earlier on the line does not shift the column")
    func koreanColumns() throws {
        let line = "      - { description: \"관리자 노트북에서 접속 — 한글\", port: 이십이, from: admin }"
        let (_, diagnostics) = try loadTopology("outside:\n  admin: 203.0.113.10\nsecurity-groups:\n  bastion:\n    inbound:\n\(line)\n")
        let error = try #require(diagnostics.first { $0.code == "topology.invalid-port" })
        let expectedColumn = line.unicodeScalars.firstIndex(of: "이").map { line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: $0) + 1 }
        #expect(error.location?.line == 6)
        #expect(error.location?.column == expectedColumn)
        #expect(error.message.en == "expected a port number 0–65535, found `이십이`")
        #expect(error.message.ko == "여기에는 포트 번호(0–65535)가 와야 해요(적힌 값: `이십이`)")
    }

    @Test("a wrong kind of node names what was expected")
    func wrongKind() throws {
        let (_, diagnostics) = try loadTopology("security-groups:\n  web:\n    inbound: { port: 80 }\n")
        let error = try #require(diagnostics.first)
        #expect(error.code == "topology.wrong-kind")
        #expect(error.message.en == "expected a list for security group `web`, found a mapping (key: value pairs)")
        #expect(error.message.ko == "보안 그룹 `web`에는 목록이 와야 해요(적힌 것: 매핑(키: 값 목록))")
    }

    @Test("overlapping subnets point at the second and note the first")
    func overlapNote() throws {
        let (_, diagnostics) = try loadTopology("""
            vpcs:
              fm: { cidr: 10.30.0.0/16 }
            subnets:
              FM_public_subnet_2a: { cidr: 10.30.1.0/24, az: ap-northeast-2a }
              FM_public_subnet_2c: { cidr: 10.30.1.0/24, az: ap-northeast-2c }
            """)
        let error = try #require(diagnostics.first { $0.code == "topology.subnet-overlap" })
        #expect(error.location?.line == 5)
        #expect(error.notes.first?.location?.line == 4)
        #expect(error.message.en == "subnet `FM_public_subnet_2c` (10.30.1.0/24) overlaps subnet `FM_public_subnet_2a` (10.30.1.0/24) in VPC `fm`")
    }

    @Test("parse errors are kept and decoding goes on")
    func parseErrorsKept() throws {
        let result = TopologyLoader.load(text: "vpcs:\n  main: { cidr: 10.0.0.0/16 }\n\tbad: 1\n", file: "t.yaml")
        #expect(result.hasErrors)
        #expect(result.diagnostics.contains { $0.code.hasPrefix("yaml.") })
    }

    @Test("Korean particles follow the last sound")
    func particles() {
        #expect(Korean.subject("`db`") == "`db`가")
        #expect(Korean.subject("`main`") == "`main`이")
        #expect(Korean.topic("10.0.0.0/16") == "10.0.0.0/16은")
        #expect(Korean.toward("서브넷") == "서브넷으로")
        #expect(Korean.isA("10.0.1.0/24") == "10.0.1.0/24예요")
        #expect(Korean.object("라우팅 테이블") == "라우팅 테이블을")
        #expect(Korean.subject("`subnet`") == "`subnet`이")
        #expect(Korean.topic("`home`") == "`home`은")
        #expect(Korean.topic("`route`") == "`route`는")
        #expect(Korean.topic("`was`") == "`was`는")
        #expect(Korean.topic("`my-pc`") == "`my-pc`는")
        #expect(Korean.subject("`public-ip`") == "`public-ip`가")
        #expect(Korean.object("`route_table`") == "`route_table`을")
        #expect(Korean.toward("`vpc: main`") == "`vpc: main`으로")
        #expect(Korean.toward("`igw-mail`") == "`igw-mail`로")
        #expect(Korean.toward("0.0.0.0/0") == "0.0.0.0/0으로")
    }
}
