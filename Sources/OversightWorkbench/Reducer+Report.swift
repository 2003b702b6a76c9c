import OversightDomain

/// `R` or `:report`: the reports pane opens on this year's figures, read anew (the store counts the viewer's
/// share; until they come the pane says so).
func openReport(_ state: inout AppState) -> [Effect] {
    state.mode = .report
    state.report = nil
    state.reportScroll = 0
    return reportReload(state)
}

/// The pane's figures read again, while it is open (another session changed a matter): the figures shown stay
/// until the new ones come.
func reportReload(_ state: AppState) -> [Effect] {
    state.mode == .report ? [.loadReport(ReportPeriod.year(state.today.year)!)] : []
}

/// A key in the reports pane (`[report]`): movement scrolls it, Esc, q or `R` again closes it; any other key does nothing.
func reportKey(_ key: String, _ state: inout AppState, keymap: Keymap) -> [Effect] {
    let last = max(0, (state.report?.paneRows.count ?? 0) - 1)
    let page = max(1, state.terminalSize.height / 2)
    switch bound(key, in: [.report], &state, keymap: keymap) {
    case .command(.cancel)?, .command(.quit)?, .command(.clear)?, .command(.report)?: state.mode = .normal
    case .command(.moveDown)?: state.reportScroll = min(last, state.reportScroll + 1)
    case .command(.moveUp)?: state.reportScroll = max(0, state.reportScroll - 1)
    case .command(.pageDown)?: state.reportScroll = min(last, state.reportScroll + page)
    case .command(.pageUp)?: state.reportScroll = max(0, state.reportScroll - page)
    case .command(.moveTop)?: state.reportScroll = 0
    case .command(.moveBottom)?: state.reportScroll = last
    default: break
    }
    return []
}
