import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab watch`: re-grade whenever the topology file is saved; move on when it passes.
struct WatchCommand: Command {
    let name = "watch"
    let group = CommandGroup.learning
    let summary = LocalizedText(
        en: "Re-grade whenever the topology file is saved",
        ko: "토폴로지 파일을 저장할 때마다 다시 채점해요")
    let discussion: LocalizedText? = LocalizedText(
        en: "Re-grades on the save itself (inotify), also when an editor saves by renaming a new file into place; where file events do not work it looks at the file every --interval seconds instead (--poll forces that). Works without a terminal: on a terminal the screen is redrawn, piped each grading follows the last. Failing requirements come first.",
        ko: "파일을 저장하는 순간 다시 채점해요 (inotify). 편집기가 새 파일로 바꿔치기해서 저장해도 알아채요. 파일 이벤트를 쓸 수 없으면 --interval초마다 파일을 확인해요 (--poll로 이 방식을 고를 수 있어요). 터미널이 없어도 돼요. 터미널에서는 화면을 새로 그리고, 파이프로 보낼 때는 채점 결과를 이어서 출력해요. 실패한 요구 사항이 먼저 나와요.")
    let options: [OptionSpec] = [
        .labs,
        .value("interval", "SECONDS", help: LocalizedText(en: "How often to look at the file when polling (0.01–60, default 0.5)", ko: "주기적으로 확인할 때의 간격 (0.01–60초, 기본값 0.5초)")),
        .value("count", "N", help: LocalizedText(en: "Stop after N gradings (for scripts)", ko: "N번 채점한 뒤 멈춰요 (스크립트용)")),
        .flag("poll", help: LocalizedText(en: "Look at the file every --interval seconds instead of waiting for file events", ko: "파일 이벤트를 기다리지 않고 --interval초마다 파일을 확인해요")),
    ]

    /// `--interval` and `--count` as given, or the usage error to report (before any file is touched).
    static func settings(_ arguments: ParsedArguments) -> Result<(interval: Double, count: Int?), UsageError> {
        var interval = 0.5
        if let text = arguments.value("interval") {
            guard let value = Double(text), value.isFinite, value >= 0.01, value <= 60 else {
                return .failure(UsageError(LocalizedText(en: "--interval takes seconds from 0.01 to 60, not `\(text)`",
                                                         ko: "--interval에는 0.01초에서 60초 사이의 값을 써야 해요 (`\(text)` 값은 쓸 수 없어요)")))
            }
            interval = value
        }
        var count: Int?
        if let text = arguments.value("count") {
            guard let value = Int(text), value >= 1 else {
                return .failure(UsageError(LocalizedText(en: "--count takes a whole number of at least 1, not `\(text)`",
                                                         ko: "--count에는 1 이상의 정수를 써야 해요 (`\(text)` 값은 쓸 수 없어요)")))
            }
            count = value
        }
        return .success((interval, count))
    }

    func run(_ context: CommandContext) -> Int32 {
        let interval: Double, count: Int?
        switch Self.settings(context.arguments) {
        case .failure(let error): return context.usageError(error)
        case .success(let parsed): (interval, count) = parsed
        }
        var session: LearnerSession
        switch context.openSession() {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        var remaining = count
        let path = session.workspace.topologyPath
        let redraw = context.stdout.colorize  // a colour terminal: redraw in place
        context.say(LearningText.watching(LabPack.displayPath(path)))
        let watcher = FileWatcher(path: path, interval: interval, forcePolling: context.arguments.isSet("poll"))
        var lastStatus = ExitStatus.success
        var gradings = 0
        while true {
            if redraw { context.stdout.writeControl("\u{1B}[2J\u{1B}[H") } else if gradings > 0 { context.stdout.line(String(repeating: "─", count: min(context.width, 60))) }
            gradings += 1
            if gradings > 1 { context.say(LearningText.regraded(gradings, Self.clock())) }
            lastStatus = NextCommand.gradeAndAdvance(&session, context: context, failingFirst: true)
            if session.progress.isFinished { return ExitStatus.success }
            if let left = remaining {
                remaining = left - 1
                if left - 1 == 0 { return lastStatus }
            }
            watcher.waitForChange()
        }
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}
