import Foundation
import InfralabSyntax
import InfralabTopology
import InfralabNetwork
import InfralabLab
import InfralabLabStorage
import InfralabPresentation

/// The files of a Gradescope autograder for one step (gradescope-autograders.readthedocs.io,
/// "Autograder Specifications"): Gradescope unzips it into `/autograder/source`, runs
/// `setup.sh` once when it builds the image, and `run_autograder` for each submission.
struct AutograderBundle {
    /// `mission/step`, as the grader resolved it.
    var step: String
    /// Gradescope's visibility for every test.
    var visibility: String
    var language: Language

    /// What `write` creates, relative to the bundle folder.
    static let files = ["setup.sh", "run_autograder", "Labs/", "bin/infralab", LabAutograderCommand.marker]

    /// Writes the bundle into `directory` (replacing an earlier bundle there).
    func write(to directory: String, labs: String, binary: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: PathUtilities.join(directory, LabAutograderCommand.marker)) {
            try manager.removeItem(atPath: directory)
        }
        try manager.createDirectory(atPath: PathUtilities.join(directory, "bin"), withIntermediateDirectories: true)
        try manager.copyItem(atPath: labs, toPath: PathUtilities.join(directory, "Labs"))
        try manager.copyItem(atPath: binary, toPath: PathUtilities.join(directory, "bin/infralab"))
        try Workspace.writeAtomically(setupScript, to: PathUtilities.join(directory, "setup.sh"))
        try Workspace.writeAtomically(runScript, to: PathUtilities.join(directory, "run_autograder"))
        try Workspace.writeAtomically("infralab autograder for \(step)\n", to: PathUtilities.join(directory, LabAutograderCommand.marker))
        for file in ["setup.sh", "run_autograder", "bin/infralab"] {
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: PathUtilities.join(directory, file))
        }
    }

    /// Runs once, as root, when Gradescope builds the image: infralab is one file, so
    /// there is nothing to install; it checks that the binary starts.
    var setupScript: String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this once when it builds the autograder image.
        # infralab is a single binary: nothing to install; check that it starts.
        set -eu
        root="${INFRALAB_AUTOGRADER_ROOT:-/autograder}"
        chmod +x "$root/source/bin/infralab" "$root/source/run_autograder"
        "$root/source/bin/infralab" --version

        """
    }

    /// Grades the submission into `results/results.json`; always writes a valid file.
    var runScript: String {
        """
        #!/usr/bin/env bash
        # Written by `infralab lab autograder`: grades step \(step) of the infralab labs.
        # Gradescope runs it for every submission. INFRALAB_AUTOGRADER_ROOT replaces
        # /autograder, to try the bundle in a folder.
        set -u
        root="${INFRALAB_AUTOGRADER_ROOT:-/autograder}"
        source="$root/source"
        submission="$root/submission"
        results="$root/results"
        mkdir -p "$results"

        # A score of 0 with a reason (a JSON string) for the student.
        zero() {
          printf '{\\n  "score": 0,\\n  "output": %s,\\n  "tests": []\\n}\\n' "$1" > "$results/results.json"
          exit 0
        }

        file="$submission/topology.yaml"
        if [ ! -f "$file" ]; then
          shopt -s nullglob
          candidates=("$submission"/*.yaml "$submission"/*.yml)
          case "${#candidates[@]}" in
            0) zero \(Self.shellQuoted(JSONValue.quoted(AutograderText.noSubmission(language)))) ;;
            1) file="${candidates[0]}" ;;
            *) zero \(Self.shellQuoted(JSONValue.quoted(AutograderText.severalSubmissions(language)))) ;;
          esac
        fi

        if "$source/bin/infralab" grade "$file" --step \(Self.shellQuoted(step)) --labs "$source/Labs" \\
            --format gradescope --visibility \(Self.shellQuoted(visibility)) --lang \(language.rawValue) --color never \\
            > "$results/results.json.partial"; then
          mv "$results/results.json.partial" "$results/results.json"
        else
          rm -f "$results/results.json.partial"
          zero \(Self.shellQuoted(JSONValue.quoted(AutograderText.graderFailed(language))))
        fi

        """
    }

    /// `text` in single quotes for bash (a quote inside becomes `'\''`).
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
