import Foundation
import GRDB
import GRDBSQLite
import OversightDomain
import Synchronization

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
        /// The user's organisation was disabled by an administrator: its people cannot log in.
        case disabledOrganisation(user: String, org: String)
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
        case readOnly(String, ReadOnlyReason)
        /// The database needs a migration and this session may only read it.
        case readOnlyNeedsMigration(String, ReadOnlyReason)
        /// The database was migrated by a newer Oversight: these migrations are unknown to this one.
        case newerDatabase(String, [String])
        /// A session stopped without finishing (one of -wal and -shm is left) and this one may not repair it.
        case unfinished(String, String, ReadOnlyReason)
        /// The file is there but empty (zero bytes, or SQLite with no tables): only `init` and `demo` make a database.
        case notADatabaseYet(String)
        /// The file is not SQLite at all (a text file, random bytes), or SQLite that Oversight did not make.
        case notOversightDatabase(String)
        /// The database lacks or has altered what its migrations made (or its pages are unreadable).
        case damaged(String, [Damage])
        /// The disk (or the file's quota) is full: the write was not saved, the database is as it was.
        case diskFull(String)
        /// The operating system could not read or write the file (an I/O error).
        case diskError(String)
        /// Another session held the database longer than the busy timeout.
        case busy(String)
        /// A shared database (PostgreSQL) that cannot be reached now: stopped, restarting or cut off. Nothing of the
        /// step was saved; the session tries again by itself.
        case unavailable(String)
        /// Any other failure of the database, by SQLite's primary result code: nothing was saved.
        case databaseFailed(String, code: Int32)
        /// The backup's target (not the database) is the problem.
        case backupTarget(String, BackupTargetProblem)

        public var description: String {
            switch self {
            case .unknownUser(let n): return "no user named \"\(n)\": see `oversight user list`, or pass --user NAME"
            case .disabledUser(let n): return "user \"\(n)\" is disabled: ask an administrator"
            case .disabledOrganisation(let n, let o):
                return "user \"\(n)\" belongs to \(o), which is disabled: its people cannot log in; ask an administrator"
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
            case .notADatabaseYet(let p): return "\(p) is not a database yet: run `oversight init` (or `oversight demo`), or pass --db PATH"
            case .notOversightDatabase(let p): return "\(p) is not an Oversight database: pass --db with the path of the database file"
            case .damaged(let p, let what):
                return "the database \(p) is damaged: \(what.map(\.description).joined(separator: "; ")); restore it from a backup"
            case .diskFull(let p): return "the disk of \(p) is full: this step was not saved; ask the administrator to free space, then try again"
            case .diskError(let p): return "the disk could not read or write \(p) (an I/O error): ask the administrator to check the disk"
            case .busy(let p): return "the database \(p) is busy with another session's long work: try again in a moment"
            case .unavailable(let p): return "the database \(p) cannot be reached now: nothing was saved; what you typed is kept, and the session connects again by itself"
            case .databaseFailed(let p, let code): return "the database \(p) failed (code \(code)): nothing was saved; ask the administrator"
            case .backupTarget(let p, let why): return "cannot write the backup \(p): \(why)"
            }
        }
    }

    /// Why a session may only read the database (a `Presenter` words it for people).
    public enum ReadOnlyReason: Hashable, Sendable, CustomStringConvertible {
        case fileNotWritable(owner: String, mode: String, user: String)
        case folderNotWritable(folder: String, owner: String, mode: String, user: String)
        /// SQLite's -wal or -shm file beside the database.
        case sideFileNotWritable(file: String, owner: String, mode: String, user: String)
        /// The disk was full when the session opened the database.
        case diskFull
        /// SQLite itself refused to write the file.
        case refusedBySQLite

        public var description: String {
            switch self {
            case .fileNotWritable(let owner, let mode, let user):
                return "the file is owned by \(owner) with mode \(mode): user \(user) cannot write it"
            case .folderNotWritable(let folder, let owner, let mode, let user):
                return "its folder \(folder) is owned by \(owner) with mode \(mode): user \(user) cannot write there"
            case .sideFileNotWritable(let file, let owner, let mode, let user):
                return "\(file) is owned by \(owner) with mode \(mode): user \(user) cannot write it"
            case .diskFull: return "the disk is full"
            case .refusedBySQLite: return "SQLite may not write the file"
            }
        }
    }

    /// What is wrong with a damaged database, table by table (a `Presenter` words it for people).
    public enum Damage: Hashable, Sendable, CustomStringConvertible {
        case missingTable(String)
        /// `table` is nil when SQLite named only the column.
        case missingColumn(table: String?, column: String)
        /// The column is there with another type, nullability or key than its migration made, or is one no migration made.
        case alteredColumn(table: String, column: String)
        /// SQLite found the file's pages malformed (or no database any more).
        case unreadable

        public var description: String {
            switch self {
            case .missingTable(let t): return "the table \(t) is missing"
            case .missingColumn(let t?, let c): return "the table \(t) lacks its column \(c)"
            case .missingColumn(nil, let c): return "the column \(c) is missing"
            case .alteredColumn(let t, let c): return "the column \(c) of the table \(t) has been altered"
            case .unreadable: return "its pages cannot be read"
            }
        }
    }

    /// Why a backup's target cannot be written.
    public enum BackupTargetProblem: Hashable, Sendable, CustomStringConvertible {
        case exists
        case noFolder(String)
        case notWritable(folder: String, owner: String, mode: String)
        case diskFull
        /// SQLite could not write the copy there (an I/O error, no permission).
        case cannotWrite
        case other(String)

        public var description: String {
            switch self {
            case .exists: return "it already exists: a backup never overwrites; choose a new file name"
            case .noFolder(let f): return "there is no folder \(f): create it, or choose another place"
            case .notWritable(let f, let owner, let mode): return "the folder \(f) is not writable for you (owned by \(owner), mode \(mode)): choose another place"
            case .diskFull: return "the disk there is full: free space or choose another place; no backup was written"
            case .cannotWrite: return "the file could not be written there: choose another place; no backup was written"
            case .other(let why): return why
            }
        }
    }

    /// `error` from any store call as a `Failure` worded for people: a GRDB error that escaped becomes what it means
    /// (a full disk, damage, a busy database), never SQL. Nil for errors that are not the database's
    /// (a refusal, a file outside the database).
    public static func failure(for error: any Error, path: String) -> Failure? {
        if let f = error as? Failure { return f }
        guard let e = error as? DatabaseError else { return nil }
        let message = e.message ?? ""
        switch e.resultCode {
        case .SQLITE_FULL: return .diskFull(path)
        case .SQLITE_IOERR: return .diskError(path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(path, [.unreadable])
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path)
        case .SQLITE_READONLY: return .readOnly(path, .refusedBySQLite)
        case .SQLITE_CANTOPEN: return .cannotOpen(path, "SQLite cannot open the file")
        case .SQLITE_ERROR:
            if let t = message.after("no such table: ") { return .damaged(path, [.missingTable(t.unqualified)]) }
            if let c = message.after("no such column: ") { return .damaged(path, [.missingColumn(table: nil, column: c.unqualified)]) }
            if let rest = message.after("table "), let r = rest.range(of: " has no column named ") {
                return .damaged(path, [.missingColumn(table: String(rest[..<r.lowerBound]), column: String(rest[r.upperBound...]))])
            }
            return .databaseFailed(path, code: e.resultCode.rawValue)
        default: return .databaseFailed(path, code: e.resultCode.rawValue)
        }
    }

    /// What the store's SQL runs on: SQLite through GRDB (the default), or another engine (PostgreSQL, issue 23).
    enum Backend: Sendable {
        case sqlite(any DatabaseWriter)
        case other(any SQLBackend)
    }

    let backend: Backend

    /// The SQLite database, for what only SQLite has (its WAL, backups, a batch's pragmas); a store on another engine
    /// goes around every such use (`other`).
    var writer: any DatabaseWriter {
        guard case .sqlite(let writer) = backend else { preconditionFailure("SQLite only: \(path)") }
        return writer
    }

    /// The other engine beneath the store; nil on SQLite.
    var other: (any SQLBackend)? {
        if case .other(let other) = backend { return other }
        return nil
    }

    /// The file, or ":memory:" (or the PostgreSQL database, its password left out).
    public let path: String
    /// Why this session may only read the database (the file or its folder is not writable by this process), or
    /// nil when it may write. A write attempted anyway is refused with `Failure.readOnly`.
    public let readOnlyReason: ReadOnlyReason?
    /// Whether this session may only read (the workbench shows 只读).
    public var isReadOnly: Bool { readOnlyReason != nil }
    /// Whether it may only read because the disk was full when it opened: a write is refused as `diskFull`.
    let diskWasFull: Bool
    /// The frames in the WAL as this session's last commit left them (`watchWAL`): when to checkpoint.
    let walFrames: WALFrames

    /// Opens (creating if needed) and migrates the database at `path`, read-write: for `init` and `demo`, which
    /// make databases. Concurrent openers of a new file are serialized with a lock file, so two first sessions
    /// never race the migration.
    public init(path: String) throws {
        self.path = path
        readOnlyReason = nil
        diskWasFull = false
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
            let frames = WALFrames()
            Self.watchWAL(pool, frames)
            try Schema.migrator.migrate(pool)
            backend = .sqlite(pool)
            walFrames = frames
        } catch let error as DatabaseError {
            throw Self.failure(for: error, path: path) ?? Failure.cannotOpen(path, error.message ?? "")
        }
    }

    /// Opens the database that is at `path` and writes nothing unless it must: it creates no file, takes the lock and
    /// migrates only when a migration is due, and opens read-only (`isReadOnly`) when this process may not write
    /// the file or its folder, leaving no -wal, -shm or .lock file behind. A problem with the path (a folder that
    /// cannot be entered, a file that cannot be read, no file) is a `Failure` that names it; so is a file that is
    /// not a database yet (empty), not Oversight's (not SQLite, or another program's), or damaged (`SchemaCheck`:
    /// a table or column of the migrations' missing or altered), and none of them is changed. On a
    /// full disk, where SQLite cannot make the -shm a reader needs, the file is read as it is and writes are `diskFull`.
    public init(existing path: String) throws {
        self.path = path
        let access = try PathCheck.existingDatabase(path)
        var reason = access.readOnlyReason
        var full = false
        let frames = WALFrames()
        do {
            if let reason {
                backend = .sqlite(try Self.openReadOnly(path, reason: reason))
            } else {
                do {
                    let queue = try Self.openWritable(path)
                    Self.watchWAL(queue, frames)
                    backend = .sqlite(queue)
                } catch let error as DatabaseError where PathCheck.diskIsFull(path) && error.resultCode != .SQLITE_CORRUPT {
                    // On a full disk SQLite cannot make the -shm file a reader needs (its first read fails with an I/O
                    // error): the file holds everything when no -wal is left, so it is read as it is, and a write is
                    // refused as the disk being full.
                    PathCheck.removeSideFilesMadeBy(path, before: access)
                    guard !access.hadWAL else { throw error }
                    reason = .diskFull
                    full = true
                    backend = .sqlite(try Self.openReadOnly(path, reason: .diskFull))
                }
            }
        } catch let error as DatabaseError {
            throw Self.failure(for: error, path: path) ?? Failure.cannotOpen(path, error.message ?? "")
        }
        readOnlyReason = reason
        diskWasFull = full
        walFrames = frames
    }

    /// A writable file, on one connection, the file's journal mode as it is (WAL, set when the file was made). Not a
    /// DatabasePool: opening one on a file without a -wal writes a table and drops it (GRDB issue 102), and the
    /// checkpoint on close changes the file; a session that only reads must leave it as it was. Checked (an
    /// Oversight database, not newer, intact) before and after an upgrade, which is done once, under the lock.
    private static func openWritable(_ path: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: path, configuration: Self.configuration)
        try queue.read { db in try SchemaCheck.identify(db, path) }
        try Self.refuseNewer(queue, path)
        if try queue.read({ db in try !Schema.migrator.hasCompletedMigrations(db) }) {
            let lock = try FileLock(path: path + ".lock")
            defer { lock.unlock() }
            try Schema.migrator.migrate(queue)
        }
        try queue.read { db in try SchemaCheck.requireIntact(db, path) }
        return queue
    }

    private static func openReadOnly(_ path: String, reason: ReadOnlyReason) throws -> DatabaseQueue {
        let queue = try Self.readOnlyQueue(path, reason: reason)
        try queue.read { db in try SchemaCheck.identify(db, path) }
        try Self.refuseNewer(queue, path)
        if try queue.read({ db in try !Schema.migrator.hasCompletedMigrations(db) }) {
            throw Failure.readOnlyNeedsMigration(path, reason)
        }
        try queue.read { db in try SchemaCheck.requireIntact(db, path) }
        return queue
    }

    /// A read-only connection that creates no file: with SQLite's -wal and -shm present (a session is open) it
    /// reads through them; with neither (every session closed, so the file holds everything) it reads the file as
    /// immutable, since SQLite could not make them here or would leave them behind owned by this user.
    private static func readOnlyQueue(_ path: String, reason: ReadOnlyReason) throws -> DatabaseQueue {
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

    /// Makes a new database file at `path` by this version's migrations up to `migration` only: what the version that
    /// stopped there made, for that version's rows to be written into and the rest of the migrations then run by
    /// `Store(existing:)` (the upgrade of a shared database's part, `OversightPostgres`). The file must not exist.
    public static func makeDatabase(at path: String, upTo migration: String) throws {
        guard Schema.migrator.migrations.contains(migration) else { throw Failure.cannotOpen(path, "no migration \(migration)") }
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure.cannotOpen(path, "the file is there already") }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try Schema.migrator.migrate(queue, upTo: migration)
        try queue.close()
    }

    /// A private database in memory, migrated: for unit tests.
    public static func inMemory() throws -> Store { try Store(queue: DatabaseQueue(configuration: configuration)) }

    /// A store on another engine (PostgreSQL: `OversightPostgres`), whose schema that engine has made and checked.
    public init(_ other: any SQLBackend) {
        path = other.name
        readOnlyReason = nil
        diskWasFull = false
        walFrames = WALFrames()
        backend = .other(other)
    }

    private init(queue: DatabaseQueue) throws {
        path = ":memory:"
        readOnlyReason = nil
        diskWasFull = false
        walFrames = WALFrames()  // no WAL in memory: its hook is never called
        try Schema.migrator.migrate(queue)
        backend = .sqlite(queue)
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
        if diskWasFull { throw Failure.diskFull(path) }
        if let readOnlyReason { throw Failure.readOnly(path, readOnlyReason) }
    }

    /// Runs `body` in a read transaction: one moment of the database, whatever others write meanwhile (WAL).
    ///
    /// Not GRDB's `read` on a queue: it brackets the read with `PRAGMA query_only = 1` and `= 0`, and SQLite expires
    /// every prepared statement of the connection when a flag pragma runs, so each read prepared every cached
    /// statement again (callgrind: a third of a move's instructions went to `sqlite3Reprepare`). The queue's reads
    /// are a deferred transaction instead (what `read` would begin); a pool's readers, read-only connections, need
    /// no pragma and are read as GRDB reads them. No read of the store writes.
    func read<T>(_ body: (StoreConnection) throws -> T) throws -> T {
        if let other { return try other.read(body) }
        guard let queue = writer as? DatabaseQueue else { return try writer.read { db in try body(StoreConnection(db)) } }
        return try queue.inDatabase { db in
            var value: T?
            try db.inTransaction(.deferred) {
                value = try body(StoreConnection(db))
                return .commit
            }
            return value!
        }
    }

    /// Runs `updates` in a write transaction, or refuses when this session may only read. A full disk is
    /// `Failure.diskFull` (the transaction is rolled back: nothing of it is saved).
    func write<T>(_ updates: (StoreConnection) throws -> T) throws -> T {
        try requireWritable()
        if let other { return try other.write(updates) }
        // Declared before the turn's, so it runs after the turn is released (`checkpointIfDue`).
        defer { checkpointIfDue() }
        let turn = try writeTurn()
        defer { turn?.unlock() }
        do {
            return try writer.write { db in try updates(StoreConnection(db)) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw Failure.diskFull(path)
        }
    }

    /// Writers take turns on the database's side lock file before they begin: the kernel hands the lock on the moment
    /// it is free. (SQLite's busy timeout alone lets a waiting writer sleep up to 100 ms between tries, so with many
    /// writers a few waited seconds while others passed.) The lock is the one opening and migrating take, so a write
    /// also waits for a migration in another process. Nil for a database in memory.
    func writeTurn() throws -> FileLock? {
        path == ":memory:" ? nil : try FileLock(path: path + ".lock")
    }

    /// A checkpoint is due once the WAL holds this many frames (pages written): SQLite's own automatic threshold,
    /// 1000 pages of 4 KiB.
    static let checkpointFrames: Int32 = 1000

    /// Copies the WAL's pages back into the database file (a passive checkpoint) when the last commit left at least
    /// `checkpointFrames` in it: after a write's turn is released, never under it. SQLite's automatic checkpoint ran
    /// inside the commit that crossed its threshold, while the writer still held the turn, so every writer queued
    /// behind waited for a few megabytes to be copied and the file synced (the write p99 of issue 22); here the
    /// others go on writing meanwhile (a passive checkpoint takes no write lock and waits for no one). Nothing is
    /// thrown: the write has committed, and a checkpoint that could not run (another session's under way: busy)
    /// is tried again after a later write.
    func checkpointIfDue() {
        // Most writes leave the WAL short: looked at without a turn on the writer's queue.
        guard other == nil, path != ":memory:", readOnlyReason == nil, walFrames.count.load(ordering: .relaxed) >= Self.checkpointFrames else { return }
        writer.writeWithoutTransaction { db in Self.checkpointIfDue(db, walFrames) }
    }

    /// `checkpointIfDue` on the writer's connection `db`, outside a transaction and the turn (a batch between chunks).
    static func checkpointIfDue(_ db: Database, _ frames: WALFrames) {
        guard frames.count.load(ordering: .relaxed) >= checkpointFrames, !db.isInsideTransaction else { return }
        frames.count.store(0, ordering: .relaxed)
        _ = try? db.checkpoint(.passive)
    }

    /// Has SQLite tell `frames` how many frames the WAL holds after each commit of the writer's connection. A WAL
    /// hook replaces SQLite's automatic checkpoint (`sqlite3_wal_autocheckpoint` is itself one), so this connection
    /// no longer checkpoints inside its commits: `checkpointIfDue` does after the turn. Only a commit calls the hook,
    /// and only the store's own writer commits on that connection, which the store owns with `frames`.
    static func watchWAL(_ writer: any DatabaseWriter, _ frames: WALFrames) {
        writer.writeWithoutTransaction { db in
            _ = sqlite3_wal_hook(db.sqliteConnection, { context, _, _, count in
                if let context { Unmanaged<WALFrames>.fromOpaque(context).takeUnretainedValue().count.store(count, ordering: .relaxed) }
                return SQLITE_OK
            }, Unmanaged.passUnretained(frames).toOpaque())
        }
    }

    /// Writes everything into the database file itself (a checkpoint that empties the -wal) and closes it: the file is
    /// then complete on its own, to be renamed or copied. The store must not be used afterwards.
    public func checkpointAndClose() throws {
        if let other { return other.close() }
        try writer.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        if let pool = writer as? DatabasePool { try pool.close() } else if let queue = writer as? DatabaseQueue { try queue.close() }
    }

    /// Whether `oversight demo` may replace the file at `path`: an empty file, or a database that a demo made. A file
    /// that cannot be read as one (real data, another program's, not a database) is not replaced. Writes nothing.
    public static func mayBeReplacedByADemo(_ path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
        if st.st_size == 0 { return true }
        guard PathCheck.hasSQLiteHeader(path) else { return false }
        var config = configuration
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return false }
        defer { try? queue.close() }
        return (try? queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'demo'") == "1" }) ?? false
    }

    /// Why `init` may not make a database at `path`: nil when there is no file or an empty one (which it makes private,
    /// 0600), else the file holds a database already (`alreadyExists`) or is not SQLite (`notOversightDatabase`).
    public static func problemForANewDatabase(at path: String) -> Failure? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .notAFile(path) }
        if st.st_size == 0 && !FileManager.default.fileExists(atPath: path + "-wal") {
            chmod(path, 0o600)
            return nil
        }
        return PathCheck.hasSQLiteHeader(path) ? .alreadyExists(path) : .notOversightDatabase(path)
    }

    /// Removes a database file and its -wal, -shm and .lock files, those that are there.
    public static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] { unlink(path + suffix) }
    }

    /// Puts the complete, closed database `built` at `path` in one rename, over what was there: the old file's -wal and
    /// -shm go first (SQLite would apply an old -wal to the new file).
    public static func replace(_ path: String, with built: String) throws {
        for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
        guard rename(built, path) == 0 else { throw Failure.cannotOpen(path, String(cString: strerror(errno))) }
        for suffix in ["-wal", "-shm", ".lock"] { unlink(built + suffix) }
    }

    /// Whether this database was made by `oversight demo`.
    public func isDemo() throws -> Bool {
        try read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = 'demo'")) == "1" }
    }

    /// A number that moves whenever another connection commits to the database (SQLite's `data_version`), read
    /// without a transaction: what a session polls first, so a poll that finds nobody wrote since reads nothing
    /// else. This connection's own commits do not move it (the session knows of those). Nil where it cannot say: a
    /// pool reads on several connections, each with its own count.
    public func othersCommitMark() throws -> Int64? {
        if let other { return try other.othersCommitMark() }
        guard let queue = writer as? DatabaseQueue else { return nil }
        return try queue.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) }
    }

    /// Lets `othersCommitMark` stay put for others' commits that cannot concern organisation `org`'s people (on an
    /// engine that can tell, PostgreSQL; SQLite's mark moves for every commit): a session watches its viewer's.
    public func watchChanges(of org: OrgID) {
        other?.watch(org: org)
    }

    /// A cheap token that changes whenever any process commits a write: every write appends
    /// to the append-only event log in the same transaction, so its last id moves.
    public func changeToken() throws -> Int64 {
        try read { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) FROM event")) ?? 0 }
    }
}

/// The frames in a store's WAL after its writer's last commit, as SQLite's WAL hook tells them (`Store.watchWAL`).
/// Written in the writer connection's commits and by `Store.checkpointIfDue`, which first looks at it after the turn.
final class WALFrames: Sendable {
    /// Set by the WAL hook in each commit of the writer's connection, read after the turn (atomic: the first look is
    /// taken off the writer's queue).
    let count = Atomic<Int32>(0)
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
        var readOnlyReason: Store.ReadOnlyReason?
        /// Whether SQLite's -wal and -shm were there before this process opened the file.
        var hadWAL = false
        var hadSHM = false
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
        var wal = stat()
        let hadWAL = stat(absolute + "-wal", &wal) == 0
        // Named before SQLite sees the file, so nothing is written into it: an empty file (and no -wal holding a
        // database) is no database yet; a file that does not begin as SQLite's do is not one of Oversight's.
        if st.st_size == 0 && (!hadWAL || wal.st_size == 0) { throw Store.Failure.notADatabaseYet(path) }
        if st.st_size > 0 && !hasSQLiteHeader(absolute) { throw Store.Failure.notOversightDatabase(path) }
        var result = Access(readOnlyReason: nil, hadWAL: hadWAL, hadSHM: access(absolute + "-shm", F_OK) == 0)
        let me = owner(getuid())
        if access(absolute, W_OK) != 0 {
            result.readOnlyReason = .fileNotWritable(owner: owner(st.st_uid), mode: mode(st.st_mode), user: me)
            return result
        }
        if access(folder, W_OK) != 0 {
            var fs = stat()
            _ = stat(folder, &fs)
            result.readOnlyReason = .folderNotWritable(folder: folder, owner: owner(fs.st_uid), mode: mode(fs.st_mode), user: me)
            return result
        }
        for suffix in ["-wal", "-shm"] {
            var side = stat()
            if stat(absolute + suffix, &side) == 0, access(absolute + suffix, W_OK) != 0 {
                result.readOnlyReason = .sideFileNotWritable(file: absolute + suffix, owner: owner(side.st_uid), mode: mode(side.st_mode), user: me)
                return result
            }
        }
        return result
    }

    /// Whether the file begins with SQLite's 16-byte header string.
    static func hasSQLiteHeader(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }  // unreadable: SQLite says why
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        return head == Data("SQLite format 3\u{0}".utf8)
    }

    /// Whether the file system holding `path` has (almost) no room left for this process.
    static func diskIsFull(_ path: String) -> Bool {
        var fs = statvfs()
        let folder = (URL(fileURLWithPath: path).standardizedFileURL.path as NSString).deletingLastPathComponent
        guard statvfs(folder, &fs) == 0 else { return false }
        return UInt64(fs.f_bavail) * UInt64(fs.f_frsize) < 64 * 1024
    }

    /// Removes the -wal and -shm files that a failed open made (they were not there before it): an open that
    /// could not finish leaves nothing behind.
    static func removeSideFilesMadeBy(_ path: String, before: Access) {
        if !before.hadWAL { unlink(path + "-wal") }
        if !before.hadSHM { unlink(path + "-shm") }
    }

    static func owner(_ uid: uid_t) -> String {
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    static func mode(_ m: mode_t) -> String { "0" + String(m & 0o7777, radix: 8) }
}
