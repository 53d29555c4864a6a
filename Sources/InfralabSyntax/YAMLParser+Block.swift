/// Block collections: mappings by indentation, `- ` sequences, and the value after `key:`.
extension YAMLBlockParser {
    enum NodeStart {
        /// The node's content starts at this index, after any properties.
        case content(Int)
        /// Too deep, an alias, or nothing after the properties: this empty scalar stands for it.
        case empty(YAMLNode)
    }

    /// What every node that may open a block collection checks first (its caller has
    /// counted it in `depth`): the depth limit, then anchors, tags and aliases.
    mutating func beginNode(_ number: Int, _ start: Int, parentIndent: Int) -> NodeStart {
        if depth > Self.maximumDepth {
            report(.tooDeep, line: number, at: start)
            current = skipLines(deeperThan: max(parentIndent, 0), from: number + 1)
            return .empty(YAMLNode(.scalar("", .plain), at: location(number, start)))
        }
        let (index, wasAlias) = skipProperties(number, start)
        if wasAlias || index >= lines[number].end || source[index] == "#" {
            current = number + 1
            return .empty(YAMLNode(.scalar("", .plain), at: location(number, start)))
        }
        return .content(index)
    }

    mutating func parseNodeAtLineStart(_ number: Int, parentIndent: Int) -> YAMLNode {
        parseNode(number, lines[number].contentStart, parentIndent: parentIndent, startsLine: true)
    }

    /// A node that starts a line or follows `- `: it may open a block collection here.
    mutating func parseNode(_ number: Int, _ start: Int, parentIndent: Int, startsLine: Bool) -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        let index: Int
        switch beginNode(number, start, parentIndent: parentIndent) {
        case .empty(let node): return node
        case .content(let at): index = at
        }
        let indent = column(number, index)
        if isSequenceItem(number, index) {
            return parseBlockSequence(number, index, indent: indent, isValueOfKeyAtSameIndent: false)
        }
        if scanKey(number, index) != nil {
            return parseBlockMapping(number, index, indent: indent)
        }
        let head = source[index]
        if !"\"'[{|>".unicodeScalars.contains(head), colonIndicator(number, index) != nil {
            // `name { a: b }`: a key line whose key is broken.
            return parseBlockMapping(number, index, indent: indent)
        }
        if head == "?", index + 1 == lines[number].end || source[index + 1].isYAMLSpace {
            return parseBlockMapping(number, index, indent: indent)
        }
        if !"\"'[{|>".unicodeScalars.contains(head) {
            // A plain line followed by keys at the same indentation: a mapping whose first
            // line lost its `:`.
            var next = nextSignificantLine(from: number + 1)
            while next < endLine, lines[next].indent > indent { next = nextSignificantLine(from: next + 1) }
            if next < endLine, lines[next].indent == indent, column(next, lines[next].contentStart) == indent,
                scanKey(next, lines[next].contentStart) != nil
            {
                return parseBlockMapping(number, index, indent: indent)
            }
            if let (key, colon) = missingSpaceKey(number, index) {
                report(.missingSpaceAfterColon(key: key), line: number, at: colon, length: 1)
            }
        }
        return parseInlineValue(number, index, parentIndent: parentIndent)
    }

    mutating func parseBlockMapping(_ firstLine: Int, _ firstIndex: Int, indent: Int) -> YAMLNode {
        var entries: [YAMLNode.Entry] = []
        var seen = KeyIndex()
        let mappingLocation = location(firstLine, firstIndex)
        var mappingLength = 1
        var number = firstLine
        var index = firstIndex
        var isFirst = true
        while true {
            let (keyIndex, _) = skipProperties(number, index)
            if let key = scanKey(number, keyIndex) {
                if isFirst { mappingLength = key.end - key.start }
                if key.isFlowCollection {
                    report(.flowKey, line: number, at: key.start, length: key.end - key.start)
                }
                let value = parseValue(afterColonOf: number, key.colon, indent: indent)
                if key.isFlowCollection {
                    // refused above; the value was still read for its own problems
                } else {
                    addEntry(key.text, line: number, at: key.start, length: key.end - key.start, value: value, seen: &seen, to: &entries)
                }
            } else {
                refuseNonKeyLine(number, keyIndex)
                current = skipLines(deeperThan: indent, from: number + 1)
            }
            isFirst = false
            // The next line at this mapping's indentation, if any.
            while true {
                var next = nextSignificantLine(from: current)
                if next <= number { next = nextSignificantLine(from: number + 1) }
                current = next
                guard next < endLine else { return mappingNode(entries, mappingLocation, mappingLength) }
                let nextIndent = lines[next].indent
                if nextIndent < indent { return mappingNode(entries, mappingLocation, mappingLength) }
                if nextIndent > indent {
                    report(.badIndentation, line: next, at: lines[next].contentStart, length: tokenLength(next, lines[next].contentStart))
                    current = skipLines(deeperThan: indent, from: next + 1)
                    continue
                }
                number = next
                index = lines[next].contentStart
                break
            }
        }
    }

    func mappingNode(_ entries: [YAMLNode.Entry], _ location: SourceLocation, _ length: Int) -> YAMLNode {
        YAMLNode(.mapping(entries), at: location, length: length)
    }

    /// Explains why a line where a key was expected is not one.
    mutating func refuseNonKeyLine(_ number: Int, _ index: Int) {
        let end = lines[number].end
        guard index < end else { return }
        let head = source[index]
        if isSequenceItem(number, index) {
            report(.mixedCollection(isItemInMapping: true), line: number, at: index)
            return
        }
        if head == "?", index + 1 == end || source[index + 1].isYAMLSpace {
            report(.complexKeyUnsupported, line: number, at: index)
            // Its `: value` line belongs to it.
            let next = skipLines(deeperThan: lines[number].indent, from: number + 1)
            if next < endLine, lines[next].indent == lines[number].indent, source[lines[next].contentStart] == ":" {
                skipComplexValueLine = next
            }
            return
        }
        if head == ":" {
            if skipComplexValueLine == number { return }
            report(.unexpectedCharacter(":"), line: number, at: index)
            return
        }
        if let (key, colon) = missingSpaceKey(number, index) {
            report(.missingSpaceAfterColon(key: key), line: number, at: colon)
            return
        }
        // The first word, for "did you forget the `:` after `subnet`?".
        var wordEnd = index
        while wordEnd < end, !source[wordEnd].isYAMLSpace, source[wordEnd] != ":" { wordEnd += 1 }
        let word = "\"'[{|>#".unicodeScalars.contains(head) ? "" : text(index, wordEnd)
        report(.missingColon(firstWord: word), line: number, at: index, length: max(1, wordEnd - index))
    }

    mutating func parseBlockSequence(_ firstLine: Int, _ firstIndex: Int, indent: Int, isValueOfKeyAtSameIndent: Bool) -> YAMLNode {
        var items: [YAMLNode] = []
        let sequenceLocation = location(firstLine, firstIndex)
        var number = firstLine
        var index = firstIndex
        while true {
            // `index` is at a `-` followed by whitespace or the end of the line.
            var after = skipSpaces(from: index + 1, in: number)
            if after < lines[number].end, "&!".unicodeScalars.contains(source[after]) {
                after = skipProperties(number, after).index
            }
            if after >= lines[number].end || source[after] == "#" {
                let next = nextSignificantLine(from: number + 1)
                if next < endLine, lines[next].indent > indent {
                    items.append(parseNodeAtLineStart(next, parentIndent: indent))
                } else {
                    items.append(YAMLNode(.scalar("", .plain), at: location(number, index + 1)))
                    current = number + 1
                }
            } else {
                items.append(parseNode(number, after, parentIndent: indent, startsLine: false))
            }
            while true {
                var next = nextSignificantLine(from: current)
                if next <= number { next = nextSignificantLine(from: number + 1) }
                current = next
                guard next < endLine else { return YAMLNode(.sequence(items), at: sequenceLocation) }
                let nextIndent = lines[next].indent
                if nextIndent < indent { return YAMLNode(.sequence(items), at: sequenceLocation) }
                if nextIndent > indent {
                    report(.badIndentation, line: next, at: lines[next].contentStart, length: tokenLength(next, lines[next].contentStart))
                    current = skipLines(deeperThan: indent, from: next + 1)
                    continue
                }
                let nextIndex = lines[next].contentStart
                if isSequenceItem(next, nextIndex) {
                    number = next
                    index = nextIndex
                    break
                }
                if isValueOfKeyAtSameIndent { return YAMLNode(.sequence(items), at: sequenceLocation) }
                report(.mixedCollection(isItemInMapping: false), line: next, at: nextIndex, length: tokenLength(next, nextIndex))
                current = skipLines(deeperThan: indent, from: next + 1)
            }
        }
    }

    /// The value after `key:` whose colon is at `colon`; `indent` is the mapping's.
    mutating func parseValue(afterColonOf number: Int, _ colon: Int, indent: Int) -> YAMLNode {
        var start = skipSpaces(from: colon + 1, in: number)
        if start < lines[number].end, "&!".unicodeScalars.contains(source[start]) {
            // `key: &anchor` with the value on the next lines: refuse, then read on.
            start = skipProperties(number, start).index
        }
        if start < lines[number].end, source[start] != "#" {
            return parseValueOnKeyLine(number, start, indent: indent)
        }
        let next = nextSignificantLine(from: number + 1)
        if next < endLine {
            let nextLine = lines[next]
            if nextLine.indent > indent {
                return parseNodeAtLineStart(next, parentIndent: indent)
            }
            if nextLine.indent == indent, isSequenceItem(next, nextLine.contentStart) {
                return parseBlockSequence(next, nextLine.contentStart, indent: indent, isValueOfKeyAtSameIndent: true)
            }
        }
        current = number + 1
        return YAMLNode(.scalar("", .plain), at: location(number, colon + 1))
    }

    mutating func parseValueOnKeyLine(_ number: Int, _ start: Int, indent: Int) -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        let index: Int
        switch beginNode(number, start, parentIndent: indent) {
        case .empty(let node): return node
        case .content(let at): index = at
        }
        if isSequenceItem(number, index) {
            report(.inlineSequence, line: number, at: index)
            return parseBlockSequence(number, index, indent: column(number, index), isValueOfKeyAtSameIndent: false)
        }
        if let key = scanKey(number, index), !key.isFlowCollection {
            report(.unexpectedColon, line: number, at: key.colon)
            return parseBlockMapping(number, index, indent: column(number, index))
        }
        if !"\"'[{|>".unicodeScalars.contains(source[index]), let colon = colonIndicator(number, index) {
            report(.unexpectedColon, line: number, at: colon)
        }
        return parseInlineValue(number, index, parentIndent: indent)
    }
}
