import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// A learner's progress, kept in `.infralab/progress.yaml` inside the workspace: a file
/// a person can read, written atomically, read back with located errors.
package struct Progress: Sendable, Hashable {
    package static let formatVersion = 1

    /// Where the missions came from; nil means the built-in pack.
    package var labs: String?
    package var missionID: String
    package var stepID: String
    /// `mission/step` ids passed, in the order passed.
    package var passed: [String]
    /// `mission/step/requirement` → hint levels revealed.
    package var hintLevels: [String: Int]
    /// The mission passed last (to notice a finished pack).
    package var isFinished: Bool
    /// Set while the current step's starter is being put in place (written before the
    /// starter, cleared after): a run killed in between is completed by the next one.
    /// The value is the backup of the learner's file ("" when there was none to keep).
    package var pendingStarter: String? = nil
    /// Set while the current step's story events are being written into the learner's
    /// file (written before the file, cleared after). The value is the backup of the
    /// file as it was, so a run killed in between knows whether the events are in.
    package var pendingEvents: String? = nil

    package init(labs: String?, missionID: String, stepID: String, passed: [String] = [], hintLevels: [String: Int] = [:], isFinished: Bool = false) {
        self.labs = labs
        self.missionID = missionID
        self.stepID = stepID
        self.passed = passed
        self.hintLevels = hintLevels
        self.isFinished = isFinished
    }

    package static func key(_ mission: String, _ step: String) -> String { "\(mission)/\(step)" }

    package func hasPassed(_ mission: String, _ step: String) -> Bool { passed.contains(Progress.key(mission, step)) }

    package mutating func recordPass(_ mission: String, _ step: String) {
        let key = Progress.key(mission, step)
        if !passed.contains(key) { passed.append(key) }
    }

    // MARK: Text form

    /// The progress file's text, written by `YAMLWriter` (strings quoted where they
    /// would read as something else).
    package func serialized() -> String {
        var fields: [(String, YAMLNode)] = [("version", .plain("\(Progress.formatVersion)"))]
        if let labs { fields.append(("labs", .text(labs))) }
        fields.append(("mission", .text(missionID)))
        fields.append(("step", .text(stepID)))
        if isFinished { fields.append(("finished", .plain("true"))) }
        if let pendingStarter { fields.append(("pending-starter", .text(pendingStarter))) }
        if let pendingEvents { fields.append(("pending-events", .text(pendingEvents))) }
        fields.append(("passed", .sequence(passed.map(YAMLNode.text))))
        fields.append(("hints", .mapping(hintLevels.keys.sorted().map { ($0, .plain("\(hintLevels[$0]!)")) })))
        return YAMLWriter.write(.mapping(fields), header: [
            "infralab progress. Readable on purpose; if you edit it, keep it valid YAML.",
            "`infralab status` shows what it means; `infralab goto` moves you safely.",
        ])
    }

    package struct ReadResult: Sendable {
        package var progress: Progress?
        package var diagnostics: [Diagnostic]
    }

    package static func parse(_ text: String, file: String) -> ReadResult {
        let parsed = YAMLParser.parse(text, file: file)
        var reader = NodeReader(codePrefix: "progress")
        reader.diagnostics.add(contentsOf: parsed.diagnostics)
        guard let root = parsed.root,
              let entries = reader.mapping(root, "the progress file", allowed: ["version", "labs", "mission", "step", "passed", "hints", "finished", "pending-starter", "pending-events"])
        else { return ReadResult(progress: nil, diagnostics: reader.diagnostics.diagnostics) }
        var labs: String?, mission: String?, step: String?, passed: [String] = [], hints: [String: Int] = [:], finished = false
        var pendingStarter: String?, pendingEvents: String?
        for entry in entries {
            switch entry.key {
            case "version":
                if let v = reader.integer(entry.value, "version", in: 1...1000)?.value, v > formatVersion {
                    reader.error("newer-version",
                                 LocalizedText(en: "this progress file was written by a newer infralab (format \(v))",
                                               ko: "이 진행 파일은 더 새로운 infralab이 쓴 거예요 (형식 \(v))"),
                                 at: entry.value.location)
                }
            case "labs": labs = reader.text(entry.value, "labs")?.value
            case "mission": mission = reader.text(entry.value, "mission")?.value
            case "step": step = reader.text(entry.value, "step")?.value
            case "finished": finished = reader.boolean(entry.value, "finished")?.value ?? false
            case "passed": passed = (reader.sequence(entry.value, "passed") ?? []).compactMap { reader.text($0, "a passed step")?.value }
            case "pending-starter": pendingStarter = entry.value.scalar ?? ""
            case "pending-events": pendingEvents = entry.value.scalar ?? ""
            case "hints":
                for hint in reader.mapping(entry.value, "hints") ?? [] {
                    if let level = reader.integer(hint.value, "a hint level", in: 0...100)?.value { hints[hint.key] = level }
                }
            default: break
            }
        }
        if mission == nil { reader.missing("mission", "the progress file", at: root.location) }
        if step == nil { reader.missing("step", "the progress file", at: root.location) }
        guard let mission, let step, !reader.diagnostics.hasErrors else {
            return ReadResult(progress: nil, diagnostics: reader.diagnostics.diagnostics)
        }
        var progress = Progress(labs: labs, missionID: mission, stepID: step, passed: passed, hintLevels: hints, isFinished: finished)
        progress.pendingStarter = pendingStarter
        progress.pendingEvents = pendingEvents
        return ReadResult(progress: progress, diagnostics: reader.diagnostics.diagnostics)
    }
}
