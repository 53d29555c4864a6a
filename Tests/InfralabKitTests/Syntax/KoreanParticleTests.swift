import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax

/// Korean particles are chosen by the final sound of the word before, as Korean developers
/// read it aloud (Docs/authoring.md, "Korean text"): Hangul by its final consonant (ㄹ takes
/// 로), numbers in Sino-Korean (`80` 팔십 → 으로, `22` 이십이 → 로), names by their letters
/// or their English ending (`db` 디비 → 가, `admin` 어드민 → 이, `nat-a` 에이 → 로).
@Suite("Korean particles")
struct KoreanParticleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let particle: String
        let word: String
        let expected: String
        var testDescription: String { "\(particle)(\(word)) = \(expected)" }

        init(_ particle: String, _ word: String, _ expected: String) {
            self.particle = particle
            self.word = word
            self.expected = expected
        }

        var actual: String {
            switch particle {
            case "subject": Korean.subject(word)
            case "object": Korean.object(word)
            case "topic": Korean.topic(word)
            case "and": Korean.and(word)
            case "toward": Korean.toward(word)
            case "quoting": Korean.quoting(word)
            case "or": Korean.or(word)
            case "isA": Korean.isA(word)
            default: "unknown particle \(particle)"
            }
        }
    }

    /// 으로/로: the one particle where ㄹ differs from the other consonants.
    static let toward: [Case] = [
        // Numbers, read in Sino-Korean; trailing zeros by their place (십, 백, 천).
        .init("toward", "80", "80으로"), .init("toward", "443", "443으로"), .init("toward", "22", "22로"),
        .init("toward", "3306", "3306으로"), .init("toward", "8080", "8080으로"), .init("toward", "10", "10으로"),
        .init("toward", "100", "100으로"), .init("toward", "1000", "1000으로"), .init("toward", "0", "0으로"),
        .init("toward", "1", "1로"), .init("toward", "7", "7로"), .init("toward", "8", "8로"),
        .init("toward", "2", "2로"), .init("toward", "3", "3으로"), .init("toward", "5", "5로"),
        .init("toward", "6", "6으로"), .init("toward", "9", "9로"), .init("toward", "21", "21로"),
        .init("toward", "13.125.10.20", "13.125.10.20으로"), .init("toward", "10.0.1.15", "10.0.1.15로"),
        .init("toward", "0.0.0.0/0", "0.0.0.0/0으로"),
        // Names: by their letters or their English ending.
        .init("toward", "`nat-a`", "`nat-a`로"), .init("toward", "`igw-main`", "`igw-main`으로"),
        .init("toward", "web", "web으로"), .init("toward", "`l`", "`l`로"), .init("toward", "r", "r로"),
        .init("toward", "m", "m으로"), .init("toward", "`igw-mail`", "`igw-mail`로"),
        .init("toward", "`vpc: main`", "`vpc: main`으로"), .init("toward", "`my-pc`", "`my-pc`로"),
        .init("toward", "`bastion`", "`bastion`으로"), .init("toward", "`proxy`", "`proxy`로"),
        .init("toward", "`db-host`", "`db-host`로"), .init("toward", "`app`", "`app`으로"),
        // Hangul: ㄹ takes 로.
        .init("toward", "서울", "서울로"), .init("toward", "레일", "레일로"), .init("toward", "서브넷", "서브넷으로"),
        .init("toward", "게이트웨이", "게이트웨이로"), .init("toward", "라우팅 테이블", "라우팅 테이블로"),
    ]

    static let others: [Case] = [
        .init("subject", "`db`", "`db`가"), .init("subject", "`admin`", "`admin`이"), .init("subject", "`was`", "`was`가"),
        .init("subject", "`main`", "`main`이"), .init("subject", "`subnet`", "`subnet`이"),
        .init("subject", "`public-ip`", "`public-ip`가"), .init("subject", "`nat-a`", "`nat-a`가"),
        .init("subject", "80", "80이"), .init("subject", "22", "22가"), .init("subject", "3306", "3306이"),
        .init("subject", "`client`", "`client`가"), .init("subject", "`subnet:`", "`subnet:`이"), .init("subject", "`to-port:`", "`to-port:`가"), .init("subject", "`private`", "`private`이"),
        .init("subject", "`icmp`", "`icmp`가"), .init("subject", "`alb`", "`alb`가"),
        .init("object", "`proxy`", "`proxy`를"), .init("object", "80", "80을"), .init("object", "443", "443을"),
        .init("object", "22", "22를"), .init("object", "`route_table`", "`route_table`을"),
        .init("object", "라우팅 테이블", "라우팅 테이블을"), .init("object", "`web`", "`web`을"),
        .init("object", "`stack`", "`stack`을"), .init("object", "`jump`", "`jump`를"),
        .init("topic", "`home`", "`home`은"), .init("topic", "`route`", "`route`는"), .init("topic", "`was`", "`was`는"),
        .init("topic", "`my-pc`", "`my-pc`는"), .init("topic", "10.0.0.0/16", "10.0.0.0/16은"),
        .init("topic", "`table`", "`table`은"), .init("topic", "`host`", "`host`는"),
        .init("and", "`web`", "`web`과"), .init("and", "`db`", "`db`와"), .init("and", "서버", "서버와"),
        .init("quoting", "`db`", "`db`라는"), .init("quoting", "`main`", "`main`이라는"), .init("quoting", "3.2", "3.2라는"),
        .init("or", "`public`", "`public`이나"), .init("or", "주소 하나(/32)", "주소 하나(/32)나"),
        .init("isA", "10.0.1.0/24", "10.0.1.0/24예요"), .init("isA", "`topology.yaml`", "`topology.yaml`이에요"),
    ]

    @Test("으로/로 after numbers, names and Hangul", arguments: toward)
    func towardParticle(_ c: Case) {
        #expect(c.actual == c.expected)
    }

    @Test("이/가, 을/를, 은/는, 과/와, 이라는/라는, 이나/나, 이에요/예요", arguments: others)
    func otherParticles(_ c: Case) {
        #expect(c.actual == c.expected)
    }
}

/// No text a learner reads leaves the particle to the reader: neither a template such as
/// `이(가)` nor a fixed particle after an interpolated name (`\(name)가`), which is wrong for
/// half of the names. Messages call `Korean.subject` and its siblings instead.
@Suite("Korean particles are chosen, not templated")
struct KoreanParticleTemplateTests {
    static let templates = ["이(가)", "가(이)", "을(를)", "를(을)", "은(는)", "는(은)", "와(과)", "과(와)",
                            "(으)로", "(이)라는", "(이)라고", "(이)나", "(이)에요", "(이)예요", "(이)고", "(이)며"]

    /// Text files under `folder` (relative to the package root) with one of `extensions`.
    static func files(under folder: String, extensions: Set<String>) -> [URL] {
        let root = packageRoot.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { extensions.contains($0.pathExtension) }
    }

    static func lines(of file: URL) -> [(number: Int, text: String)] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { ($0.offset + 1, String($0.element)) }
    }

    /// Where `line` holds a template, or nil.
    static func template(in line: String) -> String? { templates.first { line.contains($0) } }

    /// An interpolation `\(…)` (optionally closed by a backtick) right before a particle
    /// that depends on its final sound.
    static let fixedParticle = try! NSRegularExpression(pattern:
        #"\\\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\):?`?(이에요|예요|이라는|라는|이나|으로|이|가|을|를|은|는|와|과|로|나)(?![가-힣])"#)

    static func fixedParticle(in line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasPrefix("//") else { return nil }
        let range = NSRange(line.startIndex..., in: line)
        return fixedParticle.firstMatch(in: line, range: range).flatMap { Range($0.range, in: line) }.map { String(line[$0]) }
    }

    @Test func searchesRealFiles() {
        // Guards the checks below against passing because no file was read.
        #expect(Self.files(under: "Sources", extensions: ["swift"]).count > 50)
        #expect(Self.files(under: "Labs", extensions: ["yaml"]).count >= 6)
    }

    @Test func noTemplateInSourcesLabsOrKoreanDocs() {
        let files = Self.files(under: "Sources", extensions: ["swift"]) + Self.files(under: "Labs", extensions: ["yaml"])
            + Self.files(under: "Solutions", extensions: ["yaml"]) + Self.files(under: "Docs/workbook/ko", extensions: ["md"])
            + Self.files(under: "Docs/ko", extensions: ["md"])
        for file in files {
            for (number, text) in Self.lines(of: file) {
                if let found = Self.template(in: text) {
                    Issue.record("\(file.path.replacingOccurrences(of: packageRoot.path + "/", with: "")):\(number): template `\(found)` in: \(text.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }

    @Test func noFixedParticleAfterAnInterpolation() {
        for file in Self.files(under: "Sources", extensions: ["swift"]) {
            for (number, text) in Self.lines(of: file) {
                if let found = Self.fixedParticle(in: text) {
                    Issue.record("\(file.lastPathComponent):\(number): `\(found)` — choose the particle with Korean.subject/object/topic/…")
                }
            }
        }
    }

    @Test(arguments: ["`\\(name)`이(가) 꺼져 있어요", "포트 80을(를)", "\\(x)(으)로 가요", "`\\(n)`(이)라는 이름"])
    func templateCheckCatches(_ line: String) {
        #expect(Self.template(in: line) != nil)
    }

    @Test(arguments: ["\"\\(name)이 꺼져 있어요\"", "\"포트 \\(port)를 넘겨요\"", "\"`\\(nat)`으로 보내요\"",
                      "\"\\(host.cidr.value)로 가요\"", "ko: \"`\\(selector)`가 없어요\"",
                      "\"`\\(key):`가 필요해요\""])
    func fixedParticleCheckCatches(_ line: String) {
        #expect(Self.fixedParticle(in: line) != nil)
    }

    @Test(arguments: ["\"\\(Korean.subject(name)) 꺼져 있어요\"", "\"\\(count)개가 있어요\"", "\"\\(site)에서 나가요\"", "\"\\(host.cidr.value)에서 출발해요\"",
                      "\"\\(name)의 주소\"", "// \\(name)이 주석", "\"\\(x)가요\""])
    func fixedParticleCheckAccepts(_ line: String) {
        #expect(Self.fixedParticle(in: line) == nil)
    }
}
