import OversightDomain
import OversightWorkbench
import TerminalKit

/// The modes drawn over the panes: the `:` line and the filter on the hint line, the action menu, forms and
/// confirmations in a box over the body.
extension Screen {
    /// Draws what the mode shows; returns whether it took the hint line.
    func drawMode(_ state: AppState, body: Rect, hint: Rect, _ grid: inout CellGrid) -> Bool {
        switch state.mode {
        case .normal, .summary, .help:
            return false
        case .commandLine(let field, let completions, _):
            CompletionStrip(screen: self).draw(completions, above: hint, body: body, &grid)
            drawField(":", field, in: hint, &grid)
            return true
        case .filter(let field):
            drawField("/", field, in: hint, suffix: "  " + strings("filter.count", ["n": state.admin != nil ? "\(state.adminRows.count)" : inboxCount(state)]), &grid)
            return true
        case .menu(let selection, _):
            let entries = state.menuEntries
            // Tagged matters: the title names how many and the first of them; a step one of them does not allow
            // names it.
            let batch = state.batchMatters.map { _ in state.tagged.count }
            let refusers = state.menuRefusers
            let title = batch.map { n in
                strings("menu.batch-title", ["n": n, "m": listing(state.stepNames, columns: max(10, min(body.width, 90) - 24))])
            } ?? strings("menu.title", ["m": state.selectedMatter?.number ?? ""])
            let inner = box(in: body, rows: entries.count + 1, title: title, &grid)
            for (i, e) in entries.prefix(max(0, inner.height - 1)).enumerated() {
                let name = presenter.step(e.action, of: batch == nil ? state.selectedMatter : nil)
                let who = refusers[e.action].map { strings("batch.refuser", ["m": Sanitizer.shown($0)]) } ?? ""
                let text = (i == selection ? "> " : "  ") + DisplayWidth.pad(name, columns: 10)
                    + (e.reason.map { "  (" + who + presenter.reason($0) + ")" } ?? "")
                var style: Style = e.reason == nil ? .plain : .dim
                if i == selection { style.reverse = true }
                grid.line(text, in: inner.row(i), style: style)
            }
            grid.line(footer(.menu), in: inner.row(inner.height - 1), style: .dim)
            return false
        case .form(let form):
            drawForm(form, state, in: body, &grid)
            return false
        case .confirm(let pending):
            let room = max(10, min(body.width, 90) - 4 - 24)
            let question = pending.field.map { strings("confirm.outside-fields", presenter.fieldWords($0, names: state.organisations.mapValues { Sanitizer.shown($0) })) }
                ?? (pending.names.count > 1
                ? strings("confirm.batch", ["action": presenter.step(pending.action), "n": pending.count,
                                            "m": listing(pending.names, columns: room)])
                : strings("confirm.question", ["action": presenter.step(pending.action), "n": pending.count,
                                               "m": Sanitizer.shown(pending.label)]))
            let inner = box(in: body, rows: 2, title: strings("confirm.title"), &grid)
            grid.line(question, in: inner.row(0), style: .bold)
            grid.line(footer(.confirm), in: inner.row(1), style: .dim)
            return false
        case .report:
            ReportPane(screen: self).draw(state, in: body, &grid)
            return false
        case .text(let view):
            TextPane(screen: self).draw(view, in: body, &grid)
            return false
        case .adminMenu(let menu):
            drawAdminMenu(menu, body: body, &grid)
            return false
        }
    }

    /// The message of what just happened, in the interface language.
    /// A changed matter is named by its number, else its title, as now loaded; else by its row id.
    func text(of message: Message, _ state: AppState) -> String {
        switch message {
        case .done(let action, let m): return strings("message.done", ["action": presenter.event(.step(action)), "m": m])
        case .submitted(let action, let m):
            return strings("message.submitted", ["action": presenter.event(.step(action)), "m": m])
        case .approved(let action, let m):
            return strings("message.approved", ["action": presenter.event(.step(action)), "m": m])
        case .returned(let action, let m):
            return strings("message.returned", ["action": presenter.event(.step(action)), "m": m])
        case .followOnOffered(let m, let kind, let id):
            // The kind as typed on the `:` line (its word, or its code where the word has spaces); the key bound to
            // 由此立案, if one is.
            let word = presenter.kind(kind)
            let key = keymap.bindings.first { $0.command == .followOn }.map { strings("message.follow-on-key", ["key": keyLabel($0.key)]) } ?? ""
            return strings("message.follow-on-offered", [
                "action": presenter.event(.step(.escalate)), "m": m, "line": ":new \(word.contains(" ") ? kind.rawValue : word) --follows \(id)", "key": key])
        case .created(let title): return strings("message.created", ["m": title])
        case .people(let command): return peopleDone(command)
        case .batchDone(let outcome): return text(ofBatch: outcome)
        case .letterRecorded(let fetch): return strings("letter.fetch", ["command": fetch])
        case .ruleProposed(let key, let period):
            return strings("message.rules-proposed", ["key": key.rawValue, "name": strings("rule.\(key.rawValue)"),
                                                      "value": strings.language == .zh ? period.chinese : period.english])
        case .ruleAgreed(let key, let version, let period, let since):
            return strings("message.rules-agreed", ["key": key.rawValue, "name": strings("rule.\(key.rawValue)"), "version": version,
                                                    "value": strings.language == .zh ? period.chinese : period.english, "since": since])
        case .changed(let actor, let action, let id, let count):
            let m = state.inbox.first { $0.id == id }.map { $0.number.isEmpty ? $0.title : $0.number }
                ?? strings("message.matter-id", ["id": id])
            return strings("message.changed", ["who": actor, "action": presenter.event(action), "m": m, "n": count])
        case .tagged(let n): return strings("message.tagged", ["n": n])
        case .cancelled: return strings("message.cancelled")
        case .draftKept: return strings("message.draft-kept")
        case .reconnected: return strings("message.reconnected")
        case .draftRestored: return strings("message.draft-restored")
        case .draftsWaiting(let n): return strings("message.drafts-waiting", ["n": n])
        case .text(let t): return t
        case .pasteOutsideField: return strings("message.paste-outside-field")
        case .pasteCut(let n): return strings("message.paste-cut", ["n": n])
        case .pasteHiddenDropped(let n, let first): return strings("message.paste-hidden", ["n": n, "c": first.characterName])
        }
    }

    private func drawField(_ prompt: String, _ field: TextField, in row: Rect, suffix: String = "", _ grid: inout CellGrid) {
        let room = max(1, row.width - DisplayWidth.of(prompt) - DisplayWidth.of(suffix) - 1)
        let shown = field.visible(width: room)
        grid.fill(row)
        grid.line(prompt + DisplayWidth.pad(shown.text, columns: room) + suffix, in: row, style: .bold)
        grid.cursor = Point(x: row.x + DisplayWidth.of(prompt) + shown.cursorColumn, y: row.y)
    }

    /// A framed box centred in `body`, cleared; returns its inside.
    func box(in body: Rect, rows: Int, title: String, _ grid: inout CellGrid) -> Rect {
        let width = min(body.width, max(40, min(90, body.width - 4)))
        let height = min(body.height, rows + 2)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        grid.fill(rect)
        return grid.frame(rect, title: title, focused: true, glyphs: glyphs)
    }

    private func drawForm(_ form: Form, _ state: AppState, in body: Rect, _ grid: inout CellGrid) {
        let title: String
        switch form.target {
        case .act(let action, let ids, _):
            title = strings("form.act", ["action": presenter.step(action), "n": ids.count,
                                         "m": state.selectedMatter?.number ?? ""])
        case .new(let kind): title = strings("form.new", ["kind": presenter.kind(kind)])
        }
        let editorRows = 4
        let rows = form.fields.reduce(0) { $0 + ($1.editor == nil ? 1 : editorRows) } + (form.error == nil ? 0 : 1) + 1
        let inner = box(in: body, rows: rows, title: title, &grid)
        let labelWidth = form.fields.map { DisplayWidth.of(strings($0.label)) }.max() ?? 0
        var y = 0
        for (i, field) in form.fields.enumerated() where y < inner.height - 1 {
            let focused = i == form.focus
            let label = DisplayWidth.pad(strings(field.label), columns: labelWidth) + "  "
            let room = max(1, inner.width - labelWidth - 3)
            var style: Style = focused ? Style(bold: true) : .plain
            if let editor = field.editor {
                let shown = editor.visible(width: room, height: editorRows)
                for (r, line) in shown.lines.enumerated() where y + r < inner.height - 1 {
                    grid.line((r == 0 ? label : String(repeating: " ", count: labelWidth + 2)) + line, in: inner.row(y + r), style: style)
                }
                if focused { grid.cursor = Point(x: inner.x + labelWidth + 2 + shown.cursor.column, y: inner.y + y + shown.cursor.row) }
                y += editorRows
            } else {
                var shown = field.line.visible(width: room)
                if !field.choices.isEmpty { style.underline = focused }
                // A domain value's choice shows in the interface language's words: the code it holds as its word.
                func word(_ code: String) -> String { field.wordKey.map { strings.first("\($0).\(code)", code) } ?? code }
                if field.wordKey != nil, field.choices.contains(field.value) {
                    let w = word(field.value)
                    shown = (w, DisplayWidth.of(w))
                }
                let choices = field.choices.isEmpty ? "" : "  (" + field.choices.map(word).joined(separator: "|") + ")"
                // The matter a follow-on follows, named beside its id when it is loaded here.
                let followed = field.option == "follows" ? state.loaded(field.value).map { "  " + Sanitizer.shown(presenter.link($0)) } ?? "" : ""
                grid.line(label + shown.text + choices + followed, in: inner.row(y), style: style)
                if focused { grid.cursor = Point(x: inner.x + labelWidth + 2 + shown.cursorColumn, y: inner.y + y) }
                y += 1
            }
            if let error = form.error, error.field == i, y < inner.height - 1 {
                grid.line(String(repeating: " ", count: labelWidth + 2) + "! " + presenter.text(error.problem), in: inner.row(y), style: .alert)
                y += 1
            }
        }
        grid.line(footer(.form), in: inner.row(inner.height - 1), style: .dim)
    }
}
