import OversightDomain
import Testing

private let d = Fixtures.date

/// 法律政策咨询 (Art. 6): who may ask whom, the service level that starts when the question is asked, the answer's text.
@Suite struct ConsultationWorkflowTests {
    private let context = WorkflowContext(today: d("2025-07-31"), calculator: Fixtures.calculator)

    @Test func theProcuratorateOrADepartmentAsksTheJusticeBureau() {
        #expect(Workflow.allows(.consultation, from: .department, to: .justice))
        #expect(Workflow.allows(.consultation, from: .procuratorate, to: .justice))
        #expect(!Workflow.allows(.consultation, from: .justice, to: .procuratorate))
        #expect(!Workflow.allows(.consultation, from: .procuratorate, to: .department))
        #expect(!Workflow.allows(.consultation, from: .department, to: .external))
        #expect(Workflow.creatableKinds(by: County.viewer("hbj")).contains(.consultation))
        #expect(!Workflow.creatableKinds(by: County.viewer("sfj")).contains(.consultation))
    }

    @Test func askingStartsTheCountyServiceLevelAndTheAnswerStopsIt() throws {
        let asked = try Workflow.create(id: 1, kind: .consultation, title: "关于排污许可延续的咨询", domain: .ecology,
                                        to: County.org("sfj"), by: County.viewer("hbj"), on: d("2025-07-01"), today: d("2025-07-31")).matter
        let issued = try Workflow.apply(.issue, to: asked, by: County.viewer("hbj"), input: ActionInput(date: d("2025-07-01")), context: context).matter
        #expect(issued.state == .served && issued.servedOn == d("2025-07-01"))
        // 10 working days, the rule book's county service level (not law): 2025-07-01 (Tue) → 2025-07-15 (Tue).
        let rule = try #require(Workflow.clockRule(for: issued, settings: Fixtures.settings))
        #expect(rule.id == .consultationAnswer && rule.period == .workdays(10) && rule.isServiceLevel)
        #expect(issued.due == d("2025-07-15") && issued.pendingDue == d("2025-07-15"))
        #expect(Workflow.clockNature(of: issued, calculator: Fixtures.calculator)?.serviceLevel == true)
        // An administrator's own service level replaces the book's.
        let custom = ClockSettings(rules: Fixtures.rules, consultationAnswer: .workdays(5))
        #expect(Workflow.clockRule(for: issued, settings: custom)?.period == .workdays(5))
        // The answer needs its text and no outcome; the justice bureau gives it.
        #expect(throws: WorkflowError.invalidInput(.textRequired)) {
            try Workflow.apply(.reply, to: issued, by: County.viewer("sfj"), input: ActionInput(date: d("2025-07-10")), context: context)
        }
        #expect(throws: WorkflowError.notAllowed(.reply, .department)) {
            try Workflow.apply(.reply, to: issued, by: County.viewer("hbj"), input: ActionInput(date: d("2025-07-10"), text: "答"), context: context)
        }
        let answered = try Workflow.apply(.reply, to: issued, by: County.viewer("sfj"),
                                          input: ActionInput(date: d("2025-07-10"), text: "依法可以延续"), context: context).matter
        #expect(answered.state == .replied && answered.repliedOnTime == true && answered.pendingDue == nil)
        let closed = try Workflow.apply(.close, to: answered, by: County.viewer("hbj"), input: ActionInput(date: d("2025-07-11")), context: context).matter
        #expect(closed.state == .closed)
        // The report counts it among the answers owed on a clock.
        let figures = MatterStatistics([closed], today: d("2025-07-31"))
        #expect(figures.served == 1 && figures.replied == 1 && figures.repliedOnTime == 1)
    }
}
