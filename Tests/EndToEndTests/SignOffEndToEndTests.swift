import Foundation
import OversightTestSupport
import Testing

/// Issue 20's sign-off story through the CLI, as the three sides would run it: a handler's suggestion waits on the
/// procuratorate's head, the department sees it only once approved (with its 签发人), the department's reply is
/// returned once and approved, and the procuratorate sees only the approved reply.
@Suite struct SignOffEndToEndTests {
    var admin: String { PeopleFixtures.loginName }

    @Test func aSuggestionAndItsReplyGoOutOnlyOnTheirHeadsDecisions() throws {
        let cli = try CLI.demo()
        // The demo takes steps without sign-off; its administrator turns on the parties' defaults.
        for org in ["jcy", "hbj"] {
            let set = try cli.run(admin, ["org", "set", org, "--sign-off", "default"], lang: "zh")
            #expect(set.status == 0, "\(set.err)")
        }
        let wrong = try cli.run(admin, ["org", "set", "jcy", "--sign-off", "issue,飞"])
        #expect(wrong.status == 2 && wrong.err.contains("飞"), "\(wrong.err)")
        #expect(try cli.run("wangjian", ["org", "set", "jcy", "--sign-off", "none"]).status == 1)
        let orgs = try CLI.array(try cli.run(admin, ["org", "list", "--json"]), "org list")
        #expect(orgs.first { $0["id"] as? String == "hbj" }?["signOff"] as? [String] == ["reply"])

        let id = try cli.new("wangjian", "suggestion", to: "hbj", title: "关于签发流程的检察建议", domain: "ecology")
        let submitted = try cli.run("wangjian", ["matter", "act", "\(id)", "issue", "--text", "请于两个月内整改"], lang: "zh")
        #expect(submitted.status == 0 && submitted.out.contains("报送负责人审批"), "\(submitted.out)\(submitted.err)")
        // The department sees nothing; the head's queue holds it.
        #expect(try cli.run("hbj.li", ["matter", "show", "\(id)"]).status == 1)
        #expect(try cli.list("hbj.li").allSatisfy { $0["id"] as? Int != id })
        let queue = try CLI.array(try cli.run("zhanghui", ["matter", "list", "--awaiting-me", "--json"]), "awaiting")
        #expect(queue.map { $0["id"] as? Int } == [id] && queue.first?["step"] as? String == "issue")
        #expect(try cli.run("wangjian", ["matter", "approve", "\(id)"]).status == 1)
        #expect(try cli.run("hbj.guo", ["matter", "approve", "\(id)"]).status == 1)

        let approved = try cli.run("zhanghui", ["matter", "approve", "\(id)"], lang: "zh")
        #expect(approved.status == 0 && approved.out.contains("签发人 张慧"), "\(approved.out)\(approved.err)")
        let seen = try cli.run("hbj.li", ["matter", "show", "\(id)"], lang: "zh")
        #expect(seen.status == 0 && seen.out.contains("王建国（签发：张慧）"), "\(seen.out)")
        #expect(try cli.show("hbj.li", id)["state"] as? String == "issued")
        let served = try cli.run("wangjian", ["matter", "act", "\(id)", "serve"])
        #expect(served.status == 0, "\(served.err)")

        // The department's handler replies; its head returns it once with a reason.
        let reply = try cli.run("hbj.li", ["matter", "act", "\(id)", "reply", "--text", "已整改", "--outcome", "adopted"], lang: "zh")
        #expect(reply.status == 0 && reply.out.contains("报送负责人审批"), "\(reply.out)\(reply.err)")
        #expect(try cli.show("wangjian", id)["state"] as? String == "served")
        let returned = try cli.run("hbj.guo", ["matter", "return", "\(id)", "--text", "请附整改照片"], lang: "zh")
        #expect(returned.status == 0, "\(returned.err)")
        let mine = try CLI.array(try cli.run("hbj.li", ["matter", "list", "--awaiting-me", "--json"]), "awaiting")
        #expect(mine.first?["state"] as? String == "returned" && mine.first?["reason"] as? String == "请附整改照片")
        let shownBack = try cli.run("hbj.li", ["matter", "show", "\(id)"], lang: "zh")
        #expect(shownBack.out.contains("已退回") && shownBack.out.contains("请附整改照片"), "\(shownBack.out)")
        let theirs = try cli.run("wangjian", ["matter", "show", "\(id)"], lang: "zh")
        #expect(!theirs.out.contains("请附整改照片") && !theirs.out.contains("已整改"), "\(theirs.out)")

        // Re-submitted and approved: the procuratorate sees only the approved reply.
        let again = try cli.run("hbj.li", ["matter", "act", "\(id)", "reply", "--text", "已整改，附照片", "--outcome", "adopted"])
        #expect(again.status == 0, "\(again.err)")
        #expect(try cli.run("hbj.guo", ["matter", "approve", "\(id)"]).status == 0)
        let events = try #require(try cli.show("wangjian", id)["events"] as? [[String: Any]])
        let replies = events.filter { $0["action"] as? String == "reply" }
        #expect(replies.count == 1 && replies.first?["text"] as? String == "已整改，附照片", "\(replies)")
        #expect(try cli.show("wangjian", id)["state"] as? String == "replied")
        #expect(try cli.run(admin, ["audit", "verify"]).status == 0)
    }
}
