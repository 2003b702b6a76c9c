import GRDB
import OversightDomain

/// Many creates and steps through the one write path (`Store.create`/`Store.act` inside a transaction, each event
/// appended by `EventRecord.inserted`, which extends the audit chain), written in a few large transactions instead
/// of one each. Each operation runs in its own savepoint, so a refused one writes nothing and the caller may go on;
/// every `commitEvery` operations the transaction commits and a new one begins, so other sessions wait at most
/// one chunk. Only `Store.batch` makes one, and it is valid only inside that call.
public final class StoreBatch {
    /// The SQLite connection, whose transaction commits every `commitEvery` operations; nil on another engine, where
    /// the batch is one transaction.
    fileprivate let db: Database?
    /// The connection as the store's operations take it.
    fileprivate let connection: StoreConnection
    fileprivate let store: Store
    /// This writer's turn on the database (`Store.writeTurn`), taken again for each chunk.
    fileprivate var turn: FileLock?
    fileprivate let commitEvery: Int
    /// Operations in the open transaction.
    fileprivate var pending = 0
    /// Operations written so far (committed or in the open transaction).
    public private(set) var operations = 0

    fileprivate init(db: Database?, connection: StoreConnection, store: Store, turn: FileLock?, commitEvery: Int) {
        self.db = db
        self.connection = connection
        self.store = store
        self.turn = turn
        self.commitEvery = max(1, commitEvery)
    }

    /// `Store.create` as one operation of the batch.
    @discardableResult
    public func create(_ new: NewMatter, by viewer: Viewer, context: WorkflowContext) throws -> Matter {
        try run { db in try Store.create(new, by: viewer, context: context, db) }
    }

    /// `Store.act` as one operation of the batch.
    @discardableResult
    public func act(
        _ id: MatterID, _ action: MatterAction, input: ActionInput, by viewer: Viewer, expecting version: Int? = nil,
        context: WorkflowContext
    ) throws -> Matter {
        try run { db in try Store.act(id, action, input: input, by: viewer, expecting: version, context: context, db) }
    }

    /// Seeding inside the store (organisations and people of a generated data set) in the same transactions.
    func raw<T>(_ body: (StoreConnection) throws -> T) throws -> T { try run(body) }

    private func run<T>(_ body: (StoreConnection) throws -> T) throws -> T {
        var result: T?
        try connection.inSavepoint {
            result = try body(connection)
            return .commit
        }
        operations += 1
        pending += 1
        if db == nil, pending >= commitEvery, let other = store.other {
            // Another engine's chunk: committed, and the turn taken again for the next.
            try other.commitAndBegin()
            pending = 0
        }
        if let db, pending >= commitEvery {
            try db.commit()
            // Other writers take their turn between chunks; the WAL the chunks fill is checkpointed outside it.
            turn?.unlock()
            Store.checkpointIfDue(db, store.walFrames)
            turn = try store.writeTurn()
            try db.beginTransaction(.immediate)
            pending = 0
        }
        return result!
    }
}

extension Store {
    /// A batch's page cache, as `PRAGMA cache_size` gives it (negative: KiB): 64 MiB.
    static let batchCacheSize = -65_536

    /// Runs `body`'s creates and steps through the one write path in transactions of at most `commitEvery`
    /// operations (refused when this session may only read). An error thrown out of `body` rolls back the
    /// operations since the last commit; the chunks committed before stay.
    public func batch<T>(commitEvery: Int = 2_000, _ body: (StoreBatch) throws -> T) throws -> T {
        try requireWritable()
        if let other {
            return try other.write { connection in
                try body(StoreBatch(db: nil, connection: connection, store: self, turn: nil, commitEvery: commitEvery))
            }
        }
        // After the last chunk's turn is released, as after a write's.
        defer { checkpointIfDue() }
        return try writer.writeWithoutTransaction { db in
            // A chunk's pages stay in memory until it commits instead of spilling to the WAL mid-transaction, and the
            // indexes every write reads stay cached between chunks.
            let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = \(Self.batchCacheSize)")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
            // Each operation's savepoint journals the pages it changes that the chunk had changed before: in memory,
            // not in a temporary file written a page at a time once it passes 64 KiB (`withSavepointsInMemory`).
            return try Self.withSavepointsInMemory(db) {
                let batch = StoreBatch(db: db, connection: StoreConnection(db), store: self, turn: try writeTurn(), commitEvery: commitEvery)
                defer { batch.turn?.unlock() }
                try db.beginTransaction(.immediate)
                do {
                    let result = try body(batch)
                    try db.commit()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        }
    }

    /// Runs `body` (which begins its own transactions) with the connection's temporary storage in memory: SQLite keeps a
    /// savepoint's journal of the pages it changes there, and spills it to a temporary file past 64 KiB otherwise —
    /// every savepoint of a long transaction (a batch's operation, an import's matter) did, two writes a page. Set
    /// outside a transaction, where SQLite reads it; the setting before is restored afterwards.
    static func withSavepointsInMemory<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let before = try temporaryStorageInMemory(db)
        defer { try? temporaryStorage(before, db) }
        return try body()
    }

    /// Puts the connection's temporary storage in memory (outside a transaction); returns the setting it had.
    static func temporaryStorageInMemory(_ db: Database) throws -> Int {
        let before = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
        try temporaryStorage(2, db)
        return before
    }

    /// Sets the connection's temporary storage (`PRAGMA temp_store`: 0 default, 1 file, 2 memory).
    static func temporaryStorage(_ setting: Int, _ db: Database) throws {
        try db.execute(sql: "PRAGMA temp_store = \(setting)")
    }
}
