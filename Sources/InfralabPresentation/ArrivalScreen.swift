import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// What arriving at a step did to the learner's file: the story's changes as a short
/// diff, or why the file could not take them and the way out.
extension LearnerScreens {
    /// Lines of the diff shown before "… and N more".
    static let arrivalLineLimit = 14

    package func arrival(_ arrival: LearnerSession.Arrival, file: String) -> String {
        switch arrival {
        case .unchanged:
            return ""
        case .applied(let diff, let backup):
            var out = wrapped(t(ArrivalText.changed(file)), toWidth: width).map(style.bold).joined(separator: "\n") + "\n"
            out += diffLines(diff)
            if let backup { out += paragraphs(t(ArrivalText.backup(LabPack.displayPath(backup))), indent: 2) + "\n" }
            return out
        case .refused(let failure):
            var out = wrapped(t(ArrivalText.refused(file)), toWidth: width).map { style.yellow(style.bold($0)) }.joined(separator: "\n") + "\n"
            let place = failure.location.map { "\($0): " } ?? ""
            out += paragraphs(place + t(failure.message), indent: 2) + "\n"
            out += paragraphs(t(ArrivalText.refusedWayOut(file)), indent: 2) + "\n"
            return out
        }
    }

    /// `+  12 │ - { port: 3306, to: home-server }`, cut to the screen's width.
    func diffLines(_ diff: LineDiff) -> String {
        let changes = diff.changes
        let numberWidth = String(changes.map(\.number).max() ?? 1).count
        var out = ""
        for line in changes.prefix(Self.arrivalLineLimit) {
            let number = String(repeating: " ", count: numberWidth - String(line.number).count) + String(line.number)
            let mark = line.kind == .added ? "+" : "-"
            let prefix = "  \(mark) \(number) │ "
            let continuation = String(repeating: " ", count: 5 + numberWidth) + "│ "
            let room = max(10, width - displayWidth(of: prefix))
            // A long line wraps (the change is often at its end), at most three rows.
            var pieces = Self.hardWrap(line.text.replacingTabs(), width: room)
            if pieces.count > 3 { pieces = Array(pieces.prefix(3)); pieces[2] = truncated(pieces[2] + "…", toWidth: room) }
            for (row, piece) in pieces.enumerated() {
                let text = (row == 0 ? prefix : continuation) + piece
                out += (line.kind == .added ? style.green(text) : style.red(text)) + "\n"
            }
        }
        if changes.count > Self.arrivalLineLimit {
            out += style.dim("  " + t(ArrivalText.more(changes.count - Self.arrivalLineLimit))) + "\n"
        }
        return out
    }
}

extension LearnerScreens {
    /// Cuts text into rows of at most `width` columns, wherever the width falls (code is
    /// not prose: its spaces matter).
    static func hardWrap(_ text: String, width: Int) -> [String] {
        var rows: [String] = []
        var rest = Substring(text)
        while displayWidth(of: String(rest)) > width {
            var cut = rest.startIndex, used = 0
            while cut < rest.endIndex {
                let w = displayWidth(of: String(rest[cut]))
                if used + w > width { break }
                used += w
                cut = rest.index(after: cut)
            }
            if cut == rest.startIndex { cut = rest.index(after: cut) }
            // Prefer to break after a space in the last third of the row.
            if let space = rest[..<cut].lastIndex(of: " "), rest.distance(from: rest.startIndex, to: space) > width * 2 / 3 {
                cut = rest.index(after: space)
            }
            rows.append(String(rest[..<cut]))
            rest = rest[cut...]
        }
        return rows + [String(rest)]
    }
}

enum ArrivalText {
    static func changed(_ file: String) -> LocalizedText {
        LocalizedText(en: "Meanwhile, the story changed \(file):", ko: "그사이 이야기 속에서 \(Korean.subject(file)) 바뀌었어요:")
    }
    static func backup(_ path: String) -> LocalizedText {
        LocalizedText(en: "Your file as you left it is kept at `\(path)`.", ko: "고치기 전 파일은 `\(path)`에 보관해 뒀어요.")
    }
    static func more(_ n: Int) -> LocalizedText {
        LocalizedText(en: "… and \(n) more changed line\(n == 1 ? "" : "s") (compare with the backup)",
                      ko: "… 그리고 바뀐 줄이 \(n)개 더 있어요 (백업과 비교해 보세요)")
    }
    static func refused(_ file: String) -> LocalizedText {
        LocalizedText(en: "Meanwhile, the story changes \(file), but your file cannot take the change:",
                      ko: "그사이 이야기 속에서 \(Korean.subject(file)) 바뀌는데, 지금 파일에는 그 변경을 넣을 수 없어요:")
    }
    static func refusedWayOut(_ file: String) -> LocalizedText {
        LocalizedText(en: "\(file) is unchanged. To start this step from its starter instead (the story's situation), run `infralab reset`: your file is backed up first.",
                      ko: "\(Korean.topic(file)) 그대로 뒀어요. 대신 이 단계의 시작 파일(이야기 속 상황)로 시작하려면 `infralab reset`을 실행하세요. 지금 파일은 먼저 백업해요.")
    }
}
