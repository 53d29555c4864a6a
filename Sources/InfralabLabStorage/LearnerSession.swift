import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab

/// A learner's workspace opened with its lab pack and progress: the state every
/// learning command (`next`, `check`, `hint`, `reset`, …) works on.
package struct LearnerSession: Sendable {
    package var workspace: Workspace
    package var pack: LabPack
    package var progress: InfralabLab.Progress
    /// Said once to the learner (a pack that changed under their progress, …).
    package var notices: [LocalizedText] = []
    /// The language notes written into the learner's file by story events are in.
    package var language: Language = .en
    /// The backup of the learner's file made by the last move (to name it on screen).
    package var lastBackup: String?

    package init(workspace: Workspace, pack: LabPack, progress: InfralabLab.Progress, notices: [LocalizedText] = []) {
        self.workspace = workspace
        self.pack = pack
        self.progress = progress
        self.notices = notices
    }

    package enum OpenError: Error, Sendable {
        /// No workspace here or above; `init` or `next` creates one.
        case noWorkspace(String)
        case labsNotFound
        case packHasErrors([Diagnostic])
        case progressInvalid(path: String, diagnostics: [Diagnostic])
        case progressUnreadable(String)
        case writeFailed(Workspace.FileError)
    }

    package var mission: Mission { pack.mission(withID: progress.missionID) ?? pack.missions[0] }
    package var step: Step { mission.step(withID: progress.stepID) ?? mission.steps[0] }

    /// Finds the lab pack: `--labs`, then `INFRALAB_LABS`, then the progress file's
    /// `labs:`, then the built-in pack next to the executable.
    package static func locatePack(override: String?, recorded: String?, environment: [String: String], executablePath: String?) -> String? {
        if let override { return override }
        if let env = environment["INFRALAB_LABS"], !env.isEmpty { return env }
        if let recorded, FileManager.default.fileExists(atPath: recorded) { return recorded }
        return LabPack.locateBuiltIn(environment: environment, executablePath: executablePath)
    }

    static func loadPack(_ path: String, onlyMission: String? = nil) -> Result<LabPack, OpenError> {
        let pack = LabPack.load(directory: path, onlyMission: onlyMission)
        if pack.missions.isEmpty {
            return .failure(pack.diagnostics.isEmpty ? .labsNotFound : .packHasErrors(pack.diagnostics))
        }
        return .success(pack)
    }

    /// Opens the workspace containing `directory`. With `currentMissionOnly`, only the
    /// current mission is read (for commands that grade and never move on).
    package static func open(from directory: String, labsOverride: String?, environment: [String: String],
                            executablePath: String?, currentMissionOnly: Bool = false, language: Language = .en) -> Result<LearnerSession, OpenError> {
        guard let workspace = Workspace.find(from: directory) else { return .failure(.noWorkspace(directory)) }
        workspace.removeStrayTemporaryFiles()
        let progress: InfralabLab.Progress
        switch workspace.readProgress() {
        case .success(let p): progress = p
        case .failure(.missing): return .failure(.noWorkspace(directory))
        case .failure(.unreadable(let path)): return .failure(.progressUnreadable(path))
        case .failure(.invalid(let diagnostics)): return .failure(.progressInvalid(path: workspace.progressPath, diagnostics: diagnostics))
        }
        guard let packPath = locatePack(override: labsOverride, recorded: progress.labs, environment: environment, executablePath: executablePath) else {
            return .failure(.labsNotFound)
        }
        switch loadPack(packPath, onlyMission: currentMissionOnly ? progress.missionID : nil) {
        case .failure(let error): return .failure(error)
        case .success(let pack):
            if currentMissionOnly, pack.mission(withID: progress.missionID)?.step(withID: progress.stepID) == nil {
                // The pack changed under the progress: reconcile against all of it.
                return open(from: directory, labsOverride: labsOverride, environment: environment, executablePath: executablePath, language: language)
            }
            var session = LearnerSession(workspace: workspace, pack: pack, progress: progress)
            session.reconcile()
            session.completeInterruptedMove(language: language)
            session.completeInterruptedArrival()
            return .success(session)
        }
    }

    /// Creates a workspace at `root` on the pack's first step (or opens the one there).
    /// Writes the starter as `topology.yaml` (its comments in `language`), backing up any
    /// file already there.
    package static func create(at root: String, labsPath: String, recordLabs: Bool,
                              language: Language = .en) -> Result<LearnerSession, OpenError> {
        let pack: LabPack
        switch loadPack(labsPath) {
        case .failure(let error): return .failure(error)
        case .success(let p): pack = p
        }
        let workspace = Workspace(root: root)
        let first = pack.missions[0]
        var session = LearnerSession(workspace: workspace, pack: pack,
                                     progress: InfralabLab.Progress(labs: recordLabs ? pack.directory : nil, missionID: first.id, stepID: first.steps[0].id))
        do {
            try workspace.create()
            workspace.removeStrayTemporaryFiles()
            session.lastBackup = try session.installStarterRecorded(language: language)
        } catch {
            return .failure(.writeFailed(error as? Workspace.FileError ?? .writeFailed(path: root, reason: error.localizedDescription)))
        }
        return .success(session)
    }

    /// A pack that changed under a learner's progress (a mission renamed or removed):
    /// move to the first step not yet passed, and say so.
    mutating func reconcile() {
        if pack.mission(withID: progress.missionID)?.step(withID: progress.stepID) == nil {
            let next = pack.allSteps.first { !progress.hasPassed($0.0.id, $0.1.id) } ?? pack.allSteps[0]
            notices.append(LocalizedText(en: "Your progress pointed at `\(progress.missionID)/\(progress.stepID)`, which this lab pack does not have; continuing at `\(next.0.id)/\(next.1.id)`.",
                                         ko: "진행 기록의 `\(progress.missionID)/\(progress.stepID)` 단계가 이 랩 묶음에 없어요. `\(next.0.id)/\(next.1.id)`부터 이어서 할게요."))
            progress.missionID = next.0.id
            progress.stepID = next.1.id
            try? workspace.writeProgress(progress)
        }
    }

    // MARK: Files

    /// The step's starter as the learner gets it, read only from inside the pack
    /// (`LabPack.readConfined`): its bilingual comments (`# en: …` / `# ko: …`) in
    /// `language` only.
    package func starterText(for step: Step, in mission: Mission, language: Language = .en) -> String? {
        let path = PathUtilities.resolve(step.starterPath, relativeTo: mission.directory)
        return LabPack.readConfined(path, roots: [pack.directory]).map { BilingualComments.keeping(language, in: $0) }
    }

    /// The step's reference, read only from inside the pack or its `Solutions/`, its
    /// bilingual comments in `language` only.
    package func solutionText(for step: Step, in mission: Mission, language: Language = .en) -> String? {
        LabPack.readConfined(step.solutionPath, roots: [pack.directory, PathUtilities.join(PathUtilities.parent(pack.directory), "Solutions")])
            .map { BilingualComments.keeping(language, in: $0) }
    }

    /// Writes the current step's starter (comments in `language`, default: the
    /// session's) as the learner's file; returns the backup path. The backup is named
    /// after the step the old file belonged to (`label`, default: the current step).
    @discardableResult
    package func installStarter(label: String? = nil, language: Language? = nil) throws -> String? {
        guard let text = starterText(for: step, in: mission, language: language ?? self.language) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: PathUtilities.resolve(step.starterPath, relativeTo: mission.directory)])
        }
        return try workspace.replaceTopology(with: Workspace.withEditorSchemaLine(text), label: label ?? positionLabel)
    }

    /// `mission-step`, the name backups of a file belonging to the current step carry.
    package var positionLabel: String { "\(mission.id)-\(step.id)" }

    /// Puts the current step's starter in place together with the progress that points
    /// at it, in an order a kill cannot break: (1) the learner's file is backed up, (2) the
    /// progress is written with `pending-starter:` naming that backup, (3) the starter is
    /// written, (4) the mark is cleared. Killed anywhere, the next run finds either the old
    /// progress with the learner's file untouched, or the mark, and completes the move
    /// (`completeInterruptedMove`), naming the backup. Returns the backup's path.
    mutating func installStarterRecorded(label: String? = nil, language: Language? = nil) throws -> String? {
        guard let starter = starterText(for: step, in: mission, language: language ?? self.language) else {
            throw Workspace.FileError.unreadable(PathUtilities.resolve(step.starterPath, relativeTo: mission.directory))
        }
        let text = Workspace.withEditorSchemaLine(starter)
        var backup: String?
        if let current = try workspace.currentTopology(), current != Data(text.utf8) {
            backup = try workspace.backUp(current, label: label ?? positionLabel)
        }
        progress.pendingStarter = backup ?? ""
        try workspace.writeProgress(progress)
        try Workspace.writeAtomically(text, to: workspace.topologyPath)
        progress.pendingStarter = nil
        try workspace.writeProgress(progress)
        lastBackup = backup
        return backup
    }

    /// A move killed between writing the progress and the starter: finish it (the
    /// learner's file is in the recorded backup; a file edited since is backed up again).
    mutating func completeInterruptedMove(language: Language? = nil) {
        guard let pending = progress.pendingStarter else { return }
        let recorded = pending.isEmpty ? nil : pending
        do {
            guard let starter = starterText(for: step, in: mission, language: language ?? self.language) else {
                throw Workspace.FileError.unreadable(PathUtilities.resolve(step.starterPath, relativeTo: mission.directory))
            }
            let text = Workspace.withEditorSchemaLine(starter)
            var again: String?
            let current = try workspace.currentTopology()
            if current == nil || current == recorded.flatMap({ FileManager.default.contents(atPath: $0) }) {
                try Workspace.writeAtomically(text, to: workspace.topologyPath)  // the learner's file is in `recorded`
            } else {
                again = try workspace.replaceTopology(with: text, label: positionLabel)
            }
            progress.pendingStarter = nil
            try workspace.writeProgress(progress)
            lastBackup = again ?? recorded
            notices.append(interruptedMoveCompleted(keptAt: again ?? recorded))
        } catch {
            notices.append(Self.interruptedMoveFailed(error))
        }
    }

    // MARK: Grading

    package func grade(with grader: Grader) -> StepGrade { grader.grade(mission: mission, step: step) }

    /// The grader of the workspace's topology.
    package func grader() -> Grader { Self.grader(forFileAt: workspace.topologyPath) }

    /// The grader of the topology file at `path`, read and modelled without a session
    /// (so that `check` can do it while the mission is read). A file that does not load
    /// is graded as an empty topology named after it.
    package static func grader(forFileAt path: String) -> Grader {
        Grader(TopologyFile.load(path: path), file: LabPack.displayPath(path))
    }

    package func hintLevel(_ requirementID: String) -> Int {
        progress.hintLevels[hintKey(requirementID)] ?? 0
    }

    package func hintKey(_ requirementID: String) -> String { "\(mission.id)/\(step.id)/\(requirementID)" }

    // MARK: Moving

    package enum Advance: Sendable {
        /// Moved to the next step of the same mission; the learner's file stayed theirs,
        /// with the step's events applied (or refused).
        case nextStep(Arrival)
        /// Entered a new mission: its starter replaced the file (backup path, if any).
        case nextMission(backup: String?)
        /// Every mission is done.
        case finished
    }

    /// What arriving at a step did to the learner's file.
    package enum Arrival: Sendable {
        /// No events, or every change was already there.
        case unchanged
        /// The events were written into the file (the old file backed up first).
        case applied(LineDiff, backup: String?)
        /// The file could not take the events; it is untouched.
        case refused(StoryEventFailure)
    }

    /// What `goto` did with the learner's file.
    package enum FileOutcome: Sendable {
        /// The target is the step the file already belongs to.
        case kept
        /// The target step's starter replaced the file (backup path, if one was made).
        case replaced(backup: String?)
    }

    /// Records the current step as passed and moves on.
    package mutating func recordPassAndAdvance(language: Language? = nil) throws -> Advance {
        if let language { self.language = language }
        progress.recordPass(mission.id, step.id)
        guard let (nextMission, nextStep) = pack.position(after: mission.id, step: step.id) else {
            progress.isFinished = true
            try workspace.writeProgress(progress)
            return .finished
        }
        let crossing = nextMission.id != mission.id || nextStep.freshStart
        let previous = positionLabel
        progress.missionID = nextMission.id
        progress.stepID = nextStep.id
        if crossing {
            return .nextMission(backup: try installStarterRecorded(label: previous))
        }
        return .nextStep(try arriveRecorded(label: previous))
    }

    /// Applies the current step's events to the learner's file and records the step, in
    /// an order a kill cannot break: (1) the learner's file is backed up, (2) the progress
    /// (already at the new step) is written with `pending-events:` naming that backup,
    /// (3) the file with the events is written, (4) the mark is cleared. Killed anywhere,
    /// the next run finds the old progress with the file untouched, or the mark, and
    /// finishes (`completeInterruptedArrival`).
    mutating func arriveRecorded(label: String) throws -> Arrival {
        let planned = planArrival()
        guard case .apply(let arrival) = planned else {
            try workspace.writeProgress(progress)
            if case .refused(let failure) = planned { return .refused(failure) }
            return .unchanged
        }
        let backup = try workspace.backUpTopology(label: label)
        progress.pendingEvents = backup ?? ""
        try workspace.writeProgress(progress)
        try Workspace.writeAtomically(arrival.text, to: workspace.topologyPath)
        progress.pendingEvents = nil
        try workspace.writeProgress(progress)
        lastBackup = backup
        return .applied(arrival.diff, backup: backup)
    }

    /// Applies the current step's events to the learner's file, backing it up (named
    /// after `label`, the step the file belonged to) before writing. The progress is not
    /// touched; `next` goes through `arriveRecorded`.
    package func arrive(label: String) throws -> Arrival {
        switch planArrival() {
        case .none: return .unchanged
        case .refused(let failure): return .refused(failure)
        case .apply(let arrival): return .applied(arrival.diff, backup: try workspace.replaceTopology(with: arrival.text, label: label))
        }
    }

    private enum ArrivalPlan {
        case none
        case refused(StoryEventFailure)
        case apply(StoryArrival)
    }

    /// What the current step's events would do to the learner's file now.
    private func planArrival() -> ArrivalPlan {
        guard !step.events.isEmpty else { return .none }
        let display = LabPack.displayPath(workspace.topologyPath)
        guard let text = workspace.readTopologyText() else {
            return .refused(StoryEventFailure(LocalizedText(en: "`\(display)` is missing or cannot be read", ko: "`\(display)` 파일이 없거나 읽을 수 없어요"),
                                              at: nil))
        }
        switch StoryEventApplier.apply(step.events, to: text, file: display, language: language) {
        case .failure(let failure): return .refused(failure)
        case .success(let arrival): return arrival.changed ? .apply(arrival) : .none
        }
    }

    /// An arrival killed between writing the progress and the file: if the file is still
    /// the one backed up, the events are applied now; either way the mark is cleared and
    /// the learner is told where the previous file is.
    mutating func completeInterruptedArrival() {
        guard let pending = progress.pendingEvents else { return }
        let recorded = pending.isEmpty ? nil : pending
        do {
            let current = try workspace.currentTopology()
            let before = recorded.flatMap { FileManager.default.contents(atPath: $0) }
            if current == before, case .apply(let arrival) = planArrival() {
                try Workspace.writeAtomically(arrival.text, to: workspace.topologyPath)
            }
            progress.pendingEvents = nil
            try workspace.writeProgress(progress)
            lastBackup = recorded
            notices.append(interruptedMoveCompleted(keptAt: recorded))
        } catch {
            notices.append(Self.interruptedMoveFailed(error))
        }
    }

    /// Said when a move (a new starter, or a step's events) cut short by a kill is finished.
    private func interruptedMoveCompleted(keptAt backup: String?) -> LocalizedText {
        let kept = backup.map { "`\(LabPack.displayPath($0))`" }
        return LocalizedText(
            en: "The last move to `\(mission.id)/\(step.id)` was interrupted; it is now complete." + (kept.map { " Your previous file is kept at \($0)." } ?? ""),
            ko: "`\(mission.id)/\(step.id)` 단계로 옮기던 중에 멈췄어서 마저 끝냈어요." + (kept.map { " 이전 파일은 \($0)에 보관해 뒀어요." } ?? ""))
    }

    private static func interruptedMoveFailed(_ error: any Error) -> LocalizedText {
        LocalizedText(en: "The last move was interrupted and could not be completed: \(error)",
                      ko: "지난번 이동이 중간에 멈췄는데 마저 끝내지 못했어요: \(error)")
    }

    /// Moves to a step chosen by the learner (`goto`). Any other step than the current
    /// one brings its starter — the story's situation at that step, events included —
    /// with the old file backed up under the name of the step it belonged to.
    package mutating func move(to mission: Mission, step: Step, language: Language? = nil) throws -> FileOutcome {
        if let language { self.language = language }
        let staying = mission.id == self.mission.id && step.id == self.step.id
        let previous = positionLabel
        progress.missionID = mission.id
        progress.stepID = step.id
        progress.isFinished = false
        guard !staying else {
            try workspace.writeProgress(progress)
            return .kept
        }
        return .replaced(backup: try installStarterRecorded(label: previous))
    }

    /// Resolves `3`, `3.2`, `bastion`, `bastion/ssh-chain`, `04-bastion`.
    package func resolvePosition(_ text: String) -> (Mission, Step)? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == ":" }).map(String.init)
        guard let first = parts.first else { return nil }
        let mission: Mission?
        if let n = Int(first), n >= 1, n <= pack.missions.count {
            mission = pack.missions[n - 1]
        } else {
            mission = pack.missions.first { $0.id == first || $0.folder == first }
        }
        guard let mission else { return nil }
        guard parts.count > 1 else { return (mission, mission.steps[0]) }
        if let n = Int(parts[1]), n >= 1, n <= mission.steps.count { return (mission, mission.steps[n - 1]) }
        return mission.step(withID: parts[1]).map { (mission, $0) }
    }
}
