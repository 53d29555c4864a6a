import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import InfralabPresentation

/// Where text goes: a terminal, a pipe, a file, or a buffer in a test.
///
/// Decisions about the stream (colour, width) are made once, at the top, by
/// `Terminal`, and handed down as plain values; nothing below the CLI asks the
/// terminal anything.
package protocol OutputSink: AnyObject, Sendable {
    func write(_ text: String)
    /// Whether the stream is a terminal (`isatty`); decides `--color auto`.
    var isTerminal: Bool { get }
    /// The terminal's width in columns when it is one and says so.
    var terminalColumns: Int? { get }
}

/// A sink plus the decision whether to colour what goes into it.
package struct Output: Sendable {
    package let sink: any OutputSink
    package let colorize: Bool
    /// How the learner runs infralab (`Invocation`): suggested commands are spelled so.
    package var commandSpelling = "infralab"

    package init(_ sink: any OutputSink, colorize: Bool, commandSpelling: String = "infralab") {
        self.sink = sink
        self.colorize = colorize
        self.commandSpelling = commandSpelling
    }

    /// Writes `text` with every control character and escape sequence removed but the
    /// colours infralab chose (`TerminalText`): packs and learners' files cannot drive
    /// the terminal. Suggested commands are spelled the way this learner runs infralab.
    package func write(_ text: String) {
        sink.write(SuggestedCommand.respell(TerminalText.sanitized(text, keepingStyles: colorize), as: commandSpelling))
    }

    /// Writes `text` and a newline.
    package func line(_ text: String = "") { write(text + "\n") }

    /// infralab's own terminal control (clearing the screen for `watch`), unsanitized.
    package func writeControl(_ text: String) { sink.write(text) }
}

/// The process's standard output or standard error, by file descriptor.
package final class FileDescriptorSink: OutputSink {
    package let descriptor: Int32

    package init(descriptor: Int32) { self.descriptor = descriptor }

    package static let standardOutput = FileDescriptorSink(descriptor: 1)
    package static let standardError = FileDescriptorSink(descriptor: 2)

    package func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress, buffer.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // A closed pipe (`infralab … | head`): nothing more to say.
            }
            bytes = bytes.dropFirst(written)
        }
    }

    package var isTerminal: Bool { isatty(descriptor) == 1 }

    package var terminalColumns: Int? {
        var size = winsize()
        #if canImport(Darwin)
        let status = ioctl(descriptor, TIOCGWINSZ, &size)
        #else
        let status = ioctl(descriptor, UInt(TIOCGWINSZ), &size)
        #endif
        return status == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
    }
}

private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, pointer, count)
    #elseif canImport(Musl)
    Musl.write(descriptor, pointer, count)
    #else
    Darwin.write(descriptor, pointer, count)
    #endif
}

/// Collects what is written, for tests and for running the CLI in-process.
package final class CapturedOutput: OutputSink, @unchecked Sendable {
    private let lock = Mutex()
    private var buffer = ""
    package let isTerminal: Bool
    package let terminalColumns: Int?

    /// `isTerminal` pretends to be a terminal (to test `--color auto`).
    package init(isTerminal: Bool = false, terminalColumns: Int? = nil) {
        self.isTerminal = isTerminal
        self.terminalColumns = terminalColumns
    }

    package func write(_ text: String) { lock.locked { buffer += text } }

    package var text: String { lock.locked { buffer } }
}

/// Where `-` (standard input) is read from.
package protocol InputSource: Sendable {
    /// Everything up to end of input, as UTF-8; nil when it cannot be read or decoded.
    func readAll() -> String?
}

/// The process's standard input.
package struct StandardInput: InputSource {
    package init() {}

    package func readAll() -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// Fixed text as standard input, for tests.
package struct TextInput: InputSource {
    package var text: String?

    package init(_ text: String?) { self.text = text }

    package func readAll() -> String? { text }
}

/// `--color` values.
package enum ColorChoice: String, Sendable, CaseIterable {
    case always, never, auto
}

/// Decisions about the terminal, made once per run.
package enum Terminal {
    /// Whether to colour a stream: `--color always|never` decides outright; otherwise
    /// `NO_COLOR` set and non-empty turns colour off, `TERM` unset or `dumb` turns it off,
    /// and last the stream must be a terminal.
    package static func shouldColorize(choice: ColorChoice, environment: [String: String], isTerminal: Bool) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
            return isTerminal
        }
    }

    /// Columns to lay text out in: `COLUMNS` when it is a positive number, then the
    /// terminal's own width, then 80.
    package static func width(environment: [String: String], terminalColumns: Int?) -> Int {
        if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmingSpaces) }), columns > 0 { return columns }
        if let terminalColumns, terminalColumns > 0 { return terminalColumns }
        return 80
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = self[...]
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}

/// A small lock around `NSLock`.
final class Mutex: @unchecked Sendable {
    private let lock = NSLock()

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
