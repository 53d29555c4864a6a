import Foundation
import Testing
import InfralabTestSupport
@testable import InfralabSyntax
@testable import InfralabLabStorage
import InfralabCLI

/// Starters and solutions carry their comments in both languages (`# en: …` / `# ko: …`,
/// or `# en: … | ko: …` after a value); a learner's copy keeps their language only.
@Suite("Bilingual comments in starters")
struct BilingualCommentTests {
    static let sample = """
        # en: Mission 4, step 1.
        # en: The DB sits in a private subnet.
        # ko: 미션 4의 1단계예요.
        # ko: DB는 프라이빗 서브넷에 있어요.
        # an untagged comment stays as written
        outside:
          admin: 203.0.113.10   # en: the admin's laptop | ko: 관리자 노트북
          office: 198.51.100.7  # en: the office router
          quoted: "a # b"       # en: a | b, with a pipe | ko: 파이프 | 기호
        """

    @Test("English keeps the en: lines and parts, without their tags")
    func english() {
        #expect(BilingualComments.keeping(.en, in: Self.sample) == """
            # Mission 4, step 1.
            # The DB sits in a private subnet.
            # an untagged comment stays as written
            outside:
              admin: 203.0.113.10   # the admin's laptop
              office: 198.51.100.7  # the office router
              quoted: "a # b"       # a | b, with a pipe
            """)
    }

    @Test("Korean keeps the ko: lines and parts; a value's comment without Korean falls back to English")
    func korean() {
        #expect(BilingualComments.keeping(.ko, in: Self.sample) == """
            # 미션 4의 1단계예요.
            # DB는 프라이빗 서브넷에 있어요.
            # an untagged comment stays as written
            outside:
              admin: 203.0.113.10   # 관리자 노트북
              office: 198.51.100.7  # the office router
              quoted: "a # b"       # 파이프 | 기호
            """)
    }

    @Test("a file without tagged comments comes back unchanged")
    func untouched() {
        let text = "# runs: nothing yet\nhosts:\n  pc: { runs: [was] }   # the WAS | and more\n"
        #expect(BilingualComments.keeping(.ko, in: text) == text)
        #expect(BilingualComments.keeping(.en, in: text) == text)
    }

    /// Every starter (`Labs/NN/starters/*.yaml`) and reference solution (`Solutions/NN/*.yaml`,
    /// not its variants): the files a learner gets a copy of.
    static var starters: [URL] {
        func yaml(under folder: String) -> [URL] {
            let root = packageRoot.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            return (enumerator?.compactMap { $0 as? URL } ?? []).filter { $0.pathExtension == "yaml" }
        }
        let starters = yaml(under: "Labs").filter { $0.deletingLastPathComponent().lastPathComponent == "starters" }
        let solutions = yaml(under: "Solutions").filter {
            $0.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent == "Solutions"
        }
        return starters + solutions
    }

    static func comments(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            BilingualComments.commentStart(in: line).map { String(line[$0...]) }
        }
    }

    static func code(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let code = BilingualComments.commentStart(in: line).map { line[..<$0] } ?? line
            return String(code.reversed().drop { $0 == " " }.reversed())
        }.filter { !$0.isEmpty }
    }

    @Test("every starter's and solution's comments come in both languages, and both copies are the same YAML")
    func starterComments() throws {
        #expect(Self.starters.count >= 42, "at least the 21 starters and 21 solutions of the six storyline missions")
        for url in Self.starters {
            let text = try String(contentsOf: url, encoding: .utf8)
            let english = BilingualComments.keeping(.en, in: text)
            let korean = BilingualComments.keeping(.ko, in: text)
            let name = url.pathComponents.suffix(3).joined(separator: "/")
            #expect(Self.code(english) == Self.code(text), "\(name): the English copy changed the YAML")
            #expect(Self.code(korean) == Self.code(text), "\(name): the Korean copy changed the YAML")
            for comment in Self.comments(english) {
                let hasHangul = comment.contains { $0.isHangul }
                #expect(!hasHangul, "\(name): Korean in the English copy: \(comment)")
            }
            for comment in Self.comments(korean) {
                let hasHangul = comment.contains { $0.isHangul }
                #expect(hasHangul, "\(name): a comment without Korean in the Korean copy: \(comment)")
            }
        }
    }
}

@Suite("A Korean workspace gets Korean comments", .tags(.cli))
struct KoreanWorkspaceTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path

    @Test("init --lang ko writes the starter with Korean comments; reset in English brings English ones")
    func koreanStarter() throws {
        let directory = freshWorkingDirectory()
        let created = runCLI(["init", "--labs", Self.labs, "--lang", "ko"], workingDirectory: directory)
        #expect(created.status == 0, "\(created)")
        let file = directory.appendingPathComponent("topology.yaml")
        let korean = try String(contentsOf: file, encoding: .utf8)
        #expect(korean.contains("\n# 서비스는 집에 있는 내 PC에서 돌아가요.\n"), "\(korean)")
        #expect(korean.contains("# 통신사가 집 공유기에 준 주소"))
        #expect(!korean.contains("# en:") && !korean.contains("# ko:") && !korean.contains("ISP"))
        let reset = runCLI(["reset", "--labs", Self.labs, "--lang", "en"], workingDirectory: directory)
        #expect(reset.status == 0, "\(reset)")
        let english = try String(contentsOf: file, encoding: .utf8)
        #expect(english.contains("\n# The service runs on your own PC, at home.\n"), "\(english)")
        #expect(!english.contains("통신사"))
    }
}

private extension Character {
    var isHangul: Bool { unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } }
}
