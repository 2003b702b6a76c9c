import Foundation
import GRDB
import OversightDomain

/// The shared database, in GRDB's `AppDatabase` style: built over any database writer (on a WAL file, a
/// `DatabasePool` where `init`/`demo` make it and one connection where a command opens it; an in-memory queue in
/// unit tests), with record structs and operations that keep the
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
        /// No database file at this path (the folders leading to it can be entered).
        case noDatabase(String)
        /// A folder on the way to the database that this process may not enter (no search permission).
        case cannotEnterFolder(folder: String, owner: String, mode: String)
        /// The database file exists but this process may not read it.
        case cannotRead(String, owner: String, mode: String)
        /// The path is there but is not a database file (a folder, a device).
        case notAFile(String)
        /// A write on a database this session may only read; the reason says why.
        case readOnly(String, String)
        /// The database needs a migration and this session may only read it.
        case readOnlyNeedsMigration(String, String)
        /// The database was migrated by a newer Oversight: these migrations are unknown to this one.
        case newerDatabase(String, [String])
        /// A session stopped without finishing (one of -wal and -shm is left) and this one may not repair it.
        case unfinished(String, String, String)

        public var description: String {
            switch self {
            case .unknownUser(let n): return "no user named \"\(n)\": see `oversight user list`, or pass --user NAME"
            case .disabledUser(let n): return "user \"\(n)\" is disabled: ask an administrator"
            case .notADemoDatabase(let p): return "\(p) holds real data, not a demo database: choose another --db for the demo"
            case .cannotOpen(let p, let why): return "cannot open the database \(p): \(why)"
            case .corruptRow(let table, let row, let column, let value):
                return "the database is damaged: table \(table), row \(row), column \(column) holds \"\(value)\", which is not a valid value; restore it from a backup or ask an administrator"
            case .alreadyExists(let p): return "\(p) already holds a database: choose another --db, or keep using this one"
            case .noDatabase(let p):
                return "no database at \(p): create one with `oversight init` (or `oversight demo` for fictional data), or pass --db PATH"
            case .cannotEnterFolder(let folder, let owner, let mode):
                return "cannot enter folder \(folder): permission denied (owned by \(owner), mode \(mode)); ask its owner or an administrator for search (x) permission, or pass --db PATH"
            case .cannotRead(let p, let owner, let mode):
                return "cannot read the database \(p): permission denied (owned by \(owner), mode \(mode)); ask its owner or an administrator for read permission"
            case .notAFile(let p): return "\(p) is not a database file: pass --db with the path of the database file"
            case .readOnly(let p, let why):
                return "the database \(p) is read-only for you (\(why)): nothing was written; ask its owner or an administrator to act, or for write permission"
            case .readOnlyNeedsMigration(let p, let why):
                return "the database \(p) needs an upgrade to this version of Oversight, but it is read-only for you (\(why)): its owner must open it once with this version"
            case .newerDatabase(let p, let unknown):
                return "the database \(p) was written by a newer version of Oversight (migrations \(unknown.joined(separator: ", ")) are unknown to this one): upgrade Oversight; nothing was changed"
            case .unfinished(let p, let left, let why):
                return "the database \(p) was left unfinished by a session that stopped (\(left) remains) and it is read-only for you (\(why)): its owner must open it once"
            }
        }
    }

    let writer: any DatabaseWriter
    /// The file, or ":memory:".
    public let path: String
    /// Why this session may only read the database (the file or its folder is not writable by this process), or
    /// nil when it may write. A write attempted anyway is refused with `Failure.readOnly`.
    public let readOnlyReason: String?
    /// Whether this session may only read (the workbench shows 只读).
    public var isReadOnly: Bool { readOnlyReason != nil }

    /// Opens (creating if needed) and migrates the database at `path`, read-write: for `init` and `demo`, which
    /// make databases. Concurrent openers of a new file are serialized with a lock file, so two first sessions
    /// never race the migration.
    public init(path: String) throws {
        self.path = path
        readOnlyReason = nil
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
            // Checked on one plain connection first: opening a pool may write (GRDB issue 102).
            try Self.refuseNewer(try DatabaseQueue(path: path, configuration: Self.configuration), path)
            let pool = try DatabasePool(path: path, configuration: Self.configuration)
            try Schema.migrator.migrate(pool)
            writer = pool
        } catch let error as DatabaseError {
            throw Failure.cannotOpen(path, error.message ?? error.description)
        }
    }

    /// Opens the database that is at `path` and writes nothing unless it must: it creates no file, takes the lock and
    /// migrates only when a migration is due, and opens read-only (`isReadOnly`) when this process may not write
    /// the file or its folder, leaving no -wal, -shm or .lock file behind. A problem with the path (a folder that
    /// cannot be entered, a file that cannot be read, no file) is a `Failure` that names it.
    public init(existing path: String) throws {
        self.path = path
        let access = try PathCheck.existingDatabase(path)
        readOnlyReason = access.readOnlyReason
        do {
            if let reason = access.readOnlyReason {
                let queue = try Self.readOnlyQueue(path, reason: reason)
                try Self.refuseNewer(queue, path)
                if try queue.read({ db in try !Schema.migrator.hasCompletedMigrations(db) }) {
                    throw Failure.readOnlyNeedsMigration(path, reason)
                }
                writer = queue
            } else {
                // One connection, the file's journal mode as it is (WAL, set when the file was made). Not a
                // DatabasePool: opening one on a file without a -wal writes a table and drops it (GRDB issue 102),
                // and the checkpoint on close changes the file; a session that only reads must leave it as it was.
                let queue = try DatabaseQueue(path: path, configuration: Self.configuration)
                try Self.refuseNewer(queue, path)
                if try queue.read({ db in try !Schema.migrator.hasCompletedMigrations(db) }) {
                    // Upgrading: once, under the lock (another process may be doing it now).
                    let lock = try FileLock(path: path + ".lock")
                    defer { lock.unlock() }
                    try Schema.migrator.migrate(queue)
                }
                writer = queue
            }
        } catch let error as DatabaseError {
            throw Failure.cannotOpen(path, error.message ?? error.description)
        }
    }

    /// A read-only connection that creates no file: with SQLite's -wal and -shm present (a session is open) it
    /// reads through them; with neither (every session closed, so the file holds everything) it reads the file as
    /// immutable, since SQLite could not make them here or would leave them behind owned by this user.
    private static func readOnlyQueue(_ path: String, reason: String) throws -> DatabaseQueue {
        var config = configuration
        config.readonly = true
        let fm = FileManager.default
        let wal = fm.fileExists(atPath: path + "-wal"), shm = fm.fileExists(atPath: path + "-shm")
        if wal && shm { return try DatabaseQueue(path: path, configuration: config) }
        if wal || shm {
            throw Failure.unfinished(path, wal ? path + "-wal" : path + "-shm", reason)
        }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let uri = "file:" + (URL(fileURLWithPath: path).path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
        return try DatabaseQueue(path: uri, configuration: config)
    }

    /// A database written by a newer Oversight (a migration this build does not know) is not touched.
    private static func refuseNewer(_ reader: any DatabaseReader, _ path: String) throws {
        let (superseded, applied) = try reader.read { db in
            (try Schema.migrator.hasBeenSuperseded(db), try Schema.migrator.appliedIdentifiers(db))
        }
        if superseded {
            let known = Set(Schema.migrator.migrations)
            throw Failure.newerDatabase(path, applied.subtracting(known).sorted())
        }
    }

    /// A private database in memory, migrated: for unit tests.
    public static func inMemory() throws -> Store { try Store(queue: DatabaseQueue(configuration: configuration)) }

    private init(queue: DatabaseQueue) throws {
        path = ":memory:"
        readOnlyReason = nil
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

    /// Refuses (`Failure.readOnly`, saying why) when this session may only read: for commands that are about to write.
    public func requireWritable() throws {
        if let readOnlyReason { throw Failure.readOnly(path, readOnlyReason) }
    }

    /// Runs `updates` in a write transaction, or refuses when this session may only read.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try requireWritable()
        let turn = try writeTurn()
        defer { turn?.unlock() }
        return try writer.write(updates)
    }

    /// Writers take turns on the database's side lock file before they begin: the kernel hands the lock on the moment
    /// it is free. (SQLite's busy timeout alone lets a waiting writer sleep up to 100 ms between tries, so with many
    /// writers a few waited seconds while others passed.) The lock is the one opening and migrating take, so a write
    /// also waits for a migration in another process. Nil for a database in memory.
    func writeTurn() throws -> FileLock? {
        path == ":memory:" ? nil : try FileLock(path: path + ".lock")
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

/// What this process may do with an existing database file, found before SQLite touches it, so a problem is named
/// as what it is (a folder that cannot be entered is not "no database").
enum PathCheck {
    struct Access {
        /// nil when the file and its folder are writable.
        var readOnlyReason: String?
    }

    static func existingDatabase(_ path: String) throws -> Access {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let folder = (absolute as NSString).deletingLastPathComponent
        // Every folder on the way must be searchable; the first that is not is the problem.
        var walked = ""
        for component in folder.split(separator: "/") {
            walked += "/" + component
            var st = stat()
            if stat(walked, &st) != 0 {
                if errno == ENOENT || errno == ENOTDIR { throw Store.Failure.noDatabase(path) }
                throw Store.Failure.cannotOpen(path, "\(walked): \(String(cString: strerror(errno)))")
            }
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw Store.Failure.noDatabase(path) }
            if access(walked, X_OK) != 0 {
                throw Store.Failure.cannotEnterFolder(folder: walked, owner: owner(st.st_uid), mode: mode(st.st_mode))
            }
        }
        var st = stat()
        guard stat(absolute, &st) == 0 else {
            if errno == ENOENT { throw Store.Failure.noDatabase(path) }
            throw Store.Failure.cannotOpen(path, String(cString: strerror(errno)))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw Store.Failure.notAFile(path) }
        guard access(absolute, R_OK) == 0 else {
            throw Store.Failure.cannotRead(path, owner: owner(st.st_uid), mode: mode(st.st_mode))
        }
        let me = owner(getuid())
        if access(absolute, W_OK) != 0 {
            return Access(readOnlyReason: "the file is owned by \(owner(st.st_uid)) with mode \(mode(st.st_mode)): user \(me) cannot write it")
        }
        if access(folder, W_OK) != 0 {
            var fs = stat()
            _ = stat(folder, &fs)
            return Access(readOnlyReason: "its folder \(folder) is owned by \(owner(fs.st_uid)) with mode \(mode(fs.st_mode)): user \(me) cannot write there")
        }
        for suffix in ["-wal", "-shm"] {
            var side = stat()
            if stat(absolute + suffix, &side) == 0, access(absolute + suffix, W_OK) != 0 {
                return Access(readOnlyReason: "\(absolute + suffix) is owned by \(owner(side.st_uid)) with mode \(mode(side.st_mode)): user \(me) cannot write it")
            }
        }
        return Access(readOnlyReason: nil)
    }

    static func owner(_ uid: uid_t) -> String {
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    static func mode(_ m: mode_t) -> String { "0" + String(m & 0o7777, radix: 8) }
}
