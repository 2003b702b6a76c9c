import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightPostgres
import OversightStore

/// `oversight demo`: builds the fictional Wenshui County database and opens it.
struct DemoCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create the fictional Wenshui County demo database (dated around today) and open it."
    )

    @OptionGroup var globals: GlobalOptions

    @Flag(name: .long, help: "Only build the database; do not open the workbench.")
    var noOpen = false

    @Option(name: .long, help: ArgumentHelp("Add N generated matters for load tests: five years of realistic matters (fixed seed), more counties from 50,000.", valueName: "N"))
    var matters = 0

    func validate() throws {
        guard (0...10_000_000).contains(matters) else {
            throw ValidationError("--matters must be a whole number from 0 to 10000000")
        }
    }

    /// The demo is built in this file beside the database (one per process, so two demos at once never write one
    /// file) and renamed over it only when complete, so a demo stopped part way leaves the database as it was (or
    /// none); one left by a stopped run (its process gone) is removed by the next.
    static func buildingPath(_ path: String, pid: Int32 = getpid()) -> String { path + ".demo-building-\(pid)" }

    /// Removes what stopped demos left beside `path`: building files whose process no longer runs.
    static func removeLeftovers(_ path: String) {
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + ".demo-building-"
        let folder = url.deletingLastPathComponent().path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { Store.removeDatabaseFiles(folder + "/" + name) }
        }
    }

    func run() throws {
        let path = globals.databasePath
        let today = try globals.todayDate()
        _ = try globals.language()
        let set = try DemoDataSet.parse(try OversightResources.data("demo", "wenshui.json"))
        if let url = try globals.postgresURL() {
            // A county's part of the shared database: made anew (a demo's part is replaced), seeded through the store.
            let store = Store(try PostgresBackend.create(url, replacingDemo: true))
            try store.seedDemo(set, today: today, clock: try OversightResources.clock(), admin: GlobalOptions.loginName, generated: matters)
            try store.loadShipped(try OversightResources.holidayCalendar(), base: try OversightResources.clock(), on: today)
            warn(try globals.presenter().strings("cli.demo.done", ["path": safe(store.path), "today": today]))
            if noOpen { return }
            try Workbench.open(store: store, viewer: try store.viewer(globals.givenUserName ?? set.openAs), globals: globals)
            return
        }
        if FileManager.default.fileExists(atPath: path), !Store.mayBeReplacedByADemo(path) {
            // A file that is not SQLite is named so; a database with real data is not a demo's.
            if case .notOversightDatabase? = Store.problemForANewDatabase(at: path) { throw Store.Failure.notOversightDatabase(path) }
            throw Store.Failure.notADemoDatabase(path)
        }
        Self.removeLeftovers(path)
        let building = Self.buildingPath(path)
        Store.removeDatabaseFiles(building)
        do {
            let store = try Store(path: building)
            try store.seedDemo(set, today: today, clock: try OversightResources.clock(), admin: GlobalOptions.loginName, generated: matters)
            try store.loadShipped(try OversightResources.holidayCalendar(), base: try OversightResources.clock(), on: today)
            // Everything into the file itself (no -wal left), then the file into place in one step.
            try store.checkpointAndClose()
        }
        try Store.replace(path, with: building)
        warn(try globals.presenter().strings("cli.demo.done", ["path": path, "today": today]))
        if noOpen { return }
        let store = try Store(existing: path)
        // The demo opens as the user --user or $OVERSIGHT_USER names, else as the data set's procuratorate user.
        try Workbench.open(store: store, viewer: try store.viewer(globals.givenUserName ?? set.openAs), globals: globals)
    }
}
