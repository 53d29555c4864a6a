import Testing
@testable import InfralabSyntax
@testable import InfralabTopology

/// The data tier's validation rules beyond their own failing/passing examples: the
/// cases where a learner's file differs from the example (the shared rule
/// `security-group-other-vpc`, unknown names, Korean wording).
@Suite("Data tier validation") struct DataTierRuleTests {
    @Test("a database using a security group of another VPC is refused at the reference (security-group-other-vpc)")
    func databaseGroupOtherVPC() throws {
        let (_, diagnostics) = try loadTopology("""
            vpcs:
              blue: { cidr: 10.0.0.0/16 }
              green: { cidr: 10.1.0.0/16 }
            subnets:
              blue-a: { vpc: blue, cidr: 10.0.11.0/24, az: ap-northeast-2a }
              blue-c: { vpc: blue, cidr: 10.0.12.0/24, az: ap-northeast-2c }
            security-groups:
              db: { vpc: green, inbound: [ { port: 3306, from: 10.1.0.0/16 } ] }
            subnet-groups:
              data: { subnets: [blue-a, blue-c] }
            databases:
              orders: { engine: mysql, subnet-group: data, security-groups: [db] }
            """)
        let error = try #require(diagnostics.first { $0.code == "topology.security-group-other-vpc" })
        #expect(error.location?.line == 12 && error.location?.column == 66)
        #expect(error.message.en == "security group `db` belongs to VPC `green`, but `orders` is in VPC `blue`")
        #expect(error.message.ko == "보안 그룹 `db`는 VPC `green`의 것인데, `orders`는 VPC `blue`에 있어요")
    }

    @Test("a subnet group with an unknown subnet is judged on the subnets that exist, not reported twice")
    func unknownSubnetInGroup() throws {
        let (_, diagnostics) = try loadTopology("""
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
            subnet-groups:
              data: { subnets: [private-a, private-x] }
            """)
        #expect(diagnostics.map(\.code) == ["topology.unknown-reference"])
    }

    @Test("a subnet group in one AZ names the AZ, in both languages, at the group's name")
    func oneAZ() throws {
        let (_, diagnostics) = try loadTopology("""
            vpcs:
              main: { cidr: 10.0.0.0/16 }
            subnets:
              private-a: { cidr: 10.0.11.0/24, az: ap-northeast-2a }
              private-a2: { cidr: 10.0.12.0/24, az: ap-northeast-2a }
            subnet-groups:
              data: { subnets: [private-a, private-a2] }
            """)
        let error = try #require(diagnostics.first { $0.code == "topology.subnet-group-azs" })
        #expect(error.location?.line == 7 && error.location?.column == 3)
        #expect(error.message.en.contains("every subnet of subnet group `data` is in ap-northeast-2a"))
        #expect(error.message.ko == "서브넷 그룹 `data`의 서브넷이 모두 ap-northeast-2a에 있어요. AWS는 가용 영역 두 곳 이상의 서브넷을 요구해요")
    }

    @Test("identifiers: AWS's naming rule, with a name it would take suggested")
    func identifiers() {
        #expect(DataStoreIdentifier.problem("orders", limit: 63) == nil)
        #expect(DataStoreIdentifier.problem("orders_db", limit: 63)?.en == "only letters, digits and hyphens")
        #expect(DataStoreIdentifier.problem("orders-", limit: 63) != nil)
        #expect(DataStoreIdentifier.problem("a--b", limit: 63) != nil)
        #expect(DataStoreIdentifier.problem(String(repeating: "a", count: 41), limit: 40)?.en == "at most 40 characters")
        #expect(DataStoreIdentifier.suggestedName("orders_db") == "orders-db")
        #expect(DataStoreIdentifier.suggestedName("1sessions") == "x-1sessions")
    }
}
