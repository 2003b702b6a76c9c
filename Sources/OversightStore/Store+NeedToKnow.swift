import GRDB
import OversightDomain

/// Need to know (Art. 10): a clue referral is open, in its sending organisation, to its heads and to the people it
/// names (`Matter.knownTo`: its author, then those the author shared it with, `--share`), one row each in
/// `matter_reader`, written by `create` in the matter's transaction. The access SQL's `knownToViewer` reads it; the
/// inbox index keeps such a matter's rows under its heads' and each named person's range (`InboxOrder.reader`).
extension Store {
    /// Migration `v18-need-to-know`: the table of the people a need-to-know matter names (by name, as the log names
    /// its actors: an imported history's need not be people here); the inbox index's organisation column freed of its
    /// reference to `organisation` (a range is now an organisation's, its heads' or one person's); then its data.
    static func migrateToNeedToKnow(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE matter_reader (
                matter_id INTEGER NOT NULL REFERENCES matter(id),
                user_name TEXT NOT NULL CHECK (user_name <> ''),
                position INTEGER NOT NULL CHECK (position >= 0),
                PRIMARY KEY (matter_id, user_name),
                UNIQUE (matter_id, position)
            ) WITHOUT ROWID;
            -- (The primary key's columns lead: SQLite 3.40's quick_check wrongly reports a NULL in a WITHOUT ROWID
            -- table whose last column is a key column after another NOT NULL one.)
            """)
        try Schema.remake("inbox_entry", as: "inbox_entry_v18", replacing: "org_id TEXT NOT NULL REFERENCES organisation(id)",
                          with: "org_id TEXT NOT NULL", db)
        try migrateToNeedToKnowData(db)
    }

    /// v18's data: each need-to-know matter names its author (the actor of its `create` event) when it names no one,
    /// and its index rows are written anew under the ranges that may see it.
    static func migrateToNeedToKnowData(_ db: Database) throws {
        let kinds = Workflow.needToKnowKinds.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
        try db.execute(sql: """
            INSERT OR IGNORE INTO matter_reader (matter_id, user_name, position)
                SELECT matter.id, event.actor, 0 FROM matter JOIN event ON event.matter_id = matter.id AND event.action = 'create'
                WHERE matter.kind IN (\(kinds)) AND NOT EXISTS (SELECT 1 FROM matter_reader r WHERE r.matter_id = matter.id)
            """)
        let referrals = try MatterRecord.fetchAll(db, sql: "SELECT * FROM matter WHERE kind IN (\(kinds)) ORDER BY id")
        let connection = StoreConnection(db)
        for m in try decode(referrals, connection) { try InboxIndex.refresh(m, connection) }
    }

    /// The people each need-to-know matter of `matters` names, in order (one query per 500 of them; none for a page
    /// without such a matter).
    static func knownTo(of matters: [Matter], _ db: StoreConnection) throws -> [MatterID: [UserName]] {
        let ids = matters.filter { Workflow.needToKnowKinds.contains($0.kind) }.map(\.id)
        var found: [MatterID: [UserName]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for row in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT matter_id, user_name FROM matter_reader WHERE matter_id IN (\(marks)) ORDER BY matter_id, position"),
                arguments: StatementArguments(databaseValues: chunk.map { $0.databaseValue })) {
                found[row["matter_id"], default: []].append(row["user_name"])
            }
            for id in chunk where found[id] == nil { found[id] = [] }
        }
        return found
    }

    /// Writes the people a new matter names (in `create`'s transaction).
    static func writeKnownTo(of m: Matter, _ db: StoreConnection) throws {
        for (position, name) in (m.knownTo ?? []).enumerated() {
            try db.cachedStatement(sql: "INSERT INTO matter_reader (matter_id, position, user_name) VALUES (?, ?, ?)")
                .execute(arguments: [m.id, position, name])
        }
    }

    /// The people `names` (`--share`): each a login, or the display name of one person of `org`; or the refusal
    /// naming the first that is neither (as one that is not a colleague: whether a name exists elsewhere is not said).
    /// The workflow checks that each is an active colleague.
    static func sharedWith(_ names: [String], of org: OrgID, _ db: StoreConnection) throws -> [User] {
        try names.map { name in
            if let u = try UserRecord.fetchOne(db, key: name)?.domain() { return u }
            let named = try UserRecord.fetchAll(
                db, sql: "SELECT * FROM user_account WHERE display_name = ? AND org_id = ?", arguments: [name, org])
            guard named.count == 1 else { throw Refusal.workflow(.invalidInput(.shareNotColleague(name))) }
            return try named[0].domain()
        }
    }
}
