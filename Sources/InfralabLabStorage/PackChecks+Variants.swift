import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab

extension PackCheck {
    /// Variants fail exactly what they say.
    static let variantsAsDeclared = PackCheck(id: "variants-as-declared", summary: LocalizedText(en: "every variant fails exactly the requirements it declares", ko: "변형마다 선언한 요구 사항만 정확히 실패해요"), scope: .step) { context in
        guard let step = context.step, context.solutionGrader != nil else { return }
        let directory = PathUtilities.join(PathUtilities.join(context.mission.solutionsDirectory, "variants"), step.id)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        for name in files {
            context.report.variants += 1
            checkVariant(name: name, path: PathUtilities.join(directory, name), step: step, in: &context)
        }
    }

    private static func checkVariant(name: String, path: String, step: Step, in context: inout PackCheckContext) {
        let display = LabPack.displayPath(path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let expectation: VariantExpectation
        switch VariantExpectation.parse(text, file: display) {
        case .success(let e): expectation = e
        case .failure(let d):
            context.problem(.error, d.message.en, d.message.text(.ko), at: d.location)
            return
        }
        let requirements = context.requirements
        for id in expectation.failing where !requirements.contains(where: { $0.id == id }) {
            context.problem(.error, "variant `\(name)` expects `\(id)` to fail, but step `\(step.id)` has no such requirement",
                            "변형 `\(name)`에서 `\(id)` 실패를 기대하지만 `\(step.id)` 단계에 그런 요구 사항이 없어요", at: expectation.location)
        }
        let loaded = TopologyLoader.load(text: text, file: display)
        guard loaded.topology != nil else { return }
        let failed = Set(Grader(loaded, file: display).grade(mission: context.mission, step: step).failing.map(\.requirement.id))
        let expected = Set(expectation.failing)
        guard failed != expected else { return }
        let unexpected = failed.subtracting(expected).sorted(), missing = expected.subtracting(failed).sorted()
        let expectedEN = expected.isEmpty ? "pass" : "fail " + expected.sorted().joined(separator: " ")
        let expectedKO = expected.isEmpty ? "통과" : expected.sorted().joined(separator: " ") + " 실패"
        var en = "variant `\(name)` expected to \(expectedEN)"
        var ko = "변형 `\(name)`에서 \(Korean.object(expectedKO)) 기대했지만"
        if !unexpected.isEmpty { en += "; also fails \(unexpected.joined(separator: " "))"; ko += " \(unexpected.joined(separator: " "))도 실패하고" }
        if !missing.isEmpty { en += "; passes \(missing.joined(separator: " "))"; ko += " \(Korean.topic(missing.joined(separator: " "))) 통과해요" }
        context.problem(.error, en, ko + (missing.isEmpty ? "요" : ""), at: expectation.location)
    }

    /// Automatic mutants: each should fail some requirement, or be explained by a waiver.
    static let mutantsCaught = PackCheck(id: "mutants-caught", summary: LocalizedText(en: "every automatic mutant fails a requirement or is waived", ko: "자동 뮤턴트마다 요구 사항 하나는 실패하거나 예외로 설명돼요"), scope: .step) { context in
        guard context.includeMutants, let step = context.step, let grader = context.solutionGrader, let solution = context.solution else { return }
        let waivers = Dictionary(step.mutantWaivers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seenWaivers: Set<String> = []
        for mutant in MutantGenerator.mutants(of: grader.topology) {
            context.report.mutants += 1
            // Re-validated first: a mutant with errors never passes (`StepGrade.passed`),
            // caught by validation rather than by a requirement, and counted apart.
            let diagnostics = TopologyLoader.validate(mutant.topology)
            if diagnostics.contains(where: { $0.severity == .error }) {
                context.report.mutantsInvalid += 1
            } else if !Grader(topology: mutant.topology, diagnostics: diagnostics).grade(mission: context.mission, step: step).passed {
                context.report.mutantsCaught += 1
            } else if waivers[mutant.id] != nil {
                context.report.mutantsWaived += 1
                seenWaivers.insert(mutant.id)
            } else {
                context.problem(.error, "mutant `\(mutant.id)` (\(mutant.description.en)) passes every requirement of `\(step.id)`",
                                "\(Korean.subject("뮤턴트 `\(mutant.id)`")) `\(step.id)`의 모든 요구 사항을 통과해요(\(mutant.description.text(.ko)))", mutant: mutant.id)
            }
        }
        for waiver in step.mutantWaivers where !seenWaivers.contains(waiver.id) {
            context.problem(.warning, "the waiver for mutant `\(waiver.id)` is not needed (no such uncaught mutant)",
                            "뮤턴트 `\(waiver.id)` 예외는 필요 없어요 (잡히지 않은 그런 뮤턴트가 없어요)", at: waiver.location)
        }
    }
}
