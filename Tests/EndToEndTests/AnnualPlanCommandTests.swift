import Foundation
import OversightTestSupport
import Testing

/// The annual plan through the built binary (issue 20): sent by the procuratorate to the justice bureau and 环保局,
/// signed by both (`签署`, `sign`), in force; its first planned inspection follows it with a scheduled day; `report`
/// counts it, in words and in JSON.
@Suite(.serialized) struct AnnualPlanCommandTests {
    let w = Person.wangjian, j = Person.zhaomin, d = Person.hbjLi

    @Test func theAnnualPlanSignedByAllThreeItsFirstInspectionScheduledAndCounted() throws {
        let cli = try CLI.demo()
        // `matter new plan` (design.md's contract) names it: a joint inspection of the variant annual-plan.
        let plan = try cli.new(w.name, "plan", to: "sfj", title: "2026年度行政执法与行政检察协作监督计划", extra: ["--to", "hbj"])
        let made = try cli.show(w.name, plan)
        #expect(made["kind"] as? String == "joint-inspection" && made["variant"] as? String == "annual-plan", "\(made)")
        let chinese = try cli.new(w.name, "年度计划", to: "sfj", title: "年度计划（中文类型词）", extra: ["--to", "hbj"])
        #expect(try cli.show(w.name, chinese)["variant"] as? String == "annual-plan")
        try cli.step(w.name, plan, "issue")
        let awaiting = try cli.run(w.name, ["matter", "show", "\(plan)"], lang: "zh")
        #expect(awaiting.out.contains("待签署"), "\(awaiting.out)")
        let actions = try cli.run(j.name, ["matter", "actions", "\(plan)"], lang: "zh")
        #expect(actions.out.contains("签署"), "\(actions.out)")

        // Nothing follows it yet: said why.
        let early = try cli.run(w.name, ["matter", "new", "joint-inspection", "--to", "hbj", "--title", "过早", "--follows", "\(plan)"])
        #expect(early.status == 1 && early.err.contains("awaits signatures"), "\(early.err)")

        // The justice bureau signs in Chinese, 环保局 in English: both words are `accept`.
        let signed = try cli.run(j.name, ["matter", "act", "\(plan)", "签署"], lang: "zh")
        #expect(signed.status == 0 && signed.out.contains("签署"), "\(signed.out) \(signed.err)")
        let second = try cli.run(d.name, ["matter", "act", "\(plan)", "sign"])
        #expect(second.status == 0, "\(second.err)")
        let inForce = try cli.run(w.name, ["matter", "show", "\(plan)"], lang: "zh")
        #expect(inForce.out.contains("已生效") && inForce.out.contains("已签署"), "\(inForce.out)")

        // The first planned inspection, on the calendar four days on.
        let first = try cli.new(w.name, "joint-inspection", to: "hbj", title: "饮用水水源地专项联合检查", extra: ["--follows", "\(plan)"])
        try cli.step(w.name, first, "issue", ["--scheduled", "2025-10-03"])
        let shown = try cli.show(w.name, first)
        #expect(shown["scheduledOn"] as? String == "2025-10-03" && shown["follows"] as? [Int] == [plan], "\(shown)")
        // The calendar export has it on its day (the workbench's month view counts legal deadlines only).
        let ics = try cli.run(w.name, ["export", "--format", "ics"]).out
        #expect(ics.contains("UID:matter-\(first)-scheduled@oversight") && ics.contains("DTSTART;VALUE=DATE:20251003"), "\(ics)")

        let report = try CLI.object(try cli.run(w.name, ["report", "--year", "2025", "--format", "json"]), "report")
        let plans = try #require(report["plans"] as? [[String: Any]])
        let entry = try #require(plans.first { $0["id"] as? Int == plan })
        #expect(entry["planned"] as? Int == 1 && entry["carriedOut"] as? Int == 0 && entry["underway"] as? Int == 1, "\(entry)")
        #expect(entry["standing"] as? String == "in-force" && entry["title"] as? String == "2026年度行政执法与行政检察协作监督计划")
        let text = try cli.run(w.name, ["report", "--year", "2025"], lang: "zh")
        #expect(text.out.contains("年度计划执行情况") && text.out.contains("#\(plan) 2026年度"), "\(text.out)")
    }
}
