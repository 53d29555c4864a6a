import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Words on the learner's screens, English and Korean (해요체).
package enum UIText {
    static func heading(mission: Int, of missions: Int, title: String, step: Int, of steps: Int, stepTitle: String) -> LocalizedText {
        LocalizedText(en: "Mission \(mission)/\(missions) · \(title) — step \(step) of \(steps): \(stepTitle)",
                      ko: "미션 \(mission)/\(missions) · \(title) — \(steps)단계 중 \(step)단계: \(stepTitle)")
    }
    package static let yourTask = LocalizedText(en: "Your task", ko: "할 일")
    static let checkedHere = LocalizedText(en: "What infralab will check", ko: "infralab이 확인할 것")
    static func editThenNext(_ path: String) -> LocalizedText {
        LocalizedText(en: "Edit \(path), then run `infralab next`. `infralab hint` helps when you are stuck.",
                      ko: "\(Korean.object(path)) 고친 다음 `infralab next`를 실행하세요. 막히면 `infralab hint`가 도와줘요.")
    }
    static let carried = LocalizedText(en: "(from an earlier step)", ko: "(앞 단계에서 이어짐)")
    static func fileHasErrors(_ n: Int) -> LocalizedText {
        LocalizedText(en: n == 1 ? "Your topology file has an error:" : "Your topology file has \(n) errors:",
                      ko: "토폴로지 파일에 오류가 \(n)개 있어요:")
    }
    static func moreErrors(_ n: Int) -> LocalizedText {
        LocalizedText(en: "… and \(n) more (`infralab validate` shows them all)", ko: "… 그리고 \(n)개 더 있어요 (`infralab validate`로 모두 볼 수 있어요)")
    }
    static func errorsFailStep(_ n: Int) -> LocalizedText {
        LocalizedText(en: "The step cannot pass while the file has \(n == 1 ? "an error" : "errors"): fix \(n == 1 ? "it" : "them") first.",
                      ko: "파일에 오류가 있으면 단계를 통과할 수 없어요. 오류부터 고쳐 주세요.")
    }
    static func warnings(_ n: Int) -> LocalizedText {
        LocalizedText(en: n == 1 ? "1 warning:" : "\(n) warnings:", ko: "경고 \(n)개:")
    }
    static func moreWarnings(_ n: Int) -> LocalizedText {
        LocalizedText(en: "… and \(n) more (`infralab validate` shows them all)", ko: "… 그리고 \(n)개 더 있어요 (`infralab validate`로 모두 볼 수 있어요)")
    }
    static func moreFindings(_ n: Int) -> LocalizedText {
        LocalizedText(en: "(\(n) more case\(n == 1 ? "" : "s") like this)", ko: "(이런 경우가 \(n)개 더 있어요)")
    }
    static func allPass(_ n: Int) -> LocalizedText {
        LocalizedText(en: n == 1 ? "The requirement passes." : "All \(n) requirements pass.", ko: "요구 사항 \(n)개를 모두 통과했어요.")
    }
    static func somePass(_ passed: Int, _ total: Int) -> LocalizedText {
        LocalizedText(en: total == 1 ? "The requirement does not pass yet." : "\(passed) of \(total) requirements pass.", ko: "요구 사항 \(total)개 중 \(passed)개를 통과했어요.")
    }
    static func hintAvailable(_ level: Int, _ total: Int) -> LocalizedText {
        LocalizedText(en: "Stuck? `infralab hint` shows hint \(level) of \(total); `infralab story` tells the chapter again.",
                      ko: "막혔나요? `infralab hint`로 힌트 \(total)개 중 \(level)번째를 볼 수 있어요. `infralab story`는 이번 장을 다시 보여 줘요.")
    }
    static func during(_ incidents: LocalizedText) -> LocalizedText {
        LocalizedText(en: "During \(incidents.en):", ko: "\(incidents.text(.ko)) 상황에서:")
    }
    /// A finding's message on one line, after the incidents it happens under (reports
    /// that have no "During …:" line of their own above it).
    static func during(_ finding: Finding) -> LocalizedText {
        guard !finding.scenario.isEmpty else { return finding.message }
        let during = during(Incident.words(finding.scenario))
        return LocalizedText(en: during.en + " " + finding.message.en, ko: during.text(.ko) + " " + finding.message.text(.ko))
    }
    static let path = LocalizedText(en: "path:", ko: "경로:")
    static let internet = LocalizedText(en: "internet", ko: "인터넷")
    static func hintHeading(_ level: Int, _ total: Int) -> LocalizedText {
        LocalizedText(en: "Hint \(level)/\(total) —", ko: "힌트 \(level)/\(total) —")
    }
    static func hintAlreadyWritten(_ code: String, at place: String) -> LocalizedText {
        LocalizedText(en: "Your file already has `\(code)` (\(place)), so that is not what is missing. What is still wrong:",
                      ko: "파일의 \(place)에 이미 `\(code)` 줄이 있어요. 빠진 건 이 줄이 아니에요. 아직 틀린 곳은 여기예요:")
    }
    static let hintStillWrong = LocalizedText(en: "What your file shows now:", ko: "지금 파일에서 걸리는 곳:")
    static let moreHints = LocalizedText(en: "Run `infralab hint` again for a more concrete hint.", ko: "`infralab hint`를 한 번 더 실행하면 더 구체적인 힌트가 나와요.")
    static let stepsWord = LocalizedText(en: "steps", ko: "단계")
    static func stepsLeft(_ count: Int, _ number: String, _ title: String) -> LocalizedText {
        LocalizedText(en: "You reached the end, but \(count) step\(count == 1 ? " is" : "s are") not passed yet, starting with mission \(number) (\(title)). `infralab goto \(number)` takes you there.",
                      ko: "마지막까지 왔지만 아직 통과하지 않은 단계가 \(count)개 남았어요. 미션 \(number)(\(title))부터예요. \(Korean.toward("`infralab goto \(number)`")) 가 보세요.")
    }
    static let allDone = LocalizedText(en: "You have finished every mission. Well done!", ko: "모든 미션을 마치셨어요. 수고하셨어요!")
}
