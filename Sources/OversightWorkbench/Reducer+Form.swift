import OversightDomain
import TerminalKit

/// A key in a form: text goes into the focused field; Tab and the arrows move between fields; Enter on a
/// one-line field (or Ctrl-D anywhere) submits; Esc cancels.
func formKey(_ key: String, _ form: inout Form, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    let multiline = form.focused.editor != nil
    // Printable keys are text; in a multi-line editor Up, Down and Enter edit the text too. The rest are the form's.
    let textKey = isText(key) || (multiline && ["<Enter>", "<Up>", "<Down>"].contains(key))
    switch textKey ? nil : bound(key, in: [.form], &state, keymap: keymap) {
    case .command(.cancel)?:
        state.mode = .normal
        // A long text typed and not sent is kept, not lost: it comes back when this form opens again.
        let drafts = form.drafts
        guard !drafts.isEmpty else {
            state.message = .cancelled
            return []
        }
        state.drafts = state.drafts.filter { d in !drafts.contains { $0.target == d.target && $0.field == d.field } } + drafts
        state.message = .draftKept
        return [.saveDrafts(drafts)]
    case .command(.nextField)?:
        form.focus = (form.focus + 1) % form.fields.count
    case .command(.previousField)?:
        form.focus = (form.focus + form.fields.count - 1) % form.fields.count
    case .command(.submit)?:
        form.error = nil
        state.mode = .form(form)
        switch form.target {
        case .act(let action, let ids, let version):
            // To the matters the form was opened for, as seen then: never to whatever is selected now.
            let target = StepTarget(ids: ids, version: version, seen: nil)
            return run(.act(action, form.actionOptions), &state, keymap: keymap, measure: measure, on: target)
        case .new(let kind):
            let chosen = form.value("kind").flatMap { state.words.value(MatterKind.self, $0) } ?? kind
            return run(.new(chosen, form.newOptions), &state, keymap: keymap, measure: measure)
        }
    default:
        var field = form.focused
        if !field.choices.isEmpty, ["<Space>", "<Left>", "<Right>"].contains(key) {
            let i = field.choice(state.words).flatMap { field.choices.firstIndex(of: $0) } ?? -1
            let n = field.choices.count
            let next = key == "<Left>" ? (i - 1 + n) % n : (i + 1) % n
            field.line = TextField(field.choices[next])
        } else if var editor = field.editor {
            editor.handle(key, pageHeight: max(1, state.terminalSize.height / 2))
            field.editor = editor
        } else {
            // A choice shown as its word is replaced by what is typed, not appended to (the code is not what shows).
            if field.wordKey != nil, field.choices.contains(field.value), key.count == 1 { field.line = TextField("") }
            field.line.handle(key)
        }
        form.fields[form.focus] = field
    }
    state.mode = .form(form)
    return []
}

/// Shows `form`; one that opens anew takes back the text of its drafts.
func open(_ form: Form, _ state: inout AppState) {
    var form = form
    if case .form = state.mode {} else if form.restore(state.drafts) { state.message = .draftRestored }
    state.mode = .form(form)
}

/// A form went through: its drafts are no longer needed.
func submitted(_ target: Draft.Target, _ state: inout AppState) -> [Effect] {
    guard state.drafts.contains(where: { $0.target == target }) else { return [] }
    state.drafts.removeAll { $0.target == target }
    return [.discardDrafts(target)]
}

func openForm(
    _ action: MatterAction, _ m: Matter, _ ids: [MatterID], _ version: Int?, _ options: ActionOptions, error: Problem?, today: CivilDate
) -> Form {
    var form = Form(target: .act(action, ids, version: version), fields: Form.fields(for: action, kind: m.kind, given: options, today: today))
    if let error { form.error = form.error(error) }
    return form
}

extension InputProblem {
    /// Missing input that a form can ask for, rather than a refusal.
    var opensForm: Bool {
        switch self {
        case .textRequired, .documentNumberRequired, .outcomeRequired, .escalationRequired, .urgentPeriodRequired: return true
        default: return false
        }
    }
}
