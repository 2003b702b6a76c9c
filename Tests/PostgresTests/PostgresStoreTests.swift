import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightPostgres
@testable import OversightStore

/// The store's SQL as PostgreSQL reads it (issue 23): each translation, on its own.
struct PostgresDialectTests {
    let dialect = PostgresDialect(keys: ["setting": ["key"], "draft": ["user_name", "target", "field"]], rowIDTables: ["matter", "event"])

    func sql(_ text: String) throws -> String { try dialect.translate(text).sql }

    @Test func parametersAreNumberedAndNamesKeepTheirNumber() throws {
        let t = try dialect.translate("SELECT * FROM matter WHERE id = :id AND (from_org = ? OR to_org = :org OR title = '?:x' OR \"a?\" = :id) LIMIT ?")
        #expect(t.sql == "SELECT * FROM matter WHERE id = $1 AND (from_org = $2 OR to_org = $3 OR title = '?:x' OR \"a?\" = $1) LIMIT $4")
        #expect(t.parameters == [.name("id"), .position(0), .name("org"), .position(1)])
        #expect(try sql("SELECT 'it''s ?' || ?") == "SELECT 'it''s ?' || $1")
        #expect(try sql("SELECT 1 -- a comment?\n, ?") == "SELECT 1 -- a comment?\n, $1")
        // Asked only whether it is NULL, a parameter is read as text (PostgreSQL cannot tell its type from its place).
        #expect(try sql("SELECT 1 WHERE (? IS NULL OR action = ?)") == "SELECT 1 WHERE ($1::text IS NULL OR action = $2)")
        // Several statements in one text, each with its share of the parameters.
        #expect(PostgresDialect.statements("DELETE FROM a WHERE x = ?; INSERT INTO b VALUES (?, ?, ';');")
                .map { "\($0.sql)|\($0.positional)" } == ["DELETE FROM a WHERE x = ?|1", " INSERT INTO b VALUES (?, ?, ';')|2"])
    }

    @Test func sqlitesWordsBecomePostgreSQLs() throws {
        #expect(try sql("INSERT OR IGNORE INTO matter_reader (matter_id, user_name) VALUES (?, ?)")
                .hasSuffix("VALUES ($1, $2) ON CONFLICT DO NOTHING"))
        #expect(try sql("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)")
                .hasSuffix("ON CONFLICT (\"key\") DO UPDATE SET \"value\" = EXCLUDED.\"value\""))
        #expect(try sql("SELECT max(a, b), max(c), min(d, 1), ifnull(e, ''), instr(t, ?) FROM x")
                == "SELECT greatest(a, b), max(c), least(d, 1), coalesce(e, ''), strpos(t, $1) FROM x")
        #expect(try sql("SELECT group_concat(org_id, char(31)) FROM matter_copy") == "SELECT string_agg(org_id, chr(31) ORDER BY org_id) FROM matter_copy")
        #expect(try sql("SELECT 1 WHERE a IS ? AND b IS NOT ? AND c IS NULL AND d IS NOT NULL")
                == "SELECT 1 WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM  $2 AND c IS NULL AND d IS NOT NULL")
        #expect(try sql("SELECT * FROM inbox_entry e CROSS JOIN matter m ON m.id = e.matter_id WHERE m.title LIKE ?")
                == "SELECT * FROM inbox_entry e INNER JOIN matter m ON m.id = e.matter_id WHERE m.title ILIKE $1")
        // An insert into a table whose id the database gives returns it.
        let insert = try dialect.translate("INSERT INTO matter (id, title) VALUES (?, ?)")
        #expect(insert.returnsRowID && insert.sql.hasSuffix(" RETURNING id"))
        #expect(!(try dialect.translate("INSERT INTO setting (key, value) VALUES (?, ?)")).returnsRowID)
    }

    /// SQLite's CHECK constraints as PostgreSQL's: GLOB as an anchored regular expression, date() as a cast,
    /// json_valid as a cast to json.
    @Test func aTablesChecksAreReadAsPostgreSQLs() throws {
        let checks = try dialect.checks(ofTable: """
            CREATE TABLE t (a TEXT CHECK (a GLOB 'SHA256:*'), d TEXT CHECK (d GLOB '[0-9][0-9]-?.x' AND date(d) = d),
                j TEXT NOT NULL CHECK (json_valid(j)), CHECK ((a = 'x') = (d IS NULL)))
            """)
        #expect(checks == ["(a ~ '^SHA256:.*$')", "(d ~ '^[0-9][0-9]-.\\.x$' AND (d)::date::text = d)",
                           "((j)::json IS NOT NULL)", "((a = 'x') = (d IS NULL))"])
    }

    @Test func whatPostgreSQLHasNoWordForIsRefused() {
        #expect(throws: PostgresDialect.Problem.self) { try sql("PRAGMA data_version") }
        #expect(throws: PostgresDialect.Problem.self) { try sql("SELECT 1 WHERE x GLOB ?") }
        #expect(throws: PostgresDialect.Problem.self) { try sql("INSERT OR REPLACE INTO nowhere (a) VALUES (?)") }
    }
}

/// The store on a county's part of the shared database, through its own interface.
/// A statement's arguments as the engine reads them off GRDB's value: by its layout, checked against reflection,
/// for every shape the store passes (none, positional, named, both; text, numbers, blobs, NULL).
@Suite struct StatementArgumentsTests {
    @Test func theLayoutReadGivesWhatReflectionGives() {
        #expect(PostgresEngine.layoutAgrees, "GRDB lays its arguments out otherwise now: reflection is used (slower)")
        var both: StatementArguments = ["汾河\u{0}", 42, -1.5, Data([0, 0xFF]), nil]
        both += ["org": "hbj", "head": false, "person": nil]
        for arguments: StatementArguments in [[], [1], ["a": "b"], both, StatementArguments(Array(repeating: 7, count: 500))] {
            let (p, n) = PostgresEngine.values(arguments), (rp, rn) = PostgresEngine.byReflection(arguments)
            #expect(p == rp && n == rn, "\(arguments)")
        }
        #expect(PostgresEngine.values(both).0.count == 5 && PostgresEngine.values(both).1["org"] == "hbj".databaseValue)
    }
}

@Suite(.serialized, .enabled(if: TestDatabase.available, "no PostgreSQL for this run (scripts/test starts one)"))
struct PostgresStoreTests {
    /// Two sessions of one county, as on two SSH hosts: a suggestion issued in one is heard in the other at its commit
    /// (LISTEN/NOTIFY) and is in the department's inbox there; a session's own commits are not "others'".
    @Test func aCommitInOneSessionIsHeardInAnotherWithinTwoSeconds() throws {
        let url = try TestDatabase.fresh("pg-store-notices")
        let a = Store(try PostgresBackend.create(url, county: "wenshui"))
        try a.seedDemo(try Fixtures.demoDataSet(), today: Fixtures.today, clock: try Fixtures.clock(), admin: "admin")
        let b = Store(try PostgresBackend.open(url, county: "wenshui"))
        defer { try? a.checkpointAndClose(); try? b.checkpointAndClose() }
        let (mine, theirs) = (try a.othersCommitMark(), try b.othersCommitMark())
        let wang = try a.viewer("wangjian"), li = try b.viewer("hbj.li")
        let context = try Fixtures.context()
        let m = try a.create(NewMatter(kind: .suggestion, title: "两台主机之间的检察建议", domain: .ecology, to: "hbj", date: Fixtures.today),
                             by: wang, context: context)
        _ = try a.act(m.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        #expect(waitUntil(timeout: .seconds(2)) { (try? b.othersCommitMark()) != theirs }, "the other session heard nothing")
        #expect(try a.othersCommitMark() == mine, "a session's own commits moved its mark")
        #expect(try b.matters(for: li, includeClosed: true).contains { $0.id == m.id && $0.state == .issued })
        #expect(try a.verifyAudit().isIntact)
    }

    /// A session hears the commits that concern its organisation's people and not the others' (a county has some
    /// twenty organisations: every commit waking every session kept a city's server busy with polls that found
    /// nothing). Notices come in commit order, so once a later one is heard every earlier one has been.
    @Test func aSessionHearsWhatConcernsItsOrganisationAndWhatConcernsEveryone() throws {
        let url = try TestDatabase.fresh("pg-store-org-notices")
        let a = Store(try PostgresBackend.create(url, county: "wenshui"))
        try a.seedDemo(try Fixtures.demoDataSet(), today: Fixtures.today, clock: try Fixtures.clock(), admin: "admin")
        let addressee = Store(try PostgresBackend.open(url, county: "wenshui"))
        let bystander = Store(try PostgresBackend.open(url, county: "wenshui"))
        let unwatched = Store(try PostgresBackend.open(url, county: "wenshui"))
        defer { for s in [a, addressee, bystander, unwatched] { try? s.checkpointAndClose() } }
        addressee.watchChanges(of: "hbj")
        bystander.watchChanges(of: "wlj")
        func marks() throws -> [Int64?] { try [addressee, bystander, unwatched].map { try $0.othersCommitMark() } }
        let before = try marks()
        let wang = try a.viewer("wangjian")
        let context = try Fixtures.context()
        let m = try a.create(NewMatter(kind: .suggestion, title: "只惊动相关单位的建议", domain: .ecology, to: "hbj", date: Fixtures.today),
                             by: wang, context: context)
        _ = try a.act(m.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        // What concerns everyone: a refused login (an event of no matter).
        #expect(throws: (any Error).self) { try a.login("nobody", on: Fixtures.today) }
        let heardAll = waitUntil(timeout: .seconds(3)) {
            guard let now = try? marks() else { return false }
            return zip(now, before).allSatisfy { ($0 ?? 0) > ($1 ?? 0) }
        }
        #expect(heardAll, "every session heard the refused login")
        let after = try marks()
        #expect((after[0] ?? 0) - (before[0] ?? 0) >= 2, "the addressee heard the suggestion and the login")
        #expect((after[1] ?? 0) - (before[1] ?? 0) == 1, "the bystander heard the login alone")
        #expect((after[2] ?? 0) - (before[2] ?? 0) >= 2, "a session that watches nothing hears every commit")
        #expect(try addressee.matters(for: try addressee.viewer("hbj.li")).contains { $0.id == m.id })
    }

    /// Writers of one county take turns (the advisory lock): sessions writing at once lose nothing, and the chain
    /// holds every step in order.
    @Test func writersInSeveralSessionsLoseNothing() throws {
        let url = try TestDatabase.fresh("pg-store-writers")
        let first = Store(try PostgresBackend.create(url, county: "wenshui"))
        try first.seedDemo(try Fixtures.demoDataSet(), today: Fixtures.today, clock: try Fixtures.clock(), admin: "admin")
        let wang = try first.viewer("wangjian")
        let context = try Fixtures.context()
        let m = try first.create(NewMatter(kind: .suggestion, title: "并发写入", domain: .ecology, to: "hbj", date: Fixtures.today),
                                 by: wang, context: context)
        let before = try first.events(of: m.id, for: wang).count
        try first.checkpointAndClose()
        let sessions = 4, notes = 10
        DispatchQueue.concurrentPerform(iterations: sessions) { s in
            guard let store = try? Store(PostgresBackend.open(url, county: "wenshui")) else { return }
            defer { try? store.checkpointAndClose() }
            for n in 0..<notes {
                _ = try? store.act(m.id, .note, input: ActionInput(date: Fixtures.today, text: "会话\(s)第\(n)条"), by: wang, context: context)
            }
        }
        let store = Store(try PostgresBackend.open(url, county: "wenshui"))
        defer { try? store.checkpointAndClose() }
        #expect(try store.events(of: m.id, for: wang).count == before + sessions * notes)
        #expect(try store.verifyAudit().isIntact)
    }

    /// A county the database does not hold, and a URL naming none, are said as such; nothing is made.
    @Test func aCountyThatIsNotThereIsSaid() throws {
        let url = try TestDatabase.fresh("pg-store-missing")
        #expect(throws: PostgresBackend.Problem.unknownCounty("fenyang", url)) { _ = try PostgresBackend.open(url, county: "fenyang") }
        #expect(throws: PostgresBackend.Problem.noCounty(url)) { _ = try PostgresBackend.open(url) }
        let made = try PostgresBackend.create(url, county: "fenyang")
        made.close()
        #expect(throws: PostgresBackend.Problem.exists("fenyang")) { _ = try PostgresBackend.create(url, county: "fenyang") }
    }
}
