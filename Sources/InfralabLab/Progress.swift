import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// A learner's progress, kept in `.infralab/progress.yaml` inside the workspace: a file
/// a person can read, written atomically, read back with located errors.
public struct Progress: Sendable, Hashable {
    public static let formatVersion = 1

    /// Where the missions came from; nil means the built-in pack.
    public var labs: String?
    public var missionID: String
    public var stepID: String
    /// `mission/step` ids passed, in the order passed.
    public var passed: [String]
    /// `mission/step/requirement` → hint levels revealed.
    public var hintLevels: [String: Int]
    /// The mission passed last (to notice a finished pack).
    public var isFinished: Bool
    /// Set while the current step's starter is being put in place (written before the
    /// starter, cleared after): a run killed in between is completed by the next one.
    /// The value is the backup of the learner's file ("" when there was none to keep).
    public var pendingStarter: String? = nil

    public init(labs: String?, missionID: String, stepID: String, passed: [String] = [], hintLevels: [String: Int] = [:], isFinished: Bool = false) {
        self.labs = labs
        self.missionID = missionID
        self.stepID = stepID
        self.passed = passed
        self.hintLevels = hintLevels
        self.isFinished = isFinished
    }

    public static func key(_ mission: String, _ step: String) -> String { "\(mission)/\(step)" }

    public func hasPassed(_ mission: String, _ step: String) -> Bool { passed.contains(Progress.key(mission, step)) }

    public mutating func recordPass(_ mission: String, _ step: String) {
        let key = Progress.key(mission, step)
        if !passed.contains(key) { passed.append(key) }
    }

    // MARK: Text form

    public func serialized() -> String {
        var lines = [
            "# infralab progress. Readable on purpose; if you edit it, keep it valid YAML.",
            "# `infralab status` shows what it means; `infralab goto` moves you safely.",
            "version: \(Progress.formatVersion)",
        ]
        if let labs { lines.append("labs: \(Progress.quote(labs))") }
        lines.append("mission: \(Progress.quote(missionID))")
        lines.append("step: \(Progress.quote(stepID))")
        if isFinished { lines.append("finished: true") }
        if let pendingStarter { lines.append("pending-starter: \(Progress.quote(pendingStarter))") }
        lines.append(passed.isEmpty ? "passed: []" : "passed:")
        lines += passed.map { "  - \(Progress.quote($0))" }
        lines.append(hintLevels.isEmpty ? "hints: {}" : "hints:")
        lines += hintLevels.keys.sorted().map { "  \(Progress.quote($0)): \(hintLevels[$0]!)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Double-quotes anything that is not plainly safe.
    static func quote(_ text: String) -> String {
        let safe = !text.isEmpty && text.unicodeScalars.allSatisfy { c in
            (c.properties.isAlphabetic || ("0"..."9").contains(c) || "-_./".unicodeScalars.contains(c))
        } && !["true", "false", "null", "yes", "no", "~"].contains(text.lowercased())
        if safe { return text }
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    public struct ReadResult: Sendable {
        public var progress: Progress?
        public var diagnostics: [Diagnostic]
    }

    public static func parse(_ text: String, file: String) -> ReadResult {
        let parsed = YAMLParser.parse(text, file: file)
        var reader = NodeReader(codePrefix: "progress")
        reader.diagnostics = parsed.diagnostics
        guard let root = parsed.root,
              let entries = reader.mapping(root, "the progress file", allowed: ["version", "labs", "mission", "step", "passed", "hints", "finished", "pending-starter"])
        else { return ReadResult(progress: nil, diagnostics: reader.diagnostics) }
        var labs: String?, mission: String?, step: String?, passed: [String] = [], hints: [String: Int] = [:], finished = false
        var pending: String?
        for entry in entries {
            switch entry.key {
            case "version":
                if let v = reader.int(entry.value, "version", range: 1...1000), v > formatVersion {
                    reader.error("newer-version",
                                 LocalizedText(en: "this progress file was written by a newer infralab (format \(v))",
                                               ko: "이 진행 파일은 더 새로운 infralab이 쓴 거예요 (형식 \(v))"),
                                 at: entry.value.location)
                }
            case "labs": labs = reader.string(entry.value, "labs")
            case "mission": mission = reader.string(entry.value, "mission")
            case "step": step = reader.string(entry.value, "step")
            case "finished": finished = reader.bool(entry.value, "finished") ?? false
            case "pending-starter": pending = entry.value.scalar ?? ""
            case "passed": passed = (reader.sequence(entry.value, "passed") ?? []).compactMap { reader.string($0, "a passed step") }
            case "hints":
                for hint in reader.mapping(entry.value, "hints") ?? [] {
                    if let level = reader.int(hint.value, "a hint level", range: 0...100) { hints[hint.key] = level }
                }
            default: break
            }
        }
        if mission == nil { reader.missing("mission", in: "the progress file", at: root.location) }
        if step == nil { reader.missing("step", in: "the progress file", at: root.location) }
        guard let mission, let step, !reader.diagnostics.contains(where: { $0.severity == .error }) else {
            return ReadResult(progress: nil, diagnostics: reader.diagnostics)
        }
        var progress = Progress(labs: labs, missionID: mission, stepID: step, passed: passed, hintLevels: hints, isFinished: finished)
        progress.pendingStarter = pending
        return ReadResult(progress: progress, diagnostics: reader.diagnostics)
    }
}
