extension Workflow {
    // MARK: Who and when

    /// Whether `viewer` fills the role `taker` on `matter`.
    public static func fills(_ viewer: Viewer, _ taker: StepTaker, on matter: Matter) -> Bool {
        fills(viewer.org, taker, on: matter)
    }

    /// Whether organisation `organisation` fills the role `taker` on `matter` (roles belong to organisations).
    public static func fills(_ organisation: Organisation, _ taker: StepTaker, on matter: Matter) -> Bool {
        let org = organisation.id
        switch taker {
        case .sender: return matter.fromOrg == org
        case .recipient: return matter.isAddressed(to: org)
        case .senderOrRecipient: return matter.fromOrg == org || matter.isAddressed(to: org)
        case .party(let p): return organisation.party == p && (matter.fromOrg == org || matter.isAddressed(to: org))
        case .anyViewer: return true
        }
    }

    /// Whether `matter` gives grounds to escalate on `date` (工作规定 Art. 25): unanswered past its deadline,
    /// or answered with a refusal or an inadequate rectification; once escalated, further steps may follow.
    public static func hasEscalationGrounds(_ matter: Matter, on date: CivilDate) -> Bool {
        switch matter.state {
        case .served, .objected:
            guard let due = matter.due else { return false }
            return date > due
        case .replied: return matter.rectification == .inadequate || matter.outcome == .rejected
        case .escalated: return true
        case .draft, .issued, .inProgress, .closed, .withdrawn: return false
        }
    }

    /// The actions `viewer` may take on `matter` now (input aside), in the order of `MatterAction.allCases`.
    public static func availableActions(for viewer: Viewer, on matter: Matter, today: CivilDate) -> [MatterAction] {
        MatterAction.allCases.filter { action in
            guard case .success = check(action, on: matter, by: viewer) else { return false }
            if action == .escalate { return hasEscalationGrounds(matter, on: today) }
            return true
        }
    }

    /// The step `viewer` may take, or why not (visibility, kind, party, state; input is checked by `apply`).
    public static func check(_ action: MatterAction, on matter: Matter, by viewer: Viewer) -> Result<Step, WorkflowError> {
        guard AccessPolicy.canSee(viewer, matter) else { return .failure(.notVisible) }
        let candidates = steps(for: matter).filter { $0.action == action }
        guard !candidates.isEmpty else { return .failure(.notApplicable(action, matter.kind)) }
        let mine = candidates.filter { fills(viewer, $0.taker, on: matter) }
        guard !mine.isEmpty else { return .failure(.notAllowed(action, viewer.party)) }
        guard let step = mine.first(where: { $0.from.contains(matter.state) }) else {
            return .failure(.wrongState(action, matter.state))
        }
        // An invitee answers once, for itself.
        if action == .accept || action == .decline, let mine = matter.invitee(viewer.org.id), mine.answer != .pending {
            return .failure(.invalidInput(.alreadyAnswered(mine.answer)))
        }
        return .success(step)
    }
}

extension Workflow {
    /// Steps that only one side may take on its own initiative, and that never make a matter "to do":
    /// notes, reminders, objections, escalations, amendments and withdrawals.
    static let optionalSteps: Set<MatterAction> = [.note, .remind, .object, .escalate, .amend, .withdraw]

    /// Whether `matter` waits on `viewer`'s side now: one of the steps that carry it forward from its state is
    /// this side's to take (the workflow's taker). Service may be recorded by either side; it is the
    /// sender's to do. An escalated matter still unanswered waits on the recipient's reply.
    public static func awaits(_ viewer: Viewer, on matter: Matter) -> Bool {
        AccessPolicy.canSee(viewer, matter) && awaits(viewer.org, on: matter)
    }

    /// Whether `matter` waits on `organisation` now (a matter it may see, in a state where it takes the next step).
    public static func awaits(_ organisation: Organisation, on matter: Matter) -> Bool {
        guard matter.state.isOpen, AccessPolicy.visibility(for: organisation)?.admits(matter) == true else { return false }
        if matter.state == .escalated {
            return fills(organisation, matter.repliedOn == nil && matter.kind == .suggestion ? .recipient : .sender, on: matter)
        }
        return steps(for: matter).contains { step in
            guard step.from.contains(matter.state), !optionalSteps.contains(step.action) else { return false }
            // An invitee's answer waits on it only while its own is pending.
            if step.action == .accept || step.action == .decline, let mine = matter.invitee(organisation.id) {
                return mine.answer == .pending
            }
            let taker: StepTaker = step.taker == .senderOrRecipient ? .sender : step.taker
            return fills(organisation, taker, on: matter)
        }
    }
}

/// One step of a matter's kind for a viewer: whether it may be taken now and, if not, why.
public struct StepStatus: Hashable, Sendable {
    public var action: MatterAction
    /// Nil when allowed now.
    public var reason: WorkflowError?
}

extension Workflow {
    /// Every step of `matter`'s kind, once each in the kind's order, with why `viewer` may not take it now
    /// (`oversight matter actions`, the workbench's action menu).
    public static func stepStatus(for viewer: Viewer, on matter: Matter, today: CivilDate) -> [StepStatus] {
        var seen = Set<MatterAction>()
        return steps(for: matter).map(\.action).filter { seen.insert($0).inserted }.map { action in
            switch check(action, on: matter, by: viewer) {
            case .failure(let e): return StepStatus(action: action, reason: e)
            case .success:
                if action == .escalate, !hasEscalationGrounds(matter, on: today) {
                    return StepStatus(action: action, reason: .invalidInput(.noGroundsForEscalation(due: matter.due)))
                }
                return StepStatus(action: action, reason: nil)
            }
        }
    }
}
