import Foundation
import GRDB
import OversightDomain

/// The shared database: one SQLite file in WAL mode, opened by every session's process.
///
/// Every read that returns matters takes the reader (`Viewer`) and filters by the access
/// policy in SQL, so no caller can see what its user may not.
public final class Store: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownUser(String)
        case disabledUser(String)
        case notADemoDatabase(String)
        case cannotOpen(String, String)

        public var description: String {
            switch self {
            case .unknownUser(let n): return "no user named \"\(n)\": see `oversight user list`, or pass --user NAME"
            case .disabledUser(let n): return "user \"\(n)\" is disabled: ask an administrator"
            case .notADemoDatabase(let p): return "\(p) holds real data, not a demo database: choose another --db for the demo"
            case .cannotOpen(let p, let why): return "cannot open the database \(p): \(why)"
            }
        }
    }

    let pool: DatabasePool
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
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        let lock = try FileLock(path: path + ".lock")
        defer { lock.unlock() }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw Failure.cannotOpen(path, error.message ?? error.description)
        }
    }

    /// Whether this database was made by `oversight demo`.
    public func isDemo() throws -> Bool {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'demo'") == "1" }
    }

    /// A cheap token that changes whenever any process commits a write: every write appends
    /// to the append-only event log in the same transaction, so its last id moves.
    public func changeToken() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0 }
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
