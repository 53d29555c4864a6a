import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab show [FILE]`: the topology as infralab understands it, as a tree.
struct ShowCommand: Command {
    let name = "show"
    let group = CommandGroup.tools
    let summary = LocalizedText(
        en: "Draw a topology as a tree: sites, VPCs, subnets (public or private) and what sits in them",
        ko: "토폴로지를 트리로 그려요: 사이트, VPC, 서브넷(퍼블릭/프라이빗)과 그 안의 구성 요소")
    let positionals: [PositionalSpec] = [.optional("FILE", help: LocalizedText(en: "The topology file (default: topology.yaml)", ko: "토폴로지 파일 (기본값: topology.yaml)"))]

    func run(_ context: CommandContext) -> Int32 {
        let path = context.arguments.positionals.first
            ?? Workspace.find(from: context.workingDirectory.path).map(\.topologyPath) ?? Workspace.topologyFile
        guard let text = context.readInput(path) else { return ExitStatus.noInput }
        let loaded = TopologyLoader.load(text: text, file: path)
        if loaded.hasErrors { context.renderDiagnostics(loaded.diagnostics.filter { $0.severity == .error }, to: context.stderr) }
        guard let topology = loaded.topology else { return ExitStatus.failure }
        context.stdout.write(TopologyTree(colorize: context.stdout.colorize, language: context.language).render(topology))
        return loaded.hasErrors ? ExitStatus.failure : ExitStatus.success
    }
}
