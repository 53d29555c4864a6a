import Foundation
@testable import InfralabSyntax
@testable import InfralabLab
@testable import InfralabLabStorage
@testable import InfralabPresentation
@testable import InfralabCLI
import InfralabTestSupport
import Testing

/// What `check` does before it grades is only what it needs: one mission file read, the
/// editor schema rendered only when the executable is newer than the workspace's copy.
/// (Start-up time itself is measured by `infralab-bench startup`, never by a test.)
@Suite struct StartupWorkTests {
    static let labs = packageRoot.appendingPathComponent("Labs").path

    func setModificationTime(_ path: String, secondsAgo: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -secondsAgo)], ofItemAtPath: path)
    }

    @Test("the editor schema is left alone when newer than the executable, rewritten when older and different")
    func schemaOnlyWhenStale() throws {
        let root = freshWorkingDirectory()
        let workspace = Workspace(root: root.path)
        try FileManager.default.createDirectory(atPath: workspace.stateDirectory, withIntermediateDirectories: true)
        let executable = root.appendingPathComponent("fake-infralab").path
        try "binary".write(toFile: executable, atomically: true, encoding: .utf8)
        let current = JSONSchema.topology.rendered() + "\n"

        try "{ \"stale\": true }\n".write(toFile: workspace.editorSchemaPath, atomically: true, encoding: .utf8)
        try setModificationTime(executable, secondsAgo: 100)
        try setModificationTime(workspace.editorSchemaPath, secondsAgo: 10)
        CommandContext.writeEditorSchema(workspace, executable: executable)
        #expect(try String(contentsOfFile: workspace.editorSchemaPath, encoding: .utf8) == "{ \"stale\": true }\n",
                "a copy newer than the executable is current: the schema is not rendered or compared")

        try setModificationTime(workspace.editorSchemaPath, secondsAgo: 1000)
        CommandContext.writeEditorSchema(workspace, executable: executable)
        #expect(try String(contentsOfFile: workspace.editorSchemaPath, encoding: .utf8) == current,
                "a copy older than the executable (a new infralab) is compared and replaced")

        try setModificationTime(workspace.editorSchemaPath, secondsAgo: 1000)
        CommandContext.writeEditorSchema(workspace, executable: executable)
        let stamp = FileWatcher.stamp(workspace.editorSchemaPath)
        #expect(CommandContext.isNewer(stamp, than: FileWatcher.stamp(executable)),
                "an old copy with the current schema is touched, so the next run skips it")
    }

    @Test("a command on one mission reads only that mission's file: a broken file elsewhere in the pack is not read")
    func oneMissionFileRead() throws {
        let pack = freshWorkingDirectory().appendingPathComponent("Labs")
        let mission = pack.appendingPathComponent("01-home-server")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: PathUtilities.join(Self.labs, "01-home-server"), toPath: mission.path)
        let broken = pack.appendingPathComponent("00-broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data([0x69, 0x64, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: broken.appendingPathComponent("mission.yaml"))

        let one = LabPack.load(directory: pack.path, onlyMission: "home-server")
        #expect(one.missions.map(\.id) == ["home-server"])
        #expect(one.diagnostics.isEmpty, "00-broken comes first in the pack but is not read: \(one.diagnostics.map(\.code))")
        #expect(one.missionFolders == ["00-broken", "01-home-server"], "every folder is still listed")

        let all = LabPack.load(directory: pack.path)
        #expect(all.diagnostics.map(\.code) == ["lab.unreadable"], "the whole pack reads 00-broken and says it is not UTF-8")
    }
}
