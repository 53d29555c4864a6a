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

/// Grading is semantic: renaming every component, reversing every list, or moving the
/// VPC to another private range never changes which requirements a topology fails —
/// over every reference solution and every known variant of the curriculum.
@Suite struct SemanticGradingTests {
    struct Case: CustomStringConvertible, Sendable {
        var mission: Mission
        var step: Step
        var file: String
        var description: String { "\(mission.id)/\(step.id): \(LabPack.displayPath(file))" }
    }

    static let pack = LabPack.load(directory: packageRoot.appendingPathComponent("Labs").path)

    static var cases: [Case] {
        var cases: [Case] = []
        for (mission, step) in pack.allSteps {
            cases.append(Case(mission: mission, step: step, file: step.solutionPath))
            let folder = PathUtilities.join(PathUtilities.join(mission.solutionsDirectory, "variants"), step.id)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where name.hasSuffix(".yaml") {
                cases.append(Case(mission: mission, step: step, file: PathUtilities.join(folder, name)))
            }
        }
        return cases
    }

    /// Names a requirement picks by name (`admin`) must survive a rename.
    static func namesUsed(by mission: Mission) -> Set<String> {
        var names: Set<String> = []
        for step in mission.steps {
            for requirement in step.requirements {
                for selector in requirement.check.selectors { if case .name(let n) = selector.form { names.insert(n) } }
            }
        }
        return names
    }

    func failing(_ topology: Topology, _ loaded: TopologyLoadResult, _ c: Case) -> [String] {
        Grader(topology: topology, diagnostics: loaded.diagnostics).grade(mission: c.mission, step: c.step).failing.map(\.requirement.id).sorted()
    }

    @Test("the curriculum has solutions and variants to check", .tags(.curriculum))
    func enough() {
        #expect(Self.pack.allSteps.count >= 18)
        #expect(Self.cases.count >= Self.pack.allSteps.count * 4, "a solution and at least three variants per step")
    }

    @Test("names, order and CIDRs do not change a grade", .tags(.curriculum), arguments: cases)
    func invariant(_ c: Case) throws {
        let loaded = TopologyFile.load(path: c.file)
        let topology = try #require(loaded.topology)
        let expected = failing(topology, loaded, c)
        let keep = Self.namesUsed(by: c.mission)
        #expect(failing(renamed(topology, keeping: keep), loaded, c) == expected, "renamed")
        #expect(failing(reordered(topology), loaded, c) == expected, "reordered")
        #expect(failing(shifted(topology), loaded, c) == expected, "shifted to 10.42.0.0/16")
        #expect(failing(shifted(reordered(renamed(topology, keeping: keep))), loaded, c) == expected, "all three")
    }
}

extension Tag {
    @Tag static var curriculum: Self
}
