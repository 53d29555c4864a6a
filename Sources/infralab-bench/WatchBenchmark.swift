import Foundation
import InfralabLab
import InfralabLabStorage

/// `infralab watch` on the largest step: the time from a save (an atomic rename, as
/// editors do) to the re-graded screen, next to a Foundation hello-world's launch. The
/// watcher runs with `--count 2`, so it exits right after the second grading: the
/// latency is the save to the last byte of the second screen.
func watchBenchmark() {
    guard let bench = BenchWorkspace("watch") else { return }
    defer { bench.remove() }
    let (infralab, hello, mission, step, workspace, topology) = (bench.infralab, bench.hello, bench.mission, bench.step, bench.path, bench.topologyPath)
    // Two failing files (the step's starter and one wrong-in-one-way variant), so that no
    // grading moves the workspace on.
    let starter = (try? String(contentsOfFile: topology, encoding: .utf8)) ?? ""
    let variantsFolder = PathUtilities.join(PathUtilities.join(PathUtilities.parent(PathUtilities.parent(step.solutionPath)), "variants"), step.id)
    let variant = ((try? FileManager.default.contentsOfDirectory(atPath: variantsFolder)) ?? []).sorted().first { $0.hasSuffix(".yaml") }
        .flatMap { try? String(contentsOfFile: PathUtilities.join(variantsFolder, $0), encoding: .utf8) } ?? starter + "\n# saved\n"
    let runs = Int(ProcessInfo.processInfo.environment["INFRALAB_BENCH_RUNS"] ?? "") ?? 21
    var latencies: [Double] = [], launches: [Double] = []
    for run in 0..<runs {
        try? (run % 2 == 0 ? starter : variant).write(toFile: topology, atomically: true, encoding: .utf8)
        guard let latency = saveToRegrade(infralab, workspace: workspace, topology: topology, saving: run % 2 == 0 ? variant : starter) else { continue }
        latencies.append(latency)
        launches.append(Launcher(executable: hello, arguments: []).launch(in: workspace))
    }
    latencies.sort()
    launches.sort()
    guard !latencies.isEmpty else { print("watch: no measurement (the watcher did not start)"); return }
    let median = { (times: [Double]) in times[times.count / 2] }
    print("watch: save → re-graded screen of \(mission.id)/\(step.id) (\(bench.requirementCount) requirements), \(latencies.count) saves:")
    print("watch:   median \(format1(median(latencies))) ms, fastest \(format1(latencies[0])) ms; a hello-world's launch: median \(format1(median(launches))) ms")
}

/// Starts `infralab watch --count 2`, waits for its first screen, saves `saving` over
/// `topology` by a rename, and returns the milliseconds until the re-graded screen's
/// last byte.
private func saveToRegrade(_ infralab: String, workspace: String, topology: String, saving text: String) -> Double? {
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let arguments = [infralab, "watch", "--count", "2"]
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    let previous = FileManager.default.currentDirectoryPath
    _ = FileManager.default.changeCurrentDirectoryPath(workspace)
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, infralab, &actions, nil, argv, environ) == 0 else { return nil }
    close(pipe[1])
    defer { close(pipe[0]) }
    var buffer = [UInt8](repeating: 0, count: 65_536)
    guard read(pipe[0], &buffer, buffer.count) > 0 else { return nil }  // the first screen has begun
    usleep(100_000)  // … and is finished: the watcher waits on the file
    let staged = topology + ".saving"
    try? text.write(toFile: staged, atomically: false, encoding: .utf8)
    let start = DispatchTime.now().uptimeNanoseconds
    rename(staged, topology)
    // The screen is done when its last byte arrives (the watcher then exits: end of file).
    var last = start
    while read(pipe[0], &buffer, buffer.count) > 0 { last = DispatchTime.now().uptimeNanoseconds }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return last > start ? Double(last - start) / 1e6 : nil
}
