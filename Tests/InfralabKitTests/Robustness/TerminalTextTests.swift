import Foundation
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI
import InfralabTestSupport
import Testing

/// The one sanitizer at the output boundary, and the one word wrap.
@Suite struct TerminalTextTests {
    @Test("C0 (but newline and tab), DEL, C1, CSI, OSC and string sequences are removed with their payload")
    func strips() {
        let input = "a\u{1B}[2Jb\u{1B}]0;title\u{07}c\u{1B}]52;c;cm0gLXJmIH4=\u{1B}\\d\u{9B}1;2He\u{9D}8;;x\u{9C}f\u{85}g\u{7F}h\u{0}\r\u{8}i\tj\nk\u{1B}Pdcs\u{1B}\\l\u{1B}cm"
        #expect(TerminalText.sanitized(input) == "abcdefghi\tj\nklm")
        #expect(TerminalText.sanitized(input, keepingStyles: true) == "abcdefghi\tj\nklm")
    }

    @Test("with colour on, only SGR colour sequences survive")
    func keepsColour() {
        let styled = TextStyle.ansi.bold("x") + "\u{1B}[2J" + TextStyle.ansi.red("y")
        #expect(TerminalText.sanitized(styled, keepingStyles: true) == TextStyle.ansi.bold("x") + TextStyle.ansi.red("y"))
        #expect(TerminalText.sanitized(styled, keepingStyles: false) == "xy")
    }

    @Test("plain text comes back unchanged; Korean and emoji are kept")
    func plain() {
        let text = "한국어 텍스트 ✓ — 🙂\n\tok"
        #expect(TerminalText.sanitized(text) == text)
        #expect(!TerminalText.needsSanitizing(text))
    }

    @Test("Output sanitizes everything written through it, diagnostics included")
    func outputBoundary() {
        let sink = CapturedOutput()
        let output = Output(sink, colorize: false)
        output.line("unknown key `\u{1B}]52;c;x\u{07}evil`")
        #expect(sink.text == "unknown key `evil`\n")
    }

    @Test("a learner's unknown key with escapes reaches `validate` output stripped")
    func learnerFile() throws {
        try withTemporaryDirectory { dir in
            _ = try dir.write("hosts:\n  pc:\n    \"kind\u{1B}[2J\u{1B}]0;x\u{07}\": server\n", to: "t.yaml")
            for color in ["always", "never"] {
                let run = runCLI(["validate", "t.yaml", "--color", color], workingDirectory: dir.url)
                #expect(run.status == 1)
                #expect(!run.stdout.contains("\u{1B}[2J") && !run.stdout.contains("\u{1B}]") && !run.stdout.contains("\u{07}"), "\(run)")
            }
        }
    }

    @Test("wrapping a 1 MB unbroken word is linear: every line full, nothing lost")
    func longWord() {
        let word = String(repeating: "가나다abc", count: 200_000)
        let start = Date()
        let lines = wrapped("story " + word + " end", toWidth: 80)
        #expect(Date().timeIntervalSince(start) < 20, "quadratic wrapping took minutes")
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "story" + word + "end")
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 80 })
        #expect(lines.dropFirst().dropLast(2).allSatisfy { displayWidth(of: $0) >= 79 })
    }

    @Test("suggested commands are spelled the way the learner runs infralab")
    func invocation() throws {
        #expect(Invocation.spelling(argv0: "infralab", executable: nil, workingDirectory: "/tmp", environment: [:]) == "infralab")
        #expect(Invocation.spelling(argv0: "./.build/debug/infralab", executable: nil, workingDirectory: "/tmp", environment: ["PATH": "/usr/bin"]) == "./.build/debug/infralab")
        let checkout = packageRoot.path
        let built = checkout + "/.build/debug/infralab"
        #expect(Invocation.spelling(argv0: built, executable: built, workingDirectory: checkout, environment: ["PATH": "/usr/bin"]) == "swift run infralab")
        #expect(Invocation.spelling(argv0: built, executable: built, workingDirectory: checkout + "/workspace", environment: ["PATH": "/usr/bin"]) == "swift run infralab")
        #expect(Invocation.spelling(argv0: built, executable: built, workingDirectory: "/tmp", environment: ["PATH": "/usr/bin"]) == built)
        // Swift 6.3's `swift run` starts the program by a path relative to the checkout.
        #expect(Invocation.spelling(argv0: ".build/x86_64-unknown-linux-gnu/debug/infralab", executable: built, workingDirectory: checkout,
                                    environment: ["PATH": "/usr/bin"]) == "swift run infralab")
        let sink = CapturedOutput()
        Output(sink, colorize: false, commandSpelling: "swift run infralab").line("Run `infralab hint` or `infralab next`.")
        #expect(sink.text == "Run `swift run infralab hint` or `swift run infralab next`.\n")
        let screens = { (spelling: String) -> String in
            var s = LearnerScreens(colorize: false, language: .en, width: 80) { _ in nil }
            s.commandSpelling = spelling
            let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)
            return s.chapter(pack: pack, mission: pack.missions[0], step: pack.missions[0].steps[0], topologyPath: "topology.yaml")
        }
        let chapter = screens("swift run infralab")
        #expect(chapter.contains("`swift run infralab next`"))
        #expect(!chapter.contains("`infralab "))
        #expect(chapter.split(separator: "\n").allSatisfy { displayWidth(of: String($0)) <= 80 })
    }
}
