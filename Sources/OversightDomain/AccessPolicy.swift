/// Who may see what (mechanism.md, "Security facts"). The store applies the same rule when it reads.
public enum AccessPolicy {
    /// Whether `viewer` may see `matter` at all.
    public static func canSee(_ viewer: Viewer, _ matter: Matter) -> Bool {
        let org = viewer.org.id
        switch viewer.party {
        case .admin, .external:
            return false
        case .procuratorate, .justice, .department:
            if matter.kind == .referral { return matter.fromOrg == org }
            return matter.fromOrg == org || matter.toOrg == org
                || (viewer.party == .department && matter.subjectOrg == org)
        }
    }
}
