import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI


/// The project speaks to learners in 해요체 ("검사해요", "보여 줘요"), never in 합니다체
/// ("검사합니다", "보여 줍니다"). These tests keep the help texts from drifting back.
@Suite("Korean help texts stay in 해요체", .tags(.cli))
struct KoreanStyleTests {
    /// Why `text` is not 해요체, or nil when it reads fine.
    ///
    /// 합니다체 ends a sentence in `-니다` (`합니다.`, `없습니다`, `아닙니다)`) or asks with
    /// `-니까?`; a 해라체 question (`닿는가?`) is out of register too. `니다` inside a word
    /// (followed by another Hangul syllable) is left alone.
    static func registerProblem(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        func isHangul(_ index: Int) -> Bool {
            index < scalars.count && (0xAC00...0xD7A3).contains(scalars[index].value)
        }
        for index in scalars.indices.dropLast() {
            var pair = ""
            pair.unicodeScalars.append(contentsOf: scalars[index...index + 1])
            if pair == "니다", !isHangul(index + 2) { return "합니다체 ending `…니다`" }
            if pair == "니까" || pair == "는가", index + 2 < scalars.count, scalars[index + 2] == "?" {
                return "question ending `…\(pair)?`"
            }
        }
        return nil
    }

    /// Every Korean text `infralab help` can show, labelled by where it comes from.
    static var helpTexts: [(label: String, text: String?)] {
        var texts: [(String, String?)] = []
        for command in CommandRegistry.standard.commands {
            texts.append(("\(command.name): summary", command.summary.ko))
            if let discussion = command.discussion { texts.append(("\(command.name): discussion", discussion.ko)) }
            for positional in command.positionals {
                texts.append(("\(command.name) \(positional.name): help", positional.help.ko))
            }
            for option in command.options { texts.append(("\(command.name) --\(option.name): help", option.help.ko)) }
            for example in command.examples {
                texts.append(("\(command.name): example `\(example.commandLine)`", example.explanation.ko))
            }
        }
        for option in CommandLineTool.globalOptions { texts.append(("global --\(option.name): help", option.help.ko)) }
        return texts
    }

    @Test func registryHasTextsToCheck() {
        // Guards against the check below passing because nothing was collected.
        #expect(Self.helpTexts.count > 50)
    }

    @Test func helpTextsAreInHaeyoche() {
        for (label, text) in Self.helpTexts {
            guard let text else {
                Issue.record("\(label): no Korean text")
                continue
            }
            let problem = Self.registerProblem(text)
            #expect(problem == nil, "\(label): \(problem ?? "") in \"\(text)\"")
        }
    }

    @Test func helpScreensAreInHaeyoche() {
        // What a learner actually reads, including the fixed lines of the help screens.
        var screens = [HelpFormatter.overview(registry: .standard, language: .ko, colorize: false, width: 100)]
        for command in CommandRegistry.standard.commands {
            screens.append(HelpFormatter.help(for: command, language: .ko, colorize: false, width: 100))
        }
        for screen in screens {
            for line in screen.split(separator: "\n") {
                #expect(Self.registerProblem(String(line)) == nil, "\(line)")
            }
        }
    }

    @Test(arguments: [
        "토폴로지 파일을 검사합니다", "도움말을 보여 줍니다.", "파일이 없습니다: x.yaml", "포트가 아닙니다. 숫자를 쓰세요",
        "종료 상태는 1입니다\n다음 줄", "닿습니까?", "웹 서버에 닿는가?",
    ])
    func checkerCatchesHapnidache(_ text: String) {
        #expect(Self.registerProblem(text) != nil)
    }

    @Test(arguments: [
        "토폴로지 파일을 검사해요", "도움말을 보여 줘요.", "파일이 없어요: x.yaml", "혹시 `--port`인가요?",
        "어느 단계인가요? `--step 미션/단계`를 붙여 주세요", "살아 있을까요?",
    ])
    func checkerAcceptsHaeyoche(_ text: String) {
        #expect(Self.registerProblem(text) == nil)
    }
}
