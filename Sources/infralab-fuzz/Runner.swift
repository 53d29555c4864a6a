import Foundation
import InfralabSyntax
import InfralabTestSupport
import InfralabCLI
#if canImport(Glibc)
import Glibc
#endif

/// One input's run: its index, what it was made from, its bytes.
struct FuzzCase {
    var index: Int
    var label: String
    var bytes: [UInt8]
}

/// Counts runs, keeps the slowest, records findings (printed with the input's index and
/// saved under the output folder) and, before each input, leaves it in
/// `current-<worker>.yaml` so an input that crashes the process is found there.
/// Shared by the worker threads (a lock around the counters).
final class Runner: @unchecked Sendable {
    let mode: String
    let seed: UInt64
    let limit: Double
    let out: String
    private let lock = NSLock()
    private(set) var runs = 0
    private var counted: [String: Int] = [:]
    var findings: [String: Int] { lock.withLock { counted } }
    private(set) var slowest: (seconds: Double, label: String) = (0, "")
    /// What each worker is running and since when (nanoseconds), for the watchdog.
    private var started: [Int: (index: Int, at: UInt64)] = [:]

    init(mode: String, seed: UInt64, limit: Double, out: String) {
        self.mode = mode
        self.seed = seed
        self.limit = limit
        self.out = out
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    }

    /// The generator of input `index`: the same for a seed and index whatever the order
    /// the workers take inputs in, so `--only N` reproduces input N.
    func random(for index: Int) -> SeededRandom {
        var random = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        _ = random.next()
        return random
    }

    /// Runs `body` on `input`: saves it first, times it, and records a run over the limit
    /// (inputs under 100 KB) as a finding.
    func run(_ input: FuzzCase, worker: Int, _ body: () -> Void) {
        Self.writeFile(input.bytes, to: "\(out)/current-\(mode)-\(worker).yaml")
        let start = DispatchTime.now().uptimeNanoseconds
        lock.withLock { started[worker] = (input.index, start) }
        body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lock.withLock {
            started[worker] = nil
            runs += 1
            if seconds > slowest.seconds { slowest = (seconds, "#\(input.index) \(input.label) (\(input.bytes.count) B)") }
        }
        if seconds > limit && input.bytes.count < 100_000 {
            finding("slow", input, String(format: "%.2f s", seconds))
        }
    }

    /// Prints and saves one finding.
    func finding(_ kind: String, _ input: FuzzCase, _ detail: String) {
        lock.withLock { counted[kind, default: 0] += 1 }
        let file = "\(out)/\(mode)-\(seed)-\(input.index)-\(kind).yaml"
        Self.writeFile(input.bytes, to: file)
        let shown = detail.unicodeScalars.count > 400 ? String(String.UnicodeScalarView(detail.unicodeScalars.prefix(400))) + "…" : detail
        say("finding \(kind): #\(input.index) \(input.label) (\(input.bytes.count) B): \(shown.debugDescription) → \(file)")
    }

    /// Reports inputs that have been running for `seconds` or more (every input is
    /// reported once): an input that never finishes stalls the run without a finding
    /// otherwise. Its bytes are in `current-<mode>-<worker>.yaml`.
    func startWatchdog(after seconds: Double) {
        let thread = Thread { [self] in
            var reported = Set<Int>()
            while true {
                Thread.sleep(forTimeInterval: 1)
                let now = DispatchTime.now().uptimeNanoseconds
                let running = lock.withLock { started }
                for (worker, item) in running where Double(now - item.at) / 1e9 > seconds && !reported.contains(item.index) {
                    reported.insert(item.index)
                    say("still running: #\(item.index) after \(Int(seconds)) s (its input is \(out)/current-\(mode)-\(worker).yaml)")
                            }
            }
        }
        thread.start()
    }

    static func writeFile(_ bytes: [UInt8], to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        close(descriptor)
    }
}

/// The checks every harness applies to what it rendered.
enum Checks {
    /// Codes of diagnostics about a whole file or folder (it cannot be read, or is not
    /// UTF-8): they need no line and column (and come with exit 66, or a pack's summary).
    static let wholeFile: Set<String> = ["file.unreadable", "file.not-utf8", "lab.pack-unreadable", "lab.unreadable"]
    /// Of those, the ones about the command's own input: Docs/cli.md says exit 66.
    static let missingInput = ["[file.unreadable]", "[file.not-utf8]", "[lab.pack-unreadable]"]

    /// Why an error among `diagnostics` is not located in `lines` of `file` (nil when
    /// every one is): no location, a line or column below 1, or a place past the text's
    /// end (columns count Unicode scalars, as the parser does).
    static func unlocated(_ diagnostics: [Diagnostic], file: String, lines: [String]) -> String? {
        for diagnostic in diagnostics where diagnostic.severity == .error && !wholeFile.contains(diagnostic.code) {
            guard let location = diagnostic.location else { return "\(diagnostic.code) has no location" }
            guard location.line >= 1, location.column >= 1 else { return "\(diagnostic.code) at \(location)" }
            guard location.file == file else { continue }
            if location.line > lines.count + 1 { return "\(diagnostic.code) at \(location), past the last line (\(lines.count))" }
            if location.line <= lines.count, location.column > lines[location.line - 1].unicodeScalars.count + 1 {
                return "\(diagnostic.code) at \(location), past the end of its line"
            }
        }
        return nil
    }

    /// `text` as the CLI prints it with colour off: through `Output`, which strips what
    /// would drive a terminal (the renderers themselves are plain text in, text out).
    static func printed(_ text: String) -> String {
        let sink = CapturedOutput()
        Output(sink, colorize: false).write(text)
        return sink.text
    }

    /// The fuzz.py test on a command's output, per diagnostic: every `error:` headline
    /// that ends in a diagnostic code (`[topology.unknown-key]`, perhaps wrapped onto
    /// indented lines) is followed by `--> file:line:column`. Other `error:` lines are
    /// the command's own messages (a usage error, a refusal), not diagnostics.
    static func unlocatedInOutput(_ text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index].hasPrefix("error:") || lines[index].hasPrefix("오류:") else { continue }
            var headline = String(lines[index])
            while index + 1 < lines.count, lines[index + 1].hasPrefix("   "), !lines[index + 1].contains("-->"),
                  !lines[index + 1].contains("|"), !lines[index + 1].contains("= ") {
                index += 1
                headline += " " + lines[index].drop { $0 == " " }
            }
            guard let code = diagnosticCode(headline), !wholeFile.contains(code) else { continue }
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            guard let arrow = next.range(of: "--> ") else { return "no place after \(headline.debugDescription)" }
            let place = next[arrow.upperBound...].split(separator: ":")
            guard place.count >= 3, let line = Int(place[place.count - 2]), let column = Int(place[place.count - 1]), line >= 1, column >= 1 else {
                return "\(next.debugDescription) after \(headline.debugDescription)"
            }
        }
        return nil
    }

    /// The diagnostic code a headline ends in (`[a.b-c]`), if it does.
    static func diagnosticCode(_ headline: String) -> String? {
        guard headline.hasSuffix("]"), let open = headline.lastIndex(of: "[") else { return nil }
        let code = headline[headline.index(after: open)..<headline.index(before: headline.endIndex)]
        let isCode = code.contains(".") && code.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }
        return isCode ? String(code) : nil
    }
}
