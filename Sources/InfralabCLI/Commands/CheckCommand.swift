import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab check [FILE]`: grade the current step; exit status 0 only if it passes.
struct CheckCommand: Command {
    let name = "check"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Grade the current step; exit status 0 only if it passes",
        ko: "지금 단계를 채점해요. 통과할 때만 종료 상태가 0이에요")
    let positionals: [PositionalSpec] = [.optional("FILE", help: LocalizedText(en: "The topology file (default: the workspace's topology.yaml)", ko: "토폴로지 파일 (기본값: 작업 공간의 topology.yaml)"))]
    let options: [OptionSpec] = [.labs, .json]
    let examples: [CommandExample] = [CommandExample("infralab check --json", LocalizedText(en: "Grade and print the result as JSON", ko: "채점 결과를 JSON으로 출력해요"))]

    func run(_ context: CommandContext) -> Int32 {
        let prefetched = context.arguments.positionals.isEmpty ? PrefetchedGrader(context) : nil
        let session: LearnerSession
        switch context.openSession(currentMissionOnly: true) {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        // A file named on the command line, or `-` for standard input, else the workspace's:
        // graded from the text read here (the prefetched model when it read the same file).
        let written = context.arguments.positionals.first
        let workspaceFile = LabPack.displayPath(session.workspace.topologyPath)
        guard let text = written.map({ context.readInput($0) }) ?? context.readInput(session.workspace.topologyPath, shownAs: workspaceFile) else {
            return ExitStatus.noInput
        }
        let file = written.map { $0 == "-" ? "<stdin>" : LabPack.displayPath(context.url(for: $0).path) } ?? workspaceFile
        let grader = (written == nil ? prefetched?.grader(for: session) : nil) ?? Grader(TopologyLoader.load(text: text, file: file), file: file)
        let grade = session.grade(with: grader)
        if context.wantsJSON {
            context.stdout.line(GradeJSON.step(grade, mission: session.mission, step: session.step, language: context.language).rendered())
        } else {
            context.stdout.write(context.screens.heading(pack: session.pack, mission: session.mission, step: session.step) + "\n")
            context.stdout.write(context.screens.checklist(grade, mission: session.mission, step: session.step, hintLevel: session.hintLevel))
        }
        return grade.passed ? ExitStatus.success : ExitStatus.failure
    }
}

/// The workspace's topology loaded, and its network model built, on another core while
/// this one reads the mission (`check` and `next` then wait for the longer of the two,
/// not their sum). Used only if the file is still the one that was read: opening the
/// session can finish an interrupted arrival, which writes the file, and a learner can
/// save while it runs.
struct PrefetchedGrader {
    let path: String
    let work: Eventually<(FileWatcher.Stamp, Grader)>

    init?(_ context: CommandContext) {
        guard let workspace = Workspace.find(from: context.workingDirectory.path) else { return nil }
        let path = workspace.topologyPath
        self.path = path
        work = Eventually { (FileWatcher.stamp(path), LearnerSession.grader(forFileAt: path)) }
    }

    /// The prefetched grader, if it read the file `session` grades, as it is now.
    func grader(for session: LearnerSession) -> Grader? {
        guard path == session.workspace.topologyPath else { return nil }
        let (stamp, grader) = work.value
        return stamp.exists && stamp == FileWatcher.stamp(path) ? grader : nil
    }
}
