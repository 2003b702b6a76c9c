import OversightDomain
import OversightWorkbench
import TerminalKit

/// The detail pane: the selected matter's fields, summary and timeline.
struct DetailPane {
    let screen: Screen

    func draw(_ state: AppState, in area: Rect, focused: Bool, suffix: String = "", _ grid: inout CellGrid) {
        let s = screen.strings
        var title = s("pane.detail") + suffix
        if let m = state.selectedMatter { title += " " + m.title }
        if let admin = state.admin {
            drawAdmin(admin, state.adminSelected, in: area, focused: focused, suffix: suffix, &grid)
            return
        }
        let inner = grid.frame(area, title: title, focused: focused, glyphs: screen.glyphs)
        guard !inner.isEmpty else { return }
        guard let detail = state.detail else {
            grid.line(state.selectedMatter == nil ? s("detail.empty") : s("detail.loading"), in: inner.row(0), style: .dim)
            return
        }
        let (lines, labelWidth) = self.lines(detail, state, width: inner.width)
        let scroll = min(state.detailScroll, Self.lastScroll(lines: lines.count, height: inner.height))
        for i in 0..<inner.height {
            let index = scroll + i
            guard index < lines.count else { break }
            let (label, text, style) = lines[index]
            let row = inner.row(i)
            guard let label else {
                grid.line(text, in: row, style: style)
                continue
            }
            grid.line(DisplayWidth.pad(label, columns: labelWidth, mark: screen.glyphs.ellipsis) + " " + text, in: row, style: style)
            grid.restyle(Rect(x: row.x, y: row.y, width: labelWidth, height: 1)) { $0.bold = true }
        }
        if focused { grid.cursor = Point(x: inner.x, y: inner.y) }
    }

    /// The scroll that shows the last line at the bottom (0 when everything fits).
    static func lastScroll(lines: Int, height: Int) -> Int { max(0, lines - height) }

    /// The detail's rows at `width`, and the label column's width: label and value side by side;
    /// a value without a label (the lines under a heading, such as the deadline's explanation)
    /// takes the whole width, indented.
    func lines(_ detail: MatterDetail, _ state: AppState, width: Int) -> (rows: [(label: String?, text: String, style: Style)], labelWidth: Int) {
        // The words come prepared (Presenter); the pane wraps them and places them.
        let fields = screen.presenter.detailLines(detail, state)
        // Headings (a label with no value) take a whole row, so only labelled values set the column.
        let labelWidth = min(width / 3, (fields.filter { !$0.value.isEmpty }.map { DisplayWidth.of($0.label) }.max() ?? 0) + 1)
        let valueWidth = max(1, width - labelWidth - 1)
        var lines: [(label: String?, text: String, style: Style)] = []
        for f in fields {
            let isHeading = !f.label.isEmpty && f.value.isEmpty
            if f.label.isEmpty && !f.value.isEmpty {
                for part in Wrap.lines(f.value, width: max(1, width - 2)) { lines.append((nil, "  " + part, .plain)) }
                continue
            }
            if isHeading {
                // A heading takes the whole row: never cut to the label column.
                lines.append((nil, f.label, .bold))
                continue
            }
            for (i, part) in Wrap.lines(f.value, width: valueWidth).enumerated() {
                lines.append((i == 0 ? f.label : "", part, .plain))
            }
        }
        return (lines, labelWidth)
    }
}

/// Breaks text into lines of at most `width` display cells (a Han character is two). A line
/// may break after any wide character, but a word of narrow letters (English, a date) moves
/// whole to the next line when it fits there, rather than being split.
enum Wrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [""] }
        // Most values are plain and fit their row: one line, as it is (what the loop below would make of it).
        if let w = DisplayWidth.plainWidth(text), w <= width { return [text] }
        let shown = Sanitizer.shown(text)
        // Each character with its width, measured once: a scalar at a time where every scalar stands alone (no
        // breaking into characters, no look-up of properties), else character by character.
        let units: [(c: Character, w: Int)] = DisplayWidth.aloneWidth(shown) != nil
            ? shown.unicodeScalars.map { (Character($0), DisplayWidth.alone($0) ?? 1) }
            : shown.map { ($0, DisplayWidth.of($0)) }
        var out: [String] = [], line: [(c: Character, w: Int)] = [], used = 0
        for (c, w) in units {
            if used + w > width {
                // Where the line may break: after the last space, or next to a wide character.
                var cut = line.count
                if w == 1, c != " ", let last = line.last, last.c != " ", last.w == 1 {
                    var i = line.count
                    while i > 0, line[i - 1].c != " ", line[i - 1].w == 1 { i -= 1 }
                    if i > 0 { cut = i }
                }
                out.append(String(line[..<cut].map(\.c)))
                line = Array(line[cut...])
                if line.isEmpty, c == " " { used = 0; continue }  // a space at a break is not carried over
                used = line.reduce(0) { $0 + $1.w }
            }
            line.append((c, w))
            used += w
        }
        out.append(String(line.map(\.c)))
        return out
    }
}

extension DetailPane {
    /// The administrator's detail: the selected person's or organisation's fields, then the database's health.
    func drawAdmin(_ admin: AdminOverview, _ selected: AdminRow?, in area: Rect, focused: Bool, suffix: String, _ grid: inout CellGrid) {
        let s = screen.strings, p = screen.presenter
        var title = s("pane.detail") + suffix
        var fields: [(String, String)] = []
        switch selected {
        case .user(let u)?:
            title += " " + Sanitizer.shown(u.displayName)
            let org = admin.organisations.first { $0.id == u.org }
            fields = [
                (s("admin.field.login"), u.name), (s("admin.field.display"), u.displayName),
                (s("admin.field.org"), org.map { "\($0.name)（\($0.id)）" } ?? u.org),
                (s("admin.field.role"), p.role(u.role)),
                (s("admin.field.state"), u.active ? s("admin.active") : s("admin.disabled")),
            ]
        case .organisation(let o)?:
            title += " " + Sanitizer.shown(o.name)
            fields = [
                (s("admin.field.id"), o.id), (s("admin.field.name"), o.name), (s("admin.field.party"), p.party(o.party)),
                (s("admin.field.domains"), o.domains.map { p.domain($0) }.joined(separator: "、")),
                (s("admin.field.state"), o.active ? s("admin.active") : s("admin.disabled")),
            ]
        case nil: break
        }
        let inner = grid.frame(area, title: title, focused: focused, glyphs: screen.glyphs)
        guard !inner.isEmpty else { return }
        let labelWidth = fields.map { DisplayWidth.of($0.0) }.max() ?? 0
        var lines: [(String, Style)] = fields.map {
            (DisplayWidth.pad($0.0, columns: labelWidth) + " " + Sanitizer.shown($0.1), .plain)
        }
        let h = admin.health
        let audit = h.lastAudit.map { a in
            a.intact ? s("admin.audit.intact", ["at": a.at, "n": a.events, "head": String((a.head ?? "").prefix(16))])
                : s("admin.audit.broken", ["at": a.at, "id": a.badEvent.map(String.init) ?? "?", "problem": a.problem ?? ""])
        } ?? s("admin.audit.never")
        if !lines.isEmpty { lines.append(("", .plain)) }
        lines.append((s("admin.health"), .bold))
        lines += [
            (Sanitizer.shown(h.path), .dim),
            (s("admin.health.state", ["integrity": h.integrity, "mode": h.journalMode, "kib": h.bytes / 1024]), .dim),
            (s("admin.health.counts", ["o": h.organisations, "u": h.users, "m": h.matters, "open": h.openMatters, "e": h.events]), .dim),
            (audit, h.lastAudit?.intact == false ? .alert : .dim),
        ]
        for (i, line) in lines.prefix(inner.height).enumerated() { grid.line(line.0, in: inner.row(i), style: line.1) }
    }
}
