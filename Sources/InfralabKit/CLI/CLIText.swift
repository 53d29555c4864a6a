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

    /// A command whose body arrives with the lab engine.
    static func arrivesWithLabEngine(_ command: String) -> LocalizedText {
        LocalizedText(
            en: """
                `infralab \(command)` arrives with the lab engine, which is not in this build yet.
                Meanwhile `infralab validate FILE` checks a topology file and `infralab probe FILE --from A --to B --port N` traces a flow.
                """,
            ko: """
                `infralab \(command)`은(는) 랩 엔진과 함께 제공되며, 이 빌드에는 아직 없습니다.
                그동안 `infralab validate 파일`로 토폴로지 파일을 검사하고, `infralab probe 파일 --from A --to B --port N`으로 흐름을 추적할 수 있습니다.
                """)
    }
}

extension CommandContext {
    /// Says honestly that the command is not available yet (stderr), and returns 1.
    /// The lab engine's commands call this until their bodies land.
    public func arrivesWithLabEngine() -> Int32 {
        fail(CLIText.arrivesWithLabEngine(command.name))
    }
}
