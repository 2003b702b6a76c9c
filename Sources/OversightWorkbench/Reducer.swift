import Foundation
import OversightDomain
import TerminalKit

/// Something that happened: a key, a resize, or data arriving from the store.
public enum AppAction: Sendable {
    case key(String)
    /// Text the user pasted: it goes into the focused text field as text, and nowhere else (never as keys).
    case paste(String)
    case resized(width: Int, height: Int)
    /// Rows of the inbox from the store, read from `anchor`; with the summary when it was asked for.
    case inboxLoaded(InboxAnchor, InboxPage, InboxSummary?)
    /// The calendar month's pending deadlines per day.
    case deadlinesLoaded(month: CivilDate, [CivilDate: Int])
    case detailLoaded(MatterDetail?)
    /// An effect (a store call) failed; the message is the error's description. The session goes on.
    case effectFailed(String)
    /// The store took the step: the matter as it now stands.
    case acted(Matter, MatterAction)
    /// A step on several tagged matters: each was tried (`BatchOutcome`: done and refused, named).
    case batchActed(BatchOutcome)
    /// The store made the matter.
    case created(Matter)
    /// The store refused (not allowed, stale, missing input): nothing written.
    case refused(Refusal)
    /// Other sessions wrote these events on matters the viewer may see; `names`: the actors' display names.
    case othersChanged([MatterEvent], names: [UserName: String] = [:])
    /// The administrator's overview.
    case adminLoaded(AdminOverview)
    /// The store changed people or keys as asked.
    case peopleChanged(PeopleCommand)
    /// The viewer's unsubmitted long texts from earlier sessions.
    case draftsLoaded([Draft])
    /// The session is ending (quit, hang-up, terminate, idle): what is typed into a form is kept as a draft.
    case ending
    /// The figures the reports pane asked for.
    case reportLoaded(Report)
    /// A letter filled, to read before it is recorded (`version`: the matter's, as filled).
    case letterFilled(Letter, version: Int)
    /// A letter recorded (the matter as it now stands).
    case letterMade(Matter, Letter)
    /// The letter does not fit the matter (nothing recorded).
    case letterRefused(LetterMisfit)
}

/// Work the reducer asks the runtime to do. Data, so tests can compare it.
public enum Effect: Hashable, Sendable {
    /// The inbox in the state's scope and filter, kept where it is (the selected matter, else its place), with
    /// the summary and the calendar's deadlines.
    case loadInbox
    /// Rows of the inbox from `anchor` (with the alerts of what is shown when `summary`).
    case loadInboxPage(InboxAnchor, summary: Bool)
    /// The pending deadlines per day of the month that starts on this day.
    case loadDeadlines(CivilDate)
    case loadDetail(MatterID)
    /// One step on each of these matters, through the store's one write path (`expecting` the version seen).
    case act([MatterID], MatterAction, ActionInput, expecting: Int?)
    case create(NewMatter)
    case loadDrafts
    /// Keep these texts as the viewer's drafts (an empty text removes one).
    case saveDrafts([Draft])
    /// The form was submitted: its drafts go.
    case discardDrafts(Draft.Target)
    /// The figures of the matters the viewer may count (`Store.readableMatters`) over the period.
    case loadReport(ReportPeriod)
    /// `:doc TEMPLATE`: the letter for the matter, filled to read (nothing recorded).
    case fillLetter(LetterKind, MatterID)
    /// The letter read, recorded as a note on the version it was filled from.
    case makeLetter(LetterKind, MatterID, expecting: Int?)
    /// A change of people or keys through the store's checked write path (administrators only).
    case people(PeopleCommand)
    case quit
}

/// How far the detail pane scrolls: its last scroll position (the last line at the bottom) for a
/// state. The screen that wraps the detail's lines measures it; the reducer cannot.
public struct DetailMeasure: Sendable {
    public var lastScroll: @Sendable (AppState) -> Int?

    public init(lastScroll: @escaping @Sendable (AppState) -> Int?) {
        self.lastScroll = lastScroll
    }

    /// Nothing measures the detail (the reducer on its own): its scroll has no known end.
    public static let unmeasured = DetailMeasure { _ in nil }
}

/// The one place where state changes. No I/O: what needs the outside world comes back as effects.
public func reduce(
    _ state: inout AppState, _ action: AppAction, keymap: Keymap = .standard, measure: DetailMeasure = .unmeasured
) -> [Effect] {
    switch action {
    case .resized(let w, let h):
        state.terminalSize = (w, h)
        return []
    case .inboxLoaded(let anchor, let page, let summary):
        loaded(anchor, page, summary, &state)
        if state.entrySummaryPending, summary != nil {
            // On entry, what is overdue is shown without being asked for.
            state.entrySummaryPending = false
            state.showOverdueSummary = state.alerts.overdue > 0
        }
        // A first load (or a vanished selection) needs a detail; a reload keeps the one shown.
        return selectionChanged(&state, from: state.detail?.matter.id) + windowEffects(state)
    case .deadlinesLoaded(let month, let byDay):
        state.deadlinesMonth = month
        state.deadlinesByDay = byDay
        return []
    case .effectFailed(let message):
        // A form whose step failed (a full disk) stays open with its text, the failure said at it: nothing was
        // saved, and the user tries again once the cause is gone.
        if case .form(var form) = state.mode {
            form.error = form.error(.failed(message))
            state.mode = .form(form)
        }
        state.status = .failed(message)
        return []
    case .acted(let m, let action):
        if case .form = state.mode { state.mode = .normal }
        if case .confirm = state.mode { state.mode = .normal }
        state.tagged.remove(m.id)
        state.message = .done(action, m.number.isEmpty ? m.title : m.number)
        return [.loadInbox, .loadDetail(m.id)] + submitted(.act(action, m.id), &state)
    case .batchActed(let outcome):
        return batchActed(outcome, &state)
    case .created(let m):
        state.mode = .normal
        state.select = m.id
        // The new matter is selected: a filter that would hide it goes.
        state.filter = ""
        state.message = .created(m.title)
        return [.loadInbox] + submitted(.new(m.kind), &state)
    case .refused(let refusal):
        if case .form(var form) = state.mode {
            form.error = form.error(.refused(refusal))
            state.mode = .form(form)
        } else {
            state.mode = .normal
            state.status = .refused(refusal)
        }
        return []
    case .letterFilled(let letter, let version):
        state.mode = .text(TextView(letter: letter, version: version))
        return []
    case .letterMade(let m, let letter):
        state.mode = .normal
        state.message = .letterRecorded(fetch: state.fetchCommand(letter))
        return [.loadInbox, .loadDetail(m.id)]
    case .letterRefused(let misfit):
        state.mode = .normal
        state.status = .letter(misfit)
        return []
    case .peopleChanged(let command):
        return peopleChanged(command, &state)
    case .adminLoaded(let overview):
        adminLoaded(overview, &state)
        return []
    case .reportLoaded(let report):
        reportLoaded(report, &state)
        return []
    case .draftsLoaded(let drafts):
        state.drafts = drafts
        if !drafts.isEmpty, state.message == nil { state.message = .draftsWaiting(Set(drafts.map(\.target)).count) }
        return []
    case .ending:
        guard case .form(let form) = state.mode, !form.drafts.isEmpty else { return [] }
        return [.saveDrafts(form.drafts)]
    case .othersChanged(let events, let names):
        let others = events.filter { $0.actor != state.viewer.user.name }
        // The person is named as people know them (王建国), else by login.
        if let last = others.last { state.message = .changed(actor: names[last.actor] ?? last.actor, action: last.action, matter: last.matterID, count: others.count) }
        return [.loadInbox] + (state.selectedMatter.map { [.loadDetail($0.id)] } ?? []) + reportReload(state)
    case .detailLoaded(let detail):
        if detail?.matter.id == state.selectedMatter?.id {
            if state.detail?.matter.id != detail?.matter.id { state.detailScroll = 0 }
            state.detail = detail
        }
        return []
    case .paste(let text):
        state.status = nil
        state.message = nil
        return paste(text, &state)
    case .key(let key):
        // A failure or a message stays on the hint line until the next key.
        state.status = nil
        state.message = nil
        switch state.mode {
        case .summary:
            // A key the `[summary]` section binds to a command puts the summary away and runs it; any other key
            // just puts it away and does nothing else, so no key acts unseen.
            state.mode = .normal
            switch bound(key, in: [.summary], &state, keymap: keymap) {
            case .command(let c)? where c.isModeOnly || c == .clear: return []
            case let other?: return run(other, &state, keymap: keymap, measure: measure)
            case nil: return []
            }
        case .help(let scroll):
            let rows = keymap.helpRows(state).count
            // A page: about as many entries as the box shows.
            let page = max(1, state.terminalSize.height - 8)
            switch bound(key, in: [.help], &state, keymap: keymap) {
            case .command(.cancel)?, .command(.help)?, .command(.quit)?, .command(.clear)?: state.mode = .normal
            // Movement scrolls the help (on a small terminal it is taller than the screen).
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
        case .commandLine(var field, let list, let subject):
            // Printable keys are text; the others are the `[command]` section's, else the field's (BS, arrows …).
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
        case .filter(var field):
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
        case .menu(let selection, let subject):
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
            case .command?, nil: break
            // Another `:` line bound here goes to the matters the menu was opened on.
            case let other?:
                state.mode = .normal
                return run(other, &state, keymap: keymap, measure: measure, on: subject)
            }
            return []
        case .form(var form):
            return formKey(key, &form, &state, keymap: keymap, measure: measure)
        case .report(let report, let scroll):
            return reportKey(key, report, scroll: scroll, &state, keymap: keymap)
        case .text(var view):
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
        case .adminMenu(let menu):
            return adminMenuKey(key, menu, &state, keymap: keymap)
        case .confirm(let pending):
            state.mode = .normal
            if case .command(.submit)? = bound(key, in: [.confirm], &state, keymap: keymap) {
                // The form it came from stays while the step is written: a refusal or a failure comes back to it.
                if let form = pending.form { state.mode = .form(form) }
                return [pending.effect]
            }
            state.message = .cancelled
            return []
        case .normal:
            // The focused pane's own keys first, then the inbox's (which hold in every pane).
            let sections: [KeySection] = switch state.focus {
            case .inbox: [.inbox]
            case .detail: [.detail, .inbox]
            case .calendar: [.calendar, .inbox]
            }
            guard let command = bound(key, in: sections, &state, keymap: keymap) else { return [] }
            return run(command, &state, keymap: keymap, measure: measure)
        }
    }
}

/// Whether `key` is text in a text field (a printable character or the space), never looked up in a keymap.
func isText(_ key: String) -> Bool { key.count == 1 || key == "<Space>" }

/// The `:` line `key` is bound to in `sections` (the first that binds it), read as the `:` line reads what is typed
/// there: a key runs what its text says, through the same path. Nil when unbound; a text that does not read (a
/// word the interface language lacks) says why on the hint line.
func bound(_ key: String, in sections: [KeySection], _ state: inout AppState, keymap: Keymap) -> LineCommand? {
    guard let text = keymap.text(for: key, in: sections) else { return nil }
    do { return try CommandText.parse(text, words: state.words) } catch {
        state.status = .option(error)
        return nil
    }
}

private func perform(_ command: Command, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    let page = max(1, state.terminalSize.height / 2)
    switch command {
    case .commandLine:
        state.mode = .commandLine(TextField(), subject: state.stepTarget)
        return []
    case .document:
        // The command line, begun: `doc ` and Tab for the letters.
        state.mode = .commandLine(TextField("doc "), subject: state.stepTarget)
        return []
    case .filter:
        state.focus = .inbox
        state.mode = .filter(TextField(state.filter))
        return []
    case .new:
        return run(.new(nil, NewMatterOptions()), &state, keymap: keymap, measure: measure)
    case .reply:
        return run(.act(.reply, ActionOptions()), &state, keymap: keymap, measure: measure)
    case .scope:
        state.scope = state.scope == .open ? .all : .open
        return [.loadInbox]
    case .clear:
        state.tagged = []
        return refilter(&state, "")
    case .tag:
        if let id = state.selectedMatter?.id {
            if state.tagged.remove(id) == nil { state.tagged.insert(id) }
            state.message = .tagged(state.tagged.count)
        }
        return []
    case .open where state.focus == .calendar:
        state.focus = .inbox
        return refilter(&state, "due:\(state.calendarCursor)")
    case .open where state.admin != nil:
        return adminEnter(&state)
    case .open:
        guard state.selectedMatter != nil else { return [] }
        state.mode = .menu(selection: 0, subject: state.stepTarget)
        return []
    case .quit:
        state.quitting = true
        return [.quit]
    case .help:
        state.mode = .help(scroll: 0)
        return []
    case .report:
        return openReport(&state)
    case .viewText:
        guard let detail = state.detail, detail.matter.id == state.selectedMatter?.id else { return [] }
        state.mode = .text(TextView(detail))
        return []
    case .focusNext, .focusPrevious:
        let all = Pane.allCases
        let i = all.firstIndex(of: state.focus)!
        state.focus = all[(i + (command == .focusNext ? 1 : all.count - 1)) % all.count]
        return []
    case .previousMonth:
        state.calendarCursor = state.calendarCursor.adding(months: -1)
        return calendarEffects(state)
    case .nextMonth:
        state.calendarCursor = state.calendarCursor.adding(months: 1)
        return calendarEffects(state)
    default:
        break
    }
    switch state.focus {
    case .inbox where state.admin != nil:
        return adminMove(command, &state, page: page) ?? []
    case .inbox:
        let previous = state.selectedMatter?.id
        let last = max(0, state.inboxCount - 1)
        switch command {
        case .moveDown: state.selection = min(last, state.selection + 1)
        case .moveUp: state.selection = max(0, state.selection - 1)
        case .moveTop: state.selection = 0
        case .moveBottom: state.selection = last
        case .pageDown: state.selection = min(last, state.selection + page)
        case .pageUp: state.selection = max(0, state.selection - page)
        default: return []
        }
        return selectionChanged(&state, from: previous) + windowEffects(state)
    case .detail:
        // Between the top and the end the screen measured (a resize or reload may have moved it).
        let end = measure.lastScroll(state) ?? Int.max
        let scroll = min(state.detailScroll, end)
        switch command {
        case .moveDown: state.detailScroll = min(end, scroll + 1)
        case .moveUp: state.detailScroll = max(0, scroll - 1)
        case .moveTop: state.detailScroll = 0
        case .moveBottom: state.detailScroll = end == Int.max ? scroll : end
        case .pageDown: state.detailScroll = min(end, scroll + page)
        case .pageUp: state.detailScroll = max(0, scroll - page)
        default: break
        }
        return []
    case .calendar:
        let step: Int
        switch command {
        case .moveLeft: step = -1
        case .moveRight: step = 1
        case .moveUp: step = -7
        case .moveDown: step = 7
        case .moveTop: state.calendarCursor = state.today; return calendarEffects(state)
        default: return []
        }
        state.calendarCursor = state.calendarCursor.adding(days: step)
        return calendarEffects(state)
    }
}

/// After the selection moved: clear a stale detail and ask for the new one.
private func selectionChanged(_ state: inout AppState, from previous: MatterID?) -> [Effect] {
    guard let id = state.selectedMatter?.id else {
        state.detail = nil
        return []
    }
    if id == previous { return [] }
    state.detail = nil
    return [.loadDetail(id)]
}

/// What the hint line says happened, until the next key (drawn in the interface language by the screen).
public enum Message: Hashable, Sendable {
    case done(MatterAction, String)
    case created(String)
    /// Another session's change; `actor` is the person's display name (their login when it is not known).
    case changed(actor: String, action: EventAction, matter: MatterID, count: Int)
    case tagged(Int)
    case cancelled
    /// A form was left with its long text kept as a draft.
    case draftKept
    /// A form opened with the text of a draft.
    case draftRestored
    /// On entry: drafts from an earlier session wait for their forms.
    case draftsWaiting(Int)
    case text(String)
    /// Text was pasted where there is no text field: nothing was done with it.
    case pasteOutsideField
    /// A paste longer than its field may hold: only its first `limit` characters went in.
    case pasteCut(Int)
    /// A paste held control or invisible characters, which the field left out (`count` of them, the first `first`).
    case pasteHiddenDropped(count: Int, first: Unicode.Scalar)
    /// The store changed people or keys as asked.
    case people(PeopleCommand)
    /// A step on tagged matters: how many were done, and each refused one named with why.
    case batchDone(BatchOutcome)
    /// A letter recorded, and the command that fetches it as a document.
    case letterRecorded(fetch: String)
}

extension AppState {
    /// The command that fetches `letter` as a .docx: over SSH (`sshAddress`, e.g. oversight@10.0.0.5)
    /// `ssh ADDRESS doc reminder 12 > 催告函.docx`, else `oversight doc reminder 12 --out 催告函.docx`.
    public func fetchCommand(_ letter: Letter) -> String {
        let file = "\(letter.title).docx"
        guard let sshAddress else { return "oversight doc \(letter.kind.rawValue) \(letter.matter) --out \(file)" }
        return "ssh \(sshAddress) doc \(letter.kind.rawValue) \(letter.matter) > \(file)"
    }
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

/// The filter changed: the store reads the inbox anew through it (the selected matter stays selected if it
/// still shows, else the first row is), with the alerts and the calendar of what it shows.
private func refilter(_ state: inout AppState, _ text: String) -> [Effect] {
    guard text != state.filter else { return [] }
    if state.admin != nil {
        adminRefilter(&state, text)
        return []
    }
    state.filter = text
    return [.loadInboxPage(.around(state.selectedMatter?.id, else: nil), summary: true),
            .loadDeadlines(state.calendarCursor.firstOfMonth)]
}

/// Rows from the store go into the window: after it, before it, or in its place; the selection follows the
/// matter it was on (else keeps its place); the window is kept to a few screens around the selection.
private func loaded(_ anchor: InboxAnchor, _ page: InboxPage, _ summary: InboxSummary?, _ state: inout AppState) {
    if let count = page.count { state.inboxCount = count }
    if let summary { state.summary = summary }
    switch anchor {
    case .after:
        state.inbox += page.matters
    case .before:
        state.inbox = page.matters + state.inbox
        state.inboxStart -= page.matters.count
    case .top, .bottom, .around:
        let previous = state.select ?? state.selectedMatter?.id
        state.select = nil
        state.inbox = page.matters
        state.inboxStart = page.start ?? 0
        if let previous, let i = page.matters.firstIndex(where: { $0.id == previous }) {
            state.selection = state.inboxStart + i
        } else if case .around(_, else: nil) = anchor {
            state.selection = state.inboxStart
        } else if anchor == .bottom {
            state.selection = state.inboxStart + page.matters.count - 1
        }
    }
    state.inboxStart = max(0, state.inboxStart)
    state.selection = max(0, min(state.selection, state.inboxCount - 1))
    if !state.inbox.isEmpty {
        state.selection = max(state.inboxStart, min(state.selection, state.inboxStart + state.inbox.count - 1))
    }
    // A few screens around the selection; the rest is read again when the selection comes near.
    let limit = state.windowLimit
    if state.inbox.count > limit {
        let lo = max(state.inboxStart, min(state.selection - limit / 2, state.inboxStart + state.inbox.count - limit))
        state.inbox = Array(state.inbox[(lo - state.inboxStart)..<(lo - state.inboxStart + limit)])
        state.inboxStart = lo
    }
}

/// The rows the window lacks near the selection, asked for before they are needed: two screens ahead and behind.
func windowEffects(_ state: AppState) -> [Effect] {
    guard state.inboxCount > 0, state.admin == nil else { return [] }
    let margin = 2 * max(1, state.terminalSize.height)
    let end = state.inboxStart + state.inbox.count
    let s = state.selection
    if s < state.inboxStart || s >= end {
        // A jump out of the window (top, bottom): read the window there.
        return [.loadInboxPage(s < state.inboxCount / 2 ? .top : .bottom, summary: false)]
    }
    if end < state.inboxCount, s + margin >= end, let key = state.key(ofRow: state.inbox.count - 1) {
        return [.loadInboxPage(.after(key), summary: false)]
    }
    if state.inboxStart > 0, s - margin < state.inboxStart, let key = state.key(ofRow: 0) {
        return [.loadInboxPage(.before(key), summary: false)]
    }
    return []
}

/// The calendar's month changed: its deadlines are read.
private func calendarEffects(_ state: AppState) -> [Effect] {
    let month = state.calendarCursor.firstOfMonth
    return state.deadlinesMonth == month ? [] : [.loadDeadlines(month)]
}

/// Steps that cannot be undone: asked for once more before they go to the store.
let irreversible: Set<MatterAction> = [.issue, .close, .withdraw, .decline]

/// The matters a step goes to, fixed when the interaction began (a form, the `:` line, the menu), so that another
/// session's change moving the selection meanwhile never sends it elsewhere. `seen`: the first as it was then.
public struct StepTarget: Hashable, Sendable {
    public var ids: [MatterID]
    public var version: Int?
    public var seen: Matter?
}

extension AppState {
    /// What a step asked for now would go to: the tagged matters, else the selected one.
    var stepTarget: StepTarget? {
        if !tagged.isEmpty {
            // Those in the window in the inbox's order, then any tagged further away.
            let ms = inbox.filter { tagged.contains($0.id) }
            let ids = ms.map(\.id) + tagged.subtracting(ms.map(\.id)).sorted()
            return StepTarget(ids: ids, version: nil, seen: ms.first)
        }
        return selectedMatter.map { StepTarget(ids: [$0.id], version: $0.version, seen: $0) }
    }
}

/// Runs a `:` line command (keys bind to the same commands).
private func run(
    _ command: LineCommand, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure, on fixed: StepTarget? = nil
) -> [Effect] {
    switch command {
    case .command(let c):
        return perform(c, &state, keymap: keymap, measure: measure)
    case .people(let command):
        return runPeople(command, &state)
    case .filter(let text):
        state.focus = .inbox
        return refilter(&state, text)
    case .doc(let kind):
        guard let m = state.selectedMatter else {
            state.status = .noSelection
            return []
        }
        return [.fillLetter(kind, m.id)]
    case .goto(let day):
        state.calendarCursor = day
        state.focus = .calendar
        return calendarEffects(state)
    case .new(let kind, let options):
        let kinds = Workflow.creatableKinds(by: state.viewer)
        guard let kind = kind ?? kinds.first else {
            state.status = .refused(.workflow(.notAllowed(.issue, state.viewer.party)))
            return []
        }
        let organisations = state.organisations, words = state.words
        let attempt = Result { () throws(OptionError) in
            try options.request(kind, today: state.today, words: words) { text in
                organisations[text] != nil ? text : words.organisation(text) ?? organisations.first { $0.value == text }?.key
            }
        }
        if case .success(let new) = attempt { return [.create(new)] }
        var form = Form(target: .new(kind), fields: Form.fields(forNew: options, kind: kind, kinds: kinds))
        if case .failure(let e) = attempt, options != NewMatterOptions() {
            form.error = form.error(.option(e))
        }
        open(form, &state)
        return []
    case .act(let action, let options):
        guard let target = fixed ?? state.stepTarget, let firstID = target.ids.first else {
            state.status = .noSelection
            return []
        }
        let ids = target.ids, version = target.version
        // The matter as loaded now, else as it was seen: the store re-checks it against what it is (stale, state).
        guard let first = state.inbox.first(where: { $0.id == firstID }) ?? target.seen else {
            // It left this inbox meanwhile (closed, withdrawn): the store says what became of it.
            do { return [.act(ids, action, try options.input(today: state.today, words: state.words), expecting: version)] } catch {
                state.status = .option(error)
                return []
            }
        }
        let input: ActionInput
        do { input = try options.input(today: state.today, words: state.words) } catch {
            open(openForm(action, first, ids, version, options, error: .option(error), today: state.today), &state)
            return []
        }
        // A dry run of the domain's own step tells what is missing (its form opens) or why not (said at once).
        var probe = input
        if action == .issue, (probe.documentNumber ?? "").isEmpty, first.number.isEmpty { probe.documentNumber = "试〔2000〕1号" }
        do {
            _ = try Workflow.apply(action, to: first, by: state.viewer, input: probe,
                                   context: WorkflowContext(today: state.today, calculator: state.clock))
        } catch {
            switch error {
            case .invalidInput(let p) where p.opensForm:
                var form = openForm(action, first, ids, version, options, error: nil, today: state.today)
                if case .form = state.mode { form.error = form.error(.refused(.workflow(error))) }
                open(form, &state)
            default:
                if case .form(var form) = state.mode {
                    form.error = form.error(.refused(.workflow(error)))
                    state.mode = .form(form)
                } else {
                    state.status = .refused(.workflow(error))
                }
            }
            return []
        }
        let effect = Effect.act(ids, action, input, expecting: version)
        if irreversible.contains(action) || ids.count > 1 {
            var pending = Pending(effect: effect, action: action, count: ids.count,
                                  label: first.number.isEmpty ? first.title : first.number)
            pending.names = state.labels(of: ids)
            if case .form(let form) = state.mode { pending.form = form }
            state.mode = .confirm(pending)
            return []
        }
        return [effect]
    }
}

/// Shows `form`; one that opens anew takes back the text of its drafts.
private func open(_ form: Form, _ state: inout AppState) {
    var form = form
    if case .form = state.mode {} else if form.restore(state.drafts) { state.message = .draftRestored }
    state.mode = .form(form)
}

/// A form went through: its drafts are no longer needed.
private func submitted(_ target: Draft.Target, _ state: inout AppState) -> [Effect] {
    guard state.drafts.contains(where: { $0.target == target }) else { return [] }
    state.drafts.removeAll { $0.target == target }
    return [.discardDrafts(target)]
}

private func openForm(
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

/// A paste: into the focused text field at its cursor, as text (a long text keeps its line breaks; a one-line field,
/// the `:` line and the filter get spaces for line breaks and tabs); never as keys. Anywhere else it is dropped and
/// the hint line says where a paste goes.
private func paste(_ text: String, _ state: inout AppState) -> [Effect] {
    // A paste is cut at the limit of what the field may hold (TextRule): a huge paste never slows a key, and
    // the hint line says it was cut (the rest is still on the clipboard).
    func fitted(_ text: String, _ limit: Int) -> String {
        let (kept, cut) = pasteCut(text, limit: limit)
        if cut {
            state.message = .pasteCut(limit)
        } else if let (first, count) = pasteHidden(kept) {
            state.message = .pasteHiddenDropped(count: count, first: first)
        }
        return kept
    }
    switch state.mode {
    case .commandLine(var field, _, let subject):
        field.insert(oneLine(fitted(text, TextRule.longLimit)))
        state.mode = .commandLine(field, subject: subject)
        return []
    case .filter(var field):
        field.insert(oneLine(fitted(text, TextRule.lineLimit)))
        state.mode = .filter(field)
        return refilter(&state, field.text)
    case .form(var form):
        var field = form.focused
        if var editor = field.editor {
            editor.insert(fitted(text, TextRule.longLimit))
            field.editor = editor
        } else {
            field.line.insert(oneLine(fitted(text, TextRule.lineLimit)))
        }
        form.fields[form.focus] = field
        state.mode = .form(form)
        return []
    case .normal, .summary, .help, .menu, .confirm, .report, .text, .adminMenu:
        state.message = .pasteOutsideField
        return []
    }
}

/// The control and invisible characters of a paste that a text field drops (`Sanitizer.line`; line breaks and tabs
/// aside, which the field turns into what it holds): the first and how many, or nil when there are none.
func pasteHidden(_ text: String) -> (Unicode.Scalar, Int)? {
    var first: Unicode.Scalar?
    var count = 0
    for s in text.unicodeScalars where s != "\n" && s != "\r" && s != "\t" && Sanitizer.line(String(s)).isEmpty {
        if first == nil { first = s }
        count += 1
    }
    return first.map { ($0, count) }
}

/// The first `limit` Unicode scalars of a paste (the unit `TextRule` counts in), and whether anything was left out.
func pasteCut(_ text: String, limit: Int) -> (String, Bool) {
    var scalars = String.UnicodeScalarView()
    var count = 0
    for s in text.unicodeScalars {
        if count == limit { return (String(scalars), true) }
        scalars.append(s)
        count += 1
    }
    return (String(scalars), false)
}

/// Pasted text for a one-line field: each line break (CR LF, CR, LF, and the other Unicode ones) and tab is a space.
func oneLine(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var afterCR = false
    for s in text.unicodeScalars {
        defer { afterCR = s == "\r" }
        switch s.value {
        case 0x0A where afterCR: continue
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: out.append(" ")
        default: out.append(s)
        }
    }
    return String(out)
}

/// A key in a form: text goes into the focused field; Tab and the arrows move between fields; Enter on a
/// one-line field (or Ctrl-D anywhere) submits; Esc cancels.
private func formKey(_ key: String, _ form: inout Form, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
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
