import Foundation

/// `probe --paths`: every way into a port, each with its trace (text) or its result (JSON).
extension FlowReport {
    static func pathTitle(_ open: OpenPath, language: Language) -> String {
        let p = open.path
        let line = p.line.map { " (\($0))" } ?? ""
        switch (p.through, p.line) {
        case (let relay?, _):
            return language == .ko ? "`\(relay)` 경유, 포트 \(p.entryPort)\(line)" : "through \(relay), port \(p.entryPort)\(line)"
        case (nil, _?):
            return language == .ko ? "포트 포워딩/터널의 바깥 포트 \(p.entryPort)\(line)" : "outside port \(p.entryPort) of a port forward or tunnel\(line)"
        case (nil, nil):
            return language == .ko ? "직접 접속, 포트 \(p.entryPort)" : "directly, port \(p.entryPort)"
        }
    }

    public static func pathsText(_ paths: [OpenPath], language: Language = .en, colorize: Bool = false, width: Int = 80) -> String {
        let open = paths.filter(\.result.isReachable).count
        var out = language == .ko ? "들어오는 경로 \(paths.count)개 중 \(open)개가 열려 있어요.\n" : "\(open) of \(paths.count) paths in are open.\n"
        for (i, path) in paths.enumerated() {
            out += "\n\(i + 1). " + pathTitle(path, language: language) + "\n"
            out += text(path.result, language: language, colorize: colorize, width: width)
        }
        return out
    }

    public static func pathsJSON(_ paths: [OpenPath], language: Language = .en) -> String {
        let items: [Any] = paths.map { open in
            let result = (try? JSONSerialization.jsonObject(with: Data(json(open.result, language: language, pretty: false).utf8))) ?? [:]
            let path: [String: Any] = [
                "entryPort": open.path.entryPort, "through": open.path.through ?? NSNull(),
                "line": open.path.line.map { ["file": $0.file, "line": $0.line, "column": $0.column] as [String: Any] } ?? NSNull(),
            ]
            return ["path": path, "result": result] as [String: Any]
        }
        let object: [String: Any] = ["paths": items, "open": paths.filter(\.result.isReachable).count]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
