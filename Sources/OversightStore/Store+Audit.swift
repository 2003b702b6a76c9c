import Foundation
import GRDB
import OversightDomain

/// What `Store.verifyAudit()` found.
public enum AuditOutcome: Hashable, Sendable {
    /// Every event is where the chain says, as it was written, and every matter is as its last event left it.
    case intact(events: Int, matters: Int, head: String)
    /// The first thing found wrong, walking the log in id order and then the matters.
    case broken(AuditProblem)

    public var isIntact: Bool { if case .intact = self { return true } else { return false } }
}

/// The first bad event (or matter) and what is wrong with it, in words for an administrator.
public struct AuditProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The event's content no longer matches its hash.
        case edited
        /// The event does not follow the one before it: an event was deleted, inserted or moved.
        case chainBroken = "chain-broken"
        /// Events are missing (deleted): the ids jump, or the last ones given out are gone.
        case missing
        /// An event without its place in the chain: written behind the program's back.
        case unchained
        /// The matter row differs from what its last event recorded: edited behind the program's back.
        case matterEdited = "matter-edited"
        /// A matter with no event: inserted behind the program's back.
        case matterWithoutEvents = "matter-without-events"
        /// An event of a matter that is no longer there: the matter was deleted.
        case matterGone = "matter-gone"
        /// The log was rewritten since a verification found it intact (its head then is not the same now).
        case rewritten
    }

    public var kind: Kind
    /// The event to look at (nil for a matter with no event at all).
    public var event: Int64?
    public var matter: Int64?
    public var detail: String

    public var description: String { detail }
}


extension Store {
    /// Checks the whole event log and every matter against it, in one read snapshot (others may go on writing),
    /// streaming in id order: memory does not grow with the log. Reads only: it works on a read-only database and
    /// on one whose triggers were dropped.
    public func verifyAudit() throws -> AuditOutcome {
        try read { db in try Self.verifyAudit(db) }
    }

    static func verifyAudit(_ db: StoreConnection) throws -> AuditOutcome {
        let anchor = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'audit_anchor'")
            .flatMap { text -> (Int64, String)? in
                let parts = text.split(separator: " ")
                guard parts.count == 2, let id = Int64(parts[0]) else { return nil }
                return (id, String(parts[1]))
            }
        let backfilled = Int64(try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'audit_backfilled_through'") ?? "") ?? 0

        var previous = AuditChain.genesis
        var previousID: Int64 = 0
        var count = 0
        // By position: the chained columns (AuditChain.eventSelect), then these.
        let n = AuditChain.eventColumns.count
        let (prevIndex, hashIndex, existsIndex, digestIndex) = (n, n + 1, n + 2, AuditChain.eventColumns.firstIndex(of: "matter_digest")!)
        let events = try Row.fetchCursor(db, sql: """
            SELECT \(AuditChain.eventSelect), event.prev_hash, event.hash,
                (event.matter_id IS NULL OR EXISTS (SELECT 1 FROM matter WHERE matter.id = event.matter_id))
            FROM event ORDER BY event.id
            """)
        while let row = try events.next() {
            let id: Int64 = row[0]
            let matter: Int64? = row[1]
            func problem(_ kind: AuditProblem.Kind, _ event: Int64, _ detail: String) -> AuditOutcome {
                .broken(AuditProblem(kind: kind, event: event, matter: matter, detail: detail))
            }
            let of = matter.map { " (matter \($0))" } ?? " (a system event)"
            guard let prevHash = row[prevIndex] as String?, let hash = row[hashIndex] as String? else {
                return problem(.unchained, id, "event \(id)\(of) has no place in the audit chain: it was written behind the program's back")
            }
            if prevHash != previous {
                if id > previousID + 1 {
                    let gone = id == previousID + 2 ? "event \(previousID + 1) is" : "events \(previousID + 1)–\(id - 1) are"
                    return problem(.missing, previousID + 1, "\(gone) missing: the log goes from event \(previousID) to event \(id)\(of); deleted behind the program's back")
                }
                return problem(.chainBroken, id, "event \(id)\(of) does not follow event \(previousID) in the audit chain: an event was deleted, inserted or moved here")
            }
            if AuditChain.eventHash(row: row, previous: previous) != hash {
                return problem(.edited, id, "event \(id)\(of) was changed after it was written: its content does not match its hash")
            }
            if row[existsIndex] as Bool? != true, let matter {
                return problem(.matterGone, id, "event \(id) belongs to matter \(matter), which is no longer in the database: it was deleted behind the program's back")
            }
            if matter != nil, id > backfilled, row[digestIndex] as String? == nil {
                return problem(.unchained, id, "event \(id)\(of) records no state of its matter")
            }
            if let (anchorID, anchorHash) = anchor, anchorID == id, anchorHash != hash {
                return problem(.rewritten, id, "the audit chain was rewritten: event \(id) was its head with hash \(anchorHash) at an earlier verification, and now has \(hash)")
            }
            previous = hash
            previousID = id
            count += 1
        }
        // SQLite keeps the highest id AUTOINCREMENT ever gave; PostgreSQL has no such record that a rolled-back write
        // leaves alone (a sequence is not rolled back), so there the event log's triggers and the anchor below stand.
        let given = db.isSQLite ? try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'event'") ?? 0 : 0
        if given > previousID {
            let gone = given == previousID + 1 ? "event \(given) is" : "events \(previousID + 1)–\(given) are"
            return .broken(AuditProblem(kind: .missing, event: previousID + 1, matter: nil,
                                        detail: "\(gone) missing: the log ends at event \(previousID) but \(given) were written; deleted behind the program's back"))
        }
        if let (anchorID, anchorHash) = anchor, anchorID > previousID {
            return .broken(AuditProblem(kind: .missing, event: previousID + 1, matter: nil,
                                        detail: "the log ends at event \(previousID), but an earlier verification found it intact up to event \(anchorID) (\(anchorHash)): events were deleted"))
        }

        // Every matter as its last event left it, in the order of those events.
        var matters = 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(AuditChain.matterSelect), matter.id AS audit_matter, last.id AS audit_last_event, last.matter_digest AS audit_recorded
            FROM matter LEFT JOIN event AS last ON last.id = (SELECT MAX(id) FROM event WHERE event.matter_id = matter.id)
            ORDER BY last.id IS NULL, last.id, matter.id
            """)
        while let row = try rows.next() {
            let id: Int64 = row["audit_matter"]
            guard let last = row["audit_last_event"] as Int64? else {
                return .broken(AuditProblem(kind: .matterWithoutEvents, event: nil, matter: id,
                                            detail: "matter \(id) has no event: it was inserted behind the program's back"))
            }
            if row["audit_recorded"] as String? != AuditChain.matterDigest(row: row) {
                return .broken(AuditProblem(kind: .matterEdited, event: last, matter: id,
                                            detail: "matter \(id) differs from the state its last event, event \(last), recorded: the matter was changed behind the program's back"))
            }
            matters += 1
        }
        return .intact(events: count, matters: matters, head: previous)
    }

    /// Verifies the log and records the result for the administrator's screen (`Health.lastAudit`); an intact log's
    /// head becomes the anchor the next verification checks. On a read-only database nothing is recorded.
    public func verifyAndRecordAudit(now: Date = Date()) throws -> AuditOutcome {
        let outcome = try verifyAudit()
        guard !isReadOnly else { return outcome }
        let at = ISO8601DateFormatter().string(from: now)
        let record: AuditRecord
        var anchor: String?
        switch outcome {
        case .intact(let events, _, let head):
            record = AuditRecord(at: at, intact: true, events: events, head: head)
            if events > 0 {
                anchor = try read { db in try Int64.fetchOne(db, sql: "SELECT id FROM event WHERE hash = ? ORDER BY id DESC LIMIT 1", arguments: [head]) }
                    .map { "\($0) \(head)" }
            }
        case .broken(let p):
            record = AuditRecord(at: at, intact: false, events: 0, badEvent: p.event, problem: p.detail)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(record), as: UTF8.self)
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('audit_last', ?)", arguments: [text])
            if let anchor {
                try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('audit_anchor', ?)", arguments: [anchor])
            }
        }
        return outcome
    }

    /// The last recorded verification, if any.
    public func lastAudit() throws -> AuditRecord? {
        try read { db in try Self.lastAudit(db) }
    }

    static func lastAudit(_ db: StoreConnection) throws -> AuditRecord? {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'audit_last'") else { return nil }
        return try? JSONDecoder().decode(AuditRecord.self, from: Data(text.utf8))
    }
}

/// What `Store.backup(to:)` copied.
public struct BackupSummary: Hashable, Sendable {
    public var path: String
    public var events: Int
    public var matters: Int
    public var bytes: Int64
}

extension Store {
    /// A consistent copy of the whole database at `path`, taken with SQLite's online backup API while others go on
    /// writing. The file must not exist: it is made with mode 0600 (case material). The copy is a WAL database
    /// like this one and passes `verifyAudit`.
    public func backup(to path: String) throws -> BackupSummary {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure.backupTarget(path, Self.targetProblem(path, errno: errno)) }
        close(fd)
        do {
            let copy = try DatabaseQueue(path: path, configuration: Self.configuration)
            if other != nil {
                try copyRows(into: copy)
            } else {
                try writer.backup(to: copy)
            }
            try copy.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            let counts = try copy.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matter") ?? 0)
            }
            try copy.close()
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return BackupSummary(path: path, events: counts.0, matters: counts.1, bytes: size)
        } catch let error as DatabaseError {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            // The copy's side fails by writing (no room, no permission, an I/O error); the source's by what it holds.
            switch error.resultCode {
            case .SQLITE_FULL: throw Failure.backupTarget(path, .diskFull)
            case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
                throw Failure.backupTarget(path, .cannotWrite)
            default: throw Self.failure(for: error, path: self.path) ?? Failure.cannotOpen(self.path, error.message ?? "")
            }
        }
    }

    /// A store on another engine copied into the SQLite database `copy` (empty): the tables as this version's
    /// migrations make them, then every row as one read transaction sees them, in the order written; the inbox's
    /// tallies follow its entries by SQLite's own trigger. A county's part of a shared database so becomes a county's
    /// database file, as `backup` makes one of a file.
    func copyRows(into copy: DatabaseQueue) throws {
        try Schema.migrator.migrate(copy)
        let shape = StoreShape.current
        try copy.writeWithoutTransaction { target in
            try target.inTransaction {
                // Rows go in table by table in name order: their references are checked at the commit.
                try target.execute(sql: "PRAGMA defer_foreign_keys = ON")
                // What the migrations wrote of their own (the first county) goes: the source has its own.
                for table in shape.tables where table.name != "grdb_migrations" {
                    try target.execute(sql: "DELETE FROM \(quoted(table.name))")
                }
                try read { db in
                    for table in shape.tables where table.name != "grdb_migrations" && table.name != "inbox_tally" {
                        let columns = table.columns.map { quoted($0.name) }.joined(separator: ", ")
                        let insert = try target.makeStatement(sql: """
                            INSERT INTO \(quoted(table.name)) (\(columns)) VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", ")))
                            """)
                        for row in try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(quoted(table.name)) ORDER BY rowid") {
                            try insert.execute(arguments: StatementArguments(row.databaseValues))
                        }
                    }
                }
                return .commit
            }
        }
    }

    /// Why the backup's file could not be made, naming the folder where that is the problem.
    static func targetProblem(_ path: String, errno code: Int32) -> BackupTargetProblem {
        let folder = (URL(fileURLWithPath: path).standardizedFileURL.path as NSString).deletingLastPathComponent
        switch code {
        case EEXIST: return .exists
        case ENOENT, ENOTDIR: return .noFolder(folder)
        case EACCES, EPERM, EROFS:
            var st = stat()
            _ = stat(folder, &st)
            return .notWritable(folder: folder, owner: PathCheck.owner(st.st_uid), mode: PathCheck.mode(st.st_mode))
        case ENOSPC, EDQUOT: return .diskFull
        default: return .other(String(cString: strerror(code)))
        }
    }
}
