import InfralabTestSupport
import Testing
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI


extension Tag {
    @Tag static var cli: Self
    @Tag static var endToEnd: Self
}

@Suite("Argument parsing", .tags(.cli))
struct CLIArgumentParserTests {
    static let table: [OptionSpec] = [
        .value("port", "N", help: LocalizedText(verbatim: "")),
        .value("protocol", "P", allowed: ["tcp", "udp", "icmp"], help: LocalizedText(verbatim: "")),
        .repeatable("incident", "KIND:NAME", help: LocalizedText(verbatim: "")),
        .flag("json", help: LocalizedText(verbatim: "")),
        .flag("help", short: "h", help: LocalizedText(verbatim: "")),
        .value("lang", "L", help: LocalizedText(verbatim: "")),
    ]

    struct Case: Sendable, CustomStringConvertible {
        var words: [String]
        var port: String?
        var incidents: [String] = []
        var json = false
        var positionals: [String] = []
        var description: String { words.joined(separator: " ") }
    }

    @Test(
        "accepted forms",
        arguments: [
            Case(words: ["--port", "80"], port: "80"),
            Case(words: ["--port=80"], port: "80"),
            Case(words: ["--port=80", "--port", "443"], port: "443"),
            Case(words: ["a.yaml", "--port", "22", "b"], port: "22", positionals: ["a.yaml", "b"]),
            Case(words: ["--json", "x"], json: true, positionals: ["x"]),
            Case(words: ["--incident", "fire:dc", "--incident=pc-off:home"], incidents: ["fire:dc", "pc-off:home"]),
            Case(words: ["--", "--port", "80"], positionals: ["--port", "80"]),
            Case(words: ["--json", "--", "-"], json: true, positionals: ["-"]),
            Case(words: ["-"], positionals: ["-"]),
            Case(words: ["--port="], port: ""),
        ])
    func forms(_ example: Case) {
        let parsed = ArgumentParser.parse(example.words, options: Self.table)
        #expect(parsed.errors.isEmpty)
        #expect(parsed.value("port") == example.port)
        #expect(parsed.all("incident") == example.incidents)
        #expect(parsed.isSet("json") == example.json)
        #expect(parsed.positionals == example.positionals)
    }

    @Test func shortFlag() {
        let parsed = ArgumentParser.parse(["-h"], options: Self.table)
        #expect(parsed.isSet("help") && parsed.errors.isEmpty)
    }

    @Test func missingValueIsAnErrorAndDoesNotSwallowTheNextOption() {
        let parsed = ArgumentParser.parse(["--port", "--json"], options: Self.table)
        #expect(parsed.errors.count == 1)
        #expect(parsed.errors[0].message.en.contains("needs a value"))
        #expect(parsed.isSet("json"))
        #expect(!ArgumentParser.parse(["--port"], options: Self.table).errors.isEmpty)
    }

    @Test func unknownOptionSuggestsTheClosest() throws {
        let parsed = ArgumentParser.parse(["--pott", "80"], options: Self.table)
        let error = try #require(parsed.errors.first)
        #expect(error.message.en == "unknown option `--pott`")
        #expect(error.suggestion?.en == "did you mean `--port`?")
        #expect(ArgumentParser.parse(["--zzzzzz"], options: Self.table).errors.first?.suggestion == nil)
        #expect(ArgumentParser.parse(["-x"], options: Self.table).errors.first?.message.en == "unknown option `-x`")
    }

    @Test func valueOutsideTheAllowedListSuggests() throws {
        let error = try #require(ArgumentParser.parse(["--protocol", "tcpp"], options: Self.table).errors.first)
        #expect(error.message.en.contains("tcp, udp, icmp"))
        #expect(error.suggestion?.en == "did you mean `tcp`?")
    }

    @Test func flagWithValueIsAnError() {
        #expect(!ArgumentParser.parse(["--json=yes"], options: Self.table).errors.isEmpty)
    }

    @Test func positionalCounts() {
        let specs: [PositionalSpec] = [.required("FILE", help: LocalizedText(verbatim: "")), .optional("DIR", help: LocalizedText(verbatim: ""))]
        #expect(ArgumentParser.checkPositionals([], against: specs)?.message.en == "missing FILE")
        #expect(ArgumentParser.checkPositionals(["a"], against: specs) == nil)
        #expect(ArgumentParser.checkPositionals(["a", "b"], against: specs) == nil)
        #expect(ArgumentParser.checkPositionals(["a", "b", "c"], against: specs)?.message.en == "unexpected argument `c`")
        let many = [PositionalSpec("X", isRepeatable: true, help: LocalizedText(verbatim: ""))]
        #expect(ArgumentParser.checkPositionals(["a", "b", "c"], against: many) == nil)
    }
}
