import Foundation

/// The repository's root, found from this file's path (`Sources/InfralabTestSupport/…`).
public let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // InfralabTestSupport
    .deletingLastPathComponent()  // Sources
    .deletingLastPathComponent()

/// `Tests/Fixtures`: `valid/…`, `invalid/…` topology files shared by the tests.
public let fixturesDirectory: URL = packageRoot.appendingPathComponent("Tests/Fixtures", isDirectory: true)

/// A fixture's URL: `fixture("valid/home-server.yaml")`.
public func fixture(_ relativePath: String) -> URL {
    fixturesDirectory.appendingPathComponent(relativePath)
}

/// A fresh directory under the system's temporary directory, removed by `remove()` or
/// when `withTemporaryDirectory` returns.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "infralab-test") throws {
        let url = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.url = url.resolvingSymlinksInPath()
    }

    /// Writes `contents` to `relativePath` (creating folders) and returns its URL.
    @discardableResult
    public func write(_ contents: String, to relativePath: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        return file
    }

    /// The file's text, or nil when it does not exist.
    public func read(_ relativePath: String) -> String? {
        FileManager.default.contents(atPath: url.appendingPathComponent(relativePath).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file below the directory, as relative paths, sorted.
    public func listing() -> [String] {
        let base = url.path.hasSuffix("/") ? url.path : url.path + "/"
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a fresh temporary directory and removes it afterwards.
public func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try body(directory)
}
