import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab lab check [DIR]`: is every mission of a pack sound?
struct LabCheckCommand: Command {
    let name = "lab check"
    let group = CommandGroup.instructors
    let summary = LocalizedText(
        en: "Check a lab pack: missions parse, solutions pass, starters fail, variants and mutants are caught",
        ko: "랩 묶음을 검사해요: 미션 파싱, 답안 통과, 시작 파일 실패, 변형과 뮤턴트 검출")
    let discussion: LocalizedText? = LocalizedText(
        en: "For every step: the starter must fail, the reference must pass, each variant must fail exactly the requirements its `# expect:` line names, every requirement needs three hints in English and Korean, and every automatic mutant of the reference (a dropped route, a rule opened to the world, a missing Elastic IP, …) must fail some requirement, unless the step's `mutants:` explains why not.",
        ko: "단계마다 확인해요: 시작 파일은 실패해야 하고, 참고 답안은 통과해야 하고, 변형은 `# expect:` 줄에 적힌 요구 사항만 정확히 실패해야 해요. 요구 사항마다 영어와 한국어 힌트가 세 단계씩 있어야 하고, 참고 답안을 자동으로 바꾼 뮤턴트(경로 삭제, 규칙을 인터넷 전체에 개방, 탄력적 IP 제거 등)는 어떤 요구 사항에든 걸려야 해요. 걸리지 않아도 되는 뮤턴트는 단계의 `mutants:`에 이유를 적어요.")
    let positionals: [PositionalSpec] = [.optional("DIR", help: LocalizedText(en: "The lab pack (default: --labs, INFRALAB_LABS, then the built-in Labs)", ko: "랩 묶음 폴더 (기본값: --labs, INFRALAB_LABS, 그다음 기본 Labs)"))]
    let options: [OptionSpec] = [
        .labs, .json,
        .flag("no-mutants", help: LocalizedText(en: "Skip the automatic mutants (faster)", ko: "자동 뮤턴트 검사를 건너뛰어요 (더 빨라요)")),
    ]

    func run(_ context: CommandContext) -> Int32 {
        let directory = context.arguments.positionals.first.map { context.url(for: $0).path }
            ?? LearnerSession.locatePack(override: context.labsOverride, recorded: nil, environment: context.environment, executablePath: ExecutableLocation.path)
        guard let directory else { return context.fail(LearningText.labsNotFound, status: ExitStatus.noInput) }
        let report = LabChecker.check(packDirectory: directory, includeMutants: !context.arguments.isSet("no-mutants"))
        if context.wantsJSON {
            context.stdout.line(GradeJSON.labCheck(report, language: context.language).rendered())
        } else {
            context.renderDiagnostics(report.packDiagnostics, to: context.stdout)
            context.stdout.write(LabCheckScreen(colorize: context.stdout.colorize, language: context.language, width: context.width).render(report))
        }
        if report.packDiagnostics.contains(where: { $0.code == LabPack.unreadableCode }) { return ExitStatus.noInput }
        return report.isSound ? ExitStatus.success : ExitStatus.failure
    }
}
