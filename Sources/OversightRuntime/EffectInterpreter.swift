import OversightDomain
import OversightStore
import OversightWorkbench

/// The one effect interpreter: effects → store calls (filtered by the viewer's access) → actions.
/// The runtime runs every effect through it, and so do the test fixtures that build a loaded state.
public struct EffectInterpreter: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The actions `effect` comes back as, for the state's viewer. A store failure is thrown; a refused
    /// change comes back as `.refused` with the reason.
    public func actions(for effect: Effect, state: AppState) throws -> [AppAction] {
        let viewer = state.viewer
        let context = WorkflowContext(today: state.today, calculator: state.clock)
        switch effect {
        case .quit:
            return []
        case .act(let ids, let action, let input, let version):
            var last: Matter?
            for id in ids {
                do {
                    last = try store.act(id, action, input: input, by: viewer, expecting: version, context: context)
                } catch let refusal as Refusal {
                    return (last.map { [AppAction.acted($0, action)] } ?? []) + [.refused(refusal)]
                }
            }
            return last.map { [.acted($0, action)] } ?? []
        case .create(let new):
            do {
                return [.created(try store.create(new, by: viewer, context: context))]
            } catch let refusal as Refusal {
                return [.refused(refusal)]
            }
        case .loadInbox where viewer.party == .admin:
            // An administrator takes part in no workflow: people, organisations and the database instead.
            return [.adminLoaded(AdminOverview(users: try store.users(), organisations: try store.organisations(), health: try store.health())),
                    .inboxLoaded(open: [], total: 0)]
        case .loadInbox:
            let open = try store.matters(for: viewer, includeClosed: state.scope == .all)
            let total = try store.countMatters(for: viewer)
            return [.inboxLoaded(open: open, total: total)]
        case .loadDrafts:
            return [.draftsLoaded(try store.drafts(for: viewer))]
        case .saveDrafts(let drafts):
            try store.save(drafts, for: viewer)
            return []
        case .discardDrafts(let target):
            try store.discardDrafts(target, for: viewer)
            return []
        case .loadDetail(let id):
            let detail = try store.matter(id, for: viewer).map {
                MatterDetail(matter: $0, events: try store.events(of: id, for: viewer))
            }
            return [.detailLoaded(detail)]
        }
    }

    /// Runs `effects` and then the effects of the actions they come back as, each reduced into
    /// `state` by `reduce`, until none is left. A failing effect does not stop the others: it
    /// comes back as `.effectFailed` with the error's description.
    public func perform(
        _ effects: [Effect], on state: inout AppState, reduce: (inout AppState, AppAction) -> [Effect]
    ) {
        for effect in effects {
            let actions: [AppAction]
            do {
                actions = try self.actions(for: effect, state: state)
            } catch {
                actions = [.effectFailed(String(describing: error))]
            }
            for action in actions {
                perform(reduce(&state, action), on: &state, reduce: reduce)
            }
        }
    }
}
