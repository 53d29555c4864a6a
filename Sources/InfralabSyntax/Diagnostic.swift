/// A problem found in a file a person wrote, as a value.
///
/// Diagnostics are collected (every problem at once), sorted by location and rendered
/// compiler-style by `Presentation/DiagnosticRenderer.swift`. `code` is stable and
/// machine-readable (`yaml.tab-indentation`, `topology.unknown-key`, ...): tests and
/// `--json` output name it.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A second place that helps explain the first ("first defined here").
    public struct Note: Hashable, Sendable {
        public var message: LocalizedText
        public var location: SourceLocation?

        public init(_ message: LocalizedText, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var code: String
    public var message: LocalizedText
    public var location: SourceLocation?
    /// How many characters from `location.column` the caret underline covers (at least 1).
    public var length: Int
    public var notes: [Note]
    /// What to do about it ("did you mean `subnet`?").
    public var suggestion: LocalizedText?

    public init(
        _ severity: Severity,
        code: String,
        _ message: LocalizedText,
        at location: SourceLocation?,
        length: Int = 1,
        notes: [Note] = [],
        suggestion: LocalizedText? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.notes = notes
        self.suggestion = suggestion
    }

    public static func error(
        _ code: String, _ message: LocalizedText, at location: SourceLocation?, length: Int = 1,
        notes: [Note] = [], suggestion: LocalizedText? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: location, length: length, notes: notes, suggestion: suggestion)
    }

    public static func warning(
        _ code: String, _ message: LocalizedText, at location: SourceLocation?, length: Int = 1,
        notes: [Note] = [], suggestion: LocalizedText? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: location, length: length, notes: notes, suggestion: suggestion)
    }
}

/// Collects diagnostics; the caller decides the exit status at the end.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public mutating func add(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    /// Errors first within a location; locations in file order; unlocated last.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default:
                if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
                return a.offset < b.offset
            }
        }.map(\.element)
    }
}
