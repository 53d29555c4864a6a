import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// The diagram as one self-contained HTML page: the SVG inline (its own heading names the
/// file and the flow), a legend, and the text
/// tree for screen readers and copying. No scripts, no external fonts, styles or images.
package struct DiagramHTML {
    package var language: Language

    package init(language: Language) { self.language = language }

    func t(_ en: String, _ ko: String) -> String { language == .ko ? ko : en }

    package func render(_ diagram: Diagram) -> String {
        let escape = DiagramSVG.escape
        let svg = DiagramSVG(language: language).render(diagram)
        let tree = DiagramText(colorize: false, language: language).render(diagram)
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>infralab — \(escape(diagram.title))</title>
            <style>
            body { font-family: \(DiagramSVG.font); margin: 24px; color: #212121; background: #ffffff; }
            .picture { overflow-x: auto; border: 1px solid #e0e0e0; border-radius: 6px; padding: 8px; }
            .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; margin: 12px 0; padding: 0; list-style: none; }
            .legend span.swatch { display: inline-block; width: 26px; height: 0; vertical-align: middle; margin-right: 6px; border-top: 3px solid; }
            .legend span.box { display: inline-block; width: 14px; height: 10px; vertical-align: middle; margin-right: 6px; border: 1.5px solid; border-radius: 3px; }
            pre { font-size: 12px; background: #fafafa; padding: 12px; overflow-x: auto; }
            </style>
            </head>
            <body>
            <div class="picture">
            \(svg)</div>
            <ul class="legend">
            \(legend())
            </ul>
            <details><summary>\(t("As text", "텍스트로 보기"))</summary>
            <pre>\(escape(tree))</pre>
            </details>
            </body>
            </html>

            """
    }

    private func legend() -> String {
        let boxes: [(Diagram.Cluster.Kind, String)] = [
            (.vpc, "VPC"), (.publicSubnet, t("public subnet", "퍼블릭 서브넷")), (.privateSubnet, t("private subnet", "프라이빗 서브넷")),
            (.site, t("site", "사이트")),
        ]
        let lines: [(Diagram.Edge.Style, String)] = [
            (.route, t("route", "라우팅")), (.forward, t("forward / listener", "포워딩 / 리스너")),
            (.attachment, t("gateway attachment", "게이트웨이 연결")), (.flow, t("probed flow", "추적한 흐름")),
            (.flowBlocked, t("where the flow stops", "흐름이 막힌 곳")),
        ]
        let boxItems = boxes.map { kind, words in
            let colors = DiagramSVG.clusterColors(kind)
            return "<li><span class=\"box\" style=\"background:\(colors.fill);border-color:\(colors.stroke)\"></span>\(words)</li>"
        }
        let lineItems = lines.map { style, words in
            let look = DiagramSVG.edgeLook(style)
            let dash = look.dash == nil ? "solid" : "dashed"
            return "<li><span class=\"swatch\" style=\"border-top-color:\(look.color);border-top-style:\(dash)\"></span>\(words)</li>"
        }
        return (boxItems + lineItems).joined(separator: "\n")
    }
}
