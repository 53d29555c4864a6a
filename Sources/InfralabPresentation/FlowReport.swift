
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Renders a `FlowResult` for people (a numbered trace at 80 columns) and for programs
/// (JSON). Pure functions: colour is a parameter, never read from the terminal here.
package enum FlowReport {
    /// The trace: a verdict line, numbered hops marked ✓ (pass), ✗ (block), · (info), and
    /// the reason with `file:line:column`.
    package static func text(_ result: FlowResult, language: Language = .en, colorize: Bool = false, width: Int = 80) -> String {
        let q = result.query
        let style = TextStyle(colorize: colorize)
        var lines: [String] = []
        let traffic = q.protocol == .icmp ? "icmp" : "\(q.protocol.rawValue)/\(q.port)"
        var subject = "\(q.source) → \(q.destination) \(traffic)"
        if let through = q.through { subject += language == .ko ? " (\(through) 경유)" : " (through \(through))" }
        let verdict: String
        if result.isReachable && result.isPartial {
            verdict = style.yellow(language == .ko ? "일부만 접속돼요" : "PARTIAL")
        } else if result.isReachable {
            verdict = style.green(language == .ko ? "접속돼요" : "REACHABLE")
        } else {
            verdict = style.red(language == .ko ? "접속되지 않아요" : "UNREACHABLE")
        }
        lines += wrapped("\(style.bold(subject)): \(verdict)", toWidth: width)
        if !q.incidents.isEmpty {
            lines += wrapped((language == .ko ? "장애: " : "incidents: ") + q.incidents.map(\.description).joined(separator: ", "),
                             toWidth: width - 2).map { "  " + $0 }
        }
        let digits = String(result.hops.count).count
        for (index, hop) in result.hops.enumerated() {
            let mark: String
            switch hop.verdict {
            case .pass: mark = style.green("✓")
            case .block: mark = style.red("✗")
            case .info: mark = style.dim("·")
            }
            let number = String(repeating: " ", count: digits - String(index + 1).count) + "\(index + 1)"
            let kind = hop.kind.map { $0.words.text(language) + " " } ?? ""
            let head = "\(number). \(mark) \(kind)\(hop.name)"
            let indent = String(repeating: " ", count: digits + 4)
            lines.append(head)
            for line in wrapped(hop.detail.text(language), toWidth: max(width - indent.count, 20)) { lines.append(indent + line) }
            if let location = hop.location { lines.append(indent + style.dim((language == .ko ? "위치: " : "at ") + "\(location)")) }
        }
        let reason = result.reason
        let label = result.isReachable && !result.isPartial ? "" : "[\(reason.code.rawValue)] "
        let reasonLines = wrapped(label + reason.message.text(language), toWidth: max(width - 2, 20))
        lines.append("")
        for (i, line) in reasonLines.enumerated() { lines.append((i == 0 ? "" : "  ") + (result.isReachable && !result.isPartial ? line : style.bold(line))) }
        if let location = reason.location {
            lines.append((language == .ko ? "  확인할 곳: " : "  look at: ") + "\(location)")
        }
        if result.isPartial {
            let ports = result.missingClientPorts.map(\.description).joined(separator: ", ")
            lines += wrapped((language == .ko ? "응답이 막히는 클라이언트 포트: " : "client ports with no reply: ") + ports, toWidth: width - 2).map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same result as JSON: `{ reachable, partial, missingClientPorts, reason, hops, query }`,
    /// places in the one location shape (`JSONValue.location`).
    package static func json(_ result: FlowResult, language: Language = .en) -> String {
        jsonValue(result, language: language).rendered()
    }

    static func jsonValue(_ result: FlowResult, language: Language) -> JSONValue {
        let q = result.query
        let query: JSONValue = .object([
            ("from", .string(q.source.description)), ("to", .string(q.destination.description)), ("protocol", .string(q.protocol.rawValue)),
            ("port", .number(q.port)), ("address", .string(q.address.rawValue)), ("clientPorts", .string(q.clientPorts.description)),
            ("through", .optional(q.through)), ("incidents", .array(q.incidents.map { .string($0.description) })),
        ])
        let hops: JSONValue = .array(result.hops.map { hop in
            .object([("kind", .string(hop.kind?.rawValue ?? "internet")), ("name", .string(hop.name)), ("verdict", .string(hop.verdict.rawValue)),
                     ("detail", .string(hop.detail.text(language))), ("location", .location(hop.location))])
        })
        let reason: JSONValue = .object([
            ("code", .string(result.reason.code.rawValue)), ("message", .string(result.reason.message.text(language))),
            ("location", .location(result.reason.location)), ("component", .optional(result.reason.component)),
        ])
        return JSONValue.object([
            ("reachable", .bool(result.isReachable)), ("partial", .bool(result.isPartial)),
            ("missingClientPorts", .array(result.missingClientPorts.map { .string($0.description) })),
            ("reason", reason), ("hops", hops), ("query", query),
        ])
    }
}
