import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// Renders a `FlowResult` for people (a numbered trace at 80 columns) and for programs
/// (JSON). Pure functions: colour is a parameter, never read from the terminal here.
///
/// Colour uses minimal private ANSI helpers: `Presentation/TextStyle.swift` did not
/// exist when this was written; switch to it once it lands.
public enum FlowReport {
    /// The trace: a verdict line, numbered hops marked ✓ (pass), ✗ (block), · (info), and
    /// the reason with `file:line:column`.
    public static func text(_ result: FlowResult, language: Language = .en, colorize: Bool = false, width: Int = 80) -> String {
        let q = result.query
        let style = ANSI(enabled: colorize)
        var lines: [String] = []
        let traffic = q.protocol == .icmp ? "icmp" : "\(q.protocol.rawValue)/\(q.port)"
        var subject = "\(q.source) → \(q.destination) \(traffic)"
        if let through = q.through { subject += language == .ko ? " (\(through) 경유)" : " (through \(through))" }
        let verdict: String
        if result.isReachable && result.isPartial {
            verdict = style.yellow(language == .ko ? "일부만 닿아요" : "PARTIAL")
        } else if result.isReachable {
            verdict = style.green(language == .ko ? "닿아요" : "REACHABLE")
        } else {
            verdict = style.red(language == .ko ? "닿지 않아요" : "UNREACHABLE")
        }
        lines.append("\(style.bold(subject)): \(verdict)")
        if !q.incidents.isEmpty {
            lines.append((language == .ko ? "  장애: " : "  incidents: ") + q.incidents.map(\.description).joined(separator: ", "))
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
            for line in wrap(hop.detail.text(language), width: width - indent.count) { lines.append(indent + line) }
            if let location = hop.location { lines.append(indent + style.dim("at \(location)")) }
        }
        let reason = result.reason
        let label = result.isReachable && !result.isPartial ? "" : "[\(reason.code.rawValue)] "
        let reasonLines = wrap(label + reason.message.text(language), width: width - 2)
        lines.append("")
        for (i, line) in reasonLines.enumerated() { lines.append((i == 0 ? "" : "  ") + (result.isReachable && !result.isPartial ? line : style.bold(line))) }
        if let location = reason.location {
            lines.append((language == .ko ? "  확인할 곳: " : "  look at: ") + "\(location)")
        }
        if result.isPartial {
            lines.append((language == .ko ? "  응답이 막히는 클라이언트 포트: " : "  client ports with no reply: ") + result.missingClientPorts.map(\.description).joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same result as a JSON object (sorted keys, UTF-8).
    public static func json(_ result: FlowResult, language: Language = .en, pretty: Bool = true) -> String {
        func location(_ l: SourceLocation?) -> Any {
            guard let l else { return NSNull() }
            return ["file": l.file, "line": l.line, "column": l.column] as [String: Any]
        }
        let q = result.query
        var query: [String: Any] = [
            "from": q.source.description, "to": q.destination.description, "protocol": q.protocol.rawValue, "port": q.port,
            "address": q.address.rawValue, "clientPorts": q.clientPorts.description, "incidents": q.incidents.map(\.description),
        ]
        query["through"] = q.through ?? NSNull()
        let hops: [[String: Any]] = result.hops.map { hop in
            ["kind": hop.kind?.rawValue ?? "internet", "name": hop.name, "verdict": hop.verdict.rawValue,
             "detail": hop.detail.text(language), "location": hop.location.map { "\($0)" } ?? NSNull(), "position": location(hop.location)]
        }
        let reason: [String: Any] = [
            "code": result.reason.code.rawValue, "message": result.reason.message.text(language),
            "location": result.reason.location.map { "\($0)" } ?? NSNull(), "position": location(result.reason.location),
            "component": result.reason.component ?? NSNull(),
        ]
        let object: [String: Any] = [
            "reachable": result.isReachable, "partial": result.isPartial,
            "missingClientPorts": result.missingClientPorts.map(\.description), "hops": hops, "reason": reason, "query": query,
        ]
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Greedy word wrap by display width (Hangul and other wide characters count 2).
    static func wrap(_ text: String, width: Int) -> [String] {
        let limit = max(width, 20)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let w = displayWidth(word)
            if currentWidth > 0 && currentWidth + 1 + w > limit {
                lines.append(current)
                current = String(word)
                currentWidth = w
            } else {
                current += (currentWidth > 0 || !current.isEmpty ? " " : "") + word
                currentWidth += (currentWidth > 0 ? 1 : 0) + w
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    static func displayWidth(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
                || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }
}

/// Minimal ANSI styling; a no-op when disabled.
private struct ANSI {
    var enabled: Bool
    private func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func red(_ s: String) -> String { wrap(s, "31") }
    func green(_ s: String) -> String { wrap(s, "32") }
    func yellow(_ s: String) -> String { wrap(s, "33") }
    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
}
