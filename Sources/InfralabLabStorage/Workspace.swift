import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab

/// A learner's folder: `topology.yaml` (theirs) and `.infralab/` (progress, backups).
///
/// Nothing of the learner's is overwritten without a backup in `.infralab/backups/`, and
/// every file infralab writes is written atomically (a temporary file, then a rename).
public struct Workspace: Sendable {
    public static let stateFolder = ".infralab"
    public static let topologyFile = "topology.yaml"

    public let root: String

    public init(root: String) { self.root = PathUtilities.normalize(root) }

    public var topologyPath: String { PathUtilities.join(root, Workspace.topologyFile) }
    public var stateDirectory: String { PathUtilities.join(root, Workspace.stateFolder) }
    public var progressPath: String { PathUtilities.join(stateDirectory, "progress.yaml") }
    public var backupsDirectory: String { PathUtilities.join(stateDirectory, "backups") }

    /// The workspace containing `directory` (it or a parent holds `.infralab/progress.yaml`),
    /// or, in an infralab source checkout, its `workspace/` folder.
    public static func find(from directory: String) -> Workspace? {
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
    public static func defaultRoot(for directory: String) -> String {
        isSourceCheckout(directory) ? PathUtilities.join(directory, "workspace") : directory
    }

    static func isSourceCheckout(_ directory: String) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: PathUtilities.join(directory, "Package.swift"))
            && fm.fileExists(atPath: PathUtilities.join(directory, "Sources/infralab"))
            && fm.fileExists(atPath: PathUtilities.join(directory, "Labs"))
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: progressPath) }

    // MARK: Progress

    public enum ProgressError: Error, Sendable {
        case missing
        case unreadable(String)
        case invalid([Diagnostic])
    }

    public func readProgress() -> Result<InfralabLab.Progress, ProgressError> {
        guard FileManager.default.fileExists(atPath: progressPath) else { return .failure(.missing) }
        guard let data = FileManager.default.contents(atPath: progressPath) else { return .failure(.unreadable(progressPath)) }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(.unreadable(progressPath)) }
        let result = InfralabLab.Progress.parse(text, file: LabPack.displayPath(progressPath))
        guard let progress = result.progress else { return .failure(.invalid(result.diagnostics)) }
        return .success(progress)
    }

    public func writeProgress(_ progress: InfralabLab.Progress) throws {
        try Workspace.writeAtomically(progress.serialized(), to: progressPath)
    }

    // MARK: The learner's file

    public func readTopologyText() -> String? {
        guard let data = FileManager.default.contents(atPath: topologyPath) else { return nil }
        return String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
    }

    /// Copies the learner's `topology.yaml` into `.infralab/backups/` (if it exists) and
    /// returns the backup's path.
    @discardableResult
    public func backUpTopology(label: String) throws -> String? {
        let fm = FileManager.default
        guard let data = fm.contents(atPath: topologyPath) else { return nil }
        try fm.createDirectory(atPath: backupsDirectory, withIntermediateDirectories: true)
        let stamp = Workspace.timestamp()
        let safeLabel = String(label.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        var path = PathUtilities.join(backupsDirectory, "\(stamp)-\(safeLabel).yaml")
        var counter = 2
        while fm.fileExists(atPath: path) {
            path = PathUtilities.join(backupsDirectory, "\(stamp)-\(safeLabel)-\(counter).yaml")
            counter += 1
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// Replaces the learner's file with `text`, backing the old one up first when it
    /// differs. Returns the backup's path, if one was made.
    @discardableResult
    public func replaceTopology(with text: String, label: String) throws -> String? {
        var backup: String?
        if let current = readTopologyText(), current != text {
            backup = try backUpTopology(label: label)
        }
        try Workspace.writeAtomically(text, to: topologyPath)
        return backup
    }

    /// Where the workspace keeps a copy of the topology JSON Schema for editors (the CLI
    /// writes it; `Docs/schema/topology.schema.json` is the same file).
    public var editorSchemaPath: String { PathUtilities.join(stateDirectory, "topology.schema.json") }

    /// A starter as it goes into the workspace: a first line pointing the YAML language
    /// server (VS Code, Neovim) at the schema copy in `.infralab/`, so editors complete
    /// and check `topology.yaml` offline.
    public static func withEditorSchemaLine(_ text: String) -> String {
        let line = "# yaml-language-server: $schema=\(stateFolder)/topology.schema.json"
        return text.hasPrefix("# yaml-language-server:") ? text : line + "\n" + text
    }

    public func create() throws {
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
    }

    // MARK: Helpers

    public static func writeAtomically(_ text: String, to path: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: PathUtilities.parent(path), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    package static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
