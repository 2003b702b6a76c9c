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

extension AppState {
    /// The administrator's selected row (a person or an organisation), if any.
    public var adminSelected: AdminRow? {
        guard let rows = admin?.rows, rows.indices.contains(adminSelection) else { return nil }
        return rows[adminSelection]
    }
}

/// Movement in the administrator's list (`j/k`, arrows, PgDn/PgUp, `g/G`): the selection moves over people
/// and organisations; the screen pages its rows around it. Returns nil for a command that is not movement.
func adminMove(_ command: Command, _ state: inout AppState, page: Int) -> [Effect]? {
    guard let admin = state.admin else { return nil }
    let last = max(0, admin.users.count + admin.organisations.count - 1)
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
    let rows = overview.rows
    if let previous, let i = rows.firstIndex(where: { $0.sameItem(as: previous) }) {
        state.adminSelection = i
    } else {
        state.adminSelection = min(state.adminSelection, max(0, rows.count - 1))
    }
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
