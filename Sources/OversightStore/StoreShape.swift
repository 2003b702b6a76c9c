import GRDB

/// The store's tables as this version's migrations make them in SQLite, read off a fresh database: what another
/// engine makes to hold the same rows (`OversightPostgres`), so the code, not a copy of it, defines them. SQLite's
/// full-text index (`matter_text`, FTS5) is left out: another engine indexes the matters' text its own way.
public struct StoreShape: Sendable {
    public struct Column: Hashable, Sendable {
        public var name: String
        /// As declared in SQLite (`INTEGER`, `TEXT`, `BLOB`, `REAL`, or none).
        public var declared: String
        public var notNull: Bool
        /// The default's SQL as SQLite holds it, if any.
        public var defaultSQL: String?
    }

    /// A reference to another table's key (a foreign key), by columns.
    public struct Reference: Hashable, Sendable {
        public var columns: [String]
        public var table: String
        public var to: [String]
    }

    public struct Table: Hashable, Sendable {
        public var name: String
        public var columns: [Column]
        public var key: [String]
        /// The column sets declared UNIQUE (besides the key and the named indexes).
        public var uniques: [[String]]
        public var references: [Reference]
        /// `CREATE TABLE …` as SQLite holds it (with its CHECK constraints).
        public var sql: String
        /// Whether the key is one `INTEGER` column `id`, which the database gives on insert (SQLite's row id).
        public var givesID: Bool { key == ["id"] && columns.first { $0.name == "id" }?.declared.uppercased() == "INTEGER" }
    }

    public var tables: [Table]
    /// `CREATE [UNIQUE] INDEX …` as SQLite holds them (the indexes the migrations make, not those of keys).
    public var indexes: [String]
    /// The migrations applied, by name, in order.
    public var migrations: [String]

    /// This version's shape.
    public static let current: StoreShape = {
        do {
            return try Store.inMemory().writer.read { db in try read(db, migrations: Schema.migrator.migrations) }
        } catch {
            preconditionFailure("the store's own migrations failed in memory: \(error)")
        }
    }()

    /// The shape an earlier version left, its migrations applied up to `migration` (one of this version's): what a
    /// part of a shared database made by that version holds (`OversightPostgres`' upgrade). Nil for a name this
    /// version does not know.
    public static func at(_ migration: String) throws -> StoreShape? {
        let all = Schema.migrator.migrations
        guard let last = all.firstIndex(of: migration) else { return nil }
        let queue = try DatabaseQueue(configuration: Store.configuration)
        try Schema.migrator.migrate(queue, upTo: migration)
        return try queue.read { db in try read(db, migrations: Array(all[...last])) }
    }

    /// The shape of the database `db`, which `migrations` made.
    static func read(_ db: Database, migrations: [String]) throws -> StoreShape {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name NOT LIKE 'matter_text%' ORDER BY name
            """)
        let tables = try names.map { name in
            let info = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            let uniques = try Row.fetchAll(db, sql: "SELECT name FROM pragma_index_list(?) WHERE origin = 'u' ORDER BY name", arguments: [name])
                .map { index in
                    try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [index["name"] as String])
                }
            let references = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq", arguments: [name])) {
                $0["id"] as Int
            }.sorted { $0.key < $1.key }.map { _, rows in
                Reference(columns: rows.map { $0["from"] }, table: rows[0]["table"], to: rows.map { $0["to"] })
            }
            return Table(
                name: name,
                columns: info.map { Column(name: $0["name"], declared: $0["type"] ?? "", notNull: $0["notnull"] ?? false, defaultSQL: $0["dflt_value"]) },
                key: info.filter { ($0["pk"] as Int? ?? 0) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String },
                uniques: uniques, references: references,
                sql: try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [name]) ?? "")
        }
        let indexes = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE 'matter_text%' ORDER BY name
            """)
        return StoreShape(tables: tables, indexes: indexes, migrations: migrations)
    }
}
