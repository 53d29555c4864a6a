import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI
import InfralabTestSupport
import Testing

/// `infralab cost`: priced from the shipped table, line by line, in both languages.
@Suite struct CostCommandTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path
    static let table: PriceTable = {
        let path = labs + "/pricing/ap-northeast-2.yaml"
        return PriceTable.read(text: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "", file: path).table!
    }()

    func topology(_ text: String) throws -> Topology {
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics.map(\.message.en))")
        return try #require(loaded.topology)
    }

    @Test("the shipped table is dated, sourced and complete")
    func shippedTable() {
        #expect(Self.table.region == "ap-northeast-2")
        #expect(Self.table.date.count == 10 && Self.table.date.hasPrefix("20"), "YYYY-MM-DD: \(Self.table.date)")
        #expect(Self.table.source.contains("aws.amazon.com"))
        #expect(Self.table.natGatewayHour > 0 && Self.table.publicIPv4Hour > 0 && Self.table.applicationLoadBalancer.hour > 0)
        #expect(Self.table.instanceHour[Instance.defaultType] != nil, "the default type has a price")
    }

    @Test("the NAT reference: two NAT gateways, their Elastic IPs, five instances, two public addresses")
    func natReference() throws {
        let file = packageRoot.appendingPathComponent("Solutions/06-nat/nat-per-az.yaml").path
        let estimate = CostEstimate(topology: try topology(try String(contentsOfFile: file, encoding: .utf8)), table: Self.table)
        let hours = Self.table.hoursPerMonth
        #expect(estimate.lines.filter { $0.kind == .natGateway }.map(\.component) == ["nat-a", "nat-c"])
        #expect(estimate.lines.filter { $0.kind == .instance }.count == 5)
        #expect(estimate.lines.filter { $0.kind == .publicIPv4 }.count == 4, "2 NAT Elastic IPs + bastion + proxy")
        let expected = hours * (2 * Self.table.natGatewayHour + 4 * Self.table.publicIPv4Hour + 5 * Self.table.instanceHour["t3.micro"]!)
        #expect(abs(estimate.total - expected) < 0.001, "\(estimate.total) vs \(expected)")
    }

    @Test("type: prices an instance; an auto-assigned public IP is charged; an internet-facing ALB pays per AZ node")
    func components() throws {
        let text = """
            vpcs: { main: { cidr: 10.0.0.0/16, internet-gateway: igw } }
            subnets:
              a: { vpc: main, cidr: 10.0.1.0/24, az: ap-northeast-2a, route-table: public }
              c: { vpc: main, cidr: 10.0.2.0/24, az: ap-northeast-2c, route-table: public }
            route-tables: { public: { routes: [ { to: 0.0.0.0/0, via: igw } ] } }
            instances:
              big: { subnet: a, type: m5.large, public-ip: true }
            load-balancers:
              web: { subnets: [a, c], listeners: [ { port: 80, targets: [big] } ] }
            dns: { zones: { example.com: { records: [ { name: "@", type: ALIAS, value: web } ] } } }
            """
        let estimate = CostEstimate(topology: try topology(text), table: Self.table)
        let instance = try #require(estimate.lines.first { $0.kind == .instance })
        #expect(instance.detail == "m5.large" && instance.unitPrice == Self.table.instanceHour["m5.large"])
        #expect(estimate.lines.contains { $0.component == "big" && $0.kind == .publicIPv4 && $0.detail == "public-ip" })
        #expect(estimate.lines.filter { $0.component == "web" && $0.kind == .publicIPv4 }.count == 2, "one address per AZ")
        #expect(estimate.lines.contains { $0.kind == .loadBalancer && $0.monthly == Self.table.hoursPerMonth * Self.table.applicationLoadBalancer.hour })
        #expect(estimate.lines.contains { $0.kind == .dnsZone && $0.monthly == Self.table.dnsZoneMonth })
    }

    @Test("the screen: date and source shown, NAT share called out, fits 80 columns in both languages")
    func screen() throws {
        let file = packageRoot.appendingPathComponent("Solutions/06-nat/nat-per-az.yaml").path
        for language in ["en", "ko"] {
            let run = runCLI(["cost", file, "--lang", language])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains(Self.table.date), "the prices' date is on screen")
            #expect(run.stdout.contains("aws.amazon.com"), "and their source")
            #expect(run.stdout.contains("43.07"), "a NAT gateway: 730 h × 0.059")
            #expect(run.stdout.contains(language == "en" ? "NAT gateways are" : "NAT 게이트웨이가 이 비용의"))
            for line in run.stdout.split(separator: "\n") { #expect(displayWidth(of: String(line)) <= 80, "\(line)") }
        }
    }

    @Test("--json: lines with located components, the total, the per-GB NAT price")
    func json() throws {
        let file = packageRoot.appendingPathComponent("Solutions/06-nat/nat-gateway.yaml").path
        let run = runCLI(["cost", file, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["pricesDate"] as? String == Self.table.date)
        let lines = try #require(object["lines"] as? [[String: Any]])
        #expect(lines.allSatisfy { ($0["location"] as? [String: Any])?["line"] is Int })
        let total = try #require(object["total"] as? Double)
        #expect(abs(total - lines.compactMap { $0["monthly"] as? Double }.reduce(0, +)) < 0.05)
        #expect((object["perGB"] as? [String: Any])?["natGateway"] as? Double == Self.table.natGatewayGB)
    }

    @Test("an instance type without a price: a located error with a suggestion; a bad table: located errors")
    func errors() throws {
        let directory = freshWorkingDirectory()
        try "instances:\n  web: { type: t3.micr }\n".write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        let run = runCLI(["cost", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("topology.yaml:2:16") && run.stderr.contains("t3.micro"), "\(run.stderr)")
        try "region: x\nnat-gateway: { hour: cheap }\n".write(to: directory.appendingPathComponent("prices.yaml"), atomically: true, encoding: .utf8)
        let bad = runCLI(["cost", "--prices", "prices.yaml"], workingDirectory: directory)
        #expect(bad.status == 1 && bad.stderr.contains("prices.yaml:2:22"), "\(bad.stderr)")
        try "vpcs: { main: { cidr: 10.0.0.0/16, region: us-east-1 } }\n".write(to: directory.appendingPathComponent("us.yaml"), atomically: true, encoding: .utf8)
        let region = runCLI(["cost", "us.yaml", "--labs", Self.labs], workingDirectory: directory)
        #expect(region.status == 1 && region.stderr.contains("us.yaml:1:44") && region.stderr.contains("--prices"), "\(region.stderr)")
    }
}
