/// Follow-on matters: a matter started because of another (`oversight matter new KIND --follows ID`, the workbench's
/// 由此立案). The link is written with the new matter, in its transaction (`Store.create`), and shown both ways in
/// its detail — to each viewer only the linked matters that viewer may see.
///
/// Where a link makes sense (anything else is refused, saying what may follow):
/// - an inspection (Art. 7 ¶2) is followed by what its findings open: a suggestion, a transfer or a referral;
/// - a joint inspection (Art. 5) likewise, or by a meeting on what it found;
/// - a meeting (Art. 3, 6: an exchange, a case notification, information shared) by a suggestion, a transfer, a
///   referral or a joint inspection;
/// - a suggestion (Art. 8) by the referral its escalation announces, once it was escalated by referring a clue or
///   notifying a superior body or the government (`EscalationOption.announces`);
/// - an enforcement copy (Art. 11) by the supervision application about the same case.
/// - an annual plan (a joint inspection of the variant `annual-plan`, Art. 5) by its planned items: an inspection,
///   a joint inspection or a meeting — once it is in force, signed by every body it was sent to (`PlanStanding`).
/// The matter followed must have been issued (a draft has no findings yet, and is its sender's own).
public enum FollowOn {
    /// The kinds that may follow a matter of `kind`, in the order they are offered.
    public static func kinds(following kind: MatterKind) -> [MatterKind] {
        switch kind {
        case .inspection: return [.suggestion, .transfer, .referral]
        case .jointInspection: return [.suggestion, .transfer, .referral, .meeting]
        case .meeting: return [.suggestion, .transfer, .referral, .jointInspection]
        case .suggestion: return [.referral]
        case .enforcementCopy: return [.supervisionApplication]
        case .transfer, .referral, .dispute, .supervisionApplication, .consultation: return []
        }
    }

    /// The kinds that may follow `m`: its kind's, or an annual plan's planned items.
    public static func kinds(following m: Matter) -> [MatterKind] {
        m.isAnnualPlan ? PlanProgress.plannedKinds : kinds(following: m.kind)
    }

    /// Whether `m` has come far enough to be followed: issued, a suggestion escalated by an option that announces a
    /// follow-on, and an annual plan in force.
    public static func ready(_ m: Matter) -> Bool {
        guard m.issuedOn != nil else { return false }
        if m.isAnnualPlan { return m.isPlanInForce }
        if m.kind == .suggestion { return (m.escalations ?? []).contains { $0.announces != nil } }
        return true
    }

    /// Checks that a new matter of `kind` may follow `m` (seen by its creator: the store checks that first).
    public static func check(_ kind: MatterKind, follows m: Matter) throws(WorkflowError) {
        let allowed = kinds(following: m)
        guard allowed.contains(kind) else {
            throw .invalidInput(.followOnNotAllowed(kind, follows: m.kind, allowed: allowed))
        }
        guard ready(m) else { throw tooEarly(m) }
    }

    /// Why `viewer` may start nothing to follow `m` now, or nil when it may (`kinds(following:by:)` is not empty).
    public static func whyNot(following m: Matter, by viewer: Viewer) -> WorkflowError? {
        let possible = kinds(following: m)
        if possible.isEmpty { return .invalidInput(.followOnNotAllowed(m.kind, follows: m.kind, allowed: [])) }
        if !ready(m) { return tooEarly(m) }
        if kinds(following: m, by: viewer).isEmpty {
            return .invalidInput(.followOnNotYours(viewer.party, follows: m.kind, allowed: possible))
        }
        return nil
    }

    /// The kinds `viewer` may start to follow `m` now (nothing when `m` may not be followed yet).
    public static func kinds(following m: Matter, by viewer: Viewer) -> [MatterKind] {
        guard ready(m) else { return [] }
        let creatable = Workflow.creatableKinds(by: viewer)
        return kinds(following: m).filter(creatable.contains)
    }

    /// Why `m` may not be followed yet: not issued, not escalated, or an annual plan not in force.
    static func tooEarly(_ m: Matter) -> WorkflowError {
        if m.isAnnualPlan, m.issuedOn != nil { return .invalidInput(.planNotInForce(m.planStanding)) }
        return .invalidInput(.followOnTooEarly(follows: m.kind))
    }
}

extension EscalationOption {
    /// The follow-on matter an escalation announces, when Oversight can carry it: referring a clue opens a referral
    /// (Art. 10); a notice to the department's superior body, or to the government and the discipline commission, is
    /// sent as a referral too (the kind addressed to a body outside the three: an `external` organisation). A report
    /// to the upper procuratorate, the party committee or the people's congress, and litigation, happen outside.
    public var announces: MatterKind? {
        switch self {
        case .referClue, .notifySuperior, .notifyGovernment: return .referral
        case .reportUpper, .reportCommittee, .litigation: return nil
        }
    }
}

/// The matters linked to one, as one viewer may see them: those it follows and those that follow it (each list
/// oldest first). A linked matter the viewer may not see is not in it at all.
public struct MatterLinks: Hashable, Sendable {
    public var follows: [Matter]
    public var followedBy: [Matter]

    public init(follows: [Matter] = [], followedBy: [Matter] = []) {
        self.follows = follows
        self.followedBy = followedBy
    }

    public var isEmpty: Bool { follows.isEmpty && followedBy.isEmpty }
}
