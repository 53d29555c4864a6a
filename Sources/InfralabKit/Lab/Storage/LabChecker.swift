import Foundation

/// Reads a topology file from disk. Unreadable files become a located-free diagnostic.
public enum TopologyFile {
    public static func load(path: String) -> TopologyLoadResult {
        let display = LabPack.displayPath(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            return TopologyLoadResult(topology: nil, diagnostics: [.error("file.unreadable",
                LocalizedText(en: "cannot read `\(display)`: no such file, or not readable", ko: "`\(display)`을(를) 읽을 수 없어요: 파일이 없거나 읽기 권한이 없어요"), at: nil)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return TopologyLoadResult(topology: nil, diagnostics: [.error("file.not-utf8",
                LocalizedText(en: "`\(display)` is not UTF-8 text", ko: "`\(display)`은(는) UTF-8 텍스트가 아니에요"), at: SourceLocation(file: display, line: 1, column: 1))])
        }
        return TopologyLoader.load(text: text, file: display)
    }
}

/// What `infralab lab check` found in a pack, mission by mission.
public struct LabCheckReport: Sendable {
    public struct Problem: Sendable {
        public var severity: Diagnostic.Severity
        public var stepID: String?
        public var message: LocalizedText
        public var location: SourceLocation?
        /// For uncaught mutants: the mutant's id.
        public var mutantID: String?
    }

    public struct MissionReport: Sendable {
        public var folder: String
        public var missionID: String
        public var steps = 0
        public var requirements = 0
        public var variants = 0
        public var mutants = 0
        public var mutantsCaught = 0
        public var mutantsWaived = 0
        public var problems: [Problem] = []
        public var isSound: Bool { !problems.contains { $0.severity == .error } }
    }

    public var directory: String
    public var packDiagnostics: [Diagnostic]
    public var missions: [MissionReport]

    public var isSound: Bool { !packDiagnostics.contains { $0.severity == .error } && missions.allSatisfy(\.isSound) }
}

public enum LabChecker {
    public static func check(packDirectory: String, includeMutants: Bool = true) -> LabCheckReport {
        let pack = LabPack.load(directory: packDirectory)
        var report = LabCheckReport(directory: pack.directory, packDiagnostics: pack.diagnostics, missions: [])
        if pack.missions.isEmpty && !pack.hasErrors {
            report.packDiagnostics.append(.error("lab.empty-pack", LocalizedText(en: "no missions found in `\(packDirectory)` (folders named `NN-slug/` holding `mission.yaml`)",
                                                                                 ko: "`\(packDirectory)`에 미션이 없어요 (`mission.yaml`이 든 `NN-이름/` 폴더)"), at: nil))
        }
        for mission in pack.missions {
            report.missions.append(check(mission: mission, includeMutants: includeMutants))
        }
        return report
    }

    static func check(mission: Mission, includeMutants: Bool) -> LabCheckReport.MissionReport {
        var report = LabCheckReport.MissionReport(folder: mission.folder, missionID: mission.id)
        func problem(_ severity: Diagnostic.Severity, _ step: String?, _ en: String, _ ko: String, at location: SourceLocation? = nil, mutant: String? = nil) {
            report.problems.append(.init(severity: severity, stepID: step, message: LocalizedText(en: en, ko: ko), location: location, mutantID: mutant))
        }
        func checkKorean(_ text: LocalizedText, _ what: String, step: String?, at location: SourceLocation) {
            if text.ko == nil || text.ko!.isEmpty {
                problem(.warning, step, "\(what) has no Korean text (`ko:`); learners reading Korean see English", "\(what)에 한국어(`ko:`)가 없어요. 한국어 학습자에게 영어가 보여요", at: location)
            }
        }
        checkKorean(mission.title, "the mission title", step: nil, at: mission.location)
        checkKorean(mission.summary, "the mission summary", step: nil, at: mission.location)
        let needsService = mission.steps.contains { step in
            mission.requirements(for: step).contains { if case .serviceAnswers = $0.check { return true } else { return false } }
        }
        if needsService && mission.service == nil {
            problem(.error, nil, "requirements use `service-answers`, but the mission has no `service:`", "`service-answers`를 쓰는데 미션에 `service:`가 없어요", at: mission.location)
        }

        for step in mission.steps {
            report.steps += 1
            report.requirements += step.requirements.count
            checkKorean(step.title, "step `\(step.id)`: the title", step: step.id, at: step.location)
            checkKorean(step.story, "step `\(step.id)`: the story", step: step.id, at: step.location)
            checkKorean(step.brief, "step `\(step.id)`: the brief", step: step.id, at: step.location)
            for requirement in step.requirements {
                checkKorean(requirement.statement, "requirement `\(requirement.id)`: the statement", step: step.id, at: requirement.location)
                if requirement.hints.count < 3 {
                    problem(.error, step.id, "requirement `\(requirement.id)` has \(requirement.hints.count) hint(s); write three levels (nudge, concept, concrete change)",
                            "요구 사항 `\(requirement.id)`에 힌트가 \(requirement.hints.count)개예요. 세 단계(귀띔, 개념, 구체적인 변경)를 써 주세요", at: requirement.location)
                }
                for (level, hint) in requirement.hints.enumerated() {
                    checkKorean(hint, "requirement `\(requirement.id)`: hint \(level + 1)", step: step.id, at: requirement.location)
                }
            }
            let requirements = mission.requirements(for: step)

            // The starter must fail the step.
            let starterPath = PathUtilities.resolve(step.starterPath, relativeTo: mission.directory)
            let starter = TopologyFile.load(path: starterPath)
            if let starterTopology = starter.topology, !starter.diagnostics.contains(where: { $0.code.hasPrefix("yaml.") || $0.code.hasPrefix("file.") }) {
                let grade = Grader(topology: starterTopology, diagnostics: starter.diagnostics).grade(mission: mission, step: step)
                if grade.passed {
                    problem(.error, step.id, "the starter already passes step `\(step.id)`: learners would have nothing to do",
                            "시작 파일이 이미 `\(step.id)` 단계를 통과해요. 학습자가 할 일이 없어요", at: step.location)
                }
            } else {
                let first = starter.diagnostics.first { $0.severity == .error }
                problem(.error, step.id, "the starter `\(LabPack.displayPath(starterPath))` cannot be read: \(first?.message.en ?? "unknown problem")",
                        "시작 파일 `\(LabPack.displayPath(starterPath))`을(를) 읽을 수 없어요: \(first?.message.text(.ko) ?? "알 수 없는 문제")", at: first?.location ?? step.location)
            }

            // The story reaches a learner who plays with `next`.
            report.problems += checkStory(mission: mission, step: step)

            // The solution must load cleanly and pass.
            let solution = TopologyFile.load(path: step.solutionPath)
            guard let solutionTopology = solution.topology, !solution.hasErrors else {
                let first = solution.diagnostics.first { $0.severity == .error }
                problem(.error, step.id, "the solution `\(LabPack.displayPath(step.solutionPath))` does not load: \(first?.message.en ?? "unknown problem")",
                        "해답 `\(LabPack.displayPath(step.solutionPath))`을(를) 불러올 수 없어요: \(first?.message.text(.ko) ?? "알 수 없는 문제")", at: first?.location ?? step.location)
                continue
            }
            let solutionGrader = Grader(topology: solutionTopology, diagnostics: solution.diagnostics)
            let solutionGrade = solutionGrader.grade(mission: mission, step: step)
            for failing in solutionGrade.failing {
                let why = failing.findings.first?.message
                problem(.error, step.id, "the solution fails `\(failing.requirement.id)`: \(why?.en ?? "")",
                        "해답이 `\(failing.requirement.id)`을(를) 통과하지 못해요: \(why?.text(.ko) ?? "")", at: failing.findings.first?.location ?? failing.requirement.location)
            }

            // Every selector picks something in the solution.
            let facts = solutionGrader.facts
            for requirement in requirements {
                for selector in requirement.check.selectors where !facts.matchesSomething(selector) {
                    problem(.error, step.id, "requirement `\(requirement.id)` selects `\(selector)`, which matches nothing in the solution",
                            "요구 사항 `\(requirement.id)`의 `\(selector)`에 해당하는 것이 해답에 없어요", at: selector.location)
                }
            }

            // Variants fail exactly what they say.
            let variantsDirectory = PathUtilities.join(PathUtilities.join(mission.solutionsDirectory, "variants"), step.id)
            let variantFiles = ((try? FileManager.default.contentsOfDirectory(atPath: variantsDirectory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            for name in variantFiles {
                report.variants += 1
                let path = PathUtilities.join(variantsDirectory, name)
                let display = LabPack.displayPath(path)
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
                let expectation: VariantExpectation
                switch VariantExpectation.parse(text, file: display) {
                case .success(let e): expectation = e
                case .failure(let d):
                    problem(.error, step.id, d.message.en, d.message.text(.ko), at: d.location)
                    continue
                }
                for id in expectation.failing where !requirements.contains(where: { $0.id == id }) {
                    problem(.error, step.id, "variant `\(name)` expects `\(id)` to fail, but step `\(step.id)` has no such requirement",
                            "변형 `\(name)`이 `\(id)` 실패를 기대하지만 `\(step.id)` 단계에 그런 요구 사항이 없어요", at: expectation.location)
                }
                let loaded = TopologyLoader.load(text: text, file: display)
                guard let topology = loaded.topology else { continue }
                let grade = Grader(topology: topology, diagnostics: loaded.diagnostics).grade(mission: mission, step: step)
                let failed = Set(grade.failing.map(\.requirement.id))
                let expected = Set(expectation.failing)
                if failed != expected {
                    let unexpected = failed.subtracting(expected).sorted(), missing = expected.subtracting(failed).sorted()
                    var en = "variant `\(name)` expected to \(expected.isEmpty ? "pass" : "fail " + expected.sorted().joined(separator: " "))"
                    var ko = "변형 `\(name)`은(는) \(expected.isEmpty ? "통과" : expected.sorted().joined(separator: " ") + " 실패")를 기대했지만"
                    if !unexpected.isEmpty { en += "; also fails \(unexpected.joined(separator: " "))"; ko += " \(unexpected.joined(separator: " "))도 실패하고" }
                    if !missing.isEmpty { en += "; passes \(missing.joined(separator: " "))"; ko += " \(missing.joined(separator: " "))은(는) 통과해요" }
                    problem(.error, step.id, en, ko + (missing.isEmpty ? "요" : ""), at: expectation.location)
                }
            }

            // Automatic mutants: each should fail some requirement, or be explained.
            guard includeMutants else { continue }
            let waivers = Dictionary(step.mutantWaivers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var seenWaivers: Set<String> = []
            for mutant in MutantGenerator.mutants(of: solutionTopology) {
                report.mutants += 1
                let grade = Grader(topology: mutant.topology, diagnostics: solution.diagnostics).grade(mission: mission, step: step)
                if !grade.passed {
                    report.mutantsCaught += 1
                } else if waivers[mutant.id] != nil {
                    report.mutantsWaived += 1
                    seenWaivers.insert(mutant.id)
                } else {
                    problem(.error, step.id, "mutant `\(mutant.id)` (\(mutant.description.en)) passes every requirement of `\(step.id)`",
                            "뮤턴트 `\(mutant.id)`(\(mutant.description.text(.ko)))가 `\(step.id)`의 모든 요구 사항을 통과해요", mutant: mutant.id)
                }
            }
            for waiver in step.mutantWaivers where !seenWaivers.contains(waiver.id) {
                problem(.warning, step.id, "the waiver for mutant `\(waiver.id)` is not needed (no such uncaught mutant)",
                        "뮤턴트 `\(waiver.id)` 예외는 필요 없어요 (잡히지 않은 그런 뮤턴트가 없어요)", at: waiver.location)
            }
        }
        return report
    }
}
