import Foundation
import InfralabTestSupport
import Testing

/// The built `infralab` binary, run as a user would.
@Suite("infralab binary", .tags(.cli, .endToEnd))
struct CLIEndToEndTests {
    @Test func help() throws {
        let run = try InfralabBinary.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Learning:"))
        #expect(run.stderr.isEmpty)
    }

    @Test func version() throws {
        let run = try InfralabBinary.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "infralab 0.1.0\n")
    }

    @Test func validateMissingFile() throws {
        try withTemporaryDirectory { directory in
            let run = try InfralabBinary.run(["validate"], workingDirectory: directory.url)
            #expect(run.status == 66)
            #expect(run.stderr == "error: no such file: topology.yaml\n")
            #expect(directory.listing().isEmpty)
        }
    }

    @Test func validateFromStandardInput() throws {
        let valid = try InfralabBinary.run(["validate", "-", "--json"], stdin: "# empty\n")
        #expect(valid.status == 0)
        #expect(valid.stdout.contains("\"file\": \"<stdin>\""))
        let invalid = try InfralabBinary.run(["validate", "-"], stdin: "vpcs: [oops\n")
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains(" --> <stdin>:1:"))
    }

    @Test func unknownCommand() throws {
        let run = try InfralabBinary.run(["nxt"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("did you mean `next`?"))
        #expect(run.stdout.isEmpty)
    }

    @Test func noColourThroughAPipeEvenWithATerminalType() throws {
        let run = try InfralabBinary.run(["--help"], environment: ["TERM": "xterm-256color"])
        #expect(!run.stdout.contains("\u{1B}["))
    }
}

/// `validate` over the shared fixtures: every valid one passes, every invalid one fails.
@Suite("infralab validate: fixtures", .tags(.cli))
struct CLIValidateFixtureTests {
    static func files(_ folder: String) -> [String] {
        let directory = fixture(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    @Test func validFixturesPass() {
        let files = Self.files("valid/topology")
        #expect(!files.isEmpty)
        for file in files {
            let run = runCLI(["validate", file])
            #expect(run.status == 0, "\(file)\n\(run)")
        }
    }

    /// Each invalid fixture names what it expects (`# expect: CODE at LINE:COLUMN`); the
    /// JSON carries those codes, and the exit status follows whether any is an error.
    @Test func invalidFixturesReportTheirCodesInJSON() throws {
        let files = Self.files("invalid/topology")
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let expected = text.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("# expect: ") else { return nil }
                return line.dropFirst("# expect: ".count).split(separator: " ").first.map(String.init)
            }
            let run = runCLI(["validate", file, "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(file)")
            let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
            let codes = Set(diagnostics.compactMap { $0["code"] as? String })
            for code in expected {
                #expect(codes.contains(code), "\(file): \(code)")
            }
            let hasError = diagnostics.contains { $0["severity"] as? String == "error" }
            #expect(run.status == (hasError ? 1 : 0), "\(file)")
            #expect(object["valid"] as? Bool == !hasError, "\(file)")
        }
    }
}
