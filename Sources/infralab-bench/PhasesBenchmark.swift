import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// Where `infralab check` spends its time on the largest shipped step, phase by phase:
/// each phase once as a fresh process meets it (type metadata, page faults and all),
/// then the best of 30 warm runs. Run it in its own process for the cold figures:
/// `swift run -c release infralab-bench phases`.
/// `target` is `mission/step` (default: the step `startup` measures).
func phasesBenchmark(target: String = "data-tier/cache-failover") {
    guard let labs = labsDirectory() else { print("phases: no Labs folder found (set INFRALAB_LABS)"); return }
    let mission = String(target.prefix { $0 != "/" }), stepID = String(target.drop { $0 != "/" }.dropFirst())
    var rows: [(String, Double, Double)] = []
    func phase<T>(_ name: String, _ body: () -> T) -> T {
        let (value, cold) = measure(body)
        var best = Double.infinity
        for _ in 0..<30 { best = min(best, measure(body).1) }
        rows.append((name, cold, best))
        return value
    }
    let pack = phase("read the mission (\(mission))") { LabPack.load(directory: labs, onlyMission: mission) }
    guard let current = pack.missions.first(where: { $0.id == mission }), let step = current.steps.first(where: { $0.id == stepID }) else {
        print("phases: no step \(target) in \(labs)"); return
    }
    let text = (try? String(contentsOfFile: step.solutionPath, encoding: .utf8)) ?? ""
    let loaded = phase("load + validate the topology (\(text.utf8.count / 1024) KiB)") { TopologyLoader.load(text: text, file: "topology.yaml") }
    let grade = phase("grade \(step.id) (\(current.requirements(for: step).count) requirements)") {
        Grader(loaded, file: "topology.yaml").grade(mission: current, step: step)
    }
    let lines = text.components(separatedBy: "\n")
    let screens = LearnerScreens(colorize: false, language: .ko, width: 80, sourceLines: { _ in lines })
    _ = phase("render the checklist") { screens.checklist(grade, mission: current, step: step, hintLevel: { _ in 0 }) }
    for (name, cold, warm) in rows {
        print("phases: \(name): first \(format2(cold)) ms, warm best \(format2(warm)) ms")
    }
}
