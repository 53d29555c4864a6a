import Foundation
import InfralabSyntax
import InfralabLab
import InfralabLabStorage

/// What the harnesses mutate, read once from the repository: every topology under
/// `Solutions/`, `Labs/*/starters/` and the topology fixtures under `Tests/`, each with
/// the step it answers (when it is a solution, variant or starter), and every shipped
/// `mission.yaml`.
struct Corpus: Sendable {
    struct Seed: Sendable {
        var path: String
        var text: String
        /// Index into `steps` of the step this file answers, if any.
        var step: Int?
    }

    struct MissionSeed: Sendable {
        var folder: String
        var directory: String
        var text: String
    }

    let root: String
    let pack: LabPack
    let steps: [(Mission, Step)]
    let topologies: [Seed]
    let missions: [MissionSeed]

    var labs: String { root + "/Labs" }

    /// `directory` or the nearest folder above it holding `Labs/` and `Solutions/`.
    static func findRoot(from directory: String) -> String? {
        var path = directory
        while true {
            if FileManager.default.fileExists(atPath: path + "/Labs"), FileManager.default.fileExists(atPath: path + "/Solutions") { return path }
            let parent = PathUtilities.parent(path)
            if parent == path || parent.isEmpty { return nil }
            path = parent
        }
    }

    init(root: String) {
        self.root = root
        pack = LabPack.load(directory: root + "/Labs")
        let steps = pack.allSteps
        self.steps = steps
        var files = Self.yamlFiles(under: root + "/Solutions")
        for folder in Self.children(of: root + "/Labs") { files += Self.yamlFiles(under: "\(root)/Labs/\(folder)/starters") }
        files += Self.yamlFiles(under: root + "/Tests").filter { !$0.contains("mission") && !$0.contains("/Differential/") }
        topologies = files.sorted().compactMap { path in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            return Seed(path: String(path.dropFirst(root.count + 1)), text: text, step: Self.step(answeredBy: path, in: steps))
        }
        missions = Self.children(of: root + "/Labs").compactMap { folder in
            let directory = "\(root)/Labs/\(folder)"
            guard let text = try? String(contentsOfFile: directory + "/mission.yaml", encoding: .utf8) else { return nil }
            return MissionSeed(folder: folder, directory: directory, text: text)
        }
    }

    /// `Solutions/NN-x/STEP.yaml`, `Solutions/NN-x/variants/STEP/…` and
    /// `Labs/NN-x/starters/STEP.yaml` answer step STEP of the mission in folder NN-x.
    static func step(answeredBy path: String, in steps: [(Mission, Step)]) -> Int? {
        let parts = path.split(separator: "/").map(String.init)
        guard let base = parts.lastIndex(where: { $0 == "Solutions" || $0 == "Labs" }), base + 2 < parts.count else { return nil }
        let folder = parts[base + 1]
        let stepID = parts[base + 2] == "variants" && base + 3 < parts.count ? parts[base + 3]
            : String(parts[parts.count - 1].dropLast(".yaml".count))
        return steps.firstIndex { $0.0.folder == folder && $0.1.id == stepID }
    }

    static func children(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static func yamlFiles(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let name = walker.nextObject() as? String {
            if name.hasSuffix(".yaml") { files.append(directory + "/" + name) }
        }
        return files
    }
}
