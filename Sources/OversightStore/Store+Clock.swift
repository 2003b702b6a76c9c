import Foundation
import GRDB
import OversightDomain

/// A holiday notice as the database holds it, with who loaded it and when.
public struct LoadedNotice: Hashable, Sendable {
    public var year: HolidayCalendar.Year
    public var loadedOn: CivilDate
    public var loadedBy: UserName
}

/// A matter whose running deadline a notice moved (or would move, in a dry run).
public struct Reclock: Hashable, Sendable {
    public var matter: MatterID
    public var number: String
    public var title: String
    public var from: CivilDate
    public var to: CivilDate
}

/// What loading a notice did: its year, whether it replaced the one loaded before, the deadlines it moved.
public struct NoticeLoad: Hashable, Sendable {
    public var year: Int
    public var replaced: Bool
    public var reclocked: [Reclock]
}

/// A value the county set or proposed for one of its rules (`CountyRuleKey`), as `rules list` shows it.
public struct CountyRuleEntry: Hashable, Sendable {
    public enum State: String, Sendable { case proposed, agreed, withdrawn }
    public var key: CountyRuleKey
    public var period: Period
    public var source: String
    public var state: State
    /// 2 on, once agreed.
    public var version: Int?
    public var proposedBy: UserName
    public var proposedOrg: OrgID
    public var proposedOn: CivilDate
    public var agreedBy: UserName?
    public var agreedOrg: OrgID?
    public var agreedOn: CivilDate?
}

extension Store {
    /// Why a change of the calendars or the county's rules was refused; nothing was written.
    public enum ClockFailure: Error, Equatable, Sendable, CustomStringConvertible {
        /// Only an administrator loads a holiday notice.
        case notAdministrator(UserName)
        /// Only a head of the justice bureau or the procuratorate proposes or agrees a county rule (Art. 12).
        case notRuleMaker(UserName)
        /// The key names no rule the county may set (a period of law, or nothing).
        case notSettable(String)
        /// Nothing proposed for this key waits for agreement.
        case nothingProposed(String)
        /// A proposal is agreed by the other of the two, not by the organisation that made it.
        case ownProposal(key: String, org: OrgID)
        /// The source of a rule must be named (the decision, minutes or document it rests on).
        case sourceRequired
        /// A text that breaks `TextRule`.
        case text(TextProblem)
        /// The alert window is whole days, 1 to 90.
        case badWindow(Int)

        public var description: String {
            switch self {
            case .notAdministrator(let n): return "\(n) is not an administrator: only an administrator loads a holiday notice"
            case .notRuleMaker(let n):
                return "\(n) may not set the county's rules: only a head of the justice bureau or the procuratorate proposes or agrees (Art. 12)"
            case .notSettable(let k): return "\"\(k)\" is not a rule the county sets: `oversight rules list` shows those it does"
            case .nothingProposed(let k): return "nothing proposed for \(k) waits for agreement: `oversight rules list` shows what does"
            case .ownProposal(let k, let o): return "\(o) proposed \(k): the other of the justice bureau and the procuratorate agrees it"
            case .sourceRequired: return "name the decision the value rests on: --source TEXT"
            case .text(let p): return p.description
            case .badWindow(let n): return "an alert window of \(n) days: give whole days from 1 to 90"
            }
        }
    }

    /// Migration `v20-calendars-and-rules`: the holiday notices loaded, the county's rules proposed and agreed,
    /// the version of its rule each running clock counts under, and `reclock` among a matter's events.
    static func migrateToClockData(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE holiday_year (
                year INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
                notice TEXT NOT NULL CHECK (json_valid(notice)),
                loaded_on TEXT NOT NULL CHECK (loaded_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                loaded_by TEXT NOT NULL
            );
            CREATE TABLE county_rule (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                key TEXT NOT NULL,
                amount INTEGER NOT NULL CHECK (amount > 0),
                unit TEXT NOT NULL CHECK (unit IN ('months', 'days', 'workdays')),
                source TEXT NOT NULL CHECK (source <> ''),
                state TEXT NOT NULL CHECK (state IN ('proposed', 'agreed', 'withdrawn')),
                version INTEGER CHECK (version IS NULL OR version >= 2),
                proposed_by TEXT NOT NULL,
                proposed_org TEXT NOT NULL REFERENCES organisation(id),
                proposed_on TEXT NOT NULL,
                agreed_by TEXT,
                agreed_org TEXT REFERENCES organisation(id),
                agreed_on TEXT,
                CHECK ((state = 'agreed') = (version IS NOT NULL)),
                CHECK ((state = 'agreed') = (agreed_by IS NOT NULL))
            );
            CREATE UNIQUE INDEX county_rule_open ON county_rule(key) WHERE state = 'proposed';
            CREATE UNIQUE INDEX county_rule_version ON county_rule(key, version) WHERE version IS NOT NULL;
            CREATE TABLE matter_clock (
                matter_id INTEGER PRIMARY KEY REFERENCES matter(id),
                version INTEGER NOT NULL CHECK (version >= 2)
            );
            """)
        try Schema.remake("event", as: "event_v20", replacing: "'withdraw','note')", with: "'withdraw','note','reclock')", db)
    }

    /// Migration `v22-county-clock`: each county its own calendars loaded and its own rules (counties as tenants):
    /// the notices loaded so far are every county's, a rule its proposer's county's.
    static func migrateToCountyClock(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE holiday_year_v22 (
                county TEXT NOT NULL REFERENCES county(id),
                year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
                notice TEXT NOT NULL CHECK (json_valid(notice)),
                loaded_on TEXT NOT NULL CHECK (loaded_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                loaded_by TEXT NOT NULL,
                PRIMARY KEY (county, year)
            ) WITHOUT ROWID;
            INSERT INTO holiday_year_v22 (county, year, notice, loaded_on, loaded_by)
                SELECT county.id, h.year, h.notice, h.loaded_on, h.loaded_by FROM holiday_year h CROSS JOIN county;
            DROP TABLE holiday_year;
            ALTER TABLE holiday_year_v22 RENAME TO holiday_year;
            ALTER TABLE county_rule ADD COLUMN county TEXT NOT NULL DEFAULT '';
            UPDATE county_rule SET county = COALESCE((SELECT county FROM organisation WHERE id = county_rule.proposed_org), '');
            DROP INDEX county_rule_open;
            DROP INDEX county_rule_version;
            CREATE UNIQUE INDEX county_rule_open ON county_rule(county, key) WHERE state = 'proposed';
            CREATE UNIQUE INDEX county_rule_version ON county_rule(county, key, version) WHERE version IS NOT NULL;
            """)
    }

    // MARK: - Reading

    /// The holiday notices `county` loaded, by year.
    public func notices(county: CountyID = County.standard.id) throws -> [LoadedNotice] {
        try read { db in try Self.notices(county: county, db) }
    }

    static func notices(county: CountyID, _ db: StoreConnection) throws -> [LoadedNotice] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT year, notice, loaded_on, loaded_by FROM holiday_year WHERE county = ? ORDER BY year"),
            arguments: [county]
        ).map { row in
            let json: String = row["notice"]
            let year: HolidayCalendar.Year
            do { year = try HolidayCalendar.parseYear(Data(json.utf8)) } catch {
                throw Failure.corruptRow(table: "holiday_year", row: "\(row["year"] as Int)", column: "notice", value: String(json.prefix(40)))
            }
            guard let on = CivilDate(row["loaded_on"] as String) else {
                throw Failure.corruptRow(table: "holiday_year", row: "\(year.year)", column: "loaded_on", value: row["loaded_on"])
            }
            return LoadedNotice(year: year, loadedOn: on, loadedBy: row["loaded_by"])
        }
    }

    /// Every value `county` proposed or agreed for its rules, oldest first.
    public func countyRules(county: CountyID = County.standard.id) throws -> [CountyRuleEntry] {
        try read { db in try Self.countyRules(county: county, db) }
    }

    static func countyRules(county: CountyID, _ db: StoreConnection) throws -> [CountyRuleEntry] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM county_rule WHERE county = ? ORDER BY id"), arguments: [county]).map { row in
            let id: Int64 = row["id"]
            func bad(_ column: String, _ value: String?) -> Failure {
                .corruptRow(table: "county_rule", row: "\(id)", column: column, value: value ?? "NULL")
            }
            guard let key = CountyRuleKey(rawValue: row["key"]) else { throw bad("key", row["key"]) }
            guard let unit = PeriodUnit(rawValue: row["unit"]) else { throw bad("unit", row["unit"]) }
            guard let state = CountyRuleEntry.State(rawValue: row["state"]) else { throw bad("state", row["state"]) }
            guard let proposedOn = CivilDate(row["proposed_on"] as String) else { throw bad("proposed_on", row["proposed_on"]) }
            return CountyRuleEntry(
                key: key, period: Period(row["amount"], unit), source: row["source"], state: state, version: row["version"],
                proposedBy: row["proposed_by"], proposedOrg: row["proposed_org"], proposedOn: proposedOn,
                agreedBy: row["agreed_by"], agreedOrg: row["agreed_org"], agreedOn: (row["agreed_on"] as String?).flatMap(CivilDate.init))
        }
    }

    /// The legal clock of `county`: `base`'s calendars (the shipped years) with the notices it loaded in their
    /// place, and `base`'s settings with its agreed rules. (A database of one county: 文水县, `County.standard`.)
    public func clock(base: PeriodCalculator, county: CountyID = County.standard.id) throws -> PeriodCalculator {
        try read { db in try Self.clock(base: base, county: county, db) }
    }

    static func clock(base: PeriodCalculator, county: CountyID, _ db: StoreConnection) throws -> PeriodCalculator {
        var clock = base
        for n in try notices(county: county, db) { clock.calendar.add(n.year) }
        for e in try countyRules(county: county, db) where e.state == .agreed {
            guard let version = e.version, let since = e.agreedOn else { continue }
            let level = CountyLevel(version: version, period: e.period, source: e.source, since: since)
            switch e.key {
            case .clock(let id): clock.settings.county[id, default: []].append(level)
            case .alertWindow:
                clock.settings.countyAlertWindow = level
                clock.settings.alertWindow = e.period.amount
            }
        }
        return clock
    }

    /// A token that moves when `county` loads a notice or agrees a rule: a session of it then reads the clock again.
    public func clockToken(county: CountyID = County.standard.id) throws -> String {
        try read { db in
            // The notices whole (a few kilobytes a year): a same-day correction of one date moves the token too.
            let years = try String.fetchOne(db.cachedStatement(sql: """
                SELECT group_concat(year || ':' || loaded_on || ':' || notice, '|') FROM holiday_year WHERE county = ?
                """), arguments: [county]) ?? ""
            let rules = try String.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(MAX(id), 0) || '/' || COUNT(*) FROM county_rule WHERE state = 'agreed' AND county = ?
                """), arguments: [county]) ?? ""
            var hasher = Hasher()
            hasher.combine(years)
            return "\(hasher.finalize())|\(rules)"
        }
    }

    // MARK: - Holiday notices

    /// What loading `year` would re-clock, without writing anything (`calendar add --dry-run`): the matters of the
    /// counties the administrator keeps, so an administrator's alone.
    public func reclocks(loading year: HolidayCalendar.Year, by admin: Viewer, base: PeriodCalculator) throws -> [Reclock] {
        try read { db in
            let kept = try Self.clockKeeper(admin, db)
            return try kept.sorted().flatMap { try Self.reclocks(loading: year, county: $0, base: base, db).map(\.1) }
        }
    }

    /// The counties an active administrator loads notices for (`keptCounties`), or refused as not an administrator.
    static func clockKeeper(_ admin: Viewer, _ db: StoreConnection) throws -> Set<CountyID> {
        do { return try keptCounties(admin, db) } catch { throw ClockFailure.notAdministrator(admin.user.name) }
    }

    /// Loads one year's notice as `admin` for the counties it keeps (replacing the one each loaded before for that
    /// year) and re-clocks, in the same transaction through the write path, every running deadline of theirs whose
    /// count touched that year: each matter whose day moved gets its new day and a `reclock` event naming the
    /// notice; the others are left alone.
    public func load(_ year: HolidayCalendar.Year, by admin: Viewer, base: PeriodCalculator, on today: CivilDate) throws -> NoticeLoad {
        try write { db in
            let kept = try Self.clockKeeper(admin, db)
            var done = NoticeLoad(year: year.year, replaced: false, reclocked: [])
            for county in kept.sorted() {
                let one = try Self.load(year, county: county, actor: admin.user.name, base: base, on: today, db)
                done.replaced = done.replaced || one.replaced
                done.reclocked += one.reclocked
            }
            return done
        }
    }

    /// Loads the shipped years this database does not hold yet (at `init`, the demo's start, and the first opening
    /// after an upgrade that ships a new year), each as `load` does, recorded as the program's (`oversight`).
    /// Each county gets the years it lacks.
    @discardableResult
    public func loadShipped(_ shipped: HolidayCalendar, base: PeriodCalculator, on today: CivilDate) throws -> [NoticeLoad] {
        func missing(_ db: StoreConnection) throws -> [(CountyID, HolidayCalendar.Year)] {
            let held = Set(try Row.fetchAll(db, sql: "SELECT county, year FROM holiday_year").map { "\($0["county"] as String):\($0["year"] as Int)" })
            let counties = try String.fetchAll(db, sql: "SELECT id FROM county ORDER BY rowid")
            return counties.flatMap { c in
                shipped.years.values.filter { !held.contains("\(c):\($0.year)") }.sorted { $0.year < $1.year }.map { (c, $0) }
            }
        }
        guard !(try read(missing)).isEmpty, !isReadOnly else { return [] }
        return try write { db in
            try missing(db).map { try Self.load($0.1, county: $0.0, actor: Self.programActor, base: base, on: today, db) }
        }
    }

    /// The actor of what the program itself records (the shipped calendars loaded on upgrade).
    public static let programActor = "oversight"

    static func load(
        _ year: HolidayCalendar.Year, county: CountyID, actor: UserName, base: PeriodCalculator, on today: CivilDate, _ db: StoreConnection
    ) throws -> NoticeLoad {
        let moves = try reclocks(loading: year, county: county, base: base, db)
        let json = String(decoding: try JSONEncoder.sorted.encode(year), as: UTF8.self)
        let replaced = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM holiday_year WHERE county = ? AND year = ?)", arguments: [county, year.year]) ?? false
        try db.execute(sql: "INSERT OR REPLACE INTO holiday_year (county, year, notice, loaded_on, loaded_by) VALUES (?, ?, ?, ?, ?)",
                       arguments: [county, year.year, json, today.description, actor])
        _ = try EventRecord(system: "calendar-add", on: today, actor: actor,
                            text: "\(year.year) (\(county)): \(year.source); \(moves.count) deadlines re-clocked").inserted(db)
        for (m, move) in moves {
            try reclock(m, to: move.to, notice: year.source, by: actor, on: today, db)
        }
        return NoticeLoad(year: year.year, replaced: replaced, reclocked: moves.map(\.1))
    }

    /// The running deadlines of `county`'s matters (started there) whose count touches `year` (served by its end,
    /// due from its start) and whose day its calendar with `year` loaded moves.
    static func reclocks(loading year: HolidayCalendar.Year, county: CountyID, base: PeriodCalculator, _ db: StoreConnection) throws -> [(Matter, Reclock)] {
        var clock = try clock(base: base, county: county, db)
        clock.calendar.add(year)
        // The states in which a deadline binds (`Matter.pendingDue` decides, matter by matter).
        let running: [MatterState] = [.served, .inProgress, .objected, .escalated]
        let records = try MatterRecord.fetchAll(db, sql: """
            SELECT * FROM matter WHERE due IS NOT NULL AND served_on IS NOT NULL AND served_on <= ? AND due >= ?
              AND state IN (\(running.map { "'\($0.rawValue)'" }.joined(separator: ","))) AND \(try startedIn([county], db))
            ORDER BY id
            """, arguments: ["\(year.year)-12-31", "\(year.year)-01-01"])
        return try decode(records, db).compactMap { m in
            guard let old = m.due, let new = Workflow.reclocked(m, calculator: clock) else { return nil }
            return (m, Reclock(matter: m.id, number: m.number, title: m.title, from: old, to: new))
        }
    }

    /// The write path's re-clocking of one matter (no party's step): its new day, version + 1, the inbox index, and
    /// a `reclock` event in the audit chain, in the caller's transaction.
    static func reclock(_ m: Matter, to due: CivilDate, notice: String, by actor: UserName, on today: CivilDate, _ db: StoreConnection) throws {
        var next = m
        next.due = due
        next.version = m.version + 1
        try MatterRecord(next).update(db)
        try InboxIndex.refresh(next, db)
        let event = MatterEvent(
            id: 0, matterID: m.id, on: today, actor: actor, action: .reclock,
            text: "\(m.due?.description ?? "") → \(due)：\(notice)", stateAfter: m.state, dueAfter: due)
        _ = try EventRecord(event).inserted(db)
    }

    // MARK: - The county's rules (Art. 12)

    /// Proposes `period` for rule `key`, resting on `source`, as a head of the justice bureau or the procuratorate;
    /// it takes effect once the other agrees (`agree`). A proposal still waiting for the same key is withdrawn.
    public func propose(_ key: CountyRuleKey, _ period: Period, source: String, by viewer: Viewer, book: RuleBook, on today: CivilDate) throws {
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard key.settable(in: book) else { throw ClockFailure.notSettable(key.rawValue) }
        guard !source.isEmpty else { throw ClockFailure.sourceRequired }
        if case .alertWindow = key, period.unit != .days || !(1...90).contains(period.amount) { throw ClockFailure.badWindow(period.amount) }
        let checked: String
        switch TextRule.check(source, as: .title) {
        case .success(let s): checked = s
        case .failure(let p): throw ClockFailure.text(p)
        }
        try write { db in
            let county = try Self.requireRuleMaker(viewer, db)
            try db.execute(sql: "UPDATE county_rule SET state = 'withdrawn' WHERE county = ? AND key = ? AND state = 'proposed'",
                           arguments: [county, key.rawValue])
            try db.execute(sql: """
                INSERT INTO county_rule (county, key, amount, unit, source, state, proposed_by, proposed_org, proposed_on)
                VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?, ?)
                """, arguments: [county, key.rawValue, period.amount, period.unit.rawValue, checked, viewer.user.name, viewer.org.id,
                                today.description])
            _ = try EventRecord(system: "rules-propose", on: today, actor: viewer.user.name,
                                text: "\(key.rawValue) \(period) (\(viewer.org.id)): \(checked)").inserted(db)
        }
    }

    /// Agrees the value proposed for `key` as a head of the other of the two: it becomes the rule's next version, in
    /// force for clocks started from now on. Returns the version.
    @discardableResult
    public func agree(_ key: CountyRuleKey, by viewer: Viewer, on today: CivilDate) throws -> CountyLevel {
        try write { db in
            let county = try Self.requireRuleMaker(viewer, db)
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM county_rule WHERE county = ? AND key = ? AND state = 'proposed'", arguments: [county, key.rawValue]) else {
                throw ClockFailure.nothingProposed(key.rawValue)
            }
            let org: OrgID = row["proposed_org"]
            guard org != viewer.org.id else { throw ClockFailure.ownProposal(key: key.rawValue, org: org) }
            let version = (try Int.fetchOne(
                db, sql: "SELECT MAX(version) FROM county_rule WHERE county = ? AND key = ?", arguments: [county, key.rawValue]) ?? 1) + 1
            try db.execute(sql: """
                UPDATE county_rule SET state = 'agreed', version = ?, agreed_by = ?, agreed_org = ?, agreed_on = ? WHERE id = ?
                """, arguments: [version, viewer.user.name, viewer.org.id, today.description, row["id"] as Int64])
            let period = Period(row["amount"], PeriodUnit(rawValue: row["unit"]) ?? .days)
            let source: String = row["source"]
            _ = try EventRecord(system: "rules-agree", on: today, actor: viewer.user.name,
                                text: "\(key.rawValue) \(period) version \(version) (\(org) + \(viewer.org.id)): \(source)").inserted(db)
            return CountyLevel(version: version, period: period, source: source, since: today)
        }
    }

    /// An active head of the justice bureau or the procuratorate (checked in the write's transaction); their county,
    /// whose rules they set with the other's head.
    @discardableResult
    static func requireRuleMaker(_ viewer: Viewer, _ db: StoreConnection) throws -> CountyID {
        guard let row = try UserRecord.fetchOne(db, key: viewer.user.name), row.active, row.role == Role.head.rawValue,
              let org = try OrganisationRecord.fetchOne(db, key: row.orgId), org.active,
              [Party.justice.rawValue, Party.procuratorate.rawValue].contains(org.party)
        else { throw ClockFailure.notRuleMaker(viewer.user.name) }
        return org.county
    }

    // MARK: - The version a running clock counts under

    /// The county rule's version each served matter of `matters` counts under (none for the book's own).
    static func clockVersions(of ids: [MatterID], _ db: StoreConnection) throws -> [MatterID: Int] {
        var found: [MatterID: Int] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for row in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT matter_id, version FROM matter_clock WHERE matter_id IN (\(marks))"),
                arguments: StatementArguments(databaseValues: chunk.map { $0.databaseValue })) {
                found[row["matter_id"]] = row["version"]
            }
        }
        return found
    }

    /// Keeps the version `m`'s clock counts under beside it (in `act`'s transaction), when it changed.
    static func writeClockVersion(of m: Matter, was old: Matter, _ db: StoreConnection) throws {
        guard m.clockVersion != old.clockVersion else { return }
        if let v = m.clockVersion {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO matter_clock (matter_id, version) VALUES (?, ?)").execute(arguments: [m.id, v])
        } else {
            try db.cachedStatement(sql: "DELETE FROM matter_clock WHERE matter_id = ?").execute(arguments: [m.id])
        }
    }
}

extension JSONEncoder {
    /// Keys sorted, so a stored value reads the same each time.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
