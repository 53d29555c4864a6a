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

/// A learner's folder: `topology.yaml` (theirs) and `.infralab/` (progress, backups).
///
/// Nothing of the learner's is overwritten without a backup in `.infralab/backups/`, and
/// every file infralab writes is written atomically (a temporary file, then a rename).
package struct Workspace: Sendable {
    package static let stateFolder = ".infralab"
    package static let topologyFile = "topology.yaml"

    package let root: String

    package init(root: String) { self.root = PathUtilities.normalize(root) }

    package var topologyPath: String { PathUtilities.join(root, Workspace.topologyFile) }
    package var stateDirectory: String { PathUtilities.join(root, Workspace.stateFolder) }
    package var progressPath: String { PathUtilities.join(stateDirectory, "progress.yaml") }
    package var backupsDirectory: String { PathUtilities.join(stateDirectory, "backups") }

    /// The workspace containing `directory` (it or a parent holds `.infralab/progress.yaml`),
    /// or, in an infralab source checkout, its `workspace/` folder.
    package static func find(from directory: String) -> Workspace? {
        let fm = FileManager.default
        var dir = PathUtilities.normalize(directory)
        while true {
            if fm.fileExists(atPath: PathUtilities.join(dir, "\(stateFolder)/progress.yaml")) { return Workspace(root: dir) }
            let up = PathUtilities.parent(dir)
            if up == dir || dir == "/" { break }
            dir = up
        }
        let checkoutWorkspace = PathUtilities.join(directory, "workspace")
        if isSourceCheckout(directory), fm.fileExists(atPath: PathUtilities.join(checkoutWorkspace, "\(stateFolder)/progress.yaml")) {
            return Workspace(root: checkoutWorkspace)
        }
        return nil
    }

    /// Where `init`/`next` create a workspace when none exists: here, except inside
    /// infralab's own source checkout, where it is `workspace/` (ignored by git) so the
    /// quick start never writes into the sources.
    package static func defaultRoot(for directory: String) -> String {
        isSourceCheckout(directory) ? PathUtilities.join(directory, "workspace") : directory
    }

    static func isSourceCheckout(_ directory: String) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: PathUtilities.join(directory, "Package.swift"))
            && fm.fileExists(atPath: PathUtilities.join(directory, "Sources/infralab"))
            && fm.fileExists(atPath: PathUtilities.join(directory, "Labs"))
    }

    package var exists: Bool { FileManager.default.fileExists(atPath: progressPath) }

    // MARK: Progress

    package enum ProgressError: Error, Sendable {
        case missing
        case unreadable(String)
        case invalid([Diagnostic])
    }

    package func readProgress() -> Result<InfralabLab.Progress, ProgressError> {
        guard FileManager.default.fileExists(atPath: progressPath) else { return .failure(.missing) }
        guard let data = FileManager.default.contents(atPath: progressPath) else { return .failure(.unreadable(progressPath)) }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(.unreadable(progressPath)) }
        let result = InfralabLab.Progress.parse(text, file: LabPack.displayPath(progressPath))
        guard let progress = result.progress else { return .failure(.invalid(result.diagnostics)) }
        return .success(progress)
    }

    package func writeProgress(_ progress: InfralabLab.Progress) throws {
        try Workspace.writeAtomically(progress.serialized(), to: progressPath)
    }

    /// Moves whatever is at `progress.yaml` (a damaged file, an unreadable one, a folder)
    /// into `backups/` — a rename, so it works without reading it — and returns where.
    package func setProgressAside() throws -> String? {
        guard Workspace.entryExists(progressPath) else { return nil }
        try FileManager.default.createDirectory(atPath: backupsDirectory, withIntermediateDirectories: true)
        var path = PathUtilities.join(backupsDirectory, "\(Workspace.timestamp())-progress.yaml")
        var counter = 2
        while Workspace.entryExists(path) {
            path = PathUtilities.join(backupsDirectory, "\(Workspace.timestamp())-progress-\(counter).yaml")
            counter += 1
        }
        guard rename(progressPath, path) == 0 else {
            throw FileError.writeFailed(path: progressPath, reason: String(cString: strerror(errno)))
        }
        return path
    }

    // MARK: The learner's file

    /// Why infralab will not touch a file.
    package enum FileError: Error, Sendable, Equatable {
        /// The file exists but cannot be read (mode 000, owned by root after `sudo`): it
        /// cannot be backed up, so it is not replaced.
        case unreadable(String)
        /// A folder where a file should be.
        case directory(String)
        /// Writing failed (disk full, no permission, …).
        case writeFailed(path: String, reason: String)
    }

    package func readTopologyText() -> String? {
        guard let data = FileManager.default.contents(atPath: topologyPath) else { return nil }
        return String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
    }

    /// The learner's file as bytes; nil when there is none; throws when there is one that
    /// cannot be read (so it cannot be backed up either).
    func currentTopology() throws -> Data? {
        var isDirectory: ObjCBool = false
        guard Workspace.entryExists(topologyPath, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { throw FileError.directory(topologyPath) }
        guard let data = FileManager.default.contents(atPath: topologyPath) else { throw FileError.unreadable(topologyPath) }
        return data
    }

    /// Copies the learner's `topology.yaml` into `.infralab/backups/` (if it exists) and
    /// returns the backup's path. Throws, touching nothing, when it exists but cannot be read.
    @discardableResult
    package func backUpTopology(label: String) throws -> String? {
        guard let data = try currentTopology() else { return nil }
        return try backUp(data, label: label)
    }

    func backUp(_ data: Data, label: String) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: backupsDirectory, withIntermediateDirectories: true)
        let stamp = Workspace.timestamp()
        let safeLabel = String(label.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        var path = PathUtilities.join(backupsDirectory, "\(stamp)-\(safeLabel).yaml")
        var counter = 2
        while Workspace.entryExists(path) {
            path = PathUtilities.join(backupsDirectory, "\(stamp)-\(safeLabel)-\(counter).yaml")
            counter += 1
        }
        try Workspace.writeAtomically(data, to: path)
        return path
    }

    /// Replaces the learner's file with `text`, backing the old one up first when it
    /// differs. Returns the backup's path, if one was made. An unreadable file or a folder
    /// in its place is refused (`FileError`) and left as it is.
    @discardableResult
    package func replaceTopology(with text: String, label: String) throws -> String? {
        var backup: String?
        if let current = try currentTopology(), current != Data(text.utf8) {
            backup = try backUp(current, label: label)
        }
        try Workspace.writeAtomically(text, to: topologyPath)
        return backup
    }

    /// Where the workspace keeps a copy of the topology JSON Schema for editors (the CLI
    /// writes it; `Docs/schema/topology.schema.json` is the same file).
    package var editorSchemaPath: String { PathUtilities.join(stateDirectory, "topology.schema.json") }

    /// A starter as it goes into the workspace: a first line pointing the YAML language
    /// server (VS Code, Neovim) at the schema copy in `.infralab/`, so editors complete
    /// and check `topology.yaml` offline.
    package static func withEditorSchemaLine(_ text: String) -> String {
        let line = "# yaml-language-server: $schema=\(stateFolder)/topology.schema.json"
        return text.hasPrefix("# yaml-language-server:") ? text : line + "\n" + text
    }

    package func create() throws {
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
    }

    // MARK: Helpers

    /// Temporary files of an atomic write start with this; ones left by an interrupted
    /// run are removed by `removeStrayTemporaryFiles`.
    package static let temporaryPrefix = ".infralab-tmp-"

    package static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Writes `data` to a temporary file beside `path`, flushes it to disk, then renames
    /// it over `path`: a reader (or a kill) sees the old file or the new one, never half.
    package static func writeAtomically(_ data: Data, to path: String) throws {
        let directory = PathUtilities.parent(path)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = PathUtilities.join(directory, "\(temporaryPrefix)\(getpid())-\(PathUtilities.lastComponent(path))")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += written
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileError.writeFailed(path: path, reason: String(cString: strerror(failure)))
        }
    }

    /// Removes temporary files an interrupted write left in the workspace.
    package func removeStrayTemporaryFiles() {
        let fm = FileManager.default
        for directory in [root, stateDirectory, backupsDirectory] {
            for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(Workspace.temporaryPrefix) {
                try? fm.removeItem(atPath: PathUtilities.join(directory, name))
            }
        }
    }

    /// Whether something (a file, a folder, a dangling link) is at `path` (`lstat`).
    static func entryExists(_ path: String, isDirectory: UnsafeMutablePointer<ObjCBool>? = nil) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        isDirectory?.pointee = ObjCBool((info.st_mode & S_IFMT) == S_IFDIR)
        return true
    }

    package static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
