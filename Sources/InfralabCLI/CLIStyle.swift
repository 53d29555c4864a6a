import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// The CLI's own severity labels (`error:`, `warning:`), styled like the diagnostic renderer's.
enum CLIStyle {
    static func errorLabel(language: Language, colorize: Bool) -> String {
        TextStyle(colorize: colorize).bold(TextStyle(colorize: colorize).red(LocalizedText(en: "error:", ko: "오류:").text(language))) + " "
    }
}
