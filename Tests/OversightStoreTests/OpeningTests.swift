import Foundation
import GRDB
import OversightDomain
import OversightRuntime
import OversightTestSupport
import OversightWorkbench
import Testing

@testable import OversightStore

/// Files that are not right are named, never changed: `Store(existing:)` on an empty file, on a file that is not
/// SQLite, on a database that lacks a table or a column; and a full disk.
@Suite struct OpeningTests {
    static func words(_ language: Language) throws -> Presenter { Presenter(strings: try Fixtures.strings(language)) }

    /// The names of the files in `dir`.
    static func files(_ dir: URL) throws -> Set<String> { Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) }

    @Test func anEmptyFileIsNotADatabaseYetAndStaysEmpty() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: Store.Failure.notADatabaseYet(path)) { try Store(existing: path) }
        // Nothing was written into it, and nothing was left beside it.
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
        #expect(try Self.files(dir) == ["empty.sqlite"])
        let zh = try Self.words(.zh).text(Store.Failure.notADatabaseYet(path))
        #expect(zh.contains("还不是数据库：请先运行 oversight init"), "\(zh)")
        #expect(try Self.words(.en).text(Store.Failure.notADatabaseYet(path)).contains("is not a database yet: run `oversight init`"))
    }

    @Test func sqliteWithNoTableIsNotADatabaseYet() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("blank.sqlite").path
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(!before.isEmpty)
        #expect(throws: Store.Failure.notADatabaseYet(path)) { try Store(existing: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test(arguments: ["random", "text", "other-sqlite"])
    func aFileThatIsNotOversightsIsNamedSoAndLeftAlone(_ kind: String) throws {
        let dir = try Fixtures.temporaryDirectory("notOversights-\(kind)")
        let path = dir.appendingPathComponent("x.sqlite").path
        switch kind {
        case "random": try Data((0..<5000).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: path))
        case "text": try Data("这是一个文本文件\nnot a database\n".utf8).write(to: URL(fileURLWithPath: path))
        default:
            let q = try DatabaseQueue(path: path)
            try q.write { db in try db.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')") }
            try q.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: Store.Failure.notOversightDatabase(path)) { try Store(existing: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Self.files(dir) == ["x.sqlite"])
        #expect(try Self.words(.zh).text(Store.Failure.notOversightDatabase(path)).contains("不是监督协作台（Oversight）的数据库"))
    }

    /// The demo database at a new path, closed, altered by `sql` as another program would.
    static func altered(_ sql: String, _ name: String = #function) throws -> String {
        let store = try Fixtures.demoStore(name: name)
        let path = store.path
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try q.close()
        return path
    }

    /// An opening compares the tables' fingerprint first and runs the migrations in memory only when it differs:
    /// the fingerprint written in `SchemaCheck` must be the migrations' own.
    @Test func theFingerprintIsTheMigrationsOwn() throws {
        let migrated = SchemaCheck.fingerprint(SchemaCheck.expected)
        #expect(migrated == SchemaCheck.fingerprint, "set SchemaCheck.fingerprint to \"\(migrated)\"")
        // A column less, or one more, is another fingerprint (so the whole comparison runs and names it).
        var less = SchemaCheck.expected
        less.tables["matter"]?.removeLast()
        var more = SchemaCheck.expected
        more.tables["event"]?.append(SchemaCheck.Column(name: "x", type: "TEXT", notNull: false, primaryKey: 0))
        #expect(SchemaCheck.fingerprint(less) != migrated && SchemaCheck.fingerprint(more) != migrated)
    }

    @Test func aMissingTableIsDamageSaidInWordsWithoutSQL() throws {
        let path = try Self.altered("DROP TABLE event")
        #expect(throws: Store.Failure.damaged(path, [.missingTable("event")])) { try Store(existing: path) }
        let zh = try Self.words(.zh).text(Store.Failure.damaged(path, [.missingTable("event")]))
        #expect(zh.contains("已损坏：办理记录表（event）不见了；请从备份恢复"), "\(zh)")
        let en = try Self.words(.en).text(Store.Failure.damaged(path, [.missingTable("event")]))
        #expect(en.contains("is damaged: the table of events is missing; restore it from a backup"), "\(en)")
    }

    @Test func aMissingColumnIsDamage() throws {
        let path = try Self.altered("ALTER TABLE matter DROP COLUMN outcome")
        #expect(throws: Store.Failure.damaged(path, [.missingColumn(table: "matter", column: "outcome")])) {
            try Store(existing: path)
        }
        let en = try Self.words(.en).text(Store.Failure.damaged(path, [.missingColumn(table: "matter", column: "outcome")]))
        #expect(en.contains("the table of matters lacks its column outcome"), "\(en)")
        let zh = try Self.words(.zh).text(Store.Failure.damaged(path, [.missingColumn(table: "matter", column: "outcome")]))
        #expect(zh.contains("事项表（matter）缺少 outcome 列"), "\(zh)")
    }

    /// Without the append-only triggers (dropped to edit the history behind Oversight's back) the database opens, so
    /// that `audit verify` can name the edit.
    @Test func missingTriggersDoNotKeepItShut() throws {
        let path = try Self.altered("DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete")
        _ = try Store(existing: path)
    }

    @Test func anAlteredColumnIsDamage() throws {
        let path = try Self.altered("ALTER TABLE user_account ADD COLUMN password TEXT")
        #expect(throws: Store.Failure.damaged(path, [.alteredColumn(table: "user_account", column: "password")])) {
            try Store(existing: path)
        }
    }

    @Test func anIntactDatabaseOpensAndItsShapeIsWhatTheMigrationsMake() throws {
        let store = try Fixtures.demoStore()
        _ = try Store(existing: store.path)
        #expect(SchemaCheck.damage(try store.writer.read(SchemaCheck.shape)).isEmpty)
        #expect(SchemaCheck.expected.tables["event"]?.contains { $0.name == "hash" } == true)
    }

    /// What GRDB throws when something of the database fails is said as what it means, never as SQL.
    @Test func aDatabaseErrorThatEscapesIsWorded() throws {
        let sql = "SELECT COALESCE(MAX(id), 0) FROM event"
        let cases: [(DatabaseError, Store.Failure)] = [
            (DatabaseError(resultCode: .SQLITE_ERROR, message: "no such table: event", sql: sql), .damaged("db", [.missingTable("event")])),
            (DatabaseError(resultCode: .SQLITE_ERROR, message: "no such table: main.matter", sql: sql), .damaged("db", [.missingTable("matter")])),
            (DatabaseError(resultCode: .SQLITE_ERROR, message: "table event has no column named hash", sql: sql),
             .damaged("db", [.missingColumn(table: "event", column: "hash")])),
            (DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full", sql: "COMMIT TRANSACTION"), .diskFull("db")),
            (DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error", sql: sql), .diskError("db")),
            (DatabaseError(resultCode: .SQLITE_NOTADB, message: "file is not a database", sql: sql), .damaged("db", [.unreadable])),
            (DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "CHECK constraint failed", sql: sql), .databaseFailed("db", code: 19)),
        ]
        for (error, expected) in cases {
            let failure = Store.failure(for: error, path: "db")
            #expect(failure == expected, "\(error)")
            for language in [Language.zh, .en] {
                let text = try Self.words(language).text(try #require(failure))
                #expect(!text.contains("SQLite") && !text.contains("SELECT") && !text.contains("COMMIT"), "\(text)")
            }
        }
        #expect(try Self.words(.zh).text(Store.Failure.diskFull("db")) == "磁盘已满，这一步没有保存；请联系管理员腾出空间后再试")
    }

    /// The database may not grow (SQLite's page limit, as on a full disk): the step is refused as a full disk,
    /// nothing of it is saved, and reading goes on.
    @Test func aFullDiskRefusesTheWriteAndReadingGoesOn() throws {
        let store = try Fixtures.demoStore()
        let viewer = try store.viewer("hbj.li")
        let m = try #require(try store.matters(for: viewer).first { $0.kind == .suggestion && $0.state == .served })
        try Self.fill(store)
        let long = String(repeating: "整改情况说明", count: 1000)
        #expect(throws: Store.Failure.diskFull(store.path)) {
            try store.act(m.id, .note, input: ActionInput(date: Fixtures.today, text: long), by: viewer, context: try Fixtures.context())
        }
        #expect(try store.matter(m.id, for: viewer)?.version == m.version)
        #expect(try store.events(of: m.id, for: viewer).allSatisfy { $0.text != long })
        #expect(try !store.matters(for: viewer).isEmpty)
    }

    /// The database may grow no more on its writing connection: as a full disk is to SQLite.
    static func fill(_ store: Store) throws {
        try store.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
    }
}
