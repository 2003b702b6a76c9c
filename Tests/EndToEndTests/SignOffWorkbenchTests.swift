import Foundation
import OversightTestSupport
import Testing

/// Issue 20's sign-off acceptance in two workbenches: the real binary in two tmux sessions on one file. A handler's
/// suggestion waits in the head's 待审批 while the department's workbench shows nothing of it; the head approves it
/// with `A` (confirmed), and the department's workbench, polling, shows it issued, signed by the head.
@Suite struct SignOffWorkbenchTests {
    let binary = WorkbenchEndToEndTests.binary
    let title = "签发工作台测试建议"

    func cli(_ db: String, _ user: String, _ args: [String]) throws -> Subprocess.Result {
        try Subprocess.run([binary] + args + ["--db", db, "--user", user, "--today", "2026-11-30", "--lang", "zh"])
    }

    func workbench(_ db: String, _ user: String, width: Int = 80, height: Int = 24) throws -> Tmux {
        let t = Tmux()
        try t.start("env OVERSIGHT_DB=\(db) OVERSIGHT_TODAY=2026-11-30 \(binary) --user \(user)", width: width, height: height)
        #expect(try t.waitFor("收件箱").found)
        if try t.waitFor("逾期提醒", timeout: .seconds(3)).found {
            try t.keys("Space")
            #expect(try waitUntil { !(try t.screen()).contains("逾期提醒") })
        }
        return t
    }

    /// 王建国's suggestion to 环保局 (its id).
    func suggestion(_ db: String) throws -> Int {
        let made = try CLI.object(try cli(db, "wangjian", [
            "matter", "new", "suggestion", "--to", "hbj", "--title", title, "--domain", "ecology", "--json"]), "matter new")
        return try #require(made["id"] as? Int)
    }

    /// The inbox of `t` filtered to the test's matter.
    func filter(_ t: Tmux) throws {
        try t.keys("/")
        try t.keys("-l", "签发工作台")
        try t.keys("Enter")
        #expect(try t.waitFor("筛选：签发工作台").found)
    }

    @Test func theHeadApprovesInItsWorkbenchAndTheDepartmentsWorkbenchThenShowsItIssued() throws {
        let db = try WorkbenchEndToEndTests().demoDatabase()
        #expect(try cli(db, PeopleFixtures.loginName, ["org", "set", "jcy", "--sign-off", "default"]).status == 0)
        let id = try suggestion(db)
        let submitted = try cli(db, "wangjian", ["matter", "act", "\(id)", "issue"])
        #expect(submitted.status == 0 && submitted.out.contains("报送负责人审批"), "\(submitted.out)")

        // (Tall enough for the detail's history.)
        let department = try workbench(db, "hbj.li", width: 120, height: 40)
        try filter(department)
        #expect(!(try department.screen()).contains(title), "the department sees nothing of a submission")

        let head = try workbench(db, "zhanghui")
        let waiting = try head.waitFor("待审批 1")
        #expect(waiting.found, "\(waiting.screen)")
        #expect(waiting.screen.contains("制发·王建国 #\(id)"), "\(waiting.screen)")
        try head.keys("g")
        #expect(try head.waitFor("详情 签发工作台测试").found)
        try head.keys("A")
        #expect(try head.waitFor("请确认").found)
        try head.keys("y")
        let approved = try head.waitFor("已批准制发")
        #expect(approved.found, "\(approved.screen)")
        #expect(try waitUntil { !(try head.screen()).contains("待审批 1") })

        // The department's workbench, polling, shows it issued, with its document number.
        let issued = try department.waitFor(title)
        #expect(issued.found, "\(issued.screen)")
        #expect(try department.waitFor("文检行建〔2026〕").found)
        // Its history names the handler who took the step and the head who signed it.
        let signed = try department.waitFor("王建国（签发：张慧）")
        #expect(signed.found, "\(signed.screen)")
        let m = try CLI.object(try cli(db, "hbj.li", ["matter", "show", "\(id)", "--json"]), "show")
        #expect(m["state"] as? String == "issued")

        for t in [head, department] {
            try t.keys("Escape", "q")
            #expect(try t.waitForExit() == 0)
        }
    }

    /// The reply's side in two workbenches: the department's head returns the reply once with a reason in its own
    /// workbench, the handler's workbench shows it back with the reason, and the procuratorate's workbench shows no
    /// reply until the head approves the second.
    @Test func theDepartmentsHeadReturnsTheReplyInItsWorkbenchAndTheProcuratorateSeesOnlyTheApprovedOne() throws {
        let db = try WorkbenchEndToEndTests().demoDatabase()
        #expect(try cli(db, PeopleFixtures.loginName, ["org", "set", "hbj", "--sign-off", "default"]).status == 0)
        let id = try suggestion(db)
        for step in ["issue", "serve"] { #expect(try cli(db, "wangjian", ["matter", "act", "\(id)", step]).status == 0) }
        let reply = try cli(db, "hbj.li", ["matter", "act", "\(id)", "reply", "--text", "已整改", "--outcome", "adopted"])
        #expect(reply.status == 0 && reply.out.contains("报送负责人审批"), "\(reply.out)\(reply.err)")

        let procuratorate = try workbench(db, "wangjian", width: 120, height: 40)
        try filter(procuratorate)
        #expect(try procuratorate.waitFor("详情 签发工作台测试").found)

        let head = try workbench(db, "hbj.guo")
        #expect(try head.waitFor("待审批 1").found)
        try head.keys("g")
        #expect(try head.waitFor("详情 签发工作台测试").found)
        try head.keys(":")
        try head.keys("-l", "return 请附整改照片")
        try head.keys("Enter")
        let returned = try head.waitFor("退回承办人")
        #expect(returned.found, "\(returned.screen)")

        let handler = try workbench(db, "hbj.li", width: 120, height: 40)
        let back = try handler.waitFor("退回·回复", "请附整改照")
        #expect(back.found, "\(back.screen)")
        #expect(!(try procuratorate.screen()).contains("已整改"), "nothing of the reply reaches the procuratorate")

        let again = try cli(db, "hbj.li", ["matter", "act", "\(id)", "reply", "--text", "已整改附照片", "--outcome", "adopted"])
        #expect(again.status == 0, "\(again.err)")
        #expect(try head.waitFor("待审批 1").found)
        try head.keys("g")
        try head.keys("A")
        let approved = try head.waitFor("已批准")
        #expect(approved.found, "\(approved.screen)")
        // The procuratorate's workbench, polling, hears of the reply as its handler's step.
        let seen = try procuratorate.waitFor("李明 回复")
        #expect(seen.found, "\(seen.screen)")
        #expect(try waitUntil { (try procuratorate.screen()).contains("已回复") }, "the state shown is replied")
        #expect(!seen.screen.contains("请附整改照片"), "the return stays the department's: \(seen.screen)")

        for t in [head, handler, procuratorate] {
            try t.keys("Escape", "q")
            #expect(try t.waitForExit() == 0)
        }
    }
}
