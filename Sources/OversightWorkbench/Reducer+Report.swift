import OversightDomain

/// `R` or `:report`: the reports pane opens on this year's figures, read anew (the store counts the viewer's
/// share; until they come the pane says so).
func openReport(_ state: inout AppState) -> [Effect] {
    state.mode = .report(nil, scroll: 0)
    return reportReload(state)
}

/// The pane's figures read again, while it is open (another session changed a matter): the figures shown stay
/// until the new ones come.
func reportReload(_ state: AppState) -> [Effect] {
    state.showsReport ? [.loadReport(ReportPeriod.year(state.today.year)!)] : []
}

/// A key in the reports pane (`[report]`): movement scrolls it, Esc, q or `R` again closes it; any other key does nothing.
func reportKey(_ key: String, _ report: Report?, scroll: Int, _ state: inout AppState, keymap: Keymap) -> [Effect] {
    let last = max(0, (report?.paneRows.count ?? 0) - 1)
    let page = max(1, state.terminalSize.height / 2)
    var scroll = scroll
    switch bound(key, in: [.report], &state, keymap: keymap) {
    case .command(.cancel)?, .command(.quit)?, .command(.clear)?, .command(.report)?:
        state.mode = .normal
        return []
    case .command(.moveDown)?: scroll = min(last, scroll + 1)
    case .command(.moveUp)?: scroll = max(0, scroll - 1)
    case .command(.pageDown)?: scroll = min(last, scroll + page)
    case .command(.pageUp)?: scroll = max(0, scroll - page)
    case .command(.moveTop)?: scroll = 0
    case .command(.moveBottom)?: scroll = last
    default: break
    }
    state.mode = .report(report, scroll: scroll)
    return []
}

/// The figures came: into the pane, when it is still open (closed meanwhile, they are dropped with it).
func reportLoaded(_ report: Report, _ state: inout AppState) {
    if case .report(_, let scroll) = state.mode { state.mode = .report(report, scroll: scroll) }
}
