import Crypto
import Foundation
import GRDB

/// The event log as evidence: every event carries `prev_hash` (the hash of the event before it, or `genesis` for
/// the first) and `hash`, SHA-256 over a canonical serialization of the previous hash, every column of the event
/// and, for a matter's event, the digest of the matter row (with its copies) as the write left it
/// (`matter_digest`). Editing, deleting, inserting or reordering an event breaks the chain at that event; editing
/// a matter row makes it differ from what its last event recorded.
///
/// The serialization (chain version 1) is frozen like a shipped migration: a column added to `event` or `matter`
/// needs a new chain version (a test compares the column lists here with the tables).
enum AuditChain {
    /// The `prev_hash` of the first event.
    static let genesis = String(repeating: "0", count: 64)

    /// The columns of an event that its hash covers, in this order (after the previous hash).
    static let eventColumns = ["id", "matter_id", "on_date", "recorded_at", "actor", "action", "text", "document_number",
                               "state_after", "outcome", "escalation", "due_after", "matter_digest"]

    /// The columns of an event added after chain version 1 (migration v12: how a suggestion was served and its
    /// receipt). Written with the event but not covered by its hash: covering them needs chain version 2.
    static let unchainedEventColumns = ["service", "received_on"]

    /// The columns of a matter that its digest covers, in this order (then its copies, sorted): the columns of the
    /// fields `MatterField.all` puts in the chain, in their places there.
    static let matterColumns = MatterField.audited.flatMap(\.storage.columns)

    /// The organisations a matter was copied to, joined by U+001F, as a column of a matter row (`audit_copies`).
    static let copiesColumn = """
        (SELECT group_concat(org_id, char(31)) FROM matter_copy WHERE matter_copy.matter_id = matter.id) AS audit_copies
        """

    /// The columns `eventHash(row:)` reads, in its order, first in a select.
    static let eventSelect = eventColumns.map { "event.\($0)" }.joined(separator: ", ")
    /// The columns `matterDigest(row:)` reads, in its order (the copies where their field is: last), first in a
    /// select.
    static let matterSelect = MatterField.audited.map { field in
        field.storage == .copies ? copiesColumn : field.storage.columns.map { "matter.\($0)" }.joined(separator: ", ")
    }.joined(separator: ", ")

    /// The hash of an event from its values (in `eventColumns` order) and the hash before it.
    static func eventHash(_ values: [DatabaseValue], previous: String) -> String {
        var s = Serializer(domain: "oversight.event.v1")
        s.text(previous)
        for v in values { s.value(v) }
        return s.digest()
    }

    /// The hash of an event from a row selected with `eventSelect` first (read by position: a log of a million
    /// events is hashed without looking up names).
    static func eventHash(row: Row, previous: String) -> String {
        var s = Serializer(domain: "oversight.event.v1")
        s.text(previous)
        for i in eventColumns.indices { s.value(row[i] as DatabaseValue) }
        return s.digest()
    }

    /// The digest of a matter row selected with `matterSelect` first.
    static func matterDigest(row: Row) -> String {
        var s = Serializer(domain: "oversight.matter.v1")
        var i = 0
        for columns in auditedLayout {
            if columns == nil {
                // Their number, then each, sorted.
                let copies = (row[i] as String?)?.split(separator: "\u{1F}", omittingEmptySubsequences: false)
                    .map(String.init).sorted() ?? []
                s.integer(Int64(copies.count))
                for c in copies { s.text(c) }
                i += 1
            } else {
                for _ in 0..<columns! {
                    s.value(row[i] as DatabaseValue)
                    i += 1
                }
            }
        }
        return s.digest()
    }

    /// Each audited field's number of columns in `matterSelect`, nil for the copies (one column, read as a list):
    /// what `matterDigest(row:)` walks, without copying the fields themselves on every row.
    private static let auditedLayout: [Int?] = MatterField.audited.map { $0.storage == .copies ? nil : $0.storage.columns.count }

    /// The digest of matter `id` as it stands in this transaction.
    static func matterDigest(of id: Int64, _ db: StoreConnection) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT \(matterSelect) FROM matter WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map { matterDigest(row: $0) }
    }

    /// Appends `event` to the log with its place in the chain: the one place an event row is written. Called inside
    /// the write transaction (BEGIN IMMEDIATE) after the matter row was written, so the previous hash and the
    /// matter's state are the ones this write stands on.
    static func append(_ event: EventRecord, _ db: StoreConnection) throws -> Int64 {
        // The next id: past every id ever given (SQLite's AUTOINCREMENT keeps the highest in `sqlite_sequence`); on
        // another engine the event log's own highest, as no event is ever deleted and the writer holds the turn.
        let next = db.isSQLite
            ? "MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'event'), 0), COALESCE((SELECT MAX(id) FROM event), 0)) + 1"
            : "COALESCE((SELECT MAX(id) FROM event), 0) + 1"
        let head = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(db.nowSQL) AS now,
                   (SELECT hash FROM event WHERE id = (SELECT MAX(id) FROM event)) AS previous,
                   \(next) AS next
            """))!
        let id: Int64 = head["next"]
        let previous = (head["previous"] as String?) ?? genesis
        var digest: String?
        if let matterId = event.matterId {
            guard let d = try matterDigest(of: matterId, db) else {
                throw Store.Failure.cannotOpen(":event", "matter \(matterId) of a new event is not in the database")
            }
            digest = d
        }
        // The record's columns, with what the log gives (its id, the time, the matter's digest), in the order of
        // `eventColumns`: a column of neither is an error, never a value left out of the hash.
        let now = (head["now"] as String).databaseValue
        func given(_ column: String) -> DatabaseValue? {
            switch column {
            case "id": id.databaseValue
            case "recorded_at": now
            case "matter_digest": digest.databaseValue
            default: event.value(ofColumn: column)
            }
        }
        let values: [DatabaseValue] = try eventColumns.map { column in
            guard let v = given(column) else {
                throw Store.Failure.cannotOpen(":event", "the event record has no column \(column)")
            }
            return v
        }
        let hash = eventHash(values, previous: previous)
        let unchained: [DatabaseValue] = try unchainedEventColumns.map { column in
            guard let v = given(column) else {
                throw Store.Failure.cannotOpen(":event", "the event record has no column \(column)")
            }
            return v
        }
        try db.cachedStatement(sql: insertSQL)
            .execute(arguments: StatementArguments(databaseValues: values + [previous.databaseValue, hash.databaseValue] + unchained))
        return id
    }

    /// The one statement that writes an event: its chained columns, its place in the chain, the unchained ones.
    private static let insertSQL: String = {
        let columns = eventColumns + ["prev_hash", "hash"] + unchainedEventColumns
        return "INSERT INTO event (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }()

    /// Fills `prev_hash`, `hash` and `matter_digest` of the events a database held before the chain (migration
    /// v3). A matter's state before its last event is gone: only each matter's last event records a digest (of the
    /// row as it stands); earlier events of that time record none, and their content is chained all the same.
    static func backfill(_ db: StoreConnection) throws {
        let lastOfMatter = Set(try Int64.fetchAll(
            db, sql: "SELECT MAX(id) FROM event WHERE matter_id IS NOT NULL GROUP BY matter_id"))
        var previous = genesis
        var after: Int64 = .min
        while true {
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(eventSelect) FROM event WHERE id > ? ORDER BY id LIMIT 1000", arguments: [after])
            guard let last = rows.last else { break }
            for row in rows {
                let id: Int64 = row["id"]
                var digest: String?
                if lastOfMatter.contains(id), let matterId = row["matter_id"] as Int64? {
                    digest = try matterDigest(of: matterId, db)
                }
                let values = (0..<eventColumns.count - 1).map { row[$0] as DatabaseValue } + [digest.databaseValue]
                let hash = eventHash(values, previous: previous)
                try db.execute(sql: "UPDATE event SET prev_hash = ?, hash = ?, matter_digest = ? WHERE id = ?",
                               arguments: [previous, hash, digest, id])
                previous = hash
            }
            after = last["id"]
        }
    }
}

/// Length-prefixed fields into SHA-256: each value is a tag (N null, I integer, R real, T text, B blob) and, but
/// for null, its 8-byte big-endian length or value and its bytes. No two different field lists serialize the same.
/// The bytes are gathered first and hashed at once (the same bytes in the same order: the same digest as hashing
/// them piece by piece, without a call into the hasher, and an array, per tag).
private struct Serializer {
    var bytes: [UInt8] = []

    init(domain: String) {
        bytes.reserveCapacity(1024)
        text(domain)
    }

    mutating func tag(_ t: UInt8) { bytes.append(t) }

    mutating func length(_ n: Int) { integerBytes(UInt64(n)) }

    mutating func integerBytes(_ v: UInt64) {
        withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func integer(_ v: Int64) {
        tag(UInt8(ascii: "I"))
        integerBytes(UInt64(bitPattern: v))
    }

    mutating func text(_ s: String) {
        tag(UInt8(ascii: "T"))
        length(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func value(_ v: DatabaseValue) {
        switch v.storage {
        case .null: tag(UInt8(ascii: "N"))
        case .int64(let i): integer(i)
        case .double(let d):
            tag(UInt8(ascii: "R"))
            integerBytes(d.bitPattern)
        case .string(let s): text(s)
        case .blob(let data):
            tag(UInt8(ascii: "B"))
            length(data.count)
            bytes.append(contentsOf: data)
        }
    }

    func digest() -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
