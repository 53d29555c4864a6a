/// INTERIM compiler-style rendering of diagnostics, until `Presentation/DiagnosticRenderer`
/// lands in main; then this file is deleted and `ValidateCommand` calls the renderer.
enum DiagnosticText {
    static func render(_ diagnostics: [Diagnostic], source: String, language: Language, colorize: Bool) -> String {
        let style = CLIStyle(colorize: colorize)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var out = ""
        for diagnostic in diagnostics {
            let label: String
            switch diagnostic.severity {
            case .error: label = CLIStyle.errorLabel(language: language, colorize: colorize)
            case .warning: label = CLIStyle.warningLabel(language: language, colorize: colorize)
            case .note: label = style.bold(LocalizedText(en: "note:", ko: "참고:").text(language)) + " "
            }
            let place = diagnostic.location.map { "\($0): " } ?? ""
            out += style.bold(place) + label + style.bold(diagnostic.message.text(language)) + " [\(diagnostic.code)]\n"
            if let location = diagnostic.location, location.line >= 1, location.line <= lines.count {
                let number = String(location.line)
                let gutter = String(repeating: " ", count: number.count)
                let line = String(lines[location.line - 1])
                out += "\(style.dim(number + " |")) \(line)\n"
                let before = String(line.unicodeScalars.prefix(max(0, location.column - 1)))
                let pad = String(repeating: " ", count: CLIStyle.displayWidth(before))
                out += "\(style.dim(gutter + " |")) \(pad)\(style.green("^" + String(repeating: "~", count: diagnostic.length - 1)))\n"
            }
            if let suggestion = diagnostic.suggestion {
                out += "  = " + LocalizedText(en: "help: ", ko: "도움말: ").text(language) + suggestion.text(language) + "\n"
            }
            for note in diagnostic.notes {
                let notePlace = note.location.map { "\($0): " } ?? ""
                out += "  = \(notePlace)" + LocalizedText(en: "note: ", ko: "참고: ").text(language) + note.message.text(language) + "\n"
            }
        }
        return out
    }
}
