/// Art. 4: a matter's field against the fields of the department it concerns. A suggestion about ecology
/// addressed to the land bureau is more likely a slip than a decision, so it is asked about once: the CLI refuses
/// it unless `--confirm-domain` is given, the workbench asks before it goes.
public struct FieldMismatch: Hashable, Sendable {
    /// The matter's field.
    public var domain: DomainArea
    /// The department concerned, and its name.
    public var org: OrgID
    public var name: String
    /// Its fields (`Organisation.domains`).
    public var fields: [DomainArea]

    public init(domain: DomainArea, org: OrgID, name: String, fields: [DomainArea]) {
        self.domain = domain
        self.org = org
        self.name = name
        self.fields = fields
    }
}

extension Workflow {
    /// The organisation a new matter concerns: the one given (`--subject`), else for a suggestion or an inspection
    /// its addressee.
    public static func subject(of kind: MatterKind, to: OrgID, given: OrgID?) -> OrgID? {
        given ?? ((kind == .suggestion || kind == .inspection) ? to : nil)
    }

    /// Whether `domain` lies outside the fields of `subject`: only for a department that lists its fields, and only
    /// for one of the eight named fields (`other` is outside none).
    public static func fieldMismatch(_ domain: DomainArea, subject: Organisation?) -> FieldMismatch? {
        guard let subject, subject.party == .department, !subject.domains.isEmpty, domain != .other,
              !subject.domains.contains(domain) else { return nil }
        return FieldMismatch(domain: domain, org: subject.id, name: subject.name, fields: subject.domains)
    }
}
