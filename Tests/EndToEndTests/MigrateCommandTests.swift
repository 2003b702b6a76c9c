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
        #expect(try db.rows("SELECT count(*)::text FROM county_wenshui.event") == [["\(events)"]])

        let again = try cli.run(admin, ["migrate", cli.db, "--to", to, "--county", "wenshui"], lang: "zh")
        #expect(again.status == 1 && again.err.contains("已迁入过"), "\(again.err)")
        #expect(try db.rows("SELECT count(*)::text FROM county_wenshui.event") == [["\(events)"]])

        // The moved county, opened by every command on the shared database: the same chain, and each person the same
        // matters, figures and alerts as on the file it came from.
        let shared = CLI(db: to + (to.contains("?") ? "&" : "?") + "county=wenshui")
        let there = try CLI.object(try shared.run(admin, ["audit", "verify", "--json"]), "audit verify on PostgreSQL")
        #expect(there["head"] as? String == done["head"] as? String, "\(there)")
        for user in ["wangjian", "zhaomin", "hbj.li", "chenjie"] {
            for args in [["matter", "list", "--all", "--json"], ["report", "--json"], ["alerts"], ["matter", "show", "14"]] {
                let (a, b) = (try cli.run(user, args), try shared.run(user, args))
                #expect(a.status == b.status && a.out == b.out, "\(user) \(args): \(a.err) \(b.err)")
            }
        }
    }

    /// The workflow on the shared database through the binary: a suggestion issued by the procuratorate reaches the
    /// department, whose reply comes back; another county's part of the same database holds none of it.
    @Test func aSuggestionGoesBothWaysOnTheSharedDatabase() throws {
        let url = try TestDatabase.fresh("shared-e2e-flow")
        let base = "postgres://\(url.user)@localhost/\(url.database)" + (url.socketFolder.map { "?host=\($0)&" } ?? "?")
        let made = try CLI.raw(["demo", "--no-open", "--db", base + "county=wenshui", "--today", CLI.today])
        #expect(made.status == 0, "\(made.err)")
        let other = try CLI.raw(["init", "--db", base + "county=jiaocheng", "--admin", "admin", "--today", CLI.today])
        #expect(other.status == 0, "\(other.err)")
        let wenshui = CLI(db: base + "county=wenshui"), jiaocheng = CLI(db: base + "county=jiaocheng")
        let id = try wenshui.new("wangjian", "suggestion", to: "hbj", title: "关于共享数据库的检察建议", domain: "ecology")
        for step in [["issue"], ["serve"]] {
            let r = try wenshui.run("wangjian", ["matter", "act", String(id)] + step)
            #expect(r.status == 0, "\(step): \(r.err)")
        }
        let seen = try wenshui.run("hbj.li", ["matter", "list", "--json"])
        #expect(seen.out.contains("关于共享数据库的检察建议"), "\(seen.out)")
        let reply = try wenshui.run("hbj.li", ["matter", "act", String(id), "reply", "--text", "已整改完毕"])
        #expect(reply.status == 0, "\(reply.err)")
        let back = try wenshui.run("wangjian", ["matter", "show", String(id), "--json"])
        #expect(back.out.contains("已整改完毕") && back.out.contains("\"state\" : \"replied\""), "\(back.out)")
        // Another county's part: its own organisations, none of this matter.
        let there = try jiaocheng.run("admin", ["matter", "list", "--all", "--json"])
        #expect(there.status == 0 && !there.out.contains("共享数据库"), "\(there.out) \(there.err)")
        let verified = try wenshui.run("zhanghui", ["audit", "verify"])
        #expect(verified.status == 0, "\(verified.out) \(verified.err)")
    }
}
