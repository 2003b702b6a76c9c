/// Who may see what (docs/mechanism.md, access). The store applies the same rule when it reads.
///
/// - The procuratorate and the justice bureau see the matters they started or that are addressed to them, and
///   those copied to them (抄送).
/// - A legal-affairs unit sees only its own department's matters: started by it, addressed to it, about it, or
///   copied to it.
/// - A clue referral (Art. 10) is seen by its sender only: never by the department concerned, nor by a copy.
/// - Administrators and outside bodies see no matters; neither does a disabled user, nor a viewer whose user
///   belongs to another organisation than the one given.
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

/// The matters one organisation may see: those it started or that are addressed or copied to it, and, for a
/// legal-affairs unit, those about its department; a clue referral only by its sender.
public struct Visibility: Hashable, Sendable {
    public var org: OrgID
    /// Whether a matter whose subject is `org` is visible (legal-affairs units only).
    public var bySubject: Bool

    public func admits(_ m: Matter) -> Bool {
        if m.kind == .referral { return m.fromOrg == org }
        return m.fromOrg == org || m.toOrg == org || (bySubject && m.subjectOrg == org)
            || (m.copiedTo?.contains(org) ?? false)
    }
}
