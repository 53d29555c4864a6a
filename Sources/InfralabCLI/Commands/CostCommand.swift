import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab cost [FILE]`: what the topology would cost a month on AWS.
struct CostCommand: Command {
    let name = "cost"
    let group = CommandGroup.tools
    let summary = LocalizedText(
        en: "Estimate what a topology costs a month on AWS: NAT gateways, public IPs, load balancers, instances",
        ko: "토폴로지를 AWS에서 한 달 운영하면 드는 비용을 추정해요: NAT 게이트웨이, 퍼블릭 IP, 로드 밸런서, 인스턴스")
    let discussion: LocalizedText? = LocalizedText(
        en: "Prices come from a dated table kept as data: Labs/pricing/<region>.yaml for the region the VPCs name (default ap-northeast-2), or --prices FILE. Each instance is priced by its `type:` (default t3.micro); every public IPv4 address is charged by the hour, Elastic or not, including a NAT gateway's and one per AZ of an internet-facing load balancer. Charges that depend on traffic (NAT data processing per GB, load balancer capacity units, data transfer out) are named with their price, not estimated. Exit status 1 when the file has errors or an instance type has no price.",
        ko: "가격은 날짜가 적힌 데이터 파일에서 읽어요: VPC에 적힌 리전(기본값 ap-northeast-2)의 Labs/pricing/<리전>.yaml, 또는 --prices 파일. 인스턴스는 `type:`(기본값 t3.micro)으로 가격을 매기고, 퍼블릭 IPv4 주소는 탄력적 IP든 아니든 시간당 요금이 붙어요. NAT 게이트웨이의 주소와, 인터넷 연결 로드 밸런서의 AZ마다 하나씩 붙는 주소도 포함해요. 트래픽에 따라 달라지는 요금(NAT의 GB당 데이터 처리, 로드 밸런서 용량 단위, 외부로 나가는 데이터 전송)은 추정하지 않고 단가만 알려 줘요. 파일에 오류가 있거나 가격표에 없는 인스턴스 유형이 있으면 종료 상태 1이에요.")
    let positionals: [PositionalSpec] = [.optional("FILE", help: LocalizedText(en: "The topology file (default: topology.yaml)", ko: "토폴로지 파일 (기본값: topology.yaml)"))]
    let options: [OptionSpec] = [
        .json, .labs,
        .value("prices", "FILE", help: LocalizedText(en: "A price table instead of Labs/pricing/<region>.yaml", ko: "Labs/pricing/<리전>.yaml 대신 쓸 가격표")),
    ]
    let examples: [CommandExample] = [
        CommandExample("infralab cost", LocalizedText(en: "What the workspace's topology would cost a month", ko: "작업 공간의 토폴로지가 한 달에 얼마인지 보여 줘요")),
        CommandExample("infralab cost Solutions/06-nat/nat-per-az.yaml --json", LocalizedText(en: "The same, for a program", ko: "같은 내용을 프로그램이 읽을 수 있게 JSON으로 출력해요")),
    ]

    static let defaultRegion = "ap-northeast-2"

    func run(_ context: CommandContext) -> Int32 {
        let input: (path: String, topology: Topology)
        switch context.loadTopologyArgument() {
        case .success(let value): input = value
        case .failure(let exit): return exit.status
        }
        let table: PriceTable
        switch priceTable(for: input.topology, context) {
        case .success(let value): table = value
        case .failure(let exit): return exit.status
        }
        let estimate = CostEstimate(topology: input.topology, table: table)
        if !estimate.unpricedTypes.isEmpty {
            let known = Array(table.instanceHour.keys).sorted()
            context.renderDiagnostics(estimate.unpricedTypes.map { type in
                .error("cost.unknown-instance-type",
                       LocalizedText(en: "no price for instance type `\(type.value)` in \(table.file)",
                                     ko: "\(table.file)에 인스턴스 유형 `\(type.value)`의 가격이 없어요"),
                       at: type.location, length: type.value.count,
                       suggestion: Suggestions.closest(to: type.value, in: known).map { UsageError.didYouMean($0) }
                           ?? LocalizedText(en: "priced types: \(known.joined(separator: ", "))", ko: "가격이 있는 유형: \(known.joined(separator: ", "))"))
            }, to: context.stderr)
            return ExitStatus.failure
        }
        if context.wantsJSON {
            context.stdout.line(CostScreen.json(estimate, file: input.path).rendered())
        } else {
            context.stdout.write(CostScreen(colorize: context.stdout.colorize, language: context.language, width: context.width)
                .render(estimate, file: input.path))
        }
        return ExitStatus.success
    }

    /// `--prices FILE`, else `<labs>/pricing/<region>.yaml` for the first VPC's region.
    func priceTable(for topology: Topology, _ context: CommandContext) -> Result<PriceTable, ExitStatus> {
        let written = topology.vpcs.compactMap(\.region).first
        let region = written?.value ?? Self.defaultRegion
        let path: String
        if let explicit = context.arguments.value("prices") {
            path = explicit
        } else {
            guard let labs = LearnerSession.locatePack(override: context.labsOverride, recorded: nil, environment: context.environment,
                                                       executablePath: ExecutableLocation.path) else {
                return .failure(ExitStatus(context.fail(LearningText.labsNotFound, status: ExitStatus.noInput)))
            }
            path = PathUtilities.join(labs, "pricing/\(region).yaml")
            guard FileManager.default.fileExists(atPath: path) else {
                // No region written (the default one) and no table for it: a missing input.
                guard let written else {
                    return .failure(ExitStatus(context.fail(LocalizedText(en: "no price table for region `\(region)` at \(path)", ko: "리전 `\(region)`의 가격표가 \(path)에 없어요"),
                                                            status: ExitStatus.noInput)))
                }
                context.renderDiagnostics([.error("cost.no-price-table",
                    LocalizedText(en: "no price table for region `\(region)` (looked for \(path))",
                                  ko: "리전 `\(region)`의 가격표가 없어요 (찾아본 위치: \(path))"),
                    at: written.location, length: region.count,
                    suggestion: LocalizedText(en: "infralab ships \(Self.defaultRegion); give another table with --prices FILE",
                                              ko: "infralab에는 \(Self.defaultRegion) 가격표가 들어 있어요. 다른 가격표는 --prices 파일로 지정하세요"))],
                    to: context.stderr)
                return .failure(ExitStatus(ExitStatus.failure))
            }
        }
        guard let text = context.readInput(path) else { return .failure(ExitStatus(ExitStatus.noInput)) }
        let read = PriceTable.read(text: text, file: path)
        guard let table = read.table else {
            context.renderDiagnostics(read.diagnostics, to: context.stderr)
            return .failure(ExitStatus(ExitStatus.failure))
        }
        return .success(table)
    }
}
