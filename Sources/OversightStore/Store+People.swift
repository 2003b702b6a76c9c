import Foundation
import GRDB
import OversightDomain

extension Store {
    public func organisations() throws -> [Organisation] {
        try read { db in
            try OrganisationRecord.fetchAll(db, sql: "SELECT * FROM organisation ORDER BY rowid").map { try $0.domain() }
        }
    }

    public func users() throws -> [User] {
        try read { db in
            try UserRecord.fetchAll(db, sql: "SELECT * FROM user_account ORDER BY rowid").map { try $0.domain() }
        }
    }

    /// The active user `name` with their organisation: who is looking.
    public func viewer(_ name: String) throws -> Viewer {
        let found = try read { db -> (User, Organisation)? in
            guard let u = try UserRecord.fetchOne(db, key: name)?.domain(),
                  let o = try OrganisationRecord.fetchOne(db, key: u.org)?.domain()
            else { return nil }
            return (u, o)
        }
        guard let (user, org) = found else { throw Failure.unknownUser(name) }
        guard user.active else { throw Failure.disabledUser(name) }
        guard org.active else { throw Failure.disabledOrganisation(user: name, org: org.id) }
        return Viewer(user: user, org: org)
    }

    /// Whether the database holds no organisation yet (a new file).
    public func isEmpty() throws -> Bool {
        try read { db in try OrganisationRecord.fetchCount(db) == 0 }
    }

    /// Fills a new, empty database with `organisations` and `admin` as administrator of the one whose party
    /// is `admin`, recording who did it. Refused if the database already holds organisations.
    public func initialise(organisations: [Organisation], admin: UserName, on date: CivilDate, county: County = .standard) throws {
        try write { db in
            guard try OrganisationRecord.fetchCount(db) == 0 else { throw Failure.alreadyExists(path) }
            try Self.initialise(organisations: organisations, admin: admin, on: date, county: county, db)
        }
    }

    /// The organisations belong to `county` (made here, or kept from an earlier `init` of this empty database).
    static func initialise(organisations: [Organisation], admin: UserName, on date: CivilDate, county: County = .standard, _ db: StoreConnection) throws {
        if try CountyRecord.fetchOne(db, key: county.id) == nil {
            if let problem = try counties(db).check(county) { throw PeopleFailure.county(problem) }
            try CountyRecord(county).insert(db)
        }
        for var o in organisations {
            o.county = county.id
            try OrganisationRecord(o).insert(db)
        }
        guard let adminOrg = organisations.first(where: { $0.party == .admin }) else {
            throw Failure.cannotOpen(":memory:", "the organisations name no administration unit (party admin)")
        }
        try UserRecord(User(name: admin, displayName: admin, org: adminOrg.id, role: .admin)).insert(db)
        _ = try EventRecord(system: "init", on: date, actor: admin, text: "\(organisations.count) organisations; administrator \(admin)").inserted(db)
    }

    /// Adds an organisation. Refused unless `admin` is an active administrator, the id is valid and free, the name
    /// follows the text rule (stored as normalised) and names no other organisation (by id or name, as
    /// `Organisation.find` reads them), and the document code (if any) is no other's. One transaction with its
    /// `org-add` event.
    public func add(_ org: Organisation, by admin: Viewer, on date: CivilDate) throws {
        try write { db in try Self.add(org, by: admin, on: date, db) }
    }

    /// `add(_:by:on:)` inside a transaction the caller holds (the demo's seeding).
    static func add(_ org: Organisation, by admin: Viewer, on date: CivilDate, _ db: StoreConnection) throws {
        let kept = try keptCounties(admin, db)
        guard Organisation.isValidID(org.id) else { throw PeopleFailure.invalidOrganisationID(org.id) }
        var org = org
        org.name = try organisationName(org.name)
        // In the administrator's own county unless another it keeps is named.
        if org.county.isEmpty {
            org.county = try requireKept(org: admin.org.id, kept, db).county
        }
        guard let county = try counties(db).find(org.county) else { throw PeopleFailure.unknownCounty(org.county) }
        org.county = county.id
        guard kept.contains(org.county) else { throw PeopleFailure.outsideCounties(org.county) }
        let others = try OrganisationRecord.fetchAll(db).map { try $0.domain() }
        if others.contains(where: { Vocabulary.fold($0.id) == Vocabulary.fold(org.id) }) {
            throw PeopleFailure.organisationExists(org.id)
        }
        // A county (or city) has one procuratorate, one justice bureau and one administration unit.
        if [.procuratorate, .justice, .admin].contains(org.party),
           let holder = others.first(where: { $0.county == org.county && $0.party == org.party }) {
            throw PeopleFailure.partyTaken(party: org.party, county: org.county, by: holder.id)
        }
        try requireFreeName(org.name, of: org.id, among: others)
        if !org.code.isEmpty, let holder = others.first(where: { $0.code == org.code }) {
            throw PeopleFailure.codeTaken(code: org.code, by: holder.id)
        }
        org.active = true
        try OrganisationRecord(org).insert(db)
        // Its inbox: what the access rule lets an organisation no matter names see (nothing, under the standard rule).
        try InboxIndex.admit(org, db)
        let fields = org.domains.isEmpty ? "" : " [\(org.domains.map(\.rawValue).joined(separator: ","))]"
        let code = org.code.isEmpty ? "" : " 代字 \(org.code)"
        _ = try EventRecord(system: "org-add", on: date, actor: admin.user.name,
                            text: "\(org.id) (\(org.name)): \(org.party.rawValue)\(fields)\(code)").inserted(db)
    }

    /// Renames an organisation: every matter that names it shows the new name (matters hold its id), its events
    /// stay as written. Refused as `add` refuses a name. One transaction with its `org-rename` event.
    public func setName(of id: OrgID, to name: String, by admin: Viewer, on date: CivilDate) throws {
        try write { db in
            var record = try Self.requireKept(org: id, try Self.keptCounties(admin, db), db)
            let name = try Self.organisationName(name)
            guard name != record.name else { throw PeopleFailure.sameName(id) }
            let others = try OrganisationRecord.fetchAll(db).map { try $0.domain() }
            try Self.requireFreeName(name, of: id, among: others)
            let old = record.name
            record.name = name
            try record.update(db)
            _ = try EventRecord(system: "org-rename", on: date, actor: admin.user.name, text: "\(id): \(old) → \(name)").inserted(db)
        }
    }

    /// Disables an organisation: it can no longer be addressed, copied or concerned by a new matter, and its people
    /// can no longer log in (`viewer` refuses them); its matters, people and history stay, and other parties go on
    /// with its open matters. The administration unit cannot be disabled. One transaction with its `org-disable` event.
    public func disable(org id: OrgID, by admin: Viewer, on date: CivilDate) throws {
        try setActive(false, org: id, by: admin, on: date)
    }

    /// Enables a disabled organisation again: the mirror of `disable(org:)`. One transaction with its `org-enable` event.
    public func enable(org id: OrgID, by admin: Viewer, on date: CivilDate) throws {
        try setActive(true, org: id, by: admin, on: date)
    }

    private func setActive(_ active: Bool, org id: OrgID, by admin: Viewer, on date: CivilDate) throws {
        try write { db in
            var record = try Self.requireKept(org: id, try Self.keptCounties(admin, db), db)
            guard record.active != active else {
                throw active ? PeopleFailure.organisationAlreadyActive(id) : PeopleFailure.organisationAlreadyDisabled(id)
            }
            if !active, record.party == Party.admin.rawValue { throw PeopleFailure.administrationUnit(id) }
            record.active = active
            try record.update(db)
            _ = try EventRecord(system: active ? "org-enable" : "org-disable", on: date, actor: admin.user.name, text: id).inserted(db)
        }
    }

    /// An organisation's name as stored: the text rule's normal form, something visible.
    static func organisationName(_ name: String) throws -> String {
        switch TextRule.check(name, as: .organisationName) {
        case .success(let name) where !name.isEmpty: return name
        case .success: throw PeopleFailure.text(TextProblem(field: .organisationName, what: .nothingVisible))
        case .failure(let problem): throw PeopleFailure.text(problem)
        }
    }

    /// A name names one organisation: no other has it as its name or id (letters compared without case).
    static func requireFreeName(_ name: String, of id: OrgID, among organisations: [Organisation]) throws {
        let folded = Vocabulary.fold(name)
        if let holder = organisations.first(where: {
            $0.id != id && (Vocabulary.fold($0.name) == folded || Vocabulary.fold($0.id) == folded)
        }) {
            throw PeopleFailure.organisationNameTaken(name: name, by: holder.id)
        }
    }
}

// MARK: - People and keys, changed by an administrator

/// A person's SSH public key, as the database holds it.
public struct SSHKeyEntry: Hashable, Sendable {
    public var user: UserName
    public var key: SSHPublicKey
    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    public var fingerprint: String
    public var addedOn: CivilDate
    public var addedBy: UserName
}

extension Store {
    /// A change of people or keys that the store refused; nothing was written.
    public enum PeopleFailure: Error, Equatable, CustomStringConvertible, Sendable {
        case notAdministrator(UserName)
        case unknownUser(String)
        case unknownOrganisation(String)
        case userExists(UserName)
        /// A login name must be usable in an `authorized_keys` line and a shell word as it is.
        case invalidName(String)
        case invalidDisplayName(String)
        /// A display name that breaks `TextRule`.
        case text(TextProblem)
        /// Outside bodies (courts, the discipline commission) are tracked, never users.
        case noPeopleIn(OrgID)
        /// The administrator role exists only in the administration unit, and that unit holds only administrators.
        case roleNotInOrganisation(role: Role, org: OrgID, adminOrg: OrgID?)
        case alreadyDisabled(UserName)
        case alreadyActive(UserName)
        /// `user` holds no key with that fingerprint (or list number).
        case unknownKey(user: UserName, key: String)
        case lastAdministrator(UserName)
        case disabledTarget(UserName)
        case keyOfAnotherUser(fingerprint: String, owner: UserName)
        /// An organisation id must be usable as a shell word as it is (as a login name).
        case invalidOrganisationID(String)
        case organisationExists(OrgID)
        case organisationNameTaken(name: String, by: OrgID)
        case codeTaken(code: String, by: OrgID)
        /// A rename to the name it already has.
        case sameName(OrgID)
        case organisationAlreadyDisabled(OrgID)
        case organisationAlreadyActive(OrgID)
        /// The administration unit holds the administrators: disabling it would lock everyone out.
        case administrationUnit(OrgID)
        /// A disabled organisation takes no new people.
        case disabledOrganisation(OrgID)
        /// No county or city with that id (`oversight county list`).
        case unknownCounty(String)
        /// The county is not one the administrator keeps (`Counties.within`): another county's, or a city's above it.
        case outsideCounties(String)
        /// A county that cannot be added (`Counties.check`).
        case county(CountyProblem)
        /// A county has one procuratorate, one justice bureau and one administration unit.
        case partyTaken(party: Party, county: CountyID, by: OrgID)

        /// Whether the caller named something that does not exist or cannot be (bad input, exit 2),
        /// rather than asked for a change the rules refuse (exit 1).
        public var isBadInput: Bool {
            switch self {
            case .unknownUser, .unknownOrganisation, .invalidName, .invalidDisplayName, .text, .unknownKey, .invalidOrganisationID,
                 .unknownCounty, .county(.invalidID):
                return true
            default: return false
            }
        }

        public var description: String {
            switch self {
            case .notAdministrator(let n):
                return "\(n) is not an administrator: only an administrator (`oversight user list` shows role admin) may change people and keys, import matters, or read the whole database"
            case .unknownUser(let n): return "no user named \"\(n)\": see `oversight user list`"
            case .unknownOrganisation(let o):
                return "no organisation \"\(o)\": give an id or a name as `oversight org list` prints them"
            case .userExists(let n): return "a user named \"\(n)\" already exists: choose another name (`oversight user list`)"
            case .invalidName(let n):
                return "\"\(n)\" cannot be a user name: use 1 to 64 ASCII letters, digits, . _ - (not starting with . or -), e.g. zhang.san"
            case .invalidDisplayName(let n):
                return "\"\(n)\" cannot be a display name: give 1 to \(TextRule.Field.displayName.limit) visible characters"
            case .text(let p): return p.description
            case .noPeopleIn(let o):
                return "\(o) is an outside body: it is tracked in matters but has no users; choose another --org"
            case .roleNotInOrganisation(let role, let org, let adminOrg):
                let admin = adminOrg ?? "the administration unit"
                return role == .admin
                    ? "the admin role belongs to the administration unit (\(admin)), not to \(org): give --org \(admin), or --role handler|head"
                    : "the administration unit (\(org)) holds administrators only: give --role admin, or another --org"
            case .alreadyDisabled(let n): return "user \"\(n)\" is already disabled"
            case .alreadyActive(let n): return "user \"\(n)\" is already enabled"
            case .unknownKey(let user, let key):
                return "\(user) has no key \"\(key)\": give a fingerprint or a number as `oversight key list` prints them"
            case .lastAdministrator(let n):
                return "\(n) is the last active administrator: add another administrator first (`oversight user add NAME --org ORG --role admin`, ORG being the administration unit)"
            case .disabledTarget(let n): return "user \"\(n)\" is disabled: a disabled user gets no keys"
            case .keyOfAnotherUser(let fingerprint, let owner):
                return "the key \(fingerprint) already belongs to \(owner): each person logs in with a key of their own"
            case .invalidOrganisationID(let o):
                return "\"\(o)\" cannot be an organisation id: use 1 to 64 ASCII letters, digits, . _ - (not starting with . or -), e.g. lvliang-eco"
            case .organisationExists(let o): return "an organisation \"\(o)\" already exists: choose another id (`oversight org list`)"
            case .organisationNameTaken(let name, let o):
                return "\"\(name)\" already names organisation \(o): each organisation needs a name of its own (`oversight org list`)"
            case .codeTaken(let code, let o): return "the document code \(code) is already \(o)'s: each organisation numbers its documents with its own"
            case .sameName(let o): return "organisation \(o) already has that name"
            case .organisationAlreadyDisabled(let o): return "organisation \(o) is already disabled"
            case .organisationAlreadyActive(let o): return "organisation \(o) is already enabled"
            case .administrationUnit(let o):
                return "\(o) is the administration unit: its administrators would be locked out; it cannot be disabled"
            case .disabledOrganisation(let o):
                return "organisation \(o) is disabled: it takes no new people; enable it first (`oversight org enable \(o)`)"
            case .unknownCounty(let c): return "no county \"\(c)\": `oversight county list` shows ids and names"
            case .outsideCounties(let c):
                return "\(c) is not a county you administer: an administrator keeps its own county (a city's, the counties under it)"
            case .county(let p):
                switch p {
                case .invalidID(let c):
                    return "\"\(c)\" cannot be a county id: use 1 to 64 ASCII letters, digits, . _ - (not starting with . or -), e.g. jiaocheng"
                case .exists(let c): return "a county \"\(c)\" already exists: choose another id (`oversight county list`)"
                case .nameTaken(let n): return "\"\(n)\" already names a county: each county needs a name of its own"
                case .unknownCity(let c): return "no city \"\(c)\": add it first (`oversight county add \(c) --name NAME --level city`)"
                case .cityUnderCity(let c): return "\(c) is a city: a city is under no other (counties, and the cities above them)"
                case .alreadyUnder(let c, let city): return "\(c) is under \(city) already"
                }
            case .partyTaken(let party, let county, let holder):
                return "\(county) already has its \(party.rawValue) (\(holder)): a county has one procuratorate, one justice bureau and one administration unit"
            }
        }
    }

    /// A name usable as it is in an `authorized_keys` forced command and as a shell word.
    public static func isValidUserName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...64).contains(name.unicodeScalars.count),
              first != ".", first != "-" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }

    /// Checks, inside the transaction, that `admin` is (still) an active administrator.
    static func requireAdministrator(_ admin: Viewer, _ db: StoreConnection) throws {
        guard let row = try UserRecord.fetchOne(db, key: admin.user.name), row.active, row.role == Role.admin.rawValue,
              let org = try OrganisationRecord.fetchOne(db, key: row.orgId), org.party == Party.admin.rawValue
        else { throw PeopleFailure.notAdministrator(admin.user.name) }
    }

    /// Adds a person. Refused unless `admin` is an active administrator, the name is free and valid, and the
    /// organisation takes people of that role (the admin role only in the administration unit, which holds
    /// only administrators; outside bodies none). One transaction with its `user-add` event.
    public func add(_ user: User, by admin: Viewer, on date: CivilDate) throws {
        try write { db in try Self.add(user, by: admin, on: date, db) }
    }

    /// `add(_:by:on:)` inside a transaction the caller holds (the demo's seeding).
    static func add(_ user: User, by admin: Viewer, on date: CivilDate, _ db: StoreConnection) throws {
        let kept = try keptCounties(admin, db)
        guard Self.isValidUserName(user.name) else { throw PeopleFailure.invalidName(user.name) }
        // The one text rule (TextRule): stored as normalised, refused naming the character and its place.
        var user = user
        switch TextRule.check(user.displayName, as: .displayName) {
        case .success(let display):
            guard !display.isEmpty else { throw PeopleFailure.invalidDisplayName(user.displayName) }
            user.displayName = display
        case .failure(let problem): throw PeopleFailure.text(problem)
        }
        let org = try requireKept(org: user.org, kept, db).domain()
        guard org.party != .external else { throw PeopleFailure.noPeopleIn(org.id) }
        guard org.active else { throw PeopleFailure.disabledOrganisation(org.id) }
        if (user.role == .admin) != (org.party == .admin) {
            let adminOrg = try OrganisationRecord.fetchOne(
                db, sql: "SELECT * FROM organisation WHERE party = 'admin' AND county = ? ORDER BY rowid", arguments: [org.county])?.id
            throw PeopleFailure.roleNotInOrganisation(role: user.role, org: org.id, adminOrg: adminOrg)
        }
        guard try UserRecord.fetchOne(db, key: user.name) == nil else { throw PeopleFailure.userExists(user.name) }
        var record = UserRecord(user)
        record.active = true
        try record.insert(db)
        _ = try EventRecord(
            system: "user-add", on: date, actor: admin.user.name,
            text: "\(user.name) (\(user.displayName)): \(user.role.rawValue) in \(org.id)").inserted(db)
    }

    /// Disables a person: from now on they can neither open the workbench nor act from the command line
    /// (`viewer` refuses them). Their history stays. Refused for an unknown or already disabled user, and for
    /// the last active administrator. One transaction with its `user-disable` event.
    public func disable(user name: UserName, by admin: Viewer, on date: CivilDate) throws {
        try write { db in
            var record = try Self.requireKept(user: name, try Self.keptCounties(admin, db), db)
            guard record.active else { throw PeopleFailure.alreadyDisabled(name) }
            if record.role == Role.admin.rawValue {
                // Its county's last: no one else keeps that county (`keptCounties`).
                let admins = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM user_account JOIN organisation ON organisation.id = user_account.org_id
                    WHERE user_account.role = 'admin' AND user_account.active = 1
                    AND organisation.county = (SELECT county FROM organisation WHERE id = ?)
                    """, arguments: [record.orgId]) ?? 0
                if admins <= 1 { throw PeopleFailure.lastAdministrator(name) }
            }
            record.active = false
            try record.update(db)
            _ = try EventRecord(system: "user-disable", on: date, actor: admin.user.name, text: name).inserted(db)
        }
    }

    /// Enables a disabled person again: the mirror of `disable`. Their keys (kept while disabled) log in
    /// again. Refused for an unknown or already active user. One transaction with its `user-enable` event.
    public func enable(user name: UserName, by admin: Viewer, on date: CivilDate) throws {
        try write { db in
            var record = try Self.requireKept(user: name, try Self.keptCounties(admin, db), db)
            guard !record.active else { throw PeopleFailure.alreadyActive(name) }
            record.active = true
            try record.update(db)
            _ = try EventRecord(system: "user-enable", on: date, actor: admin.user.name, text: name).inserted(db)
        }
    }

    /// Removes `user`'s key named by `reference` (its fingerprint, or its number in `keys()`, 1 for the oldest):
    /// it no longer logs in once its authorized_keys line goes too. Removing someone's last key is allowed
    /// (they simply cannot log in by SSH), and so is removing a disabled person's key. A key of someone else is
    /// refused as unknown. One transaction with its `key-remove` event; returns the removed key.
    @discardableResult
    public func removeKey(_ reference: KeyReference, of user: UserName, by admin: Viewer, on date: CivilDate) throws -> SSHKeyEntry {
        try write { db in
            let kept = try Self.keptCounties(admin, db)
            _ = try Self.requireKept(user: user, kept, db)
            let found: SSHKeyRecord?
            switch reference {
            case .fingerprint(let f):
                found = try SSHKeyRecord.fetchOne(db, sql: "SELECT * FROM ssh_key WHERE fingerprint = ?", arguments: [f])
            case .number(let n):
                // The number as `keys(for:)` lists the administrator's keys.
                let keys = try Self.keyRecords(kept: kept, db)
                found = n >= 1 && n <= keys.count ? keys[n - 1] : nil
            }
            guard let record = found, record.userName == user else {
                throw PeopleFailure.unknownKey(user: user, key: reference.description)
            }
            let entry = try record.domain()
            _ = try record.delete(db)
            _ = try EventRecord(
                system: "key-remove", on: date, actor: admin.user.name,
                text: "\(user): \(record.keyType) \(record.fingerprint)").inserted(db)
            return entry
        }
    }

    /// Adds `key` as one of `user`'s login keys. A key already held by that user is left as it is (the
    /// result says so); one held by someone else is refused: a key names one person. One transaction
    /// with its `key-add` event.
    @discardableResult
    public func addKey(_ key: SSHPublicKey, to user: UserName, by admin: Viewer, on date: CivilDate) throws -> (entry: SSHKeyEntry, added: Bool) {
        try write { db in
            let owner = try Self.requireKept(user: user, try Self.keptCounties(admin, db), db)
            guard owner.active else { throw PeopleFailure.disabledTarget(user) }
            if let existing = try SSHKeyRecord.fetchOne(db, sql: "SELECT * FROM ssh_key WHERE base64 = ?", arguments: [key.base64]) {
                guard existing.userName == user else {
                    throw PeopleFailure.keyOfAnotherUser(fingerprint: existing.fingerprint, owner: existing.userName)
                }
                return (try existing.domain(), false)
            }
            var record = SSHKeyRecord(user: user, key: key, on: date, by: admin.user.name)
            try record.insert(db)
            _ = try EventRecord(
                system: "key-add", on: date, actor: admin.user.name,
                text: "\(user): \(key.type) \(record.fingerprint)").inserted(db)
            return (try record.domain(), true)
        }
    }

    /// Every login key, oldest first.
    public func keys() throws -> [SSHKeyEntry] {
        try read { db in
            try SSHKeyRecord.fetchAll(db, sql: "SELECT * FROM ssh_key ORDER BY id").map { try $0.domain() }
        }
    }

    /// The active user `name` logging in: their viewer, as `viewer` gives it. An unknown or disabled user is
    /// refused with `viewer`'s error, and the refusal is recorded as a `login-refused` system event (with
    /// `origin`, e.g. the SSH client's address) when the database can be written; `recorded` says whether it was.
    public func login(_ name: String, on date: CivilDate, from origin: String? = nil,
                      recorded: (_ refusal: Failure, _ recorded: Bool) -> Void = { _, _ in }) throws -> Viewer {
        do {
            return try viewer(name)
        } catch let refusal as Failure {
            switch refusal {
            case .unknownUser, .disabledUser, .disabledOrganisation:
                let why: String
                switch refusal {
                case .disabledUser: why = "disabled user"
                case .disabledOrganisation(_, let org): why = "user of disabled organisation \(org):"
                default: why = "unknown user"
                }
                let shown = name.count > 64 ? String(name.prefix(64)) + "…" : name
                let text = origin.map { "\(why) \(shown) from \($0.prefix(100))" } ?? "\(why) \(shown)"
                let record = { (db: StoreConnection) throws in
                    _ = try EventRecord(system: "login-refused", on: date, actor: shown, text: text).inserted(db)
                }
                // Straight on the connection, outside the writer's turn on SQLite (rare, small).
                let wrote = (try? { if let other { try other.write(record) } else { try writer.write { db in try record(StoreConnection(db)) } } }()) != nil
                recorded(refusal, wrote)
            default: break
            }
            throw refusal
        }
    }
}

/// One row of `ssh_key`.
struct SSHKeyRecord: RowIDRecord, Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "ssh_key"
    static let keyColumns = ["id"]
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var userName: String
    var keyType: String
    var base64: String
    var fingerprint: String
    var comment: String
    var addedOn: String
    var addedBy: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(user: UserName, key: SSHPublicKey, on date: CivilDate, by actor: UserName) {
        id = nil
        userName = user
        keyType = key.type
        base64 = key.base64
        fingerprint = key.fingerprint
        comment = key.comment
        addedOn = date.description
        addedBy = actor
    }

    func domain() throws -> SSHKeyEntry {
        let row = id.map(String.init) ?? "?"
        let key: SSHPublicKey
        do {
            key = try SSHPublicKey(line: comment.isEmpty ? "\(keyType) \(base64)" : "\(keyType) \(base64) \(comment)")
        } catch {
            throw Store.Failure.corruptRow(table: Self.databaseTableName, row: row, column: "base64", value: String(base64.prefix(40)))
        }
        guard fingerprint == key.fingerprint else {
            throw Store.Failure.corruptRow(table: Self.databaseTableName, row: row, column: "fingerprint", value: fingerprint)
        }
        guard let on = CivilDate(addedOn) else {
            throw Store.Failure.corruptRow(table: Self.databaseTableName, row: row, column: "added_on", value: addedOn)
        }
        return SSHKeyEntry(user: userName, key: key, fingerprint: fingerprint, addedOn: on, addedBy: addedBy)
    }
}

extension Store {
    /// The database's health; the counts, given an administrator (`of`), are of the counties it keeps (another
    /// county's are not its business), else the whole database's.
    public func health(of admin: Viewer? = nil) throws -> Health {
        try read { db in
            // SQLite's own check and size; on PostgreSQL, which checks its pages itself, the size of the county's tables.
            let integrity = db.isSQLite ? try String.fetchAll(db, sql: "PRAGMA quick_check(5)").joined(separator: "; ") : "ok"
            let bytes = db.isSQLite
                ? (try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0) * (try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
                : try Int64.fetchOne(db, sql: """
                    SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'
                    """) ?? 0
            // An administrator of every county the database keeps (a county's own database) counts it whole, as before.
            let kept = try admin.map { try Self.keptCounties($0, db) }
            let matters = try kept.map { try Self.startedIn($0, db) } ?? "TRUE"
            let whole = matters == "TRUE"
            let orgs = whole ? "TRUE" : "organisation.county IN \(Self.list(kept ?? []))"
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return Health(
                path: path, integrity: integrity,
                journalMode: db.isSQLite ? try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" : "postgresql",
                organisations: try count("SELECT COUNT(*) FROM organisation WHERE \(orgs)"),
                users: try count("SELECT COUNT(*) FROM user_account JOIN organisation ON organisation.id = user_account.org_id WHERE \(orgs)"),
                matters: try count("SELECT COUNT(*) FROM matter WHERE \(matters)"),
                openMatters: try count("SELECT COUNT(*) FROM matter WHERE state NOT IN ('closed','withdrawn') AND \(matters)"),
                // The whole log, or (an administrator's) its counties' matters' events.
                events: try count(whole ? "SELECT COUNT(*) FROM event" : """
                    SELECT COUNT(*) FROM event WHERE event.matter_id IN (SELECT id FROM matter WHERE \(matters))
                    """),
                bytes: bytes, lastAudit: try Self.lastAudit(db))
        }
    }
}
