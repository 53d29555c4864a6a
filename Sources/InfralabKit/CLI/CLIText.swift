/// The CLI's own messages, one named member each, in English and Korean.
enum CLIText {
    static func noSuchFile(_ path: String) -> LocalizedText {
        LocalizedText(en: "no such file: \(path)", ko: "파일이 없습니다: \(path)")
    }

    static func isDirectory(_ path: String) -> LocalizedText {
        LocalizedText(en: "\(path) is a directory, not a file", ko: "\(path)은(는) 파일이 아니라 디렉터리입니다")
    }

    static func unreadable(_ path: String) -> LocalizedText {
        LocalizedText(en: "cannot read \(path) (permission denied?)", ko: "\(path)을(를) 읽을 수 없습니다(권한 문제?)")
    }

    static func notUTF8(_ path: String) -> LocalizedText {
        LocalizedText(en: "\(path) is not UTF-8 text", ko: "\(path)은(는) UTF-8 텍스트가 아닙니다")
    }
}
