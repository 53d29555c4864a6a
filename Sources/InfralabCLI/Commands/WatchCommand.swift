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
        en: "Polls the file's modification time (no special file-system support needed, works without a terminal). On a terminal the screen is redrawn; piped, each grading follows the last.",
        ko: "파일의 수정 시각을 주기적으로 확인해요 (특별한 파일 시스템 기능이 필요 없고 터미널이 없어도 돼요). 터미널에서는 화면을 새로 그리고, 파이프로 보낼 때는 채점 결과를 이어서 출력해요.")
    let options: [OptionSpec] = [
        .labs,
        .value("interval", "SECONDS", help: LocalizedText(en: "How often to look at the file (default 0.5)", ko: "파일을 확인하는 간격 (기본값 0.5초)")),
        .value("count", "N", help: LocalizedText(en: "Stop after N gradings (for scripts)", ko: "N번 채점한 뒤 멈춰요 (스크립트용)")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        var session: LearnerSession
        switch context.openSession() {
        case .failure(let code): return code.status
        case .success(let s): session = s
        }
        let interval = context.arguments.value("interval").flatMap(Double.init) ?? 0.5
        guard interval > 0, interval <= 60 else {
            return context.usageError(UsageError(LocalizedText(en: "--interval takes seconds between 0 and 60", ko: "--interval에는 0초에서 60초 사이의 값을 써야 해요")))
        }
        var remaining = context.arguments.value("count").flatMap(Int.init)
        if let count = remaining, count < 1 {
            return context.usageError(UsageError(LocalizedText(en: "--count takes a number of at least 1", ko: "--count에는 1 이상의 수를 써야 해요")))
        }
        let path = session.workspace.topologyPath
        let redraw = context.stdout.colorize  // a colour terminal: redraw in place
        context.say(LearningText.watching(LabPack.displayPath(path)))
        var lastStamp: Date? = nil
        var lastStatus = ExitStatus.success
        while true {
            let stamp = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if lastStamp == nil || stamp != lastStamp {
                lastStamp = stamp ?? Date.distantPast
                if redraw { context.stdout.write("\u{1B}[2J\u{1B}[H") } else { context.stdout.line(String(repeating: "─", count: min(context.width, 60))) }
                lastStatus = NextCommand.gradeAndAdvance(&session, context: context)
                if session.progress.isFinished { return ExitStatus.success }
                if let count = remaining {
                    remaining = count - 1
                    if count - 1 == 0 { return lastStatus }
                }
            }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
