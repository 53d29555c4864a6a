import InfralabSyntax
import InfralabTopology
import InfralabNetwork

/// One submission's grade in a batch (`infralab grade`): the file it came from and
/// how it graded against the step.
package struct BatchResult: Sendable {
    package var file: String
    package var grade: StepGrade

    package init(file: String, grade: StepGrade) {
        self.file = file
        self.grade = grade
    }
}
