import Foundation
@testable import InfralabSyntax
@testable import InfralabTopology
@testable import InfralabNetwork
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI
import InfralabTestSupport
import Testing

/// Nothing of the learner's is lost: unreadable files are refused, moves survive a kill,
/// interrupted writes leave nothing behind, damaged state has a way out.
@Suite struct WorkspaceSafetyTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path
    static let isRoot = getuid() == 0

    func workspace() -> URL {
        let directory = freshWorkingDirectory()
        let run = runCLI(["init", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        return directory
    }

    func backups(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(".infralab/backups").path)) ?? []).sorted()
    }

    /// The learner's file made unreadable the way a root-owned file is for them: a
    /// folder in its place when the tests run as root (root reads mode 000 files).
    func makeUnreadable(_ file: URL) throws {
        if Self.isRoot {
            try FileManager.default.removeItem(at: file)
            try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
            try "mine".write(to: file.appendingPathComponent("inside"), atomically: true, encoding: .utf8)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
        }
    }

    @Test("reset, goto and solution --apply refuse to replace a topology.yaml they cannot read (exit 66, a way out)")
    func unreadableTopology() throws {
        for command in [["reset"], ["goto", "2"], ["solution", "--yes", "--apply"]] {
            let directory = workspace()
            let file = directory.appendingPathComponent("topology.yaml")
            try makeUnreadable(file)
            let run = runCLI(command + ["--labs", Self.labs], workingDirectory: directory)
            #expect(run.status == 66, "\(command): \(run)")
            #expect(run.stderr.contains("topology.yaml"), "\(command): \(run.stderr)")
            #expect(run.stderr.contains("chmod") || run.stderr.contains("Rename or move"), "\(command): says how to proceed: \(run.stderr)")
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), "\(command): still there")
            if Self.isRoot { #expect(isDirectory.boolValue && FileManager.default.fileExists(atPath: file.appendingPathComponent("inside").path)) }
            else { try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path) }
            // The progress did not move either.
            #expect(runCLI(["status", "--json", "--labs", Self.labs], workingDirectory: directory).stdout.contains("\"home-server\""), "\(command)")
        }
    }

    @Test("the Workspace refuses to back up or replace an unreadable file, and throws instead")
    func workspaceRefuses() throws {
        try withTemporaryDirectory { dir in
            let workspace = Workspace(root: dir.url.path)
            try FileManager.default.createDirectory(atPath: workspace.topologyPath, withIntermediateDirectories: true)
            #expect(throws: Workspace.FileError.directory(workspace.topologyPath)) { try workspace.replaceTopology(with: "x", label: "t") }
            #expect(throws: Workspace.FileError.directory(workspace.topologyPath)) { try workspace.backUpTopology(label: "t") }
        }
    }

    @Test("`next` in a folder that already holds a topology.yaml names the backup it made")
    func nextNamesBackup() throws {
        let directory = freshWorkingDirectory()
        try "# my own file\n".write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        let run = runCLI(["next", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        let kept = try #require(backups(directory).first)
        #expect(run.stdout.replacingOccurrences(of: "\n", with: "").contains(kept), "\(run.stdout)")
        #expect((try String(contentsOf: directory.appendingPathComponent(".infralab/backups/\(kept)"), encoding: .utf8)) == "# my own file\n")
    }

    @Test("a move killed after the progress was written is completed by the next run, naming the backup")
    func interruptedMove() throws {
        let directory = workspace()
        let mine = "# the learner's last file\n"
        try mine.write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        // What `goto 2` leaves when killed between its steps (2) and (3): the backup,
        // the progress on the new step with the pending mark, the old file in place.
        let workspace = Workspace(root: directory.path)
        let backup = try #require(try workspace.backUpTopology(label: "datacenter-office"))
        var progress = try workspace.readProgress().get()
        progress.missionID = "datacenter"
        progress.stepID = "office"
        progress.pendingStarter = backup
        try workspace.writeProgress(progress)
        try "half".write(toFile: PathUtilities.join(directory.path, Workspace.temporaryPrefix + "123-topology.yaml"), atomically: false, encoding: .utf8)

        let run = runCLI(["status", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("interrupted") && run.stderr.contains(LabPack.displayPath(backup)), "\(run.stderr)")
        let pack = LabPack.load(directory: Self.labs)
        let starter = try String(contentsOfFile: PathUtilities.resolve(pack.missions[1].steps[0].starterPath, relativeTo: pack.missions[1].directory), encoding: .utf8)
        #expect((try String(contentsOf: directory.appendingPathComponent("topology.yaml"), encoding: .utf8)) == Workspace.withEditorSchemaLine(BilingualComments.keeping(.en, in: starter)))
        #expect(try String(contentsOfFile: backup, encoding: .utf8) == mine)
        #expect(try workspace.readProgress().get().pendingStarter == nil)
        #expect(!FileManager.default.fileExists(atPath: PathUtilities.join(directory.path, Workspace.temporaryPrefix + "123-topology.yaml")), "stray temporary file removed")
    }

    @Test("an arrival killed between the progress and the file gets its story events on the next run; one killed after keeps the file")
    func interruptedArrival() throws {
        let directory = workspace()
        let pack = LabPack.load(directory: Self.labs)
        let mission = pack.missions[0]
        let step = try #require(mission.step(withID: "close-ports"))
        #expect(!step.events.isEmpty, "1.3 brings last week's forwards as story events")
        let previous = try String(contentsOfFile: PathUtilities.join(mission.solutionsDirectory, "night.yaml"), encoding: .utf8)
        let topologyURL = directory.appendingPathComponent("topology.yaml")
        let workspace = Workspace(root: directory.path)
        let expected = try StoryEventApplier.apply(step.events, to: previous, file: "topology.yaml", language: .en).get().text

        // Killed after (2): the progress names the backup, the file is still the old one.
        try previous.write(to: topologyURL, atomically: true, encoding: .utf8)
        let backup = try #require(try workspace.backUpTopology(label: "home-server-night"))
        var progress = try workspace.readProgress().get()
        progress.stepID = "close-ports"
        progress.pendingEvents = backup
        try workspace.writeProgress(progress)
        let run = runCLI(["status", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("interrupted") && run.stderr.contains(LabPack.displayPath(backup)), "\(run.stderr)")
        #expect(try String(contentsOf: topologyURL, encoding: .utf8) == expected)
        #expect(try workspace.readProgress().get().pendingEvents == nil)

        // Killed after (3): the events are in; the file is kept as it is (not applied twice).
        let edited = expected + "# the learner's next edit\n"
        try edited.write(to: topologyURL, atomically: true, encoding: .utf8)
        progress.pendingEvents = backup
        try workspace.writeProgress(progress)
        #expect(runCLI(["status", "--labs", Self.labs], workingDirectory: directory).status == 0)
        #expect(try String(contentsOf: topologyURL, encoding: .utf8) == edited)
        #expect(try workspace.readProgress().get().pendingEvents == nil)
    }

    @Test("check and next grade the file as an interrupted arrival leaves it, not as it was before the session opened",
          arguments: ["check", "next"])
    func gradesTheFileAfterAnInterruptedArrival(_ command: String) throws {
        let directory = workspace()
        let pack = LabPack.load(directory: Self.labs)
        let mission = pack.missions[0]
        let previous = try String(contentsOfFile: PathUtilities.join(mission.solutionsDirectory, "night.yaml"), encoding: .utf8)
        let workspace = Workspace(root: directory.path)
        // Killed between the progress and the file: opening the session writes the story's
        // events into topology.yaml, after `check` began loading it on another core.
        try previous.write(to: directory.appendingPathComponent("topology.yaml"), atomically: true, encoding: .utf8)
        let backup = try #require(try workspace.backUpTopology(label: "home-server-night"))
        var progress = try workspace.readProgress().get()
        progress.stepID = "close-ports"
        progress.pendingEvents = backup
        try workspace.writeProgress(progress)
        let first = runCLI([command, "--labs", Self.labs], workingDirectory: directory)
        let again = runCLI([command, "--labs", Self.labs], workingDirectory: directory)
        #expect(first.stderr.contains("interrupted"), "\(first.stderr)")
        #expect(first.status == 1 && again.status == 1, "1.3 fails on arrival: the events open ports again")
        #expect(first.stdout == again.stdout, "the first run graded the file before the events")
    }

    @Test("the progress file records the pending move before the starter is written")
    func pendingMarkRoundTrips() {
        var progress = Progress(labs: nil, missionID: "m", stepID: "s")
        progress.pendingStarter = "/w/.infralab/backups/x.yaml"
        let parsed = Progress.parse(progress.serialized(), file: "p.yaml")
        #expect(parsed.progress?.pendingStarter == "/w/.infralab/backups/x.yaml")
        progress.pendingStarter = ""
        #expect(Progress.parse(progress.serialized(), file: "p.yaml").progress?.pendingStarter == "")
    }

    @Test("`reset --progress` works when progress.yaml is a folder (or unreadable), keeping it aside")
    func resetProgressDirectory() throws {
        let directory = workspace()
        let progress = directory.appendingPathComponent(".infralab/progress.yaml")
        try FileManager.default.removeItem(at: progress)
        try FileManager.default.createDirectory(at: progress, withIntermediateDirectories: false)
        let run = runCLI(["reset", "--progress", "--labs", Self.labs], workingDirectory: directory)
        #expect(run.status == 0, "\(run)")
        #expect(backups(directory).contains { $0.hasSuffix("-progress.yaml") })
        #expect(runCLI(["check", "--labs", Self.labs], workingDirectory: directory).status == 1, "grading works again")
    }

    @Test("check and next with topology.yaml missing or a folder exit 66 naming it")
    func missingTopology() throws {
        for damage in ["missing", "folder"] {
            let directory = workspace()
            let file = directory.appendingPathComponent("topology.yaml")
            try FileManager.default.removeItem(at: file)
            if damage == "folder" { try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false) }
            for command in ["check", "next"] {
                let run = runCLI([command, "--labs", Self.labs], workingDirectory: directory)
                #expect(run.status == 66, "\(damage) \(command): \(run)")
                #expect(run.stderr.contains("topology.yaml"), "\(damage) \(command)")
            }
        }
    }

    @Test("atomic writes leave no temporary file, and replace the old content whole")
    func atomicWrite() throws {
        try withTemporaryDirectory { dir in
            let path = dir.url.appendingPathComponent("f.yaml").path
            try Workspace.writeAtomically("one", to: path)
            try Workspace.writeAtomically("two", to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["f.yaml"])
        }
    }
}
