import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI

/// A 5,000-line topology file: VPCs, subnets, security groups with rules, instances.
func generatedTopologyText(lines target: Int) -> String {
    var lines = ["# generated for infralab-bench", "outside:", "  admin: 203.0.113.10", "vpcs:"]
    let vpcs = 4
    for v in 0..<vpcs { lines.append("  vpc-\(v): { cidr: 10.\(v).0.0/16, region: ap-northeast-2, internet-gateway: igw-\(v) }") }
    lines.append("subnets:")
    var subnetNames: [String] = []
    for v in 0..<vpcs {
        for s in 0..<40 {
            let name = "sub-\(v)-\(s)"
            subnetNames.append(name)
            lines.append("  \(name): { vpc: vpc-\(v), cidr: 10.\(v).\(s).0/24, az: ap-northeast-2\(s % 2 == 0 ? "a" : "c"), route-table: rt-\(v)-\(s % 2) }")
        }
    }
    lines.append("route-tables:")
    for v in 0..<vpcs {
        lines.append("  rt-\(v)-0:")
        lines.append("    routes:")
        lines.append("      - { to: 0.0.0.0/0, via: igw-\(v) }")
        lines.append("  rt-\(v)-1:")
        lines.append("    routes: []")
    }
    lines.append("security-groups:")
    var groups = 0
    while lines.count < target / 2 {
        let v = groups % vpcs
        lines.append("  sg-\(groups):")
        lines.append("    vpc: vpc-\(v)")
        lines.append("    inbound:")
        lines.append("      - { port: 443, from: internet }")
        lines.append("      - { port: 22, from: admin }")
        lines.append("      - { port: 8080, from: sg-\(max(0, groups - vpcs)) }")
        lines.append("      - { port: 1024-65535, protocol: udp, from: 10.\(v).0.0/16 }")
        groups += 1
    }
    lines.append("instances:")
    var n = 0
    while lines.count < target {
        let v = n % vpcs
        let subnet = "sub-\(v)-\((n / vpcs) % 40)"
        let group = "sg-\((n % max(1, groups / vpcs)) * vpcs + v)"
        lines.append("  i-\(n):")
        lines.append("    subnet: \(subnet)")
        lines.append("    security-groups: [\(group)]")
        lines.append("    role: was")
        n += 1
    }
    return lines.joined(separator: "\n") + "\n"
}

func parseBenchmark() {
    let text = generatedTopologyText(lines: 5_000)
    let lineCount = text.split(separator: "\n").count
    var best = Double.infinity
    var diagnostics = 0
    for _ in 0..<10 {
        let (result, ms) = measure { TopologyLoader.load(text: text, file: "bench.yaml") }
        best = min(best, ms)
        diagnostics = result.diagnostics.count
    }
    print("parse: load + validate a \(lineCount)-line topology (\(text.utf8.count / 1024) KiB): best of 10 = \(format1(best)) ms (\(diagnostics) diagnostics)")
}

func labsDirectory() -> String? {
    LabPack.locateBuiltIn(environment: ProcessInfo.processInfo.environment,
                          executablePath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
}

func labsBenchmark() {
    guard let labs = labsDirectory() else { print("labs: no Labs folder found (set INFRALAB_LABS)"); return }
    let (pack, loadMs) = measure { LabPack.load(directory: labs) }
    var gradeMs = 0.0
    var requirements = 0
    for (mission, step) in pack.allSteps {
        let loaded = TopologyFile.load(path: step.solutionPath)
        guard let topology = loaded.topology else { continue }
        let (grade, ms) = measure { Grader(topology: topology, diagnostics: loaded.diagnostics).grade(mission: mission, step: step) }
        gradeMs += ms
        requirements += grade.results.count
    }
    let (report, checkMs) = measure { LabChecker.check(packDirectory: labs) }
    let mutants = report.missions.reduce(0) { $0 + $1.mutants }
    let variants = report.missions.reduce(0) { $0 + $1.variants }
    print("labs: load \(pack.missions.count) missions in \(format1(loadMs)) ms; grade \(pack.allSteps.count) reference solutions (\(requirements) requirements) in \(format1(gradeMs)) ms")
    print("labs: lab check (\(variants) variants, \(mutants) mutants) in \(format1(checkMs)) ms")
}

/// A process launcher for start-up timing, spawned with `posix_spawn` (Foundation's
/// `Process` adds tens of milliseconds of its own, which would hide the difference).
struct Launcher {
    var executable: String
    var arguments: [String]

    /// Wall time of one launch, in milliseconds, in `directory`, output to /dev/null.
    func launch(in directory: String) -> Double {
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(directory)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let (_, ms) = measure { () -> Void in
            var pid: pid_t = 0
            guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        return ms
    }
}

/// Launches `a` and `b` alternately `runs` times each (so a busy machine slows both
/// alike) and returns each one's times, sorted.
func interleavedLaunches(_ a: Launcher, _ b: Launcher, directory: String, runs: Int) -> ([Double], [Double]) {
    var first: [Double] = [], second: [Double] = []
    for _ in 0..<runs {
        first.append(a.launch(in: directory))
        second.append(b.launch(in: directory))
    }
    return (first.sorted(), second.sorted())
}

/// A learner's workspace on the largest shipped step (the one with the most
/// requirements to grade), made with the built `infralab` next to this executable, for
/// the launch benchmarks; nil (with a line saying why) when the binaries are missing.
struct BenchWorkspace {
    var infralab: String
    var hello: String
    var mission: Mission
    var step: Step
    var path: String

    init?(_ benchmark: String) {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        infralab = PathUtilities.join(PathUtilities.parent(me), "infralab")
        hello = PathUtilities.join(PathUtilities.parent(me), "bench-hello")
        guard FileManager.default.isExecutableFile(atPath: infralab), FileManager.default.isExecutableFile(atPath: hello),
              let labs = labsDirectory() else {
            print("\(benchmark): build infralab and bench-hello in the same configuration first (swift build -c release)")
            return nil
        }
        let pack = LabPack.load(directory: labs)
        guard let (mission, step) = pack.allSteps.max(by: { $0.0.requirements(for: $0.1).count < $1.0.requirements(for: $1.1).count }) else { return nil }
        (self.mission, self.step) = (mission, step)
        path = NSTemporaryDirectory() + "infralab-bench-\(benchmark)-\(ProcessInfo.processInfo.processIdentifier)"
        setenv("INFRALAB_LABS", labs, 1)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        _ = Launcher(executable: infralab, arguments: ["init"]).launch(in: path)
        _ = Launcher(executable: infralab, arguments: ["goto", "\(mission.id)/\(step.id)"]).launch(in: path)
    }

    var topologyPath: String { path + "/topology.yaml" }
    var requirementCount: Int { mission.requirements(for: step).count }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

func startupBenchmark() {
    guard let bench = BenchWorkspace("startup") else { return }
    defer { bench.remove() }
    let (infralab, hello, mission, step, workspace) = (bench.infralab, bench.hello, bench.mission, bench.step, bench.path)
    try? FileManager.default.removeItem(atPath: bench.topologyPath)
    try? FileManager.default.copyItem(atPath: step.solutionPath, toPath: bench.topologyPath)
    let runs = Int(ProcessInfo.processInfo.environment["INFRALAB_BENCH_RUNS"] ?? "") ?? 41
    let (baseline, check) = interleavedLaunches(Launcher(executable: hello, arguments: []), Launcher(executable: infralab, arguments: ["check"]),
                                                directory: workspace, runs: runs)
    let median = { (times: [Double]) in times[times.count / 2] }
    print("startup: `infralab check` on \(mission.id)/\(step.id) (\(bench.requirementCount) requirements) against a Foundation hello-world, \(runs) launches each, alternating:")
    print("startup:   median \(format1(median(check))) ms vs \(format1(median(baseline))) ms — ×\(format2(median(check) / max(median(baseline), 0.001)))")
    print("startup:   fastest \(format1(check[0])) ms vs \(format1(baseline[0])) ms — ×\(format2(check[0] / max(baseline[0], 0.001))) (bar: ×1.5)")
}

@main
struct BenchEntry {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let which = arguments.first ?? "all"
        if which == "engine" || which == "all" { engineBenchmark() }
        if which == "parse" || which == "all" { parseBenchmark() }
        if which == "labs" || which == "all" { labsBenchmark() }
        if which == "startup" || which == "all" { startupBenchmark() }
        if which == "watch" || which == "all" { watchBenchmark() }
        if which == "phases" { arguments.count > 1 ? phasesBenchmark(target: arguments[1]) : phasesBenchmark() }
    }
}
