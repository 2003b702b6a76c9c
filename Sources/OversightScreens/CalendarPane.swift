import OversightDomain
import OversightWorkbench
import TerminalKit

/// The deadline calendar: the cursor's month, each day with its count of pending deadlines and of planned matters
/// (+N), overdue and today marked in text, rest days and adjusted working days labelled.
struct CalendarPane {
    let screen: Screen

    func draw(_ state: AppState, in area: Rect, focused: Bool, suffix: String = "", _ grid: inout CellGrid) {
        let s = screen.strings, p = screen.presenter
        let month = state.calendarCursor.firstOfMonth
        let title = s("pane.calendar") + " " + p.monthTitle(month) + suffix + "  " + s("calendar.legend")
        let inner = grid.frame(area, title: title, focused: focused, glyphs: screen.glyphs)
        guard !inner.isEmpty else { return }
        // The cursor's day as the holiday calendar lists it, and the notice that decided it, in the bottom edge.
        if let note = state.calendarNote, area.width > 4 {
            let text = " " + Sanitizer.shown(p.calendarNote(note)) + " "
            grid.put(DisplayWidth.fit(text, columns: area.width - 2, mark: screen.glyphs.ellipsis),
                     at: Point(x: area.x + 1, y: area.maxY - 1), style: focused ? .bold : .plain, clip: area)
        }
        let cell = max(1, inner.width / 7)
        for wd in 1...7 {
            grid.put(DisplayWidth.pad(" " + s("weekday.\(wd)"), columns: cell, mark: screen.glyphs.ellipsis),
                     at: Point(x: inner.x + (wd - 1) * cell, y: inner.y), style: wd >= 6 ? Style(bold: true, dim: true) : .bold)
        }
        let lead = month.weekday - 1
        // The days come prepared (deadlines, rest days, the holiday calendar's entries); the pane places them.
        for d in state.calendarDays {
            let day = d.date.day
            let slot = lead + day - 1
            let row = 1 + slot / 7
            guard row < inner.height else { break }
            let x = inner.x + (slot % 7) * cell
            var text = d.isToday ? "[\(pad2(day))]" : " \(pad2(day)) "
            if d.deadlines > 0 { text += (d.overdue ? "!" : String(screen.glyphs.dot)) + String(d.deadlines) }
            if d.planned > 0 { text += "+" + String(d.planned) }
            if let off = d.listedOff { text += off ? s("calendar.rest") : s("calendar.work") }
            var style = Style.plain
            if d.restDay { style.dim = true }
            if d.overdue { style = .alert }
            if d.isToday { style.bold = true }
            let date = d.date
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
