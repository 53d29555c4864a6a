/// Finding and replacing a piece of text by its UTF-8 bytes. Foundation's
/// `contains(_:)` and `replacingOccurrences(of:with:)` go through `NSString` on Linux and
/// cost tens of microseconds a call; the screens call these on every line they print.
/// A byte search is exact for UTF-8 (no code unit sequence can start inside another
/// scalar), which is all infralab needs: no case or locale folding.
extension String {
    /// Whether `piece` occurs in this text, byte for byte.
    package func containsText(_ piece: String) -> Bool { firstByteOffset(of: piece) != nil }

    /// This text with every occurrence of `piece` replaced by `replacement`, left to right.
    package func replacingText(_ piece: String, with replacement: String) -> String {
        guard !piece.isEmpty, firstByteOffset(of: piece) != nil else { return self }
        let bytes = Array(utf8), target = Array(piece.utf8), with = Array(replacement.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == target[0], i + target.count <= bytes.count, bytes[i..<(i + target.count)].elementsEqual(target) {
                result += with
                i += target.count
            } else {
                result.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private func firstByteOffset(of piece: String) -> Int? {
        let target = Array(piece.utf8)
        guard let first = target.first else { return 0 }
        var own = self
        return own.withUTF8 { bytes -> Int? in
            guard bytes.count >= target.count else { return nil }
            for i in 0...(bytes.count - target.count) where bytes[i] == first {
                var j = 1
                while j < target.count, bytes[i + j] == target[j] { j += 1 }
                if j == target.count { return i }
            }
            return nil
        }
    }
}
