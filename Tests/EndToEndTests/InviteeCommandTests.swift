import Foundation
import OversightTestSupport
import Testing

/// Several invited bodies (issue 20, Arts. 5, 6), through the built binary: a joint inspection `--to` three
/// departments; each answers in its own name, in turn; the state follows all the answers; each has the matter among
/// the steps it may take only while its own answer is pending; the findings open a suggestion linked back.
@Suite struct InviteeCommandTests {
    static let invitees = [("hbj", "hbj.li"), ("zrzyj", "zrzyj.wu"), ("scjgj", "scjgj.ren")]

    /// `matter actions ID --json` as `user`: whether `action` is allowed now, and why not.
    static func allowed(_ cli: CLI, _ user: String, _ id: Int, _ action: String) throws -> (Bool, String?) {
        let items = try CLI.array(try cli.run(user, ["matter", "actions", "\(id)", "--json"]), "\(user): matter actions")
        let item = try #require(items.first { $0["action"] as? String == action }, "\(items)")
        return (item["allowed"] as? Bool ?? false, item["reason"] as? String)
    }

    static func answers(_ m: [String: Any]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ((m["invitees"] as? [[String: Any]]) ?? []).map { ($0["org"] as! String, $0["answer"] as! String) })
    }

    @Test func threeInviteesAnswerInTurnTheStateFollowsAndTheFindingsOpenASuggestion() throws {
        let cli = try CLI.demo()
        let id = try cli.new("wangjian", "joint-inspection", to: "hbj", title: "汾河沿岸联合执法检查", domain: "other",
                             extra: ["--to", "zrzyj", "--to", "scjgj"])
        var m = try cli.show("wangjian", id)
        #expect(m["to"] as? String == "hbj", "the first invitee is the addressee (the CSV's 收文单位)")
        #expect(Self.answers(m) == ["hbj": "pending", "zrzyj": "pending", "scjgj": "pending"])
        // A draft is its sender's: no invitee sees it yet.
        for (_, user) in Self.invitees { #expect(!(try cli.visibleIDs(user)).contains(id), "\(user)") }
        try cli.step("wangjian", id, "issue", ["--scheduled", "2025-10-15"])
        for (_, user) in Self.invitees {
            #expect(try cli.visibleIDs(user).contains(id), "\(user) sees it as an addressee does")
            #expect(try Self.allowed(cli, user, id, "accept").0, "\(user): its answer is to do")
        }
        #expect(!(try cli.visibleIDs("zhaomin")).contains(id), "the justice bureau is not invited")

        // The first accepts: still issued, two to answer; its own answer is done.
        try cli.step("hbj.li", id, "accept", ["--text", "李明、张伟"])
        m = try cli.show("wangjian", id)
        #expect(m["state"] as? String == "issued")
        #expect(Self.answers(m) == ["hbj": "accepted", "zrzyj": "pending", "scjgj": "pending"])
        let (again, why) = try Self.allowed(cli, "hbj.li", id, "accept")
        #expect(!again && (why ?? "").contains("already answered"), "\(why ?? "")")
        #expect(try Self.allowed(cli, "zrzyj.wu", id, "accept").0)
        // Not twice, and nobody answers for another: the sender may not accept, a second answer is refused.
        let twice = try cli.act("hbj.li", id, "decline", ["--text", "改变主意"])
        #expect(twice.status == 1, "\(twice.err)")
        let forAnother = try cli.act("wangjian", id, "accept")
        #expect(forAnother.status == 1, "\(forAnother.err)")
        #expect(Self.answers(try cli.show("wangjian", id))["hbj"] == "accepted")

        // The second declines, with its reasons: still issued.
        try cli.step("zrzyj.wu", id, "decline", ["--text", "当日另有专项执法任务"])
        m = try cli.show("scjgj.ren", id)
        #expect(m["state"] as? String == "issued")
        #expect(m["outcome"] is NSNull, "one decline closes nothing: \(m["outcome"] ?? "")")
        // The third accepts: every invitee answered and two accepted, so the inspection is under way.
        try cli.step("scjgj.ren", id, "accept")
        m = try cli.show("wangjian", id)
        #expect(m["state"] as? String == "in-progress")
        #expect(Self.answers(m) == ["hbj": "accepted", "zrzyj": "declined", "scjgj": "accepted"])
        let hbj = try #require((m["invitees"] as? [[String: Any]])?.first { $0["org"] as? String == "hbj" })
        #expect(hbj["answeredBy"] as? String == "hbj.li")
        #expect(hbj["answeredOn"] as? String == CLI.today)
        // Each answer is an event of its organisation's person.
        let events = try #require(m["events"] as? [[String: Any]])
        #expect(events.filter { ["accept", "decline"].contains($0["action"] as? String) }.map { $0["actor"] as? String }
            == ["hbj.li", "zrzyj.wu", "scjgj.ren"])

        // matter show lists each invitee's answer, in both languages.
        let en = try cli.run("wangjian", ["matter", "show", "\(id)"])
        #expect(en.out.contains("Invitees") && en.out.contains("declined") && en.out.contains("accepted"), "\(en.out)")
        let zh = try cli.run("hbj.li", ["matter", "show", "\(id)"], lang: "zh")
        #expect(zh.out.contains("受邀单位") && zh.out.contains("已接受") && zh.out.contains("已谢绝"), "\(zh.out)")

        // The findings: closed by the sender, and a suggestion opened that follows it.
        try cli.step("wangjian", id, "close", ["--text", "发现汾河沿岸两处排污口未整治"])
        let suggestion = try cli.new("wangjian", "suggestion", to: "hbj", title: "关于汾河排污口整治的检察建议", domain: "ecology",
                                     extra: ["--follows", "\(id)"])
        let follows = try CLI.object(try cli.run("wangjian", ["matter", "show", "\(suggestion)", "--json"]), "show")
        #expect((follows["follows"] as? [Int]) == [id], "\(follows)")
    }

    @Test func allDeclinedClosesItAndOneToKeepsTheOldCourse() throws {
        let cli = try CLI.demo()
        let id = try cli.new("zhaomin", "meeting", to: "jcy", title: "行政执法协作座谈会", domain: "other",
                             extra: ["--to", "hbj", "--variant", "exchange"])
        try cli.step("zhaomin", id, "issue")
        try cli.step("wangjian", id, "decline", ["--text", "时间冲突"])
        #expect(try cli.show("zhaomin", id)["state"] as? String == "issued")
        try cli.step("hbj.li", id, "decline", ["--text", "人员外出"])
        let m = try cli.show("zhaomin", id)
        #expect(m["state"] as? String == "closed")
        #expect(m["outcome"] as? String == "declined")

        // One --to: no invitees, and a meeting's addressee takes no answering step, as before.
        let one = try cli.new("zhaomin", "meeting", to: "jcy", title: "案情通报会", domain: "other")
        #expect(try cli.show("zhaomin", one)["invitees"] == nil)
        try cli.step("zhaomin", one, "issue")
        let r = try cli.act("wangjian", one, "accept")
        #expect(r.status == 1, "\(r.err)")
        // Several --to for a suggestion: refused, nothing made.
        let before = try cli.visibleIDs("wangjian")
        let s = try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--to", "zrzyj", "--title", "t", "--json"])
        #expect(s.status == 1 && s.err.contains("--to once"), "\(s.err)")
        #expect(try cli.visibleIDs("wangjian") == before)
    }
}
