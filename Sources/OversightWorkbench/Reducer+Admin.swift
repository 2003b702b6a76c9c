import OversightDomain

/// One row of the administrator's list: a person, or an organisation (people first, then organisations).
public enum AdminRow: Hashable, Sendable {
    case user(User)
    case organisation(Organisation)
}

extension AdminOverview {
    /// The rows of the administrator's list, in the order drawn.
    public var rows: [AdminRow] { users.map(AdminRow.user) + organisations.map(AdminRow.organisation) }
}

extension AdminOverview {
    /// The rows that `filter` lets through: each of its words (any case) is in the person's login, display name,
    /// or their organisation's id or name (an organisation's own id or name).
    public func rows(matching filter: String) -> [AdminRow] {
        let words = filter.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        guard !words.isEmpty else { return rows }
        let orgs = Dictionary(organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return rows.filter { row in
            let texts: [String]
            switch row {
            case .user(let u): texts = [u.name, u.displayName, u.org, orgs[u.org]?.name ?? ""]
            case .organisation(let o): texts = [o.id, o.name]
            }
            let lowered = texts.map { $0.lowercased() }
            return words.allSatisfy { w in lowered.contains { $0.contains(w) } }
        }
    }
}

extension AppState {
    /// The administrator's rows as the filter (`/`) leaves them.
    public var adminRows: [AdminRow] { admin?.rows(matching: filter) ?? [] }

    /// The administrator's selected row (a person or an organisation), if any.
    public var adminSelected: AdminRow? {
        let rows = adminRows
        guard rows.indices.contains(adminSelection) else { return nil }
        return rows[adminSelection]
    }
}

/// `/` on the administrator's screen: the list narrows as the filter is typed, the selection staying on its row
/// while it is shown.
func adminRefilter(_ state: inout AppState, _ text: String) {
    let previous = state.adminSelected
    state.filter = text
    reselect(previous, &state)
}

private func reselect(_ previous: AdminRow?, _ state: inout AppState) {
    let rows = state.adminRows
    if let previous, let i = rows.firstIndex(where: { $0.sameItem(as: previous) }) {
        state.adminSelection = i
    } else {
        state.adminSelection = min(state.adminSelection, max(0, rows.count - 1))
    }
}

/// Movement in the administrator's list (`j/k`, arrows, PgDn/PgUp, `g/G`): the selection moves over people
/// and organisations; the screen pages its rows around it. Returns nil for a command that is not movement.
func adminMove(_ command: Command, _ state: inout AppState, page: Int) -> [Effect]? {
    guard state.admin != nil else { return nil }
    let last = max(0, state.adminRows.count - 1)
    let current = min(state.adminSelection, last)
    switch command {
    case .moveDown: state.adminSelection = min(last, current + 1)
    case .moveUp: state.adminSelection = max(0, current - 1)
    case .moveTop: state.adminSelection = 0
    case .moveBottom: state.adminSelection = last
    case .pageDown: state.adminSelection = min(last, current + page)
    case .pageUp: state.adminSelection = max(0, current - page)
    default: return nil
    }
    return []
}

/// A new overview keeps the selection on the same row where it still is (a person added or disabled).
func adminLoaded(_ overview: AdminOverview, _ state: inout AppState) {
    let previous = state.adminSelected
    state.admin = overview
    reselect(previous, &state)
}

extension AdminRow {
    /// The same person or organisation, whatever changed in it.
    func sameItem(as other: AdminRow) -> Bool {
        switch (self, other) {
        case (.user(let a), .user(let b)): return a.name == b.name
        case (.organisation(let a), .organisation(let b)): return a.id == b.id
        default: return false
        }
    }
}
