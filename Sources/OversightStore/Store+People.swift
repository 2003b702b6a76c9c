import GRDB
import OversightDomain

extension Store {
    public func organisations() throws -> [Organisation] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM organisation ORDER BY rowid").map(Self.organisation)
        }
    }

    public func users() throws -> [User] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM user_account ORDER BY rowid").map(Self.user)
        }
    }

    /// The active user `name` with their organisation: who is looking.
    public func viewer(_ name: String) throws -> Viewer {
        let found = try pool.read { db -> (User, Organisation)? in
            guard let u = try Row.fetchOne(db, sql: "SELECT * FROM user_account WHERE name = ?", arguments: [name]),
                  let o = try Row.fetchOne(db, sql: "SELECT * FROM organisation WHERE id = ?", arguments: [u["org_id"] as String])
            else { return nil }
            return (Self.user(u), Self.organisation(o))
        }
        guard let (user, org) = found else { throw Failure.unknownUser(name) }
        guard user.active else { throw Failure.disabledUser(name) }
        return Viewer(user: user, org: org)
    }

    /// Adds an organisation, recording who did it.
    public func add(_ org: Organisation, by actor: UserName, on date: CivilDate) throws {
        try pool.write { db in
            try Self.insert(org, db)
            try Self.append(db, matter: nil, on: date, actor: actor, action: "org-add", text: org.id, state: nil)
        }
    }

    // MARK: - Rows

    static func insert(_ org: Organisation, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO organisation (id, name, party, domains) VALUES (?, ?, ?, ?)",
            arguments: [org.id, org.name, org.party.rawValue, org.domains.map(\.rawValue).joined(separator: ",")])
    }

    static func insert(_ user: User, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO user_account (name, display_name, org_id, role, active) VALUES (?, ?, ?, ?, ?)",
            arguments: [user.name, user.displayName, user.org, user.role.rawValue, user.active])
    }

    static func organisation(_ row: Row) -> Organisation {
        let domains: String = row["domains"]
        return Organisation(
            id: row["id"], name: row["name"], party: Party(rawValue: row["party"]) ?? .external,
            domains: domains.split(separator: ",").compactMap { DomainArea(rawValue: String($0)) })
    }

    static func user(_ row: Row) -> User {
        User(name: row["name"], displayName: row["display_name"], org: row["org_id"],
             role: Role(rawValue: row["role"]) ?? .handler, active: row["active"])
    }

    /// Appends one event to the log. Called inside the write transaction that made the change.
    @discardableResult
    static func append(
        _ db: Database, matter: MatterID?, on date: CivilDate, actor: UserName, action: String,
        text: String, document: String? = nil, state: MatterState?
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO event (matter_id, on_date, actor, action, text, document_number, state_after)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [matter, date.description, actor, action, text, document, state?.rawValue])
        return db.lastInsertedRowID
    }
}
