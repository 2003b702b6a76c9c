import OversightDomain

/// Something that happened: a key, a resize, or data arriving from the store.
public enum AppAction: Sendable {
    case key(String)
    case resized(width: Int, height: Int)
    case inboxLoaded(open: [Matter], total: Int)
    case detailLoaded(MatterDetail?)
    /// Another session wrote to the database: reload what is shown.
    case dataChanged
    /// An effect (a store call) failed; the message is the error's description. The session goes on.
    case effectFailed(String)
}

/// Work the reducer asks the runtime to do. Data, so tests can compare it.
public enum Effect: Hashable, Sendable {
    case loadInbox
    case loadDetail(MatterID)
    case quit
}

/// How far the detail pane scrolls: its last scroll position (the last line at the bottom) for a
/// state. The screen that wraps the detail's lines measures it; the reducer cannot.
public struct DetailMeasure: Sendable {
    public var lastScroll: @Sendable (AppState) -> Int?

    public init(lastScroll: @escaping @Sendable (AppState) -> Int?) {
        self.lastScroll = lastScroll
    }

    /// Nothing measures the detail (the reducer on its own): its scroll has no known end.
    public static let unmeasured = DetailMeasure { _ in nil }
}

/// The one place where state changes. No I/O: what needs the outside world comes back as effects.
public func reduce(
    _ state: inout AppState, _ action: AppAction, keymap: Keymap = .standard, measure: DetailMeasure = .unmeasured
) -> [Effect] {
    switch action {
    case .resized(let w, let h):
        state.terminalSize = (w, h)
        return []
    case .inboxLoaded(let open, let total):
        let previous = state.selectedMatter?.id
        state.inbox = AlertRules.inboxOrder(open, today: state.today, window: state.alertWindow)
        state.totalVisible = total
        if state.entrySummaryPending {
            // On entry, what is overdue is shown without being asked for.
            state.entrySummaryPending = false
            state.showOverdueSummary = state.alerts.overdue > 0
        }
        state.selection = previous.flatMap { id in state.inbox.firstIndex { $0.id == id } } ?? 0
        // A first load (or a vanished selection) needs a detail; a reload keeps the one shown.
        return selectionChanged(&state, from: state.detail?.matter.id)
    case .dataChanged:
        return [.loadInbox] + (state.selectedMatter.map { [.loadDetail($0.id)] } ?? [])
    case .effectFailed(let message):
        state.status = message
        return []
    case .detailLoaded(let detail):
        if detail?.matter.id == state.selectedMatter?.id {
            if state.detail?.matter.id != detail?.matter.id { state.detailScroll = 0 }
            state.detail = detail
        }
        return []
    case .key(let key):
        // A failure stays on the hint line until the next key.
        state.status = nil
        if state.showOverdueSummary {
            // Any key dismisses the summary and does nothing else, so no key acts unseen.
            state.showOverdueSummary = false
            return []
        }
        if state.showHelp {
            if key == "<Esc>" || keymap.command(for: key) == .help || keymap.command(for: key) == .quit {
                state.showHelp = false
            }
            return []
        }
        guard let command = keymap.command(for: key) else { return [] }
        return perform(command, &state, measure: measure)
    }
}

private func perform(_ command: Command, _ state: inout AppState, measure: DetailMeasure) -> [Effect] {
    let page = max(1, state.terminalSize.height / 2)
    switch command {
    case .quit:
        state.quitting = true
        return [.quit]
    case .help:
        state.showHelp = true
        return []
    case .focusNext, .focusPrevious:
        let all = Pane.allCases
        let i = all.firstIndex(of: state.focus)!
        state.focus = all[(i + (command == .focusNext ? 1 : all.count - 1)) % all.count]
        return []
    case .previousMonth:
        state.calendarCursor = state.calendarCursor.adding(months: -1)
        return []
    case .nextMonth:
        state.calendarCursor = state.calendarCursor.adding(months: 1)
        return []
    default:
        break
    }
    switch state.focus {
    case .inbox:
        let previous = state.selectedMatter?.id
        let last = max(0, state.inbox.count - 1)
        switch command {
        case .moveDown: state.selection = min(last, state.selection + 1)
        case .moveUp: state.selection = max(0, state.selection - 1)
        case .moveTop: state.selection = 0
        case .moveBottom: state.selection = last
        case .pageDown: state.selection = min(last, state.selection + page)
        case .pageUp: state.selection = max(0, state.selection - page)
        default: return []
        }
        return selectionChanged(&state, from: previous)
    case .detail:
        // Between the top and the end the screen measured (a resize or reload may have moved it).
        let end = measure.lastScroll(state) ?? Int.max
        let scroll = min(state.detailScroll, end)
        switch command {
        case .moveDown: state.detailScroll = min(end, scroll + 1)
        case .moveUp: state.detailScroll = max(0, scroll - 1)
        case .moveTop: state.detailScroll = 0
        case .moveBottom: state.detailScroll = end == Int.max ? scroll : end
        case .pageDown: state.detailScroll = min(end, scroll + page)
        case .pageUp: state.detailScroll = max(0, scroll - page)
        default: break
        }
        return []
    case .calendar:
        let step: Int
        switch command {
        case .moveLeft: step = -1
        case .moveRight: step = 1
        case .moveUp: step = -7
        case .moveDown: step = 7
        case .moveTop: state.calendarCursor = state.today; return []
        default: return []
        }
        state.calendarCursor = state.calendarCursor.adding(days: step)
        return []
    }
}

/// After the selection moved: clear a stale detail and ask for the new one.
private func selectionChanged(_ state: inout AppState, from previous: MatterID?) -> [Effect] {
    guard let id = state.selectedMatter?.id else {
        state.detail = nil
        return []
    }
    if id == previous { return [] }
    state.detail = nil
    return [.loadDetail(id)]
}
