/// A node of infralab's YAML subset, with the place it was written.
///
/// The subset: block and flow mappings and sequences, plain / single-quoted /
/// double-quoted scalars, literal (`|`) and folded (`>`) block scalars, comments.
/// Scalars stay text: the topology and mission loaders decide what `80` or `true` means,
/// so that the error for a wrong type points at the value and names the expected type.
package struct YAMLNode: Sendable, Hashable {
    package enum ScalarStyle: String, Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    package struct Entry: Sendable, Hashable {
        package var key: String
        package var keyLocation: SourceLocation
        package var value: YAMLNode

        package init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }

        /// Columns the key spans (Unicode scalars, as locations count), at least 1.
        package var keyLength: Int { max(1, key.unicodeScalars.count) }
    }

    package indirect enum Kind: Sendable, Hashable {
        /// A scalar's text after quoting and folding rules; `style` tells how it was written.
        case scalar(String, ScalarStyle)
        /// Entries in the order written. Duplicate keys are refused by the parser.
        case mapping([Entry])
        case sequence([YAMLNode])
    }

    package var kind: Kind
    /// Where the node starts: the first character of a scalar (its opening quote when
    /// quoted, the indicator `|`/`>` of a block scalar), the `{`/`[` of a flow
    /// collection, or the first key / `-` of a block collection.
    package var location: SourceLocation
    /// Characters the node spans on its first line (for caret underlines); at least 1.
    package var length: Int

    package init(_ kind: Kind, at location: SourceLocation, length: Int = 1) {
        self.kind = kind
        self.location = location
        self.length = max(1, length)
    }

    // MARK: Reading

    /// A plain empty scalar, `~` or `null` (unquoted).
    package var isNull: Bool {
        if case .scalar(let text, .plain) = kind { return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" }
        return false
    }

    package var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    package var entries: [Entry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    package var items: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    package subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    /// What kind of node this is, in words for an error message ("a mapping").
    package var kindDescription: LocalizedText {
        switch kind {
        case .scalar: isNull ? LocalizedText(en: "nothing", ko: "빈 값") : LocalizedText(en: "a single value", ko: "단일 값")
        case .mapping: LocalizedText(en: "a mapping (key: value pairs)", ko: "매핑(키: 값 목록)")
        case .sequence: LocalizedText(en: "a list", ko: "목록")
        }
    }
}

/// The outcome of parsing one file: the root node when the file could be read (an empty
/// file gives an empty mapping), and every problem found.
package struct YAMLParseResult: Sendable {
    package var root: YAMLNode?
    package var diagnostics: [Diagnostic]

    package init(root: YAMLNode?, diagnostics: [Diagnostic]) {
        self.root = root
        self.diagnostics = diagnostics
    }
}
