import InfralabSyntax

/// What a value should have been, for "expected …, found …" messages.
///
/// The Korean text carries its own subject particle (`가`/`이`), so messages never attach
/// a particle to a learner's name or value.
struct Expectation: Sendable {
    var en: String
    var ko: String

    static let port = Expectation(en: "a port number 0–65535", ko: "포트 번호(0–65535)가")
    static let portRange = Expectation(en: "a port number or a range like `1024-65535`", ko: "포트 번호나 `1024-65535` 같은 범위가")
    static let integer = Expectation(en: "a whole number", ko: "정수가")
    static let ruleNumber = Expectation(en: "a rule number 1–32766", ko: "규칙 번호(1–32766)가")
    static let boolean = Expectation(en: "`true` or `false`", ko: "`true`나 `false`가")
    static let address = Expectation(en: "an IPv4 address like `203.0.113.10`", ko: "`203.0.113.10` 같은 IPv4 주소가")
    static let cidr = Expectation(en: "a CIDR block like `10.0.0.0/16`", ko: "`10.0.0.0/16` 같은 CIDR 블록이")
    static let addressOrCIDR = Expectation(en: "an IPv4 address or a CIDR block", ko: "IPv4 주소나 CIDR 블록이")
    static let name = Expectation(en: "a name", ko: "이름이")
    static let text = Expectation(en: "a single value", ko: "단일 값이")
    static let mapping = Expectation(en: "a mapping (key: value pairs)", ko: "매핑(키: 값 목록)이")
    static let list = Expectation(en: "a list", ko: "목록이")
    static let nameOrList = Expectation(en: "a name or a list of names", ko: "이름이나 이름 목록이")

    static func oneOf(_ choices: [String]) -> Expectation {
        let list = choices.map { "`\($0)`" }.joined(separator: ", ")
        return Expectation(en: "one of \(list)", ko: "\(list) 중 하나가")
    }
}

/// What the decoder tells the field reader about a field: what was expected there and,
/// for a component's own mapping, whose it is ("subnet `public-a`"). Without an owner, an
/// unknown key is an unknown section.
struct FieldSubject {
    var expected: Expectation
    var owner: LocalizedText?

    init(_ expected: Expectation, owner: LocalizedText? = nil) {
        self.expected = expected
        self.owner = owner
    }
}

/// The field reader's problems in a topology file: `topology.*` codes, "expected …, found …".
struct TopologyVocabulary: YAMLFieldVocabulary {
    func code(for problem: YAMLFieldProblem) -> String {
        switch problem {
        case .wrongKind: "topology.wrong-kind"
        case .missingValue: "topology.missing-value"
        case .invalidInteger: "topology.invalid-number"
        case .invalidBoolean: "topology.invalid-boolean"
        case .invalidChoice: "topology.invalid-value"
        case .unknownKey: "topology.unknown-key"
        case .missingKey: "topology.missing-key"
        }
    }

    func message(for problem: YAMLFieldProblem, subject: FieldSubject, found node: YAMLNode) -> LocalizedText {
        switch problem {
        case .wrongKind, .missingValue:
            DecodingMessage.wrongKind(expected: subject.expected, found: node, for: subject.owner)
        case .invalidInteger(let text, _), .invalidBoolean(let text), .invalidChoice(let text, _, _):
            DecodingMessage.badValue(expected: subject.expected, found: text)
        case .unknownKey(let key, _, _):
            subject.owner.map { DecodingMessage.unknownKey(key, in: $0) } ?? DecodingMessage.unknownSection(key)
        case .missingKey(let key):
            DecodingMessage.missingKey(key, in: subject.owner ?? LocalizedText(en: "the topology", ko: "토폴로지"))
        }
    }

    func suggestion(for problem: YAMLFieldProblem) -> LocalizedText? {
        switch problem {
        case .unknownKey(_, let closest?, _), .invalidChoice(_, _, let closest?): Suggestions.didYouMean(closest)
        default: nil
        }
    }
}

/// The loader's messages, one static member each (rules keep theirs in their own file).
enum DecodingMessage {
    static func owner(_ kind: ComponentKind, _ name: String) -> LocalizedText {
        LocalizedText(en: "\(kind.words.en) `\(name)`", ko: "\(kind.ko) `\(name)`")
    }

    static func unknownKey(_ key: String, in owner: LocalizedText) -> LocalizedText {
        LocalizedText(en: "unknown key `\(key)` in \(owner.en)", ko: "\(owner.ko ?? owner.en)에 알 수 없는 키 \(Korean.subject("`\(key)`")) 있어요")
    }

    static func unknownSection(_ key: String) -> LocalizedText {
        LocalizedText(en: "unknown section `\(key)`", ko: "알 수 없는 섹션 \(Korean.subject("`\(key)`")) 있어요")
    }

    static func didYouMean(_ word: String) -> LocalizedText { Suggestions.didYouMean(word) }

    static func missingKey(_ key: String, in owner: LocalizedText) -> LocalizedText {
        LocalizedText(en: "\(owner.en) needs `\(key)`", ko: "\(owner.ko ?? owner.en)에 `\(key)` 키가 필요해요")
    }

    static func missingEitherKey(_ keys: [String], in owner: LocalizedText) -> LocalizedText {
        let list = keys.map { "`\($0)`" }.joined(separator: " or ")
        let listKo = keys.map { "`\($0)`" }.joined(separator: " 또는 ")
        return LocalizedText(en: "\(owner.en) needs \(list)", ko: "\(owner.ko ?? owner.en)에 \(listKo) 키가 필요해요")
    }

    static func wrongKind(expected: Expectation, found: YAMLNode, for owner: LocalizedText?) -> LocalizedText {
        let foundText = found.kindDescription
        if let owner {
            return LocalizedText(
                en: "expected \(expected.en) for \(owner.en), found \(foundText.en)",
                ko: "\(owner.ko ?? owner.en)에는 \(expected.ko) 와야 해요(적힌 것: \(foundText.ko ?? foundText.en))")
        }
        return LocalizedText(
            en: "expected \(expected.en), found \(foundText.en)",
            ko: "여기에는 \(expected.ko) 와야 해요(적힌 것: \(foundText.ko ?? foundText.en))")
    }

    static func badValue(expected: Expectation, found: String) -> LocalizedText {
        LocalizedText(en: "expected \(expected.en), found `\(found)`", ko: "여기에는 \(expected.ko) 와야 해요(적힌 값: `\(found)`)")
    }

    static func unknownName(_ kind: ComponentKind, _ name: String) -> LocalizedText {
        LocalizedText(en: "no \(kind.words.en) named `\(name)`", ko: "이름이 `\(name)`인 \(Korean.subject(kind.ko)) 없어요")
    }

    static func unknownPeer(_ name: String) -> LocalizedText {
        LocalizedText(
            en: "`\(name)` is not an address, a CIDR block, `internet`, a security group, an outside host or a site",
            ko: "\(Korean.topic("`\(name)`")) 주소, CIDR 블록, `internet`, 보안 그룹, 외부 호스트, 사이트 어느 것도 아니에요")
    }

    static func peerIsInstance(_ name: String, groups: [String]) -> LocalizedText {
        if let group = groups.first {
            let list = groups.map { "`\($0)`" }.joined(separator: ", ")
            return LocalizedText(
                en: "`\(name)` is an instance, and a rule names a security group: instance `\(name)` carries \(list), so write `from: \(group)`",
                ko: "\(Korean.topic("`\(name)`")) 인스턴스예요. 규칙에는 보안 그룹 이름을 적어야 해요. 인스턴스 `\(name)`에는 보안 그룹 \(Korean.subject(list)) 붙어 있으니 \(Korean.toward("`from: \(group)`")) 적어 주세요")
        }
        return LocalizedText(
            en: "rules name security groups, not instances: give instance `\(name)` a security group and name that group here",
            ko: "규칙에는 인스턴스가 아니라 보안 그룹을 적어요. 인스턴스 `\(name)`에 보안 그룹을 붙이고 그 그룹 이름을 여기에 적으세요")
    }

    static func ambiguousName(_ name: String, kinds: [ComponentKind], chosen: ComponentKind) -> LocalizedText {
        let en = kinds.map(\.words.en).joined(separator: " and ")
        let koKinds = kinds.map(\.ko)
        let ko = koKinds.dropLast().map { Korean.and($0) + " " }.joined() + (koKinds.last ?? "")
        return LocalizedText(
            en: "`\(name)` names both a \(en); using the \(chosen.words.en)",
            ko: "\(Korean.topic("`\(name)`")) \(ko)의 이름으로 함께 쓰였어요. \(Korean.toward(chosen.ko)) 읽을게요")
    }

    static func reservedName(_ name: String) -> LocalizedText {
        LocalizedText(
            en: "`\(name)` is reserved: it always means any public address; choose another name",
            ko: "\(Korean.topic("`\(name)`")) 예약된 이름이에요(언제나 모든 퍼블릭 주소를 뜻해요). 다른 이름을 지어 주세요")
    }

    static func definedHere(_ kind: ComponentKind, _ name: String) -> LocalizedText {
        LocalizedText(en: "\(kind.words.en) `\(name)` is defined here", ko: "\(kind.ko) \(Korean.topic("`\(name)`")) 여기에서 정의했어요")
    }

    static func duplicateName(_ kind: ComponentKind, _ name: String) -> LocalizedText {
        LocalizedText(en: "\(kind.words.en) `\(name)` is defined twice", ko: "\(kind.ko) \(Korean.subject("`\(name)`")) 두 번 정의됐어요")
    }

    static func conflictingAssociation(subnet: String, kind: ComponentKind, listed: String, written: String) -> LocalizedText {
        LocalizedText(
            en: "\(kind.words.en) `\(listed)` lists subnet `\(subnet)`, but the subnet names `\(written)`; a subnet has exactly one \(kind.words.en)",
            ko: "\(kind.ko) `\(listed)`에 서브넷 \(Korean.subject("`\(subnet)`")) 들어 있지만, 서브넷에는 \(Korean.subject("`\(written)`")) 적혀 있어요. 서브넷 하나에는 \(Korean.subject(kind.ko)) 하나만 붙어요")
    }

    static func subnetSaysHere(_ subnet: String) -> LocalizedText {
        LocalizedText(en: "subnet `\(subnet)` names its own here", ko: "서브넷 \(Korean.topic("`\(subnet)`")) 여기에서 직접 지정했어요")
    }

    static func missingVPC(_ owner: LocalizedText) -> LocalizedText {
        LocalizedText(
            en: "\(owner.en) needs `vpc`: there is more than one VPC, so it cannot be guessed",
            ko: "\(owner.ko ?? owner.en)에 `vpc` 키가 필요해요. VPC가 여러 개라서 어느 VPC인지 정할 수 없어요")
    }

    static func invalidAvailabilityZone(_ az: String, region: String) -> LocalizedText {
        LocalizedText(
            en: "`\(az)` is not an availability zone of \(region) (expected \(region)a to \(region)f)",
            ko: "\(Korean.topic("`\(az)`")) \(region) 리전의 가용 영역이 아니에요(\(region)a부터 \(region)f까지 쓸 수 있어요)")
    }

    static func notATopology(_ found: YAMLNode) -> LocalizedText {
        let foundText = found.kindDescription
        return LocalizedText(
            en: "a topology file is a mapping of sections (`vpcs:`, `subnets:`, …), found \(foundText.en)",
            ko: "토폴로지 파일은 섹션(`vpcs:`, `subnets:` …)의 매핑이어야 해요(적힌 것: \(foundText.ko ?? foundText.en))")
    }
}

extension ComponentKind {
    /// The Korean words for the kind (always written).
    var ko: String { words.ko ?? words.en }
}
