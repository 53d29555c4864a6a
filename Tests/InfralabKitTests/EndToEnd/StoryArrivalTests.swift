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

/// The story reaches the learner's own file: played with `next` only, each step's
/// events turn the reference answer of the step before into the step's starter.
@Suite(.tags(.endToEnd)) struct StoryArrivalTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path
    static let pack = LabPack.load(directory: labs)

    /// What each diff must show (a piece of an added line), for steps whose story changes the file.
    static let expectedChanges: [String: [String]] = [
        "home-server/close-ports": ["{ port: 3306, to: home-server }", "{ port: 22, to: home-server }"],
        "datacenter/blackout": ["dc-1:", "public-ip: 198.51.100.40"],
        "datacenter/fire": ["dc-2:", "public-ip: 198.51.100.60"],
        "datacenter/breach": ["outside:", "admin: 203.0.113.10"],
        "vpc-split/shortcut": ["public-ip: true", "{ to: admin, via: igw-main }"],
        "nat/no-way-in": ["{ port: 22, from: 0.0.0.0/0 }"],
        "nat/nat-per-az": ["was-c: { subnet: private-c, security-groups: [was], role: was }   # "],
        "name-and-lock/dns": ["dns:", "- { name: \"@\", type: CNAME, value: web }"],
        "stateless-doors/both-directions": ["{ rule: 100, action: allow, port: 443, cidr: 0.0.0.0/0 }", "{ rule: 120, action: allow, port: 22, cidr: admin }"],
        "stateless-doors/private-doors": ["private:", "subnets: [private-a, private-c]", "{ rule: 100, action: allow, port: 8080, cidr: 10.0.0.0/22 }",
                                          "{ rule: 130, action: allow, port: 32768-65535, cidr: 10.0.0.0/16 }"],
        "data-tier/sessions": ["cache:", "{ port: 6379, from: 10.0.0.0/16 }"],
    ]

    func show(_ path: String, in directory: URL, language: String = "en") -> String {
        runCLI(["show", path, "--lang", language], workingDirectory: directory).stdout
    }

    /// Screen text with wrapped rows joined again: diff continuation rows (`     │ `)
    /// and wrapped prose.
    static func unwrapped(_ screen: String) -> String {
        var out = ""
        for line in screen.split(separator: "\n", omittingEmptySubsequences: false) {
            if let bar = line.range(of: "│ "), line[..<bar.lowerBound].allSatisfy({ $0 == " " }) {
                out += line[bar.upperBound...]
            } else {
                out += (out.isEmpty ? "" : "\n") + line
            }
        }
        return out
    }

    /// The "Meanwhile …" block of a `next` screen, up to the task.
    static func arrivalBlock(_ screen: String) -> String? {
        guard let start = screen.range(of: "Meanwhile") ?? screen.range(of: "그사이") else { return nil }
        let rest = screen[start.lowerBound...]
        let end = rest.range(of: "Your task") ?? rest.range(of: "할 일") ?? rest.range(of: rest)!
        return String(rest[..<end.lowerBound])
    }

    @Test("all six missions with `next` only, from each step's reference answer: each arrival is the step's starter, fails, and shows its diff",
          arguments: ["en", "ko"])
    func playWithNextOnly(language: String) throws {
        let directory = freshWorkingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = testEnvironment
        environment["INFRALAB_LANG"] = language
        #expect(runCLI(["init", "--labs", Self.labs], environment: environment, workingDirectory: directory).status == 0)
        let file = directory.appendingPathComponent("topology.yaml")
        var diffs: [String] = []
        let steps = Self.pack.allSteps
        for (index, (mission, step)) in steps.enumerated() {
            let solution = try String(contentsOfFile: step.solutionPath, encoding: .utf8)
            try solution.write(to: file, atomically: true, encoding: .utf8)
            let next = runCLI(["next"], environment: environment, workingDirectory: directory)
            #expect(next.status == 0, "\(mission.id)/\(step.id): the reference passes\n\(next.stdout)")
            for line in next.stdout.split(separator: "\n") { #expect(displayWidth(of: String(line)) <= 80, "\(language): “\(line)”") }
            guard index + 1 < steps.count else { break }
            let (nextMission, nextStep) = steps[index + 1]
            let position = "\(nextMission.id)/\(nextStep.id)"
            let starter = PathUtilities.resolve(nextStep.starterPath, relativeTo: nextMission.directory)
            #expect(show("topology.yaml", in: directory) == show(starter, in: directory), "\(position): `show` of the file is the starter's")
            let check = runCLI(["check"], workingDirectory: directory)
            #expect(check.status == 1, "\(position): no free step on arrival\n\(check.stdout)")
            let block = Self.arrivalBlock(next.stdout)
            if let expected = Self.expectedChanges[position] {
                let shown = try #require(block, "\(position): the chapter shows the story's changes\n\(next.stdout)")
                #expect(shown.hasPrefix(language == "ko" ? "그사이" : "Meanwhile"))
                let joined = Self.unwrapped(shown)
                for piece in expected { #expect(joined.contains(piece), "\(position): the diff shows `\(piece)`\n\(shown)") }
                #expect(shown.contains(".infralab/backups/"), "\(position): the screen names the backup")
                #expect(shown.contains("\(mission.id)-\(step.id)"), "\(position): the backup is named after the step the file belonged to")
                diffs.append("\(position)\n\(shown)")
            } else if nextMission.id == mission.id {
                #expect(block == nil, "\(position): no events, no diff\n\(next.stdout)")
            }
        }
        #expect(diffs.count == Self.expectedChanges.count, "\(diffs.joined(separator: "\n"))")
        let status = runCLI(["status"], workingDirectory: directory)
        #expect(status.stdout.contains("finished every mission"), "\(status)")
    }

    @Test("alternate correct answers (the pack's `expect: pass` variants) arrive loaded, never refused, and mostly failing")
    func alternateAnswersArrive() throws {
        var total = 0, failing = 0
        var passing: [String] = []
        for mission in Self.pack.missions {
            for (index, step) in mission.steps.enumerated() where index + 1 < mission.steps.count {
                let folder = URL(fileURLWithPath: mission.solutionsDirectory).appendingPathComponent("variants/\(step.id)")
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
                for name in names {
                    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                    guard text.hasPrefix("# expect: pass") else { continue }
                    let directory = freshWorkingDirectory()
                    defer { try? FileManager.default.removeItem(at: directory) }
                    _ = runCLI(["init", "--labs", Self.labs], workingDirectory: directory)
                    _ = runCLI(["goto", "\(mission.id)/\(step.id)"], workingDirectory: directory)
                    try text.write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
                    let next = runCLI(["next"], workingDirectory: directory)
                    let label = "\(mission.id)/\(step.id) \(name)"
                    #expect(next.status == 0, "\(label) passes its step\n\(next.stdout)")
                    #expect(!next.stdout.contains("cannot take"), "\(label): the events fit\n\(next.stdout)")
                    // Events never write a file that does not load, except for the errors they
                    // make on purpose (`breaks:`, the teammate's apex CNAME).
                    let arrived = TopologyLoader.load(text: try String(contentsOf: directory.appendingPathComponent("topology.yaml"), encoding: .utf8),
                                                      file: "topology.yaml")
                    let onPurpose = Set(mission.steps[index + 1].events.flatMap(\.breaks).map { "topology." + $0 })
                    let errors = arrived.diagnostics.filter { $0.severity == .error }.map(\.code)
                    #expect(errors.allSatisfy(onPurpose.contains), "\(label): the file loads after the events, but for \(onPurpose.sorted()): \(errors)")
                    total += 1
                    if runCLI(["check"], workingDirectory: directory).status == 1 { failing += 1 } else { passing.append(label) }
                }
            }
        }
        #expect(total >= 15)
        #expect(Double(failing) >= 0.8 * Double(total), "\(failing) of \(total) fail on arrival; passing: \(passing)")
    }

    /// The reference answer with every component renamed (`db` → `db-x`; roles, kinds and
    /// the story's outside hosts stay): a learner who chose their own names.
    static func renamed(_ text: String) -> String? {
        guard let root = YAMLParser.parse(text, file: "r.yaml").root else { return nil }
        var names = Set<String>()
        for section in ["sites", "hosts", "vpcs", "internet-gateways", "subnets", "route-tables", "nat-gateways", "security-groups",
                        "network-acls", "instances", "load-balancers"] {
            for entry in root[section]?.entries ?? [] { names.insert(entry.key) }
        }
        for vpc in root["vpcs"]?.entries ?? [] { if let gateway = vpc.value["internet-gateway"]?.scalar { names.insert(gateway) } }
        let keep: Set<String> = ["role", "runs", "kind", "power", "az", "region", "protocol", "action", "scheme", "cidr"]
        func walk(_ node: YAMLNode, depth: Int, key: String?) -> YAMLNode {
            switch node.kind {
            case .scalar(let text, let style):
                if let key, keep.contains(key) { return node }
                return names.contains(text) ? YAMLNode(.scalar(text + "-x", style), at: node.location) : node
            case .sequence(let items):
                return YAMLNode(.sequence(items.map { walk($0, depth: depth + 1, key: key) }), at: node.location)
            case .mapping(let entries):
                return YAMLNode(.mapping(entries.map { entry in
                    let renamedKey = depth == 1 && names.contains(entry.key) ? entry.key + "-x" : entry.key
                    return YAMLNode.Entry(key: renamedKey, keyLocation: entry.keyLocation, value: walk(entry.value, depth: depth + 1, key: entry.key))
                }), at: node.location)
            }
        }
        return YAMLWriter.write(walk(root, depth: 0, key: nil))
    }

    @Test("every reference answer with other names for everything: the events find their targets, the file loads, the step fails")
    func renamedAnswersArrive() throws {
        var arrivals = 0
        for mission in Self.pack.missions {
            for (index, step) in mission.steps.enumerated() where index > 0 && !step.freshStart {
                let previous = mission.steps[index - 1]
                let text = try #require(Self.renamed(try String(contentsOfFile: previous.solutionPath, encoding: .utf8)))
                #expect(text.contains("-x:") && text.contains("-x\n"), "the names are the learner's own\n\(text)")
                let before = TopologyLoader.load(text: text, file: "topology.yaml")
                #expect(!before.hasErrors, "\(previous.id) renamed loads: \(before.diagnostics.map(\.message.en))\n\(text)")
                let position = "\(mission.id)/\(step.id)"
                switch StoryEventApplier.apply(step.events, to: text, file: "topology.yaml", language: .en) {
                case .failure(let failure):
                    Issue.record("\(position): refused: \(failure.message.en) at \(String(describing: failure.location))\n\(text)")
                case .success(let arrival):
                    arrivals += 1
                    #expect(arrival.changed == !step.events.isEmpty, "\(position): the events change the renamed file too")
                    let loaded = TopologyLoader.load(text: arrival.text, file: "topology.yaml")
                    let topology = try #require(loaded.topology)
                    let onPurpose = Set(step.events.flatMap(\.breaks).map { "topology." + $0 })
                    #expect(loaded.diagnostics.allSatisfy { $0.severity != .error || onPurpose.contains($0.code) },
                            "\(position): \(loaded.diagnostics.map(\.message.en))")
                    let grade = Grader(topology: topology, diagnostics: loaded.diagnostics).grade(mission: mission, step: step)
                    #expect(!grade.passed, "\(position): no free step with other names\n\(arrival.text)")
                }
            }
        }
        #expect(arrivals == Self.pack.missions.map { $0.steps.dropFirst().filter { !$0.freshStart }.count }.reduce(0, +))
    }

    @Test("goto within a mission brings the target's starter, says so, and names the backup after the file's step")
    func gotoWithinMission() throws {
        let directory = freshWorkingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = runCLI(["init", "--labs", Self.labs], workingDirectory: directory)
        _ = runCLI(["goto", "4.1"], workingDirectory: directory)
        let mine = "# my own work\n" + (try String(contentsOf: directory.appendingPathComponent("topology.yaml"), encoding: .utf8))
        try mine.write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        let jump = runCLI(["goto", "4.3"], workingDirectory: directory)
        #expect(jump.status == 0)
        let said = jump.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(said.contains("now holds the starter of step `bastion/db-through-bastion`"), "\(jump.stdout)")
        let bastion = try #require(Self.pack.mission(withID: "bastion"))
        let starter = try String(contentsOfFile: PathUtilities.resolve(bastion.steps[2].starterPath, relativeTo: bastion.directory), encoding: .utf8)
        #expect(try String(contentsOf: directory.appendingPathComponent("topology.yaml"), encoding: .utf8) == Workspace.withEditorSchemaLine(BilingualComments.keeping(.en, in: starter)))
        #expect(starter.contains("role: bastion"), "the story's bastion is there")
        let backupsFolder = directory.appendingPathComponent(".infralab/backups")
        let backups = try FileManager.default.contentsOfDirectory(atPath: backupsFolder.path).filter { $0.hasSuffix("-bastion-bastion-host.yaml") }
        #expect(backups.count == 1, "named after 4.1, the step the file belonged to: \(backups)")
        if let backup = backups.first {
            #expect(try String(contentsOf: backupsFolder.appendingPathComponent(backup), encoding: .utf8) == mine)
            #expect(jump.stdout.replacingOccurrences(of: "\n", with: "").contains(backup))
        }
        let stay = runCLI(["goto", "4.3"], workingDirectory: directory)
        #expect(stay.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("stays as it is"), "\(stay.stdout)")
    }

    @Test("the arrival screen fits 80 columns in both languages, plain with NO_COLOR, and refusals name the place and `infralab reset`")
    func arrivalScreens() throws {
        for language in ["en", "ko"] {
            let directory = freshWorkingDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            var environment = testEnvironment
            environment["NO_COLOR"] = "1"
            environment["INFRALAB_LANG"] = language
            _ = runCLI(["init", "--labs", Self.labs], environment: environment, workingDirectory: directory)
            _ = runCLI(["goto", "6.1"], environment: environment, workingDirectory: directory)
            let nat = try #require(Self.pack.mission(withID: "nat"))
            try String(contentsOfFile: nat.steps[0].solutionPath, encoding: .utf8)
                .write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
            let next = runCLI(["next"], environment: environment, workingDirectory: directory, stdoutIsTerminal: true)
            #expect(!next.stdout.contains("\u{1B}["), "NO_COLOR")
            let block = try #require(Self.arrivalBlock(next.stdout), "\(next.stdout)")
            #expect(block.contains(language == "ko" ? "팀원이 추가" : "added by a teammate"), "the note is in the learner's language\n\(block)")
            for line in next.stdout.split(separator: "\n") { #expect(displayWidth(of: String(line)) <= 80, "“\(line)”") }

            // A file that no longer loads cannot take the next step's events.
            let second = nat.steps[1]
            _ = runCLI(["goto", "6.2"], environment: environment, workingDirectory: directory)
            let broken = try String(contentsOfFile: second.solutionPath, encoding: .utf8) + "instances2: [\n"
            try broken.write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
            var session = try #require(try? LearnerSession.open(from: directory.path, labsOverride: Self.labs, environment: environment, executablePath: nil).get())
            session.language = language == "ko" ? .ko : .en
            session.progress.stepID = nat.steps[2].id
            let arrival = try session.arrive(label: "nat-no-way-in")
            guard case .refused(let failure) = arrival else { Issue.record("a broken file is refused"); continue }
            #expect(failure.location?.file.hasSuffix("topology.yaml") == true && failure.location?.line != nil)
            #expect(try String(contentsOf: directory.appendingPathComponent("topology.yaml"), encoding: .utf8) == broken, "untouched")
            let screen = LearnerScreens(colorize: false, language: session.language, width: 80, sourceLines: { _ in nil }).arrival(arrival, file: "topology.yaml")
            #expect(screen.contains("infralab reset"), "\(screen)")
            #expect(screen.contains("topology.yaml:"), "\(screen)")
            for line in screen.split(separator: "\n") { #expect(displayWidth(of: String(line)) <= 80, "“\(line)”") }
        }
    }
}
