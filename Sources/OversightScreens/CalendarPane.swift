import OversightDomain
import OversightWorkbench
import TerminalKit

/// The deadline calendar: the cursor's month, each day with its count of pending deadlines,
/// overdue and today marked in text, rest days and adjusted working days labelled.
struct CalendarPane {
    let screen: Screen

    func draw(_ state: AppState, in area: Rect, focused: Bool, suffix: String = "", _ grid: inout CellGrid) {
        let s = screen.strings, p = screen.presenter
        let month = state.calendarCursor.firstOfMonth
        let title = s("pane.calendar") + " " + p.monthTitle(month) + suffix + "  " + s("calendar.legend")
        let inner = grid.frame(area, title: title, focused: focused, glyphs: screen.glyphs)
        guard !inner.isEmpty else { return }
        let cell = max(1, inner.width / 7)
        for wd in 1...7 {
            grid.put(DisplayWidth.pad(" " + s("weekday.\(wd)"), columns: cell, mark: screen.glyphs.ellipsis),
                     at: Point(x: inner.x + (wd - 1) * cell, y: inner.y), style: wd >= 6 ? Style(bold: true, dim: true) : .bold)
        }
        let deadlines = state.deadlinesByDay
        let lead = month.weekday - 1
        for day in 1...month.daysInMonth {
            let date = CivilDate(year: month.year, month: month.month, day: day)!
            let slot = lead + day - 1
            let row = 1 + slot / 7
            guard row < inner.height else { break }
            let x = inner.x + (slot % 7) * cell
            let due = deadlines[date] ?? 0
            let overdue = date < state.today && due > 0
            let isToday = date == state.today
            var text = isToday ? "[\(pad2(day))]" : " \(pad2(day)) "
            if due > 0 { text += (overdue ? "!" : String(screen.glyphs.dot)) + String(due) }
            if let entry = state.clock.calendar.entry(date) {
                text += entry.off ? s("calendar.rest") : s("calendar.work")
            }
            var style = Style.plain
            if state.clock.isRestDay(date) { style.dim = true }
            if overdue { style = .alert }
            if isToday { style.bold = true }
            if date == state.calendarCursor {
                style.reverse = focused
                style.underline = !focused
                if focused { grid.cursor = Point(x: x, y: inner.y + row) }
            }
            grid.put(DisplayWidth.fit(text, columns: cell, ellipsis: false), at: Point(x: x, y: inner.y + row), style: style, clip: inner)
        }
    }

    private func pad2(_ n: Int) -> String { n < 10 ? " \(n)" : "\(n)" }
}
