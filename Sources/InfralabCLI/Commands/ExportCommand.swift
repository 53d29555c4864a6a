import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab export [FILE] --format cloudformation|terraform [-o FILE]`: the topology
/// as a template a learner can deploy.
struct ExportCommand: Command {
    let name = "export"
    let group = CommandGroup.tools
    let summary = LocalizedText(
        en: "Turn a cloud topology into a CloudFormation or Terraform template you can deploy",
        ko: "클라우드 토폴로지를 배포할 수 있는 CloudFormation 또는 Terraform 템플릿으로 바꿔요")
    let discussion: LocalizedText? = LocalizedText(
        en: "Writes the VPCs, subnets, route tables and their associations, internet gateways, NAT gateways with Elastic IPs, security groups (group references become rules of their own), network ACLs, instances (the AMI is a parameter, Amazon Linux 2023 by default; `type:` sets the instance type), load balancers with listeners and target groups, and Route 53 records. Names and CIDRs stay as written; every subnet is associated with the route table and network ACL infralab graded it with. What AWS cannot take (chosen Elastic IP addresses, a reverse proxy's forwards, routes via outside hosts) is listed on stderr. Topologies with sites or hosts (before the cloud) are refused. With -o, an existing file is backed up first.",
        ko: "VPC, 서브넷, 라우팅 테이블과 연결, 인터넷 게이트웨이, 탄력적 IP가 붙은 NAT 게이트웨이, 보안 그룹(다른 보안 그룹을 참조하는 규칙은 별도 리소스로), 네트워크 ACL, 인스턴스(AMI는 파라미터이고 기본값은 Amazon Linux 2023, `type:`이 인스턴스 유형), 리스너와 대상 그룹이 있는 로드 밸런서, Route 53 레코드를 써요. 이름과 CIDR은 적은 그대로 유지하고, 서브넷마다 infralab이 채점할 때 쓴 라우팅 테이블과 네트워크 ACL을 연결해요. AWS에 옮길 수 없는 것(직접 고른 탄력적 IP 주소, 리버스 프록시의 포워딩, 외부 호스트를 거치는 경로)은 표준 오류에 알려 줘요. 사이트나 호스트가 있는 클라우드 이전 토폴로지는 내보내지 않아요. -o로 쓸 파일이 이미 있으면 먼저 백업해요.")
    let positionals: [PositionalSpec] = [.optional("FILE", help: LocalizedText(en: "The topology file (default: topology.yaml)", ko: "토폴로지 파일 (기본값: topology.yaml)"))]
    let options: [OptionSpec] = [
        .value("format", "FORMAT", allowed: ExportPlan.Format.allCases.map(\.rawValue),
               help: LocalizedText(en: "cloudformation (JSON) or terraform (HCL)", ko: "cloudformation(JSON) 또는 terraform(HCL)")),
        .value("output", short: "o", "FILE", help: LocalizedText(en: "Write the template to FILE instead of stdout", ko: "템플릿을 표준 출력 대신 FILE에 써요")),
    ]
    let examples: [CommandExample] = [
        CommandExample("infralab export --format cloudformation -o stack.json", LocalizedText(en: "A CloudFormation template of the workspace's topology", ko: "작업 공간의 토폴로지를 CloudFormation 템플릿으로 만들어요")),
        CommandExample("infralab export --format terraform -o main.tf", LocalizedText(en: "The same as Terraform", ko: "같은 내용을 Terraform으로 만들어요")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        guard let format = context.arguments.value("format").flatMap(ExportPlan.Format.init(rawValue:)) else {
            return context.usageError(UsageError(LocalizedText(en: "which format? add `--format cloudformation` or `--format terraform`",
                                                               ko: "어떤 형식인가요? `--format cloudformation`이나 `--format terraform`을 붙여 주세요")))
        }
        let input: (path: String, topology: Topology)
        switch context.loadTopologyArgument() {
        case .success(let value): input = value
        case .failure(let exit): return exit.status
        }
        if let refusal = ExportPlan.refusal(input.topology) {
            context.renderDiagnostics([refusal], to: context.stderr)
            return ExitStatus.failure
        }
        let plan = ExportPlan(topology: input.topology)
        let template = switch format {
        case .cloudFormation: CloudFormationExport.template(plan, file: input.path).rendered() + "\n"
        case .terraform: TerraformExport.template(plan, file: input.path)
        }
        let style = TextStyle(colorize: context.stderr.colorize)
        for note in plan.notes { context.stderr.line(style.yellow(context.text(ExportText.note(note)))) }
        guard let outputText = context.arguments.value("output") else {
            context.stdout.write(template)
            return ExitStatus.success
        }
        let output = context.url(for: outputText).path
        do {
            if FileManager.default.fileExists(atPath: output) {
                let backup = "\(output).\(Workspace.timestamp()).bak"
                try FileManager.default.copyItem(atPath: output, toPath: backup)
                context.say(ExportText.backedUp(outputText, backup: PathUtilities.lastComponent(backup)))
            }
            try Workspace.writeAtomically(template, to: output)
        } catch {
            return context.fail(ExportText.cannotWrite(outputText, "\(error)"))
        }
        context.say(ExportText.written(outputText, format: format.rawValue))
        return ExitStatus.success
    }
}

enum ExportText {
    static func note(_ note: LocalizedText) -> LocalizedText {
        LocalizedText(en: "note: " + note.en, ko: "참고: " + (note.ko ?? note.en))
    }

    static func backedUp(_ path: String, backup: String) -> LocalizedText {
        LocalizedText(en: "\(path) existed; the old one is kept as \(backup).", ko: "\(path) 파일이 이미 있어서 기존 파일을 \(backup)에 보관했어요.")
    }

    static func written(_ path: String, format: String) -> LocalizedText {
        LocalizedText(en: "Wrote the \(format) template to \(path).", ko: "\(format) 템플릿을 \(path)에 썼어요.")
    }

    static func cannotWrite(_ path: String, _ reason: String) -> LocalizedText {
        LocalizedText(en: "cannot write `\(path)`: \(reason)", ko: "`\(path)` 파일을 쓰지 못했어요: \(reason)")
    }
}
