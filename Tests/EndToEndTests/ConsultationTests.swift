import Foundation
import OversightTestSupport
import Testing

/// 法律政策咨询 (Art. 6) through the built binary: a department asks the justice bureau, the question is received when
/// it is issued and the county's service level (10 working days, not law) runs; the bureau answers (`answer`, or its
/// Chinese word 答复, is the kind's word for `reply`); the asker closes; `report` counts it as answered on time.
@Suite struct ConsultationTests {
    @Test func aDepartmentAsksTheJusticeBureauWhichAnswersOnItsServiceLevel() throws {
        let cli = try CLI.demo()
        let id = try cli.new(Person.hbjLi.name, "consultation", to: "sfj", title: "关于排污许可证延续的法律适用咨询", domain: "ecology")
        #expect(try cli.show(Person.hbjLi.name, id).state == "draft")
        // The justice bureau does not see a draft; once issued it waits on the bureau, with its due day.
        #expect(!(try cli.visibleIDs(Person.zhaomin.name)).contains(id))
        try cli.step(Person.hbjLi.name, id, "issue")
        let asked = try cli.show(Person.zhaomin.name, id)
        #expect(asked.state == "served")
        #expect(asked["servedOn"] as? String == CLI.today)
        // The service level: 10 working days from the day it was asked, as `deadline --workdays 10` counts them.
        let due = try CLI.deadline(from: CLI.today, ["--workdays", "10"])
        #expect(asked["due"] as? String == due, "\(asked)")
        let zh = try cli.run(Person.zhaomin.name, ["matter", "show", "\(id)"], lang: "zh")
        #expect(zh.out.contains("法律政策咨询") && zh.out.contains("待答复"), "\(zh.out)")
        // Only the addressee answers, and an answer needs its text.
        #expect(try cli.act(Person.hbjLi.name, id, "answer", ["--text", "自问自答"]).status == 1)
        #expect(try cli.act(Person.zhaomin.name, id, "answer").status != 0)
        try cli.step(Person.zhaomin.name, id, "答复", ["--text", "依照《行政许可法》第五十条，应在有效期届满三十日前提出申请。"])
        let answered = try cli.show(Person.hbjLi.name, id)
        #expect(answered.state == "replied" && answered["repliedOn"] as? String == CLI.today)
        #expect(Events.first("reply", in: answered.events)?["text"] as? String == "依照《行政许可法》第五十条，应在有效期届满三十日前提出申请。")
        try cli.step(Person.hbjLi.name, id, "close")
        #expect(try cli.show(Person.hbjLi.name, id).state == "closed")
        // The report counts it by kind, served and answered on time (the department's own report: its only answer).
        let r = try CLI.object(try cli.run(Person.hbjLi.name, ["report", "--format", "json", "--by", "kind"]), "report")
        let whole = try #require(r["whole"] as? [String: Any])
        #expect((whole["byKind"] as? [String: Int])?["consultation"] == 1, "\(whole)")
        let text = try cli.run(Person.zhaomin.name, ["report"], lang: "zh")
        #expect(text.out.contains("法律政策咨询"), "\(text.out)")
    }

    @Test func onlyTheProcuratorateOrADepartmentAsksAndOnlyTheJusticeBureau() throws {
        let cli = try CLI.demo()
        let asked = try cli.new(Person.wangjian.name, "法律政策咨询", to: "sfj", title: "关于行政规范性文件备案审查的咨询", domain: "other")
        #expect(try cli.show(Person.wangjian.name, asked)["kind"] as? String == "consultation")
        for (user, to) in [(Person.zhaomin.name, "jcy"), (Person.wangjian.name, "hbj"), (Person.hbjLi.name, "jcy")] {
            let r = try cli.run(user, ["matter", "new", "consultation", "--to", to, "--title", "咨询", "--json"])
            #expect(r.status != 0, "\(user) → \(to): \(r.out)")
        }
    }
}
