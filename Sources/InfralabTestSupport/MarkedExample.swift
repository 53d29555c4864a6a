/// A rule example (`TopologyRuleDescription.failingExample`) with its `↓` markers removed
/// and their positions kept (1-based line and column, in Unicode scalars).
public struct MarkedExample: Sendable {
    public var text: String
    public var markers: Set<Position>

    public struct Position: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
        public var description: String { "\(line):\(column)" }
    }

    /// `prefix` is put before the example (its lines shift the markers down).
    public init(_ marked: String, prefix: String = "") {
        var lines: [String] = []
        var markers: Set<Position> = []
        let prefixLines = prefix.isEmpty ? 0 : prefix.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        for (index, line) in marked.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var clean = String.UnicodeScalarView()
            for scalar in line.unicodeScalars {
                if scalar == "↓" {
                    markers.insert(Position(line: prefixLines + index + 1, column: clean.count + 1))
                } else {
                    clean.append(scalar)
                }
            }
            lines.append(String(clean))
        }
        self.text = prefix + lines.joined(separator: "\n") + "\n"
        self.markers = markers
    }
}
