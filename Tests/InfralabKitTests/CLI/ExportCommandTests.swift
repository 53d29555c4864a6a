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

/// `infralab export`: every cloud reference solution as CloudFormation (cfn-lint, no
/// errors) and Terraform (python-hcl2 parses it; `terraform fmt` accepts its layout), and
/// the Swift-side structure: every security-group rule and every route is in the template.
@Suite struct ExportCommandTests {
    /// The cloud references: every solution without sites or hosts, plus the richest
    /// valid fixtures (load balancers, DNS, network ACLs, the default VPC).
    static let cloudTopologies: [String] = {
        let root = packageRoot.appendingPathComponent("Solutions").path
        let solutions = (FileManager.default.subpaths(atPath: root) ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.contains("/variants/") }.sorted()
            .map { root + "/" + $0 }
            .filter { path in
                let loaded = TopologyLoader.load(text: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "", file: path)
                return loaded.topology.map { $0.sites.isEmpty && $0.hosts.isEmpty && !$0.vpcs.isEmpty } ?? false
            }
        let fixtures = ["load-balancer-dns", "nacl-heavy", "nat-full", "default-vpc", "bastion", "data-tier"]
            .map { fixturesDirectory.appendingPathComponent("valid/topology/\($0).yaml").path }
        return solutions + fixtures
    }()

    static func export(_ file: String, _ format: String) -> CLIRun {
        runCLI(["export", file, "--format", format])
    }

    static func tool(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func python(_ module: String) -> Bool {
        guard let python = tool("python3") else { return false }
        return (try? run(python, ["-c", "import \(module)"]).status) == 0
    }

    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> CLIRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Writes each reference's template into a fresh folder.
    static func templates(_ format: String, suffix: String) throws -> URL {
        let directory = freshWorkingDirectory()
        for file in cloudTopologies {
            let run = export(file, format)
            #expect(run.status == 0, "\(file): \(run)")
            let name = file.replacingOccurrences(of: "/", with: "_") + suffix
            try run.stdout.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test("the cloud references are the ones expected (the export tests cover something)")
    func references() {
        #expect(Self.cloudTopologies.count >= 12, "\(Self.cloudTopologies)")
        #expect(Self.cloudTopologies.contains { $0.hasSuffix("06-nat/nat-per-az.yaml") })
    }

    @Test("cfn-lint finds no error in any cloud reference's CloudFormation template",
          .enabled(if: tool("cfn-lint") != nil, "cfn-lint is not installed (pip install cfn-lint; .ci/run does)"))
    func cfnLint() throws {
        let directory = try Self.templates("cloudformation", suffix: ".json")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == Self.cloudTopologies.count)
        // W3010 (hard-coded AZs) is the point: the learner's AZs are kept.
        let lint = try Self.run(Self.tool("cfn-lint")!, ["--format", "parseable", "--ignore-checks", "W3010", "--"] + files, in: directory)
        let errors = lint.stdout.split(separator: "\n").filter { $0.contains(":E") }
        #expect(errors.isEmpty, "cfn-lint errors:\n\(errors.joined(separator: "\n"))")
        #expect(lint.status == 0 || errors.isEmpty, "\(lint)")
    }

    @Test("python-hcl2 parses every Terraform template, with the resources expected",
          .enabled(if: python("hcl2"), "python-hcl2 is not installed (pip install python-hcl2; .ci/run does)"))
    func hcl2() throws {
        let directory = try Self.templates("terraform", suffix: ".tf")
        let script = """
            import glob, json, sys, hcl2
            out = {}
            for path in sorted(glob.glob('*.tf')):
                with open(path) as f:
                    doc = hcl2.load(f)
                out[path] = sorted({t.strip('"') for r in doc.get('resource', []) for t in r})
            json.dump(out, sys.stdout)
            """
        let parsed = try Self.run(Self.tool("python3")!, ["-c", script], in: directory)
        #expect(parsed.status == 0, "python-hcl2 could not parse a template: \(parsed.stderr)")
        let types = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: [String]])
        #expect(types.count == Self.cloudTopologies.count)
        let nat = try #require(types.first { $0.key.contains("06-nat_nat-per-az") }?.value)
        for type in ["aws_vpc", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association", "aws_internet_gateway",
                     "aws_nat_gateway", "aws_eip", "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_instance"] {
            #expect(nat.contains(type), "\(type) missing from the NAT reference's Terraform")
        }
        let lb = try #require(types.first { $0.key.contains("load-balancer-dns") }?.value)
        for type in ["aws_lb", "aws_lb_listener", "aws_lb_target_group", "aws_lb_target_group_attachment", "aws_route53_zone", "aws_route53_record"] {
            #expect(lb.contains(type), "\(type) missing from the load balancer fixture's Terraform")
        }
        let data = try #require(types.first { $0.key.contains("topology_data-tier") }?.value)
        for type in ["aws_db_subnet_group", "aws_db_instance", "aws_elasticache_subnet_group", "aws_elasticache_replication_group", "aws_elasticache_cluster"] {
            #expect(data.contains(type), "\(type) missing from the data tier fixture's Terraform")
        }
    }

    @Test("terraform fmt accepts the layout as it is",
          .enabled(if: tool("terraform") != nil, "terraform is not installed"))
    func terraformFormat() throws {
        let directory = try Self.templates("terraform", suffix: ".tf")
        let check = try Self.run(Self.tool("terraform")!, ["fmt", "-check", "-diff", "."], in: directory)
        #expect(check.status == 0, "terraform fmt would change: \(check.stdout)")
    }

    @Test("every security-group rule and every route of the NAT reference is in both templates")
    func structure() throws {
        let file = packageRoot.appendingPathComponent("Solutions/06-nat/nat-per-az.yaml").path
        let topology = try #require(TopologyLoader.load(text: try String(contentsOfFile: file, encoding: .utf8), file: file).topology)
        let cfn = Self.export(file, "cloudformation")
        let template = try #require(try JSONSerialization.jsonObject(with: Data(cfn.stdout.utf8)) as? [String: Any])
        let resources = try #require(template["Resources"] as? [String: [String: Any]])
        func properties(ofType type: String) -> [[String: Any]] {
            resources.values.filter { $0["Type"] as? String == type }.compactMap { $0["Properties"] as? [String: Any] }
        }
        let ingress = properties(ofType: "AWS::EC2::SecurityGroupIngress")
        #expect(ingress.count == topology.securityGroups.reduce(0) { $0 + $1.inbound.count }, "one ingress resource per inbound rule")
        for group in topology.securityGroups {
            for rule in group.inbound {
                let matches = ingress.filter { p in
                    (p["GroupId"] as? [String: Any])?["Fn::GetAtt"] as? [String] == ["SecurityGroup" + Self.pascal(group.name), "GroupId"]
                        && p["FromPort"] as? Int == rule.ports?.lower && p["ToPort"] as? Int == rule.ports?.upper
                }
                #expect(!matches.isEmpty, "`\(group.name)` inbound \(rule.ports?.description ?? "all") is missing")
                if case .securityGroup(let peer) = rule.peer.value {
                    #expect(matches.contains { ($0["SourceSecurityGroupId"] as? [String: Any])?["Fn::GetAtt"] as? [String] == ["SecurityGroup" + Self.pascal(peer), "GroupId"] },
                            "`\(group.name)` port \(rule.ports?.description ?? "") should reference group `\(peer)`")
                }
            }
        }
        let routes = properties(ofType: "AWS::EC2::Route")
        #expect(routes.count == topology.routeTables.reduce(0) { $0 + $1.routes.count })
        let index = TopologyIndex(topology)
        for table in topology.routeTables {
            for route in table.routes {
                let isNAT = index.routeTarget(route.target.name).kind == .natGateway
                let key = isNAT ? "NatGatewayId" : "GatewayId"
                let target = (isNAT ? "NATGateway" : "InternetGateway") + Self.pascal(route.target.name)
                #expect(routes.contains { ($0["RouteTableId"] as? [String: String])?["Ref"] == "RouteTable" + Self.pascal(table.name)
                        && ($0[key] as? [String: String])?["Ref"] == target && $0["DestinationCidrBlock"] as? String == "0.0.0.0/0" },
                        "route table `\(table.name)`: 0.0.0.0/0 via `\(route.target.name)` is missing")
            }
        }
        let associations = properties(ofType: "AWS::EC2::SubnetRouteTableAssociation")
        #expect(associations.count == topology.subnets.count, "every subnet keeps the route table it was graded with")
        let cidrs = Set(properties(ofType: "AWS::EC2::Subnet").compactMap { $0["CidrBlock"] as? String })
        #expect(cidrs == Set(topology.subnets.map { $0.cidr.value.description }), "CIDRs kept")

        let terraform = Self.export(file, "terraform").stdout
        #expect(terraform.contains("resource \"aws_vpc_security_group_ingress_rule\" \"db_ingress_1\""))
        #expect(terraform.contains("referenced_security_group_id = aws_security_group.was.id"), "db's 3306 from the was group")
        #expect(terraform.contains("nat_gateway_id         = aws_nat_gateway.nat_c.id"), "private-c routes to nat-c")
        for group in topology.securityGroups {
            #expect(terraform.components(separatedBy: "\"\(group.name)_ingress_").count - 1 == group.inbound.count, "`\(group.name)`'s inbound rules")
            #expect(terraform.contains("\"\(group.name)_egress_all\""), "an unwritten outbound: is AWS's allow-all, written out for Terraform")
        }
    }

    static func pascal(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    @Test("outbound rules replace the default egress in CloudFormation; NACL entries and ports carried")
    func egressAndACLs() throws {
        let file = fixturesDirectory.appendingPathComponent("valid/topology/load-balancer-dns.yaml").path
        let template = try #require(try JSONSerialization.jsonObject(with: Data(Self.export(file, "cloudformation").stdout.utf8)) as? [String: Any])
        let resources = try #require(template["Resources"] as? [String: [String: Any]])
        let alb = try #require(resources["SecurityGroupAlb"]?["Properties"] as? [String: Any])
        #expect((alb["SecurityGroupEgress"] as? [[String: Any]])?.first?["CidrIp"] as? String == "127.0.0.1/32",
                "written outbound: rules → AWS's allow-all egress removed")
        #expect(resources["SecurityGroupAlbEgress1"] != nil && resources["SecurityGroupWas"]?["Properties"].map { ($0 as? [String: Any])?["SecurityGroupEgress"] == nil } == true)
        let listener = try #require(resources["LoadBalancerWebListener80"]?["Properties"] as? [String: Any])
        let redirect = (listener["DefaultActions"] as? [[String: Any]])?.first?["RedirectConfig"] as? [String: String]
        #expect(redirect == ["Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"])
        #expect(resources["HostedZoneExampleCom"] != nil)

        let nacl = fixturesDirectory.appendingPathComponent("valid/topology/nacl-heavy.yaml").path
        let loaded = try #require(TopologyLoader.load(text: try String(contentsOfFile: nacl, encoding: .utf8), file: nacl).topology)
        let naclTemplate = try #require(try JSONSerialization.jsonObject(with: Data(Self.export(nacl, "cloudformation").stdout.utf8)) as? [String: Any])
        let entries = (naclTemplate["Resources"] as? [String: [String: Any]] ?? [:]).values.filter { $0["Type"] as? String == "AWS::EC2::NetworkAclEntry" }
        #expect(entries.count == loaded.networkACLs.reduce(0) { $0 + $1.inbound.count + $1.outbound.count }, "one entry per NACL rule")
    }

    @Test("a pre-cloud topology is refused with a located error; missing --format is a usage error")
    func refusals() throws {
        let home = packageRoot.appendingPathComponent("Solutions/01-home-server/expose.yaml").path
        let refused = Self.export(home, "terraform")
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("expose.yaml:") && refused.stderr.contains("export.pre-cloud"), "\(refused.stderr)")
        let korean = runCLI(["export", home, "--format", "terraform", "--lang", "ko"])
        #expect(korean.stderr.contains("클라우드 토폴로지만"), "\(korean.stderr)")
        #expect(runCLI(["export", home]).status == 64)
        #expect(runCLI(["export", home, "--format", "pulumi"]).status == 64)
        #expect(runCLI(["export", "missing.yaml", "--format", "terraform"]).status == 66)
    }

    @Test("-o writes the file and backs up the one it replaces, naming the backup")
    func outputBackup() throws {
        let directory = freshWorkingDirectory()
        let file = packageRoot.appendingPathComponent("Solutions/06-nat/nat-gateway.yaml").path
        try "my notes".write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let run = runCLI(["export", file, "--format", "terraform", "-o", "main.tf"], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("main.tf.") && $0.hasSuffix(".bak") }
        #expect(backups.count == 1 && run.stdout.contains(backups[0]), "\(run.stdout)")
        #expect(try String(contentsOf: directory.appendingPathComponent(backups[0]), encoding: .utf8) == "my notes")
        #expect(try String(contentsOf: directory.appendingPathComponent("main.tf"), encoding: .utf8).contains("resource \"aws_vpc\" \"main\""))
    }
}
