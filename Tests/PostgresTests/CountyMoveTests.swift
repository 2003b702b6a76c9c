import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightPostgres
@testable import OversightStore

/// `migrate` (issue 23): a county's SQLite database moved into the shared PostgreSQL one, checked on both sides, once.
@Suite(.serialized, .enabled(if: TestDatabase.available, "no PostgreSQL for this run (scripts/test starts one)"))
struct CountyMoveTests {
    /// A county of its own made as `init` makes one (the standard organisations: the same ids as 文水县's), with a
    /// matter issued in it.
    func otherCounty(_ name: String) throws -> String {
        let dir = try Fixtures.temporaryDirectory(name)
        let path = dir.appendingPathComponent("jiaocheng.sqlite").path
        let store = try Store(path: path)
        try store.initialise(organisations: try Fixtures.demoDataSet().standardOrganisations, admin: "admin", on: Fixtures.today,
                             county: County(id: "jiaocheng", name: "交城县"))
        let admin = try store.viewer("admin")
        try store.add(User(name: "wang", displayName: "王", org: "jcy", role: .head), by: admin, on: Fixtures.today)
        let wang = try store.viewer("wang")
        let context = try Fixtures.context()
        let m = try store.create(NewMatter(kind: .suggestion, title: "交城排污口整治", domain: .ecology, to: "hbj", date: Fixtures.today), by: wang, context: context)
        _ = try store.act(m.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        try store.checkpointAndClose()
        return path
    }

    /// A fresh shared database for the test, the demo's county database (closed: a file to move, `tamper` done to
    /// it first), its audit outcome, and a folder for the move's scratch files.
    struct Setup {
        var db: PostgresSession
        var source: String
        var audit: AuditOutcome
        var scratch: URL
    }

    func setUp(_ name: String, tamper: (Database) throws -> Void = { _ in }) throws -> Setup {
        let db = try PostgresSession.open(try TestDatabase.fresh(name))
        let demo = try Fixtures.demoStore(name: name)
        try demo.writer.write(tamper)
        let audit = try demo.verifyAudit()
        try demo.checkpointAndClose()
        return Setup(db: db, source: demo.path, audit: audit, scratch: try Fixtures.temporaryDirectory(name + "-scratch"))
    }

    @Test func twoCountiesMoveInWithTheirIdsAndChainsAndNeitherTwice() throws {
        let setup = try setUp(#function)
        let (db, demoPath, source, scratch) = (setup.db, setup.source, setup.audit, setup.scratch)
        defer { db.close() }

        let moved = try CountyMove(source: demoPath, county: "wenshui").run(into: db, scratch: scratch)
        guard case .intact(let events, let matters, let head) = source else { Issue.record("the demo's chain: \(source)"); return }
        #expect(moved.events == events && moved.matters == matters && moved.head == head)
        #expect((moved.rows["matter"] ?? 0) == matters && (moved.rows["event"] ?? 0) == events)
        #expect(try db.rows("SELECT count(*)::text FROM county_wenshui.matter") == [["\(matters)"]])
        // The Chinese text as written.
        let title = try Store(existing: demoPath).read { try String.fetchOne($0, sql: "SELECT title FROM matter ORDER BY id LIMIT 1") }
        #expect(try db.rows("SELECT title FROM county_wenshui.matter ORDER BY id LIMIT 1") == [[title]])

        // Another county made by `init`: the same organisation ids, its own ids from 1: beside the first, each its own.
        let other = try otherCounty(#function)
        let second = try CountyMove(source: other, county: "jiaocheng").run(into: db, scratch: scratch)
        #expect(second.matters == 1)
        #expect(try db.rows("SELECT name FROM county_jiaocheng.organisation WHERE id = 'jcy' UNION ALL SELECT name FROM county_wenshui.organisation WHERE id = 'jcy'").count == 2)
        #expect(try db.rows("SELECT count(*)::text FROM county_wenshui.matter") == [["\(matters)"]])
        #expect(try db.rows("SELECT title FROM county_jiaocheng.matter") == [["交城排污口整治"]])

        // Never twice: refused, nothing added.
        #expect(throws: CountyMove.Refusal.self) { try CountyMove(source: demoPath, county: "wenshui").run(into: db, scratch: scratch) }
        #expect(try db.rows("SELECT count(*)::text FROM county_wenshui.matter") == [["\(matters)"]])
        #expect(try db.rows("SELECT county FROM public.oversight_moved ORDER BY county") == [["jiaocheng"], ["wenshui"]])
        // The wrong county id: refused, with what the file holds.
        #expect(throws: CountyMove.Refusal.notACountyOf(county: "fenyang", holds: ["jiaocheng"])) {
            try CountyMove(source: other, county: "fenyang").run(into: db, scratch: scratch)
        }
    }

    /// A moved county opened on the shared database is every user's same inbox: the store on PostgreSQL gives each
    /// person of the demo the same matters in the same order, the same counts, the same details and the same audit
    /// chain as the SQLite file it came from.
    @Test func theMovedCountyGivesEveryoneTheSameInbox() throws {
        let setup = try setUp(#function)
        let (db, path, scratch) = (setup.db, setup.source, setup.scratch)
        _ = try CountyMove(source: path, county: "wenshui").run(into: db, scratch: scratch)
        db.close()
        let source = try Store(existing: path)
        let moved = Store(try PostgresBackend.open(db.url, county: "wenshui"))
        defer { try? moved.checkpointAndClose() }
        #expect(try moved.verifyAudit() == source.verifyAudit())
        let everything = InboxQuery(scope: .all, filter: InboxFilter("", today: Fixtures.today, window: 7))
        var compared = 0
        for user in try source.users() where user.active && user.role != .admin {
            let (a, b) = (try source.viewer(user.name), try moved.viewer(user.name))
            let mine = try source.matters(for: a, includeClosed: true)
            #expect(mine.map(\.id) == (try moved.matters(for: b, includeClosed: true)).map(\.id), "\(user.name)")
            let (was, now) = (try source.inboxSummary(for: a, everything, today: Fixtures.today, window: 7),
                              try moved.inboxSummary(for: b, everything, today: Fixtures.today, window: 7))
            #expect(was == now, "\(user.name): \(was) \(now)")
            for m in mine.prefix(3) {
                let (was, now) = (try source.detail(of: m.id, for: a), try moved.detail(of: m.id, for: b))
                #expect(was?.matter == now?.matter && was?.events == now?.events && was?.links == now?.links, "\(user.name) \(m.id)")
            }
            compared += mine.count
        }
        #expect(compared > 50)
    }

    /// A city's file with its counties moves as one part, named by one of them; its counties stay tenants inside it.
    @Test func aCitysFileMovesAsOnePart() throws {
        let setup = try setUp(#function) { _ in }
        let (db, path, scratch) = (setup.db, setup.source, setup.scratch)
        let source = try Store(existing: path)
        try source.add(County(id: "jiaocheng", name: "交城县"), administrator: "jc.admin", by: try source.viewer("admin"), on: Fixtures.today)
        try source.checkpointAndClose()
        #expect(throws: CountyMove.Refusal.notACountyOf(county: "fenyang", holds: ["jiaocheng", "wenshui"])) {
            try CountyMove(source: path, county: "fenyang").run(into: db, scratch: scratch)
        }
        _ = try CountyMove(source: path, county: "wenshui").run(into: db, scratch: scratch)
        db.close()
        let moved = Store(try PostgresBackend.open(db.url, county: "wenshui"))
        defer { try? moved.checkpointAndClose() }
        #expect(Set(try moved.counties().byID.keys) == ["wenshui", "jiaocheng"])
        #expect(try moved.users(for: try moved.viewer("jc.admin")).map(\.name) == ["jc.admin"])
    }

    @Test func aBrokenChainMovesNothing() throws {
        let setup = try setUp(#function) { sqlite in
            try sqlite.execute(sql: "DROP TRIGGER event_no_update")
            try sqlite.execute(sql: "UPDATE event SET text = '改过' WHERE id = (SELECT MIN(id) FROM event WHERE matter_id IS NOT NULL)")
        }
        let (db, path) = (setup.db, setup.source)
        defer { db.close() }
        #expect(!setup.audit.isIntact)
        #expect(throws: CountyMove.Refusal.self) {
            try CountyMove(source: path, county: "wenshui").run(into: db, scratch: setup.scratch)
        }
        // Refused before anything was written: not even the county's schema.
        #expect(try db.rows("SELECT (to_regclass('county_wenshui.matter') IS NULL AND to_regclass('public.oversight_moved') IS NULL)::text") == [["true"]])
    }
}
