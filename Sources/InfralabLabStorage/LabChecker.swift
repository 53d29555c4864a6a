import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab

/// Reads a topology file from disk. Unreadable files become a located-free diagnostic.
package enum TopologyFile {
    package static func load(path: String) -> TopologyLoadResult { read(path: path).loaded }

    /// The file's text (nil when it cannot be read as UTF-8) and what the loader made of
    /// it, from one read.
    package static func read(path: String) -> (text: String?, loaded: TopologyLoadResult) {
        let display = LabPack.displayPath(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, TopologyLoadResult(topology: nil, diagnostics: [.error("file.unreadable",
                LocalizedText(en: "cannot read `\(display)`: no such file, or not readable", ko: "\(Korean.object("`\(display)`")) 읽을 수 없어요: 파일이 없거나 읽기 권한이 없어요"), at: nil)]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, TopologyLoadResult(topology: nil, diagnostics: [.error("file.not-utf8",
                LocalizedText(en: "`\(display)` is not UTF-8 text", ko: "\(Korean.topic("`\(display)`")) UTF-8 텍스트가 아니에요"), at: SourceLocation(file: display, line: 1, column: 1))]))
        }
        return (text, TopologyLoader.load(text: text, file: display))
    }
}

/// What `infralab lab check` found in a pack, mission by mission.
package struct LabCheckReport: Sendable {
    package struct Problem: Sendable {
        package var severity: Diagnostic.Severity
        package var stepID: String?
        package var message: LocalizedText
        package var location: SourceLocation?
        /// For uncaught mutants: the mutant's id.
        package var mutantID: String?
    }

    package struct MissionReport: Sendable {
        package var folder: String
        package var missionID: String
        package var steps = 0
        package var requirements = 0
        package var variants = 0
        package var mutants = 0
        package var mutantsCaught = 0
        package var mutantsWaived = 0
        /// Mutants that do not validate (a NAT gateway left without its Elastic IP): no
        /// file with errors passes, so validation catches them, not a requirement. Not
        /// counted in `mutantsCaught`.
        package var mutantsInvalid = 0
        package var problems: [Problem] = []
        /// False for a mission whose file does not load: its problems are the located
        /// errors of `packDiagnostics` that belong to its folder.
        package var loaded = true
        package var isSound: Bool { !problems.contains { $0.severity == .error } }
    }

    package var directory: String
    package var packDiagnostics: [Diagnostic]
    package var missions: [MissionReport]

    package var isSound: Bool { !packDiagnostics.contains { $0.severity == .error } && missions.allSatisfy(\.isSound) }
}

package enum LabChecker {
    package static func check(packDirectory: String, includeMutants: Bool = true) -> LabCheckReport {
        let pack = LabPack.load(directory: packDirectory)
        var report = LabCheckReport(directory: pack.directory, packDiagnostics: pack.diagnostics, missions: [])
        if pack.missions.isEmpty && !pack.hasErrors {
            report.packDiagnostics.append(.error("lab.empty-pack", LocalizedText(en: "no missions found in `\(packDirectory)` (folders named `NN-slug/` holding `mission.yaml`)",
                                                                                 ko: "`\(packDirectory)`에 미션이 없어요 (`mission.yaml`이 든 `NN-이름/` 폴더)"), at: nil))
        }
        for mission in pack.missions {
            report.missions.append(check(mission: mission, includeMutants: includeMutants))
        }
        // A mission that does not load is an unsound mission, its located errors its problems.
        let loaded = Set(pack.missions.map(\.folder))
        for folder in pack.missionFolders where !loaded.contains(folder) {
            let belongs = { (d: Diagnostic) in d.location.map { $0.file.hasPrefix(folder + "/") || $0.file.contains("/" + folder + "/") } ?? false }
            var failed = LabCheckReport.MissionReport(folder: folder, missionID: folder)
            failed.loaded = false
            failed.problems = report.packDiagnostics.filter(belongs).map {
                .init(severity: $0.severity, stepID: nil, message: $0.message, location: $0.location, mutantID: nil)
            }
            if !failed.problems.contains(where: { $0.severity == .error }) {
                failed.problems.append(.init(severity: .error, stepID: nil, message: LocalizedText(en: "the mission could not be loaded", ko: "미션을 불러오지 못했어요"),
                                             location: nil, mutantID: nil))
            }
            report.missions.append(failed)
        }
        report.missions.sort { $0.folder < $1.folder }
        return report
    }

    /// Runs the mission checks once, then the step checks for every step, in table order.
    static func check(mission: Mission, includeMutants: Bool) -> LabCheckReport.MissionReport {
        var context = PackCheckContext(mission: mission, includeMutants: includeMutants,
                                       report: LabCheckReport.MissionReport(folder: mission.folder, missionID: mission.id))
        for check in PackCheck.all where check.scope == .mission { check.run(&context) }
        for (index, step) in mission.steps.enumerated() {
            context.enter(step, at: index)
            for check in PackCheck.all where check.scope == .step { check.run(&context) }
        }
        return context.report
    }
}

/// What `lab check`'s checks see: the mission, the step being checked (with its
/// reference solution loaded once) and the report they add problems to.
package struct PackCheckContext {
    package let mission: Mission
    package let includeMutants: Bool
    package var report: LabCheckReport.MissionReport
    package private(set) var step: Step?
    /// The step's position in the mission, and the step before it (nil for the first).
    package private(set) var stepIndex = 0
    package private(set) var previousStep: Step?
    /// The text of the step before's reference solution (nil when it could not be read),
    /// kept from that step's turn so that the story check does not read it again.
    package private(set) var previousSolutionText: String?
    package private(set) var solutionText: String?
    /// The step's reference solution as loaded, and its grader when it loads cleanly.
    package private(set) var solution: TopologyLoadResult?
    package private(set) var solutionGrader: Grader?
    /// The step's starter: its path, its text and what the loader made of it (read once
    /// for every check that looks at it).
    package private(set) var starterPath = ""
    package private(set) var starterText: String?
    package private(set) var starter = TopologyLoadResult(topology: nil, diagnostics: [])

    init(mission: Mission, includeMutants: Bool, report: LabCheckReport.MissionReport) {
        self.mission = mission
        self.includeMutants = includeMutants
        self.report = report
    }

    mutating func enter(_ step: Step, at index: Int) {
        previousStep = index > 0 ? self.step : nil
        previousSolutionText = index > 0 ? solutionText : nil
        self.step = step
        stepIndex = index
        let loaded: TopologyLoadResult
        (solutionText, loaded) = TopologyFile.read(path: step.solutionPath)
        solution = loaded
        solutionGrader = loaded.topology.flatMap { loaded.hasErrors ? nil : Grader(loaded, file: $0.file) }
        starterPath = PathUtilities.resolve(step.starterPath, relativeTo: mission.directory)
        (starterText, starter) = TopologyFile.read(path: starterPath)
    }

    /// Every requirement the current step grades (its own and the carried ones).
    package var requirements: [Requirement] { step.map { mission.requirements(for: $0) } ?? [] }

    package mutating func problem(_ severity: Diagnostic.Severity, _ en: String, _ ko: String, at location: SourceLocation? = nil, mutant: String? = nil) {
        report.problems.append(.init(severity: severity, stepID: step?.id, message: LocalizedText(en: en, ko: ko), location: location, mutantID: mutant))
    }

    mutating func requireKorean(_ text: LocalizedText, _ what: String, at location: SourceLocation) {
        if text.ko == nil || text.ko!.isEmpty {
            problem(.warning, "\(what) has no Korean text (`ko:`); learners reading Korean see English", "\(what)에 한국어(`ko:`)가 없어요. 한국어 학습자에게 영어가 보여요", at: location)
        }
    }
}

/// One check of `infralab lab check`: an id, what it makes sure of, whether it looks
/// at the mission once or at every step, and the function. The checks are a table
/// (`PackCheck.all`); a new check is one more value in it.
package struct PackCheck: Sendable {
    package enum Scope: Sendable { case mission, step }
    package var id: String
    package var summary: LocalizedText
    package var scope: Scope
    package var run: @Sendable (inout PackCheckContext) -> Void

    package static let all: [PackCheck] = [
        missionKorean, serviceDeclared, stepKorean, threeHints, starterFails, storyArrives, solutionPasses, selectorsMatch,
        variantsAsDeclared, mutantsCaught,
    ]
}
