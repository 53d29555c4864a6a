import Foundation
import InfralabTestSupport
import Testing
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
@testable import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

/// Hints react to the learner's file: the concrete hint never asks for a line the file
/// already holds without saying what is still wrong, in the learner's own names, at the
/// finding's line; a hint is about a failing requirement of the step just entered first.
@Suite struct ReactingHintTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path

    /// A workspace at `step` holding `topology`.
    func workspace(at step: String, _ topology: String) throws -> URL {
        let directory = freshWorkingDirectory()
        #expect(runCLI(["init", "--labs", Self.labs], workingDirectory: directory).status == 0)
        let moved = runCLI(["goto", step, "--labs", Self.labs], workingDirectory: directory)
        #expect(moved.status == 0, "\(moved)")
        try topology.write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    func solution(_ path: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("Solutions/\(path)"), encoding: .utf8)
    }

    /// Mission 5 step 1 with the WAS renamed `api`, its group `api-sg`, and the DB's rule
    /// still naming the instance (`from: api`, line 43): every rule hint 3 of
    /// `service-answers` asks for is written, yet the WAS cannot reach the DB.
    func instanceNamedInRule() throws -> String {
        try solution("05-reverse-proxy/front-door.yaml")
            .replacingOccurrences(of: "\n  was:\n", with: "\n  api-sg:\n")
            .replacingOccurrences(of: "was: { subnet: public-a,  public-ip: true, security-groups: [was], role: was }",
                                  with: "api: { subnet: public-a,  public-ip: true, security-groups: [api-sg], role: was }")
            .replacingOccurrences(of: "{ port: 3306, from: was }", with: "{ port: 3306, from: api }")
            .replacingOccurrences(of: "to: was, to-port", with: "to: api, to-port")
    }

    @Test("hint 3 asking for a rule the file already has says what is still wrong, at its line, in the learner's names")
    func alreadyWritten() throws {
        for language in ["en", "ko"] {
            let directory = try workspace(at: "5.1", try instanceNamedInRule())
            var third = CLIRun(status: 0, stdout: "", stderr: "")
            for _ in 1...3 { third = runCLI(["hint", "--lang", language], workingDirectory: directory) }
            #expect(third.status == 0, "\(third)")
            // Wrapped at 80 columns: read as one line, spaces collapsed.
            let text = third.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if language == "en" {
                #expect(text.contains("Hint 3/3"), "\(text)")
                #expect(text.contains("already has `{ port: 8080, from: proxy }` ("), "\(text)")
                #expect(text.contains("topology.yaml:36:9), so that is not what is missing"), "\(text)")
                #expect(!text.contains("Give the proxy"), "the hint's own text gives way: \(text)")
                #expect(text.contains("names `api`, which is no security group"), "\(text)")
            } else {
                #expect(text.contains("힌트 3/3"), "\(text)")
                #expect(text.contains("topology.yaml:36:9에 이미 `{ port: 8080, from: proxy }` 줄이 있어요"), "\(text)")
                #expect(!text.contains("프록시에 `forwards:"), "\(text)")
                #expect(text.contains("`api`는 보안 그룹이 아니라서"), "\(text)")
            }
            // The finding's line, compiler-style: the DB's rule that names the instance.
            #expect(text.contains("topology.yaml:43:9 "), "\(text)")
            #expect(third.stdout.contains("43 |       - { port: 3306, from: api }"), "\(text)")
        }
    }

    @Test("hint 3 asking for a rule the file lacks ends with what the file shows now, at the open rule's line")
    func notYetWritten() throws {
        // The WAS's 8080 opened to the public subnet's range instead of the proxy's group
        // (line 36, column 29): `was-8080-from-proxy` fails, the rest of step 5.1 passes.
        let topology = try solution("05-reverse-proxy/front-door.yaml")
            .replacingOccurrences(of: "{ port: 8080, from: proxy }", with: "{ port: 8080, from: 10.0.1.0/24 }")
        let directory = try workspace(at: "5.1", topology)
        var third = CLIRun(status: 0, stdout: "", stderr: "")
        for _ in 1...3 { third = runCLI(["hint", "--lang", "en"], workingDirectory: directory) }
        #expect(third.stdout.contains("Hint 3/3 — No rule opens 8080"), "\(third.stdout)")
        #expect(third.stdout.contains("In the WAS's group write `{ port: 8080, from: proxy }`"), "\(third.stdout)")
        #expect(third.stdout.contains("What your file shows now:"), "\(third.stdout)")
        #expect(third.stdout.contains("port 8080 of `was` is open to 10.0.1.0/24"), "\(third.stdout)")
        #expect(third.stdout.contains("topology.yaml:36:29\n"), "\(third.stdout)")
        let ko = runCLI(["hint", "--lang", "ko"], workingDirectory: directory)
        #expect(ko.stdout.contains("지금 파일에서 걸리는 곳:"), "\(ko.stdout)")
        #expect(ko.stdout.contains("topology.yaml:36:29\n"), "\(ko.stdout)")
    }

    @Test("the first two hints stay in the story's words")
    func earlyHintsDoNotReact() throws {
        let directory = try workspace(at: "5.1", try instanceNamedInRule())
        let first = runCLI(["hint", "--lang", "en"], workingDirectory: directory)
        #expect(first.stdout.contains("Hint 1/3"), "\(first.stdout)")
        #expect(!first.stdout.contains("-->"), "\(first.stdout)")
    }

    @Test("a hint is about a failing requirement of this step before a carried one, and never about a passing one")
    func hintTarget() {
        func result(_ id: String, carried: Bool, passed: Bool) -> RequirementResult {
            RequirementResult(requirement: Requirement(id: id, statement: LocalizedText(en: id, ko: id), check: .natPerAZ, hints: [],
                                                           location: SourceLocation(file: "m.yaml", line: 1, column: 1)),
                              isCarried: carried, passed: passed, findings: [])
        }
        let grade = StepGrade(missionID: "m", stepID: "s", results: [
            result("carried-fails", carried: true, passed: false),
            result("own-passes", carried: false, passed: true),
            result("own-fails", carried: false, passed: false),
        ], diagnostics: [])
        #expect(grade.hintTarget?.requirement.id == "own-fails", "the step's own failing requirement comes first")
        let carriedOnly = StepGrade(missionID: "m", stepID: "s", results: [
            result("own-passes", carried: false, passed: true), result("carried-fails", carried: true, passed: false),
        ], diagnostics: [])
        #expect(carriedOnly.hintTarget?.requirement.id == "carried-fails")
        let allPass = StepGrade(missionID: "m", stepID: "s", results: [result("own-passes", carried: false, passed: true)], diagnostics: [])
        #expect(allPass.hintTarget == nil, "a passing requirement gets no hint")
    }
}
