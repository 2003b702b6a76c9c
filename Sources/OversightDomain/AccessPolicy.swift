/// Who may see what (docs/mechanism.md, access). The store applies the same rule when it reads.
///
/// - The procuratorate and the justice bureau see the matters they started or that are addressed to them, and
///   those copied to them (抄送).
/// - A legal-affairs unit sees only its own department's matters: started by it, addressed to it, about it, or
///   copied to it.
/// - A draft is its sender's own business: a matter not yet issued (in `draft`, or withdrawn while still a draft)
///   is seen by its sender only. The addressee, the department concerned and the copies see it from `issue` on.
/// - A clue referral (Art. 10) is seen by its sender only: never by the department concerned, nor by a copy.
/// - Administrators and outside bodies see no matters; neither does a disabled user, nor a viewer whose user
///   belongs to another organisation than the one given. (An active administrator's export and county figures
///   read the whole database, drafts included: `Store.readableMatters`, not this policy.)
public enum AccessPolicy {
    /// What `viewer` may see, as a rule over a matter's organisations; nil when it may see no matter.
    /// The store compiles the same rule into SQL, so the two cannot drift apart.
    public static func visibility(for viewer: Viewer) -> Visibility? {
        guard viewer.user.active, viewer.user.org == viewer.org.id else { return nil }
        return visibility(for: viewer.org)
    }

    /// What anyone of `organisation` may see (its people's own standing aside); nil when it may see no matter.
    public static func visibility(for organisation: Organisation) -> Visibility? {
        switch organisation.party {
        case .admin, .external: return nil
        case .procuratorate, .justice: return Visibility(org: organisation.id, bySubject: false)
        case .department: return Visibility(org: organisation.id, bySubject: true)
        }
    }

    /// Whether `viewer` may see `matter` at all.
    public static func canSee(_ viewer: Viewer, _ matter: Matter) -> Bool {
        visibility(for: viewer)?.admits(matter) ?? false
    }

    /// Whether `viewer` may take `action` on `matter` in its present state (input aside).
    public static func canAct(_ viewer: Viewer, _ matter: Matter, _ action: MatterAction) -> Bool {
        if case .success = Workflow.check(action, on: matter, by: viewer) { return true }
        return false
    }

    /// The matters of `matters` that `viewer` may see, in their order.
    public static func visible(_ matters: [Matter], to viewer: Viewer) -> [Matter] {
        matters.filter { canSee(viewer, $0) }
    }
}

/// The matters one organisation may see: those it started; once issued, those addressed or copied to it and, for a
/// legal-affairs unit, those about its department; a clue referral only by its sender.
///
/// The rule is one description (`condition`): `admits` evaluates it on a matter, the store compiles the same value
/// into SQL (`Store.visibility`), so the two cannot drift apart.
public struct Visibility: Hashable, Sendable {
    public var org: OrgID
    /// Whether a matter whose subject is `org` is visible (legal-affairs units only).
    public var bySubject: Bool

    public init(org: OrgID, bySubject: Bool) {
        self.org = org
        self.bySubject = bySubject
    }

    /// Not yet issued: a draft, or a draft withdrawn before it was ever issued (withdrawn with no issue day; `issue`
    /// and `amend` always record one). Such a matter is its sender's own business.
    public static let unissued: AccessCondition =
        .any([.state(.draft), .all([.state(.withdrawn), .not(.issued)])])

    /// The rule, over a matter and this organisation.
    public var condition: AccessCondition {
        let named: [AccessCondition] = [.addressedToViewer] + (bySubject ? [.aboutViewer] : []) + [.copiedToViewer]
        return .any([
            .sentByViewer,
            .all([.not(.kind(.referral)), .not(Self.unissued), .any(named)]),
        ])
    }

    public func admits(_ m: Matter) -> Bool { condition.holds(for: m, viewer: org) }
}

/// One condition of the access rule, over a matter and the organisation looking at it: the vocabulary both
/// `Visibility.admits` and the store's SQL are made from. Every condition is true or false (never unknown), so
/// `not` means the same in Swift and in SQL.
public indirect enum AccessCondition: Hashable, Sendable {
    /// The viewer's organisation started it (`fromOrg`).
    case sentByViewer
    /// It is addressed to the viewer's organisation (`toOrg`).
    case addressedToViewer
    /// The viewer's organisation is the department concerned (`subjectOrg`).
    case aboutViewer
    /// A copy went to the viewer's organisation (`copiedTo`).
    case copiedToViewer
    case kind(MatterKind)
    case state(MatterState)
    /// It has an issue day (`issuedOn`).
    case issued
    case not(AccessCondition)
    /// Any of these (false when empty).
    case any([AccessCondition])
    /// All of these (true when empty).
    case all([AccessCondition])

    public func holds(for m: Matter, viewer org: OrgID) -> Bool {
        switch self {
        case .sentByViewer: return m.fromOrg == org
        case .addressedToViewer: return m.toOrg == org
        case .aboutViewer: return m.subjectOrg == org
        case .copiedToViewer: return m.copiedTo?.contains(org) ?? false
        case .kind(let k): return m.kind == k
        case .state(let s): return m.state == s
        case .issued: return m.issuedOn != nil
        case .not(let c): return !c.holds(for: m, viewer: org)
        case .any(let cs): return cs.contains { $0.holds(for: m, viewer: org) }
        case .all(let cs): return cs.allSatisfy { $0.holds(for: m, viewer: org) }
        }
    }
}
