import Foundation
import GRDB
import GRDBSQLite
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// A session's reads keep their prepared statements (issue 22): SQLite expires every prepared statement of a
/// connection when a flag pragma runs, and GRDB's `read` on a queue brackets each read with `PRAGMA query_only`,
/// so a session prepared its statements anew on every read (a third of a move's instructions). The store's reads
/// run without it; what a move reads (the detail) is then prepared once.
@Suite struct PreparedReadTests {
    @Test func aMovesReadsPrepareNothingTheSecondTime() throws {
        let path = try Fixtures.demoStore().path
        let store = try Store(existing: path)  // as a session opens it: one connection
        let viewer = try store.viewer("wangjian")
        let ids = try store.inbox(for: viewer, InboxQuery(scope: .all, filter: .everything)).prefix(6).map(\.id)
        try #require(ids.count == 6)
        // What the workbench reads for the detail on a move, matter after matter.
        func detail(_ id: MatterID) throws {
            let events = try store.events(of: id, for: viewer)
            _ = try store.matter(id, for: viewer)
            _ = try store.openSubmissions(of: id, for: viewer)
            _ = try store.displayNames(of: events)
            _ = try store.links(of: id, for: viewer)
            _ = try store.approvals(of: id, for: viewer)
            _ = try store.changeToken()
            _ = try store.clockToken()
        }
        for id in ids { try detail(id) }
        let before = try reprepared(store)
        for id in ids.reversed() { try detail(id) }
        let after = try reprepared(store)
        #expect(after == before, "statements prepared again: \(after - before)")
    }

    /// The statements of the store's connection prepared again (SQLite's own counter, summed).
    private func reprepared(_ store: Store) throws -> Int32 {
        try store.read { db in
            var n: Int32 = 0
            var statement = sqlite3_next_stmt(db.sqlite!.sqliteConnection, nil)
            while let s = statement {
                n += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_REPREPARE, 0)
                statement = sqlite3_next_stmt(db.sqlite!.sqliteConnection, s)
            }
            return n
        }
    }
}
