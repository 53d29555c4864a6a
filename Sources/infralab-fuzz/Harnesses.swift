import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI
import InfralabTestSupport

/// A fuzz target: makes input `index` from its generator and runs it.
protocol Harness: Sendable {
    func run(_ index: Int, worker: Int, runner: Runner)
}

/// Text decoded the way `infralab validate` reads a file (`CommandContext.readInput`):
/// Foundation's UTF-8 decoding, nil when the bytes are not UTF-8.
func decodedLikeTheCLI(_ bytes: [UInt8]) -> String? {
    String(data: Data(bytes), encoding: .utf8)
}

/// A mutated topology, loaded, graded against the step it answers (or a random one), its
/// diagnostics and the learner's checklist rendered.
struct TopologyHarness: Harness {
    let corpus: Corpus
    static let file = "topology.yaml"

    func run(_ index: Int, worker: Int, runner: Runner) {
        var random = runner.random(for: index)
        let seed = corpus.topologies.randomElement(using: &random)!
        let input = FuzzCase(index: index, label: "from \(seed.path)", bytes: FuzzMutator.mutate(seed.text, using: &random))
        let (mission, step) = corpus.steps[seed.step ?? Int.random(in: 0..<corpus.steps.count, using: &random)]
        let language: Language = Bool.random(using: &random) ? .en : .ko
        let hintLevel = Int.random(in: 0...3, using: &random)
        runner.run(input, worker: worker) {
            guard let text = decodedLikeTheCLI(input.bytes) else { return }  // validate: "not UTF-8", exit 66
            let loaded = TopologyLoader.load(text: text, file: Self.file)
            let lines = DiagnosticRenderer.lines(of: text)
            if let problem = Checks.unlocated(loaded.diagnostics, file: Self.file, lines: lines) {
                runner.finding("unlocated", input, problem)
            }
            var rendered = DiagnosticRenderer(colorize: false, language: language, width: 80, file: Self.file, text: text).render(loaded.diagnostics)
            if loaded.topology != nil {
                let grade = Grader(loaded, file: Self.file).grade(mission: mission, step: step)
                let screens = LearnerScreens(colorize: false, language: language, width: 80) { $0 == Self.file ? lines : nil }
                rendered += screens.checklist(grade, mission: mission, step: step, hintLevel: { _ in hintLevel })
                if let requirement = grade.failing.first?.requirement, hintLevel > 0 {
                    rendered += screens.hint(requirement, level: hintLevel, finding: grade.failing.first?.findings.first, file: Self.file)
                }
            }
            if let control = FuzzMutator.controlCharacter(in: Checks.printed(rendered)) {
                runner.finding("control", input, "U+\(String(control.value, radix: 16, uppercase: true)) in the rendered text")
            }
        }
    }
}

/// A mutated (or hostile) shipped `mission.yaml`, loaded in its own folder, its
/// diagnostics rendered and, when it loads, a step's chapter and hints rendered.
struct MissionHarness: Harness {
    let corpus: Corpus
    /// Lines `fuzz.py` inserts into a mission (its `hostile` list).
    static let hostile = [
        "steps: []", "starter: ../../../../../../etc/passwd", "solution: /etc/hostname", "solutions: /",
        "title: \"\\e]52;c;cm0gLXJmIH4=\\a\"", "requirements: []", "carry: all", "carry: [nope]", "under: [ { fire: each-site } ]",
        "story: \"\\e[2J\\u009b1;2H\\x07\"", "id: \"\\e]0;title\\a\"",
    ]

    func run(_ index: Int, worker: Int, runner: Runner) {
        var random = runner.random(for: index)
        let seed = corpus.missions.randomElement(using: &random)!
        let bytes: [UInt8]
        if Int.random(in: 0..<10, using: &random) < 4 {
            var lines = seed.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let at = Int.random(in: 0..<lines.count, using: &random)
            lines.insert(String(lines[at].prefix { $0 == " " }) + Self.hostile.randomElement(using: &random)!, at: at)
            bytes = Array(lines.joined(separator: "\n").utf8)
        } else {
            bytes = FuzzMutator.mutate(seed.text, using: &random)
        }
        let input = FuzzCase(index: index, label: "Labs/\(seed.folder)/mission.yaml", bytes: bytes)
        let language: Language = Bool.random(using: &random) ? .en : .ko
        let pick = UInt64.random(in: 0...UInt64.max, using: &random)
        runner.run(input, worker: worker) {
            guard let text = decodedLikeTheCLI(input.bytes) else { return }
            let file = "Labs/\(seed.folder)/mission.yaml"
            let loaded = MissionLoader.load(text: text, file: file, directory: seed.directory, solutionsRoot: corpus.root + "/Solutions")
            if let problem = Checks.unlocated(loaded.diagnostics, file: file, lines: DiagnosticRenderer.lines(of: text)) {
                runner.finding("unlocated", input, problem)
            }
            var rendered = DiagnosticRenderer(colorize: false, language: language, width: 80, file: file, text: text).render(loaded.diagnostics)
            if let mission = loaded.mission, !mission.steps.isEmpty {
                rendered += Self.screens(of: mission, pick: pick, pack: corpus.pack, language: language)
            }
            if let control = FuzzMutator.controlCharacter(in: Checks.printed(rendered)) {
                runner.finding("control", input, "U+\(String(control.value, radix: 16, uppercase: true)) in the rendered text")
            }
        }
    }

    /// One step's chapter, and every hint of its requirements, as a learner sees them.
    static func screens(of mission: Mission, pick: UInt64, pack: LabPack, language: Language) -> String {
        var pack = pack
        if let at = pack.missions.firstIndex(where: { $0.folder == mission.folder }) { pack.missions[at] = mission } else { pack.missions.append(mission) }
        let step = mission.steps[Int(pick % UInt64(mission.steps.count))]
        let screens = LearnerScreens(colorize: false, language: language, width: 80) { _ in nil }
        var out = screens.chapter(pack: pack, mission: mission, step: step, topologyPath: "topology.yaml")
        for requirement in mission.requirements(for: step).prefix(20) {
            for level in 1...max(1, min(3, requirement.hints.count)) { out += screens.hint(requirement, level: level) }
        }
        return out
    }
}
