import GRDB
import OversightDomain

extension Store {
    /// The matters `viewer` may see: open ones (or all with `includeClosed`), nearest deadline first.
    public func matters(for viewer: Viewer, includeClosed: Bool = false) throws -> [Matter] {
        guard let filter = Self.visibility(viewer) else { return [] }
        let open = includeClosed ? "" : " AND state NOT IN ('closed','withdrawn')"
        return try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM matter WHERE (\(filter.sql))\(open) ORDER BY due IS NULL, due, id",
                arguments: filter.arguments
            ).map(Self.matter)
        }
    }

    /// How many matters `viewer` may see, closed ones included.
    public func countMatters(for viewer: Viewer) throws -> Int {
        guard let filter = Self.visibility(viewer) else { return 0 }
        return try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matter WHERE \(filter.sql)", arguments: filter.arguments) ?? 0
        }
    }

    /// One matter, if `viewer` may see it (nil otherwise: unknown and forbidden look the same).
    public func matter(_ id: MatterID, for viewer: Viewer) throws -> Matter? {
        guard let filter = Self.visibility(viewer) else { return nil }
        return try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM matter WHERE id = ? AND (\(filter.sql))",
                             arguments: [id] + filter.arguments).map(Self.matter)
        }
    }

    /// The history of a matter `viewer` may see, oldest first.
    public func events(of id: MatterID, for viewer: Viewer) throws -> [MatterEvent] {
        guard let filter = Self.visibility(viewer) else { return [] }
        return try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT event.* FROM event JOIN matter ON matter.id = event.matter_id
                    WHERE event.matter_id = ? AND (\(filter.sql)) ORDER BY event.id
                    """,
                arguments: [id] + filter.arguments
            ).map(Self.event)
        }
    }

    /// Inserts a new matter with its history, all in one transaction. Returns its id.
    @discardableResult
    public func insert(_ matter: Matter, history: [MatterEvent]) throws -> MatterID {
        try pool.write { db in try Self.insert(matter, history: history, db) }
    }

    @discardableResult
    static func insert(_ m: Matter, history: [MatterEvent], _ db: Database) throws -> MatterID {
        try db.execute(
            sql: """
                INSERT INTO matter (number, kind, title, domain, from_org, to_org, subject_org, state,
                    created_on, served_on, due, replied_on, closed_on, summary,
                    variant, urgent_amount, urgent_unit, issued_on, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                m.number, m.kind.rawValue, m.title, m.domain.rawValue, m.fromOrg, m.toOrg, m.subjectOrg,
                m.state.rawValue, m.createdOn.description, m.servedOn?.description, m.due?.description,
                m.repliedOn?.description, m.closedOn?.description, m.summary,
                m.variant?.rawValue, m.urgentPeriod?.amount, m.urgentPeriod?.unit.rawValue,
                m.issuedOn?.description, m.outcome?.rawValue,
            ])
        let id = db.lastInsertedRowID
        for e in history {
            try append(db, matter: id, on: e.on, actor: e.actor, action: e.action, text: e.text,
                       document: e.documentNumber, state: e.stateAfter)
        }
        return id
    }

    // MARK: - Access, in SQL

    /// The SQL form of `AccessPolicy.canSee` (a test checks that the two agree), or nil when the
    /// viewer may see no matter at all.
    static func visibility(_ viewer: Viewer) -> (sql: String, arguments: StatementArguments)? {
        let org = viewer.org.id
        switch viewer.party {
        case .admin, .external:
            return nil
        case .procuratorate, .justice:
            return ("(matter.kind = 'referral' AND matter.from_org = ?) OR (matter.kind <> 'referral' AND (matter.from_org = ? OR matter.to_org = ?))",
                    [org, org, org])
        case .department:
            return ("(matter.kind = 'referral' AND matter.from_org = ?) OR (matter.kind <> 'referral' AND (matter.from_org = ? OR matter.to_org = ? OR matter.subject_org = ?))",
                    [org, org, org, org])
        }
    }

    // MARK: - Rows

    static func matter(_ row: Row) -> Matter {
        var m = Matter(
            id: row["id"], number: row["number"], kind: MatterKind(rawValue: row["kind"]) ?? .meeting,
            title: row["title"], domain: DomainArea(rawValue: row["domain"]) ?? .other,
            fromOrg: row["from_org"], toOrg: row["to_org"], subjectOrg: row["subject_org"],
            state: MatterState(rawValue: row["state"]) ?? .draft,
            createdOn: date(row["created_on"]) ?? CivilDate(year: 1970, month: 1, day: 1)!,
            servedOn: date(row["served_on"]), due: date(row["due"]), repliedOn: date(row["replied_on"]),
            closedOn: date(row["closed_on"]), summary: row["summary"])
        m.variant = (row["variant"] as String?).flatMap(MatterVariant.init)
        if let amount: Int = row["urgent_amount"], let unit = (row["urgent_unit"] as String?).flatMap(PeriodUnit.init) {
            m.urgentPeriod = Period(amount, unit)
        }
        m.issuedOn = date(row["issued_on"])
        m.outcome = (row["outcome"] as String?).flatMap(Outcome.init)
        return m
    }

    static func event(_ row: Row) -> MatterEvent {
        MatterEvent(
            id: row["id"], matterID: row["matter_id"], on: date(row["on_date"]) ?? CivilDate(year: 1970, month: 1, day: 1)!,
            actor: row["actor"], action: row["action"], text: row["text"], documentNumber: row["document_number"],
            stateAfter: MatterState(rawValue: row["state_after"] ?? "") ?? .draft)
    }

    static func date(_ text: String?) -> CivilDate? { text.flatMap(CivilDate.init) }
}
