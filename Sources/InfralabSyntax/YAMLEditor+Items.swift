/// Editing one item of a block sequence in place: replacing it (a story's teammate
/// rewrites one numbered rule) or removing it. Like every edit, the result must read
/// back as the old tree with exactly that change, or the text stays as it was.
extension YAMLEditor {
    /// Writes `value` in place of the item at `path` (a sequence path plus an index).
    /// A one-line item is rewritten within its line, so the rest of the line stays; its
    /// comment stays too, unless a note is given, which takes the comment's place (it
    /// described the old item). An item over several lines becomes one `- { … }` line.
    package mutating func replaceItem(at path: [YAMLPathComponent], with value: YAMLNode, note: String? = nil) throws(YAMLEditError) {
        let (sequence, items, index) = try itemPath(path)
        let old = items[index]
        var edited = lines
        let line = old.location.line - 1
        let start = old.location.column - 1
        let oneLine = old.scalar != nil ? !(old.scalar ?? "").contains("\n") : isFlow(old)
        if oneLine, line < lines.count, start + old.length <= lines[line].count {
            let text = old.scalar != nil && value.scalar != nil
                ? (inFlowContext(path) ? YAMLWriter.flowScalar(value) : YAMLWriter.inlineScalar(value))
                : YAMLWriter.flow(value)
            edited[line].replaceSubrange(start..<(start + old.length), with: scalars(text))
            if let note {
                // The story rewrote the line: its note replaces the comment that described the old rule.
                var kept = Array(edited[line][..<(start + text.unicodeScalars.count)])
                let rest = edited[line][(start + text.unicodeScalars.count)...]
                let afterSpaces = rest.drop { $0 == " " }
                if afterSpaces.first != "#" { kept += rest }
                while kept.last == " " { kept.removeLast() }
                edited[line] = scalars(withNote(String(String.UnicodeScalarView(kept)), note))
            }
        } else {
            guard !isFlow(sequence) else { throw unsafe(old.location) }
            let range = itemLines(items, index, in: sequence)
            let pad = String(repeating: " ", count: sequence.location.column - 1)
            edited.replaceSubrange(range, with: [scalars(withNote(pad + "- " + YAMLWriter.flow(value), note))])
        }
        try commit(edited, expecting: root.replacing(at: path[...]) { _ in value }, at: old.location)
    }

    /// Removes the item at `path` from a block sequence, with the lines it spans (its
    /// comments included). The last item of a list is not removed (the key would be
    /// left without a value).
    package mutating func removeItem(at path: [YAMLPathComponent]) throws(YAMLEditError) {
        let (sequence, items, index) = try itemPath(path)
        guard !isFlow(sequence), items.count > 1 else { throw unsafe(items[index].location) }
        var edited = lines
        edited.removeSubrange(itemLines(items, index, in: sequence))
        let listPath = Array(path.dropLast())
        try commit(edited, expecting: root.replacing(at: listPath[...]) { node in
            var kept = node.items ?? []
            kept.remove(at: index)
            return YAMLNode(.sequence(kept), at: node.location)
        }, at: items[index].location)
    }

    private func itemPath(_ path: [YAMLPathComponent]) throws(YAMLEditError) -> (YAMLNode, [YAMLNode], Int) {
        guard case .index(let index)? = path.last, let sequence = node(at: Array(path.dropLast())), let items = sequence.items,
              items.indices.contains(index) else {
            throw YAMLEditError(LocalizedText(en: "there is no item at \(describe(path))", ko: "\(describe(path)) 자리에 항목이 없어요"),
                                at: root.location)
        }
        return (sequence, items, index)
    }

    /// The lines (0-based) of item `index` of a block sequence: from its `-` line to the
    /// line before the next item's `-` (comment and blank lines just above the next item
    /// stay with it), or to the sequence's last line.
    private func itemLines(_ items: [YAMLNode], _ index: Int, in sequence: YAMLNode) -> Range<Int> {
        let indent = sequence.location.column - 1
        func dashLine(_ item: YAMLNode) -> Int {
            var line = item.location.line - 1
            while line > 0 {
                let text = lines[line]
                let lead = text.prefix { $0 == " " }.count
                if lead == indent, lead < text.count, text[lead] == "-" { break }
                line -= 1
            }
            return line
        }
        let first = dashLine(items[index])
        var last: Int
        if index + 1 < items.count {
            last = dashLine(items[index + 1]) - 1
            while last > first {
                let text = lines[last]
                let lead = text.prefix { $0 == " " }.count
                guard lead == text.count || (text[lead] == "#" && lead <= indent) else { break }
                last -= 1
            }
        } else {
            last = lastLine(ofBlockAt: sequence.location, isSequence: true)
        }
        return first..<(last + 1)
    }
}
