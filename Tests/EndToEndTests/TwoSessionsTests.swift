import Foundation
import OversightPostgres
import OversightTestSupport
import Testing

/// Two workbenches at once on one database, each in its own tmux: the procuratorate makes, issues and
/// serves a suggestion from the `:` line; the department's running workbench shows it in its 待办 without
/// being asked, and replies; the procuratorate's shows the reply and closes the matter as adopted. On a SQLite
/// file and on a county's part of a shared PostgreSQL database (where the notice of a commit crosses hosts).
@Suite(.serialized) struct TwoSessionsTests {
    let binary = WorkbenchEndToEndTests.binary

    func start(_ db: String, user: String) throws -> Tmux {
        let t = Tmux()
        try t.start("env OVERSIGHT_DB='\(db)' OVERSIGHT_TODAY=2026-11-30 \(binary) --user \(user)", width: 120, height: 40)
        let summary = try t.waitFor("逾期提醒")
        #expect(summary.found, "\(summary.screen)")
        try t.keys("Space")
        #expect(try waitUntil { !(try t.screen()).contains("逾期提醒") })
        return t
    }

    /// Types a `:` command line and presses Enter.
    func command(_ t: Tmux, _ line: String) throws {
        try t.keys(":")
        try t.keys("-l", line)
        try t.keys("Enter")
    }

    func expectShown(_ t: Tmux, _ text: String, timeout: Duration = .seconds(15), _ why: String = "") throws {
        let shown = try t.waitFor(text, timeout: timeout)
        #expect(shown.found, "\(why) waiting for \(text):\n\(shown.screen)")
    }

    /// 待办 N in the inbox's title.
    func todo(_ screen: String) -> Int? {
        guard let r = screen.range(of: "待办 ") else { return nil }
        return Int(screen[r.upperBound...].prefix { $0.isNumber })
    }

    /// The demo dated 2026-11-30 on `engine`, made by the binary: a file, or the county's part of a fresh database.
    static func demo(on engine: Fixtures.Engine, _ name: String) throws -> String {
        switch engine {
        case .sqlite: return try WorkbenchEndToEndTests().demoDatabase()
        case .postgres:
            let url = try TestDatabase.fresh(name)
            let db = "postgres://\(url.user)@localhost/\(url.database)?" + (url.socketFolder.map { "host=\($0)&" } ?? "") + "county=wenshui"
            try Tmux.run([WorkbenchEndToEndTests.binary, "demo", "--no-open", "--db", db, "--today", "2026-11-30"])
            return db
        }
    }

    @Test(arguments: Fixtures.engines)
    func aSuggestionRoundTripBetweenTwoRunningWorkbenches(_ engine: Fixtures.Engine) throws {
        let db = try Self.demo(on: engine, "two-sessions")
        let procuratorate = try start(db, user: "wangjian")
        let department = try start(db, user: "hbj.li")
        let before = try #require(todo(try department.screen()))

        try command(procuratorate, "new suggestion --to hbj --title 两会话往返测试建议 --domain ecology")
        try expectShown(procuratorate, "已新建：两会话往返测试建议")
        try command(procuratorate, "issue")
        try expectShown(procuratorate, "请确认")
        try procuratorate.keys("y")
        try expectShown(procuratorate, "已制发")
        try command(procuratorate, "serve")
        try expectShown(procuratorate, "已送达")

        // The department's open workbench shows it, with its deadline, unasked and soon.
        try expectShown(department, "两会话往返", timeout: .seconds(5), "the department's workbench")
        #expect(try waitUntil(timeout: .seconds(5)) { todo(try department.screen()) == before + 1 }, "待办 grows by one")
        try department.keys("/")
        try department.keys("-l", "两会话往返")
        try expectShown(department, "/两会话往返")
        try department.keys("Enter")
        try expectShown(department, "详情 两会话往返测试建议")
        // Served today: the due date is the legal clock's (two months, rolled past a rest day).
        let deadline = try Subprocess.run([binary, "deadline", "--from", "2026-11-30", "--months", "2", "--json"])
        let due = try #require(try JSONSerialization.jsonObject(with: Data(deadline.out.utf8)) as? [String: Any])["due"] as? String
        try expectShown(department, "期限        \(try #require(due))")
        try command(department, "reply 已按建议完成整改")
        try expectShown(department, "已回复")

        // The procuratorate sees the reply and closes the matter as adopted.
        try expectShown(procuratorate, "其他会话：李明", timeout: .seconds(5), "the procuratorate's workbench")
        try expectShown(procuratorate, "状态        已回复")
        try command(procuratorate, "close adopted")
        try expectShown(procuratorate, "请确认")
        try procuratorate.keys("y")
        try expectShown(procuratorate, "已办结")
        try expectShown(department, "其他会话：王建国", timeout: .seconds(5))

        for t in [procuratorate, department] {
            try t.keys("Escape", "q")
            #expect(try t.waitForExit() == 0)
        }
    }

    /// The shared database stopped while people work, then started again: the running workbenches say it cannot be
    /// reached, a form keeps what is typed and is submitted once it is back, the other workbench goes on by itself,
    /// and nothing written is lost. On a cluster of the test's own (the run's is shared by every test).
    @Test(.enabled(if: TestDatabase.available, "no PostgreSQL for this run (scripts/test starts one)"))
    func aStoppedDatabaseIsSaidAndTheSessionsRecoverByThemselves() throws {
        let script = Fixtures.packageRoot.appendingPathComponent("scripts/pg-cluster").path
        let folder = try Tmux.run([script, "start"]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Tmux.run([script, "stop", folder]) }
        let server = try PostgresURL(try String(contentsOfFile: folder + "/url", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        let db = "postgres://\(server.user)@localhost/postgres?host=\(server.socketFolder ?? "")&county=wenshui"
        try Tmux.run([binary, "demo", "--no-open", "--db", db, "--today", "2026-11-30"])
        let procuratorate = try start(db, user: "wangjian")
        let department = try start(db, user: "hbj.li")

        _ = try Tmux.run([script, "pause", folder])
        try procuratorate.keys("n")
        try expectShown(procuratorate, "新建检察建议")
        try procuratorate.keys("Tab")
        try procuratorate.keys("-l", "hbj")
        try procuratorate.keys("Tab")
        try procuratorate.keys("-l", "停机期间填写的建议")
        try procuratorate.keys("Enter")
        try expectShown(procuratorate, "暂时连不上数据库", "the procuratorate's workbench, writing")
        #expect(try procuratorate.screen().contains("停机期间填写的建议"), "the form keeps what was typed")
        try expectShown(department, "暂时连不上数据库", "the department's workbench, polling")

        _ = try Tmux.run([script, "resume", folder])
        try expectShown(department, "已重新连上数据库", "the department's workbench, by itself")
        try procuratorate.keys("Enter")
        try expectShown(procuratorate, "已新建：停机期间填写的建议")
        try command(procuratorate, "issue")
        try expectShown(procuratorate, "请确认")
        try procuratorate.keys("y")
        try expectShown(procuratorate, "已制发")
        try expectShown(department, "停机期间填", timeout: .seconds(5), "the department's workbench")
        let verified = try Subprocess.run([binary, "--db", db, "--user", "zhanghui", "audit", "verify"])
        #expect(verified.status == 0, "\(verified.out) \(verified.err)")
        for t in [procuratorate, department] {
            try t.keys("Escape", "q")
            #expect(try t.waitForExit() == 0)
        }
    }
}
