import OversightDomain
import TerminalKit

/// Sign-off in the workbench: the block of what waits on it (a head's 待审批, a handler's returned submissions) above
/// the inbox's rows, and a head's decision on the selected matter's submission (`:approve`, `:return 理由`), each an
/// effect to the store's one write path (`Store.approve`, `Store.returnSubmission`).

/// What waits on sign-off, read again (with the inbox): the selection stays on the entry it was on (else on its
/// place in the block, else it goes back to the inbox's rows).
func awaitingLoaded(_ items: [SignOffItem], _ state: inout AppState) -> [Effect] {
    let previous = state.selectedMatter?.id
    let was = state.selectedAwaiting
    state.awaiting = items
    if let i = state.awaitingSelection {
        if let was, let j = items.firstIndex(where: { $0.submission.id == was.submission.id }) {
            state.awaitingSelection = j
        } else if items.isEmpty {
            state.awaitingSelection = nil
        } else {
            state.awaitingSelection = min(i, items.count - 1)
        }
    }
    return previous == state.selectedMatter?.id ? [] : selectionChanged(&state, from: previous)
}

/// A move in the inbox pane while the sign-off block is shown: into the block above the first row, within it, and
/// back to the rows below its last entry. Nil: the move is the inbox rows' own.
func awaitingMove(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard !state.awaiting.isEmpty else {
        state.awaitingSelection = nil
        return nil
    }
    let previous = state.selectedMatter?.id
    let last = state.awaiting.count - 1
    if let i = state.awaitingSelection {
        switch command {
        case .moveUp: state.awaitingSelection = max(0, i - 1)
        case .moveTop, .pageUp: state.awaitingSelection = 0
        case .moveDown where i < last: state.awaitingSelection = i + 1
        case .moveDown, .pageDown, .moveBottom:
            // Out of the block onto the inbox's rows: the first, half a screen down, or the last.
            guard state.inboxCount > 0 else { return [] }
            state.awaitingSelection = nil
            switch command {
            case .moveDown: state.selection = 0
            case .moveBottom: state.selection = state.inboxCount - 1
            default: state.selection = min(state.inboxCount - 1, max(1, state.terminalSize.height / 2) - 1)
            }
        default: return nil
        }
    } else {
        switch command {
        case .moveUp where state.selection == 0 || state.inboxCount == 0: state.awaitingSelection = last
        case .moveTop: state.awaitingSelection = 0
        default: return nil
        }
    }
    return selectionChanged(&state, from: previous)
}

/// `:approve`, `:return 理由`: the decision on the submission waiting on the selected matter. The store checks who
/// decides (a head of the submission's organisation) and says why not.
/// `fixed`: the matter the `:` line was begun on (one matter), else the selected one.
func decide(approve: Bool, reason: String?, _ state: inout AppState, on fixed: StepTarget? = nil) -> [Effect] {
    let single = fixed.flatMap { $0.ids.count == 1 ? $0.ids.first : nil }
    guard let id = single ?? state.selectedMatter?.id else {
        state.status = .noSelection
        return []
    }
    guard approve else { return [.returnSubmission(id, reason: reason ?? "")] }
    // Approving a step that cannot be undone (an issue, a close …) lets it out: asked once more, as the step is.
    if let item = state.awaiting.first(where: { $0.matter.id == id && $0.submission.state == .pending }),
       irreversible.contains(item.submission.action) {
        let m = item.matter
        var pending = Pending(effect: .approve(id), action: item.submission.action, count: 1,
                              label: m.number.isEmpty ? m.title : m.number)
        pending.names = state.labels(of: [id])
        state.mode = .confirm(pending)
        return []
    }
    return [.approve(id)]
}
