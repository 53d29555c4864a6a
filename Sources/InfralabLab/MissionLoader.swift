import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// Reads `mission.yaml` into a `Mission`, reporting every problem with its location.
public struct MissionLoadResult: Sendable {
    public var mission: Mission?
    public var diagnostics: [Diagnostic]
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum MissionLoader {
    static let missionKeys = MissionKeys.mission.allowed
    static let stepKeys = MissionKeys.step.allowed
    static let requirementKeys = MissionKeys.requirement.allowed

    /// - Parameters:
    ///   - text: the contents of `mission.yaml`.
    ///   - file: the path shown in messages.
    ///   - directory: the mission folder (absolute), named `NN-slug`.
    ///   - solutionsRoot: the pack's default solutions root (`<pack>/../Solutions`).
    public static func load(text: String, file: String, directory: String, solutionsRoot: String) -> MissionLoadResult {
        let parsed = YAMLParser.parse(text, file: file)
        var reader = NodeReader(codePrefix: "mission")
        reader.diagnostics = parsed.diagnostics
        guard let root = parsed.root, let entries = reader.mapping(root, "the mission file", allowed: missionKeys) else {
            return MissionLoadResult(mission: nil, diagnostics: reader.diagnostics)
        }
        let folder = PathUtilities.lastComponent(directory)
        let number = Int(folder.prefix { $0.isNumber }) ?? 0
        let top = root.location

        var id: String?
        var title: LocalizedText?
        var summary = LocalizedText(en: "", ko: "")
        var outro: LocalizedText?
        var service: ServiceSpec?
        var steps: [Step] = []
        var solutionsDirectory = PathUtilities.join(solutionsRoot, folder)
        var solutionsLocation: SourceLocation?
        for entry in entries {
            switch entry.key {
            case "id": id = reader.string(entry.value, "id")
            case "title": title = reader.localized(entry.value, "title")
            case "summary": summary = reader.localized(entry.value, "summary") ?? summary
            case "outro": outro = reader.localized(entry.value, "outro")
            case "service": service = readService(entry.value, &reader)
            case "solutions":
                if let path = reader.string(entry.value, "solutions") {
                    solutionsDirectory = PathUtilities.resolve(path, relativeTo: directory)
                    solutionsLocation = entry.value.location
                }
            case "steps":
                guard let items = reader.sequence(entry.value, "steps") else { break }
                if items.isEmpty {
                    reader.error("no-steps", LocalizedText(en: "the mission has no steps: `steps:` needs at least one step",
                                                           ko: "미션에 단계가 없어요. `steps:`에 단계를 하나 이상 써야 해요"),
                                 at: entry.value.location)
                }
                var earlierRequirementIDs: Set<String> = []
                var seenSteps: [String: SourceLocation] = [:]
                var seenRequirements: [String: SourceLocation] = [:]
                for (index, item) in items.enumerated() {
                    guard var step = readStep(item, index: index, mission: folder, reader: &reader, earlier: earlierRequirementIDs) else { continue }
                    if let first = seenSteps[step.id] {
                        reader.error("duplicate-step", LocalizedText(en: "two steps are named `\(step.id)`", ko: "\(Korean.quoting("`\(step.id)`")) 단계가 두 번 나와요"),
                                     at: step.location, notes: [.init(LocalizedText(en: "first step with this id", ko: "처음 나온 곳"), at: first)])
                    }
                    seenSteps[step.id] = step.location
                    for requirement in step.requirements {
                        if let first = seenRequirements[requirement.id] {
                            reader.error("duplicate-requirement",
                                         LocalizedText(en: "requirement id `\(requirement.id)` is used twice in this mission",
                                                       ko: "요구 사항 id \(Korean.subject("`\(requirement.id)`")) 이 미션에서 두 번 쓰였어요"),
                                         at: requirement.location, notes: [.init(LocalizedText(en: "first used here", ko: "처음 쓰인 곳"), at: first)])
                        }
                        seenRequirements[requirement.id] = requirement.location
                    }
                    if index == 0 { step.freshStart = true }
                    step.solutionPath = step.solutionPath.isEmpty
                        ? PathUtilities.join(solutionsDirectory, "\(step.id).yaml") : step.solutionPath
                    earlierRequirementIDs.formUnion(step.requirements.map(\.id))
                    steps.append(step)
                }
            default: break
            }
        }
        if id == nil { reader.missing("id", in: LocalizedText(en: "the mission", ko: "미션").en, at: top) }
        if title == nil { reader.missing("title", in: "the mission", at: top) }
        if steps.isEmpty && entries.contains(where: { $0.key == "steps" }) == false { reader.missing("steps", in: "the mission", at: top) }
        // Solutions written relative to the default root must follow a `solutions:` override too.
        for index in steps.indices where !steps[index].solutionPath.hasPrefix("/") {
            steps[index].solutionPath = PathUtilities.resolve(steps[index].solutionPath, relativeTo: directory)
        }
        checkConfinement(steps, directory: directory, solutionsRoot: solutionsRoot, solutionsDirectory: solutionsDirectory,
                         solutionsLocation: solutionsLocation ?? top, reader: &reader)
        guard let id, let title else { return MissionLoadResult(mission: nil, diagnostics: reader.diagnostics) }
        let mission = Mission(id: id, number: number, folder: folder, directory: directory, solutionsDirectory: solutionsDirectory,
                              title: title, summary: summary, outro: outro, service: service, steps: steps, location: top)
        return MissionLoadResult(mission: mission, diagnostics: reader.diagnostics)
    }

    static func readService(_ node: YAMLNode, _ reader: inout NodeReader) -> ServiceSpec? {
        guard let entries = reader.mapping(node, "service", allowed: MissionKeys.service.allowed) else { return nil }
        var entryPort: Int?
        var tiers: [ServiceSpec.Tier] = []
        for entry in entries {
            switch entry.key {
            case "entry-port": entryPort = reader.int(entry.value, "entry-port", range: 1...65535)
            case "tiers":
                for item in reader.sequence(entry.value, "tiers") ?? [] {
                    if let role = item.scalar, !item.isNull {
                        tiers.append(.init(role: role))
                    } else if let fields = reader.mapping(item, "a tier", allowed: MissionKeys.tier.allowed) {
                        var role: String?, port: Int?
                        for field in fields {
                            if field.key == "role" { role = reader.string(field.value, "role") }
                            if field.key == "port" { port = reader.int(field.value, "port", range: 1...65535) }
                        }
                        if let role { tiers.append(.init(role: role, port: port)) } else { reader.missing("role", in: "a tier", at: item.location) }
                    }
                }
            default: break
            }
        }
        guard let entryPort else {
            reader.missing("entry-port", in: "service", at: node.location)
            return nil
        }
        if tiers.isEmpty { reader.missing("tiers", in: "service", at: node.location) }
        return ServiceSpec(entryPort: entryPort, tiers: tiers)
    }

    static func readStep(_ node: YAMLNode, index: Int, mission: String, reader: inout NodeReader, earlier: Set<String>) -> Step? {
        guard let entries = reader.mapping(node, "a step", allowed: stepKeys) else { return nil }
        var id: String?, title: LocalizedText?, story: LocalizedText?, brief: LocalizedText?
        var starter: String?, solution: String?, freshStart = false
        var starterLocation: SourceLocation?, solutionLocation: SourceLocation?
        var carried: [String] = []
        var carriesAll = false
        var requirements: [Requirement] = []
        var waivers: [MutantWaiver] = []
        var events: [StoryEvent] = []
        for entry in entries {
            switch entry.key {
            case "id": id = reader.string(entry.value, "id")
            case "title": title = reader.localized(entry.value, "title")
            case "story": story = reader.localized(entry.value, "story")
            case "brief": brief = reader.localized(entry.value, "brief")
            case "starter", "solution":
                guard let path = reader.string(entry.value, entry.key) else { break }
                if path.hasPrefix("/") || path.hasPrefix("~") {
                    reader.error("path-absolute", LocalizedText(en: "`\(entry.key):` must be a path relative to the mission folder, not `\(path)`",
                                                                ko: "`\(entry.key):`에는 미션 폴더 기준의 상대 경로를 써야 해요. `\(path)` 같은 절대 경로는 쓸 수 없어요"),
                                 at: entry.value.location, length: path.unicodeScalars.count)
                }
                if entry.key == "starter" { (starter, starterLocation) = (path, entry.value.location) }
                else { (solution, solutionLocation) = (path, entry.value.location) }
            case "fresh-start": freshStart = reader.bool(entry.value, "fresh-start") ?? false
            case "carry":
                if entry.value.scalar == "all" {
                    carriesAll = true
                } else if entry.value.scalar == "none" || entry.value.isNull {
                    carried = []
                } else {
                    for item in reader.sequence(entry.value, "carry") ?? [] {
                        guard let name = reader.string(item, "a carried requirement") else { continue }
                        if earlier.contains(name) {  // a Set
                            carried.append(name)
                        } else {
                            reader.error("unknown-requirement",
                                         LocalizedText(en: "`carry` names `\(name)`, which no earlier step of this mission has",
                                                       ko: "`carry`에 적힌 \(Korean.topic("`\(name)`")) 앞 단계에 없는 요구 사항이에요"),
                                         at: item.location, length: name.unicodeScalars.count,
                                         suggestion: Suggestions.closest(to: name, in: earlier.sorted()).map { LocalizedText(en: "did you mean `\($0)`?", ko: "\(Korean.object("`\($0)`")) 쓰려던 건가요?") })
                        }
                    }
                }
            case "requirements":
                for item in reader.sequence(entry.value, "requirements") ?? [] {
                    if let requirement = readRequirement(item, &reader) { requirements.append(requirement) }
                }
            case "events":
                events = StoryEventReader.read(entry.value, &reader)
            case "mutants":
                for item in reader.sequence(entry.value, "mutants") ?? [] {
                    guard let fields = reader.mapping(item, "a mutant waiver", allowed: MissionKeys.mutantWaiver.allowed) else { continue }
                    var mid: String?, why: LocalizedText?
                    for field in fields {
                        if field.key == "id" { mid = reader.string(field.value, "id") }
                        if field.key == "why" { why = reader.localized(field.value, "why") }
                    }
                    if let mid, let why { waivers.append(MutantWaiver(id: mid, why: why, location: item.location)) }
                    else { reader.missing(mid == nil ? "id" : "why", in: "a mutant waiver", at: item.location) }
                }
            default: break
            }
        }
        let what = "step \(index + 1)"
        guard let id else { reader.missing("id", in: what, at: node.location); return nil }
        if title == nil { reader.missing("title", in: "step `\(id)`", at: node.location) }
        if story == nil { reader.missing("story", in: "step `\(id)`", at: node.location) }
        if brief == nil { reader.missing("brief", in: "step `\(id)`", at: node.location) }
        if requirements.isEmpty { reader.missing("requirements", in: "step `\(id)`", at: node.location) }
        return Step(id: id, title: title ?? LocalizedText(verbatim: id), story: story ?? LocalizedText(verbatim: ""),
                    brief: brief ?? LocalizedText(verbatim: ""), starterPath: starter ?? "starters/\(id).yaml",
                    solutionPath: solution ?? "", freshStart: freshStart, requirements: requirements, carried: carried,
                    mutantWaivers: waivers, location: node.location, events: events, starterLocation: starterLocation, solutionLocation: solutionLocation, carriesAll: carriesAll)
    }

    /// A pack is data confined to its folder: starters resolve inside the pack (`Labs/`),
    /// solutions inside the pack or its `Solutions/` beside it. An absolute path or `..`
    /// leading out is an error at the path's place (symlinks are checked when the pack is
    /// read from disk, `LabPack.symlinkProblems`).
    static func checkConfinement(_ steps: [Step], directory: String, solutionsRoot: String, solutionsDirectory: String,
                                 solutionsLocation: SourceLocation, reader: inout NodeReader) {
        let packRoot = PathUtilities.normalize(PathUtilities.parent(directory))
        let solutionRoots = [packRoot, PathUtilities.normalize(solutionsRoot)]
        if !PathUtilities.isInside(solutionsDirectory, anyOf: solutionRoots) {
            pathEscapes("solutions", solutionsDirectory, at: solutionsLocation, reader: &reader)
        }
        for step in steps {
            let starter = PathUtilities.resolve(step.starterPath, relativeTo: directory)
            if !PathUtilities.isInside(normalized: starter, roots: [packRoot]) {
                pathEscapes("starter", starter, at: step.starterLocation ?? step.location, reader: &reader)
            }
            if !PathUtilities.isInside(normalized: PathUtilities.normalize(step.solutionPath), roots: solutionRoots) {
                pathEscapes("solution", step.solutionPath, at: step.solutionLocation ?? step.location, reader: &reader)
            }
        }
    }

    static func pathEscapes(_ key: String, _ resolved: String, at location: SourceLocation, reader: inout NodeReader) {
        reader.error("path-escapes",
                     LocalizedText(en: "`\(key):` must name a file inside the mission pack, but it leads to `\(resolved)`",
                                   ko: "`\(key):`에는 미션 묶음 안의 파일을 써야 하는데 묶음 밖의 `\(resolved)` 경로를 가리켜요"),
                     at: location)
    }

    static func readRequirement(_ node: YAMLNode, _ reader: inout NodeReader) -> Requirement? {
        guard let entries = reader.mapping(node, "a requirement", allowed: requirementKeys) else { return nil }
        var id: String?, statement: LocalizedText?, check: Check?, hints: [LocalizedText] = []
        for entry in entries {
            switch entry.key {
            case "id": id = reader.string(entry.value, "id")
            case "statement": statement = reader.localized(entry.value, "statement")
            case "check": check = CheckReader.read(entry.value, &reader)
            case "hints":
                for item in reader.sequence(entry.value, "hints") ?? [] {
                    if let hint = reader.localized(item, "a hint") { hints.append(hint) }
                }
            default: break
            }
        }
        guard let id else { reader.missing("id", in: "a requirement", at: node.location); return nil }
        guard let statement else { reader.missing("statement", in: "requirement `\(id)`", at: node.location); return nil }
        guard let check else {
            if !entries.contains(where: { $0.key == "check" }) { reader.missing("check", in: "requirement `\(id)`", at: node.location) }
            return nil
        }
        return Requirement(id: id, statement: statement, check: check, hints: hints, location: node.location)
    }
}

/// Small path helpers (no Foundation in the model layers).
public enum PathUtilities {
    public static func join(_ a: String, _ b: String) -> String {
        if b.hasPrefix("/") { return b }
        if a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    public static func lastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
        return String(p.split(separator: "/").last ?? p)
    }

    public static func parent(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.isEmpty else { return "/" }
        parts.removeLast()
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// `relative` against `base`, with `.` and `..` folded.
    public static func resolve(_ relative: String, relativeTo base: String) -> String {
        normalize(join(base, relative))
    }

    /// Whether `path` (absolute, normalized) is `root` or below one of `roots`.
    public static func isInside(_ path: String, anyOf roots: [String]) -> Bool {
        isInside(normalized: normalize(path), roots: roots.map(normalize))
    }

    /// `isInside` for paths and roots already normalized (no allocation per root).
    public static func isInside(normalized path: String, roots: [String]) -> Bool {
        roots.contains { root in
            path == root || (path.hasPrefix(root) && (root == "/" || path.utf8.dropFirst(root.utf8.count).first == UInt8(ascii: "/")))
        }
    }

    public static func normalize(_ path: String) -> String {
        var out: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = out.last, last != ".." { out.removeLast(); continue }
            out.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + out.joined(separator: "/")
    }
}
