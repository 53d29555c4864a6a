import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

extension OptionSpec {
    /// `--labs DIR`: a third-party mission pack instead of the built-in one.
    static let labs = OptionSpec.value("labs", "DIR", help: LocalizedText(
        en: "Use the missions in DIR instead of the built-in ones (also INFRALAB_LABS)",
        ko: "기본 미션 대신 DIR의 미션을 써요 (INFRALAB_LABS로도 지정할 수 있어요)"))
}

/// The path of the running executable (to find the built-in `Labs/` beside a build).
enum ExecutableLocation {
    static var path: String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return CommandLine.arguments.first.map { $0.hasPrefix("/") ? $0 : PathUtilities.resolve($0, relativeTo: FileManager.default.currentDirectoryPath) }
    }
}

extension CommandContext {
    var labsOverride: String? { arguments.value("labs").map { url(for: $0).path } }

    /// A sentence for the learner on stdout, wrapped to the screen's width.
    func say(_ message: LocalizedText) {
        stdout.line(wrapped(text(message), toWidth: width).joined(separator: "\n"))
    }

    var screens: LearnerScreens {
        var screens = LearnerScreens(colorize: stdout.colorize, language: language, width: width) { file in
            let path = file.hasPrefix("/") ? file : self.url(for: file).path
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return DiagnosticRenderer.lines(of: String(decoding: data, as: UTF8.self))
        }
        screens.commandSpelling = stdout.commandSpelling
        return screens
    }

    func renderDiagnostics(_ diagnostics: [Diagnostic], to output: Output) {
        let renderer = DiagnosticRenderer(colorize: output.colorize, language: language, width: width) { file in
            let path = file.hasPrefix("/") ? file : self.url(for: file).path
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return DiagnosticRenderer.lines(of: String(decoding: data, as: UTF8.self))
        }
        output.write(renderer.render(diagnostics))
    }

    /// The workspace's session, or the status to exit with after saying why not.
    func openSession(currentMissionOnly: Bool = false) -> Result<LearnerSession, ExitStatus> {
        let result = LearnerSession.open(from: workingDirectory.path, labsOverride: labsOverride, environment: environment,
                                         executablePath: ExecutableLocation.path, currentMissionOnly: currentMissionOnly, language: language)
        switch result {
        case .success(var session):
            session.language = language
            for notice in session.notices { stderr.line(TextStyle(colorize: stderr.colorize).yellow(text(notice))) }
            Self.writeEditorSchema(session.workspace)
            return .success(session)
        case .failure(let error):
            return .failure(ExitStatus(report(error)))
        }
    }

    /// Says what went wrong opening a workspace and how to get out of it.
    func report(_ error: LearnerSession.OpenError) -> Int32 {
        switch error {
        case .noWorkspace:
            return fail(LearningText.noWorkspace)
        case .labsNotFound:
            return fail(LearningText.labsNotFound, status: ExitStatus.noInput)
        case .packHasErrors(let diagnostics):
            renderDiagnostics(diagnostics.filter { $0.severity == .error }, to: stderr)
            // A folder that cannot be read is a missing input (Docs/cli.md), not broken missions.
            if diagnostics.contains(where: { $0.code == LabPack.unreadableCode }) { return ExitStatus.noInput }
            return fail(LearningText.packHasErrors)
        case .progressInvalid(let path, let diagnostics):
            renderDiagnostics(diagnostics, to: stderr)
            return fail(LearningText.progressInvalid(LabPack.displayPath(path)))
        case .progressUnreadable(let path):
            return fail(LearningText.progressInvalid(LabPack.displayPath(path)), status: ExitStatus.noInput)
        case .writeFailed(let error):
            return failWriting(error)
        }
    }

    /// Says why a write to the workspace did not happen, and how to proceed. An unreadable
    /// `topology.yaml` (or a folder in its place) is left untouched: exit 66.
    func failWriting(_ error: any Error) -> Int32 {
        switch error {
        case Workspace.FileError.unreadable(let path):
            return fail(LearningText.cannotBackUp(LabPack.displayPath(path)), status: ExitStatus.noInput)
        case Workspace.FileError.directory(let path):
            return fail(LearningText.folderInTheWay(LabPack.displayPath(path)), status: ExitStatus.noInput)
        case Workspace.FileError.writeFailed(let path, let reason):
            return fail(LearningText.writeFailed("\(LabPack.displayPath(path)): \(reason)"))
        default:
            return fail(LearningText.writeFailed(error.localizedDescription))
        }
    }

    /// The workspace's copy of the topology schema, which its `topology.yaml` names on its
    /// first line for editors; rewritten only when infralab's schema changed. Best effort:
    /// an editor without it still works, so a failed write is not an error.
    ///
    /// The schema only changes with the executable, so a copy newer than `executable` is
    /// left alone without rendering the schema (a tenth of `check`'s start-up); an older
    /// copy is compared, and rewritten or touched, so the next run skips it.
    static func writeEditorSchema(_ workspace: Workspace, executable: String? = ExecutableLocation.path) {
        let path = workspace.editorSchemaPath
        let copy = FileWatcher.stamp(path)
        if let executable, copy.exists, copy.size > 0, Self.isNewer(copy, than: FileWatcher.stamp(executable)) { return }
        let schema = JSONSchema.topology.rendered() + "\n"
        if FileManager.default.contents(atPath: path) == Data(schema.utf8) {
            _ = utimes(path, nil)  // the same schema: mark it current
            return
        }
        try? Workspace.writeAtomically(schema, to: path)
    }

    static func isNewer(_ a: FileWatcher.Stamp, than b: FileWatcher.Stamp) -> Bool {
        b.exists && (a.seconds, a.nanoseconds) > (b.seconds, b.nanoseconds)
    }

    /// Creates a workspace (for `init`, and `next` in a folder without one) and shows
    /// chapter one.
    func createWorkspace(at root: String) -> Int32 {
        guard let labs = LearnerSession.locatePack(override: labsOverride, recorded: nil, environment: environment,
                                                   executablePath: ExecutableLocation.path) else {
            return fail(LearningText.labsNotFound, status: ExitStatus.noInput)
        }
        let recordLabs = labsOverride != nil || environment["INFRALAB_LABS"].map { !$0.isEmpty } == true
        switch LearnerSession.create(at: root, labsPath: labs, recordLabs: recordLabs, language: language) {
        case .failure(let error):
            return report(error)
        case .success(let session):
            Self.writeEditorSchema(session.workspace)
            let style = TextStyle(colorize: stdout.colorize)
            stdout.line(style.bold(text(LearningText.welcome)))
            let shown = LabPack.displayPath(session.workspace.topologyPath)
            let root = LabPack.displayPath(session.workspace.root)
            say(root == session.workspace.root && session.workspace.root == workingDirectory.path
                ? LearningText.workspaceHere(shown) : LearningText.workspaceCreated(root, shown))
            if let backup = session.lastBackup { say(LearningText.backedUp(LabPack.displayPath(backup))) }
            stdout.line()
            stdout.write(screens.chapter(pack: session.pack, mission: session.mission, step: session.step, topologyPath: shown))
            return ExitStatus.success
        }
    }
}

/// Words of the learning commands, English and Korean (해요체).
enum LearningText {
    static let noWorkspace = LocalizedText(
        en: "there is no infralab workspace here. Start one with `infralab init` (or just `infralab next`).",
        ko: "여기에는 infralab 작업 공간이 없어요. `infralab init`(또는 그냥 `infralab next`)으로 시작하세요.")
    static let labsNotFound = LocalizedText(
        en: "cannot find the missions. Run infralab from its build folder, or point `--labs DIR` or INFRALAB_LABS at a Labs folder.",
        ko: "미션을 찾을 수 없어요. 빌드 폴더에서 infralab을 실행하거나 `--labs DIR` 또는 INFRALAB_LABS로 Labs 폴더를 알려 주세요.")
    static let packHasErrors = LocalizedText(
        en: "the missions have errors (above); `infralab lab check` tells more.",
        ko: "미션 파일에 오류가 있어요(위 참고). `infralab lab check`로 더 자세히 볼 수 있어요.")
    static func progressInvalid(_ path: String) -> LocalizedText {
        LocalizedText(
            en: "your progress file `\(path)` is damaged. Fix it by hand, or run `infralab reset --progress` to start your progress over: your topology.yaml stays, and the damaged file is backed up.",
            ko: "진행 파일 \(Korean.subject("`\(path)`")) 손상됐어요. 직접 고치거나 `infralab reset --progress`로 진행 기록을 새로 시작하세요. topology.yaml은 그대로 두고, 손상된 파일은 백업해 둘게요.")
    }
    static func writeFailed(_ message: String) -> LocalizedText {
        LocalizedText(en: "could not write the workspace: \(message)", ko: "작업 공간에 쓰지 못했어요: \(message)")
    }
    static func cannotBackUp(_ path: String) -> LocalizedText {
        LocalizedText(
            en: "`\(path)` cannot be read, so infralab cannot back it up, and has not replaced it. Make it readable again (`chmod u+rw \(path)`, or after editing it with sudo: `sudo chown $USER \(path)`), or move it away, then run this again.",
            ko: "`\(path)` 파일을 읽을 수 없어서 백업할 수 없으니 바꾸지 않았어요. 다시 읽을 수 있게 하거나(`chmod u+rw \(path)`, sudo로 고쳤다면 `sudo chown $USER \(path)`) 다른 곳으로 옮긴 다음 다시 실행하세요.")
    }
    static func folderInTheWay(_ path: String) -> LocalizedText {
        LocalizedText(
            en: "`\(path)` is a folder, not a file; infralab has not touched it. Rename or move it, then run this again.",
            ko: "`\(path)` 자리에 파일이 아니라 폴더가 있어서 건드리지 않았어요. 이름을 바꾸거나 옮긴 다음 다시 실행하세요.")
    }
    static let welcome = LocalizedText(en: "Welcome to infralab.", ko: "infralab에 오신 걸 환영해요.")
    static func workspaceCreated(_ root: String, _ file: String) -> LocalizedText {
        LocalizedText(en: "Your workspace is `\(root)`; your file is `\(file)`.", ko: "작업 공간은 `\(root)`, 고칠 파일은 \(Korean.isA("`\(file)`")).")
    }
    static func workspaceHere(_ file: String) -> LocalizedText {
        LocalizedText(en: "This folder is now your workspace; your file is `\(file)`.", ko: "이 폴더가 작업 공간이에요. 고칠 파일은 \(Korean.isA("`\(file)`")).")
    }
    static let stepPassed = LocalizedText(en: "Step passed.", ko: "이 단계를 통과하셨어요.")
    static func missionComplete(_ title: String) -> LocalizedText {
        LocalizedText(en: "Mission complete: \(title)", ko: "미션 완료: \(title)")
    }
    static func backedUp(_ path: String) -> LocalizedText {
        LocalizedText(en: "Your previous file is kept at `\(path)`.", ko: "이전 파일은 `\(path)`에 보관해 뒀어요.")
    }
    static func newStarter(_ file: String) -> LocalizedText {
        LocalizedText(en: "A new starter is in `\(file)`.", ko: "새 시작 파일을 `\(file)`에 넣어 뒀어요.")
    }
    static let allPassHint = LocalizedText(en: "Everything passes. Run `infralab next` to move on.", ko: "모두 통과했어요. `infralab next`로 넘어가세요.")
    static let noHints = LocalizedText(en: "This requirement has no more hints. `infralab solution --yes` shows the reference, if you really need it.",
                                       ko: "이 요구 사항의 힌트를 모두 보셨어요. 정말 필요하면 `infralab solution --yes`로 참고 답안을 볼 수 있어요.")
    static let solutionNotPassed = LocalizedText(
        en: "you have not passed this step yet; the reference takes the puzzle away. Run `infralab solution --yes` if you are sure.",
        ko: "아직 이 단계를 통과하지 않으셨어요. 답을 먼저 보면 직접 풀어 볼 기회가 사라져요. 그래도 보려면 `infralab solution --yes`를 실행하세요.")
    static func solutionApplied(_ file: String) -> LocalizedText {
        LocalizedText(en: "The reference solution is now in `\(file)`.", ko: "참고 답안을 `\(file)`에 넣었어요.")
    }
    static func resetDone(_ file: String) -> LocalizedText {
        LocalizedText(en: "`\(file)` is back to this step's starter.", ko: "\(Korean.object("`\(file)`")) 이 단계의 시작 파일로 되돌렸어요.")
    }
    static let progressReset = LocalizedText(en: "Your progress starts over at the first step; your topology file was not touched.",
                                             ko: "진행 기록을 첫 단계부터 다시 시작해요. 토폴로지 파일은 건드리지 않았어요.")
    static func unknownPosition(_ text: String) -> LocalizedText {
        LocalizedText(en: "no mission or step `\(text)`. Try a number (`3`, `3.2`), a mission id (`bastion`) or `mission/step`; `infralab list` shows them all.",
                      ko: "\(Korean.quoting("`\(text)`")) 미션이나 단계가 없어요. 숫자(`3`, `3.2`), 미션 id(`bastion`), `미션/단계` 형태로 써 보세요. `infralab list`에 모두 나와요.")
    }
    static func watching(_ file: String) -> LocalizedText {
        LocalizedText(en: "Watching `\(file)`; save it to re-grade. Ctrl-C stops.", ko: "\(Korean.object("`\(file)`")) 지켜보고 있어요. 저장하면 다시 채점해요. 멈추려면 Ctrl-C를 누르세요.")
    }
    static func regraded(_ number: Int, _ time: String) -> LocalizedText {
        LocalizedText(en: "Saved — graded again at \(time) (grading #\(number)).", ko: "저장을 감지해서 \(time)에 다시 채점했어요 (\(number)번째 채점).")
    }
    static let alreadyWorkspace = LocalizedText(en: "This folder is already an infralab workspace.", ko: "이 폴더는 이미 infralab 작업 공간이에요.")
    static func gotoKept(_ file: String) -> LocalizedText {
        LocalizedText(en: "`\(file)` stays as it is: it already belongs to this step.",
                      ko: "`\(file)` 파일은 그대로 뒀어요. 이미 이 단계의 파일이에요.")
    }
    static func gotoReplaced(_ file: String, step: String) -> LocalizedText {
        LocalizedText(en: "`\(file)` now holds the starter of step `\(step)`: the situation the story describes there.",
                      ko: "`\(file)`에 `\(step)` 단계의 시작 파일을 넣었어요. 이야기 속 그 시점의 상황이에요.")
    }
    static func noSuchStep(_ text: String) -> LocalizedText {
        LocalizedText(en: "no step `\(text)` in the missions (write `mission/step`, e.g. `bastion/elastic-ip`)",
                      ko: "미션에 `\(text)` 단계가 없어요 (`미션/단계` 형태로, 예: `bastion/elastic-ip`)")
    }
}
