import Foundation
import OversightDomain
import OversightResources
import OversightRuntime
import OversightPostgres
import OversightStore
import OversightWorkbench

/// Shared test fixtures: real files, real data sets, no mocks.
public enum Fixtures {
    /// The demo's fixed "today" in tests: a Monday, with deadlines on all sides of it.
    public static let today = CivilDate(year: 2026, month: 11, day: 30)!

    /// A new empty directory under the system's temporary directory.
    public static func temporaryDirectory(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("oversight-tests-\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    public static func clock() throws -> PeriodCalculator { try OversightResources.clock() }

    /// What the write path needs from outside: today and the legal clock.
    public static func context(today: CivilDate = today) throws -> WorkflowContext {
        WorkflowContext(today: today, calculator: try clock())
    }

    public static func demoDataSet() throws -> DemoDataSet {
        try DemoDataSet.parse(try OversightResources.data("demo", "wenshui.json"))
    }

    /// A real SQLite file (WAL) holding the Wenshui demo data dated around `today`.
    /// The engines beneath the store a test runs on: SQLite always, PostgreSQL when the run has a cluster
    /// (`TestDatabase`; under CI it must).
    public enum Engine: String, CaseIterable, Sendable, CustomStringConvertible {
        case sqlite, postgres
        public var description: String { rawValue }
    }

    public static var engines: [Engine] { TestDatabase.available ? [.sqlite, .postgres] : [.sqlite] }

    /// The demo's store on `engine`: a file of its own, or the county's part of a fresh PostgreSQL database.
    public static func demoStore(on engine: Engine, today: CivilDate = today, name: String = #function) throws -> Store {
        switch engine {
        case .sqlite: return try demoStore(today: today, name: name)
        case .postgres: return try onPostgres(try demoStore(today: today, name: name), name: name)
        }
    }

    /// The county of `store` (a SQLite file, closed here) moved into a fresh shared database of its own, and opened
    /// there: a seeded county on PostgreSQL in the time a move takes, not the time each of its writes would.
    public static func onPostgres(_ store: Store, name: String) throws -> Store {
        let source = store.path
        try store.checkpointAndClose()
        let url = try TestDatabase.fresh(name)
        let session = try PostgresSession.open(url)
        defer { session.close() }
        _ = try CountyMove(source: source, county: "wenshui").run(into: session, scratch: try temporaryDirectory(name + "-move"))
        return Store(try PostgresBackend.open(url, county: "wenshui"))
    }

    public static func demoStore(today: CivilDate = today, name: String = #function) throws -> Store {
        let dir = try temporaryDirectory(name)
        let store = try Store(path: dir.appendingPathComponent("demo.sqlite").path)
        try store.seedDemo(try demoDataSet(), today: today, clock: try clock(), admin: "admin")
        return store
    }

    /// A fictional 2027 notice (the shipped calendars hold no 2027): 01-20 to 01-22 off for 腊八(测试), the Sunday
    /// 01-24 worked. A suggestion served 2026-11-20 (two months: raw end 2027-01-20) rolls over to 2027-01-24 under it.
    public static let testNotice2027 = HolidayCalendar.Year(
        year: 2027, source: "国务院办公厅关于2027年腊八(测试)放假安排的通知（测试用）", confirmed: true,
        days: ["2027-01-20", "2027-01-21", "2027-01-22"].map { HolidayCalendar.Day(date: CivilDate($0)!, name: "腊八(测试)", off: true) }
            + [HolidayCalendar.Day(date: CivilDate("2027-01-24")!, name: "腊八(测试)", off: false)],
        document: "国办发明电〔2026〕99号（测试）")

    /// The letter templates of Resources/letters, as the workbench is given them.
    public static func letters() throws -> EffectInterpreter.Letters {
        EffectInterpreter.Letters(
            templates: Dictionary(uniqueKeysWithValues: try LetterKind.allCases.map { kind in
                (kind, try LetterTemplate(kind, text: String(decoding: try OversightResources.data("letters", "\(kind.rawValue).txt"), as: UTF8.self)))
            }))
    }

    /// The vocabulary of both string tables, knowing the store's organisations, as the workbench and the CLI build it.
    public static func vocabulary(_ store: Store) throws -> Vocabulary {
        try OversightResources.vocabulary(organisations: try store.organisations())
    }

    public static func strings(_ language: Language = .zh) throws -> Strings {
        try Strings(language: language, json: try OversightResources.data("i18n", "\(language.rawValue).json"))
    }

    /// The workbench state for `user` with the store's data loaded, as the runtime would build it,
    /// the entry summary of overdue matters dismissed unless `keepEntrySummary`.
    public static func state(_ store: Store, user: String, today: CivilDate = today, keepEntrySummary: Bool = false) throws -> AppState {
        let viewer = try store.viewer(user)
        let known = try store.organisations()
        let orgs = Dictionary(uniqueKeysWithValues: known.map { ($0.id, $0.name) })
        var state = AppState(viewer: viewer, today: today, organisations: orgs, clock: try clock())
        state.words = try OversightResources.vocabulary(organisations: known)
        state.ruleNames = try OversightResources.ruleNames()
        // Loaded by the runtime's own interpreter, as the runtime's start loads it.
        EffectInterpreter(store: store).perform([.loadInbox], on: &state) { reduce(&$0, $1) }
        if let failure = state.status { throw FixtureError("\(failure)") }
        if !keepEntrySummary { state.showOverdueSummary = false }
        return state
    }

    /// Every row of `viewer`'s inbox that `query` shows, read a page at a time forwards, as the workbench reads it.
    public static func everyInboxRow(_ store: Store, _ viewer: Viewer, _ query: InboxQuery, page: Int = 37) throws -> [Matter] {
        var rows: [Matter] = []
        var anchor = InboxAnchor.top
        while true {
            let p = try store.inboxPage(for: viewer, query, from: anchor, limit: page)
            rows += p.matters
            guard let last = p.matters.last, p.matters.count == page else { return rows }
            anchor = .after(InboxOrder.key(of: last, for: viewer.org))
        }
    }

    /// The package's root folder (for the built binary and golden files).
    public static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return url
    }
}

/// A fixture that could not be built.
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
