import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// Command-line options as data, and the one loop that reads them.
///
/// Every command declares its options as a table (`[OptionSpec]`); the global options
/// (`--color`, `--lang`, `--help`, `--version`) are one more table. `ArgumentParser`
/// walks the words once, accepting `--name value`, `--name=value`, `-x value`, flags,
/// repeatable options and `--` (everything after it is positional). Problems are
/// collected, not thrown, so `--help` still works on a line that has a mistake in it.

/// One option a command accepts.
package struct OptionSpec: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// Present or absent: `--json`.
        case flag
        /// Takes one value; given twice, the last one wins: `--port 80`.
        case value
        /// Takes one value each time and may be given many times: `--incident fire:dc`.
        case repeatable
    }

    /// The long name without dashes: `port` for `--port`.
    package var name: String
    /// A one-letter short form without the dash: `h` for `-h`.
    package var short: Character?
    package var kind: Kind
    /// How the value is shown in usage: `N`, `KIND:NAME`, `always|never|auto`.
    package var valueName: String
    /// When set, the only values accepted (a usage error suggests the closest).
    package var allowedValues: [String]?
    package var help: LocalizedText

    package init(
        _ name: String, short: Character? = nil, kind: Kind, valueName: String = "", allowedValues: [String]? = nil,
        help: LocalizedText
    ) {
        self.name = name
        self.short = short
        self.kind = kind
        self.valueName = valueName
        self.allowedValues = allowedValues
        self.help = help
    }

    package static func flag(_ name: String, short: Character? = nil, help: LocalizedText) -> OptionSpec {
        OptionSpec(name, short: short, kind: .flag, help: help)
    }

    package static func value(
        _ name: String, short: Character? = nil, _ valueName: String, allowed: [String]? = nil, help: LocalizedText
    ) -> OptionSpec {
        OptionSpec(
            name, short: short, kind: .value, valueName: allowed?.joined(separator: "|") ?? valueName,
            allowedValues: allowed, help: help)
    }

    package static func repeatable(_ name: String, _ valueName: String, help: LocalizedText) -> OptionSpec {
        OptionSpec(name, kind: .repeatable, valueName: valueName, help: help)
    }

    package var takesValue: Bool { kind != .flag }

    /// `-h, --help`, `--port N`: how the option is written in help.
    package var synopsis: String {
        var text = short.map { "-\($0), " } ?? ""
        text += "--\(name)"
        if takesValue { text += " \(valueName)" }
        return text
    }
}

/// A positional argument a command accepts, for usage checks and help.
package struct PositionalSpec: Sendable, Hashable {
    /// As shown in usage: `FILE`, `DIR`, `NAME`.
    package var name: String
    package var isOptional: Bool
    /// Takes every remaining positional word (at most one, and last).
    package var isRepeatable: Bool
    package var help: LocalizedText

    package init(_ name: String, isOptional: Bool = false, isRepeatable: Bool = false, help: LocalizedText) {
        self.name = name
        self.isOptional = isOptional
        self.isRepeatable = isRepeatable
        self.help = help
    }

    package static func optional(_ name: String, help: LocalizedText) -> PositionalSpec {
        PositionalSpec(name, isOptional: true, help: help)
    }

    package static func required(_ name: String, help: LocalizedText) -> PositionalSpec {
        PositionalSpec(name, help: help)
    }
}

/// A mistake on the command line. Exit status 64 (`EX_USAGE`), with the command's usage.
package struct UsageError: Error, Sendable, Hashable {
    package var message: LocalizedText
    /// "did you mean `--port`?"
    package var suggestion: LocalizedText?

    package init(_ message: LocalizedText, suggestion: LocalizedText? = nil) {
        self.message = message
        self.suggestion = suggestion
    }

    static func didYouMean(_ candidate: String) -> LocalizedText {
        LocalizedText(en: "did you mean `\(candidate)`?", ko: "혹시 `\(candidate)`인가요?")
    }
}

/// What the loop found: option values by long name, and the positional words in order.
package struct ParsedArguments: Sendable, Hashable {
    /// Every value given for each value or repeatable option, in order.
    package private(set) var values: [String: [String]] = [:]
    package private(set) var flags: Set<String> = []
    package var positionals: [String] = []
    /// Where each positional word was in the input (to take the command's own words out).
    var positionalIndices: [Int] = []
    /// Every mistake, in order of the words; the first one is reported.
    package var errors: [UsageError] = []

    package init() {}

    package func isSet(_ flag: String) -> Bool { flags.contains(flag) }

    /// The last value given for `name` (a later `--port` overrides an earlier one).
    package func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given for a repeatable option, in order.
    package func all(_ name: String) -> [String] { values[name] ?? [] }

    mutating func setFlag(_ name: String) { flags.insert(name) }

    mutating func append(_ value: String, for name: String) { values[name, default: []].append(value) }
}

package enum ArgumentParser {
    /// Walks `words` once against `options`. Unknown options, missing values and values
    /// outside `allowedValues` become `errors` (with "did you mean …?"), so the caller
    /// can still honour `--help`.
    package static func parse(_ words: [String], options: [OptionSpec]) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        var onlyPositionals = false

        while index < words.count {
            let word = words[index]
            index += 1

            if onlyPositionals || word == "-" || !word.hasPrefix("-") {
                result.positionals.append(word)
                result.positionalIndices.append(index - 1)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }

            // Split `--name=value` / `-x=value`; find the spec.
            let isLong = word.hasPrefix("--")
            let body = word.dropFirst(isLong ? 2 : 1)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            let spec: OptionSpec? =
                isLong
                ? options.first { $0.name == name }
                : (name.count == 1 ? options.first { $0.short == name.first } : nil)

            guard let spec else {
                result.errors.append(unknownOption(word: word, name: name, isLong: isLong, options: options))
                continue
            }

            switch spec.kind {
            case .flag:
                if inlineValue != nil {
                    result.errors.append(
                        UsageError(
                            LocalizedText(
                                en: "option `--\(spec.name)` takes no value",
                                ko: "`--\(spec.name)` 옵션은 값을 받지 않아요")))
                } else {
                    result.setFlag(spec.name)
                }
            case .value, .repeatable:
                var value = inlineValue
                if value == nil, index < words.count, !looksLikeOption(words[index], options: options) {
                    value = words[index]
                    index += 1
                }
                guard let value else {
                    result.errors.append(
                        UsageError(
                            LocalizedText(
                                en: "option `--\(spec.name)` needs a value (\(spec.valueName))",
                                ko: "`--\(spec.name)` 옵션에는 값이 필요해요 (\(spec.valueName))")))
                    continue
                }
                if let allowed = spec.allowedValues, !allowed.contains(value) {
                    result.errors.append(
                        UsageError(
                            LocalizedText(
                                en: "`\(value)` is not a value of `--\(spec.name)`; use one of: \(allowed.joined(separator: ", "))",
                                ko: "\(Korean.topic("`\(value)`")) `--\(spec.name)`에 쓸 수 없어요. 다음 중 하나를 쓰세요: \(allowed.joined(separator: ", "))"),
                            suggestion: Suggestions.closest(to: value, in: allowed).map(UsageError.didYouMean)))
                    continue
                }
                result.append(value, for: spec.name)
            }
        }
        return result
    }

    /// A word that the loop would read as an option (so it is not taken as a value):
    /// a known option, or anything starting with `--`. A lone `-` and negative-looking
    /// numbers that are not options stay values.
    static func looksLikeOption(_ word: String, options: [OptionSpec]) -> Bool {
        if word == "-" { return false }
        if word.hasPrefix("--") { return true }
        guard word.hasPrefix("-"), word.count == 2, let letter = word.last else { return false }
        return options.contains { $0.short == letter }
    }

    static func unknownOption(word: String, name: String, isLong: Bool, options: [OptionSpec]) -> UsageError {
        let candidates = options.map { "--\($0.name)" } + options.compactMap { $0.short.map { "-\($0)" } }
        let shown = isLong ? "--\(name)" : word
        let suggestion = Suggestions.closest(to: "--\(name)", in: options.map { "--\($0.name)" })
            ?? (isLong ? nil : Suggestions.closest(to: shown, in: candidates))
        return UsageError(
            LocalizedText(en: "unknown option `\(shown)`", ko: "알 수 없는 옵션 `\(shown)`"),
            suggestion: suggestion.map(UsageError.didYouMean))
    }

    /// Checks the positional words against what a command accepts.
    package static func checkPositionals(_ positionals: [String], against specs: [PositionalSpec]) -> UsageError? {
        let required = specs.filter { !$0.isOptional }.count
        if positionals.count < required {
            let missing = specs.filter { !$0.isOptional }[positionals.count].name
            return UsageError(LocalizedText(en: "missing \(missing)", ko: "\(Korean.subject(missing)) 빠졌어요"))
        }
        if !specs.contains(where: \.isRepeatable), positionals.count > specs.count {
            let extra = positionals[specs.count]
            return UsageError(
                LocalizedText(en: "unexpected argument `\(extra)`", ko: "예상하지 못한 인자 `\(extra)`"))
        }
        return nil
    }
}
