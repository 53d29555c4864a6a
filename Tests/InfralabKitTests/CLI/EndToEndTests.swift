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
