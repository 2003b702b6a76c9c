import OversightDomain
import OversightWorkbench
import TerminalKit

/// The inbox: the viewer's open matters, most urgent first, one per row.
struct InboxPane {
    let screen: Screen

    func draw(_ state: AppState, in area: Rect, focused: Bool, suffix: String = "", _ grid: inout CellGrid) {
        let s = screen.strings, p = screen.presenter
        if let admin = state.admin {
            let suffix = state.zoomed ? " \(screen.glyphs.dot) " + s("pane.zoomed") + suffix : suffix
            drawAdmin(admin, rows: state.adminRows, filter: state.filter, selection: state.adminSelection, in: area, focused: focused, suffix: suffix, &grid)
            return
        }
        // Zoomed (`z`), the title says the inbox has the whole width: 收件箱（全宽）.
        let name = s(state.zoomed ? "pane.inbox-zoomed" : "pane.inbox")
        var title = name + " (" + s("inbox.counts", ["open": state.todo, "all": state.totalVisible]) + ")"
        // What waits on sign-off is the inbox's first group, counted in its title (待审批 2).
        if !state.awaiting.isEmpty { title += " " + s(signOffHeader(state), ["n": state.awaiting.count]) }
        if state.filtering {
            // What narrows the inbox, and how many of the scope's rows it lets through: always whole in the title. Where
            // the pane is narrow the counts of the unfiltered inbox go first, then the words are cut.
            let shown = Sanitizer.shown(state.filter)
            func filtered(_ columns: Int) -> String {
                s("inbox.filtered", ["words": DisplayWidth.fit(shown, columns: max(2, columns), mark: screen.glyphs.ellipsis),
                                     "n": screen.inboxCount(state), "all": state.summary.inScope])
            }
            let room = area.width - 4 - DisplayWidth.of(suffix)
            let counted = title + " " + filtered(20)
            if DisplayWidth.of(counted) <= room {
                title = counted
            } else {
                title = name + " " + filtered(20)
                let over = DisplayWidth.of(title) - room
                if over > 0 { title = name + " " + filtered(min(20, DisplayWidth.of(shown)) - over) }
            }
        }
        var inner = grid.frame(area, title: title + suffix, focused: focused, glyphs: screen.glyphs)
        guard !inner.isEmpty else { return }
        if !state.awaiting.isEmpty, inner.height >= 4 {
            let (block, rest) = inner.splitTop(1 + min(state.awaiting.count, max(1, (inner.height - 2) / 3)))
            drawSignOff(state, in: block, focused: focused, &grid)
            inner = rest
        }
        guard !state.inbox.isEmpty else {
            grid.line(s(state.filtering ? "inbox.empty-filtered" : "inbox.empty"), in: inner.row(0), style: .dim)
            return
        }
        // Page-wise scrolling (as mutt): rows stay put while the selection moves within a page.
        // Only the page's rows are measured and drawn: the work follows the screen, not the data.
        // The window holds the rows around the selection; `top` is a row of the whole inbox.
        let top = (state.selection / inner.height) * inner.height
        let first = min(max(0, top - state.inboxStart), state.inbox.count)
        // The page's rows come prepared (their words, marks and urgency); the pane only sizes the columns and places them.
        let page = p.inboxRows(state, first..<min(state.inbox.count, first + inner.height))
        let columns = screen.memo.columns(width: inner.width, rows: page, anyTagged: !state.tagged.isEmpty, mark: screen.glyphs.ellipsis)
        // (Were the window short of the page's top, its rows would still sit on their own lines.)
        let offset = state.inboxStart + first - top
        for (i, r) in page.enumerated() where offset + i < inner.height {
            let selected = state.awaitingSelection == nil && r.index == state.selection
            var style = Style.plain
            switch r.tone {
            case .overdue: style = .alert
            case .dueToday: style = .warning
            case .plain: break
            }
            if selected { style.reverse = focused; style.bold = true }
            let row = inner.row(offset + i)
            let text = screen.memo.line(r, selected: selected, width: row.width, columns: columns) {
                DisplayWidth.fit(columns.text(r, selected: selected), columns: row.width, mark: screen.glyphs.ellipsis)
            }
            grid.line(text, in: row, style: style, fitted: true)
            if selected && focused { grid.cursor = Point(x: row.x, y: row.y) }
        }
    }

    /// The header of the sign-off block: a head's 待审批, a handler's own submissions.
    func signOffHeader(_ state: AppState) -> String {
        state.viewer.user.role == .head ? "inbox.sign-off.awaiting" : "inbox.sign-off.own"
    }

    /// The sign-off block above the inbox's rows: its header with the count, then its entries (as many as fit,
    /// the selected one among them), each one line.
    func drawSignOff(_ state: AppState, in block: Rect, focused: Bool, _ grid: inout CellGrid) {
        let s = screen.strings, p = screen.presenter
        grid.line(s(signOffHeader(state), ["n": state.awaiting.count]), in: block.row(0), style: Style(bold: true))
        let room = block.height - 1
        let selection = state.awaitingSelection
        let first = selection.map { max(0, min($0 - room + 1, state.awaiting.count - room)) } ?? 0
        let own = state.viewer.user.role != .head
        for i in 0..<room where state.awaiting.indices.contains(first + i) {
            let item = state.awaiting[first + i]
            let selected = selection == first + i
            var style = item.submission.state == .returned ? Style.warning : Style.plain
            if selected { style.reverse = focused; style.bold = true }
            let row = block.row(1 + i)
            grid.line((selected ? ">" : " ") + " " + p.signOffRow(item, own: own), in: row, style: style)
            if selected && focused { grid.cursor = Point(x: row.x, y: row.y) }
        }
    }

    /// The inbox's columns, sized to the pane: selection and urgency markers, number, kind,
    /// domain, title and urgency. The title always gets room: a narrow pane first drops the
    /// domain, then shortens the document number (its org-code prefix ellipsized from the
    /// left, the distinguishing end and the 〔year〕N号 tail kept), then drops the kind.
    struct Columns: Hashable {
        /// Whether any matter is tagged: the rows then have a tag column.
        let anyTagged: Bool
        /// What ends cut text ("…", or "..." in ASCII).
        let mark: String
        var numberWidth: Int, kindWidth: Int, domainWidth: Int, urgencyWidth: Int, titleWidth: Int

        /// The title's share below which the other columns give way.
        static let titleMinimum = 10

        init(width: Int, rows: [InboxRowView], anyTagged: Bool, mark: String = "…") {
            self.anyTagged = anyTagged
            self.mark = mark
            func widest(_ f: (InboxRowView) -> String, cap: Int) -> Int {
                min(cap, rows.map { DisplayWidth.of(f($0)) }.max() ?? 0)
            }
            let fullNumber = widest({ $0.number }, cap: 24)
            // The shortest the number gets while it still says who issued it: "…建〔2026〕1号".
            let shortNumber = min(fullNumber, widest({ Self.number($0.number, columns: 0, keepPrefix: 1, mark: mark) }, cap: 24))
            let tailNumber = min(shortNumber, widest({ Self.number($0.number, columns: 0, keepPrefix: 0, mark: mark) }, cap: 24))
            var kind = widest(\.kind, cap: 12)
            var domain = widest(\.domain, cap: 12)
            let urgency = widest(\.urgency, cap: 14)
            var number = fullNumber
            // Cells left for the title: the width less the markers, the columns and one space
            // between each two.
            func title(_ number: Int) -> Int {
                // The marks: selection and urgency, and a tag column while any matter is tagged.
                var used = (anyTagged ? 3 : 2) + number + 1 + urgency + 1 + 1  // and one space before the border
                if kind > 0 { used += kind + 1 }
                if domain > 0 { used += domain + 1 }
                return width - used
            }
            let minimum = Self.titleMinimum
            if title(number) < minimum { domain = 0 }
            if title(number) < minimum { number = max(shortNumber, number - (minimum - title(number))) }
            if title(number) < minimum {
                // Without the kind, the number stays short (every row alike) and the title
                // gets what that frees.
                kind = 0
                number = shortNumber
            }
            if title(number) < minimum { number = max(tailNumber, number - (minimum - title(number))) }
            // Too narrow even for that: the number gives up what the title needs, down to nothing.
            if title(number) < minimum { number = max(0, number - (minimum - title(number))) }
            numberWidth = number
            kindWidth = kind
            domainWidth = domain
            urgencyWidth = urgency
            titleWidth = max(0, title(number))
        }

        /// A document number in at most `columns` cells (0: as short as `keepPrefix` allows).
        /// "文检行建〔2026〕1号" becomes "…行建〔2026〕1号", "…建〔2026〕1号", then "〔2026〕1号";
        /// a number without the 〔year〕 form is cut at its end.
        static func number(_ number: String, columns: Int, keepPrefix: Int = 1, mark: String = "…") -> String {
            let clean = Sanitizer.shown(number)
            if columns > 0, DisplayWidth.of(clean) <= columns { return clean }
            guard let open = clean.firstIndex(of: "〔") else {
                return columns > 0 ? DisplayWidth.fit(clean, columns: columns, mark: mark) : clean
            }
            let prefix = clean[..<open], tail = String(clean[open...])
            if columns == 0 {
                return keepPrefix == 0 || prefix.isEmpty ? tail : mark + prefix.suffix(keepPrefix) + tail
            }
            for k in stride(from: prefix.count - 1, through: 1, by: -1) {
                let s = mark + prefix.suffix(k) + tail
                if DisplayWidth.of(s) <= columns { return s }
            }
            return DisplayWidth.of(tail) <= columns ? tail : DisplayWidth.fit(clean, columns: columns, mark: mark)
        }

        func text(_ r: InboxRowView, selected: Bool) -> String {
            // ">" marks the selection (also drawn reversed or bold); while anything is tagged a second column shows
            // "+" on each tagged row, so a tagged selected row reads ">+".
            let tag = anyTagged ? (r.tagged ? "+" : " ") : ""
            let marker = (selected ? ">" : " ") + tag + r.mark
            var parts = [marker + DisplayWidth.pad(Self.number(r.number, columns: numberWidth, mark: mark), columns: numberWidth)]
            if kindWidth > 0 { parts.append(DisplayWidth.pad(r.kind, columns: kindWidth, mark: mark)) }
            if domainWidth > 0 { parts.append(DisplayWidth.pad(r.domain, columns: domainWidth, mark: mark)) }
            if titleWidth > 0 { parts.append(DisplayWidth.pad(r.title, columns: titleWidth, mark: mark)) }
            parts.append(DisplayWidth.pad(r.urgency, columns: urgencyWidth, alignRight: true, mark: mark))
            return parts.joined(separator: " ")
        }
    }
}

extension InboxPane {
    /// The administrator's pane: people with party and role, then organisations, one per row with a
    /// selection; paged as the inbox is (the rows stay put while the selection moves within a page). The
    /// selected row's fields and the database's health are in the detail pane.
    func drawAdmin(_ admin: AdminOverview, rows: [AdminRow], filter: String, selection: Int, in area: Rect, focused: Bool,
                   suffix: String, _ grid: inout CellGrid) {
        let s = screen.strings, p = screen.presenter
        var title = s("pane.admin", ["n": admin.users.count, "o": admin.organisations.count])
        // Filtered: what narrows the list and how many rows it lets through, in place of the counts.
        if !filter.isEmpty {
            let words = DisplayWidth.fit(Sanitizer.shown(filter), columns: 12, mark: screen.glyphs.ellipsis)
            title = s("admin.filtered", ["words": words, "n": rows.count, "all": admin.users.count + admin.organisations.count])
        }
        let inner = grid.frame(area, title: title + suffix, focused: focused, glyphs: screen.glyphs)
        guard !inner.isEmpty else { return }
        guard !rows.isEmpty else {
            grid.line(s("admin.empty-filtered"), in: inner.row(0), style: .dim)
            return
        }
        let orgs = Dictionary(admin.organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let top = (selection / inner.height) * inner.height
        for i in 0..<inner.height {
            let index = top + i
            guard rows.indices.contains(index) else { break }
            let selected = index == selection
            let text: String
            var style = Style.plain
            switch rows[index] {
            case .user(let u):
                let org = orgs[u.org]
                let party = org.map { p.party($0.party) } ?? ""
                text = [DisplayWidth.pad(u.name, columns: 12), DisplayWidth.pad(u.displayName, columns: 8), DisplayWidth.pad(party, columns: 8),
                        DisplayWidth.pad(p.role(u.role), columns: 6), u.active ? "" : s("admin.disabled"), org?.name ?? u.org].joined(separator: " ")
                if !u.active { style = .dim }
            case .organisation(let o):
                text = [DisplayWidth.pad(o.id, columns: 12), DisplayWidth.pad(p.party(o.party), columns: 8),
                        o.active ? "" : s("admin.disabled"), o.name].filter { !$0.isEmpty }.joined(separator: " ")
                if !o.active { style = .dim }
            }
            if selected { style.reverse = focused; style.bold = true }
            let row = inner.row(i)
            grid.line((selected ? ">" : " ") + " " + Sanitizer.shown(text), in: row, style: style)
            if selected && focused { grid.cursor = Point(x: row.x, y: row.y) }
        }
    }
}
