import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

@Suite struct CIDRTests {
    @Test func parsesAndMasks() throws {
        let parsed = try #require(CIDR.parse("10.0.1.7/24"))
        #expect(parsed.cidr.description == "10.0.1.0/24")
        #expect(parsed.hadHostBits)
        #expect(CIDR.parse("10.0.1.0/24")?.hadHostBits == false)
        #expect(CIDR.parse("203.0.113.10")?.cidr.prefixLength == 32)
        #expect(CIDR.parse("203.0.113.10")?.wasBareAddress == true)
    }

    @Test("malformed addresses are refused", arguments: ["", "10.0.0", "10.0.0.256", "10.0.0.1/33", "010.0.0.1", "10.0.0.1/", "1.2.3.4/08", "a.b.c.d", "10..0.1", "10.0.0.1/24/3"])
    func refusesMalformed(text: String) {
        #expect(CIDR.parse(text) == nil)
    }

    @Test func containmentAndOverlap() throws {
        let vpc = try #require(CIDR("10.0.0.0/16"))
        let a = try #require(CIDR("10.0.1.0/24"))
        let b = try #require(CIDR("10.0.1.128/25"))
        let outside = try #require(CIDR("10.1.0.0/24"))
        #expect(vpc.contains(a) && vpc.contains(b) && !vpc.contains(outside))
        #expect(a.overlaps(b) && b.overlaps(a) && !a.overlaps(outside))
        #expect(!a.contains(vpc))
        #expect(CIDR.anywhere.contains(IPv4Address("8.8.8.8")!))
    }

    @Test func reservedAddressesAndCapacity() throws {
        let subnet = try #require(CIDR("10.0.1.0/28"))
        #expect(subnet.usableHostCount == 11)
        #expect(subnet.reservedAddresses.map(\.description) == ["10.0.1.0", "10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.15"])
        #expect(subnet.firstAssignable?.description == "10.0.1.4")
        #expect(try #require(CIDR("10.0.0.0/24")).usableHostCount == 251)
    }

    @Test func privateRanges() {
        #expect(CIDR("172.31.0.0/16")!.isPrivate)
        #expect(!CIDR("172.32.0.0/16")!.isPrivate)
        #expect(!CIDR("10.0.0.0/7")!.isPrivate)
        #expect(IPv4Address("192.168.1.1")!.isPrivate)
        #expect(!IPv4Address("8.8.8.8")!.isPrivate)
    }

    @Test func portRanges() {
        #expect(PortRange("1024-65535") == PortRange(1024, 65535))
        #expect(PortRange("80") == PortRange(port: 80))
        #expect(PortRange("all") == PortRange.all)
        #expect(PortRange("70000") == nil)
        #expect(PortRange("90-80") == nil)
        #expect(PortRange.awsEphemeral.contains(PortRange.linuxEphemeral))
        #expect(!PortRange.linuxEphemeral.contains(PortRange.windowsEphemeral))
    }

    @Test func suggestions() {
        #expect(Suggestions.closest(to: "subnet-id", in: ["subnet", "vpc", "cidr"]) == "subnet")
        #expect(Suggestions.closest(to: "sercurity-groups", in: ["security-groups", "subnet"]) == "security-groups")
        #expect(Suggestions.closest(to: "zzz", in: ["subnet", "vpc"]) == nil)
    }
}
