import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage

/// A text picture of a topology as infralab understands it (`infralab show`): the
/// diagram model (`DiagramBuilder`) drawn as a tree by `DiagramText`, the same picture
/// `infralab diagram --format text` prints.
package struct TopologyTree {
    package var colorize: Bool
    package var language: Language

    package init(colorize: Bool, language: Language) {
        self.colorize = colorize
        self.language = language
    }

    package func render(_ topology: Topology) -> String {
        var builder = DiagramBuilder(topology: topology, language: language)
        return DiagramText(colorize: colorize, language: language).render(builder.build())
    }
}
