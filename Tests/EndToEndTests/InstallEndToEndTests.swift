import Foundation
import OversightTestSupport
import Testing

/// `scripts/install PREFIX`, then the installed program run from another folder, as on a county's server.
/// The test installs the build under test (`--binary`, the debug build) rather than building a release one,
/// which would take minutes; the release path (`scripts/install PREFIX` alone) runs the same steps after
/// its build.
@Suite(.serialized) struct InstallEndToEndTests {
    /// Runs `program args` in `folder` with no OVERSIGHT_* variables.
    func run(_ program: String, _ args: [String], in folder: URL, env: [String: String] = [:]) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        for key in ["OVERSIGHT_DB", "OVERSIGHT_USER", "OVERSIGHT_TODAY", "OVERSIGHT_LANG", "OVERSIGHT_DATA"] {
            environment.removeValue(forKey: key)
        }
        environment.merge(env) { $1 }
        return try Subprocess.run(["env", "-C", folder.path, program] + args, environment: environment)
    }

    @Test func theInstalledProgramRunsAnywhereOnItsOwnData() throws {
        let dir = try Fixtures.temporaryDirectory()
        let prefix = dir.appendingPathComponent("opt/oversight")
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        let script = Fixtures.packageRoot.appendingPathComponent("scripts/install").path
        let installed = try run(script, ["--binary", WorkbenchEndToEndTests.binary, prefix.path], in: elsewhere)
        #expect(installed.status == 0, "\(installed.out)\(installed.err)")
        #expect(installed.out.contains("installed \(prefix.path)/bin/oversight"), "\(installed.out)")
        #expect(installed.out.contains("installed the data in \(prefix.path)/share/oversight"), "\(installed.out)")
        let program = prefix.appendingPathComponent("bin/oversight").path
        for folder in ["i18n", "demo", "holidays", "rules"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/oversight/\(folder)").path), "\(folder)")
        }

        // From another folder: a deadline, a new county database (a relative path), its administrator.
        let deadline = try run(program, ["deadline", "--from", "2025-09-29", "--months", "2", "--json"], in: elsewhere)
        #expect(deadline.status == 0, "\(deadline.err)")
        let due = try JSONSerialization.jsonObject(with: Data(deadline.out.utf8)) as? [String: Any]
        #expect(due?["due"] as? String == "2025-12-01", "\(deadline.out)")
        let made = try run(program, ["init", "--admin", "x", "--db", "county.sqlite"], in: elsewhere)
        #expect(made.status == 0, "\(made.err)")
        let users = try run(program, ["user", "list", "--json", "--db", "county.sqlite", "--user", "x"], in: elsewhere)
        #expect(users.status == 0 && users.out.contains("\"role\" : \"admin\""), "\(users.err)")

        // The workbench, in a real terminal.
        let t = Tmux()
        try t.start("cd \(elsewhere.path) && env -u OVERSIGHT_DATA \(program) --db county.sqlite --user x", width: 100, height: 30)
        let shown = try t.waitFor("监督协作台")
        #expect(shown.found, "\(shown.screen)")
        #expect(shown.screen.contains("监督协作台系统管理"), "\(shown.screen)")
        try t.keys("q")
        #expect(try t.waitForExit() == 0)

        // The program reads only its own data folder: moved away, it is missing (the build's resource folder,
        // still in place beside the build, is not used), and the program says where it looked and exits 2.
        let data = prefix.appendingPathComponent("share/oversight")
        let moved = dir.appendingPathComponent("moved-data")
        try FileManager.default.moveItem(at: data, to: moved)
        let missing = try run(program, ["deadline", "--from", "2025-09-29", "--months", "2"], in: elsewhere)
        #expect(missing.status == 2, "\(missing.err)")
        #expect(missing.err.contains("cannot find Oversight's data folder") && missing.err.contains(data.path), "\(missing.err)")
        let bare = Tmux()
        try bare.start("cd \(elsewhere.path) && env -u OVERSIGHT_DATA \(program) --db county.sqlite --user x 2>&1", width: 200, height: 20)
        #expect(try bare.waitForExit() == 2)
        let said = try bare.history()
        #expect(said.contains("cannot find Oversight's data folder"), "\(said)")
        // $OVERSIGHT_DATA names another folder.
        let named = try run(program, ["deadline", "--from", "2025-09-29", "--months", "2", "--json"], in: elsewhere,
                            env: ["OVERSIGHT_DATA": moved.path])
        #expect(named.status == 0 && named.out.contains("2025-12-01"), "\(named.err)")
        try FileManager.default.moveItem(at: moved, to: data)

        // Through a symbolic link (as in /usr/local/bin): the data is found beside the real file.
        let link = dir.appendingPathComponent("usr-local-bin")
        try FileManager.default.createDirectory(at: link, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.appendingPathComponent("oversight").path, withDestinationPath: program)
        let linked = try run(link.appendingPathComponent("oversight").path, ["deadline", "--from", "2025-09-29", "--days", "1"], in: elsewhere)
        #expect(linked.status == 0, "\(linked.err)")

        // Installing again (an upgrade) replaces the program and the data whole.
        let again = try run(script, ["--binary", WorkbenchEndToEndTests.binary, prefix.path], in: elsewhere)
        #expect(again.status == 0, "\(again.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: prefix.appendingPathComponent("share").path) == ["oversight"])
    }

    @Test func installRefusesBadUsage() throws {
        let script = Fixtures.packageRoot.appendingPathComponent("scripts/install").path
        let dir = try Fixtures.temporaryDirectory()
        let none = try run(script, [], in: dir)
        #expect(none.status == 2 && none.err.contains("usage: scripts/install"), "\(none.err)")
        let badBinary = try run(script, ["--binary", dir.appendingPathComponent("nope").path, dir.path], in: dir)
        #expect(badBinary.status == 2 && badBinary.err.contains("not an executable file"), "\(badBinary.err)")
    }
}
