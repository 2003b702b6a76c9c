import GRDB
import OversightDomain

// Plain records: one struct per table, columns as SQLite holds them. Turning a record into a domain
// value checks every column; a value that does not decode is an error naming the table, row and
// column, never a default.

struct OrganisationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "organisation"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: String
    var name: String
    var party: String
    var domains: String
    var code: String
    var active: Bool

    init(_ o: Organisation) {
        id = o.id
        name = o.name
        party = o.party.rawValue
        domains = o.domains.map(\.rawValue).joined(separator: ",")
        code = o.code
        active = o.active
    }

    private enum CodingKeys: String, CodingKey { case id, name, party, domains, code, active }

    /// `active` came with v10: the migrations before it read organisations without it (all in use then).
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        party = try c.decode(String.self, forKey: .party)
        domains = try c.decode(String.self, forKey: .domains)
        code = try c.decode(String.self, forKey: .code)
        active = try c.decodeIfPresent(Bool.self, forKey: .active) ?? true
    }

    func domain() throws -> Organisation {
        let d = ColumnReader(table: Self.databaseTableName, row: id)
        return Organisation(
            id: id, name: name, party: try d.value(Party.self, party, "party"),
            domains: try d.list(DomainArea.self, domains, "domains"), code: code, active: active)
    }
}

struct UserRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "user_account"
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

struct MatterRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "matter"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var number: String
    var kind: String
    var title: String
    var domain: String
    var fromOrg: String
    var toOrg: String
    var subjectOrg: String?
    var state: String
    var createdOn: String
    var issuedOn: String?
    var servedOn: String?
    var due: String?
    var repliedOn: String?
    var closedOn: String?
    var scheduledOn: String?
    var summary: String
    var variant: String?
    var urgentAmount: Int?
    var urgentUnit: String?
    var outcome: String?
    var rectification: String?
    var escalations: String
    var version: Int

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(_ m: Matter) {
        id = m.id == 0 ? nil : m.id
        number = m.number
        kind = m.kind.rawValue
        title = m.title
        domain = m.domain.rawValue
        fromOrg = m.fromOrg
        toOrg = m.toOrg
        subjectOrg = m.subjectOrg
        state = m.state.rawValue
        createdOn = m.createdOn.description
        issuedOn = m.issuedOn?.description
        servedOn = m.servedOn?.description
        due = m.due?.description
        repliedOn = m.repliedOn?.description
        closedOn = m.closedOn?.description
        scheduledOn = m.scheduledOn?.description
        summary = m.summary
        variant = m.variant?.rawValue
        urgentAmount = m.urgentPeriod?.amount
        urgentUnit = m.urgentPeriod?.unit.rawValue
        outcome = m.outcome?.rawValue
        rectification = m.rectification?.rawValue
        escalations = (m.escalations ?? []).map(\.rawValue).joined(separator: ",")
        version = m.version
    }

    /// The domain value, with the organisations it was copied to.
    func domain(copiedTo: [OrgID]) throws -> Matter {
        let d = ColumnReader(table: Self.databaseTableName, row: id.map(String.init) ?? "?")
        var m = Matter(
            id: id ?? 0, number: number, kind: try d.value(MatterKind.self, kind, "kind"), title: title,
            domain: try d.value(DomainArea.self, domain, "domain"), fromOrg: fromOrg, toOrg: toOrg,
            subjectOrg: subjectOrg, state: try d.value(MatterState.self, state, "state"),
            createdOn: try d.date(createdOn, "created_on"), servedOn: try d.date(servedOn, "served_on"),
            due: try d.date(due, "due"), repliedOn: try d.date(repliedOn, "replied_on"),
            closedOn: try d.date(closedOn, "closed_on"), summary: summary,
            variant: try d.value(MatterVariant.self, variant, "variant"),
            issuedOn: try d.date(issuedOn, "issued_on"), outcome: try d.value(Outcome.self, outcome, "outcome"),
            rectification: try d.value(Outcome.self, rectification, "rectification"),
            escalations: escalations.isEmpty ? nil : try d.list(EscalationOption.self, escalations, "escalations"),
            copiedTo: copiedTo.isEmpty ? nil : copiedTo, scheduledOn: try d.date(scheduledOn, "scheduled_on"))
        switch (urgentAmount, urgentUnit) {
        case (nil, nil): break
        case (let amount?, let unit?):
            m.urgentPeriod = Period(amount, try d.value(PeriodUnit.self, unit, "urgent_unit"))
        default:
            throw Store.Failure.corruptRow(table: "matter", row: d.row, column: "urgent_amount", value: "\(urgentAmount.map(String.init) ?? "NULL") \(urgentUnit ?? "NULL")")
        }
        guard version > 0 else {
            throw Store.Failure.corruptRow(table: "matter", row: d.row, column: "version", value: String(version))
        }
        m.version = version
        return m
    }
}

struct MatterCopyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "matter_copy"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    var matterId: Int64
    var orgId: String
}

/// An event of the log. It is read like the other records but written only by `inserted(_:)`, with its place in
/// the audit chain (`AuditChain.append`): there is no other way to insert one.
struct EventRecord: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "event"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

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

    enum CodingKeys: String, CodingKey {
        case id, matterId, onDate, actor, action, text, documentNumber, stateAfter, outcome, escalation, dueAfter
    }

    /// Appends this event to the log, chained to the one before it (in the caller's write transaction, after the
    /// matter row it records was written). Returns it with its id.
    @discardableResult
    func inserted(_ db: Database) throws -> EventRecord {
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
            dueAfter: try d.date(dueAfter, "due_after"))
    }
}

/// Reads columns of one row into domain values, naming the row and column of anything that does not fit.
private struct ColumnReader {
    var table: String
    var row: String

    func value<T: RawRepresentable>(_: T.Type, _ raw: String, _ column: String) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: raw) else {
            throw Store.Failure.corruptRow(table: table, row: row, column: column, value: raw)
        }
        return v
    }

    func value<T: RawRepresentable>(_ type: T.Type, _ raw: String?, _ column: String) throws -> T? where T.RawValue == String {
        guard let raw else { return nil }
        return try value(type, raw, column) as T
    }

    func list<T: RawRepresentable>(_ type: T.Type, _ raw: String, _ column: String) throws -> [T] where T.RawValue == String {
        if raw.isEmpty { return [] }
        return try raw.split(separator: ",", omittingEmptySubsequences: false).map { try value(type, String($0), column) as T }
    }

    func date(_ raw: String, _ column: String) throws -> CivilDate {
        guard let d = CivilDate(raw), d.description == raw else {
            throw Store.Failure.corruptRow(table: table, row: row, column: column, value: raw)
        }
        return d
    }

    func date(_ raw: String?, _ column: String) throws -> CivilDate? {
        guard let raw else { return nil }
        return try date(raw, column) as CivilDate
    }
}
