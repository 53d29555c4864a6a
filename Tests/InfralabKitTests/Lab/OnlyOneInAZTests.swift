import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation

/// An availability-zone outage that takes the only NAT gateway, or the only instance
/// of a role, points at that component and says it has no twin in another AZ.
@Suite struct OnlyOneInAZTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    func finding(_ solution: String, step: String, requirement: String, _ change: (String) -> String) throws -> Finding {
        let text = change(try String(contentsOf: packageRoot.appendingPathComponent("Solutions/07-both-zones/\(solution)"), encoding: .utf8))
        let mission = try #require(Self.pack.missions.first { $0.id == "both-zones" })
        let step = try #require(mission.step(withID: step))
        let grade = Grader(TopologyLoader.load(text: text, file: "t.yaml"), file: "t.yaml").grade(mission: mission, step: step)
        let result = try #require(grade.results.first { $0.requirement.id == requirement })
        #expect(!result.passed, "the outage of ap-northeast-2a takes the only one")
        return try #require(result.findings.first)
    }

    @Test("one NAT gateway `egress-1` for both AZs: the surviving WAS's failure points at it, 'the only NAT gateway; it is in ap-northeast-2a'")
    func onlyNAT() throws {
        // Both private tables route to `egress-1` (line 33, column 3); `nat-c` is gone.
        let f = try finding("both-was.yaml", step: "both-was", requirement: "updates-survive-az-outage") { text in
            text.replacingOccurrences(of: "via: nat-c", with: "via: egress-1").replacingOccurrences(of: "via: nat-a", with: "via: egress-1")
                .replacingOccurrences(of: "nat-a:", with: "egress-1:")
                .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  nat-c:") }.joined(separator: "\n")
        }
        #expect(f.flow?.query.source.description == "was-c", "the survivor's flow, not the downed `was`'s")
        #expect(f.location == SourceLocation(file: "t.yaml", line: 33, column: 3), "`egress-1`")
        let reason = try #require(f.flow?.reason.message)
        #expect(reason.en.contains("`egress-1` is the only NAT gateway; it is in ap-northeast-2a, which is down"), "\(reason.en)")
        #expect(reason.text(.ko).contains("`egress-1`은 하나뿐인 NAT 게이트웨이인데 ap-northeast-2a에 있어서 이 가용 영역과 함께 멈췄어요"), "\(reason.text(.ko))")
    }

    @Test("one DB `store` in AZ a: the service's failure points at it as the only instance of its role")
    func onlyOfRole() throws {
        // The DB renamed `store` (line 56, column 3), no standby.
        let f = try finding("second-proxy.yaml", step: "db-standby", requirement: "survives-az-outage") { text in
            text.replacingOccurrences(of: "  db:  { subnet: private-a", with: "  store:  { subnet: private-a")
        }
        #expect(f.location == SourceLocation(file: "t.yaml", line: 56, column: 3), "`store`")
        let reason = try #require(f.flow?.reason.message)
        #expect(reason.en.contains("`store` is the only instance playing the role `db`; it is in ap-northeast-2a, which is down"), "\(reason.en)")
        #expect(reason.text(.ko).contains("`store`는 `db` 역할을 하는 하나뿐인 인스턴스인데 ap-northeast-2a에 있어서"), "\(reason.text(.ko))")
    }
}

/// A service failure under an incident says the incident once: "During …:" above the
/// message on screen (and before it in reports), not again inside it.
@Suite struct ServiceUnderIncidentTests {
    @Test("the service failing during an AZ outage: the outage once, in English and Korean, on the screen and in reports")
    func incidentOnce() throws {
        // Mission 7 step 3 with one DB `store` in AZ a and no standby.
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Solutions/07-both-zones/second-proxy.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  db:  { subnet: private-a", with: "  store:  { subnet: private-a")
        let mission = try #require(OnlyOneInAZTests.pack.missions.first { $0.id == "both-zones" })
        let step = try #require(mission.step(withID: "db-standby"))
        let grade = Grader(TopologyLoader.load(text: text, file: "t.yaml"), file: "t.yaml").grade(mission: mission, step: step)
        let finding = try #require(grade.results.first { $0.requirement.id == "survives-az-outage" }?.findings.first)
        let lines = DiagnosticRenderer.lines(of: text)
        for (language, outage) in [(Language.en, "outage of availability zone"), (.ko, "장애")] {
            let shown = LearnerScreens(colorize: false, language: language, width: 80) { _ in lines }.explanation(finding, indent: 0)
            let head = shown.split(separator: "\n").prefix(3).joined(separator: " ")
            #expect(head.components(separatedBy: outage).count == 2, "the outage said once: \(shown)")
            #expect(head.contains(language == .en ? "the service does not answer" : "서비스가 응답하지 않아요"), "\(shown)")
            let report = UIText.during(finding).text(language)
            #expect(report.components(separatedBy: outage).count == 2, "once in a report too: \(report)")
        }
    }
}
