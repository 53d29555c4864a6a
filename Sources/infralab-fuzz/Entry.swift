import Foundation
import InfralabSyntax
#if canImport(Glibc)
import Glibc
#endif

/// `infralab-fuzz <topology|missions|cli|all> [--seed N] [--count N] [--limit SECONDS]
/// [--out DIR] [--only INDEX]`: the fuzz harnesses of `Tests/Fuzz/fuzz.py` run
/// in-process, so a million inputs take minutes, not days. See `Tests/Fuzz/README.md`.
struct Options {
    var modes: [String] = []
    var seed: UInt64 = 1
    var count: Int?
    var limit = 2.0
    var out = "/tmp/infralab-fuzz"
    var only: Int?

    static let usage = "usage: infralab-fuzz <topology|missions|cli|all> [--seed N] [--count N] [--limit SECONDS] [--out DIR] [--only INDEX]"
    static let defaultCounts = ["topology": 20_000, "missions": 5_000, "cli": 5_000]

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(_ name: String) -> String {
            guard let next = rest.popFirst() else { Self.fail("\(name) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "topology", "missions", "cli": modes.append(argument)
            case "all": modes += ["topology", "missions", "cli"]
            case "--seed": seed = Self.parsed(UInt64(value(argument)), "--seed takes a whole number")
            case "--count": count = Self.parsed(Int(value(argument)).flatMap { $0 >= 0 ? $0 : nil }, "--count takes a whole number")
            case "--limit": limit = Self.parsed(Double(value(argument)).flatMap { $0 > 0 ? $0 : nil }, "--limit takes seconds")
            case "--out": out = value(argument)
            case "--only": only = Self.parsed(Int(value(argument)).flatMap { $0 >= 0 ? $0 : nil }, "--only takes an input's index")
            case "-h", "--help": say(Self.usage); exit(0)
            default: Self.fail("unknown argument `\(argument)`")
            }
        }
        if modes.isEmpty { Self.fail("name a harness") }
    }

    static func parsed<T>(_ value: T?, _ problem: String) -> T {
        guard let value else { fail(problem) }
        return value
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("infralab-fuzz: \(message)\n\(usage)\n".utf8))
        exit(64)
    }
}

@main
struct FuzzEntry {
    static func main() {
        let options = Options(Array(CommandLine.arguments.dropFirst()))
        guard let root = Corpus.findRoot(from: FileManager.default.currentDirectoryPath) else {
            Options.fail("run it inside the infralab repository (no Labs/ and Solutions/ found here or above)")
        }
        let corpus = Corpus(root: root)
        say("corpus: \(corpus.topologies.count) topologies, \(corpus.missions.count) missions, \(corpus.steps.count) steps (\(root))")
        var findings = 0
        for mode in options.modes { findings += run(mode, options: options, corpus: corpus) }
        exit(findings == 0 ? 0 : 1)
    }

    static let workers = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

    /// Runs one harness over its inputs, `workers` at a time (the input index printed
    /// every 10,000); returns the number of findings.
    static func run(_ mode: String, options: Options, corpus: Corpus) -> Int {
        let runner = Runner(mode: mode, seed: options.seed, limit: options.limit, out: options.out)
        let harness: any Harness =
            switch mode {
            case "topology": TopologyHarness(corpus: corpus)
            case "missions": MissionHarness(corpus: corpus)
            default: CLIHarness(corpus: corpus, workers: workers, out: options.out)
            }
        let indices = options.only.map { $0..<($0 + 1) } ?? 0..<(options.count ?? Options.defaultCounts[mode]!)
        runner.startWatchdog(after: max(10 * options.limit, 20))
        let start = DispatchTime.now().uptimeNanoseconds
        let queue = InputQueue(indices)
        // Each worker takes the next input when it is done with one: a slow input or a
        // core busy with something else does not hold the other back.
        _ = Parallel.map(Array(0..<workers)) { worker in
            while let index = queue.take() {
                if index > indices.lowerBound, (index - indices.lowerBound) % 10_000 == 0 {
                    say("\(mode): input #\(index) (\(index - indices.lowerBound) of \(indices.count)), \(runner.findings.values.reduce(0, +)) findings so far")
                }
                harness.run(index, worker: worker, runner: runner)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let total = runner.findings.values.reduce(0, +)
        let kinds = runner.findings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        say(String(format: "%@: seed %llu, %d inputs in %.1f s (%.0f inputs/s, %d workers), %d findings%@; slowest %.3f s: %@",
                     mode, options.seed, runner.runs, seconds, Double(runner.runs) / max(seconds, 0.001), workers, total,
                     kinds.isEmpty ? "" : " (\(kinds))", runner.slowest.seconds, runner.slowest.label))
        return total
    }
}

/// A line on standard output, written at once (findings and progress must not wait in a
/// buffer when the process dies).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The indices of the inputs still to run, handed out one at a time to the workers.
final class InputQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next: Int
    private let end: Int

    init(_ indices: Range<Int>) {
        next = indices.lowerBound
        end = indices.upperBound
    }

    func take() -> Int? {
        lock.withLock {
            guard next < end else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
