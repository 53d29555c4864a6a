/// The languages infralab speaks to people in.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en
    case ko

    /// The language from the environment: `INFRALAB_LANG`, then `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` (a value starting with `ko` means Korean); English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        if let explicit = environment["INFRALAB_LANG"], let language = Language(rawValue: explicit.lowercased()) {
            return language
        }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("ko") ? .ko : .en
            }
        }
        return .en
    }
}

/// Text written for people, in English and (where written) Korean.
///
/// Korean falls back to English when missing; `lab check` reports missing translations
/// of mission text. Messages built in Swift always carry both.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var en: String
    public var ko: String?

    public init(en: String, ko: String?) {
        self.en = en
        self.ko = ko
    }

    /// The same text in both languages (names, numbers, code).
    public init(verbatim: String) {
        self.en = verbatim
        self.ko = verbatim
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .en: en
        case .ko: ko ?? en
        }
    }
}


/// A `LocalizedText` built only when read. The flow engine writes a sentence for every
/// hop of every flow it walks, and grading walks thousands of flows to show a handful:
/// building those sentences was a third of `infralab check`. A deferred text keeps the
/// recipe instead (it must read only values that never change, which `@Sendable`
/// enforces) and builds the words each time they are read.
package struct DeferredText: Sendable {
    private enum Storage: Sendable {
        case ready(LocalizedText)
        case later(@Sendable () -> LocalizedText)
    }

    private var storage: Storage

    package init(_ text: LocalizedText) { storage = .ready(text) }

    package init(later make: @escaping @Sendable () -> LocalizedText) { storage = .later(make) }

    package var text: LocalizedText {
        switch storage {
        case .ready(let text): text
        case .later(let make): make()
        }
    }
}
