public typealias CountyID = String

/// A county (县), the tenant of a shared database: its organisations, people, matters and figures are its own. Or a
/// city (市) above counties, whose bodies (市检察院, 市司法局, …) are parties above them: matters may be addressed to
/// them from the counties under the city (a referral to 上一级行政执法机关, an escalation), and their figures count
/// across those counties. A database of one county (the SQLite default) keeps exactly one, with no city.
public struct County: Hashable, Sendable, Codable {
    public enum Level: String, Hashable, Sendable, Codable, CaseIterable {
        case county, city
    }

    public var id: CountyID
    public var name: String
    public var level: Level
    /// The city a county is under (nil when the database keeps none above it); always nil for a city.
    public var city: CountyID?

    public init(id: CountyID, name: String, level: Level = .county, city: CountyID? = nil) {
        self.id = id
        self.name = name
        self.level = level
        self.city = city
    }

    /// The county of the shipped standard organisations (`oversight init`, the demo): 文水县. A database made before
    /// counties were kept is this county alone.
    public static let standard = County(id: "wenshui", name: "文水县")
}

/// The counties and cities a database keeps, and what follows from them for who may name whom and who keeps whom.
/// Every rule of tenancy is here, pure; the store applies them where it reads and writes.
public struct Counties: Hashable, Sendable {
    public private(set) var byID: [CountyID: County]

    public init(_ list: some Sequence<County>) {
        byID = Dictionary(list.map { ($0.id, $0) }) { first, _ in first }
    }

    public subscript(_ id: CountyID) -> County? { byID[id] }

    /// In id order: cities first, each followed by its counties, then the counties under no city.
    public var ordered: [County] {
        let cities = byID.values.filter { $0.level == .city }.sorted { $0.id < $1.id }
        var list: [County] = []
        for c in cities { list.append(c); list += byID.values.filter { $0.city == c.id }.sorted { $0.id < $1.id } }
        list += byID.values.filter { $0.level == .county && ($0.city.map { byID[$0] == nil } ?? true) }.sorted { $0.id < $1.id }
        return list
    }

    /// The county or city with this id, else with this name (as `county list` prints them), compared as
    /// `Vocabulary.fold` compares words.
    public func find(_ text: String) -> County? {
        if let c = byID[text] { return c }
        let word = Vocabulary.fold(text)
        guard !word.isEmpty else { return nil }
        return byID.values.sorted { $0.id < $1.id }.first { Vocabulary.fold($0.id) == word || Vocabulary.fold($0.name) == word }
    }

    /// `id` and, for a city, the counties under it: what an administrator of `id` keeps (organisations, people, keys,
    /// the export and figures of matters), and what the figures of a city's bodies count.
    public func within(_ id: CountyID) -> Set<CountyID> {
        guard let c = byID[id] else { return [] }
        guard c.level == .city else { return [id] }
        return Set(byID.values.filter { $0.city == id }.map(\.id)).union([id])
    }

    /// The counties whose organisations one of `id` may address, copy or name as concerned: its own; for a county,
    /// the city above it (its bodies); for a city, the counties under it. Never another county.
    public func reach(of id: CountyID) -> Set<CountyID> {
        guard let c = byID[id] else { return [] }
        if c.level == .city { return within(id) }
        return Set([id] + [c.city].compactMap { $0 }.filter { byID[$0] != nil })
    }

    /// Whether an organisation of `from` may name one of `to` in a matter.
    public func mayName(from: Organisation, _ to: Organisation) -> Bool { reach(of: from.county).contains(to.county) }

    /// The organisations of `organisations` that `viewer` works with: those it may name (`reach`), and for an
    /// administrator those it keeps (`within`). What lists and pickers offer, and what typed names resolve among.
    /// (Another county's or city's administration unit is no one's business but its own.)
    public func seen(by viewer: Viewer, _ organisations: [Organisation]) -> [Organisation] {
        let kept = viewer.party == .admin ? within(viewer.org.county) : []
        let named = reach(of: viewer.org.county)
        return organisations.filter { kept.contains($0.county) || (named.contains($0.county) && ($0.party != .admin || $0.county == viewer.org.county)) }
    }
}

/// Why a county could not be added (`county add`); nothing was written.
public enum CountyProblem: Error, Hashable, Sendable {
    case invalidID(String)
    case exists(CountyID)
    case nameTaken(String)
    case unknownCity(CountyID)
    /// A city is under no city (two levels: counties, and the cities above them).
    case cityUnderCity(CountyID)
    /// The county is under a city already (`county set`).
    case alreadyUnder(CountyID, CountyID)
}

extension Counties {
    /// `county`, checked against these: a valid and free id (as an organisation's), a free name, its city a city.
    public func check(_ county: County) -> CountyProblem? {
        guard Organisation.isValidID(county.id) else { return .invalidID(county.id) }
        if byID.keys.contains(where: { Vocabulary.fold($0) == Vocabulary.fold(county.id) }) { return .exists(county.id) }
        if byID.values.contains(where: { Vocabulary.fold($0.name) == Vocabulary.fold(county.name) }) { return .nameTaken(county.name) }
        if let city = county.city {
            if county.level == .city { return .cityUnderCity(county.id) }
            guard byID[city]?.level == .city else { return .unknownCity(city) }
        }
        return nil
    }
}
