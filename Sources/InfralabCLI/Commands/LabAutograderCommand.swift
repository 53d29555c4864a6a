import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab lab autograder --step M/S --output DIR`: a Gradescope autograder folder
/// (`setup.sh`, `run_autograder`, the labs, an `infralab` binary) that grades one step.
struct LabAutograderCommand: Command {
    let name = "lab autograder"
    let group = CommandGroup.instructors
    let summary = LocalizedText(
        en: "Write a Gradescope autograder that grades one step",
        ko: "한 단계를 채점하는 Gradescope 자동 채점기를 만들어요")
    let discussion: LocalizedText? = LocalizedText(
        en: "DIR receives setup.sh, run_autograder, the labs (Labs/) and a copy of an infralab binary (bin/infralab): zip DIR's contents and upload the zip as the assignment's autograder. run_autograder grades /autograder/submission/topology.yaml (or the only .yaml file there) and writes /autograder/results/results.json, one point per requirement; with no file or several it writes a score of 0 saying so. INFRALAB_AUTOGRADER_ROOT replaces /autograder, to try the bundle in a folder. The binary is the running infralab unless --binary names another; Gradescope runs Ubuntu, so ship a Linux build made with `swift build -c release --static-swift-stdlib` (it then needs only the C libraries every Ubuntu has). Messages follow --lang. DIR must be new, empty, or an earlier bundle.",
        ko: "DIR에 setup.sh, run_autograder, 랩(Labs/), infralab 실행 파일 사본(bin/infralab)을 만들어요. DIR 안의 파일들을 zip으로 묶어 과제의 자동 채점기로 올리면 돼요. run_autograder는 /autograder/submission/topology.yaml(없으면 그 폴더의 유일한 .yaml 파일)을 채점해서 요구 사항마다 1점씩 /autograder/results/results.json에 써요. 파일이 없거나 여러 개면 그 이유와 함께 0점을 써요. INFRALAB_AUTOGRADER_ROOT를 지정하면 /autograder 대신 그 폴더를 써서 미리 시험해 볼 수 있어요. 실행 파일은 --binary로 다른 파일을 지정하지 않으면 지금 실행 중인 infralab이에요. Gradescope는 Ubuntu에서 돌아가니 `swift build -c release --static-swift-stdlib`로 만든 Linux 빌드를 넣으세요(그러면 Ubuntu에 기본으로 있는 C 라이브러리만 있으면 돼요). 메시지 언어는 --lang을 따라요. DIR은 새 폴더, 빈 폴더, 또는 이전에 만든 채점기 폴더여야 해요.")
    let options: [OptionSpec] = [
        .labs, .json,
        .value("step", "MISSION/STEP", help: LocalizedText(en: "The step to grade (`bastion/elastic-ip`, `4.2`)", ko: "채점할 단계 (`bastion/elastic-ip`, `4.2`)")),
        .value("output", short: "o", "DIR", help: LocalizedText(en: "The folder to write the autograder into", ko: "자동 채점기를 만들 폴더")),
        .value("binary", "PATH", help: LocalizedText(en: "The infralab binary to ship (default: this one)", ko: "함께 넣을 infralab 실행 파일 (기본값: 지금 실행 중인 파일)")),
        .value("visibility", "WHEN", allowed: BatchReports.gradescopeVisibilities,
               help: LocalizedText(en: "When students see each test (default: visible)", ko: "학생이 각 테스트를 보는 시점 (기본값: visible)")),
    ]
    let examples: [CommandExample] = [
        CommandExample("infralab lab autograder --step 4.3 -o autograder",
                       LocalizedText(en: "A Gradescope autograder for step 3 of mission 4", ko: "미션 4의 3단계를 채점하는 Gradescope 자동 채점기를 만들어요")),
    ]

    /// Written into the bundle so a later run may replace it.
    static let marker = ".infralab-autograder"

    func run(_ context: CommandContext) -> Int32 {
        guard let stepText = context.arguments.value("step") else {
            return context.usageError(UsageError(LocalizedText(en: "which step? add `--step MISSION/STEP`", ko: "어느 단계인가요? `--step 미션/단계`를 붙여 주세요")))
        }
        guard let outputText = context.arguments.value("output") else {
            return context.usageError(UsageError(LocalizedText(en: "where to? add `--output DIR`", ko: "어디에 만들까요? `--output 폴더`를 붙여 주세요")))
        }
        let found: (labs: String, mission: Mission, step: Step)
        switch context.resolveStep(stepText) {
        case .success(let value): found = value
        case .failure(let exit): return exit.status
        }
        guard let binary = context.arguments.value("binary").map({ context.url(for: $0).path }) ?? ExecutableLocation.path,
              FileManager.default.isExecutableFile(atPath: binary) else {
            return context.fail(AutograderText.noBinary(context.arguments.value("binary") ?? "infralab"), status: ExitStatus.noInput)
        }
        let output = context.url(for: outputText).path
        if let problem = Self.checkDestination(output, shownAs: outputText) { return context.fail(problem) }
        let bundle = AutograderBundle(step: "\(found.mission.id)/\(found.step.id)", visibility: context.arguments.value("visibility") ?? "visible",
                                      language: context.language)
        do {
            try bundle.write(to: output, labs: found.labs, binary: binary)
        } catch {
            return context.fail(AutograderText.cannotWrite(outputText, "\(error)"))
        }
        let libraries = SharedLibraries.needed(byExecutableAt: binary)
        report(context, output: outputText, binary: binary, libraries: libraries, found: found)
        return ExitStatus.success
    }

    /// What was written, and what the binary needs on Gradescope's image (its shared
    /// libraries; a warning when the Swift runtime is among them).
    func report(_ context: CommandContext, output: String, binary: String, libraries: [String]?,
                found: (labs: String, mission: Mission, step: Step)) {
        let swiftRuntime = SharedLibraries.swiftRuntime(in: libraries ?? [])
        if context.wantsJSON {
            context.stdout.line(JSONValue.object([
                ("directory", .string(output)),
                ("mission", .string(found.mission.id)), ("step", .string(found.step.id)),
                ("files", .array(AutograderBundle.files.map(JSONValue.string))),
                ("binary", .string(binary)),
                ("sharedLibraries", libraries.map { .array($0.map(JSONValue.string)) } ?? .null),
                ("swiftRuntimeLinkedDynamically", .bool(!swiftRuntime.isEmpty)),
            ]).rendered())
            return
        }
        context.say(AutograderText.written(output, step: "\(found.mission.id)/\(found.step.id)"))
        for file in AutograderBundle.files { context.stdout.line("  " + PathUtilities.join(output, file)) }
        context.say(AutograderText.zipIt)
        context.stdout.line("  cd \(AutograderBundle.shellQuoted(output)) && zip -r ../autograder.zip .")
        if let libraries {
            context.say(libraries.isEmpty ? AutograderText.fullyStatic : AutograderText.needs(libraries.joined(separator: ", ")))
        }
        if !swiftRuntime.isEmpty {
            let named = swiftRuntime.contains("libswiftCore.so") ? "libswiftCore.so" : swiftRuntime[0]
            let warning = AutograderText.dynamicRuntime(swiftRuntime.count > 1 ? "\(named) +\(swiftRuntime.count - 1)" : named)
            for line in wrapped(context.text(warning), toWidth: context.width) {
                context.stderr.line(TextStyle(colorize: context.stderr.colorize).yellow(line))
            }
        }
    }

    /// nil when `path` may receive a bundle: missing, empty, or an earlier bundle.
    static func checkDestination(_ path: String, shownAs shown: String) -> LocalizedText? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return AutograderText.notAFolder(shown) }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if contents.isEmpty || contents.contains(marker) { return nil }
        return AutograderText.folderInUse(shown)
    }
}

enum AutograderText {
    static func noBinary(_ path: String) -> LocalizedText {
        LocalizedText(en: "cannot find an executable infralab binary at `\(path)`", ko: "`\(path)`에서 실행할 수 있는 infralab 파일을 찾지 못했어요")
    }

    static func notAFolder(_ path: String) -> LocalizedText {
        LocalizedText(en: "`\(path)` is a file, not a folder", ko: "`\(path)` 경로는 폴더가 아니라 파일이에요")
    }

    static func folderInUse(_ path: String) -> LocalizedText {
        LocalizedText(en: "`\(path)` already holds files that are not an infralab autograder; choose a new or empty folder",
                      ko: "`\(path)` 폴더에 자동 채점기가 아닌 파일이 있어요. 새 폴더나 빈 폴더를 지정해 주세요")
    }

    static func cannotWrite(_ path: String, _ reason: String) -> LocalizedText {
        LocalizedText(en: "cannot write the autograder into `\(path)`: \(reason)", ko: "`\(path)`에 자동 채점기를 쓰지 못했어요: \(reason)")
    }

    static func written(_ path: String, step: String) -> LocalizedText {
        LocalizedText(en: "Wrote a Gradescope autograder for \(step) into \(path):", ko: "\(step) 단계를 채점하는 Gradescope 자동 채점기를 \(path)에 만들었어요:")
    }

    static let zipIt = LocalizedText(en: "Zip the folder's contents (not the folder) and upload the zip:",
                                     ko: "폴더가 아니라 폴더 안의 파일들을 zip으로 묶어서 올리세요:")

    static func dynamicRuntime(_ libraries: String) -> LocalizedText {
        LocalizedText(
            en: "warning: this infralab binary loads the Swift runtime (\(libraries)) at run time, which Gradescope's image lacks; build one with `swift build -c release --static-swift-stdlib` and pass it with --binary.",
            ko: "경고: 이 infralab 실행 파일은 실행할 때 Swift 런타임(\(libraries))을 불러오는데, Gradescope 이미지에는 없어요. `swift build -c release --static-swift-stdlib`로 빌드한 파일을 --binary로 지정하세요.")
    }

    static let fullyStatic = LocalizedText(en: "The binary is fully static: it needs no shared library.",
                                           ko: "실행 파일이 완전히 정적으로 링크되어 있어서 공유 라이브러리가 필요 없어요.")

    static func needs(_ libraries: String) -> LocalizedText {
        LocalizedText(en: "The binary needs these shared libraries on the image: \(libraries).",
                      ko: "이미지에 이 공유 라이브러리들이 있어야 해요: \(libraries).")
    }

    static func noSubmission(_ language: Language) -> String {
        LocalizedText(en: "No topology.yaml in your submission. Upload your topology.yaml.",
                      ko: "제출물에 topology.yaml이 없어요. topology.yaml 파일을 올려 주세요.").text(language)
    }

    static func severalSubmissions(_ language: Language) -> String {
        LocalizedText(en: "Your submission holds several .yaml files and no topology.yaml. Upload one topology.yaml.",
                      ko: "제출물에 topology.yaml 없이 .yaml 파일이 여러 개 있어요. topology.yaml 하나만 올려 주세요.").text(language)
    }

    static func graderFailed(_ language: Language) -> String {
        LocalizedText(en: "The autograder could not grade this submission; your instructor can see why in the autograder's output.",
                      ko: "자동 채점기가 이 제출물을 채점하지 못했어요. 강사는 자동 채점기 출력에서 이유를 볼 수 있어요.").text(language)
    }
}
