import OversightDomain
import OversightRuntime
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// The annual plan in the workbench's words (issue 20): its `accept` is 签署 / "sign", its state where it stands
/// with its signatures, and the reports pane's line of how much of it was carried out, at 80×24.
@Suite struct AnnualPlanPaneTests {
    let day = Fixtures.today

    /// A plan from the procuratorate to the justice bureau and 环保局 on a demo file, signed by `signers`, with one
    /// planned joint inspection closed and one scheduled when it is in force.
    func plan(_ store: Store, signers: [String]) throws -> Matter {
        let context = try Fixtures.context()
        let jcy = try store.viewer("wangjian")
        var new = NewMatter(kind: .jointInspection, title: "2026年度协作监督计划", to: "sfj", date: day, variant: .annualPlan)
        new.alsoTo = ["hbj"]
        var plan = try store.create(new, by: jcy, context: context)
        plan = try store.act(plan.id, .issue, input: ActionInput(date: day), by: jcy, context: context)
        for name in signers { plan = try store.act(plan.id, .accept, input: ActionInput(date: day), by: try store.viewer(name), context: context) }
        guard plan.isPlanInForce else { return plan }
        for (title, close) in [("排污许可联合检查", true), ("水源地联合检查", false)] {
            let item = try store.create(NewMatter(kind: .jointInspection, title: title, to: "hbj", date: day, follows: plan.id), by: jcy, context: context)
            _ = try store.act(item.id, .issue, input: ActionInput(date: day, scheduledFor: close ? nil : day.adding(days: 4)), by: jcy, context: context)
            if close { _ = try store.act(item.id, .close, input: ActionInput(date: day, text: "发现两处问题"), by: jcy, context: context) }
        }
        return plan
    }

    @Test func signingIsWordedAsSuchAndTheStateFollowsTheSignatures() throws {
        let store = try Fixtures.demoStore()
        let zh = Presenter(strings: try Fixtures.strings(.zh)), en = Presenter(strings: try Fixtures.strings(.en))
        let awaiting = try plan(store, signers: ["zhaomin"])
        #expect(zh.step(.accept, of: awaiting) == "签署" && en.step(.accept, of: awaiting) == "sign")
        #expect(zh.event(.step(.accept), of: awaiting) == "签署" && en.event(.step(.accept), of: awaiting) == "signed")
        #expect(zh.state(awaiting) == "待签署" && en.state(awaiting) == "awaiting signatures")
        #expect(zh.invitee(awaiting.invitees![0], name: "司法局", of: awaiting).contains("已签署"))
        // Other matters keep their words.
        var other = awaiting
        other.variant = nil
        #expect(zh.step(.accept, of: other) == zh.step(.accept) && zh.state(other) != "待签署")
        let signed = try store.act(awaiting.id, .accept, input: ActionInput(date: day), by: try store.viewer("hbj.li"), context: try Fixtures.context())
        #expect(zh.state(signed) == "已生效" && en.state(signed) == "in force")
        // The words are read back as the step: 签署 and sign are `accept`.
        let words = try Fixtures.vocabulary(store)
        #expect(words.value(MatterAction.self, "签署") == .accept && words.value(MatterAction.self, "sign") == .accept)
        // Declined by one: not agreed.
        let other2 = try plan(store, signers: ["zhaomin"])
        let refused = try store.act(other2.id, .decline, input: ActionInput(date: day, text: "不同意"), by: try store.viewer("hbj.li"), context: try Fixtures.context())
        #expect(zh.state(refused) == "未获同意" && en.state(refused) == "not agreed")
    }

    @Test func theReportsPaneHasALinePerPlanAt80x24() throws {
        let store = try Fixtures.demoStore()
        let p = try plan(store, signers: ["zhaomin", "hbj.li"])
        var state = try Fixtures.state(store, user: "wangjian")
        for key in ["R", "G"] { EffectInterpreter(store: store).perform(reduce(&state, .key(key)), on: &state) { reduce(&$0, $1) } }
        let report = try #require(state.report)
        #expect(report.plans.map(\.id) == [p.id] && report.plans.first?.carriedOut == 1 && report.plans.first?.underway == 1)
        let text = Screen(presenter: Presenter(strings: try Fixtures.strings(.zh)), glyphs: .unicode).render(state, size: Size(width: 80, height: 24)).text
        #expect(text.contains("2026年度协作监督计划：完成 1/2 (50.0%) · 进行中 1"), "\(text)")
    }

    /// Acceptance: the plan's first planned inspection is on the calendar, its day marked +1 (planned), at 80×24.
    @Test func thePlannedInspectionIsOnTheCalendar() throws {
        let store = try Fixtures.demoStore()
        _ = try plan(store, signers: ["zhaomin", "hbj.li"])
        let planned = day.adding(days: 4)
        /// `user`'s workbench with the calendar on the planned day's month (`]` for each month on).
        func calendar(_ user: String) throws -> AppState {
            var state = try Fixtures.state(store, user: user)
            while state.calendarCursor.firstOfMonth < planned.firstOfMonth {
                EffectInterpreter(store: store).perform(reduce(&state, .key("]")), on: &state) { reduce(&$0, $1) }
            }
            return state
        }
        let state = try calendar("wangjian")
        #expect(state.calendarDays.first { $0.date == planned }?.planned == 1)
        #expect(state.calendarDays.filter { $0.planned > 0 }.count == 1)
        let text = Screen(presenter: Presenter(strings: try Fixtures.strings(.zh)), glyphs: .unicode).render(state, size: Size(width: 80, height: 24)).text
        let dayText = planned.day < 10 ? " \(planned.day)" : "\(planned.day)"
        #expect(text.split(separator: "\n").contains { $0.contains(dayText + " +1") }, "\(text)")
        #expect(text.contains("+计划"), "\(text)")
        // The department the inspection goes to sees the day too; one outside it does not.
        #expect(try calendar("hbj.li").calendarDays.first { $0.date == planned }?.planned == 1)
        #expect(try calendar("zrzyj.wu").calendarDays.allSatisfy { $0.planned == 0 })
    }
}
