import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// `infralab lab check` for people: a line per mission, then what is unsound and why.
package struct LabCheckScreen {
    var style: TextStyle
    var language: Language
    var width: Int

    package init(colorize: Bool, language: Language, width: Int) {
        self.style = TextStyle(colorize: colorize)
        self.language = language
        self.width = max(40, width)
    }

    package func render(_ report: LabCheckReport) -> String {
        var out = ""
        for mission in report.missions {
            let mark = mission.isSound ? style.green("✓") : style.red("✗")
            let counts = language == .ko
                ? "단계 \(mission.steps) · 요구 사항 \(mission.requirements) · 변형 \(mission.variants) · 뮤턴트 \(mission.mutants) (검출 \(mission.mutantsCaught), 예외 \(mission.mutantsWaived))"
                : "\(mission.steps) steps · \(mission.requirements) requirements · \(mission.variants) variants · \(mission.mutants) mutants (\(mission.mutantsCaught) caught, \(mission.mutantsWaived) waived)"
            guard mission.loaded else {
                let errors = mission.problems.filter { $0.severity == .error }.count
                out += "\(mark) " + style.bold(mission.folder) + "\n    " + style.red(language == .ko ? "미션 파일을 불러오지 못했어요 (위의 오류 \(errors)개)" : "the mission does not load (\(errors) error\(errors == 1 ? "" : "s") above)") + "\n"
                continue
            }
            out += "\(mark) " + style.bold(mission.folder) + "\n" + "    " + style.dim(counts) + "\n"
            if mission.mutantsInvalid > 0 {
                let n = mission.mutantsInvalid
                let note = language == .ko
                    ? "그중 \(n)개는 검증 오류가 나는 뮤턴트예요. 오류가 있는 파일은 통과하지 못하니 요구 사항이 아니라 검증이 잡아요 (검출 수에 넣지 않아요)"
                    : "\(n) of them do not validate: a file with errors never passes, so validation catches \(n == 1 ? "it" : "them"), not a requirement (not counted as caught)"
                out += wrapped(note, toWidth: width - 4).map { "    " + style.dim($0) + "\n" }.joined()
            }
            for problem in mission.problems.prefix(DiagnosticRenderer.shownLimit) {
                let label = problem.severity == .error ? style.red(language == .ko ? "오류" : "error") : style.yellow(language == .ko ? "경고" : "warning")
                let step = problem.stepID.map { "[\($0)] " } ?? ""
                let lines = wrapped(step + problem.message.text(language), toWidth: width - 6)
                out += "    \(label): " + lines.joined(separator: "\n      ") + "\n"
                if let location = problem.location { out += "      " + style.cyan("--> ") + location.description + "\n" }
            }
            if mission.problems.count > DiagnosticRenderer.shownLimit {
                out += "    " + style.dim(DiagnosticRenderer.moreNotShown(mission.problems.count - DiagnosticRenderer.shownLimit).text(language)) + "\n"
            }
        }
        let unsound = report.missions.filter { !$0.isSound }.count
        out += "\n"
        if report.isSound {
            out += style.green(language == .ko ? "미션 \(report.missions.count)개 모두 문제가 없어요." : "All \(report.missions.count) missions are sound.") + "\n"
        } else {
            out += style.red(language == .ko ? "미션 \(report.missions.count)개 중 \(unsound)개에 문제가 있어요." : "\(unsound) of \(report.missions.count) missions are unsound.") + "\n"
        }
        return out
    }
}
