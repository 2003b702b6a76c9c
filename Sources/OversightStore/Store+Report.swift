import GRDB
import OversightDomain

extension Store {
    /// The figures `viewer` may see over `period` ("overdue now" as of `today`): its share (`readableMatters`, the
    /// county's whole for an administrator) and, for a reader of the county view, the county's figures
    /// (`countyFigures`). What `oversight report` and the workbench's reports pane both show.
    public func report(for viewer: Viewer, period: ReportPeriod, today: CivilDate) throws -> Report {
        let matters = try readableMatters(for: viewer)
        let plans = Set(matters.filter(\.isAnnualPlan).map(\.id))
        var report = Report(matters, period: period, today: today, links: plans.isEmpty ? [] : try planLinks(Array(plans)))
        report.county = try countyFigures(for: viewer, period: period, today: today)
        return report
    }

    /// The links to the annual plans `plans` (matter, followed), ids only: `Report` keeps those whose follower the
    /// reader may see (it is among the matters it was given), so an item the viewer may not see is not counted.
    func planLinks(_ plans: [MatterID]) throws -> [(matter: MatterID, follows: MatterID)] {
        try writer.read { db in
            let marks = plans.map { _ in "?" }.joined(separator: ",")
            return try Row.fetchAll(
                db, sql: "SELECT matter_id, follows_id FROM matter_link WHERE follows_id IN (\(marks)) ORDER BY matter_id",
                arguments: StatementArguments(plans)
            ).map { (matter: $0["matter_id"], follows: $0["follows_id"]) }
        }
    }

    /// The county view (`CountyFigures`) for `viewer`, or nil unless it is an active person of an organisation
    /// whose party reads it (`CountyFigures.readers`: the justice bureau), as the database says now (checked inside
    /// the read: a disabled person, or one moved to another organisation, gets none).
    ///
    /// Counts only: the one read of matters takes the columns the figures are made of (kind, state, organisations,
    /// dates, outcome, escalations) and never a title, summary or document number; the suggestions are counted here
    /// and only the figures leave the store.
    public func countyFigures(for viewer: Viewer, period: ReportPeriod, today: CivilDate) throws -> CountyFigures? {
        try writer.read { db in
            guard let user = try UserRecord.fetchOne(db, key: viewer.user.name), user.active, user.orgId == viewer.org.id,
                  let org = try OrganisationRecord.fetchOne(db, key: user.orgId)?.domain(),
                  CountyFigures.readers.contains(org.party)
            else { return nil }
            let departments = try String.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM organisation WHERE party = ? ORDER BY id"), arguments: [Party.department.rawValue])
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id, kind, state, domain, from_org, to_org, subject_org, created_on, issued_on, served_on, due,
                        replied_on, closed_on, outcome, escalations
                    FROM matter WHERE (\(Self.sql(CountyFigures.counted))) AND created_on BETWEEN :from AND :to
                    """),
                arguments: ["from": period.from.description, "to": period.to.description])
            return CountyFigures(try rows.map(Self.countedMatter), departments: departments, period: period, today: today)
        }
    }

    /// A matter of the county view from its counted columns: no title, summary or number (left empty).
    private static func countedMatter(_ row: Row) throws -> Matter {
        let id: Int64 = row["id"]
        func fail(_ column: String, _ value: String?) -> Failure {
            .corruptRow(table: "matter", row: String(id), column: column, value: value ?? "NULL")
        }
        func value<T: RawRepresentable>(_: T.Type, _ column: String) throws -> T? where T.RawValue == String {
            guard let raw: String = row[column] else { return nil }
            guard let v = T(rawValue: raw) else { throw fail(column, raw) }
            return v
        }
        func required<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
            guard let v = try value(type, column) else { throw fail(column, nil) }
            return v
        }
        func date(_ column: String) throws -> CivilDate? {
            guard let raw: String = row[column] else { return nil }
            guard let d = CivilDate(raw), d.description == raw else { throw fail(column, raw) }
            return d
        }
        guard let created = try date("created_on") else { throw fail("created_on", nil) }
        let escalations: String = row["escalations"] ?? ""
        return Matter(
            id: id, number: "", kind: try required(MatterKind.self, "kind"), title: "",
            domain: try required(DomainArea.self, "domain"), fromOrg: row["from_org"], toOrg: row["to_org"],
            subjectOrg: row["subject_org"], state: try required(MatterState.self, "state"), createdOn: created,
            servedOn: try date("served_on"), due: try date("due"), repliedOn: try date("replied_on"),
            closedOn: try date("closed_on"), issuedOn: try date("issued_on"), outcome: try value(Outcome.self, "outcome"),
            escalations: escalations.isEmpty ? nil : try escalations.split(separator: ",", omittingEmptySubsequences: false).map {
                guard let e = EscalationOption(rawValue: String($0)) else { throw fail("escalations", escalations) }
                return e
            })
    }
}
