import Foundation
import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
import InfralabTestSupport

/// Requirements prove what they claim (issue 9): what listens where, every path in,
/// the addresses a port admits all rules together, partial replies, and load errors.
/// Each test names the requirement that must fail, why, and the line it points at.
@Suite struct GuaranteeGradingTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    func grade(_ text: String, mission missionID: String, step stepID: String) throws -> StepGrade {
        let (mission, step) = try #require(Self.pack.allSteps.first { $0.0.id == missionID && $0.1.id == stepID })
        let loaded = TopologyLoader.load(text: text, file: "t.yaml")
        return Grader(loaded, file: "t.yaml").grade(mission: mission, step: step)
    }

    func failing(_ grade: StepGrade) -> [String] { grade.failing.map(\.requirement.id).sorted() }

    static func home(forwards: String, tunnels: String = "") -> String {
        """
        sites:
          home:
            kind: home
            power: grid
            public-ip: 121.130.10.7
            port-forwards:
        \(forwards)
        \(tunnels)
        hosts:
          box: { site: home, kind: server, runs: [was, db] }
        """
    }

    // MARK: Listening ports

    @Test("a forward without to-port reaches port 80, where the WAS does not run: service-answers fails at the forward's line")
    func forwardWithoutTargetPort() throws {
        let grade = try grade(Self.home(forwards: "      - { port: 80, to: box }"), mission: "home-server", step: "expose")
        #expect(failing(grade) == ["service-answers"])
        let finding = try #require(grade.failing.first?.findings.first)
        #expect(finding.location?.line == 7, "the forward `{ port: 80, to: box }` is line 7")
        #expect(finding.service?.reason?.code == .portNotListening)
    }

    @Test("a forward to a port nothing listens on is refused with PORT_NOT_LISTENING and the forward's line")
    func nothingListens() throws {
        let topology = try #require(TopologyLoader.load(text: Self.home(forwards: "      - { port: 80, to: box, to-port: 9999 }"), file: "t.yaml").topology)
        let result = NetworkEngine(topology: topology).evaluate(FlowQuery(from: .internet, to: .named("box"), port: 80))
        #expect(!result.isReachable)
        #expect(result.reason.code == .portNotListening)
        #expect(result.reason.location?.line == 7)
    }

    @Test("`listens:` overrides the roles' ports")
    func listensOverride() throws {
        let text = Self.home(forwards: "      - { port: 80, to: box }").replacingOccurrences(of: "runs: [was, db] }", with: "runs: [was, db], listens: [80, 3306] }")
        #expect(try failing(grade(text, mission: "home-server", step: "expose")) == [])
    }

    @Test("a reverse proxy that forwards to the WAS's port 80 breaks the service: the WAS tier runs on 8080")
    func proxyToWrongPort() throws {
        let url = packageRoot.appendingPathComponent("Solutions/05-reverse-proxy/front-door.yaml")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "{ port: 80, to: was, to-port: 8080 }", with: "{ port: 80, to: was, to-port: 80 }")
        let grade = try grade(text, mission: "reverse-proxy", step: "front-door")
        #expect(failing(grade) == ["service-answers"])
        #expect(grade.failing.first?.findings.first?.service?.reason?.code == .portNotListening)
    }

    // MARK: Every path

    @Test("MySQL exposed as outside port 13306 fails db-port-closed, pointing at the forward")
    func outsidePort() throws {
        let text = Self.home(forwards: "      - { port: 80, to: box, to-port: 8080 }\n      - { port: 13306, to: box, to-port: 3306 }")
        let grade = try grade(text, mission: "home-server", step: "close-ports")
        #expect(failing(grade) == ["db-port-closed"])
        let finding = try #require(grade.failing.first?.findings.first)
        #expect(finding.location?.line == 8)
        #expect(finding.message.en.contains("outside port 13306"))
    }

    @Test("a tunnel to SSH fails ssh-port-closed")
    func tunnelToSSH() throws {
        let text = Self.home(forwards: "      - { port: 80, to: box, to-port: 8080 }", tunnels: "    tunnels:\n      - { port: 2222, to: box, to-port: 22 }")
        #expect(try failing(grade(text, mission: "home-server", step: "close-ports")) == ["ssh-port-closed"])
    }

    @Test("probe's paths list every way in, open or not")
    func everyPath() throws {
        let text = Self.home(forwards: "      - { port: 80, to: box, to-port: 8080 }\n      - { port: 13306, to: box, to-port: 3306 }")
        let engine = NetworkEngine(topology: try #require(TopologyLoader.load(text: text, file: "t.yaml").topology))
        let paths = engine.allPaths(from: .internet, to: "box", port: 3306)
        #expect(paths.map(\.path.entryPort) == [3306, 13306])
        #expect(paths.map(\.result.isReachable) == [false, true])
        #expect(engine.openPaths(from: .internet, to: "box", port: 3306).first?.path.line?.line == 8)
    }

    @Test("a chain of relays counts: internet → proxy:8022 → was:2222 → db:22 fails internet-cannot-reach-db, though the WAS is private")
    func relayChain() throws {
        let url = packageRoot.appendingPathComponent("Solutions/06-nat/no-way-in.yaml")
        var text = try String(contentsOf: url, encoding: .utf8)
        for (old, new) in [
            ("      - { port: 80, from: internet }     #", "      - { port: 8022, from: internet }\n      - { port: 80, from: internet }     #"),
            ("      - { port: 8080, from: proxy }      #", "      - { port: 2222, from: proxy }\n      - { port: 8080, from: proxy }      #"),
            ("      - { port: 22,   from: bastion }    #", "      - { port: 22, from: was }\n      - { port: 22,   from: bastion }    #"),
            ("  was: { subnet: private-a, security-groups: [was], role: was }",
             "  was: { subnet: private-a, security-groups: [was], role: was, forwards: [{ port: 2222, to: db, to-port: 22 }] }"),
            ("      - { port: 80, to: was, to-port: 8080 }", "      - { port: 80, to: was, to-port: 8080 }\n      - { port: 8022, to: was, to-port: 2222 }"),
        ] {
            #expect(text.contains(old), "the reference still has `\(old)`")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let graded = try grade(text, mission: "nat", step: "no-way-in")
        #expect(graded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(graded.diagnostics)")
        #expect(failing(graded).contains("internet-cannot-reach-db"), "\(failing(graded))")
        let engine = NetworkEngine(topology: try #require(TopologyLoader.load(text: text, file: "t.yaml").topology))
        let open = engine.openPaths(from: .internet, to: "db", port: 22)
        #expect(open.map(\.path.through) == ["was"], "the path into db:22 ends at the WAS's forward")
        let names = open.first?.result.hops.map(\.name) ?? []
        #expect(names.contains("proxy") && names.contains("was") && names.last == "db", "the flow shows the whole chain: \(names)")
        // Without the proxy's forward to 2222 the WAS is a relay nobody outside can reach.
        let closed = text.replacingOccurrences(of: "\n      - { port: 8022, to: was, to-port: 2222 }", with: "")
        #expect(try !failing(grade(closed, mission: "nat", step: "no-way-in")).contains("internet-cannot-reach-db"))
    }

    // MARK: What the rules cover

    @Test("0.0.0.0/1 + 128.0.0.0/1 on port 22 is the whole internet: no-world-rules fails and names both rules")
    func halves() throws {
        let url = packageRoot.appendingPathComponent("Solutions/02-datacenter/breach.yaml")
        let text = try String(contentsOf: url, encoding: .utf8) + """

            # a group nobody uses yet
            """
        let extra = text.replacingOccurrences(of: "\ninstances:", with: "\n  spare:\n    inbound:\n      - { port: 22, from: 0.0.0.0/1 }\n      - { port: 22, from: 128.0.0.0/1 }\n\ninstances:")
        let grade = try grade(extra, mission: "datacenter", step: "breach")
        #expect(failing(grade) == ["no-world-rules"])
        let message = try #require(grade.failing.first?.findings.first?.message)
        #expect(message.en.contains("0.0.0.0/1") && message.en.contains("128.0.0.0/1") && message.en.contains("0.0.0.0/0"))
        #expect(!message.en.contains("/1 or narrower"))
        #expect(message.text(.ko).contains("0.0.0.0/1"))
    }

    @Test("the admin written as 203.0.113.10/32 passes the admin's SSH requirements like the name")
    func adminLiteral() throws {
        let url = packageRoot.appendingPathComponent("Solutions/02-datacenter/breach.yaml")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "{ port: 22, from: admin }", with: "{ port: 22, from: 203.0.113.10/32 }")
        #expect(try failing(grade(text, mission: "datacenter", step: "breach")) == [])
    }

    // MARK: Partial is a failure

    @Test("replies let in only on 32768-60999 fail the updates requirements, naming the blocked range")
    func partial() throws {
        let url = packageRoot.appendingPathComponent("Solutions/06-nat/variants/nat-gateway/reply-range-too-narrow.yaml")
        let grade = try grade(try String(contentsOf: url, encoding: .utf8), mission: "nat", step: "nat-gateway")
        #expect(failing(grade) == ["db-gets-updates", "was-gets-updates"])
        let finding = try #require(grade.failing.first?.findings.first)
        #expect(finding.flow?.isPartial == true)
        #expect(finding.message.en.contains("1024-32767"))
    }

    // MARK: Errors fail the step

    @Test("a file with a load error never passes, even when every requirement does")
    func errorsFail() throws {
        let text = Self.home(forwards: "      - { port: 80, to: box, to-port: 8080, to_port: 9 }\n      - { port: 81, to: box, to-port: 8080 }")
        let grade = try grade(text, mission: "home-server", step: "expose")
        #expect(grade.hasErrors)
        #expect(!grade.passed)
        let screens = LearnerScreens(colorize: false, language: .en, width: 80, sourceLines: { _ in nil })
        #expect(screens.summaryLine(grade, hintLevel: { _ in 0 }).contains("fix them first") || screens.summaryLine(grade, hintLevel: { _ in 0 }).contains("fix it first"))
    }

    // MARK: Load balancers play roles

    @Test("an ALB with role reverse-proxy and an alias record passes the proxy's requirements; without the alias it has no stable address")
    func albFrontDoor() throws {
        let url = packageRoot.appendingPathComponent("Solutions/05-reverse-proxy/variants/was-private/alb-front-door.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(try failing(grade(text, mission: "reverse-proxy", step: "was-private")) == [])
        let withoutAlias = text.replacingOccurrences(of: "        - { name: \"@\", type: ALIAS, value: front }", with: "        - { name: \"@\", type: A, value: 13.125.10.99 }")
        let grade = try grade(withoutAlias, mission: "reverse-proxy", step: "was-private")
        #expect(failing(grade) == ["proxy-elastic-ip"])
        #expect(grade.failing.first?.findings.first?.message.en.contains("alias") == true)
    }
}
