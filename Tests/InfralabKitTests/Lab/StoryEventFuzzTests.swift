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

/// The event applier against damaged learner files (a seeded generator, so every run
/// sees the same inputs): it never crashes, never writes a file that does not load,
/// and never loses a learner's line — every line is still there, in order, or was
/// edited in place keeping its words and its comment; a refused file stays as it was,
/// and an applied one leaves a backup equal to the file before.
@Suite(.tags(.endToEnd)) struct StoryEventFuzzTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    /// (the step's events, a predecessor's reference answer) for every step with events.
    static var cases: [(Mission, Step, String)] {
        Self.pack.missions.flatMap { mission in
            mission.steps.enumerated().compactMap { index, step -> (Mission, Step, String)? in
                guard index > 0, !step.events.isEmpty,
                      let text = try? String(contentsOfFile: mission.steps[index - 1].solutionPath, encoding: .utf8) else { return nil }
                return (mission, step, text)
            }
        }
    }

    static let junk = ["# note", "  # indented note", "", "   ", "x: 1", "- y", "{", "]", "\t", "한국어: 값", "routes: []", "inbound: [ ]", "~"]

    /// One random change to a file's text, the kind a person (or a bad merge) makes.
    static func damage(_ text: String, _ random: inout SeededRandom) -> String {
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        guard !lines.isEmpty else { return text }
        let at = Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0: lines.remove(at: at)
        case 1: lines.insert(lines[at], at: at)
        case 2: lines[at] = String(repeating: " ", count: Int.random(in: 1...3, using: &random)) + lines[at]
        case 3: lines[at] = String(lines[at].drop { $0 == " " })
        case 4: lines.insert(junk.randomElement(using: &random)!, at: at)
        case 5: lines[at] += "   # " + ["mine", "keep me", "팀원", "}"].randomElement(using: &random)!
        case 6:
            let words = ["db", "was", "private", "public-a", "igw-main", "admin", "home", "role: db", "[]", "{ }", ","]
            lines[at] = lines[at].replacingOccurrences(of: words.randomElement(using: &random)!, with: words.randomElement(using: &random)!)
        case 7: if at + 1 < lines.count { lines[at] += " " + lines.remove(at: at + 1) }
        case 8: return lines.joined(separator: "\r\n")
        default: lines[at] = lines[at].replacingOccurrences(of: "  - ", with: "- ")
        }
        return lines.joined(separator: "\n")
    }

    /// Lines as the YAML parser counts them (`\r\n`, `\r` and `\n` end a line).
    static func lineCount(_ text: String) -> Int {
        text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.count + 1
    }

    /// Words of a line, brackets and commas aside (so `[]` turned block still matches).
    static func words(_ line: String) -> [String] {
        line.split(whereSeparator: { " \t,{}[]\r".contains($0) }).map(String.init)
    }

    /// The numbers of the network ACL rules a step's events replace or remove: those
    /// lines may go (a replaced one-line rule keeps its comment unless the event has a
    /// note, which takes the comment's place).
    static func rewrittenRules(_ step: Step) -> [(number: Int, keepsComment: Bool)] {
        step.events.compactMap { event in
            switch event.operation {
            case .aclRule(_, _, .replace(let rule)): rule["rule"]?.scalar.flatMap { Int($0) }.map { ($0, event.note == nil) }
            case .aclRule(_, _, .remove(let number)): (number, false)
            default: nil
            }
        }
    }

    /// Every old line is kept in order, or edited in place keeping all but one word and
    /// its comment, or is a rule the events replace or remove.
    static func keepsEveryLine(old: String, new: String, rewritten: [(number: Int, keepsComment: Bool)] = []) -> String? {
        let diff = LineDiff(old: old, new: new)
        let added = diff.changes.filter { $0.kind == .added }.map(\.text)
        for removed in diff.changes where removed.kind == .removed {
            let mine = words(removed.text)
            let comment = removed.text.range(of: " #").map { String(removed.text[$0.lowerBound...]).trimmingCharacters(in: .whitespaces) }
            let kept = added.contains { candidate in
                let theirs = words(candidate)
                let lost = mine.filter { word in mine.filter { $0 == word }.count > theirs.filter { $0 == word }.count }
                return Set(lost).count <= 1 && (comment.map { candidate.contains($0) } ?? true)
            }
            let mineRule = rewritten.first { rule in
                let words = Self.words(removed.text)
                return zip(words, words.dropFirst()).contains { $0 == "rule:" && $1 == String(rule.number) }
            }
            let rewrittenHere = mineRule.map { !$0.keepsComment || comment.map { new.contains($0) } ?? true } ?? false
            if !kept && !rewrittenHere { return "line \(removed.number) `\(removed.text)` is gone" }
        }
        return nil
    }

    @Test("damaged files: the applier never crashes, never loses a line, never writes a file that does not load", arguments: [1, 2, 3, 4])
    func damagedFiles(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var applied = 0, refused = 0
        for _ in 0..<40 {
            for (mission, step, reference) in Self.cases {
                var text = reference
                for _ in 0..<Int.random(in: 1...3, using: &random) { text = Self.damage(text, &random) }
                switch StoryEventApplier.apply(step.events, to: text, file: "topology.yaml", language: seed % 2 == 0 ? .ko : .en) {
                case .success(let arrival):
                    guard arrival.changed else { continue }
                    applied += 1
                    let loaded = TopologyLoader.load(text: arrival.text, file: "topology.yaml")
                    let onPurpose = Set(step.events.flatMap(\.breaks).map { "topology." + $0 })
                    #expect(loaded.diagnostics.allSatisfy { $0.severity != .error || onPurpose.contains($0.code) },
                            "\(mission.id)/\(step.id): the result loads (but for the errors the events make on purpose)\n\(arrival.text)")
                    if let lost = Self.keepsEveryLine(old: text, new: arrival.text, rewritten: Self.rewrittenRules(step)) {
                        Issue.record("\(mission.id)/\(step.id): \(lost)\n--- before\n\(text)\n--- after\n\(arrival.text)")
                    }
                case .failure(let failure):
                    refused += 1
                    #expect(!failure.message.en.isEmpty && failure.message.ko?.isEmpty == false)
                    if let line = failure.location?.line {
                        #expect(line >= 1 && line <= Self.lineCount(text), "\(failure.location!) \(failure.message.en)\n\(text)")
                    }
                }
            }
        }
        #expect(applied > 50, "most damaged files still take the events (\(applied) applied, \(refused) refused)")
    }

    @Test("in a workspace: a refused arrival leaves the file byte for byte; an applied one backs the old file up first")
    func workspaceArrivals() throws {
        var random = SeededRandom(seed: 99)
        let labs = packageRoot.appendingPathComponent("Labs").path
        var sawRefusal = false, sawApplied = false
        for round in 0..<24 {
            let (mission, step, reference) = Self.cases[round % Self.cases.count]
            let directory = freshWorkingDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            _ = runCLI(["init", "--labs", labs], workingDirectory: directory)
            _ = runCLI(["goto", "\(mission.id)/\(step.id)"], workingDirectory: directory)
            var text = reference
            for _ in 0..<(round % 4) { text = Self.damage(text, &random) }
            if round % 6 == 5 { text += "\nbroken: [\n" }
            let file = directory.appendingPathComponent("topology.yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let session = try #require(try? LearnerSession.open(from: directory.path, labsOverride: labs, environment: testEnvironment, executablePath: nil).get())
            let backupsFolder = directory.appendingPathComponent(".infralab/backups")
            let before = Set((try? FileManager.default.contentsOfDirectory(atPath: backupsFolder.path)) ?? [])
            let arrival = try session.arrive(label: "previous-step")
            let after = Set((try? FileManager.default.contentsOfDirectory(atPath: backupsFolder.path)) ?? []).subtracting(before)
            let now = try String(contentsOf: file, encoding: .utf8)
            switch arrival {
            case .applied(_, let backup):
                sawApplied = true
                #expect(after.count == 1 && after.first?.hasSuffix("-previous-step.yaml") == true, "\(after)")
                #expect(backup.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } == text, "the backup is the file before")
                #expect(Self.keepsEveryLine(old: text, new: now, rewritten: Self.rewrittenRules(step)) == nil)
            case .refused, .unchanged:
                if case .refused = arrival { sawRefusal = true }
                #expect(now == text, "untouched")
                #expect(after.isEmpty, "no backup needed")
            }
        }
        #expect(sawRefusal && sawApplied)
    }
}
