import Foundation
import GRDB
import OversightStore

/// Upgrading a county's part of the shared database to this version (`oversight upgrade`, issue 23), as a SQLite
/// file upgrades itself when a newer Oversight opens it: by the same migrations, run by SQLite itself.
///
/// In one transaction, the county's writers kept out by its turn: the part's rows are read into a SQLite file made
/// by this version's migrations up to the last one the part records (what the version that made it made), the rest
/// of the migrations run on that file (their changes of data included) and its audit chain verified; then the part
/// is made again as this version makes it and filled from the file, checked as a move is (counts table by table,
/// the audit chain read back). Any failure leaves the part as it was.
public struct PartUpgrade {
    /// What was done.
    public struct Outcome: Hashable, Sendable {
        public var county: String
        /// The migrations the part lacked, run in order.
        public var applied: [String]
        public var rows: [String: Int]
        public var events: Int
        public var head: String
    }

    /// Why nothing was changed.
    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        case noCounty(String)
        case upToDate(String)
        /// A newer Oversight wrote it (migrations this version does not know).
        case newer(String, [String])
        /// Its migrations are not this version's first ones in order (not a part an earlier version made).
        case notEarlier(String, [String])
        case audit(String)

        public var description: String {
            switch self {
            case .noCounty(let c): return "the shared database holds no county \(c)"
            case .upToDate(let c): return "county \(c)'s part is of this version already: nothing to do"
            case .newer(let c, let m): return "county \(c)'s part was written by a newer Oversight (migrations \(m.joined(separator: ", "))): nothing was changed"
            case .notEarlier(let c, let m): return "county \(c)'s part records migrations \(m.joined(separator: ", ")), not an earlier version's: nothing was changed"
            case .audit(let why): return "the audit chain is broken, nothing was changed: \(why)"
            }
        }
    }

    public let county: String

    public init(county: String) {
        self.county = county
    }

    /// Upgrades the part through `db` (in its own transaction); `scratch`: a private folder for the working file.
    /// `allowed`: asked with the upgraded rows (as this version reads them) before the part is touched; throws to
    /// stop (the person is not an administrator of the county).
    public func run(on db: PostgresSession, scratch: URL, allowed: (Store) throws -> Void = { _ in }) throws -> Outcome {
        try db.transaction {
            try db.takeTurn(county: county)
            guard let applied = try PostgresSchema.applied(county, db) else { throw Refusal.noCounty(county) }
            let known = PostgresSchema.migrations
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty { throw Refusal.newer(county, unknown.sorted()) }
            if applied.count == known.count { throw Refusal.upToDate(county) }
            // An earlier version's part records this version's first migrations, in order.
            guard !applied.isEmpty, Set(known.prefix(applied.count)) == applied else {
                throw Refusal.notEarlier(county, known.filter(applied.contains))
            }
            let last = known[applied.count - 1]
            guard let shape = try StoreShape.at(last) else { throw Refusal.notEarlier(county, [last]) }

            // The part's rows in a file of its version, upgraded there by SQLite.
            let file = scratch.appendingPathComponent("upgrade-\(county).sqlite").path
            Store.removeDatabaseFiles(file)
            defer { Store.removeDatabaseFiles(file) }
            try Store.makeDatabase(at: file, upTo: last)
            try db.execute("SET LOCAL search_path TO \(PostgresSession.identifier(PostgresSchema.schema(county))), public")
            try MovedTables(shape: shape).readBack(from: db, into: file)
            let store = try Store(existing: file)
            let (events, matters, head): (Int, Int, String)
            do {
                switch try store.verifyAudit() {
                case .intact(let e, let m, let h): (events, matters, head) = (e, m, h)
                case .broken(let p): throw Refusal.audit(p.description)
                }
                try allowed(store)
            } catch {
                try? store.checkpointAndClose()
                throw error
            }
            try store.checkpointAndClose()

            // The part made again as this version makes it, from the upgraded rows.
            try db.execute("DROP SCHEMA \(PostgresSession.identifier(PostgresSchema.schema(county))) CASCADE")
            let rows = try CountyMove.fill(county, from: file, audit: (events, matters, head), into: db, scratch: scratch)
            return Outcome(county: county, applied: known.filter { !applied.contains($0) }, rows: rows, events: events, head: head)
        }
    }
}
