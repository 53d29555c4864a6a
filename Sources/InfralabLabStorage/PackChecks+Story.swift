import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab

/// `lab check`'s story checks: a learner who plays with `next` keeps their own file, so
/// what the story changes between two steps must reach it as events, and arriving with
/// the reference answer must give exactly the next step's starter.
extension PackCheck {
    static let storyArrives = PackCheck(
        id: "story-arrives",
        summary: LocalizedText(en: "the step before's reference plus this step's events is this step's starter, and fails the step",
                               ko: "앞 단계 참고 답안에 이 단계의 이벤트를 더하면 이 단계의 시작 파일이 되고, 이 단계를 통과하지 못해요"),
        scope: .step) { context in
        guard let step = context.step else { return }
        LabChecker.checkStory(step: step, in: &context)
    }
}

extension LabChecker {
    /// The story's situation when a learner arrives at `step` from the reference answer
    /// of the step before: that answer's text with the step's events applied.
    package static func arrivalFromReference(mission: Mission, step: Step) -> Result<String, StoryEventFailure>? {
        guard let index = mission.index(ofStep: step.id), index > 0, !step.freshStart else { return nil }
        let previous = mission.steps[index - 1]
        let text = FileManager.default.contents(atPath: previous.solutionPath).flatMap { String(data: $0, encoding: .utf8) }
        return arrival(at: step, from: previous, referenceText: text)
    }

    /// `step`'s events applied to `referenceText`, the text of `previous`'s reference
    /// (nil: it could not be read).
    static func arrival(at step: Step, from previous: Step, referenceText: String?) -> Result<String, StoryEventFailure> {
        let display = LabPack.displayPath(previous.solutionPath)
        guard let text = referenceText else {
            return .failure(StoryEventFailure(LocalizedText(en: "cannot read `\(display)`", ko: "`\(display)` 파일을 읽을 수 없어요"), at: nil))
        }
        return StoryEventApplier.apply(step.events, to: text, file: display, language: .en).map(\.text)
    }

    /// Arriving from the step before's reference (its events applied) gives this step's
    /// starter, and fails the step. Uses the starter the context read once.
    static func checkStory(step: Step, in context: inout PackCheckContext) {
        let mission = context.mission
        func problem(_ en: String, _ ko: String, at location: SourceLocation?) { context.problem(.error, en, ko, at: location) }
        if context.stepIndex == 0 || step.freshStart {
            if let first = step.events.first {
                problem("step `\(step.id)` starts fresh (its starter replaces the learner's file), so its events never reach anyone: put them in the starter",
                        "`\(step.id)` 단계는 시작 파일로 새로 시작해서 이벤트가 학습자 파일에 반영되지 않아요. 시작 파일에 넣어 주세요", at: first.location)
            }
            return
        }
        // A step before whose reference cannot be read already said so on its own turn.
        guard let previous = context.previousStep, context.previousSolutionText != nil else { return }
        let arrived: String
        switch arrival(at: step, from: previous, referenceText: context.previousSolutionText) {
        case .failure(let failure):
            let place = failure.location.map { " (\($0))" } ?? ""
            problem("the events of `\(step.id)` cannot be applied to the reference of `\(previous.id)`\(place): \(failure.message.en)",
                    "`\(step.id)` 단계의 이벤트를 `\(previous.id)` 단계의 참고 답안에 적용할 수 없어요\(place): \(failure.message.text(.ko))",
                    at: failure.event ?? step.location)
            return
        case .success(let text): arrived = text
        }
        let starterDisplay = LabPack.displayPath(context.starterPath)
        let loaded = TopologyLoader.load(text: arrived, file: LabPack.displayPath(previous.solutionPath))
        guard let arrivedTopology = loaded.topology, let starterTopology = context.starter.topology else { return }
        let what = "the reference of `\(previous.id)` plus the events of `\(step.id)`"
        let whatKo = "`\(previous.id)` 참고 답안에 `\(step.id)` 이벤트를 더한 것"
        let starterText = context.starterText ?? ""
        if let difference = StoryComparison.difference(arrived, arrivedTopology, starterText, starterTopology) {
            problem("\(what) is not the starter `\(starterDisplay)`: \(difference.en)",
                    "\(Korean.subject(whatKo)) 시작 파일과 달라요 (`\(starterDisplay)`): \(difference.text(.ko))", at: step.events.first?.location ?? step.location)
        }
        let grade = Grader(topology: arrivedTopology, diagnostics: loaded.diagnostics).grade(mission: mission, step: step)
        if grade.passed {
            problem("\(what) already passes `\(step.id)`: a learner arriving with the reference answer has nothing to do (write events that set up the step's problem)",
                    "\(Korean.subject(whatKo)) 이미 `\(step.id)` 단계를 통과해요. 참고 답안으로 도착한 학습자가 할 일이 없어요 (이 단계의 문제를 만드는 이벤트를 써 주세요)",
                    at: step.events.first?.location ?? step.location)
        }
    }
}

