import Foundation
import InfralabTestSupport
import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabLab

/// `client:` on a flow check: the replies go to that client's ephemeral ports, so a
/// network ACL reply rule that stops at Linux's 60999 passes Linux and fails Windows.
@Suite struct ClientPortsCheckTests {
    @Test("client: windows is read; linux is the default; an unknown client is an error at its place")
    func reads() {
        var reader = NodeReader(codePrefix: "mission")
        let node = YAMLParser.parse("check:\n  reachable: { from: admin, to: role:bastion, port: 22, client: windows }\n", file: "m").root!["check"]!
        guard case .reachable(let flow)? = CheckReader.read(node, &reader) else { Issue.record("reachable"); return }
        #expect(flow.client == .windows && flow.client.ephemeralPorts == PortRange(49152, 65535))
        var other = NodeReader(codePrefix: "mission")
        let plain = YAMLParser.parse("check:\n  reachable: { from: admin, to: role:bastion, port: 22, client: mac }\n", file: "m").root!["check"]!
        _ = CheckReader.read(plain, &other)
        #expect(other.diagnostics.diagnostics.map { "\($0.location!.line):\($0.location!.column)" } == ["2:65"], "\(other.diagnostics.diagnostics.map(\.message.en))")
        #expect(ClientKind.natGateway.ephemeralPorts == PortRange(1024, 65535) && ClientKind.linux.ephemeralPorts == PortRange(32768, 60999))
    }

    @Test("a reply rule up to 60999 passes a Linux client and fails a Windows one and the NAT gateway's range, naming the ACL")
    func windowsRepliesCut() throws {
        let url = packageRoot.appendingPathComponent("Solutions/09-stateless-doors/variants/both-directions/replies-stop-at-60999.yaml")
        let loaded = TopologyLoader.load(text: try String(contentsOf: url, encoding: .utf8), file: "topology.yaml")
        let grader = Grader(topology: try #require(loaded.topology), diagnostics: loaded.diagnostics)
        let here = SourceLocation(file: "m", line: 1, column: 1)
        var flow = FlowCheck(from: Selector(.name("admin"), at: here), to: Selector(.role("bastion"), at: here), port: 22, address: .auto)
        #expect(grader.check(.reachable(flow), service: nil).isEmpty, "Linux: 32768-60999 is inside 1024-60999")
        flow.client = .windows
        let windows = grader.check(.reachable(flow), service: nil)
        #expect(windows.count == 1)
        #expect(windows.first?.location?.line != nil, "the failing hop is located: \(windows.map(\.message.en))")
        flow.client = .natGateway
        #expect(!grader.check(.reachable(flow), service: nil).isEmpty)
    }
}
