extension Workflow {
    // MARK: Who and when

    /// Whether `viewer` fills the role `taker` on `matter`.
    public static func fills(_ viewer: Viewer, _ taker: StepTaker, on matter: Matter) -> Bool {
        let org = viewer.org.id
        switch taker {
        case .sender: return matter.fromOrg == org
        case .recipient: return matter.toOrg == org
        case .senderOrRecipient: return matter.fromOrg == org || matter.toOrg == org
        case .party(let p): return viewer.party == p && (matter.fromOrg == org || matter.toOrg == org)
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
        let candidates = steps(of: matter.kind).filter { $0.action == action }
        guard !candidates.isEmpty else { return .failure(.notApplicable(action, matter.kind)) }
        let mine = candidates.filter { fills(viewer, $0.taker, on: matter) }
        guard !mine.isEmpty else { return .failure(.notAllowed(action, viewer.party)) }
        guard let step = mine.first(where: { $0.from.contains(matter.state) }) else {
            return .failure(.wrongState(action, matter.state))
        }
        return .success(step)
    }
}
