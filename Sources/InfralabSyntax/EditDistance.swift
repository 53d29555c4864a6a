/// "Did you mean …?" support.
package enum Suggestions {
    /// Levenshtein distance over Unicode scalars.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a likely typo:
    /// distance at most a third of the word's length (at least 1, at most 3), or one is a
    /// case-insensitive prefix/suffix-stripped form of the other (`subnet-id` → `subnet`).
    package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let lc = candidate.lowercased()
            var distance = editDistance(lowered, lc)
            if lc.count >= 3, lowered.hasPrefix(lc) || lowered.hasSuffix(lc) || lc.hasPrefix(lowered) && lowered.count >= 3 {
                distance = min(distance, 1)
            }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        guard let best else { return nil }
        let limit = min(3, max(1, word.count / 3))
        return best.distance <= limit ? best.name : nil
    }
}
