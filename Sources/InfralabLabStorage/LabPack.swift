import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder of missions (`Labs/`), loaded from disk, in order.
package struct LabPack: Sendable {
    package var directory: String
    package var missions: [Mission]
    /// Every mission folder of the pack (`01-home-server`, …), in order — also when only
    /// some missions were loaded.
    package var missionFolders: [String] = []
    /// Problems in the mission files (located). Missions with errors are left out of
    /// `missions`, so a learner's session never runs a broken mission.
    package var diagnostics: [Diagnostic]

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The code of the one diagnostic of a pack whose folder cannot be read (missing, not
    /// a folder, no permission): about the folder as a whole, with no line to point at.
    package static let unreadableCode = "lab.pack-unreadable"

    /// Whether the pack's folder could not be read at all: a missing input (exit 66), not a
    /// pack with errors.
    package var isUnreadable: Bool { missions.isEmpty && diagnostics.contains { $0.code == Self.unreadableCode } }

    package func mission(withID id: String) -> Mission? { missions.first { $0.id == id } }

    /// The mission and step after `step` of `mission`, crossing into the next mission.
    package func position(after missionID: String, step stepID: String) -> (Mission, Step)? {
        guard let mi = missions.firstIndex(where: { $0.id == missionID }), let si = missions[mi].index(ofStep: stepID) else { return nil }
        if si + 1 < missions[mi].steps.count { return (missions[mi], missions[mi].steps[si + 1]) }
        if mi + 1 < missions.count, let first = missions[mi + 1].steps.first { return (missions[mi + 1], first) }
        return nil
    }

    package var allSteps: [(Mission, Step)] { missions.flatMap { m in m.steps.map { (m, $0) } } }

    /// Loads every `NN-slug/mission.yaml` under `directory`, or, with `onlyMission`, just
    /// the mission with that id (commands that grade one step need no more; a mission
    /// whose `id:` is not found by a quick look at its file is loaded to make sure).
    /// Solutions default to `<directory>/../Solutions/NN-slug/`.
    package static func load(directory: String, onlyMission: String? = nil) -> LabPack {
        let fm = FileManager.default
        let root = PathUtilities.normalize(directory.hasPrefix("/") ? directory : PathUtilities.join(fm.currentDirectoryPath, directory))
        var diagnostics: [Diagnostic] = []
        var missions: [Mission] = []
        guard let names = try? fm.contentsOfDirectory(atPath: root) else {
            diagnostics.append(.error(unreadableCode,
                                      LocalizedText(en: "cannot read the lab folder `\(directory)`", ko: "랩 폴더 \(Korean.object("`\(directory)`")) 읽을 수 없어요"),
                                      at: nil))
            return LabPack(directory: root, missions: [], diagnostics: diagnostics)
        }
        let solutionsRoot = PathUtilities.join(PathUtilities.parent(root), "Solutions")
        let folders = names.sorted().filter { $0.first?.isNumber == true && fm.fileExists(atPath: PathUtilities.join(PathUtilities.join(root, $0), "mission.yaml")) }
        for name in searchOrder(folders, onlyMission: onlyMission) {
            let folder = PathUtilities.join(root, name)
            let file = PathUtilities.join(folder, "mission.yaml")
            let contents = try? String(contentsOfFile: file, encoding: .utf8)
            if let onlyMission, let contents, let id = quickID(contents), id != onlyMission { continue }
            guard let text = contents else {
                diagnostics.append(.error("lab.unreadable", LocalizedText(en: "cannot read `\(file)` as UTF-8 text", ko: "\(Korean.object("`\(file)`")) UTF-8 텍스트로 읽을 수 없어요"), at: nil))
                continue
            }
            let result = MissionLoader.load(text: text, file: displayPath(file), directory: folder, solutionsRoot: solutionsRoot)
            diagnostics += result.diagnostics
            let links = result.mission.map { symlinkProblems($0, packRoot: root, solutionsRoot: solutionsRoot) } ?? []
            diagnostics += links
            if let mission = result.mission, !result.hasErrors, links.isEmpty {
                if let twin = missions.first(where: { $0.id == mission.id }) {
                    diagnostics.append(.error("lab.duplicate-mission",
                                              LocalizedText(en: "two missions have the id `\(mission.id)`", ko: "id가 `\(mission.id)`인 미션이 두 개 있어요"),
                                              at: mission.location, notes: [.init(LocalizedText(en: "the other one", ko: "다른 하나"), at: twin.location)]))
                    continue
                }
                missions.append(mission)
                if onlyMission != nil && mission.id == onlyMission { break }
            }
        }
        if onlyMission != nil && missions.isEmpty { return load(directory: directory) }
        var pack = LabPack(directory: root, missions: missions, diagnostics: diagnostics)
        pack.missionFolders = folders
        return pack
    }

    /// The folders in the order to read them: all of them, or for one mission the folder
    /// named after it (`NN-<id>`) first, so that `check` reads one mission file, not the pack.
    static func searchOrder(_ folders: [String], onlyMission: String?) -> [String] {
        guard let onlyMission else { return folders }
        let named = folders.filter { $0.drop { $0.isNumber }.dropFirst() == onlyMission[...] }
        return named + folders.filter { !named.contains($0) }
    }

    /// Starters and solutions that are symbolic links, or sit under one, inside the pack:
    /// a link could lead anywhere (`~/.ssh/id_rsa`), so a pack may not use them.
    static func symlinkProblems(_ mission: Mission, packRoot: String, solutionsRoot: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let roots = [PathUtilities.normalize(packRoot), PathUtilities.normalize(solutionsRoot)]
        var clean: Set<String> = []  // folders already known to be no link
        for step in mission.steps {
            let files = [(PathUtilities.resolve(step.starterPath, relativeTo: mission.directory), "starter", step.starterLocation),
                         (step.solutionPath, "solution", step.solutionLocation)]
            for (path, key, location) in files {
                guard let link = symlink(in: path, normalizedRoots: roots, clean: &clean) else { continue }
                problems.append(.error("lab.symlink", LocalizedText(
                    en: "`\(key):` of step `\(step.id)` goes through the symbolic link `\(displayPath(link))`; a mission pack may not use links (copy the file instead)",
                    ko: "`\(step.id)` 단계의 `\(key):` 경로가 심볼릭 링크(`\(displayPath(link))`)를 거쳐요. 미션 묶음에는 링크를 쓸 수 없어요 (파일을 복사해 주세요)"),
                    at: location ?? step.location))
            }
        }
        return problems
    }

    /// The first symbolic link on the way from the root holding `path` down to it, if any.
    package static func symlink(in path: String, roots: [String]) -> String? {
        var clean: Set<String> = []
        return symlink(in: PathUtilities.normalize(path), normalizedRoots: roots.map(PathUtilities.normalize), clean: &clean)
    }

    static func symlink(in path: String, normalizedRoots roots: [String], clean: inout Set<String>) -> String? {
        guard let root = roots.filter({ path == $0 || path.hasPrefix($0 + "/") }).max(by: { $0.count < $1.count }) else { return nil }
        var current = root
        for part in path.dropFirst(root.count).split(separator: "/") {
            current += "/" + part
            if clean.contains(current) { continue }
            var info = stat()
            if lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { return current }
            clean.insert(current)
        }
        return nil
    }

    /// Reads a file of the pack, refusing one outside `roots` or reached through a link.
    package static func readConfined(_ path: String, roots: [String]) -> String? {
        guard PathUtilities.isInside(path, anyOf: roots), symlink(in: path, roots: roots) == nil else { return nil }
        return FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// The value of a top-level `id:` line, if the file has a plain one. Scans bytes:
    /// grapheme-aware splitting would cost more than parsing the mission.
    static func quickID(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if lineEnd - lineStart > 3, bytes[lineStart] == UInt8(ascii: "i"), bytes[lineStart + 1] == UInt8(ascii: "d"),
               bytes[lineStart + 2] == UInt8(ascii: ":") {
                var value = bytes[(lineStart + 3)..<lineEnd]
                if let hash = value.firstIndex(of: UInt8(ascii: "#")) { value = value[..<hash] }
                while let first = value.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { value = value.dropFirst() }
                while let last = value.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") { value = value.dropLast() }
                guard !value.isEmpty, !value.contains(where: { "\"'{[".utf8.contains($0) }) else { return nil }
                return String(decoding: value, as: UTF8.self)
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// Paths in messages: relative to the working directory when under it.
    package static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The built-in pack: `INFRALAB_LABS`, else a `Labs` folder beside the executable or
    /// above it (a checkout's `.build/debug/infralab` finds the checkout's `Labs/`), else
    /// `<prefix>/share/infralab/Labs`.
    package static func locateBuiltIn(environment: [String: String], executablePath: String?) -> String? {
        if let explicit = environment["INFRALAB_LABS"], !explicit.isEmpty { return explicit }
        let fm = FileManager.default
        var candidates: [String] = []
        let exe = executablePath.map { path -> String in
            guard let target = try? fm.destinationOfSymbolicLink(atPath: path) else { return path }
            return target.hasPrefix("/") ? target : PathUtilities.resolve(target, relativeTo: PathUtilities.parent(path))
        }
        if let exe {
            var dir = PathUtilities.parent(exe)
            for _ in 0..<6 {
                candidates.append(PathUtilities.join(dir, "Labs"))
                candidates.append(PathUtilities.join(dir, "share/infralab/Labs"))
                let up = PathUtilities.parent(dir)
                if up == dir { break }
                dir = up
            }
        }
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue,
               let names = try? fm.contentsOfDirectory(atPath: candidate),
               names.contains(where: { fm.fileExists(atPath: PathUtilities.join(PathUtilities.join(candidate, $0), "mission.yaml")) }) {
                return candidate
            }
        }
        return nil
    }
}
