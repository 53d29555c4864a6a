/// Recognising `key:` lines, and node properties (anchors, tags, aliases — refused).
extension YAMLBlockParser {
    // MARK: Keys

    struct KeyScan {
        var text: String
        var style: YAMLNode.ScalarStyle
        var start: Int
        var end: Int
        var colon: Int
        var isFlowCollection = false
    }

    /// Reads `key:` at `index` (a plain, quoted or — refused later — flow key followed by
    /// `:` and whitespace or the end of the line), or nil when the line is not a key line.
    func scanKey(_ number: Int, _ index: Int) -> KeyScan? {
        let line = lines[number]
        guard index < line.end else { return nil }
        let head = source[index]
        func colonAfter(_ position: Int) -> Int? {
            let at = skipSpaces(from: position, in: number)
            guard at < line.end, source[at] == ":" else { return nil }
            return at + 1 == line.end || source[at + 1].isYAMLSpace ? at : nil
        }
        switch head {
        case "\"", "'":
            var position = index + 1
            while position < line.end {
                let scalar = source[position]
                if head == "\"", scalar == "\\" {
                    position += 2
                    continue
                }
                if scalar == head {
                    if head == "'", position + 1 < line.end, source[position + 1] == "'" {
                        position += 2
                        continue
                    }
                    break
                }
                position += 1
            }
            guard position < line.end, let colon = colonAfter(position + 1) else { return nil }
            let value = decodeQuoted(FlowCursor(line: number, index: index), minIndent: Int.max).value
            return KeyScan(
                text: value, style: head == "'" ? .singleQuoted : .doubleQuoted, start: index, end: position + 1, colon: colon)
        case "[", "{":
            var depth = 0
            var position = index
            var quote: Unicode.Scalar?
            while position < line.end {
                let scalar = source[position]
                if let open = quote {
                    if scalar == "\\", open == "\"" { position += 1 } else if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == "[" || scalar == "{" {
                    depth += 1
                } else if scalar == "]" || scalar == "}" {
                    depth -= 1
                    if depth == 0 { break }
                } else if scalar == "#", position > index, source[position - 1].isYAMLSpace {
                    return nil
                }
                position += 1
            }
            guard position < line.end, let colon = colonAfter(position + 1) else { return nil }
            return KeyScan(
                text: text(index, position + 1), style: .plain, start: index, end: position + 1, colon: colon,
                isFlowCollection: true)
        case "#":
            return nil
        case "-", "?":
            if index + 1 == line.end || source[index + 1].isYAMLSpace { return nil }
        default:
            break
        }
        var position = index
        while position < line.end {
            let scalar = source[position]
            if scalar == ":", position + 1 == line.end || source[position + 1].isYAMLSpace {
                var end = position
                while end > index, source[end - 1].isYAMLSpace { end -= 1 }
                guard end > index else { return nil }
                return KeyScan(text: text(index, end), style: .plain, start: index, end: end, colon: position)
            }
            if scalar == "#", position > index, source[position - 1].isYAMLSpace { return nil }
            // `name { a: b }` is a name that lost its `:`, not the key `name { a`.
            if scalar == "{" || scalar == "[", position > index, source[position - 1].isYAMLSpace { return nil }
            position += 1
        }
        return nil
    }

    /// The first `:` followed by whitespace or the end of the line, before any comment:
    /// the mark of a `key: value` line, whether or not the key before it is acceptable.
    func colonIndicator(_ number: Int, _ index: Int) -> Int? {
        let line = lines[number]
        var position = index
        var quote: Unicode.Scalar?
        while position < line.end {
            let scalar = source[position]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if (scalar == "\"" || scalar == "'"), position == index || source[position - 1].isYAMLSpace {
                quote = scalar
            } else if scalar == ":", position + 1 == line.end || source[position + 1].isYAMLSpace {
                return position
            } else if scalar == "#", position > index, source[position - 1].isYAMLSpace {
                return nil
            }
            position += 1
        }
        return nil
    }

    /// Whether a plain token looks like `key:value` written without the space.
    func missingSpaceKey(_ number: Int, _ index: Int) -> (key: String, colon: Int)? {
        let line = lines[number]
        guard index < line.end else { return nil }
        let first = source[index]
        guard first.properties.isAlphabetic || first == "_" else { return nil }
        var position = index
        while position < line.end {
            let scalar = source[position]
            if scalar == ":" {
                guard position > index, position + 1 < line.end else { return nil }
                let next = source[position + 1]
                if next.isYAMLSpace || next == "/" { return nil }
                return (text(index, position), position)
            }
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_"
                || scalar == "."
            else { return nil }
            position += 1
        }
        return nil
    }

    /// Adds `key: value` to a mapping's `entries`, unless the mapping already has `key`:
    /// that is reported at this key, with a note at the first.
    mutating func addEntry(
        _ key: String, line: Int, at index: Int, length: Int, value: YAMLNode, seen: inout KeyIndex, to entries: inout [YAMLNode.Entry]
    ) {
        if let first = seen[key] {
            report(.duplicateKey(key), line: line, at: index, length: length, notes: [Diagnostic.Note(YAMLProblem.firstDefined(key), at: first)])
            return
        }
        let keyLocation = location(line, index)
        seen.insert(key, at: keyLocation)
        entries.append(YAMLNode.Entry(key: key, keyLocation: keyLocation, value: value))
    }

    // MARK: Node properties

    /// Reports and skips anchors, tags and aliases at `index`. Returns the index after
    /// them and whether an alias stood for the node.
    mutating func skipProperties(_ number: Int, _ index: Int) -> (index: Int, wasAlias: Bool) {
        var index = index
        let end = lines[number].end
        var wasAlias = false
        while index < end {
            let head = source[index]
            let problem: YAMLProblem
            switch head {
            case "&": problem = .anchorUnsupported
            case "!": problem = .tagUnsupported
            case "*": problem = .aliasUnsupported
            default: return (index, wasAlias)
            }
            var tokenEnd = index + 1
            while tokenEnd < end, !source[tokenEnd].isYAMLSpace {
                let scalar = source[tokenEnd]
                if head == "*", scalar == "," || scalar == "]" || scalar == "}" || scalar == ":" { break }
                tokenEnd += 1
            }
            report(problem, line: number, at: index, length: tokenEnd - index)
            if head == "*" { wasAlias = true }
            index = skipSpaces(from: tokenEnd, in: number)
            if wasAlias { return (index, true) }
        }
        return (index, wasAlias)
    }
}
