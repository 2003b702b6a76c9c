import OversightDomain

/// A step sent to several tagged matters: what became of each.
public struct BatchOutcome: Hashable, Sendable {
    public var action: MatterAction
    /// The matters the store took the step on, as they now stand.
    public var done: [Matter]
    /// The matters it refused, each named (number, else title, else its row id) with why.
    public var refused: [BatchRefusal]

    public init(action: MatterAction, done: [Matter], refused: [BatchRefusal]) {
        self.action = action
        self.done = done
        self.refused = refused
    }
}

public struct BatchRefusal: Hashable, Sendable {
    public var id: MatterID
    /// Its number, else its title ("" when the matter was not seen: the screen names it by id).
    public var label: String
    public var refusal: Refusal

    public init(id: MatterID, label: String, refusal: Refusal) {
        self.id = id
        self.label = label
        self.refusal = refusal
    }
}

extension Matter {
    /// How a row is named in messages: its number, else its title while it has none.
    public var label: String { number.isEmpty ? title : number }
}

/// The batch came back: every tagged matter was tried; the tags go (so the next step goes to the selection, not
/// to what stayed tagged), and the hint line says how many were done and names each refused one with why.
func batchActed(_ outcome: BatchOutcome, _ state: inout AppState) -> [Effect] {
    if case .form = state.mode { state.mode = .normal }
    if case .confirm = state.mode { state.mode = .normal }
    state.tagged = []
    state.message = .batchDone(outcome)
    return [.loadInbox] + (state.selectedMatter.map { [.loadDetail($0.id)] } ?? [])
}

extension AppState {
    /// The tagged matters' names for the menu and the confirmation, in the step's order: those in the window by
    /// number or title, any further away by their row id.
    func labels(of ids: [MatterID]) -> [String] {
        ids.map { id in inbox.first { $0.id == id }?.label ?? "#\(id)" }
    }
}

extension AppState {
    /// The matters an open menu or `:` line goes to when they are tagged (nil for the selected matter alone): those
    /// loaded in the window, in the step's order.
    public var batchMatters: [Matter]? {
        guard let s = subject, s.version == nil, !tagged.isEmpty else { return nil }
        return s.ids.compactMap { id in inbox.first { $0.id == id } }
    }

    /// The menu of a batch: every step of the tagged matters' kinds, offered only where every one of them allows it;
    /// otherwise with the first that does not, named, and why.
    func batchMenu(_ matters: [Matter]) -> [(status: StepStatus, refuser: String?)] {
        var order: [StepStatus] = []
        var reasons: [MatterAction: (WorkflowError, String)] = [:]
        var allowedBy: [MatterAction: Int] = [:]
        var kinds: [MatterID: Set<MatterAction>] = [:]
        for m in matters {
            let statuses = Workflow.stepStatus(for: viewer, on: m, today: today)
            kinds[m.id] = Set(statuses.map(\.action))
            for s in statuses {
                if !order.contains(where: { $0.action == s.action }) { order.append(s) }
                if let r = s.reason {
                    if reasons[s.action] == nil { reasons[s.action] = (r, m.label) }
                } else {
                    allowedBy[s.action, default: 0] += 1
                }
            }
        }
        // A step some kind does not have at all: the first matter of another kind refuses it.
        for s in order where reasons[s.action] == nil && allowedBy[s.action, default: 0] < matters.count {
            if let m = matters.first(where: { kinds[$0.id]?.contains(s.action) != true }) {
                reasons[s.action] = (.notAllowed(s.action, viewer.party), m.label)
            }
        }
        var all: [(status: StepStatus, refuser: String?)] = []
        for var s in order {
            s.reason = reasons[s.action]?.0
            all.append((status: s, refuser: reasons[s.action]?.1))
        }
        return all.filter { $0.status.reason == nil } + all.filter { $0.status.reason != nil }
    }

    /// For the screen: which tagged matter keeps each step of the menu from the batch.
    public var menuRefusers: [MatterAction: String] {
        guard let ms = batchMatters, !ms.isEmpty else { return [:] }
        var out: [MatterAction: String] = [:]
        for e in batchMenu(ms) { if let r = e.refuser { out[e.status.action] = r } }
        return out
    }
}

extension AppState {
    /// The names of what an open menu would go to (the tagged matters), for its title.
    public var stepNames: [String] { subject.map { labels(of: $0.ids) } ?? [] }
}
