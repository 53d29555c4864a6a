import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab diagram [FILE] --format text|mermaid|dot|svg|html [-o FILE]`: the topology as
/// a picture, optionally with one probed flow drawn on it.
struct DiagramCommand: Command {
    enum Format: String, CaseIterable {
        case text, mermaid, dot, svg, html

        var fileExtension: String { self == .mermaid ? "mmd" : (self == .text ? "txt" : rawValue) }
    }

    let name = "diagram"
    let group = CommandGroup.tools
    let summary = LocalizedText(
        en: "Draw a topology: text, Mermaid, DOT, SVG or HTML, with a flow on it",
        ko: "토폴로지를 그림으로 그려요(텍스트, Mermaid, DOT, SVG, HTML)")
    let discussion: LocalizedText? = LocalizedText(
        en: """
            Draws what infralab understands: VPC, availability zones, subnets (public or private, as the grader decides), \
            gateways, NAT, instances with their roles, load balancers, sites and hosts, outside hosts, and arrows for routes \
            to gateways, forwards and listeners. With --from, --to and --port (the options of `probe`), the flow's path is \
            drawn and the hop that stops it is marked. SVG and HTML are single files that need no network. \
            Mermaid renders on GitHub; DOT renders with Graphviz (`dot -Tpng`).
            """,
        ko: """
            infralab이 이해한 그대로 그려요: VPC, 가용 영역, 서브넷(채점기가 판단한 퍼블릭/프라이빗), 게이트웨이, NAT, \
            역할이 붙은 인스턴스, 로드 밸런서, 사이트와 호스트, 외부 호스트, 그리고 게이트웨이로 가는 경로와 포워딩, \
            리스너를 화살표로 보여 줘요. --from, --to, --port(`probe`와 같은 옵션)를 주면 흐름이 지나가는 길을 그리고 \
            막히는 홉을 표시해요. SVG와 HTML은 네트워크 없이 열리는 파일 하나예요. \
            Mermaid는 GitHub에서 바로 보이고, DOT는 Graphviz(`dot -Tpng`)로 그릴 수 있어요.
            """)
    let positionals: [PositionalSpec] = [
        .optional("FILE", help: LocalizedText(en: "The topology file (default: the workspace's topology.yaml)", ko: "토폴로지 파일(기본값: 작업 공간의 topology.yaml)"))
    ]
    var options: [OptionSpec] {
        [
            .value(
                "format", "FORMAT", allowed: Format.allCases.map(\.rawValue),
                help: LocalizedText(
                    en: "text (default), mermaid, dot, svg or html", ko: "text(기본값), mermaid, dot, svg, html 중 하나")),
            .value(
                "output", short: "o", "FILE",
                help: LocalizedText(
                    en: "Write the drawing to FILE instead of standard output (never over the topology itself)",
                    ko: "그림을 표준 출력 대신 FILE에 써요(토폴로지 파일 자체에는 쓰지 않아요)")),
        ] + ProbeCommand().options.filter { ![OptionSpec.json.name, "paths"].contains($0.name) }
    }
    let examples: [CommandExample] = [
        CommandExample(
            "infralab diagram --format svg -o topology.svg",
            LocalizedText(en: "A picture of your workspace's topology to open in a browser", ko: "작업 공간의 토폴로지를 브라우저에서 볼 수 있는 그림으로 만들어요")),
        CommandExample(
            "infralab diagram --format html --from internet --to db --port 3306 -o db.html",
            LocalizedText(en: "Where does a connection from the internet to the database stop?", ko: "인터넷에서 DB로 가는 연결이 어디서 막히는지 그려요")),
        CommandExample(
            "infralab diagram --format mermaid >> README.md",
            LocalizedText(en: "A Mermaid flowchart for a README on GitHub", ko: "GitHub README에 넣을 Mermaid 순서도를 만들어요")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        let format = context.arguments.value("format").flatMap(Format.init(rawValue:)) ?? .text
        var query: FlowQuery?
        if ["from", "to", "port"].contains(where: { context.arguments.value($0) != nil }) {
            switch ProbeCommand.query(from: context.arguments) {
            case .success(let parsed): query = parsed
            case .failure(let error): return context.usageError(error)
            }
        }
        let workspace = Workspace.find(from: context.workingDirectory.path)
        let path = context.arguments.positionals.first ?? workspace?.topologyPath ?? Workspace.topologyFile
        if let output = context.arguments.value("output"), let refusal = refusal(output: output, input: path, workspace: workspace, context) {
            return context.fail(refusal, status: ExitStatus.usage)
        }
        guard let text = context.readInput(path) else { return ExitStatus.noInput }
        let file = path == "-" ? "<stdin>" : path
        let loaded = TopologyLoader.load(text: text, file: file)
        if loaded.hasErrors { context.renderDiagnostics(loaded.diagnostics.filter { $0.severity == .error }, to: context.stderr) }
        guard let topology = loaded.topology, !loaded.hasErrors else { return ExitStatus.failure }

        if query != nil, let status = ProbeCommand.reportUnknownNames(topology: topology, context: context) {
            return status
        }
        let engine = NetworkEngine(topology: topology)
        var builder = DiagramBuilder(topology: topology, engine: engine, language: context.language)
        let diagram = builder.build(flow: query.map { engine.evaluate($0) })
        guard let output = context.arguments.value("output") else {
            let colorize = format == .text && context.stdout.colorize
            context.stdout.write(Self.render(diagram, format: format, language: context.language, colorize: colorize))
            return ExitStatus.success
        }
        do {
            try Workspace.writeAtomically(
                Self.render(diagram, format: format, language: context.language, colorize: false), to: context.url(for: output).path)
        } catch {
            return context.fail(
                LocalizedText(en: "cannot write `\(output)`: \(error.localizedDescription)", ko: "`\(output)`에 쓸 수 없어요: \(error.localizedDescription)"))
        }
        context.stderr.line(context.text(LocalizedText(en: "wrote \(output)", ko: "\(output) 파일을 썼어요")))
        return ExitStatus.success
    }

    static func render(_ diagram: Diagram, format: Format, language: Language, colorize: Bool) -> String {
        switch format {
        case .text: DiagramText(colorize: colorize, language: language).render(diagram)
        case .mermaid: DiagramMermaid.render(diagram)
        case .dot: DiagramGraphviz.render(diagram)
        case .svg: DiagramSVG(language: language).render(diagram)
        case .html: DiagramHTML(language: language).render(diagram)
        }
    }

    /// Why `-o` may not write there: the topology being drawn, the workspace's
    /// topology, or a folder.
    func refusal(output: String, input: String, workspace: Workspace?, _ context: CommandContext) -> LocalizedText? {
        let target = context.url(for: output).resolvingSymlinksInPath().path
        var protected = [context.url(for: input).resolvingSymlinksInPath().path]
        if let workspace { protected.append(URL(fileURLWithPath: workspace.topologyPath).resolvingSymlinksInPath().path) }
        if protected.contains(target) || target.hasSuffix(".yaml") || target.hasSuffix(".yml") {
            return LocalizedText(
                en: "refusing to write the drawing over `\(output)`: that is a topology file; choose another name, e.g. topology.\(context.arguments.value("format").flatMap(Format.init(rawValue:))?.fileExtension ?? "txt")",
                ko: "`\(output)`에는 그림을 쓰지 않아요. 토폴로지 파일이에요. 다른 이름을 쓰세요(예: topology.\(context.arguments.value("format").flatMap(Format.init(rawValue:))?.fileExtension ?? "txt"))")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            return LocalizedText(en: "`\(output)` is a folder; name a file to write", ko: "\(Korean.topic("`\(output)`")) 폴더예요. 쓸 파일 이름을 적어 주세요")
        }
        return nil
    }
}
