import GRDB

/// The connection a store operation runs on, inside the transaction `Store.read` or `Store.write` opened: SQLite
/// through GRDB, the embedded default, or another engine beneath the store (`SQLEngine`: PostgreSQL, issue 23).
///
/// The store's SQL is written once, in SQLite's dialect with `?` and `:name` parameters, and its rows are GRDB's
/// `Row`s on either engine, so every operation, record and check is the same code on both. On SQLite every call is
/// GRDB's own (prepared statements cached per connection, cursors, records); the overloads below (`Row.fetchAll(db,
/// sql:)`, `String.fetchOne(db.cachedStatement(sql:))`, `record.insert(db)`) keep the call sites as GRDB spells them.
/// What only SQLite has (its WAL, checkpoints, the schema's own checks) asks for `sqlite`.
public final class StoreConnection {
    enum Engine {
        case sqlite(Database)
        case other(any SQLEngine)
    }

    let engine: Engine

    init(_ db: Database) { engine = .sqlite(db) }

    public init(_ other: any SQLEngine) { engine = .other(other) }

    /// GRDB's SQLite connection; nil on another engine.
    var sqlite: Database? {
        if case .sqlite(let db) = engine { return db }
        return nil
    }

    /// Whether the connection is SQLite's (else another engine's: where the store's SQL differs, it asks).
    var isSQLite: Bool { sqlite != nil }

    /// The time of the moment as the store records it (`2025-03-01T08:00:00.000Z`), as an SQL expression.
    var nowSQL: String {
        isSQLite ? "strftime('%Y-%m-%dT%H:%M:%fZ','now')" : "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
    }

    /// A statement to run, prepared once per connection on SQLite.
    func cachedStatement(sql: String) throws -> StoreStatement {
        switch engine {
        case .sqlite(let db): return .sqlite(try db.cachedStatement(sql: sql))
        case .other(let other): return .other(other, sql)
        }
    }

    func execute(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        switch engine {
        case .sqlite(let db): try db.execute(sql: sql, arguments: arguments)
        case .other(let other): try other.execute(sql, arguments)
        }
    }

    /// The row id the last insert of this connection gave.
    var lastInsertedRowID: Int64 {
        switch engine {
        case .sqlite(let db): return db.lastInsertedRowID
        case .other(let other): return other.lastInsertedRowID
        }
    }

    /// The rows the last insert, update or delete of this connection changed.
    var changesCount: Int {
        switch engine {
        case .sqlite(let db): return db.changesCount
        case .other(let other): return other.changesCount
        }
    }

    /// `body` in a savepoint: what it wrote is kept when it returns `.commit`, undone when it throws or says `.rollback`.
    func inSavepoint(_ body: () throws -> Database.TransactionCompletion) throws {
        switch engine {
        case .sqlite(let db): try db.inSavepoint(body)
        case .other(let other): try other.inSavepoint(body)
        }
    }

    func tableExists(_ name: String) throws -> Bool {
        switch engine {
        case .sqlite(let db): return try db.tableExists(name)
        case .other(let other): return try other.tableExists(name)
        }
    }

    /// `Row`s of `sql`, whole (another engine's are read whole anyway).
    func rows(_ sql: String, _ arguments: StatementArguments) throws -> [Row] {
        switch engine {
        case .sqlite(let db): return try Row.fetchAll(db, sql: sql, arguments: arguments)
        case .other(let other): return try other.rows(sql, arguments)
        }
    }
}

/// A store's sessions on another engine: transactions on its one connection, notices of others' commits.
public protocol SQLBackend: AnyObject, Sendable {
    /// The database as messages name it (no password).
    var name: String { get }
    /// `body` in a read transaction: one moment of the database.
    func read<T>(_ body: (StoreConnection) throws -> T) throws -> T
    /// `body` in a write transaction, after the writer's turn: committed when it returns, undone when it throws.
    func write<T>(_ body: (StoreConnection) throws -> T) throws -> T
    /// Inside `write`: commits what was written so far and begins a new transaction, after the writer's turn again
    /// (a batch's chunks: other writers take their turn between them).
    func commitAndBegin() throws
    /// A number that moves when another session commits (nil when it cannot say).
    func othersCommitMark() throws -> Int64?
    /// From now on, `othersCommitMark` may stay put for others' commits that cannot concern organisation `org`'s
    /// people (nil: every commit moves it): what they see of matters, their sign-off, the clock and people.
    func watch(org: String?)
    func close()
}

extension SQLBackend {
    public func watch(org: String?) {}
}

/// Another database engine beneath the store: it runs the store's SQL (SQLite's dialect, translated as it needs) inside
/// the transaction its store opened, and answers with GRDB `Row`s whose columns are named as the statement names them.
public protocol SQLEngine: AnyObject {
    func rows(_ sql: String, _ arguments: StatementArguments) throws -> [Row]
    func execute(_ sql: String, _ arguments: StatementArguments) throws
    var lastInsertedRowID: Int64 { get }
    var changesCount: Int { get }
    func inSavepoint(_ body: () throws -> Database.TransactionCompletion) throws
    func tableExists(_ name: String) throws -> Bool
}

/// A statement of a `StoreConnection`: GRDB's prepared statement on SQLite, the text on another engine.
enum StoreStatement {
    case sqlite(Statement)
    case other(any SQLEngine, String)

    func execute(arguments: StatementArguments = StatementArguments()) throws {
        switch self {
        case .sqlite(let s): try s.execute(arguments: arguments)
        case .other(let other, let sql): try other.execute(sql, arguments)
        }
    }

    func rows(_ arguments: StatementArguments) throws -> [Row] {
        switch self {
        case .sqlite(let s): return try Row.fetchAll(s, arguments: arguments)
        case .other(let other, let sql): return try other.rows(sql, arguments)
        }
    }
}

// MARK: - GRDB's fetching methods, on a store connection

extension Row {
    static func fetchAll(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try db.rows(sql, arguments)
    }

    static func fetchOne(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        switch db.engine {
        case .sqlite(let d): return try Row.fetchOne(d, sql: sql, arguments: arguments)
        case .other(let other): return try other.rows(sql, arguments).first
        }
    }

    /// On SQLite, GRDB's cursor (one row at a time, the same `Row` each step: copy what is kept); on another engine
    /// the rows read whole.
    static func fetchCursor(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> AnyCursor<Row> {
        switch db.engine {
        case .sqlite(let d): return AnyCursor(try Row.fetchCursor(d, sql: sql, arguments: arguments))
        case .other(let other): return AnyCursor(try other.rows(sql, arguments).makeIterator())
        }
    }

    static func fetchAll(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try s.rows(arguments)
    }

    static func fetchOne(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        switch s {
        case .sqlite(let st): return try Row.fetchOne(st, arguments: arguments)
        case .other(let other, let sql): return try other.rows(sql, arguments).first
        }
    }

    static func fetchCursor(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> AnyCursor<Row> {
        switch s {
        case .sqlite(let st): return AnyCursor(try Row.fetchCursor(st, arguments: arguments))
        case .other(let other, let sql): return AnyCursor(try other.rows(sql, arguments).makeIterator())
        }
    }
}

extension DatabaseValueConvertible {
    static func fetchOne(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        switch db.engine {
        case .sqlite(let d): return try Self.fetchOne(d, sql: sql, arguments: arguments)
        case .other(let other): return try other.rows(sql, arguments).first.flatMap { Self.first($0) }
        }
    }

    static func fetchAll(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        switch db.engine {
        case .sqlite(let d): return try Self.fetchAll(d, sql: sql, arguments: arguments)
        case .other(let other): return try other.rows(sql, arguments).map { try Self.required($0) }
        }
    }

    static func fetchCursor(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> AnyCursor<Self> {
        switch db.engine {
        case .sqlite(let d): return AnyCursor(try Self.fetchCursor(d, sql: sql, arguments: arguments))
        case .other(let other): return AnyCursor(try other.rows(sql, arguments).map { try Self.required($0) }.makeIterator())
        }
    }

    static func fetchOne(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        switch s {
        case .sqlite(let st): return try Self.fetchOne(st, arguments: arguments)
        case .other(let other, let sql): return try other.rows(sql, arguments).first.flatMap { Self.first($0) }
        }
    }

    static func fetchAll(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        switch s {
        case .sqlite(let st): return try Self.fetchAll(st, arguments: arguments)
        case .other(let other, let sql): return try other.rows(sql, arguments).map { try Self.required($0) }
        }
    }

    /// The first column of `row` as this type; nil when it is NULL.
    private static func first(_ row: Row) -> Self? {
        row.count > 0 ? Self.fromDatabaseValue(row[0] as DatabaseValue) : nil
    }

    private static func required(_ row: Row) throws -> Self {
        let value: DatabaseValue = row.count > 0 ? row[0] : .null
        guard let decoded = Self.fromDatabaseValue(value) else {
            throw Store.Failure.corruptRow(table: "?", row: "?", column: row.columnNames.first ?? "?", value: value.description)
        }
        return decoded
    }
}

/// GRDB's faster path for the types that read themselves off a SQLite statement (Int, String, Bool…), kept.
extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchOne(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        switch db.engine {
        case .sqlite(let d): return try Self.fetchOne(d, sql: sql, arguments: arguments)
        case .other(let other): return try other.rows(sql, arguments).first.flatMap { Self.first($0) }
        }
    }

    static func fetchOne(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        switch s {
        case .sqlite(let st): return try Self.fetchOne(st, arguments: arguments)
        case .other(let other, let sql): return try other.rows(sql, arguments).first.flatMap { Self.first($0) }
        }
    }

    static func fetchAll(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        switch s {
        case .sqlite(let st): return try Self.fetchAll(st, arguments: arguments)
        case .other(let other, let sql): return try other.rows(sql, arguments).map { try Self.required($0) }
        }
    }
}

extension FetchableRecord {
    static func fetchAll(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        switch db.engine {
        case .sqlite(let d): return try Self.fetchAll(d, sql: sql, arguments: arguments)
        case .other(let other): return try other.rows(sql, arguments).map { try Self(row: $0) }
        }
    }

    static func fetchOne(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        switch db.engine {
        case .sqlite(let d): return try Self.fetchOne(d, sql: sql, arguments: arguments)
        case .other(let other): return try other.rows(sql, arguments).first.map { try Self(row: $0) }
        }
    }

    static func fetchCursor(_ db: StoreConnection, sql: String, arguments: StatementArguments = StatementArguments()) throws -> AnyCursor<Self> {
        switch db.engine {
        case .sqlite(let d): return AnyCursor(try Self.fetchCursor(d, sql: sql, arguments: arguments))
        case .other(let other): return AnyCursor(try other.rows(sql, arguments).map { try Self(row: $0) }.makeIterator())
        }
    }

    static func fetchAll(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        switch s {
        case .sqlite(let st): return try Self.fetchAll(st, arguments: arguments)
        case .other(let other, let sql): return try other.rows(sql, arguments).map { try Self(row: $0) }
        }
    }

    static func fetchOne(_ s: StoreStatement, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        switch s {
        case .sqlite(let st): return try Self.fetchOne(st, arguments: arguments)
        case .other(let other, let sql): return try other.rows(sql, arguments).first.map { try Self(row: $0) }
        }
    }
}

// MARK: - Records by their table and key

/// A record whose table has these key columns (what `fetchOne(db, key:)`, `update` and `delete` find it by).
protocol KeyedRecord: TableRecord {
    static var keyColumns: [String] { get }
}

extension FetchableRecord where Self: KeyedRecord {
    static func fetchAll(_ db: StoreConnection) throws -> [Self] {
        switch db.engine {
        case .sqlite(let d): return try Self.fetchAll(d)
        case .other(let other): return try other.rows("SELECT * FROM \(quoted(databaseTableName))", StatementArguments()).map { try Self(row: $0) }
        }
    }

    static func fetchOne(_ db: StoreConnection, key: some DatabaseValueConvertible) throws -> Self? {
        switch db.engine {
        case .sqlite(let d): return try Self.fetchOne(d, key: key)
        case .other(let other):
            return try other.rows("SELECT * FROM \(quoted(databaseTableName)) WHERE \(quoted(keyColumns[0])) = ?", [key]).first.map { try Self(row: $0) }
        }
    }

    static func fetchCount(_ db: StoreConnection) throws -> Int {
        switch db.engine {
        case .sqlite(let d): return try Self.fetchCount(d)
        case .other(let other):
            return try other.rows("SELECT COUNT(*) FROM \(quoted(databaseTableName))", StatementArguments()).first.map { $0[0] as Int } ?? 0
        }
    }
}

extension PersistableRecord where Self: KeyedRecord {
    func insert(_ db: StoreConnection) throws {
        switch db.engine {
        case .sqlite(let d): try insert(d)
        case .other(let other): try other.execute(Self.insertSQL("INSERT", try databaseDictionary), Self.insertArguments(try databaseDictionary))
        }
    }

    /// Inserts, or replaces the row with the same key.
    func save(_ db: StoreConnection) throws {
        switch db.engine {
        case .sqlite(let d): try save(d)
        case .other(let other): try other.execute(Self.insertSQL("INSERT OR REPLACE", try databaseDictionary), Self.insertArguments(try databaseDictionary))
        }
    }
}

extension MutablePersistableRecord where Self: RowIDRecord {
    /// Inserts, and takes the id the database gave.
    mutating func insert(_ db: StoreConnection) throws {
        switch db.engine {
        case .sqlite(let d): try insert(d)
        case .other(let other):
            try other.execute(Self.insertSQL("INSERT", try databaseDictionary), Self.insertArguments(try databaseDictionary))
            id = other.lastInsertedRowID
        }
    }
}

extension MutablePersistableRecord where Self: KeyedRecord {
    func update(_ db: StoreConnection) throws {
        switch db.engine {
        case .sqlite(let d): try update(d)
        case .other(let other):
            let all = try databaseDictionary
            let keys = Self.keyColumns
            let set = all.filter { !keys.contains($0.key) }.sorted { $0.key < $1.key }
            try other.execute("""
                UPDATE \(quoted(Self.databaseTableName)) SET \(set.map { "\(quoted($0.key)) = ?" }.joined(separator: ", ")) \
                WHERE \(keys.map { "\(quoted($0)) = ?" }.joined(separator: " AND "))
                """, StatementArguments(set.map(\.value) + keys.map { all[$0] ?? .null }))
            guard other.changesCount > 0 else {
                throw RecordError.recordNotFound(databaseTableName: Self.databaseTableName, key: all.filter { keys.contains($0.key) })
            }
        }
    }

    @discardableResult
    func delete(_ db: StoreConnection) throws -> Bool {
        switch db.engine {
        case .sqlite(let d): return try delete(d)
        case .other(let other):
            let all = try databaseDictionary
            try other.execute("""
                DELETE FROM \(quoted(Self.databaseTableName)) WHERE \(Self.keyColumns.map { "\(quoted($0)) = ?" }.joined(separator: " AND "))
                """, StatementArguments(Self.keyColumns.map { all[$0] ?? .null }))
            return other.changesCount > 0
        }
    }

    /// `verb INTO table (columns) VALUES (?, …)` for `values`, columns in name order (`insertArguments`).
    static func insertSQL(_ verb: String, _ values: [String: DatabaseValue]) -> String {
        let columns = values.keys.sorted()
        return """
            \(verb) INTO \(quoted(databaseTableName)) (\(columns.map(quoted).joined(separator: ", "))) \
            VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            """
    }

    static func insertArguments(_ values: [String: DatabaseValue]) -> StatementArguments {
        StatementArguments(values.sorted { $0.key < $1.key }.map(\.value))
    }
}

/// A record whose key is the row id the database gives it on insert.
protocol RowIDRecord: KeyedRecord {
    var id: Int64? { get set }
}

/// A name quoted as an SQL identifier (the same in SQLite and PostgreSQL).
func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
