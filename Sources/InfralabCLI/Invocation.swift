import Foundation
import InfralabSyntax
import InfralabLab

/// How the learner can run infralab again, as typed — for every command a screen
/// suggests (`infralab next`, `infralab hint`, …).
///
/// `infralab` when that name on `PATH` is this program; `swift run infralab` when the
/// program was started by a path inside a checkout's `.build/` (the way `swift run`
/// starts it) from a folder inside that checkout; otherwise the path the program was
/// started by (`./.build/debug/infralab` outside a checkout, or the absolute path).
package enum Invocation {
    /// The spelling for a program started as `argv0` from `workingDirectory`.
    package static func spelling(argv0: String, executable: String?, workingDirectory: String, environment: [String: String]) -> String {
        let name = "infralab"
        if !argv0.contains("/") { return argv0.isEmpty ? name : argv0 }
        if let executable, isOnPath(name, sameAs: executable, environment: environment) { return name }
        // `swift run` passes the built program's path, absolute or (Swift 6.3) relative to
        // the folder it was run from.
        let absolute = argv0.hasPrefix("/") ? argv0 : PathUtilities.join(workingDirectory, argv0)
        if let range = absolute.range(of: "/.build/") {
            let checkout = PathUtilities.normalize(String(absolute[..<range.lowerBound]))
            let here = PathUtilities.normalize(workingDirectory)
            // `swift run` finds the package from any folder inside the checkout.
            if FileManager.default.fileExists(atPath: PathUtilities.join(checkout, "Package.swift")), PathUtilities.isInside(here, anyOf: [checkout]) {
                return "swift run \(name)"
            }
        }
        return shellQuoted(argv0)
    }

    /// Whether `name` found on `PATH` is the running executable.
    static func isOnPath(_ name: String, sameAs executable: String, environment: [String: String]) -> Bool {
        let target = realPath(executable)
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = PathUtilities.join(String(directory), name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return realPath(candidate) == target }
        }
        return false
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./+@%:".unicodeScalars.contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
