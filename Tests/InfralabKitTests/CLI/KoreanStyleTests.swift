import Foundation
import Testing
import InfralabTestSupport
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

    /// Words the Korean reviewer ruled out (Docs/authoring.md, "Korean text"): "reach" is
    /// 접속하다/통신하다/접근하다, never 닿다; 퍼블릭/프라이빗, never 공인/사설; the learner
    /// is thanked with 높임.
    static func termProblem(_ line: String) -> String? {
        let ruledOut: [(word: String, why: String)] = [
            ("닿", "닿다 for reach (write 접속하다, 통신하다 or 접근하다)"),
            ("공인", "공인 (write 퍼블릭)"), ("사설", "사설 (write 프라이빗)"),
            ("수고했어요", "수고했어요 (write 수고하셨어요)"),
        ]
        return ruledOut.first { line.contains($0.word) }.map(\.why)
    }

    /// The Korean a learner reads: `ko:` text in missions, Korean strings in Sources, the
    /// Korean workbook and reference docs. Docs/ko/authoring.md names the ruled-out words
    /// on purpose and is left out.
    static func koreanLines() -> [(place: String, text: String)] {
        func files(_ folder: String, _ ext: String) -> [URL] {
            let root = packageRoot.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            return (enumerator?.compactMap { $0 as? URL } ?? []).filter { $0.pathExtension == ext }
        }
        let all = files("Labs", "yaml") + files("Solutions", "yaml") + files("Sources", "swift")
            + files("Docs/workbook/ko", "md") + files("Docs/ko", "md").filter { $0.lastPathComponent != "authoring.md" }
        var lines: [(String, String)] = []
        for file in all {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.unicodeScalars.contains(where: { (0xAC00...0xD7A3).contains($0.value) }) {
                let place = file.path.replacingOccurrences(of: packageRoot.path + "/", with: "") + ":\(index + 1)"
                lines.append((place, String(line)))
            }
        }
        return lines
    }

    @Test func learnerTextUsesTheChosenTerms() {
        let lines = Self.koreanLines()
        #expect(lines.count > 1000, "guards against reading nothing")
        for (place, text) in lines {
            if let problem = Self.termProblem(text), !place.hasSuffix("Korean.swift") {
                Issue.record("\(place): \(problem): \(text.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    @Test func learnerTextIsInHaeyoche() {
        for (place, text) in Self.koreanLines() where !place.hasPrefix("Tests/") {
            if let problem = Self.registerProblem(text) {
                Issue.record("\(place): \(problem): \(text.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    @Test(arguments: ["WAS는 DB에 닿아요", "공인 IP", "사설 대역", "모든 미션을 마쳤어요. 수고했어요!"])
    func termCheckCatches(_ text: String) {
        #expect(Self.termProblem(text) != nil)
    }

    @Test(arguments: ["WAS는 DB에 접속할 수 있어요", "퍼블릭 IP", "프라이빗 대역", "수고하셨어요!"])
    func termCheckAccepts(_ text: String) {
        #expect(Self.termProblem(text) == nil)
    }

    @Test(arguments: [
        "토폴로지 파일을 검사해요", "도움말을 보여 줘요.", "파일이 없어요: x.yaml", "혹시 `--port`인가요?",
        "어느 단계인가요? `--step 미션/단계`를 붙여 주세요", "살아 있을까요?",
    ])
    func checkerAcceptsHaeyoche(_ text: String) {
        #expect(Self.registerProblem(text) == nil)
    }
}
