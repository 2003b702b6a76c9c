/// Who may see what (docs/mechanism.md, access). The store applies the same rule when it reads.
///
/// - The procuratorate and the justice bureau see the matters they started or that are addressed to them, and
///   those copied to them (抄送).
/// - A legal-affairs unit sees only its own department's matters: started by it, addressed to it, about it, or
///   copied to it.
/// - A draft is its sender's own business: a matter not yet issued (in `draft`, or withdrawn while still a draft)
///   is seen by its sender only. The addressee, the department concerned and the copies see it from `issue` on.
/// - A clue referral (Art. 10) is seen by its sender only: never by the department concerned, nor by a copy. And
///   within the sender on a need-to-know basis: by its heads, its author and the people the author named
///   (`Matter.knownTo`), no one else of the organisation.
/// - Administrators and outside bodies see no matters; neither does a disabled user, nor a viewer whose user
///   belongs to another organisation than the one given. (An active administrator's export and county figures
///   read the whole database, drafts included: `Store.readableMatters`, not this policy.)
public enum AccessPolicy {
    /// The rule every read, the inbox index and the workflow's checks are made from.
    public static let rule = AccessRule.standard

    /// What `viewer` may see, as a rule over a matter's organisations; nil when it may see no matter.
    /// The store compiles the same rule into SQL, so the two cannot drift apart.
    public static func visibility(for viewer: Viewer) -> Visibility? {
        guard viewer.user.active, viewer.user.org == viewer.org.id else { return nil }
        return rule.visibility(for: viewer.org, scope: viewer.user.role == .head ? .heads : .person(viewer.user.name))
    }

    /// What the organisation may see through any of its people (its heads' view, the widest); nil when it may see
    /// no matter.
    public static func visibility(for organisation: Organisation) -> Visibility? {
        rule.visibility(for: organisation)
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

/// The access rule as one value: for each party, the condition under which its organisations see a matter (a party
/// without one sees no matter). Everything about access is derived from it: `admits` (Swift), the store's SQL
/// (`Store.sql`), and the organisations that get a row of the inbox index for a matter (`readers`).
public struct AccessRule: Hashable, Sendable {
    public var parties: [Party: AccessCondition]

    public init(parties: [Party: AccessCondition]) {
        self.parties = parties
    }

    /// Not yet issued: a draft, or a draft withdrawn before it was ever issued (withdrawn with no issue day; `issue`
    /// and `amend` always record one). Such a matter is its sender's own business.
    public static let unissued: AccessCondition =
        .any([.state(.draft), .all([.state(.withdrawn), .not(.issued)])])

    /// Need to know: a clue referral (Art. 10) is open, in its sending organisation, to its heads and to the people
    /// it names (its author and those the author shared it with); any other matter to every person who may see it.
    public static let needToKnow: AccessCondition = .any([.not(.kind(.referral)), .viewerIsHead, .knownToViewer])

    /// Its sender sees a matter (a clue referral on a need-to-know basis); once issued, so do the organisation it is
    /// addressed to, the copies and (`bySubject`, legal-affairs units) the department it is about; a clue referral
    /// (Art. 10) only its sender.
    public static func sees(bySubject: Bool) -> AccessCondition {
        let named: [AccessCondition] = [.addressedToViewer] + (bySubject ? [.aboutViewer] : []) + [.copiedToViewer]
        return .any([
            .all([.sentByViewer, needToKnow]),
            .all([.not(.kind(.referral)), .not(unissued), .any(named)]),
        ])
    }

    /// The mechanism's rule (docs/mechanism.md, access): administrators and outside bodies see no matters.
    public static let standard = AccessRule(parties: [
        .procuratorate: sees(bySubject: false),
        .justice: sees(bySubject: false),
        .department: sees(bySubject: true),
    ])

    /// What `organisation` may see in `scope` (by default its heads', the widest); nil when it may see no matter.
    public func visibility(for organisation: Organisation, scope: AccessScope = .heads) -> Visibility? {
        parties[organisation.party].map { Visibility(org: organisation.id, condition: $0, scope: scope) }
    }

    /// The index rows of `m`: each organisation that may see it (as `readers`) with the scope in which it does —
    /// every person of it (`members`) when the condition holds without a person; else (need to know) its heads,
    /// and each person the matter names (`knownTo`) for whom it holds.
    public func readerScopes(
        of m: Matter, organisations: (OrgID) throws -> Organisation?, everyOf: (Party) throws -> [Organisation]
    ) rethrows -> [(org: Organisation, scope: AccessScope)] {
        var found: [(org: Organisation, scope: AccessScope)] = []
        for o in try readers(of: m, organisations: organisations, everyOf: everyOf) {
            if visibility(for: o, scope: .members)?.admits(m) == true {
                found.append((o, .members))
                continue
            }
            found.append((o, .heads))
            for name in m.knownTo ?? [] where visibility(for: o, scope: .person(name))?.admits(m) == true {
                found.append((o, .person(name)))
            }
        }
        return found
    }

    /// The organisations that may see `m`: of those it names (sender, addressee, subject, copies, found by
    /// `organisations`), those the rule admits; and where a party's condition holds for an organisation the
    /// matter does not name, every organisation of that party (`everyOf`) the rule admits. Each once, in that order.
    public func readers(
        of m: Matter, organisations: (OrgID) throws -> Organisation?, everyOf: (Party) throws -> [Organisation]
    ) rethrows -> [Organisation] {
        var seen = Set<OrgID>(), found: [Organisation] = []
        let named = [m.fromOrg] + m.addressees + [m.subjectOrg].compactMap { $0 } + (m.copiedTo ?? [])
        for id in named where seen.insert(id).inserted {
            if let o = try organisations(id), visibility(for: o)?.admits(m) == true { found.append(o) }
        }
        for party in Party.allCases {
            guard let condition = parties[party], condition.holds(for: m, viewer: nil) else { continue }
            for o in try everyOf(party) where seen.insert(o.id).inserted && visibility(for: o)?.admits(m) == true {
                found.append(o)
            }
        }
        return found
    }
}

/// Whose view of an organisation's matters: what every person of it sees, what its heads see, or what one person
/// (not a head) sees. Only the need-to-know conditions (`viewerIsHead`, `knownToViewer`) tell them apart.
public enum AccessScope: Hashable, Sendable {
    /// Every person of the organisation: no person condition holds.
    case members
    /// Its heads (负责人): the organisation's widest view.
    case heads
    /// One person of it, not a head: the members' view and the need-to-know matters that name them.
    case person(UserName)
}

/// The matters one organisation may see: its party's condition of the rule (`AccessRule`), over this organisation,
/// in one scope (`AccessScope`).
///
/// `admits` evaluates the condition on a matter, the store compiles the same value into SQL (`Store.visibility`),
/// so the two cannot drift apart.
public struct Visibility: Hashable, Sendable {
    public var org: OrgID
    public var condition: AccessCondition
    public var scope: AccessScope

    public init(org: OrgID, condition: AccessCondition, scope: AccessScope = .heads) {
        self.org = org
        self.condition = condition
        self.scope = scope
    }

    public func admits(_ m: Matter) -> Bool { condition.holds(for: m, viewer: org, scope: scope) }
}

/// One condition of the access rule, over a matter and the organisation looking at it: the vocabulary both
/// `Visibility.admits` and the store's SQL are made from. Every condition is true or false (never unknown), so
/// `not` means the same in Swift and in SQL.
public indirect enum AccessCondition: Hashable, Sendable {
    /// The viewer's organisation started it (`fromOrg`).
    case sentByViewer
    /// It is addressed to the viewer's organisation (`toOrg`, or one of its `invitees`).
    case addressedToViewer
    /// The viewer's organisation is the department concerned (`subjectOrg`).
    case aboutViewer
    /// A copy went to the viewer's organisation (`copiedTo`).
    case copiedToViewer
    case kind(MatterKind)
    case state(MatterState)
    /// It has an issue day (`issuedOn`).
    case issued
    /// The person looking is a head of the viewer's organisation (`AccessScope.heads`).
    case viewerIsHead
    /// The person looking is one the matter names (`Matter.knownTo`, `AccessScope.person`).
    case knownToViewer
    case not(AccessCondition)
    /// Any of these (false when empty).
    case any([AccessCondition])
    /// All of these (true when empty).
    case all([AccessCondition])

    /// The condition for an organisation the matter does not name: each condition on the viewer false, the rest
    /// simplified (`.any([])` when it can never hold: such an organisation sees nothing by it).
    public var unnamed: AccessCondition {
        let never = AccessCondition.any([]), always = AccessCondition.all([])
        switch self {
        case .sentByViewer, .addressedToViewer, .aboutViewer, .copiedToViewer, .viewerIsHead, .knownToViewer: return never
        case .kind, .state, .issued: return self
        case .not(let c):
            let u = c.unnamed
            return u == never ? always : u == always ? never : .not(u)
        case .any(let cs):
            let us = cs.map(\.unnamed).filter { $0 != never }
            return us.contains(always) ? always : us.count == 1 ? us[0] : .any(us)
        case .all(let cs):
            let us = cs.map(\.unnamed).filter { $0 != always }
            return us.contains(never) ? never : us.count == 1 ? us[0] : .all(us)
        }
    }

    /// Whether it holds for `m` seen by `org` in `scope`; with nil, by an organisation the matter does not name (each
    /// condition on the viewer is false).
    public func holds(for m: Matter, viewer org: OrgID?, scope: AccessScope = .members) -> Bool {
        switch self {
        case .sentByViewer: return org.map { m.fromOrg == $0 } ?? false
        case .addressedToViewer: return org.map { m.isAddressed(to: $0) } ?? false
        case .aboutViewer: return org.map { m.subjectOrg == $0 } ?? false
        case .copiedToViewer: return org.map { m.copiedTo?.contains($0) ?? false } ?? false
        case .kind(let k): return m.kind == k
        case .state(let s): return m.state == s
        case .issued: return m.issuedOn != nil
        case .viewerIsHead: return org != nil && scope == .heads
        case .knownToViewer:
            guard org != nil, case .person(let name) = scope else { return false }
            return m.knownTo?.contains(name) ?? false
        case .not(let c): return !c.holds(for: m, viewer: org, scope: scope)
        case .any(let cs): return cs.contains { $0.holds(for: m, viewer: org, scope: scope) }
        case .all(let cs): return cs.allSatisfy { $0.holds(for: m, viewer: org, scope: scope) }
        }
    }
}
