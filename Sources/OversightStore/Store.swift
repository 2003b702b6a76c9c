import Foundation
import GRDB
import OversightDomain

/// The shared database, in GRDB's `AppDatabase` style: built over any database writer (a `DatabasePool` on a
/// WAL file in production, an in-memory queue in unit tests), with record structs and operations that keep the
/// invariants. Its interface exposes no GRDB type, so another implementation (PostgreSQL) can stand beside it.
///
/// Every read that returns matters takes the reader (`Viewer`) and filters by the access policy in SQL, so no
/// caller can see what its user may not. Every change goes through `create` or `act` (Store+Write.swift).
public final class Store: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownUser(String)
        case disabledUser(String)
        case notADemoDatabase(String)
        case cannotOpen(String, String)
        /// A row that does not decode into a valid domain value: tampered with, or written by something else.
        case corruptRow(table: String, row: String, column: String, value: String)
        /// A database that already holds data where an empty one was to be made.
        case alreadyExists(String)

        public var description: String {
            switch self {
            case .unknownUser(let n): return "no user named \"\(n)\": see `oversight user list`, or pass --user NAME"
            case .disabledUser(let n): return "user \"\(n)\" is disabled: ask an administrator"
            case .notADemoDatabase(let p): return "\(p) holds real data, not a demo database: choose another --db for the demo"
            case .cannotOpen(let p, let why): return "cannot open the database \(p): \(why)"
            case .corruptRow(let table, let row, let column, let value):
                return "the database is damaged: table \(table), row \(row), column \(column) holds \"\(value)\", which is not a valid value; restore it from a backup or ask an administrator"
            case .alreadyExists(let p): return "\(p) already holds a database: choose another --db, or keep using this one"
            }
        }
    }

    let writer: any DatabaseWriter
    /// The file, or ":memory:".
    public let path: String

    /// Opens (creating if needed) and migrates the database at `path`. Concurrent openers of a
    /// new file are serialized with a lock file, so two first sessions never race the migration.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        // Case material names people and companies: the directory and the database (and so its
        // -wal and -shm files, which SQLite creates with the database's mode) are the owner's only.
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure.cannotOpen(path, error.localizedDescription)
        }
        let created = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if created >= 0 { close(created) }
        let lock = try FileLock(path: path + ".lock")
        defer { lock.unlock() }
        do {
            let pool = try DatabasePool(path: path, configuration: Self.configuration)
            // A newer Oversight wrote migrations this one does not know: refuse it rather than guess.
            if try pool.read({ try Schema.migrator.hasBeenSuperseded($0) }) {
                throw Failure.cannotOpen(path, "it was written by a newer version of Oversight: open it with that version or a newer one (see README, Upgrading)")
            }
            try Schema.migrator.migrate(pool)
            writer = pool
        } catch let error as DatabaseError {
            throw Failure.cannotOpen(path, error.message ?? error.description)
        }
    }

    /// A private database in memory, migrated: for unit tests.
    public static func inMemory() throws -> Store { try Store(queue: DatabaseQueue(configuration: configuration)) }

    private init(queue: DatabaseQueue) throws {
        path = ":memory:"
        try Schema.migrator.migrate(queue)
        writer = queue
    }

    static var configuration: Configuration {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        // GRDB 7 begins every `write` with BEGIN IMMEDIATE: the transaction takes the write lock first, so the
        // re-read at its start is the state it writes over, and a busy writer waits instead of failing.
        return config
    }

    /// Whether this database was made by `oversight demo`.
    public func isDemo() throws -> Bool {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'demo'") == "1" }
    }

    /// A cheap token that changes whenever any process commits a write: every write appends
    /// to the append-only event log in the same transaction, so its last id moves.
    public func changeToken() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0 }
    }
}

/// An exclusive advisory lock held on a side file while the database is opened and migrated.
struct FileLock {
    let fd: Int32

    init(path: String) throws {
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Store.Failure.cannotOpen(path, String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX) == 0 else {
            close(fd)
            throw Store.Failure.cannotOpen(path, String(cString: strerror(errno)))
        }
    }

    func unlock() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
