import Foundation
import OversightTestSupport
import Testing

/// An invitee answers in its own workbench (issue 20): the binary in tmux, as the second of three departments invited
/// to a joint inspection. The detail lists every invitee's answer; its own answer leaves its 待办, the others'
/// stay pending.
@Suite struct InviteeWorkbenchTests {
    let binary = WorkbenchEndToEndTests.binary

    func cli(_ db: String, _ user: String, _ args: [String]) throws -> Subprocess.Result {
        try Subprocess.run([binary] + args + ["--db", db, "--user", user, "--today", "2026-11-30", "--lang", "en"])
    }

    /// 待办 N in the inbox's title.
    func todo(_ screen: String) -> Int? {
        guard let r = screen.range(of: "待办 ") else { return nil }
        return Int(screen[r.upperBound...].prefix { $0.isNumber })
    }

    @Test func anInviteeAcceptsInItsWorkbenchAndTheMatterLeavesItsToDo() throws {
        let db = try WorkbenchEndToEndTests().demoDatabase()
        let made = try CLI.object(try cli(db, "wangjian", [
            "matter", "new", "joint-inspection", "--to", "hbj", "--to", "zrzyj", "--to", "scjgj",
            "--title", "三方联合检查工作台测试", "--json"]), "matter new")
        let id = try #require(made["id"] as? Int)
        #expect(try cli(db, "wangjian", ["matter", "act", "\(id)", "issue"]).status == 0)

        let t = Tmux()
        try t.start("env OVERSIGHT_DB=\(db) OVERSIGHT_TODAY=2026-11-30 \(binary) --user zrzyj.wu", width: 120, height: 40)
        #expect(try t.waitFor("收件箱").found)
        // The department has an overdue matter in the demo: the entry summary is put away first.
        let summary = try t.waitFor("逾期提醒")
        #expect(summary.found, "\(summary.screen)")
        try t.keys("Space")
        #expect(try waitUntil { !(try t.screen()).contains("逾期提醒") })
        let first = try t.screen()
        let before = try #require(todo(first), "\(first)")
        try t.keys("/")
        try t.keys("-l", "三方联合检查")
        try t.keys("Enter")
        let shown = try t.waitFor("详情 三方联合检查工作台测试")
        #expect(shown.found, "\(shown.screen)")
        let listed = try t.waitFor("受邀单位")
        #expect(listed.found, "\(listed.screen)")
        #expect(listed.screen.components(separatedBy: "待答复").count - 1 == 3, "\(listed.screen)")

        try t.keys(":")
        try t.keys("-l", "accept")
        try t.keys("Enter")
        let answered = try t.waitFor("已接受")
        #expect(answered.found, "\(answered.screen)")
        #expect(try waitUntil { (try t.screen()).components(separatedBy: "待答复").count - 1 == 2 }, "two still pending")
        let now = try t.screen()
        #expect(try waitUntil { todo(try t.screen()) == before - 1 }, "its answer left its 待办: \(now)")
        try t.keys("Escape", "q")
        #expect(try t.waitForExit() == 0)

        // The others' answers are still theirs to give; its own was recorded in its name.
        let m = try CLI.object(try cli(db, "hbj.li", ["matter", "show", "\(id)", "--json"]), "show")
        let answers = (m["invitees"] as? [[String: Any]] ?? []).map { "\($0["org"]!)=\($0["answer"]!)" }
        #expect(answers == ["hbj=pending", "zrzyj=accepted", "scjgj=pending"])
        #expect(m["state"] as? String == "issued")
    }
}
