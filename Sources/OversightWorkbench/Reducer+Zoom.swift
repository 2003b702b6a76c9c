import OversightDomain

// The zoomed inbox (`z`, `:zoom`): the inbox takes the whole width and the panes' height, and what only the detail
// and the calendar show is not read meanwhile — a move reads no detail, a reload no month of deadlines. What was
// not read is read once on the way back.

/// Zooms the inbox in (`on`) or out. In: the focus goes to the inbox (the other panes are not drawn). Out: the
/// selected matter's detail is read when the one held is not its (a move or a reload meanwhile dropped it), and the
/// calendar's month when its counts were not read.
func zoom(_ on: Bool, _ state: inout AppState) -> [Effect] {
    guard on != state.zoomed else { return [] }
    state.zoomed = on
    guard !on else {
        state.focus = .inbox
        return []
    }
    var effects: [Effect] = []
    if state.admin == nil, let id = state.selectedMatter?.id, state.detail?.matter.id != id { effects.append(.loadDetail(id)) }
    return effects + calendarEffects(state)
}

/// `effects` as the state's layout needs them. Zoomed: no detail and no calendar month is read; what they held is
/// dropped (so the way back reads it again) — a dropped `.loadInbox` would have read the month's deadlines with the
/// rows (the interpreter leaves them out while zoomed). A step that moved the focus off the inbox (Tab, `:goto`)
/// brings the panes back, with what they need.
func zoomed(_ effects: [Effect], _ state: inout AppState) -> [Effect] {
    guard state.zoomed else { return effects }
    if state.focus != .inbox {
        var all = effects
        for e in zoom(false, &state) where !all.contains(e) { all.append(e) }
        return all
    }
    func kept(_ effect: Effect) -> Bool {
        switch effect {
        case .loadDetail:
            state.detail = nil
            return false
        case .loadDeadlines:
            state.deadlinesMonth = nil
            return false
        case .loadInbox:
            state.deadlinesMonth = nil
            return true
        case .whenIdle(let later), .beforeDraw(let later):
            // Work put off until the keys stop goes the same way as work done at once.
            return kept(later)
        default:
            return true
        }
    }
    return effects.filter(kept)
}
