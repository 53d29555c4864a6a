import Foundation

/// Every `.yaml` file below `folder` of the repository (`Solutions`, `Labs`), sorted,
/// as absolute paths.
public func yamlFiles(under folder: String) -> [String] {
    let root = packageRoot.appendingPathComponent(folder).path
    let enumerator = FileManager.default.enumerator(atPath: root)
    var paths: [String] = []
    while let path = enumerator?.nextObject() as? String {
        if path.hasSuffix(".yaml") { paths.append(root + "/" + path) }
    }
    return paths.sorted()
}

/// Every reference topology: the solutions under `Solutions/` and their variants.
public var referenceTopologies: [String] { yamlFiles(under: "Solutions") }

/// Every starter topology under `Labs/*/starters/`.
public var starterTopologies: [String] { yamlFiles(under: "Labs").filter { $0.contains("/starters/") } }

/// Every mission file (`Labs/*/mission.yaml`).
public var missionFiles: [String] { yamlFiles(under: "Labs").filter { $0.hasSuffix("/mission.yaml") } }

/// An external program on `PATH` (`dot`, `chromium`, `python3`), or nil when it is not
/// installed: tests that need one are enabled only where it exists.
public func externalTool(_ names: String...) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in names {
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
    }
    return nil
}

/// The result of running an external program.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String
}

/// Runs `tool` with `arguments`, `input` on its standard input; waits at most `timeout`
/// seconds. Output goes through temporary files, so a chatty program cannot stall.
public func runTool(_ tool: String, _ arguments: [String], input: Data? = nil, timeout: TimeInterval = 60) throws -> ToolRun {
    let directory = try TemporaryDirectory(prefix: "infralab-tool")
    defer { directory.remove() }
    let outURL = try directory.write("", to: "stdout")
    let errURL = try directory.write("", to: "stderr")
    let inURL = try directory.write(String(decoding: input ?? Data(), as: UTF8.self), to: "stdin")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = try FileHandle(forReadingFrom: inURL)
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return ToolRun(
        status: process.terminationStatus, stdout: (try? Data(contentsOf: outURL)) ?? Data(),
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}
