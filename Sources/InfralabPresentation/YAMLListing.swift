import InfralabSyntax

/// A YAML file shown on a screen (`infralab solution`), fitted to the width while it
/// stays YAML a learner can copy as is:
/// - a line wider than the screen gets its comment moved to comment lines of its own
///   just above it, at its indent, wrapped (`wrapped`); a block of comment lines of
///   their own (at one indent) with a line too wide is wrapped again as one paragraph;
/// - a line still too wide whose value is a flow collection (`{ vpc: main, cidr: … }`)
///   is folded after a comma, the next lines under the collection's first entry — YAML
///   reads a flow collection over several lines as the same collection, so no
///   continuation marker is needed;
/// - anything else too wide (a long plain value) is left whole: cutting it would change
///   what it means.
package enum YAMLListing {
    package static func fitted(_ text: String, toWidth width: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        var block: [Substring] = []
        var codeIndent = ""
        func comment(_ paragraph: String, at indent: String) {
            // A comment too deep to hold a few words moves left, to the code's indent.
            let indent = indent.count + 22 > width ? codeIndent : indent
            out += wrapped(paragraph, toWidth: max(20, width - indent.count - 2)).map { indent + "# " + $0 }
        }
        func endBlock() {
            defer { block = [] }
            guard let first = block.first else { return }
            guard block.contains(where: { displayWidth(of: String($0)) > width }) else { out += block.map(String.init); return }
            comment(block.map(commentText).joined(separator: " "), at: String(first.prefix { $0 == " " }))
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            let indent = String(line.prefix { $0 == " " })
            if line.dropFirst(indent.count).hasPrefix("#") {
                if let first = block.first, !first.hasPrefix(indent + "#") { endBlock() }
                block.append(line)
                continue
            }
            endBlock()
            if !line.allSatisfy({ $0 == " " }) { codeIndent = indent }
            guard displayWidth(of: String(line)) > width, let hash = BilingualComments.commentStart(in: line) else {
                out += displayWidth(of: String(line)) > width ? folded(String(line), toWidth: width) : [String(line)]
                continue
            }
            // The comment, with the comment lines under it that continue it (their `#` in
            // its column), moves above the code.
            var paragraph = [commentText(line[hash...])]
            let column = line.distance(from: line.startIndex, to: hash)
            while index < lines.count, lines[index].count > column, lines[index].prefix(column).allSatisfy({ $0 == " " }),
                  lines[index].dropFirst(column).hasPrefix("#") {
                paragraph.append(commentText(lines[index]))
                index += 1
            }
            comment(paragraph.joined(separator: " "), at: indent)
            let code = String(line[..<hash].reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            out += folded(code, toWidth: width)
        }
        endBlock()
        return out.joined(separator: "\n")
    }

    /// A comment's text: after its `#` and the spaces around.
    static func commentText(_ line: Substring) -> String {
        String(line.drop { $0 == " " }.dropFirst().drop { $0 == " " })
    }

    /// `code` (no comment) folded after the commas of its flow collection, the later lines
    /// under the collection's first entry; unchanged when it fits or holds no collection.
    static func folded(_ code: String, toWidth width: Int) -> [String] {
        guard displayWidth(of: code) > width, let open = code.firstIndex(where: { $0 == "{" || $0 == "[" }) else { return [code] }
        let hang = String(repeating: " ", count: displayWidth(of: String(code[..<open])) + 2)
        var pieces: [String] = []
        var piece = ""
        var quote: Character?
        for character in code {
            piece.append(character)
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                pieces.append(piece)
                piece = ""
            }
        }
        pieces.append(piece)
        var lines: [String] = []
        var current = ""
        for (index, raw) in pieces.enumerated() {
            let piece = index == 0 ? raw : String(raw.drop { $0 == " " })
            let candidate = current.isEmpty ? piece : current + " " + piece
            if !current.isEmpty, displayWidth(of: candidate) > width {
                lines.append(current)
                current = hang + piece
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines
    }
}
