import Foundation
import OversightPostgres
import OversightTestSupport
import Testing

/// `oversight migrate` through the built binary (issue 23): the demo's database moved into the run's PostgreSQL
/// cluster as its administrator, in either language; once; refused to others and for a bad URL with the contract's
/// exit codes.
@Suite(.enabled(if: TestDatabase.available, "no PostgreSQL for this run (scripts/test starts one)"))
struct MigrateCommandTests {
    @Test func theDemoMovesInOnceAsItsAdministrator() throws {
        let cli = try CLI.demo()
        let url = try TestDatabase.fresh("migrate-e2e-demo")
        let to = "postgres://\(url.user)@localhost/\(url.database)" + (url.socketFolder.map { "?host=\($0)" } ?? "")
        let admin = PeopleFixtures.loginName
        let notAdmin = try cli.run("wangjian", ["migrate", cli.db, "--to", to, "--county", "wenshui"])
        #expect(notAdmin.status == 1 && notAdmin.err.contains("not an administrator"), "\(notAdmin.err)")
        let badURL = try cli.run(admin, ["migrate", cli.db, "--to", "mysql://x@h/db", "--county", "wenshui"], lang: "zh")
        #expect(badURL.status == 2 && badURL.err.contains("须以 postgres://"), "\(badURL.err)")
        let wrong = try cli.run(admin, ["migrate", cli.db, "--to", to, "--county", "jiaocheng"])
        #expect(wrong.status == 1 && wrong.err.contains("holds wenshui"), "\(wrong.err)")

        let moved = try cli.run(admin, ["migrate", cli.db, "--to", to, "--county", "wenshui", "--json"])
        #expect(moved.status == 0, "\(moved.err)")
        let done = try CLI.object(moved, "migrate --json")
        let matters = try #require(done["matters"] as? Int), events = try #require(done["events"] as? Int)
        // The source's own check says the same chain.
        let audit = try cli.run(admin, ["audit", "verify", "--json"])
        let verified = try CLI.object(audit, "audit verify")
        #expect(audit.status == 0 && verified["head"] as? String == done["head"] as? String, "\(audit.out)")
        #expect(matters > 30 && events > matters)
        let db = try PostgresSession.open(url)
        defer { db.close() }
        #expect(try db.rows("SELECT count(*)::text FROM event WHERE tenant = 'wenshui'") == [["\(events)"]])

        let again = try cli.run(admin, ["migrate", cli.db, "--to", to, "--county", "wenshui"], lang: "zh")
        #expect(again.status == 1 && again.err.contains("已迁入过"), "\(again.err)")
        #expect(try db.rows("SELECT count(*)::text FROM event WHERE tenant = 'wenshui'") == [["\(events)"]])
    }
}
