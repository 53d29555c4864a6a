/// The YAML a hint tells the learner to write (its backticked `{ … }` rules), looked up
/// in the learner's file, spaces aside: a hint that asks for a line the file already
/// holds has to say something else.
enum HintCode {
    /// When `lines` (comments aside) hold every backticked flow mapping of `hint`: the one
    /// written nearest `near` (a line number), with its 1-based line and column; else nil.
    static func allWritten(in hint: String, lines: [String], near: Int?) -> (code: String, line: Int, column: Int)? {
        var found: [(code: String, line: Int, column: Int)] = []
        for code in spans(hint) where code.hasPrefix("{") {
            let place = lines.enumerated().lazy.compactMap { index, line in
                column(of: code, in: uncommented(line)).map { (code, index + 1, $0) }
            }.first
            guard let place else { return nil }
            found.append(place)
        }
        guard let near else { return found.first }
        return found.min { abs($0.line - near) < abs($1.line - near) }
    }

    /// The text between pairs of backticks.
    static func spans(_ text: String) -> [String] {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }
    }

    /// A line without its `# comment` (a `#` after a space, outside quotes is enough here).
    static func uncommented(_ line: String) -> String {
        guard let hash = line.range(of: " #") else { return line }
        return String(line[..<hash.lowerBound])
    }

    /// Where `code` starts in `line` when both are read without spaces (1-based, in
    /// characters), or nil.
    static func column(of code: String, in line: String) -> Int? {
        let wanted = Array(code.filter { !$0.isWhitespace })
        guard let first = wanted.first else { return nil }
        let characters = Array(line)
        for start in characters.indices where characters[start] == first {
            var i = start
            var matched = 0
            while i < characters.count, matched < wanted.count {
                if characters[i].isWhitespace { i += 1; continue }
                guard characters[i] == wanted[matched] else { break }
                i += 1
                matched += 1
            }
            if matched == wanted.count { return start + 1 }
        }
        return nil
    }
}
