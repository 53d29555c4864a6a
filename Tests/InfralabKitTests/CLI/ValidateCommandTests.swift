import Foundation
import InfralabTestSupport
import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI


@Suite("infralab validate", .tags(.cli))
struct CLIValidateCommandTests {
    /// A registry whose `validate` uses a stand-in loader: one error at line 2, one warning.
    static func registry(_ diagnostics: [Diagnostic]) -> CommandRegistry {
        var validate = ValidateCommand()
        validate.load = { _, file in TopologyLoadResult(topology: Topology(file: file), diagnostics: diagnostics) }
        return CommandRegistry([validate])
    }

    static func problems(file: String) -> [Diagnostic] {
        [
            .warning("topology.unused", LocalizedText(en: "subnet `b` is not used", ko: "서브넷 `b`를 쓰지 않습니다"),
                     at: SourceLocation(file: file, line: 1, column: 1), length: 7),
            .error("topology.unknown-key", LocalizedText(en: "unknown key `subnet_id`", ko: "알 수 없는 키 `subnet_id`"),
                   at: SourceLocation(file: file, line: 2, column: 3), length: 9,
                   notes: [Diagnostic.Note(LocalizedText(en: "in this instance", ko: "이 인스턴스에서"), at: SourceLocation(file: file, line: 1, column: 1))],
                   suggestion: LocalizedText(en: "did you mean `subnet`?", ko: "`subnet`을(를) 입력하려던 것인가요?")),
        ]
    }

    static let source = "subnets:\n  subnet_id: a\n"

    @Test func validFileExitsZero() throws {
        try withTemporaryDirectory { directory in
            try directory.write("", to: "topology.yaml")
            let run = runCLI(["validate"], workingDirectory: directory.url)
            #expect(run.status == 0)
            #expect(run.stdout == "topology.yaml: valid, no problems\n")
            #expect(run.stderr.isEmpty)
            #expect(directory.listing() == ["topology.yaml"])
        }
    }

    @Test func errorsExitOneAndAreRenderedWithCarets() throws {
        try withTemporaryDirectory { directory in
            try directory.write(Self.source, to: "net.yaml")
            let run = runCLI(["validate", "net.yaml"], workingDirectory: directory.url, registry: Self.registry(Self.problems(file: "net.yaml")))
            #expect(run.status == 1)
            #expect(run.stdout.contains("error: unknown key `subnet_id` [topology.unknown-key]\n --> net.yaml:2:3\n"))
            #expect(run.stdout.contains("2 |   subnet_id: a\n"))
            #expect(run.stdout.contains("help: did you mean `subnet`?"))
            #expect(run.stdout.contains("warning: subnet `b` is not used"))
            #expect(run.stdout.hasSuffix("net.yaml: 1 error, 1 warning (not valid)\n"))
            // Warnings come first here because they are earlier in the file.
            let warning = try #require(run.stdout.range(of: "warning:"))
            let error = try #require(run.stdout.range(of: "error:"))
            #expect(warning.lowerBound < error.lowerBound)
        }
    }

    @Test func warningsAloneStillPass() throws {
        try withTemporaryDirectory { directory in
            try directory.write(Self.source, to: "topology.yaml")
            let warnings = Self.problems(file: "topology.yaml").filter { $0.severity == .warning }
            let run = runCLI(["validate"], workingDirectory: directory.url, registry: Self.registry(warnings))
            #expect(run.status == 0)
            #expect(run.stdout.hasSuffix("topology.yaml: 1 warning (valid)\n"))
        }
    }

    @Test func jsonShape() throws {
        try withTemporaryDirectory { directory in
            try directory.write(Self.source, to: "net.yaml")
            let run = runCLI(["validate", "net.yaml", "--json"], workingDirectory: directory.url,
                             registry: Self.registry(Self.problems(file: "net.yaml")))
            #expect(run.status == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(object["file"] as? String == "net.yaml")
            #expect(object["valid"] as? Bool == false)
            let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
            #expect(diagnostics.count == 2)
            let error = diagnostics[1]
            #expect(Set(error.keys) == ["severity", "code", "message", "location", "length", "suggestion", "notes"])
            #expect(error["severity"] as? String == "error")
            #expect(error["code"] as? String == "topology.unknown-key")
            let location = try #require(error["location"] as? [String: Any])
            #expect(location["file"] as? String == "net.yaml")
            #expect(location["line"] as? Int == 2)
            #expect(location["column"] as? Int == 3)
            #expect(error["length"] as? Int == 9)
            #expect(error["suggestion"] as? String == "did you mean `subnet`?")
            let notes = try #require(error["notes"] as? [[String: Any]])
            #expect(notes.first?["message"] as? String == "in this instance")
            #expect(diagnostics[0]["suggestion"] is NSNull)
        }
    }

    @Test func jsonInKoreanAndForAValidFile() throws {
        try withTemporaryDirectory { directory in
            try directory.write("", to: "topology.yaml")
            let run = runCLI(["validate", "--json"], workingDirectory: directory.url)
            #expect(run.stdout == "{\n  \"file\": \"topology.yaml\",\n  \"valid\": true,\n  \"diagnostics\": []\n}\n")
            let korean = runCLI(["validate", "--json", "--lang", "ko"], workingDirectory: directory.url,
                                registry: Self.registry(Self.problems(file: "topology.yaml")))
            #expect(korean.stdout.contains("알 수 없는 키"))
        }
    }

    @Test func missingFileNamesThePathAndExits66() throws {
        try withTemporaryDirectory { directory in
            let run = runCLI(["validate"], workingDirectory: directory.url)
            #expect(run.status == 66)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "error: no such file: topology.yaml\n")
            #expect(runCLI(["validate", "."], workingDirectory: directory.url).stderr.contains("is a directory"))
            #expect(runCLI(["validate", "nope.yaml", "--lang", "ko"], workingDirectory: directory.url).stderr.contains("파일이 없어요: nope.yaml"))
            #expect(directory.listing().isEmpty)
        }
    }

    @Test func readsStandardInput() {
        let run = runCLI(["validate", "-"], stdin: "# nothing yet\n")
        #expect(run.status == 0)
        #expect(run.stdout == "<stdin>: valid, no problems\n")
    }

    @Test func realLoaderErrorsExitOne() throws {
        try withTemporaryDirectory { directory in
            try directory.write("vpcs: [oops\n", to: "topology.yaml")
            let run = runCLI(["validate"], workingDirectory: directory.url)
            #expect(run.status == 1)
            #expect(run.stdout.contains("error: "))
            #expect(run.stdout.contains(" --> topology.yaml:1:"))
            #expect(run.stdout.hasSuffix("(not valid)\n"))
            let json = runCLI(["validate", "--json"], workingDirectory: directory.url)
            #expect(json.status == 1)
            #expect(json.stdout.contains("\"valid\": false"))
            #expect(directory.listing() == ["topology.yaml"])
        }
    }

    @Test func tooManyArgumentsIsAUsageError() {
        let run = runCLI(["validate", "a.yaml", "b.yaml"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("unexpected argument `b.yaml`"))
    }
}
