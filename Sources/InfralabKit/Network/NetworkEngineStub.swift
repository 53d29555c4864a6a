// TEMPORARY: lets the lab layer compile before the engine branch lands. Delete on merge.
public struct NetworkEngine {
    public init(topology: Topology) {}
    public func evaluate(_ query: FlowQuery) -> FlowResult {
        FlowResult(query: query, isReachable: false, hops: [], reason: Reason(code: .cannotRoute, message: LocalizedText(verbatim: "stub")))
    }
    public func serviceAnswers(_ spec: ServiceSpec, incidents: [Incident]) -> ServiceResult { ServiceResult(answers: false, flows: []) }
}
