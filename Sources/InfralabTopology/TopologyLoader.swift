import InfralabSyntax

/// Reads a topology file into the model and validates it.
public struct TopologyLoadResult: Sendable {
    /// The model, built as far as the file allows (nil only when the file is not YAML
    /// at all or its top level is not a mapping).
    public var topology: Topology?
    /// Every problem found: parse errors, unknown keys, bad values, dangling names,
    /// validation rules. Sorted by location.
    public var diagnostics: [Diagnostic]
    /// The topology resolved once (names, associations, rule 5), for validation, the
    /// engine and grading; nil when `topology` is.
    package var index: TopologyIndex?

    public init(topology: Topology?, diagnostics: [Diagnostic]) {
        self.topology = topology
        self.diagnostics = diagnostics
        self.index = topology.map(TopologyIndex.init)
    }

    package init(index: TopologyIndex, diagnostics: [Diagnostic]) {
        self.topology = index.topology
        self.diagnostics = diagnostics
        self.index = index
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum TopologyLoader {
    /// The top-level sections of a topology file, in the order they are read.
    package static var sections: [String] { TopologyDecoder.sections }

    /// Parses, decodes (`Decoding/`) and validates (`Validation/`) one topology file.
    /// Never traps; the model is built even when there are errors, and the parser's
    /// diagnostics come first in the same sorted list.
    public static func load(text: String, file: String) -> TopologyLoadResult {
        let parsed = YAMLParser.parse(text, file: file)
        var bag = DiagnosticBag()
        bag.add(contentsOf: parsed.diagnostics)
        guard let root = parsed.root else {
            return TopologyLoadResult(topology: nil, diagnostics: bag.sorted)
        }
        var decoder = TopologyDecoder(file: file)
        decoder.decode(root: root)
        bag.add(contentsOf: decoder.diagnostics.diagnostics)
        guard root.isNull || root.entries != nil else {
            return TopologyLoadResult(topology: nil, diagnostics: bag.sorted)
        }
        let index = TopologyIndex(decoder.topology)
        bag.add(contentsOf: TopologyDecoder.ambiguousRouteTargets(index))
        let context = ValidationContext(index: index, facts: decoder.facts)
        bag.add(contentsOf: TopologyRules.check(context))
        return TopologyLoadResult(index: index, diagnostics: bag.sorted)
    }

    /// The validation errors and warnings of a model made in code, not read from a file
    /// (a mutant of a reference answer): the same rules `load` applies after decoding.
    package static func validate(_ topology: Topology) -> [Diagnostic] {
        let index = TopologyIndex(topology)
        var bag = DiagnosticBag()
        bag.add(contentsOf: TopologyDecoder.ambiguousRouteTargets(index))
        bag.add(contentsOf: TopologyRules.check(ValidationContext(index: index)))
        return bag.sorted
    }
}
