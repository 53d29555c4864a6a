import Foundation
import InfralabTestSupport
import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI


@Suite("infralab probe: arguments", .tags(.cli))
struct CLIProbeCommandTests {
    static func query(_ words: [String]) -> Result<FlowQuery, UsageError> {
        ProbeCommand.query(from: ArgumentParser.parse(words, options: ProbeCommand().options))
    }

    @Test func readsEveryOption() throws {
        let query = try Self.query([
            "--from", "internet", "--to=web", "--port", "443", "--protocol", "udp", "--address", "private",
            "--client-ports", "1024-65535", "--through", "proxy", "--incident", "fire:dc", "--incident", "az-outage:a",
        ]).get()
        #expect(query.source == .internet)
        #expect(query.destination == .named("web"))
        #expect(query.port == 443)
        #expect(query.protocol == .udp)
        #expect(query.address == .private)
        #expect(query.clientPorts == PortRange(1024, 65535))
        #expect(query.through == "proxy")
        #expect(query.incidents == [.fire("dc"), .azOutage("a")])
    }

    @Test func defaults() throws {
        let query = try Self.query(["--from", "a", "--to", "b", "--port", "22"]).get()
        #expect(query.protocol == .tcp && query.address == .auto && query.clientPorts == .linuxEphemeral)
        #expect(query.through == nil && query.incidents.isEmpty)
        #expect(try Self.query(["--from", "a", "--to", "b", "--protocol", "icmp"]).get().port == 0)
    }

    @Test(
        "mistakes are usage errors",
        arguments: [
            (["--to", "b", "--port", "1"], "missing `--from A`"),
            (["--from", "a", "--port", "1"], "missing `--to B`"),
            (["--from", "a", "--to", "b"], "missing `--port N`"),
            (["--from", "a", "--to", "b", "--port", "http"], "is not a port"),
            (["--from", "a", "--to", "b", "--port", "70000"], "is not a port"),
            (["--from", "a", "--to", "b", "--port", "1", "--client-ports", "60999-32768"], "is not a port range"),
            (["--from", "a", "--to", "b", "--port", "1", "--client-ports", "1-2-3"], "is not a port range"),
            (["--from", "a", "--to", "b", "--port", "1", "--incident", "flood:dc"], "the kinds are pc-off, power-outage, fire, az-outage, instance-failure, nat-failure"),
            (["--from", "a", "--to", "b", "--port", "1", "--incident", "fire"], "is not KIND:NAME"),
        ])
    func mistakes(words: [String], message: String) {
        guard case .failure(let error) = Self.query(words) else {
            Issue.record("accepted \(words)")
            return
        }
        #expect(error.message.en.contains(message))
    }

    @Test func incidentSuggestions() {
        guard case .failure(let typo) = Self.query(["--from", "a", "--to", "b", "--port", "1", "--incident", "az-outge:a"]) else {
            Issue.record("accepted")
            return
        }
        #expect(typo.suggestion?.en == "did you mean `az-outage:a`?")
        guard case .failure(let bare) = Self.query(["--from", "a", "--to", "b", "--port", "1", "--incident", "fire:"]) else {
            Issue.record("accepted")
            return
        }
        #expect(bare.suggestion?.en.contains("`fire:NAME`") == true)
    }

    @Test func badArgumentsExit64BeforeReadingTheFile() {
        let run = runCLI(["probe", "missing.yaml", "--from", "a", "--to", "b", "--port", "1", "--incident", "flood:x"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Usage: infralab probe [FILE] --from A --to B --port N [options]"))
        // FILE defaults to the workspace's topology.yaml, like check/show/validate.
        let bare = runCLI(["probe", "--from", "a", "--to", "b", "--port", "1"])
        #expect(bare.status == 66)
        #expect(bare.stderr.contains("no such file: topology.yaml"))
    }

    @Test func missingTopologyExits66() {
        let run = runCLI(["probe", "missing.yaml", "--from", "a", "--to", "b", "--port", "1"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("no such file: missing.yaml"))
    }
}

@Suite("infralab probe: end to end", .tags(.cli))
struct CLIProbeRunTests {
    static let topology = packageRoot.appendingPathComponent("Solutions/03-vpc-split/plan.yaml").path

    @Test func tracesAFlowAndExitsZero() throws {
        let text = runCLI(["probe", Self.topology, "--from", "internet", "--to", "was", "--port", "80"])
        #expect(text.status == 0, "\(text)")
        #expect(!text.stdout.isEmpty)
        let json = runCLI(["probe", Self.topology, "--from", "internet", "--to", "was", "--port", "80", "--json"])
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["reachable"] is Bool)
        #expect(object["hops"] is [Any])
        #expect(object["reason"] != nil)
    }

    @Test func unreachableIsStillExitZero() {
        let run = runCLI(["probe", Self.topology, "--from", "internet", "--to", "db", "--port", "3306", "--incident", "az-outage:ap-northeast-2a"])
        #expect(run.status == 0, "\(run)")
    }

    @Test func topologyErrorsExitOne() throws {
        try withTemporaryDirectory { directory in
            try directory.write("vpcs: [oops\n", to: "topology.yaml")
            let run = runCLI(["probe", "topology.yaml", "--from", "a", "--to", "b", "--port", "1"], workingDirectory: directory.url)
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("(not valid)"))
        }
    }
}
