import OversightDomain

/// Something that happened: a key, a resize, or data arriving from the store.
public enum AppAction: Sendable {
    case key(String)
    case resized(width: Int, height: Int)
    case inboxLoaded(open: [Matter], total: Int)
    case detailLoaded(MatterDetail?)
    /// Another session wrote to the database: reload what is shown.
    case dataChanged
}

/// Work the reducer asks the runtime to do. Data, so tests can compare it.
public enum Effect: Hashable, Sendable {
    case loadInbox
    case loadDetail(MatterID)
    case quit
}

/// The one place where state changes. No I/O: what needs the outside world comes back as effects.
public func reduce(_ state: inout AppState, _ action: AppAction, keymap: Keymap = .standard) -> [Effect] {
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
    case .detailLoaded(let detail):
        if detail?.matter.id == state.selectedMatter?.id {
            if state.detail?.matter.id != detail?.matter.id { state.detailScroll = 0 }
            state.detail = detail
        }
        return []
    case .key(let key):
        if state.showOverdueSummary {
            // Any key dismisses the summary and does nothing else, so no key acts unseen.
            state.showOverdueSummary = false
            return []
        }
        if state.showHelp {
            let command = keymap.command(for: key)
            switch command {
            case .help?, .quit?: state.showHelp = false
            case _ where key == "<Esc>": state.showHelp = false
            // Movement scrolls the help (on a small terminal it is taller than the screen).
            case .moveDown?, .pageDown?: state.helpScroll = min(keymap.help.count - 1, state.helpScroll + 1)
            case .moveUp?, .pageUp?: state.helpScroll = max(0, state.helpScroll - 1)
            case .moveTop?: state.helpScroll = 0
            default: break
            }
            return []
        }
        guard let command = keymap.command(for: key) else { return [] }
        return perform(command, &state)
    }
}

private func perform(_ command: Command, _ state: inout AppState) -> [Effect] {
    let page = max(1, state.terminalSize.height / 2)
    switch command {
    case .quit:
        state.quitting = true
        return [.quit]
    case .help:
        state.showHelp = true
        state.helpScroll = 0
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
        switch command {
        case .moveDown: state.detailScroll += 1
        case .moveUp: state.detailScroll = max(0, state.detailScroll - 1)
        case .moveTop: state.detailScroll = 0
        case .pageDown: state.detailScroll += page
        case .pageUp: state.detailScroll = max(0, state.detailScroll - page)
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
