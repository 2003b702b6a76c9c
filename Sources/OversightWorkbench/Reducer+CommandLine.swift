import OversightDomain
import TerminalKit

/// A key on the `:` line: printable keys are text; the others are the `[command]` section's, else the field's (BS,
/// arrows …). The line runs on the matters it was begun on (`subject`).
func commandLineKey(_ key: String, _ field: TextField, completions list: CompletionList, subject: StepTarget?, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    var field = field
    switch isText(key) ? nil : bound(key, in: [.command], &state, keymap: keymap) {
    case .command(.cancel)? where !list.isEmpty: state.mode = .commandLine(field, subject: subject)
    case .command(.cancel)?: state.mode = .normal
    case .command(.submit)?:
        state.mode = .normal
        do { return run(try CommandText.parse(field.text, words: state.words), &state, keymap: keymap, measure: measure, on: subject) } catch {
            state.status = .option(error)
        }
    case .command(let c)? where c == .complete || c == .completePrevious:
        let list = complete(&field, list, context: state.completionContext, backwards: c == .completePrevious)
        state.mode = .commandLine(field, completions: list, subject: subject)
    case .command?: break
    case let other?:
        state.mode = .normal
        return run(other, &state, keymap: keymap, measure: measure, on: subject)
    case nil:
        field.handle(key)
        state.mode = .commandLine(field, subject: subject)
    }
    return []
}

/// A key in the `/` filter: the inbox narrows as it is typed; Enter keeps the filter, Esc clears it.
func filterKey(_ key: String, _ field: TextField, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    var field = field
    switch isText(key) ? nil : bound(key, in: [.filter], &state, keymap: keymap) {
    case .command(.cancel)?:
        state.mode = .normal
        return refilter(&state, "")
    case .command(.submit)?:
        state.mode = .normal
        return []
    case .command?: return []
    case let other?:
        state.mode = .normal
        return run(other, &state, keymap: keymap, measure: measure)
    case nil:
        field.handle(key)
        state.mode = .filter(field)
        return refilter(&state, field.text)
    }
}

/// The filter changed: the store reads the inbox anew through it (the selected matter stays selected if it
/// still shows, else the first row is), with the alerts and the calendar of what it shows. A screenful, its count
/// capped at it where counting would read every matter (`Effect.loadFilteredInbox`): the keystroke shows at once, the
/// exact count and the rest of the window follow when the keys stop.
func refilter(_ state: inout AppState, _ text: String) -> [Effect] {
    guard text != state.filter else { return [] }
    if state.admin != nil {
        adminRefilter(&state, text)
        return []
    }
    state.filter = text
    return [.loadFilteredInbox(.around(state.selectedMatter?.id, else: nil)),
            .loadDeadlines(state.calendarCursor.firstOfMonth)]
}
