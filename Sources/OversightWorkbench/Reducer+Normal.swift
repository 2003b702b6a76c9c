import OversightDomain
import TerminalKit

/// A key in the panes: the focused pane's own section first, then the inbox's (which hold in every pane).
func normalKey(_ key: String, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    let sections: [KeySection] = switch state.focus {
    case .inbox: [.inbox]
    case .detail: [.detail, .inbox]
    case .calendar: [.calendar, .inbox]
    }
    guard let command = bound(key, in: sections, &state, keymap: keymap) else { return [] }
    return run(command, &state, keymap: keymap, measure: measure)
}

/// A key on the overdue summary: a key the `[summary]` section binds to a command puts the summary away and runs
/// it; any other key just puts it away and does nothing else, so no key acts unseen.
func summaryKey(_ key: String, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    state.mode = .normal
    switch bound(key, in: [.summary], &state, keymap: keymap) {
    case .command(let c)? where c.isModeOnly || c == .clear: return []
    case let other?: return run(other, &state, keymap: keymap, measure: measure)
    case nil: return []
    }
}

/// A key command (`:move-down`, `:reply`, `:help` …) in the panes.
func perform(_ command: Command, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    let page = max(1, state.terminalSize.height / 2)
    switch command {
    case .commandLine:
        state.mode = .commandLine(TextField(), subject: state.stepTarget)
        return []
    case .document:
        // The command line, begun: `doc ` and Tab for the letters.
        state.mode = .commandLine(TextField("doc "), subject: state.stepTarget)
        return []
    case .filter:
        state.focus = .inbox
        state.mode = .filter(TextField(state.filter))
        return []
    case .new:
        return run(.new(nil, NewMatterOptions()), &state, keymap: keymap, measure: measure)
    case .followOn:
        return followOn(state.selectedMatter, &state, keymap: keymap, measure: measure)
    case .reply:
        return run(.act(.reply, ActionOptions()), &state, keymap: keymap, measure: measure)
    case .approve:
        return decide(approve: true, reason: nil, &state)
    case .returnSubmission:
        // The reason is asked for on the `:` line, begun with the word.
        state.mode = .commandLine(TextField("return "), subject: state.stepTarget)
        return []
    case .scope:
        state.scope = state.scope == .open ? .all : .open
        return [.loadInbox]
    case .clear:
        state.tagged = []
        return refilter(&state, "")
    case .tag:
        if let id = state.selectedMatter?.id {
            if state.tagged.remove(id) == nil { state.tagged.insert(id) }
            state.message = .tagged(state.tagged.count)
        }
        return []
    case .open where state.focus == .calendar:
        state.focus = .inbox
        return refilter(&state, "due:\(state.calendarCursor)")
    case .open where state.admin != nil:
        return adminEnter(&state)
    case .open:
        guard state.selectedMatter != nil else { return [] }
        state.mode = .menu(selection: 0, subject: state.stepTarget)
        return []
    case .quit:
        state.quitting = true
        return [.quit]
    case .help:
        state.mode = .help(scroll: 0)
        return []
    case .report:
        return openReport(&state)
    case .zoom:
        return zoom(!state.zoomed, &state)
    case .viewText:
        guard let detail = state.detail, detail.matter.id == state.selectedMatter?.id else { return [] }
        state.mode = .text(TextView(detail))
        return []
    case .focusNext, .focusPrevious:
        let all = Pane.allCases
        let i = all.firstIndex(of: state.focus)!
        state.focus = all[(i + (command == .focusNext ? 1 : all.count - 1)) % all.count]
        return []
    case .previousMonth:
        state.calendarCursor = state.calendarCursor.adding(months: -1)
        return calendarEffects(state)
    case .nextMonth:
        state.calendarCursor = state.calendarCursor.adding(months: 1)
        return calendarEffects(state)
    default:
        break
    }
    switch state.focus {
    case .inbox where state.admin != nil:
        return adminMove(command, &state, page: page) ?? []
    case .inbox:
        if let moved = awaitingMove(command, &state) { return moved + windowEffects(state) }
        let previous = state.selectedMatter?.id
        let last = max(0, state.inboxCount - 1)
        switch command {
        case .moveDown: state.selection = min(last, state.selection + 1)
        case .moveUp: state.selection = max(0, state.selection - 1)
        case .moveTop: state.selection = 0
        case .moveBottom: state.selection = last
        case .pageDown: state.selection = min(last, state.selection + page)
        case .pageUp: state.selection = max(0, state.selection - page)
        default: return []
        }
        // The new selection's detail is read before the move is drawn, unless the next key already waits: a held key
        // that outruns the screen reads only the detail it stops on; a key at a time is drawn with its detail.
        return selectionChanged(&state, from: previous).map { .beforeDraw($0) } + windowEffects(state)
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
        case .moveTop: state.calendarCursor = state.today; return calendarEffects(state)
        default: return []
        }
        state.calendarCursor = state.calendarCursor.adding(days: step)
        return calendarEffects(state)
    }
}

/// The calendar's month changed: its deadlines are read.
func calendarEffects(_ state: AppState) -> [Effect] {
    let month = state.calendarCursor.firstOfMonth
    return state.deadlinesMonth == month ? [] : [.loadDeadlines(month)]
}
