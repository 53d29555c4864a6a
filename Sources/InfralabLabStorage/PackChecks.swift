import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab

extension PackCheck {
    static let missionKorean = PackCheck(id: "mission-korean", summary: LocalizedText(en: "the mission's title and summary have Korean", ko: "미션 제목과 요약에 한국어가 있어요"), scope: .mission) { context in
        context.requireKorean(context.mission.title, "the mission title", at: context.mission.location)
        context.requireKorean(context.mission.summary, "the mission summary", at: context.mission.location)
    }

    static let serviceDeclared = PackCheck(id: "service-declared", summary: LocalizedText(en: "a mission that checks the service declares it", ko: "서비스를 검사하는 미션에 `service:`가 있어요"), scope: .mission) { context in
        let mission = context.mission
        let needsService = mission.steps.contains { step in
            // Carried requirements are earlier steps' own: each step's own are enough (and linear).
            step.requirements.contains { if case .serviceAnswers = $0.check { return true } else { return false } }
        }
        if needsService && mission.service == nil {
            context.problem(.error, "requirements use `service-answers`, but the mission has no `service:`", "`service-answers`를 쓰는데 미션에 `service:`가 없어요", at: mission.location)
        }
    }

    static let stepKorean = PackCheck(id: "step-korean", summary: LocalizedText(en: "every text of a step has Korean", ko: "단계의 모든 글에 한국어가 있어요"), scope: .step) { context in
        guard let step = context.step else { return }
        context.report.steps += 1
        context.report.requirements += step.requirements.count
        context.requireKorean(step.title, "step `\(step.id)`: the title", at: step.location)
        context.requireKorean(step.story, "step `\(step.id)`: the story", at: step.location)
        context.requireKorean(step.brief, "step `\(step.id)`: the brief", at: step.location)
        for requirement in step.requirements {
            context.requireKorean(requirement.statement, "requirement `\(requirement.id)`: the statement", at: requirement.location)
            for (level, hint) in requirement.hints.enumerated() {
                context.requireKorean(hint, "requirement `\(requirement.id)`: hint \(level + 1)", at: requirement.location)
            }
        }
    }

    static let threeHints = PackCheck(id: "three-hints", summary: LocalizedText(en: "every requirement has three hint levels", ko: "요구 사항마다 힌트가 세 단계 있어요"), scope: .step) { context in
        for requirement in context.step?.requirements ?? [] where requirement.hints.count < 3 {
            context.problem(.error, "requirement `\(requirement.id)` has \(requirement.hints.count) hint(s); write three levels (nudge, concept, concrete change)",
                            "요구 사항 `\(requirement.id)`에 힌트가 \(requirement.hints.count)개예요. 세 단계(귀띔, 개념, 구체적인 변경)를 써 주세요", at: requirement.location)
        }
    }

    static let starterFails = PackCheck(id: "starter-fails", summary: LocalizedText(en: "the starter loads and fails its step", ko: "시작 파일을 읽을 수 있고 그 단계를 통과하지 못해요"), scope: .step) { context in
        guard let step = context.step else { return }
        let starter = context.starter
        let display = "`\(LabPack.displayPath(context.starterPath))`"
        guard let topology = starter.topology, !starter.diagnostics.contains(where: { $0.code.hasPrefix("yaml.") || $0.code.hasPrefix("file.") }) else {
            let first = starter.diagnostics.first { $0.severity == .error }
            context.problem(.error, "the starter \(display) cannot be read: \(first?.message.en ?? "unknown problem")",
                            "시작 파일 \(Korean.object(display)) 읽을 수 없어요: \(first?.message.text(.ko) ?? "알 수 없는 문제")", at: first?.location ?? step.location)
            return
        }
        if Grader(starter, file: topology.file).grade(mission: context.mission, step: step).passed {
            context.problem(.error, "the starter already passes step `\(step.id)`: learners would have nothing to do",
                            "시작 파일이 이미 `\(step.id)` 단계를 통과해요. 학습자가 할 일이 없어요", at: step.location)
        }
    }

    static let solutionPasses = PackCheck(id: "solution-passes", summary: LocalizedText(en: "the reference solution loads cleanly and passes its step", ko: "해답이 오류 없이 읽히고 그 단계를 통과해요"), scope: .step) { context in
        guard let step = context.step, let solution = context.solution else { return }
        let display = "`\(LabPack.displayPath(step.solutionPath))`"
        guard let grader = context.solutionGrader else {
            let first = solution.diagnostics.first { $0.severity == .error }
            context.problem(.error, "the solution \(display) does not load: \(first?.message.en ?? "unknown problem")",
                            "해답 \(Korean.object(display)) 불러올 수 없어요: \(first?.message.text(.ko) ?? "알 수 없는 문제")", at: first?.location ?? step.location)
            return
        }
        for failing in grader.grade(mission: context.mission, step: step).failing {
            let why = failing.findings.first?.message
            context.problem(.error, "the solution fails `\(failing.requirement.id)`: \(why?.en ?? "")",
                            "해답이 \(Korean.object("`\(failing.requirement.id)`")) 통과하지 못해요: \(why?.text(.ko) ?? "")", at: failing.findings.first?.location ?? failing.requirement.location)
        }
    }

    static let selectorsMatch = PackCheck(id: "selectors-match", summary: LocalizedText(en: "every selector picks something in the solution", ko: "모든 셀렉터가 해답에서 무언가를 골라요"), scope: .step) { context in
        guard let facts = context.solutionGrader?.facts else { return }
        for requirement in context.requirements {
            for selector in requirement.check.selectors where !facts.matchesSomething(selector) {
                context.problem(.error, "requirement `\(requirement.id)` selects `\(selector)`, which matches nothing in the solution",
                                "요구 사항 `\(requirement.id)`의 `\(selector)`에 해당하는 것이 해답에 없어요", at: selector.location)
            }
        }
    }
}
