/// Several invited bodies (Arts. 5, 6: a joint inspection or a meeting `--to A --to B --to C`): each answers for
/// itself, and the matter's state follows all their answers (docs/mechanism.md, Art. 5).
///
/// A matter with one addressee has no invitees (`Matter.invitees` is nil) and keeps its kind's workflow as it
/// was. With several, the first is also the matter's addressee (`toOrg`), every invitee sees the matter as an
/// addressee does, and each takes `accept` or `decline` once, for its own organisation; the matter stays issued
/// while any answer is pending, is in progress once every invitee has answered and at least one accepted, and is
/// closed (declined) when every invitee declined.

/// An invitee's answer.
public enum InviteeAnswer: String, Sendable, Codable, CaseIterable {
    case pending, accepted, declined
}

/// One invited organisation and its answer.
public struct Invitee: Hashable, Sendable, Codable {
    public var org: OrgID
    public var answer: InviteeAnswer
    /// Who attends (出席人员), as the invitee wrote it when it accepted; nil when not given.
    public var attendance: String?
    /// The person who answered, and the day.
    public var answeredBy: UserName?
    public var answeredOn: CivilDate?

    public init(org: OrgID, answer: InviteeAnswer = .pending, attendance: String? = nil, answeredBy: UserName? = nil, answeredOn: CivilDate? = nil) {
        self.org = org
        self.answer = answer
        self.attendance = attendance
        self.answeredBy = answeredBy
        self.answeredOn = answeredOn
    }

    /// The state a matter with these invitees has once issued: issued while any answer is pending, in progress
    /// once all have answered and at least one accepted, closed when all declined.
    public static func state(of invitees: [Invitee]) -> MatterState {
        if invitees.contains(where: { $0.answer == .pending }) { return .issued }
        return invitees.contains(where: { $0.answer == .accepted }) ? .inProgress : .closed
    }
}

extension Matter {
    /// Whether the matter is addressed to `org`: its addressee, or one of its invitees.
    public func isAddressed(to org: OrgID) -> Bool {
        toOrg == org || (invitees?.contains { $0.org == org } ?? false)
    }

    /// The invitee entry of `org`, if it is one.
    public func invitee(_ org: OrgID) -> Invitee? { invitees?.first { $0.org == org } }

    /// Every organisation the matter is addressed to: its invitees, or its one addressee.
    public var addressees: [OrgID] { invitees?.map(\.org) ?? [toOrg] }
}

extension Workflow {
    /// The kinds that may have several invitees.
    public static let invitingKinds: Set<MatterKind> = [.jointInspection, .meeting]

    /// The steps of `matter`: its kind's (`steps(of:)`), except that a meeting with invitees is answered too:
    /// each invitee accepts (with who attends) or declines, and the sender closes it once it has taken place — the
    /// steps of a joint inspection.
    public static func steps(for matter: Matter) -> [Step] {
        guard matter.kind == .meeting, matter.invitees != nil else { return steps(of: matter.kind) }
        return steps(of: .jointInspection)
    }

    /// The invitees of a new matter (nil for one addressee), or why not: several only for a joint inspection or a
    /// meeting, none twice, none the sender, each of a party the kind goes to.
    static func invitees(of kind: MatterKind, to: Organisation, also: [Organisation], from viewer: Viewer) throws(WorkflowError) -> [Invitee]? {
        guard !also.isEmpty else { return nil }
        guard invitingKinds.contains(kind) else { throw .invalidInput(.inviteesNotAllowed(kind)) }
        var seen: Set<OrgID> = [to.id]
        for o in also {
            guard seen.insert(o.id).inserted else { throw .invalidInput(.invitedTwice(o.id)) }
            guard allows(kind, from: viewer.party, to: o.party), o.id != viewer.org.id else {
                throw .invalidInput(.partiesNotAllowed(from: viewer.party, to: o.party))
            }
        }
        return ([to] + also).map { Invitee(org: $0.id) }
    }

    /// An invitee's answer (`accept`, `decline`) recorded on `m` for `org`: its entry, then the state that follows
    /// all answers (a matter all declined is closed as declined on `date`).
    static func answer(_ action: MatterAction, on m: inout Matter, for org: OrgID, by user: UserName, on date: CivilDate, attendance: String?) {
        guard var all = m.invitees, let i = all.firstIndex(where: { $0.org == org }) else { return }
        all[i].answer = action == .accept ? .accepted : .declined
        all[i].attendance = action == .accept && m.kind == .meeting ? attendance : nil
        all[i].answeredBy = user
        all[i].answeredOn = date
        m.invitees = all
        m.state = Invitee.state(of: all)
        if m.state == .closed {
            m.outcome = .declined
            m.closedOn = date
        }
    }
}
