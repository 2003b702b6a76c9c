import Foundation
import OversightDomain
import Testing

/// The county's own rules (Art. 12) as domain values: which keys it may set, a period as a person types it, and the
/// version a clock counts under.
@Suite struct CountyRulesTests {
    @Test(arguments: [
        ("20", PeriodUnit.days, Period.days(20)), ("20", .workdays, .workdays(20)), ("20日", .months, .days(20)),
        ("20 天", .months, .days(20)), ("20 days", .months, .days(20)), ("10个工作日", .days, .workdays(10)),
        ("10 working days", .days, .workdays(10)), ("2个月", .days, .months(2)), ("2 Months", .days, .months(2)),
    ])
    func aPeriodIsReadAsTyped(text: String, unit: PeriodUnit, expected: Period) {
        #expect(Period.parse(text, unit: unit) == expected)
    }

    @Test(arguments: ["", "日", "-3", "0", "20周", "20\u{202E}日", "99999999", "2.5个月", "x20"])
    func anythingElseIsNoPeriod(text: String) {
        #expect(Period.parse(text, unit: .days) == nil)
    }

    @Test func onlyServiceLevelsAndTheAlertWindowAreTheCountys() {
        let settable = CountyRuleKey.allCases.filter { $0.settable(in: Fixtures.rules) }.map(\.rawValue)
        #expect(settable == ["transfer-feedback", "inspection-cooperation", "supervision-decision", "consultation-answer", "alert-window"])
        for key in CountyRuleKey.allCases { #expect(CountyRuleKey(rawValue: key.rawValue) == key) }
        #expect(CountyRuleKey(rawValue: "suggestion-reply") == .clock(.suggestionReply))
        #expect(CountyRuleKey(rawValue: "nothing") == nil)
    }

    @Test func aClockCountsUnderTheVersionItStartedWith() throws {
        var settings = ClockSettings(rules: Fixtures.rules)
        let since = CivilDate(year: 2026, month: 12, day: 1)!
        settings.county[.transferFeedback] = [
            CountyLevel(version: 2, period: .days(20), source: "纪要（2026）3号", since: since),
            CountyLevel(version: 3, period: .days(15), source: "纪要（2027）1号", since: since.adding(days: 40)),
        ]
        #expect(settings.currentVersion(.transferFeedback) == 3)
        #expect(settings.currentVersion(.inspectionCooperation) == nil)
        #expect(settings.rule(.transferFeedback).period == .days(30))
        #expect(settings.rule(.transferFeedback, version: 2).period == .days(20))
        #expect(settings.rule(.transferFeedback, version: 3).county?.source == "纪要（2027）1号")
        // A version the settings do not know reads as the book's own period.
        #expect(settings.rule(.transferFeedback, version: 9).period == .days(30))

        let calc = PeriodCalculator(calendar: Fixtures.calendar, settings: settings)
        var transfer = Matter(id: 1, number: "", kind: .transfer, title: "t", domain: .ecology, fromOrg: "jcy", toOrg: "sfj",
                              state: .issued, createdOn: since)
        transfer.issuedOn = since
        // Served now: the latest version; its deadline says which rule counted it and on what decision.
        let served = try Workflow.apply(.serve, to: transfer, by: Viewer(user: User(name: "w", displayName: "w", org: "jcy", role: .handler),
                                                                         org: Organisation(id: "jcy", name: "检察院", party: .procuratorate)),
                                        input: ActionInput(date: since), context: WorkflowContext(today: since, calculator: calc)).matter
        #expect(served.clockVersion == 3)
        #expect(served.due == Workflow.deadline(for: served, calculator: calc)?.due)
        let lines = try #require(Workflow.deadline(for: served, calculator: calc)).explanation(.zh)
        #expect(lines.contains("本县服务水平：第3版，2027-01-10起施行（依据：纪要（2027）1号）"), "\(lines)")
        // The same matter counted under version 2 keeps its 20 days.
        var older = served
        older.clockVersion = 2
        #expect(Workflow.deadline(for: older, calculator: calc)?.period == .days(20))
    }
}
