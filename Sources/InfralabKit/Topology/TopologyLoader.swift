/// Reads a topology file into the model and validates it. STUB: replaced by the
/// topology layer's implementation.
public struct TopologyLoadResult: Sendable {
    /// The model, built as far as the file allows (nil only when the file is not YAML
    /// at all or its top level is not a mapping).
    public var topology: Topology?
    /// Every problem found: parse errors, unknown keys, bad values, dangling names,
    /// validation rules. Sorted by location.
    public var diagnostics: [Diagnostic]

    public init(topology: Topology?, diagnostics: [Diagnostic]) {
        self.topology = topology
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum TopologyLoader {
    public static func load(text: String, file: String) -> TopologyLoadResult {
        let parsed = YAMLParser.parse(text, file: file)
        return TopologyLoadResult(topology: Topology(file: file), diagnostics: parsed.diagnostics)
    }
}
