import Foundation
import OversightTestSupport
import Testing

/// Issue 21's acceptance in the real binary: 环保局's workbench is open on a suggestion whose two months end in 2027,
/// counted provisionally (`剩50天?`); an administrator loads the 2027 notice with `calendar add`; the running
/// workbench shows the re-clocked day, no longer provisional, within a poll, and its history says why.
@Suite struct ClockWorkbenchTests {
    let binary = WorkbenchEndToEndTests.binary
    let today = "2026-12-01"
    let title = "跨年期限工作台测试建议"

    func cli(_ db: String, _ user: String, _ args: [String]) throws -> Subprocess.Result {
        try Subprocess.run([binary] + args + ["--db", db, "--user", user, "--today", today, "--lang", "zh"])
    }

    @Test func aLoadedNoticeReclocksTheDeadlineInARunningWorkbench() throws {
        let db = try WorkbenchEndToEndTests().demoDatabase()
        let made = try CLI.object(try cli(db, "wangjian", [
            "matter", "new", "suggestion", "--to", "hbj", "--title", title, "--domain", "ecology", "--date", "2026-11-20", "--json"]), "new")
        let id = try #require(made["id"] as? Int)
        for step in ["issue", "serve"] {
            let r = try cli(db, "wangjian", ["matter", "act", "\(id)", step, "--date", "2026-11-20"])
            #expect(r.status == 0, "\(step): \(r.err)")
        }

        let t = Tmux()
        try t.start("env OVERSIGHT_DB=\(db) OVERSIGHT_TODAY=\(today) \(binary) --user hbj.li", width: 120, height: 40)
        #expect(try t.waitFor("收件箱").found)
        if try t.waitFor("逾期提醒", timeout: .seconds(3)).found {
            try t.keys("Space")
            #expect(try waitUntil { !(try t.screen()).contains("逾期提醒") })
        }
        try t.keys("/")
        try t.keys("-l", "跨年期限工作台")
        try t.keys("Enter")
        #expect(try t.waitFor("筛选：跨年期限工作台").found)
        let provisional = try t.waitFor("剩50天?")
        #expect(provisional.found, "\(provisional.screen)")

        let notice = (db as NSString).deletingLastPathComponent + "/2027.json"
        try ClockCommandTests.notice.write(toFile: notice, atomically: true, encoding: .utf8)
        let loaded = try cli(db, PeopleFixtures.loginName, ["calendar", "add", notice])
        #expect(loaded.status == 0 && loaded.out.contains("重算"), "\(loaded.out) \(loaded.err)")

        // Within a poll: the new day, four days later, no longer provisional; the history says it was re-clocked.
        let moved = try t.waitFor("剩54天")
        #expect(moved.found, "\(moved.screen)")
        let settled = try waitUntil { let s = try t.screen(); return !s.contains("剩54天?") && s.contains("2027-01-24") }
        #expect(settled, "\(moved.screen)")
        let history = try t.waitFor("期限重算")
        #expect(history.found, "\(history.screen)")
        try t.keys("Escape", "q")
        #expect(try t.waitForExit() == 0)
    }
}
