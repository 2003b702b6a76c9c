import GRDB
import OversightDomain

/// A matter's invited organisations and their answers (`Invitee`): one row each in `matter_invitee`, written by the
/// write path in the matter's transaction (made by `create`, an answer by `act`). A matter with one addressee has
/// none; its `to_org` is the first invitee of one that has.
struct MatterInviteeRecord: KeyedRecord, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "matter_invitee"
    static let keyColumns = ["matter_id", "org"]
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    var matterId: Int64
    /// Its place among the matter's invitees (0 is the matter's `to_org`).
    var position: Int
    var org: String
    var answer: String
    var attendance: String?
    var answeredBy: String?
    var answeredAt: String?

    init(matter: MatterID, position: Int, _ i: Invitee) {
        matterId = matter
        self.position = position
        org = i.org
        answer = i.answer.rawValue
        attendance = i.attendance
        answeredBy = i.answeredBy
        answeredAt = i.answeredOn?.description
    }

    func domain() throws -> Invitee {
        let d = ColumnReader(table: Self.databaseTableName, row: "\(matterId)/\(org)")
        return Invitee(
            org: org, answer: try d.value(InviteeAnswer.self, answer, "answer"), attendance: attendance,
            answeredBy: answeredBy, answeredOn: try answeredAt.map { try d.date($0, "answered_at") })
    }
}

extension Store {
    /// Migration `v16-invitees`: the table of invitees.
    static func migrateToInvitees(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE matter_invitee (
                matter_id INTEGER NOT NULL REFERENCES matter(id),
                position INTEGER NOT NULL CHECK (position >= 0),
                org TEXT NOT NULL REFERENCES organisation(id),
                answer TEXT NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending','accepted','declined')),
                attendance TEXT,
                answered_by TEXT,
                answered_at TEXT CHECK (answered_at IS NULL OR answered_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                PRIMARY KEY (matter_id, org),
                UNIQUE (matter_id, position),
                CHECK ((answer = 'pending') = (answered_by IS NULL)),
                CHECK ((answered_by IS NULL) = (answered_at IS NULL))
            ) WITHOUT ROWID;
            CREATE INDEX matter_invitee_org ON matter_invitee(org, matter_id);
            """)
    }

    /// The invitees of the matters `ids`, each in its order (one query per 500).
    static func invitees(of ids: [MatterID], _ db: StoreConnection) throws -> [MatterID: [Invitee]] {
        var found: [MatterID: [Invitee]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for r in try MatterInviteeRecord.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM matter_invitee WHERE matter_id IN (\(marks)) ORDER BY matter_id, position"),
                arguments: StatementArguments(databaseValues: chunk.map { $0.databaseValue })) {
                found[r.matterId, default: []].append(try r.domain())
            }
        }
        return found
    }

    /// Writes `m`'s invitees as they now stand (in the write path's transaction): each row whose answer changed.
    static func writeInvitees(of m: Matter, was old: Matter?, _ db: StoreConnection) throws {
        guard let invitees = m.invitees, invitees != old?.invitees else { return }
        for (position, i) in invitees.enumerated() where old?.invitee(i.org) != i {
            try MatterInviteeRecord(matter: m.id, position: position, i).save(db)
        }
    }
}
