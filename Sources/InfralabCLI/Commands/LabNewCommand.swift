import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// `infralab lab new NAME`: scaffold a mission folder an instructor fills in.
struct LabNewCommand: Command {
    let name = "lab new"
    let group = CommandGroup.instructors
    let summary = LocalizedText(
        en: "Create a new mission from a template",
        ko: "템플릿으로 새 미션을 만들어요")
    let positionals: [PositionalSpec] = [.required("NAME", help: LocalizedText(en: "The new mission's id (e.g. `cache`)", ko: "새 미션의 id (예: `cache`)"))]
    let options: [OptionSpec] = [.labs]

    func run(_ context: CommandContext) -> Int32 {
        let id = context.arguments.positionals[0]
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }), id.first?.isLetter == true else {
            return context.usageError(UsageError(LocalizedText(en: "a mission id is lowercase letters, digits and dashes, starting with a letter (`cache`, `alb-https`)",
                                                              ko: "미션 id는 영문 소문자, 숫자, 대시로 쓰고 글자로 시작해요 (`cache`, `alb-https`)")))
        }
        let labs = context.labsOverride ?? context.environment["INFRALAB_LABS"].flatMap { $0.isEmpty ? nil : $0 } ?? context.url(for: "Labs").path
        let fm = FileManager.default
        let existing = ((try? fm.contentsOfDirectory(atPath: labs)) ?? []).filter { $0.first?.isNumber == true }
        if existing.contains(where: { $0.drop { $0.isNumber || $0 == "-" } == id }) {
            return context.fail(LocalizedText(en: "a mission `\(id)` already exists in `\(LabPack.displayPath(labs))`", ko: "`\(LabPack.displayPath(labs))`에 이미 `\(id)` 미션이 있어요"))
        }
        let number = (existing.compactMap { Int($0.prefix { $0.isNumber }) }.max() ?? 0) + 1
        let folder = (number < 10 ? "0\(number)" : "\(number)") + "-" + id
        let missionDirectory = PathUtilities.join(labs, folder)
        let solutions = PathUtilities.join(PathUtilities.join(PathUtilities.parent(PathUtilities.normalize(labs)), "Solutions"), folder)
        let files: [(String, String)] = [
            (PathUtilities.join(missionDirectory, "mission.yaml"), LabTemplates.mission(id: id)),
            (PathUtilities.join(missionDirectory, "starters/first-step.yaml"), LabTemplates.starter),
            (PathUtilities.join(missionDirectory, "starters/second-step.yaml"), LabTemplates.secondStarter),
            (PathUtilities.join(solutions, "first-step.yaml"), LabTemplates.solution),
            (PathUtilities.join(solutions, "second-step.yaml"), LabTemplates.solution),
            (PathUtilities.join(solutions, "variants/first-step/world-open.yaml"), LabTemplates.variant),
        ]
        do {
            for (path, text) in files {
                guard !fm.fileExists(atPath: path) else { continue }
                try Workspace.writeAtomically(text, to: path)
                context.stdout.line("  + " + LabPack.displayPath(path))
            }
        } catch {
            return context.failWriting(error)
        }
        context.stdout.line()
        context.stdout.line(context.text(LocalizedText(
            en: "Fill in the story, requirements and hints (Docs/authoring.md), then run `infralab lab check \(LabPack.displayPath(labs))`.",
            ko: "이야기, 요구 사항, 힌트를 채운 뒤(Docs/authoring.md 참고) `infralab lab check \(Korean.object("\(LabPack.displayPath(labs))`")) 실행하세요.")))
        return ExitStatus.success
    }
}

/// The files `lab new` writes: a mission that passes `lab check` as it is.
enum LabTemplates {
    static func mission(id: String) -> String {
        """
        id: \(id)
        title:
          en: A new mission
          ko: 새 미션
        summary:
          en: "One sentence for `infralab list`."
          ko: "`infralab list`에 보일 한 문장."
        service:
          entry-port: 80
          tiers: [was]
        steps:
          - id: first-step
            title: { en: The first step, ko: 첫 단계 }
            story:
              en: |
                Two or three short paragraphs of story.
              ko: |
                짧은 이야기 두세 문단.
            brief:
              en: Close SSH to the world; keep the web port open.
              ko: SSH는 인터넷에서 막고, 웹 포트는 열어 두세요.
            requirements:
              - id: web-answers
                statement: { en: Users reach the WAS on port 80, ko: 사용자가 80번 포트로 WAS에 접속해요 }
                check: { service-answers: {} }
                hints:
                  - { en: A nudge in the story's words., ko: 이야기 속 귀띔. }
                  - { en: The concept to look up., ko: 찾아볼 개념. }
                  - { en: "The concrete change: allow port 80 from `internet`.", ko: "구체적인 변경: `internet`에서 80번 포트를 허용해요." }
              - id: ssh-closed
                statement: { en: Nobody on the internet can SSH in, ko: 인터넷에서 누구도 SSH로 들어올 수 없어요 }
                check: { no-open-rule: { ports: [22] } }
                hints:
                  - { en: A nudge., ko: 귀띔. }
                  - { en: Security groups allow; they never deny., ko: 보안 그룹은 허용만 해요. }
                  - { en: "Remove `{ port: 22, from: internet }`.", ko: "`{ port: 22, from: internet }`를 지워요." }
          - id: second-step
            title: { en: A teammate's shortcut, ko: 팀원의 지름길 }
            # What happens in the story before the learner's turn: applied to the learner's
            # own file when they arrive with `infralab next` (Docs/authoring.md, "Events").
            # `lab check` verifies: first-step's solution + these events == this starter.
            events:
              - add-rule: { security-group-of: role:was, inbound: { port: 3306, from: 0.0.0.0/0 } }
                note: { en: "a teammate: just for a moment", ko: "팀원: 잠깐만 열어 둘게요" }
            story:
              en: |
                Overnight a teammate opened the database port to the world, "just for a moment".
              ko: |
                밤사이 팀원이 "잠깐만" 하면서 데이터베이스 포트를 인터넷에 열어 뒀어요.
            brief:
              en: Close 3306 to the world again.
              ko: 3306번 포트를 다시 인터넷에서 막으세요.
            carry: all
            requirements:
              - id: db-port-closed
                statement: { en: Nobody on the internet reaches port 3306, ko: 인터넷에서 누구도 3306번 포트에 접속할 수 없어요 }
                check: { no-open-rule: { ports: [3306] } }
                hints:
                  - { en: What did the teammate change?, ko: 팀원이 무엇을 바꿨나요? }
                  - { en: A rule from `0.0.0.0/0` admits everyone., ko: "`0.0.0.0/0`에서 오는 규칙은 모두를 받아들여요." }
                  - { en: "Remove `{ port: 3306, from: 0.0.0.0/0 }`.", ko: "`{ port: 3306, from: 0.0.0.0/0 }`를 지워요." }

        """
    }

    static let secondStarter = """
        # The starter of the second step: the first step's solution plus the events.
        security-groups:
          web:
            inbound:
              - { port: 80, from: internet }
              - { port: 3306, from: 0.0.0.0/0 }   # a teammate: just for a moment
        instances:
          was: { security-groups: [web], role: was }

        """

    static let starter = """
        # The starter: it must fail the step.
        security-groups:
          web:
            inbound:
              - { port: 80, from: internet }
              - { port: 22, from: internet }
        instances:
          was: { security-groups: [web], role: was }

        """

    static let solution = """
        # The reference: it must pass the step.
        security-groups:
          web:
            inbound:
              - { port: 80, from: internet }
        instances:
          was: { security-groups: [web], role: was }

        """

    static let variant = """
        # expect: fail ssh-closed
        # why: SSH is still open to the whole internet
        security-groups:
          web:
            inbound:
              - { port: 80, from: internet }
              - { port: 22, from: 0.0.0.0/0 }
        instances:
          was: { security-groups: [web], role: was }

        """
}
