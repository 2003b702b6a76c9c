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

    public struct Table: Hashable, Sendable {
        public var name: String
        public var columns: [Column]
        public var key: [String]
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
            return try Store.inMemory().writer.read { db in
                let names = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name NOT LIKE 'matter_text%' ORDER BY name
                    """)
                let tables = try names.map { name in
                    let info = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
                    return Table(
                        name: name,
                        columns: info.map { Column(name: $0["name"], declared: $0["type"] ?? "", notNull: $0["notnull"] ?? false, defaultSQL: $0["dflt_value"]) },
                        key: info.filter { ($0["pk"] as Int? ?? 0) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String })
                }
                let indexes = try String.fetchAll(db, sql: """
                    SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE 'matter_text%' ORDER BY name
                    """)
                return StoreShape(tables: tables, indexes: indexes, migrations: Schema.migrator.migrations)
            }
        } catch {
            preconditionFailure("the store's own migrations failed in memory: \(error)")
        }
    }()
}
