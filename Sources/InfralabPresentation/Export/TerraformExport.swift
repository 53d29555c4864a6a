import InfralabSyntax
import InfralabTopology
import InfralabNetwork

package struct TerraformExport {
    package static func template(_ plan: ExportPlan, file: String) -> String { "" }
}
