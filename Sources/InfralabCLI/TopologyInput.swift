import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

extension CommandContext {
    /// The topology file a command was given (default: the workspace's `topology.yaml`,
    /// else `topology.yaml` here), loaded and validated. On errors, renders them on stderr
    /// like `validate` and returns the status to exit with (66 unreadable, 1 invalid).
    func loadTopologyArgument() -> Result<(path: String, topology: Topology), ExitStatus> {
        let path = arguments.positionals.first
            ?? Workspace.find(from: workingDirectory.path).map(\.topologyPath) ?? Workspace.topologyFile
        guard let text = readInput(path) else { return .failure(ExitStatus(ExitStatus.noInput)) }
        let loaded = TopologyLoader.load(text: text, file: path)
        guard let topology = loaded.topology, !loaded.hasErrors else {
            renderDiagnostics(loaded.diagnostics.filter { $0.severity == .error }, to: stderr)
            return .failure(ExitStatus(ExitStatus.failure))
        }
        return .success((path, topology))
    }
}
