/// Every problem the YAML parser reports: one case per stable `code`, one `switch` that
/// builds each message in English and Korean.
enum YAMLProblem {
    case tabIndentation
    case duplicateKey(String)
    case unterminatedString(quote: Character)
    case anchorUnsupported
    case aliasUnsupported
    case tagUnsupported
    case directiveUnsupported
    case multipleDocuments
    case complexKeyUnsupported
    case missingColon(firstWord: String)
    case missingSpaceAfterColon(key: String)
    case badIndentation
    case mixedCollection(isItemInMapping: Bool)
    case unclosedFlow(open: Character)
    case invalidEscape(String)
    case flowKey
    case unexpectedCharacter(Character)
    case unexpectedText
    case unexpectedColon
    case inlineSequence
    case missingComma(close: Character)
    case flowPairUnsupported
    case invalidBlockHeader
    case tooDeep

    /// The stable codes, one per case; `allCases` is every code the parser can report.
    enum Code: String, CaseIterable, Sendable {
        case tabIndentation = "yaml.tab-indentation"
        case duplicateKey = "yaml.duplicate-key"
        case unterminatedString = "yaml.unterminated-string"
        case anchorUnsupported = "yaml.anchor-unsupported"
        case aliasUnsupported = "yaml.alias-unsupported"
        case tagUnsupported = "yaml.tag-unsupported"
        case directiveUnsupported = "yaml.directive-unsupported"
        case multipleDocuments = "yaml.multiple-documents"
        case complexKeyUnsupported = "yaml.complex-key-unsupported"
        case missingColon = "yaml.missing-colon"
        case missingSpaceAfterColon = "yaml.missing-space-after-colon"
        case badIndentation = "yaml.bad-indentation"
        case mixedCollection = "yaml.mixed-collection"
        case unclosedFlow = "yaml.unclosed-flow"
        case invalidEscape = "yaml.invalid-escape"
        case flowKey = "yaml.flow-key"
        case unexpectedCharacter = "yaml.unexpected-character"
        case unexpectedText = "yaml.unexpected-text"
        case unexpectedColon = "yaml.unexpected-colon"
        case inlineSequence = "yaml.inline-sequence"
        case missingComma = "yaml.missing-comma"
        case flowPairUnsupported = "yaml.flow-pair-unsupported"
        case invalidBlockHeader = "yaml.invalid-block-header"
        case tooDeep = "yaml.too-deep"
    }

    var kind: Code {
        switch self {
        case .tabIndentation: .tabIndentation
        case .duplicateKey: .duplicateKey
        case .unterminatedString: .unterminatedString
        case .anchorUnsupported: .anchorUnsupported
        case .aliasUnsupported: .aliasUnsupported
        case .tagUnsupported: .tagUnsupported
        case .directiveUnsupported: .directiveUnsupported
        case .multipleDocuments: .multipleDocuments
        case .complexKeyUnsupported: .complexKeyUnsupported
        case .missingColon: .missingColon
        case .missingSpaceAfterColon: .missingSpaceAfterColon
        case .badIndentation: .badIndentation
        case .mixedCollection: .mixedCollection
        case .unclosedFlow: .unclosedFlow
        case .invalidEscape: .invalidEscape
        case .flowKey: .flowKey
        case .unexpectedCharacter: .unexpectedCharacter
        case .unexpectedText: .unexpectedText
        case .unexpectedColon: .unexpectedColon
        case .inlineSequence: .inlineSequence
        case .missingComma: .missingComma
        case .flowPairUnsupported: .flowPairUnsupported
        case .invalidBlockHeader: .invalidBlockHeader
        case .tooDeep: .tooDeep
        }
    }

    var code: String { kind.rawValue }

    /// Every code the parser can report (documentation, `lab check`, tests).
    static var allCodes: [String] { Code.allCases.map(\.rawValue) }

    /// The note at the first of two equal keys.
    static func firstDefined(_ key: String) -> LocalizedText {
        LocalizedText(en: "`\(key)` is first defined here", ko: "\(Korean.topic("`\(key)`")) 여기서 처음 정의됐어요.")
    }

    var message: LocalizedText {
        switch self {
        case .tabIndentation, .duplicateKey, .missingColon, .missingSpaceAfterColon, .badIndentation, .mixedCollection, .unexpectedColon, .inlineSequence, .multipleDocuments, .tooDeep:
            layoutMessage
        case .anchorUnsupported, .aliasUnsupported, .tagUnsupported, .directiveUnsupported, .complexKeyUnsupported, .flowPairUnsupported:
            unsupportedMessage
        case .unterminatedString, .invalidEscape, .invalidBlockHeader, .unclosedFlow, .flowKey, .unexpectedCharacter, .unexpectedText, .missingComma:
            scalarAndFlowMessage
        }
    }

    /// The block layout: indentation, keys, lists and documents.
    private var layoutMessage: LocalizedText {
        switch self {
        case .tabIndentation:
            LocalizedText(
                en: "tabs can't be used for indentation; use spaces",
                ko: "들여쓰기에 탭을 쓸 수 없어요. 공백을 써 주세요.")
        case .duplicateKey(let key):
            LocalizedText(
                en: "duplicate key `\(key)`",
                ko: "`\(key)` 키가 두 번 나와요.")
        case .missingColon:
            LocalizedText(
                en: "expected `key: value`, but this line has no `:`",
                ko: "`키: 값` 형태여야 하는데 이 줄에 `:`가 없어요.")
        case .missingSpaceAfterColon(let key):
            LocalizedText(
                en: "`\(key):` needs a space after the `:` to be a key",
                ko: "`\(key):` 다음에 값이 오려면 `:` 뒤에 공백이 있어야 해요.")
        case .badIndentation:
            LocalizedText(
                en: "this line is indented differently from the lines around it",
                ko: "이 줄의 들여쓰기가 주변 줄과 맞지 않아요.")
        case .mixedCollection(let isItemInMapping):
            isItemInMapping
                ? LocalizedText(
                    en: "a list item (`- `) can't appear among the keys of a mapping",
                    ko: "매핑의 키들 사이에 목록 항목(`- `)이 올 수 없어요.")
                : LocalizedText(
                    en: "a `key: value` line can't appear among the items of a list",
                    ko: "목록 항목들 사이에 `키: 값` 줄이 올 수 없어요.")
        case .unexpectedColon:
            LocalizedText(
                en: "a value can't start a new `key: value` on the same line as its key",
                ko: "키와 같은 줄에서 값이 다시 `키: 값`으로 시작할 수 없어요.")
        case .inlineSequence:
            LocalizedText(
                en: "a list item (`- `) can't start on the same line as its key",
                ko: "목록 항목(`- `)은 키와 같은 줄에서 시작할 수 없어요.")
        case .multipleDocuments:
            LocalizedText(
                en: "only one YAML document is allowed per file; this starts another one",
                ko: "파일 하나에는 YAML 문서를 하나만 쓸 수 있어요. 여기서 다른 문서가 시작돼요.")
        case .tooDeep:
            LocalizedText(
                en: "nested too deeply (more than \(YAMLBlockParser.maximumDepth) levels)",
                ko: "너무 깊게 중첩됐어요(\(YAMLBlockParser.maximumDepth)단계 초과).")
        default:
            preconditionFailure("\(code) is not in this group")
        }
    }

    /// YAML features infralab files leave out.
    private var unsupportedMessage: LocalizedText {
        switch self {
        case .anchorUnsupported:
            LocalizedText(
                en: "anchors (`&name`) are not supported in infralab files",
                ko: "infralab 파일에서는 앵커(`&이름`)를 쓸 수 없어요.")
        case .aliasUnsupported:
            LocalizedText(
                en: "aliases (`*name`) are not supported in infralab files",
                ko: "infralab 파일에서는 별칭(`*이름`)을 쓸 수 없어요.")
        case .tagUnsupported:
            LocalizedText(
                en: "tags (`!tag`, `!!str`) are not supported in infralab files",
                ko: "infralab 파일에서는 태그(`!tag`, `!!str`)를 쓸 수 없어요.")
        case .directiveUnsupported:
            LocalizedText(
                en: "YAML directives (`%YAML`, `%TAG`) are not supported",
                ko: "YAML 지시자(`%YAML`, `%TAG`)는 쓸 수 없어요.")
        case .complexKeyUnsupported:
            LocalizedText(
                en: "complex keys (`? key`) are not supported; write `key: value`",
                ko: "복합 키(`? 키`)는 쓸 수 없어요. `키: 값` 형태로 써 주세요.")
        case .flowPairUnsupported:
            LocalizedText(
                en: "`key: value` inside `[...]` needs braces: `{ key: value }`",
                ko: "`[...]` 안의 `키: 값`은 중괄호로 감싸야 해요: `{ 키: 값 }`")
        default:
            preconditionFailure("\(code) is not in this group")
        }
    }

    /// Quoted text, block scalars and `[...]` / `{...}` collections.
    private var scalarAndFlowMessage: LocalizedText {
        switch self {
        case .unterminatedString(let quote):
            LocalizedText(
                en: "this quoted text is never closed: a matching \(quote) is missing",
                ko: "따옴표로 시작한 글이 닫히지 않았어요. 짝이 되는 \(Korean.subject("\(quote)")) 없어요.")
        case .invalidEscape(let escape):
            LocalizedText(
                en: "`\(escape)` is not a valid escape in double-quoted text",
                ko: "\(Korean.topic("`\(escape)`")) 큰따옴표 안에서 쓸 수 있는 이스케이프가 아니에요.")
        case .invalidBlockHeader:
            LocalizedText(
                en: "invalid block scalar header: after `|` or `>` only `-`, `+` or one digit may follow",
                ko: "블록 스칼라 머리가 잘못됐어요. `|`나 `>` 뒤에는 `-`, `+`, 숫자 하나만 올 수 있어요.")
        case .unclosedFlow(let open):
            LocalizedText(
                en: "this `\(open)` is never closed",
                ko: "이 \(Korean.subject("`\(open)`")) 닫히지 않았어요.")
        case .flowKey:
            LocalizedText(
                en: "a mapping key must be a name, not a `[...]` or `{...}` collection",
                ko: "매핑의 키는 이름이어야 해요. `[...]`나 `{...}`는 키가 될 수 없어요.")
        case .unexpectedCharacter(let character):
            LocalizedText(
                en: "unexpected `\(character)`",
                ko: "여기에 \(Korean.subject("`\(character)`")) 올 수 없어요.")
        case .unexpectedText:
            LocalizedText(
                en: "unexpected text after the value",
                ko: "값 뒤에 알 수 없는 글이 있어요.")
        case .missingComma(let close):
            LocalizedText(
                en: "expected `,` or `\(close)` here",
                ko: "여기에는 `,`나 \(Korean.subject("`\(close)`")) 와야 해요.")
        default:
            preconditionFailure("\(code) is not in this group")
        }
    }

    var suggestion: LocalizedText? {
        switch self {
        case .tabIndentation:
            LocalizedText(en: "replace the tab with spaces (2 per level)", ko: "탭을 공백으로 바꿔 주세요(한 단계에 2칸).")
        case .duplicateKey:
            LocalizedText(en: "remove one of them, or merge their contents", ko: "둘 중 하나를 지우거나 내용을 합쳐 주세요.")
        case .unterminatedString(let quote):
            LocalizedText(en: "add the closing \(quote)", ko: "닫는 \(Korean.object("\(quote)")) 붙여 주세요.")
        case .anchorUnsupported, .aliasUnsupported:
            LocalizedText(en: "write the value out in full where it is used", ko: "쓰이는 곳마다 값을 직접 적어 주세요.")
        case .tagUnsupported:
            LocalizedText(en: "remove the tag; quote the value if it must stay text", ko: "태그를 지워 주세요. 글자로 남겨야 하면 값을 따옴표로 감싸 주세요.")
        case .directiveUnsupported:
            LocalizedText(en: "remove this line", ko: "이 줄을 지워 주세요.")
        case .multipleDocuments:
            LocalizedText(en: "remove this line and keep one document", ko: "이 줄을 지우고 문서를 하나로 합쳐 주세요.")
        case .missingColon(let word):
            word.isEmpty
                ? nil
                : LocalizedText(
                    en: "did you forget the `:` after `\(word)`?",
                    ko: "`\(word)` 뒤에 `:`를 빠뜨리지 않았나요?")
        case .missingSpaceAfterColon(let key):
            LocalizedText(en: "write `\(key): ` with a space", ko: "`\(key): `처럼 공백을 넣어 주세요.")
        case .badIndentation:
            LocalizedText(
                en: "line it up with the keys or items it belongs with (spaces only)",
                ko: "같은 단계의 키나 항목과 들여쓰기를 맞춰 주세요(공백만 써요).")
        case .unclosedFlow(let open):
            LocalizedText(en: "add the matching `\(open == "[" ? "]" : "}")`", ko: "짝이 되는 \(Korean.object("`\(open == "[" ? "]" : "}")`")) 붙여 주세요.")
        case .invalidEscape:
            LocalizedText(
                en: "write `\\\\` for a backslash, or use single quotes",
                ko: "역슬래시는 `\\\\`로 쓰거나 작은따옴표를 써 주세요.")
        case .flowKey:
            LocalizedText(en: "use a plain name as the key", ko: "키에는 이름을 써 주세요.")
        case .unexpectedColon:
            LocalizedText(
                en: "put the nested `key: value` on its own indented line, or quote the value",
                ko: "안쪽의 `키: 값`은 다음 줄에 들여 써 주거나, 값을 따옴표로 감싸 주세요.")
        case .inlineSequence:
            LocalizedText(en: "move the `- ` item to the next line, indented", ko: "`- ` 항목을 다음 줄로 옮겨 들여 써 주세요.")
        case .mixedCollection:
            LocalizedText(
                en: "a level holds either `key: value` lines or `- ` items, not both",
                ko: "한 단계에는 `키: 값` 줄이나 `- ` 항목 중 한 가지만 올 수 있어요.")
        case .unexpectedCharacter, .unexpectedText:
            LocalizedText(en: "quote the value if these characters are part of it", ko: "이 글자들이 값의 일부라면 값을 따옴표로 감싸 주세요.")
        case .complexKeyUnsupported, .missingComma, .flowPairUnsupported, .invalidBlockHeader, .tooDeep:
            nil
        }
    }
}
