import Foundation
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The annual plan on a real SQLite file (issue 20): the procuratorate sends it to the justice bureau and 环保局, each
/// signs (`accept`) through the one write path, its planned items follow it only once it is in force, one is put on
/// the calendar by its scheduled day, and `report` counts what each party may see of it.
@Suite struct AnnualPlanStoreTests {
    let day = Fixtures.today

    @Test(arguments: Fixtures.engines)
    func signedByAllThreeItsItemsFollowAndTheReportCountsThem(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "signedByAllThreeItsItemsFollowAndTheReportCountsThem-\(engine)")
        let context = try Fixtures.context()
        let jcy = try store.viewer("zhanghui"), sfj = try store.viewer("chenjie"), hbj = try store.viewer("hbj.guo")
        var new = NewMatter(kind: .jointInspection, title: "2026年度行政执法与行政检察协作监督计划", to: "sfj", date: day, variant: .annualPlan)
        new.alsoTo = ["hbj"]
        let draft = try store.create(new, by: jcy, context: context)
        #expect(draft.isAnnualPlan && draft.planStanding == nil)
        var plan = try store.act(draft.id, .issue, input: ActionInput(date: day), by: jcy, context: context)
        #expect(plan.planStanding == .awaitingSignatures)

        func item(_ kind: MatterKind, to: OrgID, by viewer: Viewer, title: String) throws -> Matter {
            try store.create(NewMatter(kind: kind, title: title, to: to, date: day, follows: plan.id), by: viewer, context: context)
        }
        // Nothing follows a plan awaiting signatures.
        #expect(throws: Refusal.workflow(.invalidInput(.planNotInForce(.awaitingSignatures)))) {
            try item(.jointInspection, to: "hbj", by: jcy, title: "过早")
        }
        plan = try store.act(plan.id, .accept, input: ActionInput(date: day), by: sfj, context: context)
        #expect(plan.planStanding == .awaitingSignatures)
        #expect(throws: Refusal.workflow(.invalidInput(.planNotInForce(.awaitingSignatures)))) {
            try item(.meeting, to: "jcy", by: sfj, title: "过早")
        }
        plan = try store.act(plan.id, .accept, input: ActionInput(date: day), by: hbj, context: context)
        #expect(plan.planStanding == .inForce && plan.state == .inProgress)
        #expect(plan.invitees?.map(\.answeredBy) == ["chenjie", "hbj.guo"])

        // The first planned inspection, on the calendar five days on; a second carried out; a meeting the justice
        // bureau plans with the procuratorate, which 环保局 may not see.
        let first = try item(.jointInspection, to: "hbj", by: jcy, title: "水源地专项联合检查")
        let scheduled = try store.act(first.id, .issue, input: ActionInput(date: day, scheduledFor: day.adding(days: 5)), by: jcy, context: context)
        #expect(scheduled.scheduledOn == day.adding(days: 5) && scheduled.state == .issued)
        let second = try item(.jointInspection, to: "hbj", by: jcy, title: "排污许可联合检查")
        _ = try store.act(second.id, .issue, input: ActionInput(date: day), by: jcy, context: context)
        let done = try store.act(second.id, .close, input: ActionInput(date: day, text: "检查发现两处问题"), by: jcy, context: context)
        #expect(done.state == .closed)
        let meeting = try item(.meeting, to: "jcy", by: sfj, title: "半年工作会商")
        _ = try store.act(meeting.id, .issue, input: ActionInput(date: day, scheduledFor: day.adding(days: 20)), by: sfj, context: context)
        #expect(try store.matter(meeting.id, for: hbj) == nil)
        #expect(try store.links(of: plan.id, for: jcy).followedBy.map(\.id) == [first.id, second.id, meeting.id])
        // The calendar's planned days: the first inspection's for both its parties, the meeting's only for its own;
        // none for a department outside them; the closed one none.
        let month = (first: day.adding(days: -40), last: day.adding(days: 40))
        #expect(try store.plannedCounts(for: jcy, from: month.first, through: month.last)
                == [day.adding(days: 5): 1, day.adding(days: 20): 1])
        #expect(try store.plannedCounts(for: hbj, from: month.first, through: month.last) == [day.adding(days: 5): 1])
        #expect(try store.plannedCounts(for: store.viewer("zrzyj.wu"), from: month.first, through: month.last).isEmpty)

        let period = try #require(ReportPeriod.year(day.year))
        func progress(_ viewer: Viewer) throws -> PlanProgress? {
            try store.report(for: viewer, period: period, today: day).plans.first { $0.id == plan.id }
        }
        let seenByJcy = try #require(try progress(jcy))
        #expect(seenByJcy.standing == .inForce)
        #expect(seenByJcy.planned == 3 && seenByJcy.carriedOut == 1 && seenByJcy.underway == 2)
        // 环保局 does not see the meeting between the other two: it does not count it.
        let seenByHbj = try #require(try progress(hbj))
        #expect(seenByHbj.planned == 2 && seenByHbj.carriedOut == 1 && seenByHbj.underway == 1)
        // The administrator counts the whole county.
        let admin = try store.viewer("admin")
        #expect(try progress(admin)?.planned == 3)
        // A department that was not sent the plan does not see it, nor count it.
        #expect(try progress(store.viewer("zrzyj.wu")) == nil)
    }

    @Test(arguments: Fixtures.engines)
    func aPlanOneBodyDoesNotAgreeToIsNotInForce(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "aPlanOneBodyDoesNotAgreeToIsNotInForce-\(engine)")
        let context = try Fixtures.context()
        let jcy = try store.viewer("zhanghui"), sfj = try store.viewer("chenjie"), hbj = try store.viewer("hbj.guo")
        var new = NewMatter(kind: .jointInspection, title: "年度计划", to: "sfj", date: day, variant: .annualPlan)
        new.alsoTo = ["hbj"]
        let plan = try store.create(new, by: jcy, context: context)
        _ = try store.act(plan.id, .issue, input: ActionInput(date: day), by: jcy, context: context)
        _ = try store.act(plan.id, .accept, input: ActionInput(date: day), by: sfj, context: context)
        let refused = try store.act(plan.id, .decline, input: ActionInput(date: day, text: "计划安排与本局年度执法检查冲突"), by: hbj, context: context)
        #expect(refused.planStanding == .notAgreed)
        #expect(throws: Refusal.workflow(.invalidInput(.planNotInForce(.notAgreed)))) {
            try store.create(NewMatter(kind: .inspection, title: "调阅", to: "hbj", date: day, follows: plan.id), by: jcy, context: context)
        }
    }
}
