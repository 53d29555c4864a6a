import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab reset`: back to the step's starter; the learner's file is backed up first.
struct ResetCommand: Command {
    let name = "reset"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Go back to the step's starter file (yours is backed up first)",
        ko: "이 단계의 시작 파일로 되돌려요 (지금 파일은 먼저 백업해요)")
    let options: [OptionSpec] = [
        .labs,
        .flag("progress", help: LocalizedText(en: "Start your progress over instead (for a damaged progress file); topology.yaml is not touched",
                                              ko: "대신 진행 기록을 새로 시작해요 (진행 파일이 손상됐을 때). topology.yaml은 건드리지 않아요")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        if context.arguments.isSet("progress") { return resetProgress(context) }
        let session: LearnerSession
        switch context.openSession() {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        do {
            let backup = try session.installStarter(language: context.language)
            if let backup { context.say(LearningText.backedUp(LabPack.displayPath(backup))) }
            context.say(LearningText.resetDone(LabPack.displayPath(session.workspace.topologyPath)))
            return ExitStatus.success
        } catch {
            return context.failWriting(error)
        }
    }

    /// A way out of a damaged progress file: back it up, start at the first step.
    func resetProgress(_ context: CommandContext) -> Int32 {
        let workingDirectory = context.workingDirectory.path
        let root = Workspace.find(from: workingDirectory)?.root ?? Workspace.defaultRoot(for: workingDirectory)
        let workspace = Workspace(root: root)
        guard FileManager.default.fileExists(atPath: workspace.stateDirectory) else { return context.fail(LearningText.noWorkspace) }
        guard let labs = LearnerSession.locatePack(override: context.labsOverride, recorded: nil, environment: context.environment,
                                                   executablePath: ExecutableLocation.path) else {
            return context.fail(LearningText.labsNotFound, status: ExitStatus.noInput)
        }
        let pack = LabPack.load(directory: labs)
        guard let first = pack.missions.first else { return context.fail(LearningText.labsNotFound, status: ExitStatus.noInput) }
        do {
            if let backup = try workspace.setProgressAside() { context.say(LearningText.backedUp(LabPack.displayPath(backup))) }
            let recordLabs = context.labsOverride != nil
            try workspace.writeProgress(InfralabLab.Progress(labs: recordLabs ? pack.directory : nil, missionID: first.id, stepID: first.steps[0].id))
        } catch {
            return context.failWriting(error)
        }
        context.say(LearningText.progressReset)
        return ExitStatus.success
    }
}
