import OversightDomain
import TerminalKit

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
func run(
    _ command: LineCommand, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure, on fixed: StepTarget? = nil
) -> [Effect] {
    switch command {
    case .command(let c):
        return perform(c, &state, keymap: keymap, measure: measure)
    case .people(let command):
        return runPeople(command, &state)
    case .rules(let line):
        return runRules(line, &state)
    case .approve:
        return decide(approve: true, reason: nil, &state, on: fixed)
    case .returnSubmission(let reason):
        return decide(approve: false, reason: reason, &state, on: fixed)
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
        var kinds = Workflow.creatableKinds(by: state.viewer)
        // A follow-on of a matter loaded here: the kinds that may follow it, or why none may (the store checks again).
        if let followed = state.loaded(options.follows) {
            if let why = FollowOn.whyNot(following: followed, by: state.viewer) {
                state.status = .refused(.workflow(why))
                return []
            }
            kinds = FollowOn.kinds(following: followed, by: state.viewer)
            if let kind, !kinds.contains(kind) {
                do { try FollowOn.check(kind, follows: followed) } catch {
                    state.status = .refused(.workflow(error))
                    return []
                }
            }
        }
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

/// 由此立案: the new-matter form for a matter that follows `m` (`:new --follows ID`), with the kinds that may.
func followOn(_ m: Matter?, _ state: inout AppState, keymap: Keymap, measure: DetailMeasure) -> [Effect] {
    guard let m else {
        state.status = .noSelection
        return []
    }
    return run(.new(nil, NewMatterOptions(follows: String(m.id))), &state, keymap: keymap, measure: measure)
}

extension AppState {
    /// The matter `--follows` names, if it is loaded here (in the inbox's window, or the detail's).
    public func loaded(_ follows: String?) -> Matter? {
        guard let follows, let id = try? OptionValue.matterID(follows, "--follows") else { return nil }
        return inbox.first { $0.id == id } ?? (detail?.matter.id == id ? detail?.matter : nil)
    }
}
