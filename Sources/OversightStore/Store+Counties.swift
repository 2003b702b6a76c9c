import GRDB
import OversightDomain

struct CountyRecord: KeyedRecord, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "county"
    static let keyColumns = ["id"]
    var id: String
    var name: String
    var level: String
    var city: String?

    init(_ c: County) {
        id = c.id
        name = c.name
        level = c.level.rawValue
        city = c.city
    }

    func domain() throws -> County {
        guard let level = County.Level(rawValue: level) else {
            throw Store.Failure.corruptRow(table: "county", row: id, column: "level", value: level)
        }
        return County(id: id, name: name, level: level, city: city)
    }
}

/// Counties as tenants (`County`, `Counties`): every organisation belongs to one; a matter names only organisations its
/// sender may name (`Counties.reach`, checked by the write path); an administrator keeps only its counties' people,
/// organisations, keys, export and figures (`Counties.within`).
extension Store {
    /// Every county and city the database keeps.
    public func counties() throws -> Counties { try read { db in try Self.counties(db) } }

    static func counties(_ db: StoreConnection) throws -> Counties {
        Counties(try CountyRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM county ORDER BY rowid")).map { try $0.domain() })
    }

    /// The organisations `viewer` works with (`Counties.seen`): those its organisation may name, and for an
    /// administrator those it keeps. What lists and pickers offer, and what a typed name is looked up among.
    public func organisations(for viewer: Viewer) throws -> [Organisation] {
        try read { db in
            let all = try OrganisationRecord.fetchAll(db, sql: "SELECT * FROM organisation ORDER BY rowid").map { try $0.domain() }
            guard let org = all.first(where: { $0.id == viewer.org.id }) else { return [] }
            var seer = viewer
            seer.org = org
            return try Self.counties(db).seen(by: seer, all)
        }
    }

    /// The people of the organisations `viewer` works with (`organisations(for:)`): an administrator's are the
    /// people it keeps and may change; a party's, the names its histories may show.
    public func users(for viewer: Viewer) throws -> [User] {
        let orgs = Set(try organisations(for: viewer).map(\.id))
        return try users().filter { orgs.contains($0.org) }
    }

    /// The login keys of the people an active administrator keeps (`keptCounties`), oldest first: what `key list`
    /// numbers and `key remove` takes a number of.
    public func keys(for admin: Viewer) throws -> [SSHKeyEntry] {
        try read { db in try Self.keyRecords(kept: try Self.keptCounties(admin, db), db).map { try $0.domain() } }
    }

    static func keyRecords(kept: Set<CountyID>, _ db: StoreConnection) throws -> [SSHKeyRecord] {
        try SSHKeyRecord.fetchAll(db, sql: """
            SELECT ssh_key.* FROM ssh_key JOIN user_account ON user_account.name = ssh_key.user_name
            JOIN organisation ON organisation.id = user_account.org_id
            WHERE organisation.county IN \(list(kept)) ORDER BY ssh_key.id
            """)
    }

    /// The counties an active administrator keeps: its organisation's county and, for a city, the counties under
    /// it (`Counties.within`). Checked and read inside the caller's transaction (`requireAdministrator`).
    static func keptCounties(_ admin: Viewer, _ db: StoreConnection) throws -> Set<CountyID> {
        try counties(db).within(try administeredCounty(admin, db))
    }

    /// The county (or city) of an active administrator's organisation, as the database says now.
    static func administeredCounty(_ admin: Viewer, _ db: StoreConnection) throws -> CountyID {
        try requireAdministrator(admin, db)
        guard let user = try UserRecord.fetchOne(db, key: admin.user.name),
              let org = try OrganisationRecord.fetchOne(db, key: user.orgId)
        else { throw PeopleFailure.notAdministrator(admin.user.name) }
        return org.county
    }

    /// Refused unless organisation `id` is one of the counties `kept` (an administrator's): else it is as unknown.
    static func requireKept(org id: OrgID, _ kept: Set<CountyID>, _ db: StoreConnection) throws -> OrganisationRecord {
        guard let record = try OrganisationRecord.fetchOne(db, key: id), kept.contains(record.county) else {
            throw PeopleFailure.unknownOrganisation(id)
        }
        return record
    }

    /// Refused unless user `name` belongs to an organisation of the counties `kept`: else as unknown.
    static func requireKept(user name: UserName, _ kept: Set<CountyID>, _ db: StoreConnection) throws -> UserRecord {
        guard let record = try UserRecord.fetchOne(db, key: name), let org = try OrganisationRecord.fetchOne(db, key: record.orgId),
              kept.contains(org.county)
        else { throw PeopleFailure.unknownUser(name) }
        return record
    }

    /// `ids` as an SQL list of literals (ids are `Organisation.isValidID`: no quote can occur; doubled anyway).
    static func list(_ ids: Set<CountyID>) -> String {
        "(" + (ids.isEmpty ? "NULL" : ids.sorted().map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ",")) + ")"
    }

    /// The SQL condition that a matter (`ALIAS.from_org`) was started in one of `counties`: `1` when they are every
    /// county the database keeps (a county's own database, the default: nothing to evaluate, the plans as before).
    static func startedIn(_ counties: Set<CountyID>, _ db: StoreConnection, alias: String = "matter") throws -> String {
        let all = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM county")))
        if all.isSubset(of: counties) { return "TRUE" }
        return "\(alias).from_org IN (SELECT id FROM organisation WHERE county IN \(list(counties)))"
    }

    /// Puts county `id`, under no city yet, under `city` (its own administrator's decision: from then on the city's
    /// bodies count its issued matters and may be named by it). Refused unless `admin` keeps the county, the county is
    /// under no city and `city` is a city. One transaction with its `county-set` event.
    public func setCity(of id: CountyID, to city: CountyID, by admin: Viewer, on date: CivilDate) throws {
        try write { db in
            let kept = try Self.keptCounties(admin, db)
            let counties = try Self.counties(db)
            guard let county = counties.find(id), kept.contains(county.id) else { throw PeopleFailure.outsideCounties(id) }
            guard let above = counties.find(city) else { throw PeopleFailure.county(.unknownCity(city)) }
            guard above.level == .city else { throw PeopleFailure.county(.unknownCity(city)) }
            guard county.level == .county else { throw PeopleFailure.county(.cityUnderCity(county.id)) }
            guard county.city == nil else { throw PeopleFailure.county(.alreadyUnder(county.id, county.city ?? "")) }
            try db.execute(sql: "UPDATE county SET city = ? WHERE id = ?", arguments: [above.id, county.id])
            _ = try EventRecord(system: "county-set", on: date, actor: admin.user.name, text: "\(county.id) in \(above.id)").inserted(db)
        }
    }

    /// The administration unit `add(_:administrator:by:on:)` makes for a new county: its id and name.
    public static func administrationUnit(of county: County) -> Organisation {
        Organisation(id: "\(county.id).xt", name: "\(county.name)监督协作台系统管理", party: .admin, county: county.id)
    }

    /// Adds a county, or a city above counties, with its administration unit (`administrationUnit(of:)`) and
    /// `administrator` as its first administrator, who then adds its organisations and people: the county is its
    /// own from the start, and the administrator who added it keeps none of it. Refused unless `admin` is an
    /// active administrator of a county under no city (the database's top) or of a city (a county under it); the
    /// county is checked (`Counties.check`), the administrator's name must be valid and free. One transaction with
    /// its `county-add`, `org-add` and `user-add` events.
    public func add(_ county: County, administrator: UserName, by admin: Viewer, on date: CivilDate) throws {
        try write { db in try Self.add(county, administrator: administrator, by: admin, on: date, db) }
    }

    /// `add(_:administrator:by:on:)` inside a transaction the caller holds (the demo's generated counties). Returns
    /// the new county's administrator.
    @discardableResult
    static func add(_ county: County, administrator: UserName, by admin: Viewer, on date: CivilDate, _ db: StoreConnection) throws -> Viewer {
        let counties = try Self.counties(db)
        guard let own = counties[try Self.administeredCounty(admin, db)] else { throw PeopleFailure.notAdministrator(admin.user.name) }
        var county = county
        county.name = try Self.organisationName(county.name)
        if own.level == .city {
            // A city's administrator adds counties under its city only.
            guard county.level == .county, county.city == nil || county.city == own.id else {
                throw PeopleFailure.outsideCounties(county.city ?? county.id)
            }
            county.city = own.id
        } else if own.city != nil {
            throw PeopleFailure.outsideCounties(county.id)
        }
        if let problem = counties.check(county) { throw PeopleFailure.county(problem) }
        let unit = Self.administrationUnit(of: county)
        guard Organisation.isValidID(unit.id) else { throw PeopleFailure.county(.invalidID(county.id)) }
        guard Self.isValidUserName(administrator) else { throw PeopleFailure.invalidName(administrator) }
        guard try UserRecord.fetchOne(db, key: administrator) == nil else { throw PeopleFailure.userExists(administrator) }
        if try OrganisationRecord.fetchOne(db, key: unit.id) != nil { throw PeopleFailure.organisationExists(unit.id) }
        let others = try OrganisationRecord.fetchAll(db).map { try $0.domain() }
        try Self.requireFreeName(unit.name, of: unit.id, among: others)
        try CountyRecord(county).insert(db)
        _ = try EventRecord(
            system: "county-add", on: date, actor: admin.user.name,
            text: "\(county.id) (\(county.name)): \(county.level.rawValue)\(county.city.map { " in \($0)" } ?? "")").inserted(db)
        try OrganisationRecord(unit).insert(db)
        try InboxIndex.admit(unit, db)
        _ = try EventRecord(system: "org-add", on: date, actor: admin.user.name,
                            text: "\(unit.id) (\(unit.name)): admin").inserted(db)
        let first = User(name: administrator, displayName: administrator, org: unit.id, role: .admin)
        try UserRecord(first).insert(db)
        _ = try EventRecord(system: "user-add", on: date, actor: admin.user.name,
                            text: "\(administrator) (\(administrator)): admin in \(unit.id)").inserted(db)
        return Viewer(user: first, org: unit)
    }
}
