import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab validate [FILE]`: every problem in a topology file, compiler-style.
///
/// Reads, never writes. Exit 0 when there are no errors (warnings are shown), 1 when
/// there are, 66 when the file cannot be read, 64 for a bad command line.
struct ValidateCommand: Command {
    let name = "validate"
    let group = CommandGroup.tools
    let summary = LocalizedText(
        en: "Check a topology file and report every problem at once",
        ko: "토폴로지 파일을 검사하고 모든 문제를 한 번에 알려 줘요")
    let discussion: LocalizedText? = LocalizedText(
        en: """
            Parses the file, builds the topology and runs every validation rule. Each problem is shown \
            with its line and a caret under the column. Nothing is written to disk.
            Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors, \
            66 when the file cannot be read. `-` reads standard input.
            """,
        ko: """
            파일을 파싱하고 토폴로지를 만든 다음 모든 검증 규칙을 실행해요. 문제마다 해당 줄을 보여 주고 \
            열 위치를 캐럿(^)으로 짚어 줘요. 디스크에는 아무것도 쓰지 않아요.
            종료 상태: 오류가 없으면 0(경고는 있어도 돼요), 오류가 있으면 1, 파일을 읽을 수 없으면 66이에요. \
            파일 대신 `-`를 쓰면 표준 입력을 읽어요.
            """)
    let positionals: [PositionalSpec] = [
        .optional(
            "FILE",
            help: LocalizedText(en: "The topology file (default: topology.yaml)", ko: "토폴로지 파일(기본값: topology.yaml)"))
    ]
    let options: [OptionSpec] = [.json]
    let examples: [CommandExample] = [
        CommandExample("infralab validate", LocalizedText(en: "Check ./topology.yaml", ko: "./topology.yaml을 검사해요")),
        CommandExample(
            "infralab validate vpc.yaml --json",
            LocalizedText(en: "Print the problems as JSON for another program", ko: "다른 프로그램이 읽을 수 있게 문제를 JSON으로 출력해요")),
    ]

    /// How a file becomes a topology; tests put a stand-in here.
    var load: @Sendable (_ text: String, _ file: String) -> TopologyLoadResult = { text, file in
        TopologyLoader.load(text: text, file: file)
    }

    static let defaultFile = "topology.yaml"

    func run(_ context: CommandContext) -> Int32 {
        let path = context.arguments.positionals.first ?? Self.defaultFile
        guard let text = context.readInput(path) else { return ExitStatus.noInput }
        let file = path == "-" ? "<stdin>" : path
        let result = load(text, file)
        var bag = DiagnosticBag()
        bag.add(contentsOf: result.diagnostics)
        let diagnostics = bag.sorted

        if context.wantsJSON {
            context.stdout.line(Self.json(file: file, diagnostics: diagnostics, language: context.language).rendered())
        } else {
            let renderer = DiagnosticRenderer(
                colorize: context.stdout.colorize, language: context.language, width: context.width, file: file, text: text)
            context.stdout.write(renderer.render(diagnostics))
            context.stdout.line(
                Self.summary(file: file, diagnostics: diagnostics, language: context.language, colorize: context.stdout.colorize))
        }
        return bag.hasErrors ? ExitStatus.failure : ExitStatus.success
    }

    /// `topology.yaml: 2 errors, 1 warning` / `topology.yaml: valid`.
    static func summary(file: String, diagnostics: [Diagnostic], language: Language, colorize: Bool) -> String {
        let style = TextStyle(colorize: colorize)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if errors == 0 && warnings == 0 {
            return "\(file): " + style.green(LocalizedText(en: "valid, no problems", ko: "문제 없음").text(language))
        }
        var parts: [String] = []
        switch language {
        case .en:
            if errors > 0 { parts.append(style.red("\(errors) error\(errors == 1 ? "" : "s")")) }
            if warnings > 0 { parts.append(style.yellow("\(warnings) warning\(warnings == 1 ? "" : "s")")) }
        case .ko:
            if errors > 0 { parts.append(style.red("오류 \(errors)개")) }
            if warnings > 0 { parts.append(style.yellow("경고 \(warnings)개")) }
        }
        let verdict =
            errors == 0
            ? LocalizedText(en: " (valid)", ko: " (유효함)") : LocalizedText(en: " (not valid)", ko: " (유효하지 않음)")
        return "\(file): " + parts.joined(separator: ", ") + verdict.text(language)
    }

    /// `{ "file", "valid", "diagnostics": [JSONValue.diagnostic] }`
    static func json(file: String, diagnostics: [Diagnostic], language: Language) -> JSONValue {
        .object([
            ("file", .string(file)),
            ("valid", .bool(!diagnostics.contains { $0.severity == .error })),
            ("diagnostics", .array(diagnostics.map { JSONValue.diagnostic($0, language: language) })),
        ])
    }
}
