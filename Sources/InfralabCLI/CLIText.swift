import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// The CLI's own messages, one named member each, in English and Korean.
enum CLIText {
    static func noSuchFile(_ path: String) -> LocalizedText {
        LocalizedText(en: "no such file: \(path)", ko: "파일이 없어요: \(path)")
    }

    static func isDirectory(_ path: String) -> LocalizedText {
        LocalizedText(en: "\(path) is a directory, not a file", ko: "파일이 아니라 폴더예요: \(path)")
    }

    static func unreadable(_ path: String) -> LocalizedText {
        LocalizedText(en: "cannot read \(path) (permission denied?)", ko: "\(Korean.object("\(path)")) 읽을 수 없어요 (권한 문제일까요?)")
    }

    static func notUTF8(_ path: String) -> LocalizedText {
        LocalizedText(en: "\(path) is not UTF-8 text", ko: "UTF-8 텍스트 파일이 아니에요: \(path)")
    }
}
