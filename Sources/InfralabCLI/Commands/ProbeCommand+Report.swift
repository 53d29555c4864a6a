import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

extension ProbeCommand {
    /// Evaluates the flow and prints the network engine's report. Reachable or not, the
    /// answer is the output: exit 0.
    func report(topology: Topology, query: FlowQuery, context: CommandContext) -> Int32 {
        let result = NetworkEngine(topology: topology).evaluate(query)
        let output =
            context.wantsJSON
            ? FlowReport.json(result, language: context.language)
            : FlowReport.text(result, language: context.language, colorize: context.stdout.colorize, width: context.width)
        context.stdout.write(output.hasSuffix("\n") ? output : output + "\n")
        return ExitStatus.success
    }

    /// `--paths`: every way into B on the port, each traced; exit 0.
    func reportPaths(topology: Topology, query: FlowQuery, context: CommandContext) -> Int32 {
        let paths = NetworkEngine(topology: topology).allPaths(
            from: query.source, to: query.destination.description, port: query.port, protocol: query.protocol,
            addresses: query.address == .auto ? [.private, .public] : [query.address], incidents: query.incidents)
        let output = context.wantsJSON
            ? FlowReport.pathsJSON(paths, language: context.language)
            : FlowReport.pathsText(paths, language: context.language, colorize: context.stdout.colorize, width: context.width)
        context.stdout.write(output.hasSuffix("\n") ? output : output + "\n")
        return ExitStatus.success
    }
}
