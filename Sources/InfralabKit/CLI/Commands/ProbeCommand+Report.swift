extension ProbeCommand {
    /// INTERIM: the network engine and `FlowReport` are not in this build yet. The
    /// replacement (in branch `cli-probe`) evaluates `NetworkEngine(topology:)` and prints
    /// `FlowReport.text` or `FlowReport.json`.
    func report(topology: Topology, query: FlowQuery, context: CommandContext) -> Int32 {
        context.fail(CLIText.arrivesWithNetworkEngine(name))
    }
}
