/// Who may see what (mechanism.md, "Security facts"). The store applies the same rule when it reads.
///
/// - The procuratorate and the justice bureau see the matters they started or that are addressed to them, and
///   those copied to them (抄送).
/// - A legal-affairs unit sees only its own department's matters: started by it, addressed to it, about it, or
///   copied to it.
/// - A clue referral (Art. 10) is seen by its sender only: never by the department concerned, nor by a copy.
/// - Administrators and outside bodies see no matters; neither does a disabled user, nor a viewer whose user
///   belongs to another organisation than the one given.
public enum AccessPolicy {
    /// Whether `viewer` may see `matter` at all.
    public static func canSee(_ viewer: Viewer, _ matter: Matter) -> Bool {
        guard viewer.user.active, viewer.user.org == viewer.org.id else { return false }
        let org = viewer.org.id
        switch viewer.party {
        case .admin, .external:
            return false
        case .procuratorate, .justice, .department:
            if matter.kind == .referral { return matter.fromOrg == org }
            return matter.fromOrg == org || matter.toOrg == org
                || (viewer.party == .department && matter.subjectOrg == org)
                || (matter.copiedTo?.contains(org) ?? false)
        }
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
