import Foundation
import OversightDomain

/// One inbox row as the inbox pane lays it out: its words, mark and urgency prepared here from the domain's rules
/// (urgency, the alert window, the clock's nature of a deadline) in the interface language, so the pane only places
/// and cuts them.
public struct InboxRowView: Hashable, Sendable {
    /// How the row is drawn: past its deadline, due today, or neither.
    public enum Tone: Hashable, Sendable { case plain, overdue, dueToday }

    public var id: MatterID
    /// Its row in the whole inbox (what the selection counts in).
    public var index: Int
    /// The document number as stored (the pane shortens it to its column).
    public var number: String
    /// The kind's and the domain's short words.
    public var kind: String
    public var domain: String
    public var title: String
    /// "逾期3天", "(剩12天)?", or the state where no deadline runs: the short words of the urgency column.
    public var urgency: String
    /// The one-character mark before the number: `!` overdue, `*` due today, `~` due within the alert window.
    public var mark: String
    public var tone: Tone
    public var tagged: Bool
}

extension Presenter {
    /// The inbox rows the window holds at `rows` (indices into `state.inbox`), prepared for the pane.
    public func inboxRows(_ state: AppState, _ rows: Range<Int>) -> [InboxRowView] {
        rows.clamped(to: state.inbox.indices).map { i in inboxRow(state.inbox[i], index: state.inboxStart + i, state) }
    }

    /// One matter as an inbox row, in `state`'s day, alert window and clock.
    public func inboxRow(_ m: Matter, index: Int, _ state: AppState) -> InboxRowView {
        let tone: InboxRowView.Tone = switch Urgency(m, today: state.today, window: state.alertWindow) {
        case .overdue: .overdue
        case .dueToday: .dueToday
        default: .plain
        }
        return InboxRowView(
            id: m.id, index: index, number: m.number, kind: kind(m.kind, short: true), domain: domain(m.domain, short: true),
            title: m.title,
            urgency: urgency(m, today: state.today, window: state.alertWindow, short: true,
                             nature: Workflow.clockNature(of: m, calculator: state.clock)),
            mark: marker(m, today: state.today, window: state.alertWindow), tone: tone, tagged: state.tagged.contains(m.id))
    }

    /// The detail pane's lines for `detail` in `state`: its fields, deadline, the steps the viewer may take now and
    /// the timeline, in words (the pane wraps and places them).
    public func detailLines(_ detail: MatterDetail, _ state: AppState) -> [(label: String, value: String)] {
        detailLines(detail, organisations: state.organisations, today: state.today, window: state.alertWindow, clock: state.clock,
                    steps: Workflow.stepStatus(for: state.viewer, on: detail.matter, today: state.today).filter { $0.reason == nil }.map(\.action))
    }
}

/// One day of the calendar pane's month, as the holiday calendar and the deadlines make it (the pane lays it out).
public struct CalendarDayView: Hashable, Sendable {
    public var date: CivilDate
    /// Pending deadlines that fall on it (of the matters the inbox shows).
    public var deadlines: Int
    /// Before today with deadlines still pending.
    public var overdue: Bool
    /// Open matters planned for it (`scheduledOn`).
    public var planned: Int = 0
    public var isToday: Bool
    /// A rest day under the clock's settings (a weekend or holiday not worked).
    public var restDay: Bool
    /// The holiday calendar's own entry for the day: true for a holiday (休), false for an adjusted working day (班),
    /// nil for an ordinary day.
    public var listedOff: Bool?
}

extension AppState {
    /// The days of the calendar cursor's month, first to last.
    public var calendarDays: [CalendarDayView] {
        let month = calendarCursor.firstOfMonth
        return (1...month.daysInMonth).map { day in
            let date = CivilDate(year: month.year, month: month.month, day: day)!
            let due = deadlinesByDay[date] ?? 0
            return CalendarDayView(date: date, deadlines: due, overdue: date < today && due > 0, planned: plannedByDay[date] ?? 0,
                                   isToday: date == today, restDay: clock.isRestDay(date), listedOff: clock.calendar.entry(date)?.off)
        }
    }
}

/// The holiday calendar's entry for the calendar cursor's day, with the notice that set it: the calendar's footer
/// names what decided a day a deadline rolls over (or counts on an adjusted working day).
public struct CalendarNoteView: Hashable, Sendable {
    public var date: CivilDate
    /// The holiday's name as the notice gives it (untrusted: a loaded notice's text).
    public var name: String
    /// true: an official day off (休); false: an adjusted working day (班).
    public var off: Bool
    /// The notice's title (`HolidayCalendar.Year.source`), nil when the calendar names none.
    public var notice: String?
}

extension AppState {
    /// The note for the calendar cursor's day: nil for a day the holiday calendar does not list (a plain working
    /// day or an ordinary weekend).
    public var calendarNote: CalendarNoteView? {
        let date = calendarCursor
        guard let entry = clock.calendar.entry(date) else { return nil }
        let source = clock.calendar.years[date.year]?.source.trimmingCharacters(in: .whitespacesAndNewlines)
        return CalendarNoteView(date: date, name: entry.name, off: entry.off, notice: source?.isEmpty == false ? source : nil)
    }
}

extension Presenter {
    /// The calendar's footer for a listed day: "2027-01-20 腊八（休）  依据：国务院办公厅关于…的通知".
    public func calendarNote(_ note: CalendarNoteView) -> String {
        let day = strings(note.off ? "calendar.note.off" : "calendar.note.work", ["date": note.date.description, "name": note.name])
        guard let notice = note.notice else { return day }
        return day + "  " + strings("calendar.note.notice", ["notice": notice])
    }
}

/// One row of the overdue summary on entry: the matter's number and title, and how long overdue in words.
public struct OverdueRowView: Hashable, Sendable {
    public var number: String
    public var title: String
    public var urgency: String
}

extension Presenter {
    /// The overdue summary's rows: the first overdue matters (`state.overdue`), most overdue first.
    public func overdueRows(_ state: AppState) -> [OverdueRowView] {
        state.overdue.map { m in
            OverdueRowView(number: m.number, title: m.title, urgency: urgency(m, today: state.today, window: state.alertWindow))
        }
    }
}
