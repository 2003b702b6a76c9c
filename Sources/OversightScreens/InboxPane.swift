import OversightDomain
import OversightWorkbench
import TerminalKit

/// The inbox: the viewer's open matters, most urgent first, one per row.
struct InboxPane {
    let screen: Screen

    func draw(_ state: AppState, in area: Rect, focused: Bool, suffix: String = "", _ grid: inout CellGrid) {
        let s = screen.strings, p = screen.presenter
        let title = s("pane.inbox") + " (" + s("inbox.counts", ["open": state.todo, "all": state.totalVisible]) + ")"
        let inner = grid.frame(area, title: title + suffix, focused: focused, glyphs: screen.glyphs)
        guard !inner.isEmpty else { return }
        guard !state.inbox.isEmpty else {
            grid.line(s("inbox.empty"), in: inner.row(0), style: .dim)
            return
        }
        // Page-wise scrolling (as mutt): rows stay put while the selection moves within a page.
        // Only the page's rows are measured and drawn: the work follows the screen, not the data.
        let top = (state.selection / inner.height) * inner.height
        let page = Array(state.inbox[top..<min(state.inbox.count, top + inner.height)])
        let columns = Columns(width: inner.width, matters: page, presenter: p, state: state)
        for i in 0..<inner.height {
            let index = top + i
            guard i < page.count else { break }
            let m = page[i]
            let selected = index == state.selection
            let urgency = Urgency(m, today: state.today, window: state.alertWindow)
            var style = Style.plain
            if case .overdue = urgency { style = .alert }
            if case .dueToday = urgency { style = .warning }
            if selected { style.reverse = focused; style.bold = true }
            let row = inner.row(i)
            grid.line(columns.text(m, selected: selected), in: row, style: style)
            if selected && focused { grid.cursor = Point(x: row.x, y: row.y) }
        }
    }

    /// The inbox's columns, sized to the pane: selection and urgency markers, number, kind,
    /// domain and urgency; narrow panes drop domain, then kind; wide ones add the title.
    struct Columns {
        let presenter: Presenter
        let state: AppState
        var numberWidth: Int, kindWidth: Int, domainWidth: Int, urgencyWidth: Int, titleWidth: Int

        init(width: Int, matters: [Matter], presenter: Presenter, state: AppState) {
            self.presenter = presenter
            self.state = state
            func widest(_ f: (Matter) -> String, cap: Int) -> Int {
                min(cap, matters.map { DisplayWidth.of(f($0)) }.max() ?? 0)
            }
            numberWidth = widest({ $0.number }, cap: 24)
            kindWidth = widest({ presenter.kind($0.kind) }, cap: 12)
            domainWidth = widest({ presenter.domain($0.domain) }, cap: 12)
            urgencyWidth = widest({ presenter.urgency($0, today: state.today, window: state.alertWindow) }, cap: 12)
            titleWidth = 0
            var left = width - 2 - numberWidth - urgencyWidth - 1
            if left < domainWidth + kindWidth + 2 { domainWidth = 0 } else { left -= domainWidth + 1 }
            if left < kindWidth + 1 { kindWidth = 0 } else { left -= kindWidth + 1 }
            if left < 0 { numberWidth = max(0, numberWidth + left) }
            if left >= 12 { titleWidth = left - 1 }
        }

        func text(_ m: Matter, selected: Bool) -> String {
            let marker = (selected ? ">" : " ") + presenter.marker(m, today: state.today, window: state.alertWindow)
            var parts = [marker + DisplayWidth.pad(m.number, columns: numberWidth)]
            if kindWidth > 0 { parts.append(DisplayWidth.pad(presenter.kind(m.kind), columns: kindWidth)) }
            if domainWidth > 0 { parts.append(DisplayWidth.pad(presenter.domain(m.domain), columns: domainWidth)) }
            if titleWidth > 0 { parts.append(DisplayWidth.pad(m.title, columns: titleWidth)) }
            parts.append(DisplayWidth.pad(presenter.urgency(m, today: state.today, window: state.alertWindow), columns: urgencyWidth, alignRight: true))
            return parts.joined(separator: " ")
        }
    }
}
