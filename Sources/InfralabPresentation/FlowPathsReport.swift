import InfralabSyntax
import InfralabTopology
import InfralabNetwork

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

    package static func pathsText(_ paths: [OpenPath], language: Language = .en, colorize: Bool = false, width: Int = 80) -> String {
        let open = paths.filter(\.result.isReachable).count
        var out = language == .ko ? "들어오는 경로 \(paths.count)개 중 \(open)개가 열려 있어요.\n" : "\(open) of \(paths.count) paths in are open.\n"
        for (i, path) in paths.enumerated() {
            out += "\n\(i + 1). " + pathTitle(path, language: language) + "\n"
            out += text(path.result, language: language, colorize: colorize, width: width)
        }
        return out
    }

    /// `{ open, paths: [{ path: { entryPort, through, line }, result }] }`, locations in the one shape.
    package static func pathsJSON(_ paths: [OpenPath], language: Language = .en) -> String {
        let items: [JSONValue] = paths.map { open in
            let path: JSONValue = .object([
                ("entryPort", .number(open.path.entryPort)), ("through", .optional(open.path.through)), ("line", .location(open.path.line)),
            ])
            return .object([("path", path), ("result", jsonValue(open.result, language: language))])
        }
        return JSONValue.object([("open", .number(paths.filter(\.result.isReachable).count)), ("paths", .array(items))]).rendered()
    }
}
