import Foundation
import GRDB
import OversightStore

/// Moving a county's SQLite database into the shared PostgreSQL one (`oversight migrate FILE --to URL --county ID`,
/// issue 23): into the county's own schema (`PostgresSchema`, made as `init` makes one there), its rows as they are —
/// its ids, organisation ids and audit chain unchanged.
///
/// One transaction: the county's rows are copied table by table; then, before the commit, the counts are compared
/// table by table and the rows as PostgreSQL now holds them are read back into a fresh SQLite file and the audit
/// chain verified there with the store's own check (`Store.verifyAudit`), as it was verified on the source first.
/// Any difference rolls everything back. A county moved once, or one the shared database holds already, is refused
/// (`oversight_moved`).
public struct CountyMove {
    /// What was moved and checked.
    public struct Outcome: Hashable, Sendable {
        public var county: String
        public var rows: [String: Int]
        public var events: Int
        public var matters: Int
        public var head: String
    }

    /// Why nothing was moved.
    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        case notACountyOf(county: String, holds: [String])
        case alreadyMoved(county: String, from: String, on: String)
        /// The shared database holds a county of this id already (made there by `init`, not moved).
        case alreadyThere(county: String)
        case sourceAudit(String)
        case countsDiffer(table: String, source: Int, target: Int)
        case targetAudit(String)

        public var description: String {
            switch self {
            case .notACountyOf(let c, let holds):
                return "the database holds \(holds.isEmpty ? "no county" : holds.joined(separator: ", ")), not \(c): give with --county one of its counties (`oversight county list`)"
            case .alreadyMoved(let c, let from, let on):
                return "county \(c) was moved in already (from \(from), \(on)): a county is moved once"
            case .alreadyThere(let c): return "the shared database holds county \(c) already: nothing was moved"
            case .sourceAudit(let why): return "the source's audit chain is broken, nothing was moved: \(why)"
            case .countsDiffer(let t, let s, let d): return "table \(t): \(s) rows in the source, \(d) in the shared database: nothing was moved"
            case .targetAudit(let why): return "the audit chain as the shared database would hold it is broken, nothing was moved: \(why)"
            }
        }
    }

    public let source: String
    public let county: String

    public init(source: String, county: String) {
        self.source = source
        self.county = county
    }

    /// Moves the county through `db` (in its own transaction). `scratch`: a folder for the read-back file.
    public func run(into db: PostgresSession, scratch: URL) throws -> Outcome {
        // The source as the store opens it (migrated to this version if it was older), then verified.
        let store = try Store(existing: source)
        let counties = try store.counties().byID.keys.sorted()
        // A county's file, or a city's with its counties (moved as one part, named by the county given).
        guard counties.contains(county) else { throw Refusal.notACountyOf(county: county, holds: counties) }
        let (events, matters, head): (Int, Int, String)
        switch try store.verifyAudit() {
        case .intact(let e, let m, let h): (events, matters, head) = (e, m, h)
        case .broken(let p): throw Refusal.sourceAudit(p.description)
        }
        try store.checkpointAndClose()

        return try db.transaction {
            try MovedTables.createRecord(in: db)
            try db.takeTurn(county: county)
            if let row = try db.rows("SELECT source, moved_at::text FROM public.oversight_moved WHERE county = $1", [county]).first {
                throw Refusal.alreadyMoved(county: county, from: row[0] ?? "", on: row[1] ?? "")
            }
            if try PostgresSchema.applied(county, db) != nil { throw Refusal.alreadyThere(county: county) }
            let rows = try Self.fill(county, from: source, audit: (events, matters, head), into: db, scratch: scratch)
            try db.execute("INSERT INTO public.oversight_moved (county, source, events, head) VALUES ($1, $2, $3::bigint, $4)",
                           [county, source, String(events), head])
            return Outcome(county: county, rows: rows, events: events, matters: matters, head: head)
        }
    }

    /// Makes county `county`'s part as `init` would, fills it with the rows of the SQLite database at `path` (of this
    /// version, its audit chain verified: `audit` its events, matters and head), and checks it: the counts table by
    /// table, and the audit chain as PostgreSQL holds it, read back and verified by the store's own check. Inside the
    /// caller's transaction, which any difference rolls back. The rows copied, by table.
    static func fill(_ county: String, from path: String, audit: (events: Int, matters: Int, head: String), into db: PostgresSession,
                     scratch: URL) throws -> [String: Int] {
        let (events, matters, head) = audit
        let moved = MovedTables.current
        let queue = try DatabaseQueue(path: path, configuration: Self.readOnly)
        defer { try? queue.close() }
        try PostgresSchema.create(county, db, notices: false)
        var rows: [String: Int] = [:]
        for table in moved.tables {
            rows[table.name] = try queue.read { sqlite in
                // The inbox's tallies follow its entries (a trigger, as in SQLite): counted, not copied (those that
                // went down to nothing are left where SQLite keeps them).
                table.name == "inbox_tally"
                    ? try Int.fetchOne(sqlite, sql: "SELECT COUNT(*) FROM inbox_tally WHERE n > 0") ?? 0
                    : try table.copy(from: sqlite, into: db)
            }
        }
        try PostgresSchema.advanceSequences(county, db)
        try PostgresSchema.createNotices(db)
        for table in moved.tables {
            let counted = table.name == "inbox_tally" ? " WHERE n > 0" : ""
            let there = Int((try db.rows("SELECT count(*)::text FROM \(table.quoted)\(counted)").first?.first ?? nil) ?? "") ?? -1
            if there != rows[table.name] { throw Refusal.countsDiffer(table: table.name, source: rows[table.name] ?? 0, target: there) }
        }
        let back = scratch.appendingPathComponent("readback-\(county).sqlite").path
        Store.removeDatabaseFiles(back)
        defer { Store.removeDatabaseFiles(back) }
        try Store(path: back).checkpointAndClose()
        try moved.readBack(from: db, into: back)
        switch try Store(existing: back).verifyAudit() {
        case .intact(let e, let m, let h) where e == events && m == matters && h == head: break
        case .intact(let e, _, let h): throw Refusal.targetAudit("\(e) events, head \(h); the source has \(events), head \(head)")
        case .broken(let p): throw Refusal.targetAudit(p.description)
        }
        return rows
    }

    static var readOnly: Configuration {
        var c = Configuration()
        c.readonly = true
        return c
    }
}

/// The tables a move copies: the store's own (`StoreShape`), into the county's schema (`PostgresSchema`), each
/// column cast to the type PostgreSQL keeps it as. The migrations' names are the schema's already.
struct MovedTables {
    struct Column {
        var name: String
        /// The PostgreSQL type: bigint, double precision, bytea or text (`PostgresSchema.type`).
        var type: String
        var quoted: String { PostgresSession.identifier(name) }
    }

    struct Table {
        var name: String
        var columns: [Column]
        var quoted: String { PostgresSession.identifier(name) }

        /// Copies the rows of this table into the county's schema (the session's search path), a batch of rows a
        /// statement. Returns the number of rows.
        func copy(from sqlite: Database, into db: PostgresSession) throws -> Int {
            let names = columns.map(\.quoted).joined(separator: ", ")
            let cursor = try Row.fetchCursor(sqlite, sql: "SELECT \(names) FROM \(quoted)")
            let batch = max(1, 2000 / columns.count)
            var values: [String?] = [], marks: [String] = [], n = 0
            func flush() throws {
                guard !marks.isEmpty else { return }
                try db.execute("INSERT INTO \(quoted) (\(names)) VALUES \(marks.joined(separator: ", "))", values)
                values.removeAll(keepingCapacity: true)
                marks.removeAll(keepingCapacity: true)
            }
            while let row = try cursor.next() {
                var mark: [String] = []
                for (i, c) in columns.enumerated() {
                    values.append(Self.text(row[i] as DatabaseValue))
                    mark.append("$\(values.count)::\(c.type)")
                }
                marks.append("(" + mark.joined(separator: ", ") + ")")
                n += 1
                if marks.count >= batch { try flush() }
            }
            try flush()
            return n
        }

        /// A SQLite value as the text PostgreSQL reads back into the column's type (a blob as bytea's hex form).
        static func text(_ v: DatabaseValue) -> String? {
            switch v.storage {
            case .null: return nil
            case .int64(let i): return String(i)
            case .double(let d): return "\(d)"
            case .string(let s): return s
            case .blob(let data): return "\\x" + data.map { String(format: "%02x", $0) }.joined()
            }
        }

        /// The value of a column read back as text, in the storage class SQLite held it in.
        static func value(_ text: String?, _ type: String) -> DatabaseValue {
            guard let text else { return .null }
            switch type {
            case "bigint": return Int64(text).map { $0.databaseValue } ?? text.databaseValue
            case "double precision": return Double(text).map { $0.databaseValue } ?? text.databaseValue
            case "bytea":
                var bytes = Data()
                var chars = text.dropFirst(2).makeIterator()
                while let hi = chars.next(), let lo = chars.next(), let b = UInt8(String([hi, lo]), radix: 16) { bytes.append(b) }
                return bytes.databaseValue
            default: return text.databaseValue
            }
        }
    }

    var tables: [Table]

    /// This version's tables, but the migrations' names.
    static var current: MovedTables { MovedTables(shape: .current) }

    /// The tables of `shape` (a version's), but the migrations' names.
    init(shape: StoreShape) {
        tables = shape.tables.filter { $0.name != "grdb_migrations" }.map { t in
            Table(name: t.name, columns: t.columns.map { Column(name: $0.name, type: PostgresSchema.type($0.declared)) })
        }
    }

    /// The record of moves, beside the counties' schemas.
    static func createRecord(in db: PostgresSession) throws {
        try db.execute("""
            CREATE TABLE IF NOT EXISTS public.oversight_moved (
                county text PRIMARY KEY, source text NOT NULL, moved_at timestamptz NOT NULL DEFAULT now(),
                events bigint NOT NULL, head text NOT NULL)
            """)
    }

    /// The county's rows as its schema holds them (the session's search path), written into the new SQLite file at
    /// `path` (made by `Store(path:)`, or by `Store.makeDatabase(at:upTo:)` of the version these tables are): its
    /// tables emptied first, its triggers out of the way while the rows come in and put back after. Inside a
    /// transaction of `db` (its rows are read through a cursor).
    func readBack(from db: PostgresSession, into path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        try queue.write { sqlite in
            // What a new database holds of its own (none of the county's): gone, with the triggers meanwhile.
            let triggers = try String.fetchAll(sqlite, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL")
            for t in try String.fetchAll(sqlite, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try sqlite.execute(sql: "DROP TRIGGER \"\(t)\"")
            }
            for t in tables { try sqlite.execute(sql: "DELETE FROM \(t.quoted)") }
            for t in tables {
                let select = t.columns.map { "\($0.quoted)::text" }.joined(separator: ", ")
                let statement = try sqlite.makeStatement(sql: """
                    INSERT INTO \(t.quoted) (\(t.columns.map(\.quoted).joined(separator: ", ")))
                    VALUES (\(t.columns.map { _ in "?" }.joined(separator: ", ")))
                    """)
                // A page of rows at a time, through a cursor of the move's transaction: a county of any size in bounded memory.
                try db.execute("DECLARE readback NO SCROLL CURSOR FOR SELECT \(select) FROM \(t.quoted) ORDER BY rowid")
                while true {
                    let rows = try db.rows("FETCH FORWARD 5000 FROM readback")
                    for row in rows {
                        try statement.execute(arguments: StatementArguments(zip(row, t.columns).map { Table.value($0, $1.type) }))
                    }
                    if rows.count < 5000 { break }
                }
                try db.execute("CLOSE readback")
            }
            // The triggers back: the file is a database of its version again (an upgrade runs migrations on it).
            for t in triggers { try sqlite.execute(sql: t) }
        }
    }
}
