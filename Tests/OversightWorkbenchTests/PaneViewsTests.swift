import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightWorkbench

/// The view values the panes lay out (issue 19: panes draw from values prepared outside the drawing): an inbox row's
/// words, mark and tone, the calendar's days, the overdue summary's rows.
@Suite struct PaneViewsTests {
    @Test func anInboxRowCarriesItsWordsMarkAndToneInTheAlertWindow() throws {
        var state = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        let presenter = Presenter(strings: try Fixtures.strings(.zh))
        let rows = presenter.inboxRows(state, 0..<state.inbox.count)
        #expect(rows.map(\.id) == state.inbox.map(\.id) && rows.map(\.index) == Array(state.inboxStart..<state.inboxStart + state.inbox.count))
        let overdue = try #require(rows.first { $0.tone == .overdue })
        #expect(overdue.mark == "!" && overdue.urgency.contains("逾期"))
        // A matter due in a few days is "soon" (~) inside the alert window and plain outside it.
        let soon = try #require(state.inbox.firstIndex { m in m.pendingDue.map { (2...6).contains(state.today.days(until: $0)) } ?? false })
        let days = state.today.days(until: state.inbox[soon].pendingDue!)
        #expect(presenter.inboxRows(state, soon..<soon + 1).first?.mark == "~")
        state.clock.settings.alertWindow = days - 1
        let row = try #require(presenter.inboxRows(state, soon..<soon + 1).first)
        #expect(row.mark == " " && row.tone == .plain)
        #expect(row.kind == presenter.kind(state.inbox[soon].kind, short: true) && row.title == state.inbox[soon].title)
        // A range past the window is cut to it.
        #expect(presenter.inboxRows(state, state.inbox.count - 1..<state.inbox.count + 50).count == 1)
    }

    @Test func theCalendarDaysAndTheOverdueRows() throws {
        let state = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian", keepEntrySummary: true)
        let days = state.calendarDays
        #expect(days.count == state.calendarCursor.firstOfMonth.daysInMonth && days.first?.date.day == 1)
        #expect(days.filter(\.isToday).map(\.date) == [state.today])
        #expect(days.map(\.deadlines).reduce(0, +) == state.deadlinesByDay.values.reduce(0, +))
        #expect(days.allSatisfy { $0.overdue == ($0.date < state.today && $0.deadlines > 0) })
        let rows = Presenter(strings: try Fixtures.strings(.zh)).overdueRows(state)
        #expect(rows.map(\.number) == state.overdue.map(\.number) && !rows.isEmpty)
        #expect(rows.allSatisfy { $0.urgency.hasPrefix("逾期") })
    }
}
