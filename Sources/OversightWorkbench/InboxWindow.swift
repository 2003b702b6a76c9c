import OversightDomain

/// Rows from the store go into the window: after it, before it, or in its place; the selection follows the
/// matter it was on (else keeps its place); the window is kept to a few screens around the selection.
func loaded(_ anchor: InboxAnchor, _ page: InboxPage, _ summary: InboxSummary?, _ state: inout AppState) {
    if let count = page.count {
        state.inboxCount = count
        state.inboxCountAtLeast = page.atLeast
    }
    if let summary { state.summary = summary }
    switch anchor {
    case .after:
        state.inbox += page.matters
    case .before:
        state.inbox = page.matters + state.inbox
        state.inboxStart -= page.matters.count
    case .top, .bottom, .around:
        let previous = state.select ?? state.selectedInboxRow?.id
        state.select = nil
        state.inbox = page.matters
        state.inboxStart = page.start ?? 0
        if let previous, let i = page.matters.firstIndex(where: { $0.id == previous }) {
            state.selection = state.inboxStart + i
        } else if case .around(_, else: nil) = anchor {
            state.selection = state.inboxStart
        } else if anchor == .bottom {
            state.selection = state.inboxStart + page.matters.count - 1
        }
    }
    state.inboxStart = max(0, state.inboxStart)
    state.selection = max(0, min(state.selection, state.inboxCount - 1))
    if !state.inbox.isEmpty {
        state.selection = max(state.inboxStart, min(state.selection, state.inboxStart + state.inbox.count - 1))
    }
    // A few screens around the selection; the rest is read again when the selection comes near.
    let limit = state.windowLimit
    if state.inbox.count > limit {
        let lo = max(state.inboxStart, min(state.selection - limit / 2, state.inboxStart + state.inbox.count - limit))
        state.inbox = Array(state.inbox[(lo - state.inboxStart)..<(lo - state.inboxStart + limit)])
        state.inboxStart = lo
    }
}

/// The rows the window lacks near the selection, asked for before they are needed: two screens ahead and behind.
func windowEffects(_ state: AppState) -> [Effect] {
    guard state.inboxCount > 0, state.admin == nil else { return [] }
    let margin = 2 * max(1, state.terminalSize.height)
    let end = state.inboxStart + state.inbox.count
    let s = state.selection
    if s < state.inboxStart || s >= end {
        // A jump out of the window (top, bottom): read the window there.
        return [.loadInboxPage(s < state.inboxCount / 2 ? .top : .bottom, summary: false)]
    }
    if end < state.inboxCount, s + margin >= end, let key = state.key(ofRow: state.inbox.count - 1) {
        return [.loadInboxPage(.after(key), summary: false)]
    }
    if state.inboxStart > 0, s - margin < state.inboxStart, let key = state.key(ofRow: 0) {
        return [.loadInboxPage(.before(key), summary: false)]
    }
    return []
}

/// After the selection moved: clear a stale detail and ask for the new one.
func selectionChanged(_ state: inout AppState, from previous: MatterID?) -> [Effect] {
    guard let id = state.selectedMatter?.id else {
        state.detail = nil
        return []
    }
    if id == previous { return [] }
    state.detail = nil
    return [.loadDetail(id)]
}
