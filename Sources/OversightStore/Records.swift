import GRDB
import OversightDomain

// Plain records: one struct per table, columns as SQLite holds them. Turning a record into a domain
// value checks every column; a value that does not decode is an error naming the table, row and
// column, never a default.

struct OrganisationRecord: KeyedRecord, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "organisation"
    static let keyColumns = ["id"]
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: String
    var name: String
    var party: String
    var domains: String
    var code: String
    var active: Bool
    /// v15: the steps that need the head's decision; nil is the party's default.
    var signOff: String?
    /// v21: the county it belongs to ('' before).
    var county: String

    init(_ o: Organisation) {
        county = o.county
        id = o.id
        name = o.name
        party = o.party.rawValue
        domains = o.domains.map(\.rawValue).joined(separator: ",")
        code = o.code
        active = o.active
        signOff = o.signOff.stored
    }

    private enum CodingKeys: String, CodingKey { case id, name, party, domains, code, active, signOff, county }

    /// `active` came with v11: the migrations before it read organisations without it (all in use then).
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        party = try c.decode(String.self, forKey: .party)
        domains = try c.decode(String.self, forKey: .domains)
        code = try c.decode(String.self, forKey: .code)
        active = try c.decodeIfPresent(Bool.self, forKey: .active) ?? true
        signOff = try c.decodeIfPresent(String.self, forKey: .signOff)
        county = try c.decodeIfPresent(String.self, forKey: .county) ?? ""
    }

    /// Read by column name, not through `Decodable` (its snake-case key conversion, per row and column, was most of
    /// an organisation's reading, which every write does for the organisations that may see its matter). As the
    /// decoder read it: a column a database has not got yet (`active` before v11, `sign_off` before v15) reads as
    /// absent, a value of the wrong type is an error.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        name = try row.decode(forColumn: "name")
        party = try row.decode(forColumn: "party")
        domains = try row.decode(forColumn: "domains")
        code = try row.decode(forColumn: "code")
        active = try row.decode(Bool?.self, forColumn: "active") ?? true
        signOff = try row.decode(forColumn: "sign_off")
        county = try row.decode(String?.self, forColumn: "county") ?? ""
    }

    func domain() throws -> Organisation {
        let d = ColumnReader(table: Self.databaseTableName, row: id)
        return Organisation(
            id: id, name: name, party: try d.value(Party.self, party, "party"),
            domains: try d.list(DomainArea.self, domains, "domains"), code: code, active: active,
            signOff: try d.signOff(signOff), county: county)
    }
}

struct UserRecord: KeyedRecord, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "user_account"
    static let keyColumns = ["name"]
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var name: String
    var displayName: String
    var orgId: String
    var role: String
    var active: Bool

    init(_ u: User) {
        name = u.name
        displayName = u.displayName
        orgId = u.org
        role = u.role.rawValue
        active = u.active
    }

    func domain() throws -> User {
        let d = ColumnReader(table: Self.databaseTableName, row: name)
        return User(name: name, displayName: displayName, org: orgId, role: try d.value(Role.self, role, "role"), active: active)
    }
}

/// A row of `matter`: the columns of the fields `MatterField.all` keeps there, written from a `Matter` and read back
/// into one by the table (`MatterField.Kept`); the copies are `matter_copy`'s. Written by `insert` and `update`, each
/// one statement prepared once per connection (not a persistence container and its SQL per write).
struct MatterRecord: FetchableRecord, KeyedRecord {
    static let databaseTableName = "matter"
    static let keyColumns = ["id"]

    var id: Int64?
    /// The values of `MatterField.rowColumns`, in that order.
    var values: [DatabaseValue]

    init(row: Row) {
        id = row["id"]
        // A migration that reads matters (v6 rebuilds the inbox from them) runs on a table without the columns later
        // migrations add (v12's `service`, `received_on`): those read as absent. Once open, `SchemaCheck` has
        // checked that every column is there.
        values = MatterField.rowColumns.map { row.hasColumn($0) ? row[$0] as DatabaseValue : .null }
    }

    init(_ m: Matter) {
        id = m.id == 0 ? nil : m.id
        var values: [DatabaseValue] = []
        values.reserveCapacity(MatterField.rowColumns.count)
        for kept in Self.kept { values.append(contentsOf: kept.write(m)) }
        self.values = values
    }

    /// How each field of the row is written and read, and its columns (`MatterField.keptInRow`, taken out once: the
    /// fields are large values, copied on every walk over them).
    private static let kept: [MatterField.Kept] = MatterField.keptInRow.map { $0.kept! }
    private static let keptColumns: [[String]] = MatterField.keptInRow.map(\.storage.columns)

    /// Every column, its id first (NULL: SQLite gives the next).
    private static let insertSQL = """
        INSERT INTO matter (id, \(MatterField.rowColumns.map { "\"\($0)\"" }.joined(separator: ", "))) \
        VALUES (?\(String(repeating: ", ?", count: MatterField.rowColumns.count)))
        """
    /// Every column but the id, by id.
    private static let updateSQL = """
        UPDATE matter SET \(MatterField.rowColumns.map { "\"\($0)\" = ?" }.joined(separator: ", ")) WHERE id = ?
        """

    /// Writes the row (its own id, or the next one SQLite gives, kept in `id`).
    mutating func insert(_ db: StoreConnection) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(databaseValues: [id.databaseValue] + values))
        id = db.lastInsertedRowID
    }

    /// Writes every column of the row `id` over what it held; an id not in the table is an error (nothing written).
    func update(_ db: StoreConnection) throws {
        guard let id else { throw RecordError.recordNotFound(databaseTableName: Self.databaseTableName, key: ["id": .null]) }
        try db.cachedStatement(sql: Self.updateSQL).execute(arguments: StatementArguments(databaseValues: values + [id.databaseValue]))
        guard db.changesCount > 0 else {
            throw RecordError.recordNotFound(databaseTableName: Self.databaseTableName, key: ["id": id.databaseValue])
        }
    }

    /// The domain value, with the organisations it was copied to.
    func domain(copiedTo: [OrgID]) throws -> Matter {
        let d = ColumnReader(table: Self.databaseTableName, row: id.map(String.init) ?? "?")
        var m = Matter(id: id ?? 0, number: "", kind: .suggestion, title: "", domain: .other, fromOrg: "", toOrg: "", state: .draft,
                       createdOn: CivilDate(dayNumber: 0))
        var i = 0
        for (kept, columns) in zip(Self.kept, Self.keptColumns) {
            try kept.read(&m, values, i, columns, d)
            i += columns.count
        }
        m.copiedTo = copiedTo.isEmpty ? nil : copiedTo
        return m
    }
}

struct MatterCopyRecord: KeyedRecord, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "matter_copy"
    static let keyColumns = ["matter_id", "org_id"]
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    var matterId: Int64
    var orgId: String

    /// Read by column name, not through `Decodable` (every read of a matter reads its copies).
    init(row: Row) throws {
        matterId = try row.decode(forColumn: "matter_id")
        orgId = try row.decode(forColumn: "org_id")
    }

    init(matterId: Int64, orgId: String) {
        self.matterId = matterId
        self.orgId = orgId
    }
}

/// An event of the log. It is read like the other records but written only by `inserted(_:)`, with its place in
/// the audit chain (`AuditChain.append`, which takes its columns from the record's encoding): there is no other way
/// to insert one.
struct EventRecord: Codable, FetchableRecord, EncodableRecord, TableRecord {
    static let databaseTableName = "event"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var matterId: Int64?
    var onDate: String
    var actor: String
    var action: String
    var text: String
    var documentNumber: String?
    var stateAfter: String?
    var outcome: String?
    var escalation: String?
    var dueAfter: String?
    /// `serve`: how it was served, and the receipt's day (migration v12; outside the audit chain's version 1).
    var service: String?
    var receivedOn: String?

    enum CodingKeys: String, CodingKey {
        case id, matterId, onDate, actor, action, text, documentNumber, stateAfter, outcome, escalation, dueAfter, service, receivedOn
    }

    /// Read by column name, not through `Decodable` (whose snake-case key conversion, per row and column, was a
    /// third of an export's time). A column a database has not got yet (before v12: `service`, `received_on`) reads
    /// as absent, as the decoder read it; a value of the wrong type is an error, as it was.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        matterId = try row.decode(forColumn: "matter_id")
        onDate = try row.decode(forColumn: "on_date")
        actor = try row.decode(forColumn: "actor")
        action = try row.decode(forColumn: "action")
        text = try row.decode(forColumn: "text")
        documentNumber = try row.decode(forColumn: "document_number")
        stateAfter = try row.decode(forColumn: "state_after")
        outcome = try row.decode(forColumn: "outcome")
        escalation = try row.decode(forColumn: "escalation")
        dueAfter = try row.decode(forColumn: "due_after")
        service = try row.decode(forColumn: "service")
        receivedOn = try row.decode(forColumn: "received_on")
    }

    /// The columns of its properties, each a property's name in snake case.
    static let columns = ["id", "matter_id", "on_date", "actor", "action", "text", "document_number", "state_after", "outcome",
                          "escalation", "due_after", "service", "received_on"]

    /// The value of one of its `columns` (nil: not one of them), as `Encodable` wrote it: nil as `NULL`. Read by name,
    /// not through the encoder, whose snake-case key conversion was a large part of appending an event.
    func value(ofColumn column: String) -> DatabaseValue? {
        switch column {
        case "id": id.databaseValue
        case "matter_id": matterId.databaseValue
        case "on_date": onDate.databaseValue
        case "actor": actor.databaseValue
        case "action": action.databaseValue
        case "text": text.databaseValue
        case "document_number": documentNumber.databaseValue
        case "state_after": stateAfter.databaseValue
        case "outcome": outcome.databaseValue
        case "escalation": escalation.databaseValue
        case "due_after": dueAfter.databaseValue
        case "service": service.databaseValue
        case "received_on": receivedOn.databaseValue
        default: nil
        }
    }

    func encode(to container: inout PersistenceContainer) {
        for column in Self.columns { container[column] = value(ofColumn: column) }
    }

    /// Appends this event to the log, chained to the one before it (in the caller's write transaction, after the
    /// matter row it records was written). Returns it with its id.
    @discardableResult
    func inserted(_ db: StoreConnection) throws -> EventRecord {
        var e = self
        e.id = try AuditChain.append(self, db)
        return e
    }

    init(_ e: MatterEvent) {
        id = nil
        matterId = e.matterID
        onDate = e.on.description
        actor = e.actor
        action = e.action.rawValue
        text = e.text
        documentNumber = e.documentNumber
        stateAfter = e.stateAfter.rawValue
        outcome = e.outcome?.rawValue
        escalation = e.escalation?.rawValue
        dueAfter = e.dueAfter?.description
        service = e.service?.rawValue
        receivedOn = e.receivedOn?.description
    }

    /// A system event: it belongs to no matter (people, organisations, seeding).
    init(system action: String, on date: CivilDate, actor: UserName, text: String) {
        id = nil
        matterId = nil
        onDate = date.description
        self.actor = actor
        self.action = action
        self.text = text
    }

    func domain() throws -> MatterEvent {
        let d = ColumnReader(table: Self.databaseTableName, row: id.map(String.init) ?? "?")
        guard let matterId else {
            throw Store.Failure.corruptRow(table: "event", row: d.row, column: "matter_id", value: "NULL")
        }
        guard let stateAfter else {
            throw Store.Failure.corruptRow(table: "event", row: d.row, column: "state_after", value: "NULL")
        }
        return MatterEvent(
            id: id ?? 0, matterID: matterId, on: try d.date(onDate, "on_date"), actor: actor,
            action: try d.value(EventAction.self, action, "action"), text: text, documentNumber: documentNumber,
            stateAfter: try d.value(MatterState.self, stateAfter, "state_after"),
            outcome: try d.value(Outcome.self, outcome, "outcome"),
            escalation: try d.value(EscalationOption.self, escalation, "escalation"),
            dueAfter: try d.date(dueAfter, "due_after"),
            service: try d.value(ServiceMethod.self, service, "service"),
            receivedOn: try d.date(receivedOn, "received_on"))
    }
}

extension ColumnReader {
    /// An organisation's sign-off setting (v15): nil the party's default, else step names.
    func signOff(_ raw: String?) throws -> SignOff {
        guard let s = SignOff(stored: raw) else {
            throw Store.Failure.corruptRow(table: table, row: row, column: "sign_off", value: raw ?? "")
        }
        return s
    }
}

extension StatementArguments {
    /// Arguments of values already converted. (GRDB's generic initialiser maps its sequence through a key path, made
    /// anew on every call: a measurable part of each write's matter row and event.)
    init(databaseValues values: [DatabaseValue]) {
        self.init(values.lazy.map { $0 as (any DatabaseValueConvertible)? })
    }
}
