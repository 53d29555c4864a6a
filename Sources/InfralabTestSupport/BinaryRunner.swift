import Foundation

/// Runs the built `infralab` executable, for end-to-end tests.
///
/// `swift test` builds every product of the package, so the binary sits next to the test
/// bundle in `.build/<triple>/<configuration>/`. Set `INFRALAB_BINARY` to test another
/// build (a release binary, an installed copy).
public enum InfralabBinary {
    public enum LookupError: Error, CustomStringConvertible {
        case notFound([String])

        public var description: String {
            switch self {
            case .notFound(let tried):
                "the infralab binary was not found (tried: \(tried.joined(separator: ", "))); run `swift build` first or set INFRALAB_BINARY"
            }
        }
    }

    /// Where the built `infralab` is.
    public static func url() throws -> URL {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["INFRALAB_BINARY"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        // Next to the test bundle: `.build/<triple>/debug/infralabPackageTests.xctest` on
        // Linux (an executable), `…/infralabPackageTests.xctest/Contents/MacOS/…` on macOS.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("infralab"))
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("infralab"))
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/infralab"))
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        throw LookupError.notFound(candidates.map(\.path))
    }

    /// Runs the binary with `arguments` and returns its status and output.
    ///
    /// The environment is `environment` only (defaults to `testEnvironment`), so host
    /// settings such as `NO_COLOR` or `LANG` do not leak into assertions.
    public static func run(
        _ arguments: [String],
        environment: [String: String] = testEnvironment,
        workingDirectory: URL? = nil,
        stdin: String? = nil
    ) throws -> CLIRun {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }

        // Output goes to files rather than pipes: no reader threads to starve when many
        // tests run processes at once on a small machine.
        let scratch = try TemporaryDirectory(prefix: "infralab-run")
        defer { scratch.remove() }
        let outURL = try scratch.write("", to: "stdout")
        let errURL = try scratch.write("", to: "stderr")
        let inURL = try scratch.write(stdin ?? "", to: "stdin")
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
            try? inHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        // `waitUntilExit` polls a run loop; the termination handler answers as soon as
        // the child exits.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        exited.wait()
        let outData = try Data(contentsOf: outURL)
        let errData = try Data(contentsOf: errURL)
        return CLIRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
