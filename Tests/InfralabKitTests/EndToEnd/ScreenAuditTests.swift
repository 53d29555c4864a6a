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

/// Issue 11, "How it will be checked", over every answer we hold: each reference
/// solution and each variant under `Solutions/` through `check` in a workspace at its
/// step (English and Korean), `validate`, `probe` (the step's flows, with its incidents,
/// and `--paths`), `solution`, `hint`, broken copies of each reference (errors and a
/// warning), and the step's automatic mutants — at 80 columns, NO_COLOR, piped.
/// No line may be wider than 80 columns, no particle may be templated, and a Korean
/// screen may show English only as code (`ScreenAudit` defines code).
///
/// `INFRALAB_SCREEN_AUDIT=FILE` writes every finding to FILE (Tests/screen-audit.sh).
@Suite(.tags(.endToEnd)) struct ScreenAuditTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path
    static let pack = LabPack.load(directory: labs)
    static let languages = ["en", "ko"]

    var environment: [String: String] {
        var environment = testEnvironment
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = "80"
        return environment
    }

    @Test("every learner screen over every answer fits 80 columns, picks its particles, and keeps English to code in Korean")
    func everyScreenIsClean() throws {
        var audit = ScreenAudit(width: 80)
        for (mission, step) in Self.pack.allSteps {
            try auditStep(mission: mission, step: step, into: &audit)
        }
        if let path = ProcessInfo.processInfo.environment["INFRALAB_SCREEN_AUDIT"], !path.isEmpty {
            let report = audit.summary + "\n\n" + audit.findings.map(\.description).joined(separator: "\n") + "\n"
            try report.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(audit.screens > 2000, "guards against auditing nothing: \(audit.screens) screens")
        for kind in ScreenAudit.Kind.allCases {
            let found = audit.findings.filter { $0.kind == kind }
            #expect(found.count == 0, "\(found.count) \(kind.rawValue), e.g.\n\(found.prefix(8).map(\.description).joined(separator: "\n"))")
        }
    }

    /// The answers kept for a step: the reference, then its variants in name order.
    static func answers(for step: Step) -> [URL] {
        let reference = URL(fileURLWithPath: step.solutionPath)
        let variants = reference.deletingLastPathComponent().appendingPathComponent("variants")
            .appendingPathComponent(reference.deletingPathExtension().lastPathComponent)
        let files = (try? FileManager.default.contentsOfDirectory(at: variants, includingPropertiesForKeys: nil)) ?? []
        return [reference] + files.filter { $0.pathExtension == "yaml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The names a topology gives its components and every value its file writes (code on
    /// any screen), with the names infralab gives what a file leaves implicit.
    static func names(in text: String) -> Set<String> {
        var names: Set<String> = ["internet", "default", "main"]
        if let index = TopologyLoader.load(text: text, file: "topology.yaml").index {
            names.formUnion(ComponentKind.allCases.flatMap { index.names(of: $0) })
        }
        for line in text.split(separator: "\n") {
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for token in code.split(whereSeparator: { " ,[]{}\"'".contains($0) }) where !token.hasSuffix(":") {
                names.insert(String(token))
            }
        }
        return names
    }

    /// What a learner in the workspace sees: paths inside it relative to it (the tests run
    /// in-process, in another current folder).
    static func seen(_ run: CLIRun, in directory: URL) -> String {
        (run.stdout + run.stderr).replacingOccurrences(of: directory.path + "/", with: "")
    }

    func auditStep(mission: Mission, step: Step, into audit: inout ScreenAudit) throws {
        let directory = freshWorkingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let place = "\(mission.id)/\(step.id)"
        _ = runCLI(["init", "--labs", Self.labs], environment: environment, workingDirectory: directory)
        let goto = runCLI(["goto", place], environment: environment, workingDirectory: directory)
        #expect(goto.status == 0, "\(place): \(goto)")
        let topology = directory.appendingPathComponent("topology.yaml")
        let referenceNames = Self.names(in: (try? String(contentsOfFile: step.solutionPath, encoding: .utf8)) ?? "")
        for language in Self.languages {
            let run = runCLI(["hint", "--lang", language], environment: environment, workingDirectory: directory)
            audit.inspect(Self.seen(run, in: directory), screen: "\(place) hint (\(language))", korean: language == "ko", names: referenceNames)
            let solution = runCLI(["solution", "--yes", "--lang", language], environment: environment, workingDirectory: directory)
            audit.inspect(Self.seen(solution, in: directory), screen: "\(place) solution (\(language))", korean: language == "ko",
                          names: referenceNames)
        }
        auditHints(mission: mission, step: step, names: referenceNames, into: &audit)
        for answer in Self.answers(for: step) {
            let text = try String(contentsOf: answer, encoding: .utf8)
            try text.write(to: topology, atomically: true, encoding: .utf8)
            let label = "\(place) \(answer.lastPathComponent)"
            auditAnswer(text, label: label, mission: mission, step: step, directory: directory, into: &audit)
        }
        let reference = try String(contentsOfFile: step.solutionPath, encoding: .utf8)
        for (name, broken) in Self.brokenCopies(of: reference) {
            try broken.write(to: topology, atomically: true, encoding: .utf8)
            for language in Self.languages {
                for command in [["check"], ["validate", "topology.yaml"]] {
                    let run = runCLI(command + ["--lang", language], environment: environment, workingDirectory: directory)
                    audit.inspect(Self.seen(run, in: directory), screen: "\(place) \(name) \(command[0]) (\(language))",
                                  korean: language == "ko", names: Self.names(in: broken))
                }
            }
        }
        auditMutants(of: reference, mission: mission, step: step, into: &audit)
    }

    /// `check` in both languages, `validate` and the step's probes.
    func auditAnswer(_ text: String, label: String, mission: Mission, step: Step, directory: URL, into audit: inout ScreenAudit) {
        let names = Self.names(in: text)
        var commands: [[String]] = [["check"], ["validate", "topology.yaml"]]
        commands += Self.probes(mission.requirements(for: step)).map { ["probe", "topology.yaml"] + $0 }
        for language in Self.languages {
            for command in commands {
                let run = runCLI(command + ["--lang", language], environment: environment, workingDirectory: directory)
                audit.inspect(Self.seen(run, in: directory), screen: "\(label) \(command.joined(separator: " ")) (\(language))",
                              korean: language == "ko", names: names)
            }
        }
    }

    /// Probe arguments for the step's flow checks that name their ends: up to three
    /// flows (with the incidents that name one component), and `--paths` into the first.
    static func probes(_ requirements: [Requirement]) -> [[String]] {
        var flows: [[String]] = []
        for requirement in requirements {
            let flow: FlowCheck
            switch requirement.check {
            case .reachable(let f), .unreachable(let f), .onlyThrough(let f): flow = f
            default: continue
            }
            guard let from = end(flow.from), let to = end(flow.to) else { continue }
            var arguments = ["--from", from, "--to", to, "--port", String(flow.port), "--protocol", flow.protocol.rawValue]
            for incident in flow.under {
                switch incident.target {
                case .together(let selector), .each(let selector):
                    if let name = end(selector) { arguments += ["--incident", "\(incident.kind.rawValue):\(name)"] }
                default: break
                }
            }
            if !flows.contains(arguments) { flows.append(arguments) }
        }
        var probes = Array(flows.prefix(3))
        if let first = flows.first { probes.append(["--paths", "--to", first[3], "--port", first[5]]) }
        return probes
    }

    static func end(_ selector: Selector) -> String? {
        switch selector.form {
        case .internet: "internet"
        case .name(let name): name
        default: nil
        }
    }

    /// Every hint of every requirement of the step, as `hint` shows it.
    func auditHints(mission: Mission, step: Step, names: Set<String>, into audit: inout ScreenAudit) {
        for language in [Language.en, .ko] {
            let screens = LearnerScreens(colorize: false, language: language, width: 80) { _ in nil }
            for requirement in mission.requirements(for: step) {
                for level in requirement.hints.indices {
                    audit.inspect(screens.hint(requirement, level: level + 1), screen: "\(mission.id)/\(step.id) hint \(requirement.id) \(level + 1) (\(language))",
                                  korean: language == .ko, names: names)
                }
            }
        }
    }

    /// The reference broken four ways (errors) and once more (a warning).
    static func brokenCopies(of text: String) -> [(String, String)] {
        func replacingFirst(_ pattern: String, in text: String, with replacement: (String) -> String) -> String? {
            guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
            return text.replacingCharacters(in: range, with: replacement(String(text[range])))
        }
        var copies: [(String, String)] = [("unknown-key", text + "\nsecurity-group:\n  web: {}\n")]
        // A list where one value belongs.
        if let wrongKind = replacingFirst(#"region: [a-z0-9-]+"#, in: text, with: { "region: [" + $0.dropFirst(8) + "]" })
            ?? replacingFirst(#"subnet: [A-Za-z0-9-]+"#, in: text, with: { "subnet: [" + $0.dropFirst(8) + "]" }) {
            copies.append(("wrong-kind", wrongKind))
        }
        if let badCIDR = replacingFirst(#"cidr: [0-9./]+"#, in: text, with: { _ in "cidr: 10.0.300.0/33" }) {
            copies.append(("bad-cidr", badCIDR))
        }
        // A 200-character name, everywhere the file uses the first security group's (or
        // the first component's) name.
        let long = "web-" + String(repeating: "a", count: 196)
        let named = text.range(of: #"security-groups:\n  [a-z][a-z0-9-]*:"#, options: .regularExpression)
            ?? text.range(of: #"\n  [a-z][a-z0-9-]*:"#, options: .regularExpression)
        if let named {
            let name = text[named].split(separator: "\n").last!.dropFirst(2).dropLast()
            let renamed = text.replacingOccurrences(of: #"(?<![A-Za-z0-9_.-])"# + name + #"(?![A-Za-z0-9_-])"#, with: long, options: .regularExpression)
            copies.append(("long-name", renamed))
        }
        if let hostBits = replacingFirst(#"cidr: 10\.0\.0\.0/16"#, in: text, with: { _ in "cidr: 10.0.0.7/16" }) {
            copies.append(("host-bits", hostBits))
        }
        return copies
    }

    /// The step's automatic mutants of the reference, graded and shown like `check`.
    func auditMutants(of reference: String, mission: Mission, step: Step, into audit: inout ScreenAudit) {
        let loaded = TopologyLoader.load(text: reference, file: "topology.yaml")
        guard let topology = loaded.topology else { return }
        let lines = DiagnosticRenderer.lines(of: reference)
        let names = Self.names(in: reference)
        for mutant in MutantGenerator.mutants(of: topology) {
            let grade = Grader(topology: mutant.topology, diagnostics: []).grade(mission: mission, step: step)
            for language in [Language.en, .ko] {
                let screens = LearnerScreens(colorize: false, language: language, width: 80) { _ in lines }
                let screen = screens.checklist(grade, mission: mission, step: step, hintLevel: { _ in 0 })
                audit.inspect(screen, screen: "\(mission.id)/\(step.id) mutant \(mutant.id) (\(language))", korean: language == .ko, names: names)
            }
        }
    }
}
