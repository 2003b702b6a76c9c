import OversightDomain
import TerminalKit

/// A key in the help (`[help]`): movement scrolls it (on a small terminal it is taller than the screen); Esc, `?`
/// or q closes it, and another command bound there closes it and runs.
func helpKey(_ key: String, scroll: Int, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    let rows = keymap.helpRows(state).count
    // A page: about as many entries as the box shows.
    let page = max(1, state.terminalSize.height - 8)
    switch bound(key, in: [.help], &state, keymap: keymap) {
    case .command(.cancel)?, .command(.help)?, .command(.quit)?, .command(.clear)?: state.mode = .normal
    case .command(.moveDown)?: state.mode = .help(scroll: min(rows - 1, scroll + 1))
    case .command(.moveUp)?: state.mode = .help(scroll: max(0, scroll - 1))
    case .command(.pageDown)?: state.mode = .help(scroll: min(rows - 1, scroll + page))
    case .command(.pageUp)?: state.mode = .help(scroll: max(0, scroll - page))
    case .command(.moveTop)?: state.mode = .help(scroll: 0)
    case .command?, nil: break
    case let other?:
        state.mode = .normal
        return run(other, &state, keymap: keymap, measure: measure)
    }
    return []
}

/// A key in the full-text view or a letter to read (`[view]`): movement scrolls it; a letter is recorded with
/// `:submit`.
func textKey(_ key: String, _ view: TextView, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    var view = view
    let page = max(1, (state.terminalSize.height - 4) / 4)
    switch bound(key, in: [.view], &state, keymap: keymap) {
    case .command(.submit)?:
        // A letter is recorded; a matter's texts have nothing to send.
        guard let letter = view.letter else { break }
        state.mode = .normal
        return [.makeLetter(letter.kind, view.matter, expecting: letter.version)]
    case .command(.moveDown)?: view.scroll(by: 1)
    case .command(.moveUp)?: view.scroll(by: -1)
    case .command(.pageDown)?: view.scroll(by: page)
    case .command(.pageUp)?: view.scroll(by: -page)
    case .command(.moveTop)?: view.scroll = 0
    case .command(.moveBottom)?: view.scroll(by: view.pieces.count)
    case .command(.cancel)?, .command(.viewText)?, .command(.quit)?, .command(.clear)?:
        state.mode = .normal
        return []
    case .command?, nil: break
    case let other?:
        state.mode = .normal
        return run(other, &state, keymap: keymap, measure: measure)
    }
    state.mode = .text(view)
    return []
}
