import GRDB
import OversightDomain

extension Store {
    public func organisations() throws -> [Organisation] {
        try writer.read { db in
            try OrganisationRecord.fetchAll(db, sql: "SELECT * FROM organisation ORDER BY rowid").map { try $0.domain() }
        }
    }

    public func users() throws -> [User] {
        try writer.read { db in
            try UserRecord.fetchAll(db, sql: "SELECT * FROM user_account ORDER BY rowid").map { try $0.domain() }
        }
    }

    /// The active user `name` with their organisation: who is looking.
    public func viewer(_ name: String) throws -> Viewer {
        let found = try writer.read { db -> (User, Organisation)? in
            guard let u = try UserRecord.fetchOne(db, key: name)?.domain(),
                  let o = try OrganisationRecord.fetchOne(db, key: u.org)?.domain()
            else { return nil }
            return (u, o)
        }
        guard let (user, org) = found else { throw Failure.unknownUser(name) }
        guard user.active else { throw Failure.disabledUser(name) }
        return Viewer(user: user, org: org)
    }

    /// Whether the database holds no organisation yet (a new file).
    public func isEmpty() throws -> Bool {
        try writer.read { db in try OrganisationRecord.fetchCount(db) == 0 }
    }

    /// Fills a new, empty database with `organisations` and `admin` as administrator of the one whose party
    /// is `admin`, recording who did it. Refused if the database already holds organisations.
    public func initialise(organisations: [Organisation], admin: UserName, on date: CivilDate) throws {
        try writer.write { db in
            guard try OrganisationRecord.fetchCount(db) == 0 else { throw Failure.alreadyExists(path) }
            try Self.initialise(organisations: organisations, admin: admin, on: date, db)
        }
    }

    static func initialise(organisations: [Organisation], admin: UserName, on date: CivilDate, _ db: Database) throws {
        for o in organisations { try OrganisationRecord(o).insert(db) }
        guard let adminOrg = organisations.first(where: { $0.party == .admin }) else {
            throw Failure.cannotOpen(":memory:", "the organisations name no administration unit (party admin)")
        }
        try UserRecord(User(name: admin, displayName: admin, org: adminOrg.id, role: .admin)).insert(db)
        _ = try EventRecord(system: "init", on: date, actor: admin, text: "\(organisations.count) organisations; administrator \(admin)").inserted(db)
    }

    /// Adds an organisation, recording who did it.
    public func add(_ org: Organisation, by actor: UserName, on date: CivilDate) throws {
        try writer.write { db in
            try OrganisationRecord(org).insert(db)
            _ = try EventRecord(system: "org-add", on: date, actor: actor, text: org.id).inserted(db)
        }
    }

    /// Adds a person, recording who did it.
    public func add(_ user: User, by actor: UserName, on date: CivilDate) throws {
        try writer.write { db in
            try UserRecord(user).insert(db)
            _ = try EventRecord(system: "user-add", on: date, actor: actor, text: user.name).inserted(db)
        }
    }
}

/// How the database stands, for the administrator's screen.
public struct Health: Hashable, Sendable {
    public var path: String
    /// "ok", or the first problems SQLite's integrity check found.
    public var integrity: String
    public var journalMode: String
    public var organisations: Int
    public var users: Int
    public var matters: Int
    public var openMatters: Int
    public var events: Int
    public var bytes: Int64
    /// The last `oversight audit verify` (when, intact or the first bad event), if one was recorded.
    public var lastAudit: AuditRecord?
}

extension Store {
    public func health() throws -> Health {
        try writer.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check(5)").joined(separator: "; ")
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return Health(
                path: path, integrity: integrity,
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                organisations: try OrganisationRecord.fetchCount(db), users: try UserRecord.fetchCount(db),
                matters: try MatterRecord.fetchCount(db),
                openMatters: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matter WHERE state NOT IN ('closed','withdrawn')") ?? 0,
                events: try EventRecord.fetchCount(db), bytes: pages * pageSize, lastAudit: try Self.lastAudit(db))
        }
    }
}
