import InfralabTestSupport
import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI


@Suite("Terminal decisions", .tags(.cli))
struct CLITerminalTests {
    struct ColorCase: Sendable, CustomStringConvertible {
        var choice: ColorChoice
        var noColor: String?
        var term: String?
        var isTerminal: Bool
        var expected: Bool
        var description: String { "\(choice) NO_COLOR=\(noColor ?? "unset") TERM=\(term ?? "unset") tty=\(isTerminal)" }
    }

    static let matrix: [ColorCase] = {
        var cases: [ColorCase] = []
        for choice in ColorChoice.allCases {
            for noColor in [nil, "", "1"] as [String?] {
                for term in [nil, "dumb", "xterm-256color"] as [String?] {
                    for isTerminal in [false, true] {
                        let expected: Bool
                        switch choice {
                        case .always: expected = true
                        case .never: expected = false
                        case .auto: expected = (noColor ?? "").isEmpty && term == "xterm-256color" && isTerminal
                        }
                        cases.append(ColorCase(choice: choice, noColor: noColor, term: term, isTerminal: isTerminal, expected: expected))
                    }
                }
            }
        }
        return cases
    }()

    @Test("colour decision", arguments: matrix)
    func colour(_ example: ColorCase) {
        var environment: [String: String] = [:]
        environment["NO_COLOR"] = example.noColor
        environment["TERM"] = example.term
        #expect(Terminal.shouldColorize(choice: example.choice, environment: environment, isTerminal: example.isTerminal) == example.expected)
    }

    @Test func width() {
        #expect(Terminal.width(environment: ["COLUMNS": "120"], terminalColumns: 100) == 120)
        #expect(Terminal.width(environment: ["COLUMNS": "wide"], terminalColumns: 100) == 100)
        #expect(Terminal.width(environment: ["COLUMNS": "0"], terminalColumns: nil) == 80)
        #expect(Terminal.width(environment: [:], terminalColumns: 132) == 132)
        #expect(Terminal.width(environment: [:], terminalColumns: nil) == 80)
    }

    @Test func colourReachesTheOutputOnlyOnATerminal() {
        var environment = testEnvironment
        environment["COLUMNS"] = nil
        let plain = runCLI(["--help"], environment: environment)
        #expect(!plain.stdout.contains("\u{1B}["))
        let tty = runCLI(["--help"], environment: environment, stdoutIsTerminal: true)
        #expect(tty.stdout.contains("\u{1B}["))
        environment["NO_COLOR"] = "1"
        #expect(!runCLI(["--help"], environment: environment, stdoutIsTerminal: true).stdout.contains("\u{1B}["))
        #expect(runCLI(["--help", "--color", "always"], environment: environment).stdout.contains("\u{1B}["))
        #expect(!runCLI(["--color=never", "--help"], environment: testEnvironment, stdoutIsTerminal: true).stdout.contains("\u{1B}["))
    }

    @Test func stderrDecidesItsOwnColour() {
        let run = runCLI(["nxt"], stdoutIsTerminal: false, stderrIsTerminal: true)
        #expect(run.stderr.contains("\u{1B}["))
    }

    @Test func helpWrapsToTheWidth() {
        var environment = testEnvironment
        environment["COLUMNS"] = "50"
        let run = runCLI(["help", "probe"], environment: environment)
        for line in run.stdout.split(separator: "\n") where !line.hasPrefix("  infralab") && !line.hasPrefix("infralab") && !line.hasPrefix("Usage") && !line.contains("--") {
            #expect(displayWidth(of: String(line)) <= 50, "\(line)")
        }
        environment["COLUMNS"] = nil
        let fromTerminal = runCLI(["help", "probe"], environment: environment, terminalColumns: 200)
        #expect(fromTerminal.stdout.split(separator: "\n").contains { $0.count > 100 })
    }
}
