/// Mutations of a YAML text, for the in-process fuzz harness (`infralab-fuzz`) and its
/// tests: the ideas of `Tests/Fuzz/fuzz.py`'s `mutate` — lines deleted, duplicated,
/// swapped and re-indented, characters dropped, YAML punctuation, bad CIDRs and ports,
/// escape sequences, C0 and C1 controls, Korean, BOMs, a token repeated up to 200 times —
/// plus invalid UTF-8 bytes. The result is bytes, since some are not UTF-8.
/// Deterministic: the same text and generator state give the same bytes.
package enum FuzzMutator {
    /// What is inserted into a line, or repeated on a line of its own.
    package static let tokens: [String] = [
        "\n", " ", "  ", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "'", "\"", "#", "|", ">", "|-", "&a", "*a", "!!str",
        "!t", "~", "null", "---", "...", "? ", "%YAML", "\\", "\\x4", "\\u12",
        "0.0.0.0/0", "10.0.0.0/33", "10.0.0.0/8", "999.1.1.1", "10.0.0", "1.2.3.4/-1", "::1", "65536", "-1", "0", "1-0",
        "99999999999999999999", "1e-9", "80-79", "internet", "tcp", "udp", "icmp", "all",
        "\t", "\r", "\r\n", "\u{0}", "\u{7}", "\u{8}", "\u{1B}[2J", "\u{1B}]0;title\u{7}", "\u{1B}]52;c;cm0gLXJmIH4=\u{7}",
        "\u{1B}]8;;http://x\u{1B}\\", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}1;2H", "\u{9D}", "\u{90}",
        "한국어", "퍼블릭", "값", "e\u{301}", "😀", "\u{FEFF}", "\u{200B}", "\u{2028}",
        "vpcs:", "subnets:", "instances:", "security-groups:", "route-tables:", "nat-gateways:", "load-balancers:",
        "sites:", "hosts:", "outside:", "nacls:", "dns:", "inbound:", "outbound:", "routes:", "port:", "from:", "to:", "via:",
    ]

    /// Byte sequences that are not UTF-8: a lone continuation byte, an overlong form, a
    /// truncated sequence, bytes that never occur, an encoded surrogate.
    package static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC0, 0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF, 0xC0, 0x80],
    ]

    /// `text` with 1–4 mutations. About 5% of results are larger: one entry of a section
    /// copied up to 300 times under new names (more sites, instances, rules: what grading
    /// time grows with), or the text repeated 2–40 times. About 5% also get invalid UTF-8
    /// bytes somewhere.
    package static func mutate(_ text: String, using random: inout SeededRandom) -> [UInt8] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if Int.random(in: 0..<40, using: &random) == 0 { grow(&lines, using: &random) }
        for _ in 0..<Int.random(in: 1...4, using: &random) { mutateLines(&lines, using: &random) }
        var result = lines.joined(separator: "\n")
        if Int.random(in: 0..<40, using: &random) == 0 { result = String(repeating: result, count: Int.random(in: 2...40, using: &random)) }
        var bytes = Array(result.utf8)
        if Int.random(in: 0..<20, using: &random) == 0 {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                bytes.insert(contentsOf: invalidUTF8.randomElement(using: &random)!, at: Int.random(in: 0...bytes.count, using: &random))
            }
        }
        return bytes
    }

    /// One mutation of `lines`, chosen like `fuzz.py`'s.
    static func mutateLines(_ lines: inout [String], using random: inout SeededRandom) {
        if lines.isEmpty { lines = [""] }
        let i = Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1:
            lines.remove(at: i)
        case 2, 3:
            lines.insert(lines[i], at: Int.random(in: 0...lines.count, using: &random))
        case 4, 5:
            var scalars = Array(lines[i].unicodeScalars)
            scalars.insert(contentsOf: tokens.randomElement(using: &random)!.unicodeScalars, at: Int.random(in: 0...scalars.count, using: &random))
            lines[i] = string(scalars)
        case 6:
            var scalars = Array(lines[i].unicodeScalars)
            if !scalars.isEmpty { scalars.remove(at: Int.random(in: 0..<scalars.count, using: &random)) }
            lines[i] = string(scalars)
        case 7:
            lines[i] = String(repeating: " ", count: Int.random(in: 0...8, using: &random)) + String(lines[i].drop { $0 == " " })
        case 8:
            lines.swapAt(i, Int.random(in: 0..<lines.count, using: &random))
        default:
            lines.insert(String(repeating: tokens.randomElement(using: &random)!, count: Int.random(in: 1...200, using: &random)), at: i)
        }
    }

    /// One entry of a top-level section (a line `  name:` and the lines indented under
    /// it) copied after itself 1–300 times as `name-g1`, `name-g2`, …, about 90 KB at most.
    static func grow(_ lines: inout [String], using random: inout SeededRandom) {
        func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        let starts = lines.indices.filter { i in
            indent(lines[i]) == 2 && lines[i].dropFirst(2).first.map { $0.isLetter || $0.isNumber } == true && lines[i].contains(":")
        }
        guard let start = starts.randomElement(using: &random) else { return }
        var end = start + 1
        while end < lines.count, lines[end].allSatisfy { $0 == " " } || indent(lines[end]) > 2 { end += 1 }
        let block = Array(lines[start..<end])
        let size = block.reduce(1) { $0 + $1.utf8.count + 1 }
        let name = String(block[0].dropFirst(2).prefix { $0 != ":" && $0 != " " })
        let copies = Int.random(in: 1...max(1, min(300, 90_000 / size)), using: &random)
        var grown: [String] = []
        for n in 1...copies {
            grown.append("  \(name)-g\(n)" + block[0].dropFirst(2 + name.count))
            grown += block.dropFirst()
        }
        lines.insert(contentsOf: grown, at: end)
    }

    private static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The first control character in `text` that must never reach a terminal: C0 but
    /// newline and tab (and a CR right before a newline, CSV's line end), DEL, C1 — the
    /// characters `fuzz.py`'s `CONTROL` looks for.
    package static func controlCharacter(in text: String) -> Unicode.Scalar? {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if previous == "\r", scalar != "\n" { return previous }
            let value = scalar.value
            if value == 0x0D { continue }
            if (value < 0x20 && value != 0x0A && value != 0x09) || value == 0x7F || (0x80...0x9F).contains(value) { return scalar }
        }
        return previous == "\r" ? previous : nil
    }
}
