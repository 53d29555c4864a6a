/// The lines that differ between two versions of a file (Myers' O(ND) algorithm, so a
/// few changed lines in a long file cost little).
package struct LineDiff: Sendable, Hashable {
    package enum Kind: Sendable, Hashable { case kept, added, removed }

    package struct Line: Sendable, Hashable {
        package var kind: Kind
        /// 1-based line number in the old text (kept, removed) or the new text (added).
        package var number: Int
        package var text: String
    }

    /// Every line of both texts in order, each kept, added or removed.
    package var lines: [Line]

    package var changes: [Line] { lines.filter { $0.kind != .kept } }
    package var isEmpty: Bool { changes.isEmpty }

    package init(old: String, new: String) {
        self.init(old: LineDiff.split(old), new: LineDiff.split(new))
    }

    package init(old: [String], new: [String]) {
        lines = LineDiff.compute(old, new)
    }

    static func split(_ text: String) -> [String] {
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars -> String in
            var line = String(String.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return line
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func compute(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count, m = b.count
        let offset = n + m + 1
        var frontier = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        outer: for d in 0...(n + m) {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                    x = frontier[offset + k + 1]
                } else {
                    x = frontier[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n, y >= m { break outer }
            }
        }
        // Walk back through the saved frontiers.
        var result: [Line] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = d == 0 ? 0 : previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                result.append(Line(kind: .kept, number: x + 1, text: a[x]))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    result.append(Line(kind: .added, number: y + 1, text: b[y]))
                } else {
                    x -= 1
                    result.append(Line(kind: .removed, number: x + 1, text: a[x]))
                }
            }
        }
        return result.reversed()
    }
}
