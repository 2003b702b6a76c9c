import Foundation

extension Workflow {
    // MARK: Creation

    /// Which parties a kind goes between (docs/mechanism.md).
    public static func allows(_ kind: MatterKind, from: Party, to: Party) -> Bool {
        let three: Set<Party> = [.procuratorate, .justice, .department]
        switch kind {
        case .suggestion, .inspection: return from == .procuratorate && to == .department
        case .transfer: return from == .procuratorate && to == .justice
        case .referral: return three.contains(from) && to == .external
        case .dispute:
            return (from == .justice && to == .procuratorate) || (from == .procuratorate && to == .justice)
        case .enforcementCopy: return from == .department && to == .justice
        case .supervisionApplication: return from == .department && to == .procuratorate
        case .jointInspection, .meeting: return three.contains(from) && three.contains(to)
        case .consultation: return (from == .procuratorate || from == .department) && to == .justice
        }
    }

    /// The kinds `viewer` may start.
    public static func creatableKinds(by viewer: Viewer) -> [MatterKind] {
        guard viewer.user.active, viewer.user.org == viewer.org.id else { return [] }
        return MatterKind.allCases.filter { kind in Party.allCases.contains { allows(kind, from: viewer.party, to: $0) } }
    }

    /// A new draft matter started by `viewer` for `to`, with its first event (`create`).
    public static func create(
        id: MatterID, kind: MatterKind, title: String, domain: DomainArea, to: Organisation,
        by viewer: Viewer, on date: CivilDate, today: CivilDate, number: String = "", variant: MatterVariant? = nil,
        subjectOrg: OrgID? = nil, summary: String = "", copiedTo: [OrgID]? = nil, alsoTo: [Organisation] = [],
        sharedWith: [User] = []
    ) throws(WorkflowError) -> Transition {
        guard viewer.user.active, viewer.user.org == viewer.org.id else {
            throw .notAllowed(.issue, viewer.party)
        }
        guard allows(kind, from: viewer.party, to: to.party), to.id != viewer.org.id else {
            throw .invalidInput(.partiesNotAllowed(from: viewer.party, to: to.party))
        }
        if let variant, variant.kind != kind { throw .invalidInput(.variantNotAllowed(variant, kind)) }
        let invitees = try invitees(of: kind, to: to, also: alsoTo, from: viewer)
        let knownTo = try knownTo(of: kind, sharedWith: sharedWith, by: viewer)
        // The one text rule: what is stored (and hashed by the audit chain) is the normalised value.
        let title = try TextRule.checked(title, as: .title)
        guard !title.isEmpty else { throw .invalidInput(.titleRequired) }
        let number = try TextRule.checked(number, as: .number)
        let summary = try TextRule.checked(summary, as: .summary)
        guard date <= today else { throw .invalidInput(.dateInFuture(date)) }
        let subject = subject(of: kind, to: to.id, given: subjectOrg)
        let m = Matter(
            id: id, number: number, kind: kind, title: title, domain: domain, fromOrg: viewer.org.id, toOrg: to.id,
            subjectOrg: subject, state: .draft, createdOn: date, summary: summary, variant: variant,
            copiedTo: copiedTo, invitees: invitees, knownTo: knownTo)
        let e = MatterEvent(
            id: 0, matterID: id, on: date, actor: viewer.user.name, action: .create, text: title,
            documentNumber: number.isEmpty ? nil : number, stateAfter: .draft)
        return Transition(matter: m, event: e)
    }
}

extension Workflow {
    /// The kinds that are need-to-know in their sending organisation (`AccessRule.needToKnow`).
    public static let needToKnowKinds: Set<MatterKind> = [.referral]

    /// Who of the sending organisation a new matter is open to besides its heads: for a clue referral its author,
    /// then each person named once (an active colleague of the author; the author named again is the author);
    /// nil for any other kind, to which naming people is refused.
    static func knownTo(of kind: MatterKind, sharedWith: [User], by viewer: Viewer) throws(WorkflowError) -> [UserName]? {
        guard needToKnowKinds.contains(kind) else {
            if !sharedWith.isEmpty { throw .invalidInput(.shareNotAllowed(kind)) }
            return nil
        }
        var names = [viewer.user.name]
        for u in sharedWith {
            guard u.active, u.org == viewer.org.id, u.role != .admin else { throw .invalidInput(.shareNotColleague(u.name)) }
            if !names.contains(u.name) { names.append(u.name) }
        }
        return names
    }
}

extension NewMatter {
    /// Its texts as `TextRule` stores them (title, number, summary), or the refusal naming the first problem. The
    /// store checks this before it looks the number up, so a number is compared as it will be stored.
    public func normalised() throws(WorkflowError) -> NewMatter {
        var n = self
        n.title = try TextRule.checked(title, as: .title)
        n.number = try number.map { (s) throws(WorkflowError) in try TextRule.checked(s, as: .number) }
        n.summary = try TextRule.checked(summary, as: .summary)
        return n
    }
}

extension ActionInput {
    /// Its texts as `TextRule` stores them (the text, the document number), or the refusal naming the problem.
    public func normalised() throws(WorkflowError) -> ActionInput {
        var i = self
        i.text = try TextRule.checked(text, as: .text)
        i.documentNumber = try documentNumber.map { (s) throws(WorkflowError) in try TextRule.checked(s, as: .number) }
        return i
    }
}

/// What a new matter is made of (`oversight matter new`, the workbench's form, an import, the demo).
public struct NewMatter: Hashable, Sendable {
    public var kind: MatterKind
    public var title: String
    public var domain: DomainArea
    /// The organisation it is addressed to.
    public var to: OrgID
    /// Further invited organisations (`--to` repeated; joint inspections and meetings): with `to`, its invitees.
    public var alsoTo: [OrgID] = []
    /// The day it was started; not after today.
    public var date: CivilDate
    /// A document number from another system (the procuratorate's case system); else one is given at `issue`.
    public var number: String?
    public var variant: MatterVariant?
    public var subjectOrg: OrgID?
    public var summary: String
    public var copiedTo: [OrgID]
    /// The matter it follows (`--follows ID`, `FollowOn`): linked in the same write.
    public var follows: MatterID?
    /// The people of the author's organisation a clue referral is shared with (`--share USER`, need to know).
    public var share: [UserName] = []
    /// The field was confirmed although it lies outside the concerned department's (`FieldMismatch`): the CLI's
    /// `--confirm-domain`, the workbench's yes, and records of what was already decided (an import, the demo).
    public var domainConfirmed: Bool

    public init(
        kind: MatterKind, title: String, domain: DomainArea = .other, to: OrgID, date: CivilDate,
        number: String? = nil, variant: MatterVariant? = nil, subjectOrg: OrgID? = nil, summary: String = "",
        copiedTo: [OrgID] = [], follows: MatterID? = nil, domainConfirmed: Bool = false, share: [UserName] = []
    ) {
        self.share = share
        self.follows = follows
        self.domainConfirmed = domainConfirmed
        self.kind = kind
        self.title = title
        self.domain = domain
        self.to = to
        self.date = date
        self.number = number
        self.variant = variant
        self.subjectOrg = subjectOrg
        self.summary = summary
        self.copiedTo = copiedTo
    }
}
