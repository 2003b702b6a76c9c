import Foundation
import GRDB
import Logging
import NIOCore
import OversightStore
import PostgresNIO
import Synchronization

/// The store on the shared PostgreSQL database (issue 23): `Store(PostgresBackend)` runs the store's own operations —
/// the one write path, the access rule, the inbox index, the audit chain — on one county's part of the database.
///
/// Each county the shared database holds has its own schema, `county_<id>` (`PostgresSchema`), made as the store's
/// SQLite migrations make a database (the same tables, keys, indexes and triggers, recorded under the same migration
/// names); a session sets its `search_path` to it, so the store's SQL reads and writes that county alone. Writers of a
/// county take turns by a transaction-level advisory lock on its id (the lock file of SQLite); each commit notifies
/// the county's channel, which every session of that county listens on, from any host (`othersCommitMark`).
public final class PostgresBackend: SQLBackend, @unchecked Sendable {
    // @unchecked: a session's store is used from the session's one thread, as the SQLite store's connection is; the
    // counter that notices move is atomic.
    /// The connection, made again when the server dropped it (`connected`).
    var session: PostgresSession
    var engine: PostgresEngine
    public let county: String
    public let name: String
    let channel: String
    var pid: String
    /// Commits of other sessions heard on the county's channel.
    let heard: Heard
    var listener: PostgresListenContext?

    public enum Problem: Error, Hashable, CustomStringConvertible, Sendable {
        case noCounty(PostgresURL)
        case unknownCounty(String, PostgresURL)
        case newerSchema(String, [String])
        case olderSchema(String, [String])
        /// `init` or `demo` on a county the database holds already (not a demo's, for `demo`).
        case exists(String)

        public var description: String {
            switch self {
            case .noCounty(let url): return "\(url) names no county: add ?county=ID (`oversight county list`)"
            case .unknownCounty(let c, let url): return "\(url) holds no county \(c): move it in with `oversight migrate`, or make it with `oversight init`"
            case .newerSchema(let c, let unknown):
                return "county \(c)'s part of the shared database was written by a newer Oversight (migrations \(unknown.joined(separator: ", "))): upgrade Oversight"
            case .olderSchema(let c, let missing):
                return "county \(c)'s part of the shared database lacks migrations \(missing.joined(separator: ", ")): run `oversight upgrade` on it"
            case .exists(let c): return "the shared database holds county \(c)'s part already"
            }
        }
    }

    init(session: PostgresSession, county: String) throws {
        self.session = session
        self.county = county
        name = session.url.description
        channel = "oversight_" + county
        let heard = Heard()
        self.heard = heard
        (pid, engine, listener, notices) = try Self.attach(session, county: county, channel: channel, heard: heard)
    }

    /// Whether the county's part says who each commit concerns (`PostgresSchema.createNotices`); else each write
    /// says it concerns everyone.
    var notices: Bool

    /// Sets a new connection to the county's schema and listens on its channel: a notice from another connection
    /// moves the mark when it concerns everyone (`*`) or the organisation watched (`o:ORG`), or every notice when
    /// none is watched.
    static func attach(_ session: PostgresSession, county: String, channel: String, heard: Heard) throws
        -> (String, PostgresEngine, PostgresListenContext, Bool) {
        try session.execute("SET search_path TO \(PostgresSession.identifier(PostgresSchema.schema(county))), public")
        let pid = try session.rows("SELECT pg_backend_pid()::text").first?.first.flatMap { $0 } ?? ""
        let notices = try PostgresSchema.hasNotices(session)
        let engine = try PostgresEngine(session: session, dialect: PostgresSchema.dialect)
        let own = Int32(pid) ?? -1
        let listener = try session.listen(channel) { sender, payload in
            if sender != own, heard.concerns(payload) { heard.count.add(1, ordering: .relaxed) }
        }
        return (pid, engine, listener, notices)
    }

    public func watch(org: String?) {
        heard.org.withLock { $0 = org }
    }

    /// A live connection: the one there is, or, when the server dropped it (stopped, restarted, cut off), a new one to
    /// the same county; else `Store.Failure.unavailable`. A new connection counts as others' commit (what was written
    /// meanwhile was not heard), so the session reads again.
    func connected() throws -> PostgresSession {
        if !session.connection.isClosed { return session }
        do {
            let fresh = try PostgresSession.open(session.url)
            do {
                (pid, engine, listener, notices) = try Self.attach(fresh, county: county, channel: channel, heard: heard)
            } catch {
                fresh.close()
                throw error
            }
            session = fresh
            heard.count.add(1, ordering: .relaxed)
            return fresh
        } catch {
            throw Store.Failure.unavailable(name)
        }
    }

    /// Runs `body` in a transaction begun by `begin`; a connection lost on the way is `Store.Failure.unavailable`
    /// (the transaction went with it: nothing was saved).
    func transaction<T>(_ begin: String, turn: Bool, _ body: (StoreConnection) throws -> T) throws -> T {
        let session = try connected()
        do {
            // BEGIN is answered with the first statement waited for; a read's COMMIT with the next transaction's (a
            // read-only transaction has nothing to lose at its end); a write's COMMIT is waited for, its NOTIFY with it.
            session.send(begin)
            if turn { try session.takeTurn(county: county) }
            let value = try body(StoreConnection(engine))
            if turn {
                // The part's triggers say whom the commit concerns; a part without them: everyone.
                if !notices { session.send("SELECT pg_notify(\(PostgresSession.literal(channel)), '*')") }
                try session.execute("COMMIT")
            } else {
                session.send("COMMIT")
            }
            return value
        } catch {
            if session.connection.isClosed { throw Store.Failure.unavailable(name) }
            if case PostgresSession.Failure.lost = error { throw Store.Failure.unavailable(name) }
            try? session.execute("ROLLBACK")
            throw error
        }
    }

    /// Opens county `county`'s part of the database at `url` (the URL's `county` when nil), checked to be of this
    /// version's migrations.
    public static func open(_ url: PostgresURL, county: String? = nil) throws -> PostgresBackend {
        guard let county = county ?? url.county else { throw Problem.noCounty(url) }
        let session = try PostgresSession.open(url)
        do {
            let applied = try PostgresSchema.applied(county, session)
            guard let applied else { throw Problem.unknownCounty(county, url) }
            let known = PostgresSchema.migrations
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty { throw Problem.newerSchema(county, unknown.sorted()) }
            let missing = Set(known).subtracting(applied)
            if !missing.isEmpty { throw Problem.olderSchema(county, known.filter(missing.contains)) }
            return try PostgresBackend(session: session, county: county)
        } catch {
            session.close()
            throw error
        }
    }

    /// Makes county `county`'s part of the database (empty, as `init` and `demo` begin) and opens it. A county the
    /// database holds is refused, unless `replacingDemo` and its part holds a demo's data, which goes first.
    public static func create(_ url: PostgresURL, county: String? = nil, replacingDemo: Bool = false) throws -> PostgresBackend {
        guard let county = county ?? url.county else { throw Problem.noCounty(url) }
        let session = try PostgresSession.open(url)
        do {
            try session.transaction {
                if try PostgresSchema.applied(county, session) != nil {
                    let schema = PostgresSession.identifier(PostgresSchema.schema(county))
                    // A demo's, or one a demo left empty when it failed.
                    let demo = try session.rows("SELECT value FROM \(schema).setting WHERE key = 'demo'").first?.first == "1"
                    let empty = try session.rows("SELECT 1 FROM \(schema).organisation LIMIT 1").isEmpty
                    guard replacingDemo, demo || empty else { throw Problem.exists(county) }
                    try session.execute("DROP SCHEMA \(schema) CASCADE")
                }
                try PostgresSchema.create(county, session)
            }
            return try PostgresBackend(session: session, county: county)
        } catch {
            session.close()
            throw error
        }
    }

    public func read<T>(_ body: (StoreConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", turn: false, body)
    }

    public func write<T>(_ body: (StoreConnection) throws -> T) throws -> T {
        try transaction("BEGIN", turn: true, body)
    }

    /// Commits heard from other sessions; a dropped connection is made again first (or said unavailable), so a
    /// session that polls learns of it without acting.
    public func commitAndBegin() throws {
        if !notices { try session.notify(channel, "*") }
        try session.execute("COMMIT")
        try session.execute("BEGIN")
        try session.takeTurn(county: county)
    }

    public func othersCommitMark() throws -> Int64? {
        _ = try connected()
        return heard.count.load(ordering: .relaxed)
    }

    public func close() {
        listener?.stop()
        session.close()
    }
}

/// A count moved from the connection's event loop (a notice heard), read from the session's thread; the
/// organisation the session watches (`PostgresBackend.watch`).
final class Heard: Sendable {
    let count = Atomic<Int64>(0)
    let org = Mutex<String?>(nil)

    /// Whether a notice's payload concerns the session: `*`, or its organisation's `o:ORG`; any, when it watches none.
    func concerns(_ payload: String) -> Bool {
        guard let org = org.withLock({ $0 }) else { return true }
        return payload == "*" || payload == "o:" + org
    }
}

/// The store's SQL on one PostgreSQL connection: translated (`PostgresDialect`), bound by type, its rows as GRDB's.
final class PostgresEngine: SQLEngine {
    let session: PostgresSession
    let dialect: PostgresDialect
    private(set) var lastInsertedRowID: Int64 = 0
    private(set) var changesCount = 0
    private var savepoints = 0
    private var translated: [String: PostgresDialect.Translated] = [:]
    /// Where rows are given their GRDB shape (`rows`).
    private let shaper: DatabaseQueue

    init(session: PostgresSession, dialect: PostgresDialect) throws {
        self.session = session
        self.dialect = dialect
        shaper = try DatabaseQueue()
    }

    func rows(_ sql: String, _ arguments: StatementArguments) throws -> [Row] {
        let result = try run(sql, arguments)
        guard let first = result.rows.first else { return [] }
        // GRDB makes rows with their columns in order (read by position as well as by name, names repeated as a
        // join repeats them) only from a statement: each row is selected back through one, on a private in-memory
        // SQLite connection, its values bound as the storage classes SQLite would have held.
        let names = first.map(\.columnName)
        let select = "SELECT " + names.enumerated().map { "?\($0.offset + 1) AS \(PostgresSession.identifier($0.element))" }.joined(separator: ", ")
        return try shaper.inDatabase { db in
            let statement = try db.cachedStatement(sql: select)
            return try result.rows.map { row in
                try Row.fetchOne(statement, arguments: Self.arguments(try Self.values(row))) ?? Row()
            }
        }
    }

    func execute(_ sql: String, _ arguments: StatementArguments) throws {
        let parts = PostgresDialect.statements(sql)
        guard parts.count > 1 else {
            changesCount = try run(sql, arguments).metadata.rows ?? 0
            return
        }
        // Several statements: each in turn, taking its share of the positional arguments (the named ones are shared).
        let (positional, named) = Self.values(arguments)
        var next = 0
        for part in parts {
            let mine = Array(positional[min(next, positional.count)..<min(next + part.positional, positional.count)])
            next += part.positional
            var given = Self.arguments(mine)
            given += StatementArguments(named)
            changesCount = try run(part.sql, given).metadata.rows ?? 0
        }
    }

    func inSavepoint(_ body: () throws -> Database.TransactionCompletion) throws {
        savepoints += 1
        let name = "s\(savepoints)"
        defer { savepoints -= 1 }
        try session.execute("SAVEPOINT \(name)")
        do {
            switch try body() {
            case .commit: try session.execute("RELEASE SAVEPOINT \(name)")
            case .rollback:
                try session.execute("ROLLBACK TO SAVEPOINT \(name)")
                try session.execute("RELEASE SAVEPOINT \(name)")
            }
        } catch {
            try? session.execute("ROLLBACK TO SAVEPOINT \(name)")
            try? session.execute("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    func tableExists(_ name: String) throws -> Bool {
        try session.rows("SELECT (to_regclass($1) IS NOT NULL)::text", [PostgresSession.identifier(name)]).first?.first == "true"
    }

    private func run(_ sql: String, _ arguments: StatementArguments) throws -> PostgresQueryResult {
        let t: PostgresDialect.Translated
        if let known = translated[sql] {
            t = known
        } else {
            do { t = try dialect.translate(sql) } catch { throw PostgresSession.Failure.statement(error.description) }
            translated[sql] = t
        }
        let (positional, named) = Self.values(arguments)
        var binds = PostgresBindings(capacity: t.parameters.count)
        for p in t.parameters {
            let value: DatabaseValue
            switch p {
            case .position(let i): value = i < positional.count ? positional[i] : .null
            case .name(let n): value = named[n] ?? .null
            }
            switch value.storage {
            case .null: binds.appendNull()
            case .int64(let i): binds.append(i)
            case .double(let d): binds.append(d)
            case .string(let s): binds.append(s)
            case .blob(let data): binds.append(ByteBuffer(bytes: data))
            }
        }
        let result: PostgresQueryResult
        do {
            result = try session.answer(PostgresQuery(unsafeSQL: t.sql, binds: binds))
        } catch {
            let failure = PostgresSession.failure(error)
            if case .statement(let why) = failure { throw PostgresSession.Failure.statement(why + " — " + t.sql) }
            throw failure
        }
        if t.returnsRowID, let id = try result.rows.first?.first?.decode(Int64.self) { lastInsertedRowID = id }
        changesCount = result.metadata.rows ?? 0
        return result
    }

    /// GRDB keeps a statement's arguments to itself; their values are read off it as it holds them (its positional
    /// `values`, then its `namedValues`): by that layout when a probe read so gives what reflection gives (reflection
    /// was a twentieth of a busy session's time), else by reflection.
    static func values(_ arguments: StatementArguments) -> ([DatabaseValue], [String: DatabaseValue]) {
        layoutAgrees ? byLayout(arguments) : byReflection(arguments)
    }

    static func byReflection(_ arguments: StatementArguments) -> ([DatabaseValue], [String: DatabaseValue]) {
        var positional: [DatabaseValue] = [], named: [String: DatabaseValue] = [:]
        for child in Mirror(reflecting: arguments).children {
            if child.label == "values", let v = child.value as? [DatabaseValue] { positional = v }
            if child.label == "namedValues", let v = child.value as? [String: DatabaseValue] { named = v }
        }
        return (positional, named)
    }

    static func byLayout(_ arguments: StatementArguments) -> ([DatabaseValue], [String: DatabaseValue]) {
        withUnsafePointer(to: arguments) { p in
            let raw = UnsafeRawPointer(p)
            return (raw.assumingMemoryBound(to: [DatabaseValue].self).pointee,
                    (raw + MemoryLayout<[DatabaseValue]>.stride).assumingMemoryBound(to: [String: DatabaseValue].self).pointee)
        }
    }

    /// Whether GRDB lays its arguments out as `byLayout` reads them: its size, and a probe read both ways.
    static let layoutAgrees: Bool = {
        guard MemoryLayout<StatementArguments>.size == MemoryLayout<[DatabaseValue]>.stride + MemoryLayout<[String: DatabaseValue]>.size
        else { return false }
        var probe: StatementArguments = [1, "汾河", 2.5, nil]
        probe += ["county": "wenshui", "n": 3]
        let (p, n) = byLayout(probe), (rp, rn) = byReflection(probe)
        return p == rp && n == rn && !p.isEmpty && !n.isEmpty
    }()

    /// Arguments of values already converted (GRDB's generic initialiser maps its sequence through a key path made
    /// anew each call).
    static func arguments(_ values: [DatabaseValue]) -> StatementArguments {
        StatementArguments(values.lazy.map { $0 as (any DatabaseValueConvertible)? })
    }

    /// A row's values as SQLite's storage classes: integers and booleans as integers, floating numbers as reals,
    /// bytea as blobs, everything else as text.
    static func values(_ row: PostgresRow) throws -> [DatabaseValue] {
        try row.map { cell in
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return try cell.decode(Int64.self).databaseValue
            case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
            case .float4, .float8: return try cell.decode(Double.self).databaseValue
            case .numeric:
                // SUM of integers is numeric in PostgreSQL: a whole number comes back as SQLite's integer.
                let d = try cell.decode(Decimal.self)
                let n = NSDecimalNumber(decimal: d)
                return d == Decimal(n.int64Value) ? n.int64Value.databaseValue : n.doubleValue.databaseValue
            case .bytea: return try cell.decode(Data.self).databaseValue
            default: return try cell.decode(String.self).databaseValue
            }
        }
    }
}
