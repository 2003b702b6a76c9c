/// The kinds of participant in the mechanism (Art. 2).
public enum Party: String, Sendable, Codable, CaseIterable {
    /// 县检察院 (administrative procuratorial department).
    case procuratorate
    /// 县司法局 (enforcement supervision).
    case justice
    /// The legal-affairs unit (法制机构) of one enforcement department.
    case department
    /// Outside bodies that receive referrals or rule on applications: tracked, never users.
    case external
    /// Administers people, organisations and keys; takes no part in workflows.
    case admin
}

/// The key domains of Art. 4, plus "other".
public enum DomainArea: String, Sendable, Codable, CaseIterable {
    case ecology, land, stateAssets = "state-assets", foodDrug = "food-drug", transport
    case cultureTourism = "culture-tourism", labour, construction, other
}

public typealias OrgID = String
public typealias UserName = String

public struct Organisation: Hashable, Sendable, Codable {
    public var id: OrgID
    public var name: String
    public var party: Party
    /// The Art. 4 domains a department works in (empty for others).
    public var domains: [DomainArea]
    /// The organisation's code in document numbers (机关代字), e.g. 文检; empty if it issues none.
    public var code: String
    /// False once an administrator disabled it (`org disable`): it gets no new matters, its people cannot log in;
    /// its matters and history stay.
    public var active: Bool
    /// Which of its outgoing steps need its head's decision (`org set --sign-off`); its party's default until set.
    public var signOff: SignOff
    /// The county (or city) it belongs to (`County`); empty in a value not yet stored: its administrator's county.
    public var county: CountyID

    public init(
        id: OrgID, name: String, party: Party, domains: [DomainArea] = [], code: String = "", active: Bool = true,
        signOff: SignOff = .partyDefault, county: CountyID = ""
    ) {
        self.id = id
        self.county = county
        self.signOff = signOff
        self.name = name
        self.party = party
        self.domains = domains
        self.code = code
        self.active = active
    }

    private enum CodingKeys: String, CodingKey { case id, name, party, domains, code, active, county }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(OrgID.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            party: try c.decode(Party.self, forKey: .party),
            domains: try c.decodeIfPresent([DomainArea].self, forKey: .domains) ?? [],
            code: try c.decodeIfPresent(String.self, forKey: .code) ?? "",
            active: try c.decodeIfPresent(Bool.self, forKey: .active) ?? true,
            county: try c.decodeIfPresent(CountyID.self, forKey: .county) ?? "")
    }
}

extension Organisation {
    /// The organisation of `organisations` with this id, else with this name (as `org list` prints them), else the
    /// one whose short name (the place left out: 司法局, 生态环境局文水分局) this is; ids and names compared as
    /// `Vocabulary.fold` compares words (spaces trimmed, letters without case).
    public static func find(_ text: String, in organisations: some Collection<Organisation>) -> Organisation? {
        let word = Vocabulary.fold(text)
        guard !word.isEmpty else { return nil }
        if let o = organisations.first(where: { $0.id == text }) ?? organisations.first(where: { $0.name == text }) { return o }
        if let o = organisations.first(where: { Vocabulary.fold($0.id) == word || Vocabulary.fold($0.name) == word }) { return o }
        let short = organisations.filter { Vocabulary.fold(shortName($0.name)) == word }
        return short.count == 1 ? short[0] : nil
    }
}

/// A person's role inside their organisation.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// 承办人: handles matters.
    case handler
    /// 负责人: heads the unit; may approve.
    case head
    /// 管理员: administers the system.
    case admin
}

public struct User: Hashable, Sendable, Codable {
    public var name: UserName
    public var displayName: String
    public var org: OrgID
    public var role: Role
    public var active: Bool

    public init(name: UserName, displayName: String, org: OrgID, role: Role, active: Bool = true) {
        self.name = name
        self.displayName = displayName
        self.org = org
        self.role = role
        self.active = active
    }
}

/// Who is looking: the user with their organisation's party resolved.
public struct Viewer: Hashable, Sendable {
    public var user: User
    public var org: Organisation

    public init(user: User, org: Organisation) {
        self.user = user
        self.org = org
    }

    public var party: Party { org.party }
}
