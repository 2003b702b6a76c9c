import OversightDomain
import TerminalKit

/// A key in a matter's step menu (`[menu]`): the entry runs on the matters the menu was opened on (`subject`).
func menuKey(_ key: String, selection: Int, subject: StepTarget?, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    let entries = state.menuEntries
    switch bound(key, in: [.menu], &state, keymap: keymap) {
    case .command(.moveDown)?: state.mode = .menu(selection: min(max(0, entries.count - 1), selection + 1), subject: subject)
    case .command(.moveUp)?: state.mode = .menu(selection: max(0, selection - 1), subject: subject)
    case .command(.submit)?, .command(.open)?:
        guard entries.indices.contains(selection) else { state.mode = .normal; return [] }
        let entry = entries[selection]
        state.mode = .normal
        if let reason = entry.reason {
            state.status = .refused(.workflow(reason))
            return []
        }
        return run(.act(entry.action, ActionOptions()), &state, keymap: keymap, measure: measure, on: subject)
    case .command(.cancel)?, .command(.quit)?, .command(.clear)?: state.mode = .normal
    case .command(.followOn)?:
        // 由此立案 on the matter the menu was opened on.
        state.mode = .normal
        let m = subject.flatMap { s in s.ids.count == 1 ? s.seen : nil } ?? (subject == nil ? state.selectedMatter : nil)
        return followOn(m, &state, keymap: keymap, measure: measure)
    case .command?, nil: break
    // Another `:` line bound here goes to the matters the menu was opened on.
    case let other?:
        state.mode = .normal
        return run(other, &state, keymap: keymap, measure: measure, on: subject)
    }
    return []
}

/// A key on a confirmation (`[confirm]`): a key bound to `:submit` sends the step; any other says no.
func confirmKey(_ key: String, _ pending: Pending, _ state: inout AppState, keymap: Keymap) -> [Effect] {
    state.mode = .normal
    if case .command(.submit)? = bound(key, in: [.confirm], &state, keymap: keymap) {
        // The form it came from stays while the step is written: a refusal or a failure comes back to it.
        if let form = pending.form { state.mode = .form(form) }
        return [pending.effect]
    }
    // A field asked about goes back to its form, to be changed.
    if pending.field != nil, let form = pending.form { state.mode = .form(form) }
    state.message = .cancelled
    return []
}

extension AppState {
    /// The steps of the selected matter's kind: those this user may take now first, then the others with why not.
    public var menuEntries: [StepStatus] {
        if let ms = batchMatters, !ms.isEmpty { return batchMenu(ms).map(\.status) }
        guard let m = subject?.seen ?? selectedMatter else { return [] }
        let all = Workflow.stepStatus(for: viewer, on: m, today: today)
        return all.filter { $0.reason == nil } + all.filter { $0.reason != nil }
    }
}
