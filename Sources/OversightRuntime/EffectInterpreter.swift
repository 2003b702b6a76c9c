import Foundation
import OversightDomain
import OversightStore
import OversightWorkbench

/// The one effect interpreter: effects → store calls (filtered by the viewer's access) → actions.
/// The runtime runs every effect through it, and so do the test fixtures that build a loaded state.
public struct EffectInterpreter: Sendable {
    public let store: Store
    /// The letter templates (`Resources/letters`) and the folder filled letters are saved in (nil: not saved).
    public let letters: Letters
    /// The words a failing store call is said in (the screen's); without them, the failure's English description.
    public let words: Presenter?
    /// The clock before the database's overlay (the shipped calendars and the rule book), which `Store.clock(base:)`
    /// lays the notices and agreed rules over: the runtime's `base`. Nil: the state's clock without its county rules.
    public let base: PeriodCalculator?

    public init(store: Store, letters: Letters = Letters(), words: Presenter? = nil, base: PeriodCalculator? = nil) {
        self.store = store
        self.letters = letters
        self.words = words
        self.base = base
    }

    /// A failed effect's message for the screen: a database failure as what it means (a full disk, damage), in the
    /// interface's language, never SQL.
    /// The database is named by its file's name: the status line is short, and the session knows which it is.
    public func message(for error: any Error) -> String {
        let name = (store.path as NSString).lastPathComponent
        if let words, let text = words.text(storeError: error, path: name) { return text }
        if let failure = Store.failure(for: error, path: name) { return failure.description }
        return String(describing: error)
    }

    /// What the workbench's `:doc` needs from outside: the templates.
    public struct Letters: Sendable {
        public var templates: [LetterKind: LetterTemplate]

        public init(templates: [LetterKind: LetterTemplate] = [:]) {
            self.templates = templates
        }
    }

    /// The actions `effect` comes back as, for the state's viewer. A store failure is thrown; a refused
    /// change comes back as `.refused` with the reason.
    public func actions(for effect: Effect, state: AppState) throws -> [AppAction] {
        let viewer = state.viewer
        let context = WorkflowContext(today: state.today, calculator: state.clock)
        switch effect {
        case .quit:
            return []
        case .people(let command):
            return try people(command, state)
        case .loadRules, .proposeRule, .agreeRule:
            return try rules(effect, state)
        case .act(let ids, let action, let input, let version) where ids.count > 1:
            // Tagged matters: every one is tried (each in its own write), and each refusal is named.
            var done: [Matter] = []
            var refused: [BatchRefusal] = []
            for id in ids {
                do {
                    done.append(try store.act(id, action, input: input, by: viewer, expecting: version, context: context))
                } catch let refusal as Refusal {
                    let label = state.inbox.first { $0.id == id }?.label ?? ""
                    refused.append(BatchRefusal(id: id, label: label, refusal: refusal))
                }
            }
            return [.batchActed(BatchOutcome(action: action, done: done, refused: refused))]
        case .act(let ids, let action, let input, let version):
            var last: Matter?
            for id in ids {
                do {
                    switch try store.take(id, action, input: input, by: viewer, expecting: version, context: context) {
                    case .taken(let m): last = m
                    case .submitted(let s):
                        // Kept for the head's decision (sign-off): the screen says so, not that it was done.
                        guard ids.count == 1, let m = try store.matter(s.matterID, for: viewer) else { continue }
                        return [.submittedForSignOff(m, action)]
                    }
                } catch let refusal as Refusal {
                    return (last.map { [AppAction.acted($0, action)] } ?? []) + [.refused(refusal)]
                }
            }
            return last.map { [.acted($0, action)] } ?? []
        case .approve(let id):
            // The step is the one the store approves (the oldest waiting of the head's organisation), named after.
            let waiting = try store.openSubmissions(of: id, for: viewer).first { $0.state == .pending }
            do {
                let m = try store.approve(id, by: viewer, context: context)
                return [.approved(m, waiting?.action ?? .issue)]
            } catch let refusal as Refusal {
                return [.refused(refusal)]
            }
        case .returnSubmission(let id, let reason):
            do {
                let s = try store.returnSubmission(id, reason: reason, by: viewer, on: state.today)
                let m = try store.matter(id, for: viewer)
                return [.returnedSubmission(s, label: m.map { $0.number.isEmpty ? $0.title : $0.number } ?? "#\(id)")]
            } catch let refusal as Refusal {
                return [.refused(refusal)]
            }
        case .create(let new):
            do {
                return [.created(try store.create(new, by: viewer, context: context))]
            } catch Refusal.outsideFields(let mismatch) {
                return [.fieldToConfirm(new, mismatch)]
            } catch let refusal as Refusal {
                return [.refused(refusal)]
            }
        case .loadInbox where viewer.party == .admin:
            // An administrator takes part in no workflow: people, organisations and the database instead.
            let keys = try store.keys(for: viewer).enumerated().map { n, k in
                AdminKey(user: k.user, number: n + 1, type: k.key.type, fingerprint: k.fingerprint, comment: k.key.comment)
            }
            return [.adminLoaded(AdminOverview(users: try store.users(for: viewer), organisations: try store.organisations(for: viewer),
                                               health: try store.health(of: viewer), keys: keys)),
                    .inboxLoaded(.top, InboxPage(matters: [], start: 0, count: 0), InboxSummary())]
        case .loadInboxPage where viewer.party == .admin, .loadDeadlines where viewer.party == .admin,
             .loadFilteredInbox where viewer.party == .admin, .loadInboxCount where viewer.party == .admin:
            return []
        case .whenIdle(let later), .beforeDraw(let later):
            // Asked for directly (not through `perform(deferring:)`): nothing waits for keys here, so it runs now.
            return try actions(for: later, state: state)
        case .loadInbox:
            // Kept where it is: on the selected matter (wherever it moved), else at its place.
            let selected = state.select ?? state.selectedInboxRow?.id
            let anchor = InboxAnchor.around(selected, else: state.key(ofRow: state.selection - state.inboxStart))
            // The calendar's month with it, unless the inbox is zoomed (no calendar shown: read on the way back).
            return [.awaitingLoaded(try awaiting(viewer))] + (try inbox(anchor, summary: true, totals: true, state))
                + (state.zoomed ? [] : try actions(for: .loadDeadlines(state.calendarCursor.firstOfMonth), state: state))
        case .loadInboxPage(let anchor, let summary):
            return try inbox(anchor, summary: summary, totals: false, state)
        case .loadFilteredInbox(let anchor):
            return try inbox(anchor, summary: true, totals: false, state, capped: true)
        case .loadInboxCount:
            // A full reload since the capped one counted exactly already.
            guard state.inboxCountAtLeast else { return [] }
            return [.inboxCounted(try store.inboxPage(for: viewer, state.query, from: .top, limit: 0, counting: true).count ?? 0)]
        case .loadDeadlines(let month):
            let last = month.adding(months: 1).adding(days: -1)
            return [.deadlinesLoaded(month: month, try store.deadlineCounts(for: viewer, state.query, from: month, through: last)),
                    .plannedLoaded(month: month, try store.plannedCounts(for: viewer, from: month, through: last))]
        case .loadDrafts:
            return [.draftsLoaded(try store.drafts(for: viewer))]
        case .fillLetter(let kind, let id):
            return try letter(kind, id, record: nil, state, context)
        case .makeLetter(let kind, let id, let version):
            return try letter(kind, id, record: .some(version), state, context)
        case .loadReport(let period):
            // A party's share, or for an administrator the whole county's, counted in the domain; for the justice
            // bureau the county's figures beside it (counts only).
            return [.reportLoaded(try store.report(for: viewer, period: period, today: state.today))]
        case .saveDrafts(let drafts):
            try store.save(drafts, for: viewer)
            return []
        case .discardDrafts(let target):
            try store.discardDrafts(target, for: viewer)
            return []
        case .loadDetail(let id):
            // One read: the matter, its history, submissions, links, approvals and names at one moment.
            let detail = try store.detail(of: id, for: viewer).map { r in
                var names = r.names
                if !r.submissions.isEmpty {
                    let people = try peopleNames()
                    for s in r.submissions {
                        for name in [s.submittedBy] + (s.decidedBy.map { [$0] } ?? []) { names[name] = people[name] ?? name }
                    }
                }
                return MatterDetail(matter: r.matter, events: r.events, names: names, links: r.links,
                                    submissions: r.submissions, approvals: r.approvals.mapValues(\.displayName))
            }
            return [.detailLoaded(detail)]
        }
    }

    /// The letter `kind` for matter `id` as it stands now; with `record`, recorded as a note on the version seen
    /// (as `oversight doc` does). Nothing is written anywhere else: the person fetches the document with
    /// `oversight doc` (over SSH, `ssh … doc`).
    private func letter(_ kind: LetterKind, _ id: MatterID, record version: Int??, _ state: AppState,
                        _ context: WorkflowContext) throws -> [AppAction] {
        guard let template = letters.templates[kind] else {
            return [.effectFailed("no letter template \(kind.rawValue)")]
        }
        guard let m = try store.matter(id, for: state.viewer) else { return [.refused(.notFound(id))] }
        let signer = try kind.signedStep.flatMap { try store.signer(of: id, step: $0, for: state.viewer) }
        let letter: Letter
        do {
            letter = try template.letter(for: m, by: state.viewer, organisations: state.organisations, today: state.today,
                                         signer: signer)
        } catch {
            return [.letterRefused(error)]
        }
        guard let version else { return [.letterFilled(letter, version: m.version)] }
        let after: Matter
        do {
            after = try store.act(id, .note, input: ActionInput(date: state.today, text: letter.note), by: state.viewer,
                                  expecting: version ?? m.version, context: context)
        } catch let refusal as Refusal {
            return [.refused(refusal)]
        }
        return [.letterMade(after, letter)]
    }

    /// What waits on sign-off for `viewer` (a head's to decide, a handler's own), with the people's display names.
    private func awaiting(_ viewer: Viewer) throws -> [SignOffItem] {
        let items = try store.awaiting(for: viewer)
        guard !items.isEmpty else { return [] }
        let people = try peopleNames()
        return items.map { i in
            SignOffItem(submission: i.submission, matter: i.matter, handler: people[i.submission.submittedBy] ?? i.submission.submittedBy,
                        head: i.submission.decidedBy.map { people[$0] ?? $0 })
        }
    }

    /// Every person's display name by login.
    private func peopleNames() throws -> [UserName: String] {
        Dictionary(try store.users().map { ($0.name, $0.displayName) }) { first, _ in first }
    }

    /// A page of the inbox (the whole window when anchored anew), with the summary when asked for; without
    /// `totals` the standing figures (待办, all visible) are kept from `state`. `capped`: a typed filter's look, a
    /// screenful (the terminal's height) with the count capped at it where counting would read every matter row
    /// (`Store.inboxPage(… capped:)`); the window fills when the exact count comes.
    private func inbox(_ anchor: InboxAnchor, summary: Bool, totals: Bool, _ state: AppState, capped: Bool = false) throws -> [AppAction] {
        let query = state.query
        let limit: Int
        switch anchor {
        case _ where capped: limit = max(20, state.terminalSize.height)
        case .after, .before: limit = max(50, state.terminalSize.height * 2)
        case .top, .bottom, .around: limit = max(80, state.terminalSize.height * 4)
        }
        let page = try store.inboxPage(for: state.viewer, query, from: anchor, limit: limit, counting: summary, capped: capped)
        guard summary else { return [.inboxLoaded(anchor, page, nil)] }
        // The alerts (the title line) and the overdue list are the party's whole figures, whatever the filter
        // shows; the filter's count is told out of the scope's rows.
        var figures: InboxSummary
        if query.filter.words.isEmpty {
            figures = try store.inboxSummary(for: state.viewer, query, today: state.today, window: state.alertWindow, totals: totals)
            figures.inScope = page.count ?? state.summary.inScope
        } else {
            let whole = InboxQuery(scope: query.scope, filter: InboxFilter("", today: state.today, window: state.alertWindow))
            figures = try store.inboxSummary(for: state.viewer, whole, today: state.today, window: state.alertWindow, totals: totals)
            figures.inScope = try store.inboxPage(for: state.viewer, whole, from: .top, limit: 0, counting: true).count ?? 0
        }
        if !totals {
            figures.todo = state.summary.todo
            figures.total = state.summary.total
        }
        return [.inboxLoaded(anchor, page, figures)]
    }

    /// Runs `effects` and then the effects of the actions they come back as, each reduced into
    /// `state` by `reduce`, until none is left. A failing effect does not stop the others: it
    /// comes back as `.effectFailed` with the error worded (`message(for:)`).
    ///
    /// `deferring`: the work asked for `.whenIdle` or `.beforeDraw` is not run but returned as asked, in order (the
    /// runtime runs it once the keys stop, or before its next frame); without it, it runs at once like any effect (a fixture's loaded state is what the screen shows once the
    /// keys stop).
    @discardableResult
    public func perform(
        _ effects: [Effect], on state: inout AppState, deferring: Bool = false, reduce: (inout AppState, AppAction) -> [Effect]
    ) -> [Effect] {
        var deferred: [Effect] = []
        for effect in effects {
            if deferring, effect.isDeferred {
                if !deferred.contains(effect) { deferred.append(effect) }
                continue
            }
            let actions: [AppAction]
            do {
                actions = try self.actions(for: effect, state: state)
            } catch {
                actions = [.effectFailed(message(for: error))]
            }
            for action in actions {
                for later in perform(reduce(&state, action), on: &state, deferring: deferring, reduce: reduce) where !deferred.contains(later) {
                    deferred.append(later)
                }
            }
        }
        return deferred
    }
}
