import Foundation
import OversightDomain
import OversightWorkbench
import TerminalKit

/// The reports pane (`R`, `:report`): this year's figures for the viewer's share over the whole body, the totals
/// in words and each breakdown as a horizontal bar chart, labels and counts aligned in display cells. Taller than
/// the terminal, it scrolls (j/k).
struct ReportPane {
    let screen: Screen

    /// The character a bar is drawn with; with ASCII glyphs the grid draws it as `#`.
    static let block: Character = "█"

    func draw(_ state: AppState, in body: Rect, _ grid: inout CellGrid) {
        let s = screen.strings
        grid.fill(body)
        let inner = grid.frame(body, title: s("report.title", ["year": state.today.year]), focused: true, glyphs: screen.glyphs)
        guard inner.height >= 2 else { return }
        let rows = inner.height - 1
        grid.line(screen.footer(.report), in: inner.row(rows), style: .dim)
        guard let report = state.report else {
            grid.line(s("report.loading"), in: inner.row(0), style: .dim)
            return
        }
        let shown = lines(report, state, width: inner.width)
        let scroll = min(state.reportScroll, max(0, shown.count - rows))
        for (i, line) in shown.dropFirst(scroll).prefix(rows).enumerated() {
            grid.line(line.text, in: inner.row(i), style: line.style)
        }
    }

    /// The pane's rows in words, each fitted to `width` cells by the grid.
    func lines(_ report: Report, _ state: AppState, width: Int) -> [(text: String, style: Style)] {
        let p = screen.presenter, s = screen.strings, w = report.whole
        let paneRows = report.paneRows
        var labels: [String] = [], counts: [Int] = []
        for case .bar(let b, let count, _) in paneRows {
            labels.append(p.bar(b, organisations: state.organisations))
            counts.append(count)
        }
        // One label column and one count column for every chart, so the bars start in one column.
        let labelWidth = min(labels.map { DisplayWidth.of($0) }.max() ?? 0, max(1, width / 3))
        let countWidth = counts.map { String($0).count }.max() ?? 1
        // The bars end a cell short of the frame.
        let room = max(1, width - 2 - labelWidth - 1 - countWidth - 1 - 1)
        return paneRows.map { row in
            switch row {
            case .period: return (p.period(report), .plain)
            case .scope: return (p.scope(state.viewer), .plain)
            case .totals:
                return (s("report.totals", ["n": w.total, "reply": p.ratio(w.replyRate), "ontime": p.ratio(w.onTimeReplyRate)]), .bold)
            case .alerts:
                return (s("report.alerts", ["adoption": p.ratio(w.adoptionRate), "overdue": w.overdue, "escalated": w.escalated,
                                            "days": p.days(w.averageDaysToReply)]), .bold)
            case .heading(let h): return (heading(h), Style(bold: true, underline: true))
            case .bar(let b, let count, let scale):
                let label = DisplayWidth.pad(p.bar(b, organisations: state.organisations), columns: labelWidth, mark: screen.glyphs.ellipsis)
                let number = DisplayWidth.pad(String(count), columns: countWidth, alignRight: true)
                return ("  " + label + " " + number + " " + String(repeating: Self.block, count: Self.length(count, of: scale, room: room)), .plain)
            case .blank: return ("", .plain)
            case .countyNote: return (s("report.county.note"), .dim)
            case .countyTotals:
                let c = report.county?.whole ?? MatterStatistics()
                return (s("report.county.totals", ["n": c.total, "ontime": c.repliedOnTime, "late": c.repliedLate,
                                                   "overdue": c.overdue, "adoption": p.ratio(c.adoptionRate)]), .bold)
            case .plan(let plan):
                return ("  " + s("report.plans.row", ["title": Sanitizer.shown(plan.title), "done": p.ratio(plan.ratio),
                                                      "underway": plan.underway]), .plain)
            case .countyDetail(let f):
                // Under its department's bar, indented past the bar's label.
                return ("    " + s("report.county.row", ["ontime": f.repliedOnTime, "late": f.repliedLate, "overdue": f.overdue,
                                                         "adopted": f.adopted, "partly": f.partlyAdopted, "rejected": f.rejected]), .dim)
            }
        }
    }

    private func heading(_ h: ReportHeading) -> String {
        switch h {
        case .replies: return screen.strings("report.heading.replies")
        case .adoption: return screen.strings("report.heading.adoption")
        case .by(let g): return screen.strings("report.heading.\(g.rawValue)")
        case .county: return screen.strings("report.county.heading")
        case .plans: return screen.strings("report.plans.heading")
        }
    }

    /// A bar's cells: `count` in proportion to `scale` over `room` cells, rounded, and at least one cell for any
    /// count above zero (so a small count is never drawn as none).
    static func length(_ count: Int, of scale: Int, room: Int) -> Int {
        guard count > 0, scale > 0 else { return 0 }
        return max(1, Int((Double(count) * Double(room) / Double(scale)).rounded()))
    }
}
