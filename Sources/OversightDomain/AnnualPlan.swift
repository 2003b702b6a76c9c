/// The annual plan (年度计划, Art. 5): a joint inspection of the variant `annual-plan`, drafted by one of the three
/// bodies and agreed by the others. No kind of its own and no table of its own: its signatures are its invitees'
/// answers and its planned inspections and meetings are the matters that follow it (`FollowOn`).
///
/// - The sender signs by issuing it; each invitee's `accept` is its signature (签署), `decline` its refusal.
/// - It is in force (已生效) once every invitee has signed; awaiting signatures (待签署) while any answer is pending;
///   not agreed (未获同意) as soon as any invitee declined — even if the others signed.
/// - Only a plan in force is followed by its planned items: an inspection, a joint inspection or a meeting.
/// - A plan with one addressee (`--to` once) keeps the single-addressee workflow: it is in force once accepted
///   (`in-progress`, or closed afterwards with an outcome other than `declined`).
public enum PlanStanding: String, Hashable, Sendable, CaseIterable {
    case awaitingSignatures = "awaiting-signatures"
    case inForce = "in-force"
    case notAgreed = "not-agreed"
}

extension Matter {
    /// Whether this is an annual plan: a joint inspection of the variant `annual-plan`.
    public var isAnnualPlan: Bool { kind == .jointInspection && variant == .annualPlan }

    /// Where an annual plan stands with its signatures; nil for any other matter, for a draft (only its sender has
    /// it) and for a plan withdrawn.
    public var planStanding: PlanStanding? {
        guard isAnnualPlan, state != .draft, state != .withdrawn else { return nil }
        if let invitees {
            if invitees.contains(where: { $0.answer == .declined }) { return .notAgreed }
            return invitees.allSatisfy { $0.answer == .accepted } ? .inForce : .awaitingSignatures
        }
        switch state {
        case .issued: return .awaitingSignatures
        case .closed: return outcome == .declined ? .notAgreed : .inForce
        default: return .inForce
        }
    }

    /// Whether the annual plan is signed by every body it was sent to (and not withdrawn).
    public var isPlanInForce: Bool { planStanding == .inForce }
}

/// How much of one annual plan was carried out: the matters that follow it (its planned items) and where they are.
/// Counts only.
public struct PlanProgress: Hashable, Sendable {
    public var id: MatterID
    public var title: String
    public var standing: PlanStanding?
    /// The planned items: matters that follow the plan.
    public var planned: Int
    /// Of those, closed — not withdrawn, and not declined by all it was addressed to.
    public var carriedOut: Int
    /// Of those, issued and not yet closed.
    public var underway: Int

    /// Carried out of planned.
    public var ratio: Ratio { Ratio(carriedOut, of: planned) }

    /// The progress of `plan` from `items`, the matters that follow it.
    public init(_ plan: Matter, items: [Matter]) {
        id = plan.id
        title = plan.title
        standing = plan.planStanding
        planned = items.count
        carriedOut = items.filter { $0.state == .closed && $0.outcome != .declined }.count
        underway = items.filter { $0.state.isOpen && $0.state != .draft }.count
    }

    /// The kinds a plan's items are.
    public static let plannedKinds: [MatterKind] = [.inspection, .jointInspection, .meeting]
}
