import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation
import InfralabCLI
import InfralabTestSupport
import Testing

/// `grade --format gradescope|prairielearn|github-classroom|csv` against each platform's
/// published field list, and the Gradescope bundle run in a simulated `/autograder`.
@Suite struct LMSFormatTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path
    /// Mission 4, step 3: the starter passes 9 of 10 requirements (a partial score).
    static let step = "4.3"
    static let solution = packageRoot.appendingPathComponent("Solutions/04-bastion/db-through-bastion.yaml").path
    static let starter = packageRoot.appendingPathComponent("Labs/04-bastion/starters/db-through-bastion.yaml").path
    /// The starter's line that fails the step: the DB group's `{ port: 22,   from: admin }`
    /// (found, so that comments added above it do not break the test).
    static let failingLine: Int = {
        let lines = ((try? String(contentsOfFile: starter, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains("{ port: 22,   from: admin }") } ?? -1) + 1
    }()

    // Published field lists. Gradescope: gradescope-autograders.readthedocs.io/en/latest/specs/
    static let gradescopeTop: Set = ["score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
                                     "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"]
    static let gradescopeTest: Set = ["score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
                                      "tags", "visibility", "extra_data"]
    // PrairieLearn: docs/externalGrading.md, "Grading results".
    static let prairieTop: Set = ["gradable", "score", "message", "output", "format_errors", "images", "tests"]
    static let prairieTest: Set = ["name", "description", "points", "max_points", "message", "output", "images"]
    // GitHub Classroom: what autograding-io-grader hands autograding-grading-reporter.
    static let classroomTop: Set = ["version", "status", "max_score", "tests"]
    static let classroomTest: Set = ["name", "status", "message", "test_code", "filename", "line_no", "duration", "score"]

    func grade(_ files: [String], _ format: String, _ extra: [String] = []) throws -> Any {
        let run = runCLI(["grade"] + files + ["--step", Self.step, "--labs", Self.labs, "--format", format] + extra)
        #expect(run.status == 0, "\(run)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    @Test("gradescope: per submission, only published fields, every test with name, score, max_score, status, output, visibility")
    func gradescope() throws {
        for (file, expected) in [(Self.solution, 10), (Self.starter, 9)] {
            let result = try #require(try grade([file], "gradescope", ["--visibility", "after_due_date"]) as? [String: Any])
            #expect(Set(result.keys).isSubset(of: Self.gradescopeTop), "unpublished top-level keys: \(Set(result.keys).subtracting(Self.gradescopeTop))")
            let tests = try #require(result["tests"] as? [[String: Any]])
            #expect(tests.count == 10)
            for test in tests {
                #expect(Set(test.keys) == ["name", "score", "max_score", "status", "output", "visibility"], "\(test.keys)")
                #expect(["passed", "failed"].contains(test["status"] as? String))
                #expect(test["visibility"] as? String == "after_due_date")
                #expect((test["status"] as? String == "passed") == (test["score"] as? Int == test["max_score"] as? Int))
            }
            #expect(result["score"] as? Int == expected, "score is the sum of the tests' scores")
            #expect(tests.compactMap { $0["score"] as? Int }.reduce(0, +) == expected)
        }
        let failing = try #require(try grade([Self.starter], "gradescope") as? [String: Any])
        let failed = try #require((failing["tests"] as? [[String: Any]])?.first { $0["status"] as? String == "failed" })
        #expect((failed["output"] as? String)?.contains("db-through-bastion.yaml:\(Self.failingLine):9") == true,
                "the failing test's output says why and where: \(failed["output"] ?? "")")
        #expect(runCLI(["grade", Self.starter, "--step", Self.step, "--labs", Self.labs, "--format", "gradescope", "--visibility", "soon"]).status == 64)
        #expect(runCLI(["grade", Self.starter, "--step", Self.step, "--labs", Self.labs, "--format", "csv", "--visibility", "hidden"]).status == 64,
                "--visibility means nothing to the other formats")
    }

    @Test("prairielearn: score in [0, 1], tests with points and max_points; a file that is not YAML is not gradable")
    func prairieLearn() throws {
        let result = try #require(try grade([Self.starter], "prairielearn") as? [String: Any])
        #expect(Set(result.keys).isSubset(of: Self.prairieTop), "\(result.keys)")
        #expect(result["gradable"] as? Bool == true)
        #expect(result["score"] as? Double == 0.9, "9 of 10 requirements: \(result["score"] ?? "nil")")
        let tests = try #require(result["tests"] as? [[String: Any]])
        for test in tests {
            #expect(Set(test.keys).isSubset(of: Self.prairieTest), "\(test.keys)")
            #expect(test["max_points"] as? Int == 1)
        }
        #expect(tests.compactMap { $0["points"] as? Int }.reduce(0, +) == 9)
        #expect((try grade([Self.solution], "prairielearn") as? [String: Any])?["score"] as? Double == 1.0)

        let directory = freshWorkingDirectory()
        try "vpcs: [unclosed\n".write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let broken = try #require(try grade([directory.appendingPathComponent("broken.yaml").path], "prairielearn") as? [String: Any])
        #expect(broken["gradable"] as? Bool == false, "a YAML syntax error costs no attempt")
        #expect(broken["score"] == nil)
        let errors = try #require(broken["format_errors"] as? [String])
        #expect(errors.first?.contains("broken.yaml:1:") == true, "format errors are located: \(errors)")
    }

    @Test("github-classroom: version 1, pass/fail, max_score, and tests the reporter sums")
    func gitHubClassroom() throws {
        let result = try #require(try grade([Self.starter], "github-classroom") as? [String: Any])
        #expect(Set(result.keys) == Self.classroomTop, "\(result.keys)")
        #expect(result["version"] as? Int == 1)
        #expect(result["status"] as? String == "fail")
        #expect(result["max_score"] as? Int == 10)
        let tests = try #require(result["tests"] as? [[String: Any]])
        for test in tests {
            #expect(Set(test.keys) == Self.classroomTest, "\(test.keys)")
            #expect(["pass", "fail"].contains(test["status"] as? String))
        }
        // The reporter's arithmetic: passing tests / all tests × max_score.
        let passing = tests.filter { $0["status"] as? String == "pass" }.count
        #expect(passing * 10 / tests.count == 9)
        let failed = try #require(tests.first { $0["status"] as? String == "fail" })
        #expect(failed["line_no"] as? Int == Self.failingLine, "the line to look at")
        #expect((try grade([Self.solution], "github-classroom") as? [String: Any])?["status"] as? String == "pass")
    }

    @Test("csv: RFC 4180 — a header, one CRLF row per submission, awkward names quoted")
    func csv() throws {
        let directory = freshWorkingDirectory()
        let awkward = "we\"ird, name.yaml"
        try FileManager.default.copyItem(atPath: Self.starter, toPath: directory.appendingPathComponent(awkward).path)
        try FileManager.default.copyItem(atPath: Self.solution, toPath: directory.appendingPathComponent("alice.yaml").path)
        let run = runCLI(["grade", "alice.yaml", awkward, "--step", Self.step, "--labs", Self.labs, "--format", "csv"], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasSuffix("\r\n") && !run.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
        let rows = Self.parseCSV(run.stdout)
        #expect(rows.count == 3, "a header and one row per submission: \(rows)")
        let header = try #require(rows.first)
        #expect(header.prefix(7) == ["submission", "mission", "step", "score", "max_score", "percent", "passed"])
        #expect(rows.allSatisfy { $0.count == header.count }, "every row has every column")
        func cell(_ row: Int, _ name: String) -> String? { header.firstIndex(of: name).map { rows[row][$0] } }
        #expect(cell(1, "score") == "10" && cell(1, "passed") == "true")
        #expect(cell(2, "submission")?.hasSuffix(awkward) == true, "the name survives quoting: \(rows[2])")
        #expect(cell(2, "score") == "9" && cell(2, "percent") == "90.0")
        #expect(cell(2, "db-ssh-via-bastion") == "0" && cell(2, "failing") == "db-ssh-via-bastion")
    }

    /// An RFC 4180 reader, to read the output back as a gradebook would.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }

    @Test("lab autograder refuses a folder holding other files, and replaces its own bundle")
    func destination() throws {
        let directory = freshWorkingDirectory()
        try "notes".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let binary = try InfralabBinary.url().path
        let refused = runCLI(["lab", "autograder", "--step", Self.step, "--labs", Self.labs, "-o", directory.path, "--binary", binary])
        #expect(refused.status == 1 && refused.stderr.contains("not an infralab autograder"), "\(refused)")
        let bundle = directory.appendingPathComponent("bundle").path
        let common = ["lab", "autograder", "--step", Self.step, "--labs", Self.labs, "-o", bundle, "--binary", binary]
        #expect(runCLI(common).status == 0)
        let again = runCLI(common + ["--json"])
        #expect(again.status == 0, "a second run replaces the first bundle")
        // The binary's needs, read from its ELF dynamic section, agree with ldd's.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        let libraries = try #require(report["sharedLibraries"] as? [String])
        #expect(libraries.contains("libc.so.6"), "\(libraries)")
        #expect(report["swiftRuntimeLinkedDynamically"] as? Bool == libraries.contains("libswiftCore.so"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/ldd") {
            let ldd = try Self.bash("-c", ["INFRALAB_BINARY": binary], script: "/usr/bin/ldd \"$INFRALAB_BINARY\"")
            for library in libraries where !library.hasPrefix("ld-linux") { #expect(ldd.stdout.contains(library), "ldd lacks \(library)") }
        }
        #expect(runCLI(["lab", "autograder", "--step", Self.step, "--labs", Self.labs]).status == 64, "--output is required")
        #expect(runCLI(["lab", "autograder", "--step", "9.9", "--labs", Self.labs, "-o", bundle]).status == 1, "an unknown step")
    }

    @Test("the bundle's run_autograder in a simulated /autograder: full, partial and zero scores")
    func bundleRun() throws {
        let root = freshWorkingDirectory().appendingPathComponent("autograder")
        let source = root.appendingPathComponent("source").path
        let made = try InfralabBinary.run(["lab", "autograder", "--step", Self.step, "--labs", Self.labs, "-o", source])
        #expect(made.status == 0, "\(made)")
        // Gradescope copies run_autograder to /autograder and runs setup.sh once.
        try FileManager.default.copyItem(atPath: source + "/run_autograder", toPath: root.appendingPathComponent("run_autograder").path)
        let environment = ["INFRALAB_AUTOGRADER_ROOT": root.path, "PATH": "/usr/bin:/bin"]
        #expect(try Self.bash(source + "/setup.sh", environment).status == 0)

        func grade(_ files: [String: String]) throws -> [String: Any] {
            let submission = root.appendingPathComponent("submission")
            try? FileManager.default.removeItem(at: submission)
            try? FileManager.default.removeItem(at: root.appendingPathComponent("results"))
            try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
            for (name, path) in files { try FileManager.default.copyItem(atPath: path, toPath: submission.appendingPathComponent(name).path) }
            let run = try Self.bash(root.appendingPathComponent("run_autograder").path, environment)
            #expect(run.status == 0, "\(run)")
            let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        let full = try grade(["topology.yaml": Self.solution])
        let tests = try #require(full["tests"] as? [[String: Any]])
        #expect(full["score"] as? Int == 10 && tests.count == 10, "a correct answer: full marks")
        let partial = try grade(["answer.yaml": Self.starter])
        #expect(partial["score"] as? Int == 9, "a wrong answer, the only .yaml there: partial marks")
        let none = try grade([:])
        #expect(none["score"] as? Int == 0 && (none["output"] as? String)?.contains("No topology.yaml") == true, "\(none)")
        let several = try grade(["a.yaml": Self.solution, "b.yaml": Self.starter])
        #expect(several["score"] as? Int == 0 && (several["output"] as? String)?.contains("several") == true, "\(several)")
    }

    static func bash(_ script: String, _ environment: [String: String], script inline: String? = nil) throws -> CLIRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = inline.map { ["-c", $0] } ?? [script]
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
