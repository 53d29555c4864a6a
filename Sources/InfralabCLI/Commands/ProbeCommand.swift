import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab probe FILE --from A --to B --port N`: trace one flow through any topology,
/// hop by hop, like a reachability analyzer.
///
/// Exit 0 whether or not the flow gets through (the answer is the output); 1 when the
/// topology has errors, 66 when it cannot be read, 64 for a bad command line.
struct ProbeCommand: Command {
    let name = "probe"
    let group = CommandGroup.tools
    let summary = LocalizedText(
        en: "Trace one flow through a topology, hop by hop",
        ko: "토폴로지에서 흐름 하나를 홉 단위로 추적해요")
    let discussion: LocalizedText? = LocalizedText(
        en: """
            Answers "can A reach B on this port?" by simulating routes, security groups, network ACLs, \
            NAT, proxies and the incidents you name, and shows every hop with the rule or route that decided it.
            Exit status is 0 whether or not the flow gets through; 1 when the topology has errors.
            """,
        ko: """
            경로, 보안 그룹, 네트워크 ACL, NAT, 프록시와 지정한 장애를 시뮬레이션해서 "A에서 이 포트로 B에 접속할 수 있을까?"에 \
            답해요. 홉마다 결과와 그 결과를 정한 규칙이나 경로를 보여 줘요.
            흐름이 통과하든 막히든 종료 상태는 0이고, 토폴로지에 오류가 있으면 1이에요.
            """)
    let usage = "infralab probe [FILE] --from A --to B --port N [options]"
    let positionals: [PositionalSpec] = [
        .optional("FILE", help: LocalizedText(en: "The topology file (default: the workspace's topology.yaml)", ko: "토폴로지 파일 (기본값: 작업 공간의 topology.yaml)"))
    ]
    let options: [OptionSpec] = [
        .value(
            "from", "A",
            help: LocalizedText(en: "Where the flow starts: a component's name, or `internet`", ko: "흐름의 출발점: 구성 요소 이름 또는 `internet`")),
        .value(
            "to", "B",
            help: LocalizedText(en: "Where it should arrive: a component's name, or `internet`", ko: "도착해야 할 곳: 구성 요소 이름 또는 `internet`")),
        .value("port", "N", help: LocalizedText(en: "The destination port (not needed for icmp)", ko: "목적지 포트(icmp에는 필요 없음)")),
        .value(
            "protocol", "PROTOCOL", allowed: ["tcp", "udp", "icmp"],
            help: LocalizedText(en: "The protocol (default: tcp)", ko: "프로토콜(기본값: tcp)")),
        .value(
            "address", "WHICH", allowed: AddressChoice.allCases.map(\.rawValue),
            help: LocalizedText(
                en: "Which of B's addresses to dial, where it has both (default: auto)",
                ko: "B에 주소가 둘일 때 어느 쪽으로 접속할지(기본값: auto)")),
        .value(
            "client-ports", "LO-HI",
            help: LocalizedText(
                en: "The client's ephemeral ports, for network ACL replies (default: 32768-60999, Linux)",
                ko: "네트워크 ACL 응답에 쓰는 클라이언트 임시 포트 범위(기본값: 32768-60999, 리눅스)")),
        .value(
            "through", "NAME",
            help: LocalizedText(
                en: "The connection must pass through NAME (a reverse proxy, load balancer or bastion)",
                ko: "연결이 NAME(리버스 프록시, 로드 밸런서, 배스천)을 거쳐야 해요")),
        .repeatable(
            "incident", "KIND:NAME",
            help: LocalizedText(
                en: "Simulate a failure: \(ProbeCommand.incidentKinds)",
                ko: "장애를 시뮬레이션해요: \(ProbeCommand.incidentKinds)")),
        .flag(
            "paths",
            help: LocalizedText(
                en: "List every path into B on the port (direct, port forwards, tunnels, proxies, load balancers); --from defaults to internet",
                ko: "B의 그 포트로 들어오는 모든 경로(직접, 포트 포워딩, 터널, 프록시, 로드 밸런서)를 보여 줘요. --from을 빼면 internet이에요")),
        .json,
    ]
    let examples: [CommandExample] = [
        CommandExample(
            "infralab probe topology.yaml --from internet --to web --port 443",
            LocalizedText(en: "Can users on the internet reach the web server over HTTPS?", ko: "인터넷 사용자가 HTTPS로 웹 서버에 접속할 수 있을까요?")),
        CommandExample(
            "infralab probe topology.yaml --from admin --to db --port 22 --through bastion",
            LocalizedText(en: "Can the admin SSH to the database through the bastion?", ko: "관리자가 배스천을 거쳐 DB에 SSH로 접속할 수 있을까요?")),
        CommandExample(
            "infralab probe dc.yaml --from internet --to web --port 80 --incident fire:dc",
            LocalizedText(en: "Is the web server still reachable after a fire at dc?", ko: "dc에 불이 나도 웹 서버에 접속할 수 있을까요?")),
        CommandExample(
            "infralab probe topology.yaml --to db --port 3306 --paths",
            LocalizedText(en: "How can the internet reach the DB's MySQL port at all?", ko: "인터넷에서 DB의 MySQL 포트로 들어올 수 있는 길은 모두 몇 개일까요?")),
    ]

    static var incidentKinds: String {
        Incident.Kind.allCases.map { "\($0.rawValue):NAME" }.joined(separator: ", ")
    }

    func run(_ context: CommandContext) -> Int32 {
        let query: FlowQuery
        switch Self.query(from: context.arguments) {
        case .success(let parsed): query = parsed
        case .failure(let error): return context.usageError(error)
        }
        let path = context.arguments.positionals.first
            ?? Workspace.find(from: context.workingDirectory.path).map { LabPack.displayPath($0.topologyPath) } ?? Workspace.topologyFile
        guard let text = context.readInput(path) else { return ExitStatus.noInput }
        let file = path == "-" ? "<stdin>" : path
        let loaded = TopologyLoader.load(text: text, file: file)
        guard !loaded.hasErrors, let topology = loaded.topology else {
            var bag = DiagnosticBag()
            bag.add(contentsOf: loaded.diagnostics)
            let renderer = DiagnosticRenderer(
                colorize: context.stderr.colorize, language: context.language, width: context.width, file: file, text: text)
            context.stderr.write(renderer.render(bag.sorted))
            context.stderr.line(
                ValidateCommand.summary(
                    file: file, diagnostics: bag.sorted, language: context.language, colorize: context.stderr.colorize))
            return ExitStatus.failure
        }
        if let status = Self.reportUnknownNames(topology: topology, context: context) { return status }
        if context.arguments.isSet("paths") {
            return reportPaths(topology: topology, query: query, context: context)
        }
        return report(topology: topology, query: query, context: context)
    }

    /// Every `--from`/`--to`/`--through` name the topology does not have, each with
    /// "did you mean …?"; exit 1 when there is one.
    static func reportUnknownNames(topology: Topology, context: CommandContext) -> Int32? {
        let known = topology.instances.map(\.name) + topology.dataStores.map(\.name) + topology.loadBalancers.map(\.name)
            + topology.natGateways.map(\.name) + topology.hosts.map(\.name) + topology.outside.map(\.name) + ["internet"]
        let names = Set(known)
        var unknown = 0
        for option in ["from", "to", "through"] {
            guard let name = context.arguments.value(option), !names.contains(name), name != "anywhere" else { continue }
            unknown += 1
            let suggestion = Suggestions.closest(to: name, in: known)
            _ = context.fail(LocalizedText(
                en: "--\(option): the topology has nothing named `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""),
                ko: "--\(option): 토폴로지에 없는 이름이에요: `\(name)`" + (suggestion.map { ". 혹시 `\($0)`인가요?" } ?? "")))
        }
        return unknown > 0 ? ExitStatus.failure : nil
    }

    /// Reads the options into a query; every mistake is a usage error (exit 64).
    static func query(from arguments: ParsedArguments) -> Result<FlowQuery, UsageError> {
        func missing(_ option: String) -> UsageError {
            UsageError(LocalizedText(en: "missing `\(option)`", ko: "\(Korean.subject("`\(option)`")) 빠졌어요"))
        }
        let from = arguments.value("from") ?? (arguments.isSet("paths") ? "internet" : "")
        guard !from.isEmpty else { return .failure(missing("--from A")) }
        guard let to = arguments.value("to"), !to.isEmpty else { return .failure(missing("--to B")) }

        let ipProtocol = arguments.value("protocol").flatMap(IPProtocol.init(rawValue:)) ?? .tcp
        var port = 0
        if let text = arguments.value("port") {
            guard let number = Int(text), (1...65535).contains(number) else {
                return .failure(
                    UsageError(
                        LocalizedText(
                            en: "`--port \(text)` is not a port; use a number from 1 to 65535",
                            ko: "`--port \(Korean.topic("\(text)`")) 포트 번호가 아니에요. 1부터 65535까지의 숫자를 쓰세요")))
            }
            port = number
        } else if ipProtocol != .icmp {
            return .failure(missing("--port N"))
        }

        let address = arguments.value("address").flatMap(AddressChoice.init(rawValue:)) ?? .auto

        var clientPorts = PortRange.linuxEphemeral
        if let text = arguments.value("client-ports") {
            guard let range = parsePortRange(text) else {
                return .failure(
                    UsageError(
                        LocalizedText(
                            en: "`--client-ports \(text)` is not a port range; write LO-HI, e.g. 32768-60999",
                            ko: "`--client-ports \(Korean.topic("\(text)`")) 포트 범위가 아니에요. LO-HI 형식으로 쓰세요(예: 32768-60999)")))
            }
            clientPorts = range
        }

        var incidents: [Incident] = []
        for text in arguments.all("incident") {
            guard let incident = Incident(parsing: text) else { return .failure(badIncident(text)) }
            incidents.append(incident)
        }

        let through = arguments.value("through").flatMap { $0.isEmpty ? nil : $0 }
        return .success(
            FlowQuery(
                from: Endpoint(from), to: Endpoint(to), protocol: ipProtocol, port: port, address: address,
                clientPorts: clientPorts, through: through, incidents: incidents))
    }

    /// `1024-65535`, or a single port.
    static func parsePortRange(_ text: String) -> PortRange? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count, numbers.allSatisfy({ (0...65535).contains($0) }) else { return nil }
        let lower = numbers[0], upper = numbers.last!
        return lower <= upper ? PortRange(lower, upper) : nil
    }

    static func badIncident(_ text: String) -> UsageError {
        let kinds = Incident.Kind.allCases.map(\.rawValue)
        let kindPart = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        var suggestion: LocalizedText?
        if kinds.contains(kindPart) {
            suggestion = LocalizedText(
                en: "name what fails after the colon, e.g. `\(kindPart):NAME`",
                ko: "콜론 뒤에 장애가 나는 대상을 쓰세요. 예: `\(kindPart):NAME`")
        } else if let close = Suggestions.closest(to: kindPart, in: kinds) {
            let rest = text.contains(":") ? String(text[text.index(after: text.firstIndex(of: ":")!)...]) : "NAME"
            suggestion = UsageError.didYouMean("\(close):\(rest)")
        }
        return UsageError(
            LocalizedText(
                en: "`--incident \(text)` is not KIND:NAME; the kinds are \(kinds.joined(separator: ", "))",
                ko: "`--incident \(Korean.topic("\(text)`")) KIND:NAME 형식이 아니에요. 쓸 수 있는 종류: \(kinds.joined(separator: ", "))"),
            suggestion: suggestion)
    }
}
