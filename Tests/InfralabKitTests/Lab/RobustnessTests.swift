import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI

/// No input makes infralab crash: damaged mission files load with located errors, and
/// damaged topologies still grade (the engine must cope with half-built models).
@Suite struct RobustnessTests {
    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    static func variants(of text: String, seed: UInt64, count: Int) -> [String] {
        var generator = SeededRandom(seed: seed)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let pieces = [":", "- ", "{", "}", "[", "]", "  ", "\"", "'", "#", "0.0.0.0/0", "via: nowhere", "port: 99999", "한글", "\t", "subnet: x"]
        var out: [String] = []
        for _ in 0..<count {
            var mutated = lines
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:  // truncate at a line
                mutated = Array(mutated.prefix(Int.random(in: 0...mutated.count, using: &generator)))
            case 1:  // drop a line
                if !mutated.isEmpty { mutated.remove(at: Int.random(in: 0..<mutated.count, using: &generator)) }
            case 2:  // insert a piece into a line
                if !mutated.isEmpty {
                    let i = Int.random(in: 0..<mutated.count, using: &generator)
                    var line = String(mutated[i])
                    let at = line.index(line.startIndex, offsetBy: Int.random(in: 0...line.count, using: &generator))
                    line.insert(contentsOf: pieces.randomElement(using: &generator)!, at: at)
                    mutated[i] = Substring(line)
                }
            default:  // swap two lines
                if mutated.count > 1 {
                    mutated.swapAt(Int.random(in: 0..<mutated.count, using: &generator), Int.random(in: 0..<mutated.count, using: &generator))
                }
            }
            out.append(mutated.joined(separator: "\n"))
        }
        return out
    }

    @Test("damaged mission files never crash the loader, and every error is located")
    func missionFiles() throws {
        var inputs = 0
        for mission in Self.pack.missions {
            let text = try String(contentsOfFile: PathUtilities.join(mission.directory, "mission.yaml"), encoding: .utf8)
            for variant in Self.variants(of: text, seed: UInt64(mission.number), count: 60) {
                let result = MissionLoader.load(text: variant, file: "m.yaml", directory: mission.directory, solutionsRoot: "/nowhere")
                inputs += 1
                for diagnostic in result.diagnostics where diagnostic.severity == .error {
                    #expect(diagnostic.location != nil, "\(diagnostic.code): \(diagnostic.message.en)")
                }
            }
        }
        #expect(inputs == Self.pack.missions.count * 60)
    }

    @Test("damaged topologies still grade against every step, without crashing")
    func topologiesGrade() throws {
        var graded = 0
        for (index, (mission, step)) in Self.pack.allSteps.enumerated() {
            let text = try String(contentsOfFile: step.solutionPath, encoding: .utf8)
            for variant in Self.variants(of: text, seed: 1_000 + UInt64(index), count: 40) {
                let loaded = TopologyLoader.load(text: variant, file: "t.yaml")
                guard let topology = loaded.topology else { continue }
                let grade = Grader(topology: topology, diagnostics: loaded.diagnostics).grade(mission: mission, step: step)
                #expect(grade.results.count == mission.requirements(for: step).count)
                graded += 1
            }
        }
        #expect(graded > Self.pack.allSteps.count * 20)
    }
}
