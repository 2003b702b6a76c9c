import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
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

    func run() throws {
        let path = globals.databasePath
        let today = try globals.todayDate()
        _ = try globals.language()
        if FileManager.default.fileExists(atPath: path) {
            guard try Store(path: path).isDemo() else { throw Store.Failure.notADemoDatabase(path) }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try Store(path: path)
        let set = try DemoDataSet.parse(try OversightResources.data("demo", "wenshui.json"))
        try store.seedDemo(set, today: today, clock: try OversightResources.clock(), admin: GlobalOptions.loginName, generated: matters)
        warn("oversight: demo database ready at \(path) (fictional data, today \(today))")
        if noOpen { return }
        // The demo opens as the user --user or $OVERSIGHT_USER names, else as the data set's procuratorate user.
        try Workbench.open(store: store, viewer: try store.viewer(globals.givenUserName ?? set.openAs), globals: globals)
    }
}
