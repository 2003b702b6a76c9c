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
    /// The exact count of the inbox's rows in its scope and filter (`Effect.loadInboxCount`).
    case inboxCounted(Int)
    /// The calendar month's pending deadlines per day.
    case deadlinesLoaded(month: CivilDate, [CivilDate: Int])
    /// The planned days (`scheduledOn`) of open matters in the month, by day.
    case plannedLoaded(month: CivilDate, [CivilDate: Int])
    case detailLoaded(MatterDetail?)
    /// An effect (a store call) failed; the message is the error's description. The session goes on.
    case effectFailed(String)
    /// A look at the database worked again after one failed (a shared database back after a restart): what was said
    /// of the failure goes, unless a form holds it (its text is still to be submitted).
    case databaseBack
    /// The store took the step: the matter as it now stands.
    case acted(Matter, MatterAction)
    /// The step was kept as a submission for the head's decision (sign-off); the matter is unchanged.
    case submittedForSignOff(Matter, MatterAction)
    /// What waits on sign-off for the viewer (`Store.awaiting`), read with the inbox.
    case awaitingLoaded([SignOffItem])
    /// Another session submitted, approved or returned a step of the viewer's organisation (sign-off).
    case signOffChanged
    /// A head approved the submission of `MatterAction` on the matter: the step went out (the matter as it now stands).
    case approved(Matter, MatterAction)
    /// A head returned the submission to its handler with the reason (`label`: the matter's number or title).
    case returnedSubmission(Submission, label: String)
    /// A step on several tagged matters: each was tried (`BatchOutcome`: done and refused, named).
    case batchActed(BatchOutcome)
    /// The store made the matter.
    case created(Matter)
    /// The store refused (not allowed, stale, missing input): nothing written.
    case refused(Refusal)
    /// The store asks before making `NewMatter`: its field lies outside the department's (Art. 4).
    case fieldToConfirm(NewMatter, FieldMismatch)
    /// Other sessions wrote these events on matters the viewer may see; `names`: the actors' display names.
    case othersChanged([MatterEvent], names: [UserName: String] = [:])
    /// The database's legal clock moved (another session loaded a holiday notice or agreed a county rule,
    /// `Store.clockToken`): the clock as it now reads (`Store.clock(base:)`), in force from now on.
    case clockLoaded(PeriodCalculator)
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
    /// `:rules`: every rule the county's clock counts with, read now.
    case rulesLoaded([RuleView])
    /// The store kept a proposal for a county rule (`Store.propose`): it waits for the other party.
    case ruleProposed(CountyRuleKey, Period)
    /// The store agreed a county rule (`Store.agree`): its new version, in force for clocks started from `since`.
    case ruleAgreed(CountyRuleKey, version: Int, Period, since: CivilDate)
}

/// Work the reducer asks the runtime to do. Data, so tests can compare it.
public enum Effect: Hashable, Sendable {
    /// The inbox in the state's scope and filter, kept where it is (the selected matter, else its place), with
    /// the summary and the calendar's deadlines.
    case loadInbox
    /// Rows of the inbox from `anchor` (with the alerts of what is shown when `summary`).
    case loadInboxPage(InboxAnchor, summary: Bool)
    /// A typed filter's rows around `anchor`: what the screen shows (a screenful, not the window), with the alerts, and
    /// the count capped at those rows when counting would read every matter row (`InboxPage.atLeast`): a keystroke
    /// pays for what it shows; the exact count follows when the keys stop (`.whenIdle(.loadInboxCount)`).
    case loadFilteredInbox(InboxAnchor)
    /// How many rows the inbox has in its scope and filter, counted exactly (after a capped count).
    case loadInboxCount
    /// `effect`, once no key is waiting: the runtime keeps it until a wait for a key times out (a newer one of the same
    /// work replaces it), so keys typed or held in a row do not each pay for it. Where nothing waits for keys (a test
    /// fixture's interpreter) it runs at once.
    indirect case whenIdle(Effect)
    /// `effect`, before the next frame is drawn unless a key already waits: the runtime handles a waiting key first (no
    /// frame is drawn for the one before), so keys that come faster than they are handled skip it — a held key's moves
    /// read the detail of the row they stop on — while a key at a time sees it drawn with its own frame, as before.
    /// Where nothing waits for keys it runs at once.
    indirect case beforeDraw(Effect)
    /// The pending deadlines per day of the month that starts on this day.
    case loadDeadlines(CivilDate)
    case loadDetail(MatterID)
    /// One step on each of these matters, through the store's one write path (`expecting` the version seen).
    case act([MatterID], MatterAction, ActionInput, expecting: Int?)
    case create(NewMatter)
    /// A head approves the submission waiting on the matter (`Store.approve`: the oldest of their organisation's).
    case approve(MatterID)
    /// A head returns the submission waiting on the matter to its handler with a reason (`Store.returnSubmission`).
    case returnSubmission(MatterID, reason: String)
    case loadDrafts
    /// Keep these texts as the viewer's drafts (an empty text removes one).
    case saveDrafts([Draft])
    /// The form was submitted: its drafts go.
    case discardDrafts(Draft.Target)
    /// The figures of the matters the viewer may count over the period (`Store.report`: its share, and the county's
    /// figures for the justice bureau).
    case loadReport(ReportPeriod)
    /// `:doc TEMPLATE`: the letter for the matter, filled to read (nothing recorded).
    case fillLetter(LetterKind, MatterID)
    /// The letter read, recorded as a note on the version it was filled from.
    case makeLetter(LetterKind, MatterID, expecting: Int?)
    /// A change of people or keys through the store's checked write path (administrators only).
    case people(PeopleCommand)
    /// `:rules`: the county's rules as the database's clock counts them, with what waits for agreement.
    case loadRules
    /// `:rules propose`: a value for a county rule, resting on `source` (`Store.propose`; the store checks who may).
    case proposeRule(CountyRuleKey, Period, source: String)
    /// `:rules agree`: the other party's proposal agreed (`Store.agree`); the clock is read again after it.
    case agreeRule(CountyRuleKey)
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
    // While the inbox is zoomed the detail and the calendar are not read (`Reducer+Zoom`).
    zoomed(reduceAction(&state, action, keymap: keymap, measure: measure), &state)
}

/// What `action` does to `state`, with the effects it asks for (before the zoomed inbox drops those it does not need).
func reduceAction(_ state: inout AppState, _ action: AppAction, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
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
        // A first load (or a vanished selection) needs a detail; a reload keeps the one shown. A count capped at the
        // rows read is made exact once the keys stop.
        return selectionChanged(&state, from: state.detail?.matter.id) + windowEffects(state)
            + (page.atLeast ? [.whenIdle(.loadInboxCount)] : [])
    case .inboxCounted(let n):
        state.inboxCount = n
        state.inboxCountAtLeast = false
        state.selection = max(0, min(state.selection, n - 1))
        // The window can now be topped up beyond the rows the capped load read.
        return windowEffects(state)
    case .deadlinesLoaded(let month, let byDay):
        state.deadlinesMonth = month
        state.deadlinesByDay = byDay
        return []
    case .plannedLoaded(_, let byDay):
        state.plannedByDay = byDay
        return []
    case .databaseBack:
        if state.status != nil {
            state.status = nil
            state.message = .reconnected
        }
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
        // An escalation that announces a referral or a notice offers to open it (FollowOn).
        if action == .escalate, let kind = m.escalations?.last?.announces,
           FollowOn.kinds(following: m, by: state.viewer).contains(kind) {
            state.message = .followOnOffered(m.number.isEmpty ? m.title : m.number, kind: kind, follows: m.id)
        }
        return [.loadInbox, .loadDetail(m.id)] + submitted(.act(action, m.id), &state)
    case .submittedForSignOff(let m, let action):
        if case .form = state.mode { state.mode = .normal }
        if case .confirm = state.mode { state.mode = .normal }
        state.tagged.remove(m.id)
        state.message = .submitted(action, m.number.isEmpty ? m.title : m.number)
        return [.loadInbox, .loadDetail(m.id)]
    case .awaitingLoaded(let items):
        return awaitingLoaded(items, &state)
    case .signOffChanged:
        // Read again (the block, the inbox's counts, the detail's submissions); nothing is said (it names no step).
        guard state.admin == nil else { return [] }
        return [.loadInbox] + (state.selectedMatter.map { [.loadDetail($0.id)] } ?? [])
    case .approved(let m, let action):
        if case .commandLine = state.mode { state.mode = .normal }
        state.message = .approved(action, m.number.isEmpty ? m.title : m.number)
        // The matter stays selected: in the inbox, once the block no longer holds it.
        state.select = m.id
        return [.loadInbox, .loadDetail(m.id)]
    case .returnedSubmission(let submission, let label):
        if case .commandLine = state.mode { state.mode = .normal }
        state.message = .returned(submission.action, label)
        state.select = submission.matterID
        return [.loadInbox, .loadDetail(submission.matterID)]
    case .batchActed(let outcome):
        return batchActed(outcome, &state)
    case .created(let m):
        state.mode = .normal
        state.select = m.id
        // The new matter is selected: a filter that would hide it goes.
        state.filter = ""
        state.message = .created(m.title)
        return [.loadInbox] + submitted(.new(m.kind), &state)
    case .fieldToConfirm(let new, let mismatch):
        // Asked once: yes makes it as it is, anything else goes back to the form to change the field.
        var confirmed = new
        confirmed.domainConfirmed = true
        var pending = Pending(effect: .create(confirmed), action: .issue, count: 1, label: new.title)
        pending.field = mismatch
        if case .form(let form) = state.mode { pending.form = form }
        state.mode = .confirm(pending)
        return []
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
    case .rulesLoaded(let rules):
        state.mode = .text(TextView(rules: rules))
        return []
    case .ruleProposed(let key, let period):
        if case .commandLine = state.mode { state.mode = .normal }
        state.message = .ruleProposed(key, period)
        return []
    case .ruleAgreed(let key, let version, let period, let since):
        if case .commandLine = state.mode { state.mode = .normal }
        state.message = .ruleAgreed(key, version: version, period, since: since)
        return []
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
    case .clockLoaded(let clock):
        // The provisional marks, the due column, the alert counts and the calendar follow: read again with it.
        state.clock = clock
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
        return keyPressed(key, &state, keymap: keymap, measure: measure)
    }
}

/// A key goes to the mode it is pressed in: each mode's handling is a function of its own, given the context the
/// mode carries.
func keyPressed(_ key: String, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    switch state.mode {
    case .normal: return normalKey(key, &state, keymap: keymap, measure: measure)
    case .summary: return summaryKey(key, &state, keymap: keymap, measure: measure)
    case .help(let scroll): return helpKey(key, scroll: scroll, &state, keymap: keymap, measure: measure)
    case .commandLine(let field, let list, let subject):
        return commandLineKey(key, field, completions: list, subject: subject, &state, keymap: keymap, measure: measure)
    case .filter(let field): return filterKey(key, field, &state, keymap: keymap, measure: measure)
    case .menu(let selection, let subject): return menuKey(key, selection: selection, subject: subject, &state, keymap: keymap, measure: measure)
    case .form(var form): return formKey(key, &form, &state, keymap: keymap, measure: measure)
    case .report(let report, let scroll): return reportKey(key, report, scroll: scroll, &state, keymap: keymap)
    case .text(let view): return textKey(key, view, &state, keymap: keymap, measure: measure)
    case .adminMenu(let menu): return adminMenuKey(key, menu, &state, keymap: keymap)
    case .confirm(let pending): return confirmKey(key, pending, &state, keymap: keymap)
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
