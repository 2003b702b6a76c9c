import OversightDomain
import OversightWorkbench
import TerminalKit

/// Draws the whole workbench for a state into a fresh grid: a pure function, so a test can
/// read any screen as text.
public struct Screen: Sendable {
    public var presenter: Presenter
    public var keymap: Keymap
    public var glyphs: Glyphs
    /// What the last frames laid out, for the next (a cache: the same cells with or without it).
    let memo = ScreenMemo()

    /// Below this the three panes give way to one pane at a time.
    public static let threePaneMinimum = Size(width: 80, height: 20)
    /// Below this even one pane does not fit: only a line asking to enlarge the terminal.
    public static let onePaneMinimum = Size(width: 24, height: 6)

    public init(presenter: Presenter, keymap: Keymap = .standard, glyphs: Glyphs = .unicode) {
        self.presenter = presenter
        self.keymap = keymap
        self.glyphs = glyphs
    }

    public func render(_ state: AppState, size: Size) -> CellGrid {
        var grid = CellGrid(size: size, glyphs: glyphs)
        guard size.width >= Self.onePaneMinimum.width, size.height >= Self.onePaneMinimum.height else {
            drawTooSmall(&grid)
            return grid
        }
        let (title, rest) = grid.bounds.splitTop(1)
        let (body, hint) = rest.splitBottom(1)
        drawTitle(state, in: title, &grid)
        let panes = Layout(body: body, threePanes: size.width >= Self.threePaneMinimum.width && size.height >= Self.threePaneMinimum.height)
        if state.zoomed {
            // The inbox alone on the whole width and the panes' height; its title says so.
            InboxPane(screen: self).draw(state, in: body, focused: true, &grid)
        } else if let all = panes.three {
            InboxPane(screen: self).draw(state, in: all.inbox, focused: state.focus == .inbox, &grid)
            DetailPane(screen: self).draw(state, in: all.detail, focused: state.focus == .detail, &grid)
            CalendarPane(screen: self).draw(state, in: all.calendar, focused: state.focus == .calendar, &grid)
        } else {
            // One pane at a time: its title says how to reach the others.
            let more = " \(glyphs.dot) " + strings("pane.more")
            switch state.focus {
            case .inbox: InboxPane(screen: self).draw(state, in: body, focused: true, suffix: more, &grid)
            case .detail: DetailPane(screen: self).draw(state, in: body, focused: true, suffix: more, &grid)
            case .calendar: CalendarPane(screen: self).draw(state, in: body, focused: true, suffix: more, &grid)
            }
        }
        if state.showOverdueSummary { drawOverdueSummary(state, in: body, &grid) }
        if state.showHelp { drawHelp(state, in: body, &grid) }
        if !drawMode(state, body: body, hint: hint, &grid) { drawHints(state, in: hint, &grid) }
        return grid
    }

    var strings: Strings { presenter.strings }

    /// The inbox's count of rows as the title and the filter line show it: "n+" while it is a lower bound (a typed
    /// filter's count capped at the rows read, until the exact count comes).
    func inboxCount(_ state: AppState) -> String {
        state.inboxCountAtLeast ? strings("filter.count.at-least", ["n": state.inboxCount]) : "\(state.inboxCount)"
    }

    /// The detail pane's last scroll position (its last line at the bottom) in `state` at `size`:
    /// the end the reducer's detail movement stops at, measured as `render` lays the pane out.
    public func detailLastScroll(_ state: AppState, size: Size) -> Int {
        guard size.width >= Self.onePaneMinimum.width, size.height >= Self.onePaneMinimum.height,
              let detail = state.detail else { return 0 }
        let body = CellGrid(size: size).bounds.splitTop(1).1.splitBottom(1).0
        let panes = Layout(body: body, threePanes: size.width >= Self.threePaneMinimum.width && size.height >= Self.threePaneMinimum.height)
        let area = panes.three?.detail ?? body
        guard area.width >= 2, area.height >= 2 else { return 0 }
        let inner = area.inset(1)
        let pane = DetailPane(screen: self)
        return DetailPane.lastScroll(lines: pane.lines(detail, state, width: inner.width).rows.count, height: inner.height)
    }

    /// The measure the reducer moves the detail by: this screen's layout.
    public var detailMeasure: DetailMeasure {
        DetailMeasure { [self] state in
            detailLastScroll(state, size: Size(width: state.terminalSize.width, height: state.terminalSize.height))
        }
    }

    // MARK: - Title and hint lines

    func drawTitle(_ state: AppState, in row: Rect, _ grid: inout CellGrid) {
        let alerts = state.alerts
        let right = presenter.alerts(alerts, window: state.alertWindow) + " "
        let sep = " \(glyphs.vertical) "
        // When the line is short, the product name goes first; the organisation then gives up its place name
        // (吕梁市生态环境局文水分局 → 生态环境局文水分局), the date its weekday, and the organisation is cut last:
        // who is working, and for which organisation, stays in sight.
        let org = Sanitizer.shown(state.viewer.org.name)
        var app: String? = strings("app.name")
        var orgShown = org
        var day = "\(state.today) \(presenter.weekday(state.today))"
        func line() -> String {
            var parts = [app, orgShown, state.viewer.user.displayName, day].compactMap { $0 }
            // A session that may only read says so where the user looks first (it stays while the line shortens).
            if state.readOnly { parts.append(strings("title.read-only")) }
            return " " + parts.joined(separator: sep)
        }
        func fits() -> Bool { DisplayWidth.of(line()) + DisplayWidth.of(right) + 1 <= row.width }
        if !fits() { app = nil }
        if !fits() { orgShown = Organisation.shortName(org) }
        if !fits() { day = state.today.description }
        if !fits() {
            let over = DisplayWidth.of(line()) + DisplayWidth.of(right) + 1 - row.width
            orgShown = DisplayWidth.fit(orgShown, columns: max(6, DisplayWidth.of(orgShown) - over), mark: glyphs.ellipsis)
        }
        let left = line()
        let style = alerts.overdue > 0 ? Style(bold: true, reverse: true) : Style(reverse: true)
        grid.fill(row, style: Style(reverse: true))
        let rightWidth = DisplayWidth.of(right)
        if rightWidth >= row.width {
            grid.put(DisplayWidth.fit(right, columns: row.width, mark: glyphs.ellipsis), at: Point(x: row.x, y: row.y), style: style)
            return
        }
        grid.put(DisplayWidth.fit(left, columns: row.width - rightWidth - 1, mark: glyphs.ellipsis), at: Point(x: row.x, y: row.y), style: Style(reverse: true))
        grid.put(right, at: Point(x: row.maxX - rightWidth, y: row.y), style: style)
    }

    func drawHints(_ state: AppState, in row: Rect, _ grid: inout CellGrid) {
        // A failure first (the text is the error's, made safe by the grid), then a standing notice.
        if let status = state.status {
            grid.line(" " + strings("status.failed", ["message": presenter.text(status)]), in: row, style: .alert)
            return
        }
        if let message = state.message {
            grid.line(" " + text(of: message, state), in: row, style: .bold)
            return
        }
        if let notice = state.notice {
            grid.line(" " + notice, in: row, style: .bold)
            return
        }
        // Hints are dropped whole, last first, when the line is short; help and quit stay.
        // Esc is hinted while a filter is on: it clears it.
        let pane: KeySection = switch state.focus {
        case .inbox: .inbox
        case .detail: .detail
        case .calendar: .calendar
        }
        // Zoomed, the zoom key says it goes back, and stays on the line as help and quit do.
        let back = state.zoomed ? "hint.zoom" : nil
        func label(_ key: String) -> String { strings(key == back ? "hint.unzoom" : key) }
        var hints = keymap.hintGroups(in: pane) { $0 == .clear ? state.filtering : state.offers($0) }.map { (text: $0.keys.map(keyLabel).joined(separator: "/") + " " + label($0.label), essential: $0.label == back || isEssential($0.label)) }
        func line() -> String { " " + hints.map(\.text).joined(separator: "  ") }
        while DisplayWidth.of(line()) > row.width, let i = hints.lastIndex(where: { !$0.essential }) {
            hints.remove(at: i)
        }
        grid.line(line(), in: row, style: .dim)
    }

    /// A mode's footer from its keymap section ("j/k 选择  Enter 执行  Esc 返回"): a rebound key shows as bound.
    /// `shown` picks the labels this footer offers now; the confirm box adds that any other key says no.
    func footer(_ section: KeySection, separator: String = "  ", _ shown: (String) -> Bool = { _ in true }) -> String {
        var map = keymap
        map[section] = keymap[section].filter { $0.hint.map(shown) ?? false }
        let text = map.footerText(section, separator: separator) { strings($0) }
        return section == .confirm ? text + separator + strings("confirm.others") : text
    }

    /// Whether the hint `label` names help or quit: the two a user must always be able to find.
    func isEssential(_ label: String) -> Bool {
        keymap.bindings.contains { $0.hint == label && ($0.command == .help || $0.command == .quit) }
    }

    func drawTooSmall(_ grid: inout CellGrid) {
        let size = grid.size
        let need = Self.onePaneMinimum
        let long = strings("small.message", ["w": need.width, "h": need.height, "cw": size.width, "ch": size.height])
        let text = DisplayWidth.of(long) <= size.width ? long : strings("small.short")
        grid.line(text, in: grid.bounds.row(size.height / 2), style: .bold)
        // How to leave stays in sight, on the last row (help cannot open on so small a screen).
        if let quit = keymap.hints.first(where: { h in keymap.bindings.contains { $0.hint == h.label && $0.command == .quit } }),
           size.height >= 3 {
            grid.line(" \(quit.keys.replacingTabs) \(strings(quit.label))", in: grid.bounds.row(size.height - 1), style: .dim)
        }
    }

    /// The entry summary: every overdue matter with its number, title and days overdue.
    func drawOverdueSummary(_ state: AppState, in body: Rect, _ grid: inout CellGrid) {
        let overdue = presenter.overdueRows(state), total = max(overdue.count, state.alerts.overdue)
        let width = min(body.width, 72), height = min(body.height, overdue.count + 3)
        let box = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        grid.fill(box)
        let inner = grid.frame(box, title: strings("summary.title", ["n": total]), focused: true, glyphs: glyphs)
        let rows = max(0, inner.height - 1)
        for (i, m) in overdue.prefix(rows).enumerated() {
            let left = "! " + m.number + "  " + m.title
            let room = max(0, inner.width - DisplayWidth.of(m.urgency) - 1)
            grid.line(DisplayWidth.pad(left, columns: room, mark: glyphs.ellipsis) + " " + m.urgency, in: inner.row(i), style: .alert)
        }
        let more = total > rows ? strings("summary.more", ["n": total - min(rows, overdue.count)]) + "  " : ""
        // The `[summary]` section's keys that do something besides putting it away (`? = :help`), labelled as the
        // panes label their command, then that any other key goes on.
        var map = keymap
        map[.summary] = keymap[.summary].compactMap { b in
            guard b.command != .cancel, let hint = b.hint ?? keymap.bindings.first(where: { $0.text == b.text && $0.hint != nil })?.hint
            else { return nil }
            return KeyBinding(b.key, text: b.text, hint: hint)
        }
        let keys = map.footerText(.summary) { strings($0) }
        grid.line(more + (keys.isEmpty ? "" : keys + "  ") + strings("summary.footer"), in: inner.row(inner.height - 1), style: .dim)
    }

    /// The keymap, one command a row, its text wrapped (never cut) in a box as wide as the screen allows. Taller
    /// than the screen (80×24 among others) it scrolls, an entry at a time (j/k while it is open), and its key
    /// column narrows on a small terminal, so every entry can be read at any size.
    func drawHelp(_ state: AppState, in body: Rect, _ grid: inout CellGrid) {
        // The legend's "due soon" says the alert window the clock settings give (3日内到期 with a 3-day window).
        let entries = keymap.helpRows(state, ellipsis: glyphs.ellipsis).map {
            (keys: $0.keys, text: $0.label.isEmpty ? "" : strings($0.label, ["n": state.alertWindow]))
        }
        let width = min(body.width, 78)
        let innerWidth = max(0, width - 2)
        let keyWidth = min((entries.map { DisplayWidth.of($0.keys) }.max() ?? 0) + 2, max(1, innerWidth / 2))
        let textWidth = max(1, innerWidth - keyWidth)
        // Each entry's lines: its keys and text on the first, the rest of the text under the text.
        let lines: [[String]] = entries.map { e in
            Self.wrap(e.text, columns: textWidth).enumerated().map { i, piece in
                (i == 0 ? DisplayWidth.pad(e.keys, columns: keyWidth, mark: glyphs.ellipsis) : String(repeating: " ", count: keyWidth)) + piece
            }
        }
        let total = lines.reduce(0) { $0 + $1.count }
        let height = min(body.height, total + 3)
        let box = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        grid.fill(box)
        let inner = grid.frame(box, title: strings("help.title"), focused: true, glyphs: glyphs)
        guard !inner.isEmpty else { return }
        let rows = max(0, inner.height - 1)
        // Scrolled no further than where the last entries fill the box.
        var last = entries.count, tail = 0
        while last > 0, tail + lines[last - 1].count <= rows {
            last -= 1
            tail += lines[last].count
        }
        let scroll = min(state.helpScroll, last)
        let shown = lines[min(scroll, lines.count)...].flatMap { $0 }
        for (i, text) in shown.prefix(rows).enumerated() { grid.line(text, in: inner.row(i)) }
        // Scrolling is offered only when there is more than the box shows.
        let footer = self.footer(.help) { total > rows || $0 != "hint.scroll" }
        grid.line(footer, in: inner.row(inner.height - 1), style: .dim)
    }

    /// `text` in lines of at most `columns` cells, broken between words (or next to a wide character).
    static func wrap(_ text: String, columns: Int) -> [String] {
        var rest = Substring(text)
        var out: [String] = []
        while !rest.isEmpty {
            var piece = DisplayWidth.fit(String(rest), columns: columns, ellipsis: false, words: true)
            if piece.isEmpty { piece = String(rest.prefix(1)) }
            out.append(piece)
            rest = rest.dropFirst(piece.count).drop { $0 == " " }
        }
        return out.isEmpty ? [""] : out
    }
}

private extension String {
    /// "<Tab>" reads better as "Tab" on the hint line.
    var replacingTabs: String {
        String(filter { $0 != "<" && $0 != ">" })
    }
}

/// Where the panes go: inbox and detail side by side over a full-width calendar.
struct Layout {
    var three: (inbox: Rect, detail: Rect, calendar: Rect)?

    /// Rows the calendar needs: a frame, the weekday header and six weeks.
    static let calendarHeight = 9

    init(body: Rect, threePanes: Bool) {
        guard threePanes else { three = nil; return }
        let (top, calendar) = body.splitBottom(Self.calendarHeight)
        let (inbox, detail) = top.splitLeft(top.width * 55 / 100)
        three = (inbox, detail, calendar)
    }
}
