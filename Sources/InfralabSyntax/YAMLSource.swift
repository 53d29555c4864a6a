/// A file's text as Unicode scalars split into lines, the form the YAML parser reads.
///
/// A leading BOM is dropped, `\r\n` and lone `\r` end lines. Indices are positions in
/// `scalars`; a line's column of index `i` is `i - line.start + 1`.
struct YAMLSource {
    struct Line {
        /// Index of the first scalar of the line.
        var start: Int
        /// Index just past the last scalar (before the line break).
        var end: Int
        /// Index of the first scalar that is neither a space nor a tab (`end` when none).
        var contentStart: Int
        /// Number of leading spaces (tabs stop the count).
        var indent: Int
        /// Index of the first tab in the leading whitespace when the line has content.
        var tabInIndentation: Int?
        var isBlank: Bool { contentStart == end }
    }

    let scalars: [Unicode.Scalar]
    let lines: [Line]

    /// The text's Unicode scalars. A Swift String is always valid UTF-8, so decoding its
    /// bytes directly is safe, and several times faster than iterating `unicodeScalars`.
    static func decodeScalars(_ text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes -> [Unicode.Scalar] in
            let count = bytes.count
            // Never more scalars than bytes: written in place, no growth checks per scalar.
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { scalars, initialized in
                var i = 0
                var n = 0
                while i < count {
                    let b0 = UInt32(bytes[i])
                    if b0 < 0x80 {
                        scalars[n] = Unicode.Scalar(UInt8(truncatingIfNeeded: b0))
                        n += 1
                        i += 1
                        continue
                    }
                    var value: UInt32
                    if b0 < 0xE0, i + 1 < count {
                        value = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else if b0 < 0xF0, i + 2 < count {
                        value = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    } else if i + 3 < count {
                        value = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    } else {
                        value = 0xFFFD
                        i = count
                    }
                    scalars[n] = Unicode.Scalar(value) ?? "\u{FFFD}"
                    n += 1
                }
                initialized = n
            }
        }
    }

    init(_ text: String) {
        var scalars = YAMLSource.decodeScalars(text)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
        var lines: [Line] = []
        lines.reserveCapacity(scalars.count / 24 + 1)
        var start = 0
        var index = 0
        let count = scalars.count
        func finish(_ end: Int) {
            var content = start
            var indent = 0
            var tab: Int?
            var countingSpaces = true
            while content < end, scalars[content] == " " || scalars[content] == "\t" {
                if scalars[content] == "\t" {
                    countingSpaces = false
                    if tab == nil { tab = content }
                } else if countingSpaces {
                    indent += 1
                }
                content += 1
            }
            lines.append(Line(start: start, end: end, contentStart: content, indent: indent, tabInIndentation: content < end ? tab : nil))
        }
        while index < count {
            let scalar = scalars[index]
            if scalar == "\n" {
                finish(index)
                index += 1
                start = index
            } else if scalar == "\r" {
                finish(index)
                index += 1
                if index < count, scalars[index] == "\n" { index += 1 }
                start = index
            } else {
                index += 1
            }
        }
        if start < count || lines.isEmpty { finish(count) }
        self.lines = lines
    }

    subscript(index: Int) -> Unicode.Scalar { scalars[index] }
}

extension Unicode.Scalar {
    var isYAMLSpace: Bool { self == " " || self == "\t" }
}

/// Where each key of one mapping was first written: a linear search while the mapping is
/// small (most are), a dictionary once it grows.
struct KeyIndex {
    private var small: [(String, SourceLocation)] = []
    private var large: [String: SourceLocation]?

    subscript(key: String) -> SourceLocation? {
        if let large { return large[key] }
        for (candidate, location) in small where candidate == key { return location }
        return nil
    }

    mutating func insert(_ key: String, at location: SourceLocation) {
        if large != nil {
            large?[key] = location
        } else if small.count < 16 {
            small.append((key, location))
        } else {
            var dictionary = Dictionary(small, uniquingKeysWith: { first, _ in first })
            dictionary[key] = location
            large = dictionary
            small = []
        }
    }
}
