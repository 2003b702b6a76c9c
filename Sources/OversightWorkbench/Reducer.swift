import Foundation
import OversightDomain
import TerminalKit

/// Something that happened: a key, a resize, or data arriving from the store.
public enum AppAction: Sendable {
    case key(String)
    case resized(width: Int, height: Int)
    case inboxLoaded(open: [Matter], total: Int)
    case detailLoaded(MatterDetail?)
    /// An effect (a store call) failed; the message is the error's description. The session goes on.
    case effectFailed(String)
    /// The store took the step: the matter as it now stands.
    case acted(Matter, MatterAction)
    /// The store made the matter.
    case created(Matter)
    /// The store refused (not allowed, stale, missing input): nothing written.
    case refused(Refusal)
    /// Other sessions wrote these events on matters the viewer may see.
    case othersChanged([MatterEvent])
    /// The administrator's overview.
    case adminLoaded(AdminOverview)
    /// The viewer's unsubmitted long texts from earlier sessions.
    case draftsLoaded([Draft])
    /// The session is ending (quit, hang-up, terminate, idle): what is typed into a form is kept as a draft.
    case ending
}

/// Work the reducer asks the runtime to do. Data, so tests can compare it.
public enum Effect: Hashable, Sendable {
    /// The inbox in the state's scope (open matters, or everything visible).
    case loadInbox
    case loadDetail(MatterID)
    /// One step on each of these matters, through the store's one write path (`expecting` the version seen).
    case act([MatterID], MatterAction, ActionInput, expecting: Int?)
    case create(NewMatter)
    case loadDrafts
    /// Keep these texts as the viewer's drafts (an empty text removes one).
    case saveDrafts([Draft])
    /// The form was submitted: its drafts go.
    case discardDrafts(Draft.Target)
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
    case .inboxLoaded(let open, let total):
        let previous = state.select ?? state.selectedMatter?.id
        state.select = nil
        // Ordered once as loaded; the filter then only takes from that order (filtering keeps it).
        state.loaded = state.ordered(open)
        state.inbox = state.loaded.filter(InboxFilter(state.filter, today: state.today, window: state.alertWindow).admits)
        state.totalVisible = total
        if state.entrySummaryPending {
            // On entry, what is overdue is shown without being asked for.
            state.entrySummaryPending = false
            state.showOverdueSummary = state.alerts.overdue > 0
        }
        state.selection = previous.flatMap { id in state.inbox.firstIndex { $0.id == id } } ?? 0
        // A first load (or a vanished selection) needs a detail; a reload keeps the one shown.
        return selectionChanged(&state, from: state.detail?.matter.id)
    case .effectFailed(let message):
        state.status = .failed(message)
        return []
    case .acted(let m, let action):
        if case .form = state.mode { state.mode = .normal }
        if case .confirm = state.mode { state.mode = .normal }
        state.tagged.remove(m.id)
        state.message = .done(action, m.number.isEmpty ? m.title : m.number)
        return [.loadInbox, .loadDetail(m.id)] + submitted(.act(action, m.id), &state)
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
    case .adminLoaded(let overview):
        state.admin = overview
        return []
    case .draftsLoaded(let drafts):
        state.drafts = drafts
        if !drafts.isEmpty, state.message == nil { state.message = .draftsWaiting(Set(drafts.map(\.target)).count) }
        return []
    case .ending:
        guard case .form(let form) = state.mode, !form.drafts.isEmpty else { return [] }
        return [.saveDrafts(form.drafts)]
    case .othersChanged(let events):
        let others = events.filter { $0.actor != state.viewer.user.name }
        if let last = others.last { state.message = .changed(actor: last.actor, action: last.action, matter: last.matterID, count: others.count) }
        return [.loadInbox] + (state.selectedMatter.map { [.loadDetail($0.id)] } ?? [])
    case .detailLoaded(let detail):
        if detail?.matter.id == state.selectedMatter?.id {
            if state.detail?.matter.id != detail?.matter.id { state.detailScroll = 0 }
            state.detail = detail
        }
        return []
    case .key(let key):
        // A failure or a message stays on the hint line until the next key.
        state.status = nil
        state.message = nil
        switch state.mode {
        case .summary:
            // Any key dismisses the summary and does nothing else, so no key acts unseen.
            state.mode = .normal
            return []
        case .help:
            switch keymap.command(for: key) {
            case .help?, .quit?: state.mode = .normal
            case _ where key == "<Esc>": state.mode = .normal
            // Movement scrolls the help (on a small terminal it is taller than the screen).
            case .moveDown?, .pageDown?: state.helpScroll = min(keymap.helpRows(state).count - 1, state.helpScroll + 1)
            case .moveUp?, .pageUp?: state.helpScroll = max(0, state.helpScroll - 1)
            case .moveTop?: state.helpScroll = 0
            default: break
            }
            return []
        case .commandLine(var field):
            switch key {
            case "<Esc>": state.mode = .normal
            case "<Enter>":
                state.mode = .normal
                let subject = state.subject
                state.subject = nil
                do { return run(try CommandText.parse(field.text), &state, keymap: keymap, measure: measure, on: subject) } catch {
                    state.status = .option(error)
                }
            case "<Tab>":
                let options = CommandText.completions(of: field.text)
                if options.count == 1 || (!options.isEmpty && commonPrefix(options) != "") {
                    let word = field.text.last == " " ? "" : String(field.text.split(separator: " ").last ?? "")
                    let completion = options.count == 1 ? options[0] + " " : commonPrefix(options)
                    field.insert(String(completion.dropFirst(word.count)))
                }
                if options.count > 1 { state.message = .text(options.joined(separator: " ")) }
                state.mode = .commandLine(field)
            default:
                field.handle(key)
                state.mode = .commandLine(field)
            }
            return []
        case .filter(var field):
            switch key {
            case "<Esc>":
                state.mode = .normal
                return refilter(&state, "")
            case "<Enter>":
                state.mode = .normal
                return []
            default:
                field.handle(key)
                state.mode = .filter(field)
                return refilter(&state, field.text)
            }
        case .menu(let selection):
            let entries = state.menuEntries
            switch keymap.command(for: key) {
            case .moveDown: state.mode = .menu(selection: min(max(0, entries.count - 1), selection + 1))
            case .moveUp: state.mode = .menu(selection: max(0, selection - 1))
            case .open:
                guard entries.indices.contains(selection) else { state.mode = .normal; return [] }
                let entry = entries[selection]
                state.mode = .normal
                if let reason = entry.reason {
                    state.status = .refused(.workflow(reason))
                    return []
                }
                let subject = state.subject
                state.subject = nil
                return run(.act(entry.action, ActionOptions()), &state, keymap: keymap, measure: measure, on: subject)
            case .quit, .clear: state.mode = .normal
            default: if key == "<Esc>" { state.mode = .normal }
            }
            return []
        case .form(var form):
            return formKey(key, &form, &state, keymap: keymap, measure: measure)
        case .confirm(let pending):
            state.mode = .normal
            if ["y", "Y", "<Enter>"].contains(key) { return [pending.effect] }
            state.message = .cancelled
            return []
        case .normal:
            guard let command = keymap.command(for: key) else { return [] }
            return perform(command, &state, keymap: keymap, measure: measure)
        }
    }
}

private func perform(_ command: Command, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    let page = max(1, state.terminalSize.height / 2)
    switch command {
    case .commandLine:
        state.mode = .commandLine(TextField())
        state.subject = state.stepTarget
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
    case .open:
        guard state.selectedMatter != nil else { return [] }
        state.mode = .menu(selection: 0)
        state.subject = state.stepTarget
        return []
    case .quit:
        state.quitting = true
        return [.quit]
    case .help:
        state.showHelp = true
        state.helpScroll = 0
        return []
    case .focusNext, .focusPrevious:
        let all = Pane.allCases
        let i = all.firstIndex(of: state.focus)!
        state.focus = all[(i + (command == .focusNext ? 1 : all.count - 1)) % all.count]
        return []
    case .previousMonth:
        state.calendarCursor = state.calendarCursor.adding(months: -1)
        return []
    case .nextMonth:
        state.calendarCursor = state.calendarCursor.adding(months: 1)
        return []
    default:
        break
    }
    switch state.focus {
    case .inbox:
        let previous = state.selectedMatter?.id
        let last = max(0, state.inbox.count - 1)
        switch command {
        case .moveDown: state.selection = min(last, state.selection + 1)
        case .moveUp: state.selection = max(0, state.selection - 1)
        case .moveTop: state.selection = 0
        case .moveBottom: state.selection = last
        case .pageDown: state.selection = min(last, state.selection + page)
        case .pageUp: state.selection = max(0, state.selection - page)
        default: return []
        }
        return selectionChanged(&state, from: previous)
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
        case .moveTop: state.calendarCursor = state.today; return []
        default: return []
        }
        state.calendarCursor = state.calendarCursor.adding(days: step)
        return []
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
    case changed(actor: UserName, action: EventAction, matter: MatterID, count: Int)
    case tagged(Int)
    case cancelled
    /// A form was left with its long text kept as a draft.
    case draftKept
    /// A form opened with the text of a draft.
    case draftRestored
    /// On entry: drafts from an earlier session wait for their forms.
    case draftsWaiting(Int)
    case text(String)
}

extension AppState {
    /// The steps of the selected matter's kind: those this user may take now first, then the others with why not.
    public var menuEntries: [StepStatus] {
        guard let m = subject?.seen ?? selectedMatter else { return [] }
        let all = Workflow.stepStatus(for: viewer, on: m, today: today)
        return all.filter { $0.reason == nil } + all.filter { $0.reason != nil }
    }

    /// The inbox order: what waits on this party first, then what waits on others, each most urgent first;
    /// closed and withdrawn matters (in the `all` scope) last. A total order, so a filter can be applied after it.
    func ordered(_ shown: [Matter]) -> [Matter] {
        let mine = shown.filter { Workflow.awaits(viewer, on: $0) }
        let others = shown.filter { $0.state.isOpen && !Workflow.awaits(viewer, on: $0) }
        let ended = shown.filter { !$0.state.isOpen }
        return AlertRules.inboxOrder(mine, today: today, window: alertWindow)
            + AlertRules.inboxOrder(others, today: today, window: alertWindow)
            + ended.sorted { ($0.closedOn ?? $0.createdOn, $0.id) > ($1.closedOn ?? $1.createdOn, $1.id) }
    }
}

/// The inbox filter: every word must match. `overdue`/`逾期`, `today`/`今日`, `week`/`7d`; a kind, state or
/// domain name; `due:2025-10-09` or `due:2025-10-01..2025-10-31`; an organisation id; else text found in the
/// number, title or summary.
public struct InboxFilter: Sendable {
    var words: [String]
    var today: CivilDate
    var window: Int

    /// The words without letter case (Chinese, digits): compared as they are, much faster than a localized search.
    private var caseless: Set<String>

    public init(_ text: String, today: CivilDate, window: Int) {
        words = text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        caseless = Set(words.filter { $0.lowercased() == $0.uppercased() })
        self.today = today
        self.window = window
    }

    /// Whether every word is plain text (no keyword, name, range or organisation): then a longer filter that
    /// starts with this one can only narrow what it admits.
    func isPlainText(organisations: [OrgID: String]) -> Bool {
        words.allSatisfy { w in
            !["overdue", "逾期", "today", "今日", "week", "7d", "本周"].contains(w) && MatterKind(rawValue: w) == nil
                && MatterState(rawValue: w) == nil && DomainArea(rawValue: w) == nil && !w.hasPrefix("due:")
                && organisations[w] == nil
        }
    }

    public func admits(_ m: Matter) -> Bool {
        words.allSatisfy { word in
            switch word {
            case "overdue", "逾期":
                if case .overdue = Urgency(m, today: today, window: window) { return true } else { return false }
            case "today", "今日": return Urgency(m, today: today, window: window) == .dueToday
            case "week", "7d", "本周": return m.pendingDue.map { $0 >= today && $0 <= today.adding(days: 7) } ?? false
            default: break
            }
            if let k = MatterKind(rawValue: word) { return m.kind == k }
            if let s = MatterState(rawValue: word) { return m.state == s }
            if let d = DomainArea(rawValue: word) { return m.domain == d }
            if word.hasPrefix("due:") {
                let range = word.dropFirst(4).components(separatedBy: "..")
                guard let from = CivilDate(range[0]), let due = m.pendingDue ?? m.due else { return false }
                let to = range.count > 1 ? CivilDate(range[1]) ?? from : from
                return due >= from && due <= to
            }
            if [m.fromOrg, m.toOrg, m.subjectOrg].contains(word) { return true }
            if caseless.contains(word) {
                return bytes(of: word, in: m.title) || bytes(of: word, in: m.number) || bytes(of: word, in: m.summary)
            }
            return m.number.localizedCaseInsensitiveContains(word) || m.title.localizedCaseInsensitiveContains(word)
                || m.summary.localizedCaseInsensitiveContains(word)
        }
    }
}

/// Whether `text` holds `word`'s UTF-8 bytes. UTF-8 is self-synchronising, so a byte match is a match of whole
/// characters: for words without letter case this is the comparison, at memory speed.
private func bytes(of word: String, in text: String) -> Bool {
    var text = text, word = word
    return text.withUTF8 { t in
        word.withUTF8 { w in
            guard let tb = t.baseAddress, let wb = w.baseAddress, t.count >= w.count else { return w.isEmpty }
            let last = t.count - w.count
            var i = 0
            while i <= last {
                // The next place the first byte occurs, then the rest compared at once.
                guard let hit = memchr(tb + i, Int32(wb.pointee), last - i + 1) else { return false }
                i = tb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(tb + i, wb, w.count) == 0 { return true }
                i += 1
            }
            return false
        }
    }
}

/// The filter changed: the inbox is narrowed from what was loaded, at once.
private func refilter(_ state: inout AppState, _ text: String) -> [Effect] {
    let previous = state.selectedMatter?.id
    let new = InboxFilter(text, today: state.today, window: state.alertWindow)
    // Typing on (more text after plain words) only narrows: what is shown is filtered further; otherwise
    // everything loaded (already in order) is.
    let narrows = text.hasPrefix(state.filter)
        && InboxFilter(state.filter, today: state.today, window: state.alertWindow).isPlainText(organisations: state.organisations)
        && new.isPlainText(organisations: state.organisations)
    state.filter = text
    state.inbox = (narrows ? state.inbox : state.loaded).filter(new.admits)
    state.selection = previous.flatMap { id in state.inbox.firstIndex { $0.id == id } } ?? 0
    return selectionChanged(&state, from: previous)
}

private func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first else { return "" }
    for w in words.dropFirst() { while !w.hasPrefix(prefix) { prefix.removeLast() } }
    return prefix
}

/// Steps that cannot be undone: asked for once more before they go to the store.
let irreversible: Set<MatterAction> = [.issue, .close, .withdraw, .decline]

/// The matters a step goes to, fixed when the interaction began (a form, the `:` line, the menu), so that another
/// session's change moving the selection meanwhile never sends it elsewhere. `seen`: the first as it was then.
struct StepTarget {
    var ids: [MatterID]
    var version: Int?
    var seen: Matter?
}

extension AppState {
    /// What a step asked for now would go to: the tagged matters, else the selected one.
    var stepTarget: StepTarget? {
        if !tagged.isEmpty {
            let ms = inbox.filter { tagged.contains($0.id) }
            return ms.isEmpty ? nil : StepTarget(ids: ms.map(\.id), version: nil, seen: ms.first)
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
    case .filter(let text):
        state.focus = .inbox
        return refilter(&state, text)
    case .goto(let day):
        state.calendarCursor = day
        state.focus = .calendar
        return []
    case .new(let kind, let options):
        let kinds = Workflow.creatableKinds(by: state.viewer)
        guard let kind = kind ?? kinds.first else {
            state.status = .refused(.workflow(.notAllowed(.issue, state.viewer.party)))
            return []
        }
        let organisations = state.organisations
        let attempt = Result { () throws(OptionError) in
            try options.request(kind, today: state.today) { text in
                organisations[text] != nil ? text : organisations.first { $0.value == text }?.key
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
        guard let first = state.loaded.first(where: { $0.id == firstID }) ?? target.seen else {
            // It left this inbox meanwhile (closed, withdrawn): the store says what became of it.
            do { return [.act(ids, action, try options.input(today: state.today), expecting: version)] } catch {
                state.status = .option(error)
                return []
            }
        }
        let input: ActionInput
        do { input = try options.input(today: state.today) } catch {
            open(openForm(action, first, ids, version, options, error: .option(error)), &state)
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
                var form = openForm(action, first, ids, version, options, error: nil)
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
            state.mode = .confirm(Pending(effect: effect, action: action, count: ids.count,
                                          label: first.number.isEmpty ? first.title : first.number))
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
    _ action: MatterAction, _ m: Matter, _ ids: [MatterID], _ version: Int?, _ options: ActionOptions, error: Problem?
) -> Form {
    var form = Form(target: .act(action, ids, version: version), fields: Form.fields(for: action, kind: m.kind, given: options))
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

/// A key in a form: text goes into the focused field; Tab and the arrows move between fields; Enter on a
/// one-line field (or Ctrl-D anywhere) submits; Esc cancels.
private func formKey(_ key: String, _ form: inout Form, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    let multiline = form.focused.editor != nil
    switch key {
    case "<Esc>":
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
    // In a multi-line editor, Up, Down and Enter edit the text; Tab, S-Tab and Ctrl-D always leave it.
    case _ where key == "<Tab>" || (key == "<Down>" && !multiline):
        form.focus = (form.focus + 1) % form.fields.count
    case _ where key == "<S-Tab>" || (key == "<Up>" && !multiline):
        form.focus = (form.focus + form.fields.count - 1) % form.fields.count
    case _ where key == "<C-d>" || (key == "<Enter>" && !multiline):
        form.error = nil
        state.mode = .form(form)
        switch form.target {
        case .act(let action, let ids, let version):
            // To the matters the form was opened for, as seen then: never to whatever is selected now.
            let target = StepTarget(ids: ids, version: version, seen: nil)
            return run(.act(action, form.actionOptions), &state, keymap: keymap, measure: measure, on: target)
        case .new(let kind):
            let chosen = form.value("kind").flatMap(MatterKind.init(rawValue:)) ?? kind
            return run(.new(chosen, form.newOptions), &state, keymap: keymap, measure: measure)
        }
    default:
        var field = form.focused
        if !field.choices.isEmpty, ["<Space>", "<Left>", "<Right>"].contains(key) {
            let i = field.choices.firstIndex(of: field.value) ?? -1
            let n = field.choices.count
            let next = key == "<Left>" ? (i - 1 + n) % n : (i + 1) % n
            field.line = TextField(field.choices[next])
        } else if var editor = field.editor {
            editor.handle(key, pageHeight: max(1, state.terminalSize.height / 2))
            field.editor = editor
        } else {
            field.line.handle(key)
        }
        form.fields[form.focus] = field
    }
    state.mode = .form(form)
    return []
}
