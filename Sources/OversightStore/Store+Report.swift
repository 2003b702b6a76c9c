import GRDB
import OversightDomain

extension Store {
    /// The figures `viewer` may see over `period` ("overdue now" as of `today`): its share (the matters it may read,
    /// `readableMatters`; the county's whole for an active administrator) and, for a reader of the county view, the
    /// county's figures (`countyFigures`). What `oversight report` and the workbench's reports pane both show.
    ///
    /// One read: the period's matters the viewer may see, through the same access condition as every read of a
    /// matter (`visibility`), counted as the cursor yields them from the columns the figures are made of (no title,
    /// summary or history is read, no matter is held); the period's annual plans and the items that follow them are
    /// then read whole (they are few), each item only if the viewer may see it.
    public func report(for viewer: Viewer, period: ReportPeriod, today: CivilDate) throws -> Report {
        var report = Report(period: period, today: today)
        try read { db in
            // `filter`: what the viewer may read (the plans' progress); `counted`: what its figures count.
            let filter: (sql: String, arguments: StatementArguments)
            var counted: String
            if viewer.party == .admin {
                filter = (try Self.startedIn(try Self.keptCounties(viewer, db), db), [:])
                counted = filter.sql
            } else {
                guard let f = Self.visibility(viewer) else { return }
                filter = f
                counted = f.sql
                // A city's body counts, beside what it may read, the issued matters of the counties under its city
                // (no clue referral: those are their sender's alone); counts only, no matter leaves the store.
                let counties = try Self.counties(db)
                if let county = try OrganisationRecord.fetchOne(db, key: viewer.org.id)?.county, counties[county]?.level == .city {
                    counted = "(\(f.sql)) OR (\(try Self.startedIn(counties.within(county), db)) AND \(Self.sql(Report.cityCounts)))"
                }
            }
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT \(Self.countedColumns) FROM matter
                    WHERE matter.created_on BETWEEN :from AND :to AND (\(counted))
                    """),
                arguments: filter.arguments + ["from": period.from.description, "to": period.to.description])
            var plans: [MatterID] = []
            while let row = try rows.next() {
                let m = try Self.countedMatter(row)
                report.count(m)
                if m.isAnnualPlan { plans.append(m.id) }
            }
            guard !plans.isEmpty else { return }
            let links = try Self.planLinks(plans, db)
            let plan = try Self.readable(plans, filter, db), items = try Self.readable(links.map(\.matter), filter, db)
            let followers = Dictionary(grouping: links, by: \.follows)
            report.plans = Report.progress(Array(plan.values)) { p in (followers[p.id] ?? []).compactMap { items[$0.matter] } }
        }
        report.county = try countyFigures(for: viewer, period: period, today: today)
        return report
    }

    /// The links to the annual plans `plans` (matter, followed), ids only: `report` keeps those whose follower the
    /// reader may see, so an item the viewer may not see is not counted.
    static func planLinks(_ plans: [MatterID], _ db: StoreConnection) throws -> [(matter: MatterID, follows: MatterID)] {
        var links: [(matter: MatterID, follows: MatterID)] = []
        for start in stride(from: 0, to: plans.count, by: 500) {
            let chunk = Array(plans[start..<min(start + 500, plans.count)])
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            links += try Row.fetchAll(
                db, sql: "SELECT matter_id, follows_id FROM matter_link WHERE follows_id IN (\(marks)) ORDER BY matter_id",
                arguments: StatementArguments(chunk)
            ).map { (matter: $0["matter_id"], follows: $0["follows_id"]) }
        }
        return links
    }

    /// Those of `ids` the viewer may see (`filter`, its visibility), read whole, by id.
    private static func readable(_ ids: [MatterID], _ filter: (sql: String, arguments: StatementArguments), _ db: StoreConnection) throws -> [MatterID: Matter] {
        var found: [MatterID: Matter] = [:]
        let unique = Array(Set(ids)).sorted()
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(start + 500, unique.count)])
            var arguments = filter.arguments
            var marks: [String] = []
            for (i, id) in chunk.enumerated() {
                marks.append(":id\(i)")
                arguments += ["id\(i)": id]
            }
            let records = try MatterRecord.fetchAll(
                db, sql: "SELECT * FROM matter WHERE id IN (\(marks.joined(separator: ","))) AND (\(filter.sql))", arguments: arguments)
            for m in try decode(records, db) { found[m.id] = m }
        }
        return found
    }

    /// The county view (`CountyFigures`) for `viewer`, or nil unless it is an active person of an organisation
    /// whose party reads it (`CountyFigures.readers`: the justice bureau), as the database says now (checked inside
    /// the read: a disabled person, or one moved to another organisation, gets none).
    ///
    /// Counts only: the one read of matters takes the columns the figures are made of (kind, state, organisations,
    /// dates, outcome, escalations) and never a title, summary or document number; the suggestions are counted here
    /// and only the figures leave the store.
    public func countyFigures(for viewer: Viewer, period: ReportPeriod, today: CivilDate) throws -> CountyFigures? {
        try read { db in
            guard let user = try UserRecord.fetchOne(db, key: viewer.user.name), user.active, user.orgId == viewer.org.id,
                  let org = try OrganisationRecord.fetchOne(db, key: user.orgId)?.domain(),
                  CountyFigures.readers.contains(org.party)
            else { return nil }
            // Its county's (a city's body: the counties under its city).
            let counties = try Self.counties(db).within(org.county)
            let departments = try String.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM organisation WHERE party = ? AND county IN \(Self.list(counties)) ORDER BY id"),
                arguments: [Party.department.rawValue])
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT \(Self.countedColumns)
                    FROM matter WHERE (\(Self.sql(CountyFigures.counted))) AND \(try Self.startedIn(counties, db))
                    AND created_on BETWEEN :from AND :to
                    """),
                arguments: ["from": period.from.description, "to": period.to.description])
            var suggestions: [Matter] = []
            while let row = try rows.next() { suggestions.append(try Self.countedMatter(row)) }
            return CountyFigures(suggestions, departments: departments, period: period, today: today)
        }
    }

    /// The columns a matter is counted from (`countedMatter` reads them by position, in this order).
    static let countedColumns = """
        matter.id, matter.kind, matter.state, matter.domain, matter.from_org, matter.to_org, matter.subject_org,
        matter.created_on, matter.issued_on, matter.served_on, matter.due, matter.replied_on, matter.closed_on,
        matter.outcome, matter.escalations, matter.variant
        """

    /// A matter as it is counted, from `countedColumns`: no title, summary or number (left empty), no copies,
    /// invitees or readers. Columns by position: a report reads this for every matter of its period.
    static func countedMatter(_ row: Row) throws -> Matter {
        let id: Int64 = row[0]
        func fail(_ column: String, _ value: String?) -> Failure {
            .corruptRow(table: "matter", row: String(id), column: column, value: value ?? "NULL")
        }
        func value<T: RawRepresentable>(_: T.Type, _ index: Int, _ column: String) throws -> T? where T.RawValue == String {
            guard let raw: String = row[index] else { return nil }
            guard let v = T(rawValue: raw) else { throw fail(column, raw) }
            return v
        }
        func required<T: RawRepresentable>(_ type: T.Type, _ index: Int, _ column: String) throws -> T where T.RawValue == String {
            guard let v = try value(type, index, column) else { throw fail(column, nil) }
            return v
        }
        func date(_ index: Int, _ column: String) throws -> CivilDate? {
            guard let raw: String = row[index] else { return nil }
            guard let d = CivilDate(raw), d.description == raw else { throw fail(column, raw) }
            return d
        }
        guard let created = try date(7, "created_on") else { throw fail("created_on", nil) }
        let escalations: String = row[14] ?? ""
        return Matter(
            id: id, number: "", kind: try required(MatterKind.self, 1, "kind"), title: "",
            domain: try required(DomainArea.self, 3, "domain"), fromOrg: row[4], toOrg: row[5],
            subjectOrg: row[6], state: try required(MatterState.self, 2, "state"), createdOn: created,
            servedOn: try date(9, "served_on"), due: try date(10, "due"), repliedOn: try date(11, "replied_on"),
            closedOn: try date(12, "closed_on"), variant: try value(MatterVariant.self, 15, "variant"),
            issuedOn: try date(8, "issued_on"), outcome: try value(Outcome.self, 13, "outcome"),
            escalations: escalations.isEmpty ? nil : try escalations.split(separator: ",", omittingEmptySubsequences: false).map {
                guard let e = EscalationOption(rawValue: String($0)) else { throw fail("escalations", escalations) }
                return e
            })
    }
}
