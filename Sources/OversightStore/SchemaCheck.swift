import Crypto
import Foundation
import GRDB

/// What a database opened by `Store(existing:)` is checked against, cheaply, before anything is read from it: that it
/// is an Oversight database at all, and that every table and column its migrations made is there as they made it. The expected shape is not written down a second time: it is read once per process from a database
/// migrated in memory, so a new migration changes it by itself.
enum SchemaCheck {
    struct Column: Hashable {
        var name: String
        var type: String
        var notNull: Bool
        var primaryKey: Int
    }

    struct Shape: Equatable {
        /// Columns in their order, per table (tables, virtual tables and their shadow tables).
        var tables: [String: [Column]] = [:]
        /// Index and trigger names, with their table.
        var indexes: [String: String] = [:]
        var triggers: [String: String] = [:]
    }

    /// The shape the migrations make, read from a database migrated in memory (once per process).
    static let expected: Shape = {
        do {
            let queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue)
            return try queue.read(shape)
        } catch {
            fatalError("the schema's own migrations fail in memory: \(error)")
        }
    }()

    /// The shape of the database `db` is, in one read of the schema table with each table's columns.
    static func shape(_ db: Database) throws -> Shape {
        var s = Shape()
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.type AS kind, m.name AS name, m.tbl_name AS tbl, p.name AS col, p.type AS ctype, p."notnull" AS nn, p.pk AS pk
            FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) p ON m.type = 'table'
            WHERE m.type IN ('table', 'index', 'trigger') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY m.name, p.cid
            """)
        for row in rows {
            let kind: String = row["kind"], name: String = row["name"], table: String = row["tbl"]
            switch kind {
            case "table":
                var columns = s.tables[name] ?? []
                if let col: String = row["col"] {
                    columns.append(Column(name: col, type: (row["ctype"] as String? ?? "").uppercased(),
                                          notNull: row["nn"] ?? false, primaryKey: row["pk"] ?? 0))
                }
                s.tables[name] = columns
            case "index": s.indexes[name] = table
            default: s.triggers[name] = table
            }
        }
        return s
    }

    /// What `actual` lacks or has altered of `expected`: its tables and their columns. Tables added by someone else are
    /// no damage; a column added to one of Oversight's tables is (its rows would no longer be what the audit chain
    /// covers). Indexes and triggers are read but not required: without the append-only triggers (dropped to edit
    /// the history behind Oversight's back) the database must still open, so that `audit verify` can name the edit.
    static func damage(_ actual: Shape, expected: Shape = expected) -> [Store.Damage] {
        var found: [Store.Damage] = []
        for table in expected.tables.keys.sorted() {
            guard let have = actual.tables[table] else {
                found.append(.missingTable(table))
                continue
            }
            let want = expected.tables[table]!
            let byName = Dictionary(have.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for column in want {
                guard let c = byName[column.name] else {
                    found.append(.missingColumn(table: table, column: column.name))
                    continue
                }
                if c != column { found.append(.alteredColumn(table: table, column: column.name)) }
            }
            let known = Set(want.map(\.name))
            for c in have where !known.contains(c.name) { found.append(.alteredColumn(table: table, column: c.name)) }
        }
        return found
    }

    /// Refuses a file that is not an Oversight database or not one yet: SQLite with no table at all is empty (made by
    /// something else, or by nothing); tables without GRDB's record of migrations are another program's.
    /// The fingerprint of `expected`'s tables (`fingerprint(_:)`): `OpeningTests` says the new one when a
    /// migration changes them.
    static let fingerprint = "debda39026f3253557b165cb2bb5d29ccfb536bd0d770a416a3733bc4c89d417"

    /// SHA-256 (hex) of the tables, by name, each with its columns in order (name, type, not null, primary key): the
    /// shape `damage` compares. Equal for `expected` means no damage to find; a cryptographic hash, so a file made to
    /// look intact cannot be shaped to it.
    static func fingerprint(_ s: Shape) -> String {
        var text = ""
        for table in s.tables.keys.sorted() {
            text += table + "("
            for c in s.tables[table]! { text += "\(c.name) \(c.type) \(c.notNull ? 1 : 0) \(c.primaryKey)," }
            text += ")\n"
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func identify(_ db: Database, _ path: String) throws {
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if names.isEmpty { throw Store.Failure.notADatabaseYet(path) }
        if !names.contains("grdb_migrations") { throw Store.Failure.notOversightDatabase(path) }
    }

    /// Refuses (`Failure.damaged`, naming each problem) a database that lacks or has altered a table or column its
    /// migrations made.
    static func requireIntact(_ db: Database, _ path: String) throws {
        let actual = try shape(db)
        // The tables as the migrations leave them, known by their fingerprint: a session's opening need not run
        // every migration in memory (a seventh of its start) to find nothing wrong. Anything else is compared whole.
        if fingerprint(actual) == Self.fingerprint { return }
        let found = damage(actual)
        if !found.isEmpty { throw Store.Failure.damaged(path, found) }
    }
}

extension String {
    /// The text after `prefix` when the string starts with it.
    func after(_ prefix: String) -> String? { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil }

    /// `main.event` → `event`.
    var unqualified: String { split(separator: ".").last.map(String.init) ?? self }
}
