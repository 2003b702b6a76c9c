import GRDB
import OversightDomain

/// The inbox index (`inbox_entry`): for every matter, one row per organisation that may see it, keyed by the
/// matter's place in that organisation's inbox (`InboxOrder.key`). Written only here, from the write path's
/// transaction (and once by the migration that made it).
enum InboxIndex {
    /// Puts `m`'s rows right after it was written: only the rows that come or go are written (a step that moves the
    /// matter in no inbox, a note, writes none, and the tallies' triggers fire only for the rows that change).
    static func refresh(_ m: Matter, _ db: StoreConnection, rule: AccessRule = AccessPolicy.rule) throws {
        struct Entry: Hashable { let org: String, key: String }
        let entries = try InboxOrder.entries(of: m, rule: rule, organisations: { try Store.organisation($0, db) }, everyOf: { try party($0, db) })
        var wanted = Set(entries.map { Entry(org: $0.org, key: $0.key.text) })
        let delete = try db.cachedStatement(sql: "DELETE FROM inbox_entry WHERE org_id = ? AND sort_key = ?")
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT org_id, sort_key FROM inbox_entry WHERE matter_id = ?"), arguments: [m.id]) {
            let kept = Entry(org: row[0], key: row[1])
            if wanted.remove(kept) == nil { try delete.execute(arguments: [kept.org, kept.key]) }
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO inbox_entry (org_id, sort_key, matter_id) VALUES (?, ?, ?)")
        for entry in entries where wanted.contains(Entry(org: entry.org, key: entry.key.text)) {
            try insert.execute(arguments: [entry.org, entry.key.text, m.id])
        }
    }

    /// Every matter's rows anew (the migration that made the index), under `rule`.
    static func rebuild(_ db: StoreConnection, rule: AccessRule = AccessPolicy.rule) throws {
        try db.execute(sql: "DELETE FROM inbox_entry")
        let all = try OrganisationRecord.fetchAll(db).map { try $0.domain() }
        let organisations = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        var copies: [MatterID: [OrgID]] = [:]
        for c in try MatterCopyRecord.fetchAll(db, sql: "SELECT * FROM matter_copy ORDER BY rowid") {
            copies[c.matterId, default: []].append(c.orgId)
        }
        // The invitees (once migration v16 made their table; the index was first built before it).
        var invitees: [MatterID: [Invitee]] = [:]
        if try db.tableExists("matter_invitee") {
            for r in try MatterInviteeRecord.fetchAll(db, sql: "SELECT * FROM matter_invitee ORDER BY matter_id, position") {
                invitees[r.matterId, default: []].append(try r.domain())
            }
        }
        // The people need-to-know matters name (once migration v18 made their table).
        var knownTo: [MatterID: [UserName]] = [:]
        if try db.tableExists("matter_reader") {
            for row in try Row.fetchAll(db, sql: "SELECT matter_id, user_name FROM matter_reader ORDER BY matter_id, position") {
                knownTo[row["matter_id"], default: []].append(row["user_name"])
            }
        }
        let matters = try MatterRecord.fetchCursor(db, sql: "SELECT * FROM matter ORDER BY id")
        while let record = try matters.next() {
            var m = try record.domain(copiedTo: copies[record.id ?? 0] ?? [])
            m.invitees = invitees[m.id]
            if Workflow.needToKnowKinds.contains(m.kind) { m.knownTo = knownTo[m.id] ?? [] }
            try insert(m, db, rule: rule,
                       organisations: { organisations[$0] }, everyOf: { p in all.filter { $0.party == p } })
        }
    }

    /// The rows of a new organisation, which no matter names: those of the matters its party's condition admits for
    /// an organisation not named (`AccessCondition.unnamed`, compiled; none under the standard rule, read at no cost).
    static func admit(_ org: Organisation, _ db: StoreConnection, rule: AccessRule = AccessPolicy.rule) throws {
        guard let condition = rule.parties[org.party]?.unnamed, condition != .any([]) else { return }
        let statement = try db.cachedStatement(
            sql: "INSERT INTO inbox_entry (org_id, sort_key, matter_id) VALUES (?, ?, ?)")
        let matters = try Store.decode(MatterRecord.fetchAll(db, sql: "SELECT * FROM matter WHERE \(Store.sql(condition))"), db)
        for m in matters where rule.visibility(for: org)?.admits(m) == true {
            try statement.execute(arguments: [org.id, InboxOrder.key(of: m, for: org).text, m.id])
        }
    }

    /// The rows of the organisations `rule` lets see `m` (`AccessRule.readers`: those it names, and every
    /// organisation of a party whose condition admits one it does not name).
    private static func insert(
        _ m: Matter, _ db: StoreConnection, rule: AccessRule,
        organisations: (OrgID) throws -> Organisation?, everyOf: (Party) throws -> [Organisation]
    ) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO inbox_entry (org_id, sort_key, matter_id) VALUES (?, ?, ?)")
        for entry in try InboxOrder.entries(of: m, rule: rule, organisations: organisations, everyOf: everyOf) {
            try statement.execute(arguments: [entry.org, entry.key.text, m.id])
        }
    }

    private static func party(_ party: Party, _ db: StoreConnection) throws -> [Organisation] {
        try OrganisationRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM organisation WHERE party = ? ORDER BY id"), arguments: [party.rawValue]).map { try $0.domain() }
    }
}

extension Store {
    /// A page of `viewer`'s inbox: at most `limit` rows from `anchor` in the inbox order, read from the inbox
    /// index (only the rows returned are read from `matter`); with `counting`, how many the query has in all.
    ///
    /// `capped`: when counting would read every matter row the query shows (a filter term that only the matter row
    /// answers: one or two characters of text, which the trigram index cannot serve; a kind, a state), the count of a
    /// `.top` or `.around` page is told from the page instead of read: exact when the page reached the inbox's end,
    /// else the rows up to the page's end as a lower bound (`InboxPage.atLeast`). A typed filter's keystroke asks so
    /// (at a million matters the exact count of a one-character filter reads some 7,000 matter rows, 20 ms); the
    /// exact count is read when typing stops.
    public func inboxPage(
        for viewer: Viewer, _ query: InboxQuery, from anchor: InboxAnchor, limit: Int, counting: Bool = false,
        capped: Bool = false
    ) throws -> InboxPage {
        guard let rule = AccessPolicy.visibility(for: viewer) else { return InboxPage(matters: [], start: 0, count: 0) }
        return try read { db in
            let q = try InboxSQL(rule, query, db)
            let cap = counting && capped && q.needsMatter
            let count = counting && !cap ? try q.count(db) : nil
            /// The page with its count: told from the rows when capped and the page's place is known (`reachedEnd`:
            /// whether the rows read forward stopped short of what was asked, so nothing follows them).
            func page(_ rows: [Matter], start: Int?, reachedEnd: Bool? = nil) throws -> InboxPage {
                guard cap else { return InboxPage(matters: rows, start: start, count: count) }
                if let start, let reachedEnd {
                    return InboxPage(matters: rows, start: start, count: start + rows.count, atLeast: !reachedEnd)
                }
                return InboxPage(matters: rows, start: start, count: try q.count(db))
            }
            switch anchor {
            case .top:
                let rows = try q.rows(db, after: nil, limit: limit)
                return try page(rows, start: 0, reachedEnd: rows.count < limit)
            case .bottom:
                let rows = try q.rows(db, before: nil, limit: limit)
                return try page(rows, start: try q.count(db) - rows.count)
            case .after(let key):
                return try page(try q.rows(db, after: key, limit: limit), start: nil)
            case .before(let key):
                return try page(try q.rows(db, before: key, limit: limit), start: nil)
            case .around(let id, let fallback):
                var key = fallback
                if let id, let found = try q.key(of: id, db) { key = found }
                guard let key else {
                    let rows = try q.rows(db, after: nil, limit: limit)
                    return try page(rows, start: 0, reachedEnd: rows.count < limit)
                }
                let before = try q.rows(db, before: key, limit: limit / 2)
                let rest = try q.rows(db, from: key, limit: limit - before.count)
                let first = before.first.map { InboxOrder.key(of: $0, for: viewer.org) } ?? rest.first.map { InboxOrder.key(of: $0, for: viewer.org) }
                // Fewer rows before the key than asked for: they are all there are, so the page starts the inbox (no
                // count of the rows before it is needed).
                let start = before.count < limit / 2 ? 0 : try first.map { try q.count(db, below: $0) } ?? 0
                return try page(before + rest, start: start, reachedEnd: rest.count < limit - before.count)
            }
        }
    }

    /// Every row of `viewer`'s inbox that `query` shows, in the inbox order: what the workbench's pages hold, in
    /// one read (`matter list`).
    public func inbox(for viewer: Viewer, _ query: InboxQuery) throws -> [Matter] {
        try inboxPage(for: viewer, query, from: .top, limit: .max).matters
    }

    /// Every matter `viewer` may export that `query` shows (created from `from` through `through`, either open),
    /// each with its history, in one read transaction (one moment of the database). A party's rows are its inbox's
    /// (`inbox(for:_:)`: the same access, the same compiled filter, the same order, so `export --filter` lists what
    /// `matter list` and the workbench list); an active administrator's the whole database by id (an administrator
    /// has no inbox), the filter compiled the same way over each matter's row in its sender's inbox (the sender
    /// always sees its matter, so every matter has one).
    public func exchange(
        for viewer: Viewer, _ query: InboxQuery = InboxQuery(scope: .all, filter: .everything),
        createdFrom from: CivilDate? = nil, through: CivilDate? = nil
    ) throws -> [(matter: Matter, events: [MatterEvent])] {
        var all: [(matter: Matter, events: [MatterEvent])] = []
        try exchange(for: viewer, query, createdFrom: from, through: through) { all += $0 }
        return all
    }

    /// The same rows in the same order, a page (`pageSize` matters with their histories) at a time, in one read
    /// transaction: what a bulk export writes as it reads, never holding every matter and its history at once.
    public func exchange(
        for viewer: Viewer, _ query: InboxQuery = InboxQuery(scope: .all, filter: .everything),
        createdFrom from: CivilDate? = nil, through: CivilDate? = nil, pageSize: Int = 500,
        each page: ([(matter: Matter, events: [MatterEvent])]) throws -> Void
    ) throws {
        try pages(for: viewer, query, createdFrom: from, through: through, pageSize: pageSize, administrator: true) { matters, db in
            let events = try Self.histories(of: matters.map(\.id), db)
            try page(matters.map { ($0, events[$0.id] ?? []) })
        }
    }

    /// The rows of `inbox(for:_:)`, in its order, a page of `pageSize` at a time in one read transaction: what
    /// `matter list` prints as it reads, so the first screenful comes after one page, whatever the inbox holds. (An
    /// administrator has no inbox, so gets none, as from `inbox(for:_:)`.)
    public func inboxPages(
        for viewer: Viewer, _ query: InboxQuery, pageSize: Int = 500, each page: ([Matter]) throws -> Void
    ) throws {
        try pages(for: viewer, query, createdFrom: nil, through: nil, pageSize: pageSize, administrator: false) { matters, _ in
            try page(matters)
        }
    }

    private func pages(
        for viewer: Viewer, _ query: InboxQuery, createdFrom from: CivilDate?, through: CivilDate?, pageSize: Int,
        administrator: Bool, each page: ([Matter], StoreConnection) throws -> Void
    ) throws {
        try read { db in
            var q: InboxSQL
            if administrator, viewer.party == .admin {
                let kept = try Self.keptCounties(viewer, db)
                q = try InboxSQL(nil, query, db)
                try q.started(in: kept, db)
            } else if let rule = AccessPolicy.visibility(for: viewer) {
                q = try InboxSQL(rule, query, db)
            } else {
                return
            }
            q.created(from: from, through: through)
            try q.eachPage(db, size: max(1, pageSize)) { try page($0, db) }
        }
    }

    /// The events of each of `ids`, in order (one query per 500).
    static func histories(of ids: [MatterID], _ db: StoreConnection) throws -> [MatterID: [MatterEvent]] {
        var events: [MatterID: [MatterEvent]] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            for e in try EventRecord.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM event WHERE matter_id IN (\(marks)) ORDER BY id"),
                arguments: StatementArguments(chunk)) {
                let event = try e.domain()
                events[event.matterID, default: []].append(event)
            }
        }
        return events
    }

    /// What waits on `viewer`, all it may see, and the alerts (with the first `overdueLimit` overdue matters)
    /// of what `query` shows: ranges of the inbox index, so the cost follows what is due, not the database.
    /// Without `totals`, `todo` and `total` (which no filter changes) are not counted and stay 0.
    public func inboxSummary(
        for viewer: Viewer, _ query: InboxQuery, today: CivilDate, window: Int, totals: Bool = true, overdueLimit: Int = 50
    ) throws -> InboxSummary {
        guard let rule = AccessPolicy.visibility(for: viewer) else { return InboxSummary() }
        return try read { db in
            let q = try InboxSQL(rule, query, db)
            let soon = today.adding(days: window)
            var summary = InboxSummary()
            if totals {
                summary.todo = try q.tally(db, groups: 0...0)
                summary.total = try q.tally(db, groups: 0...2)
            }
            summary.alerts = try q.alertCounts(db, today: today, soon: soon)
            for group in 0...1 {
                let left = overdueLimit - summary.overdue.count
                if left > 0 {
                    summary.overdue += try q.rows(db, between: InboxKey.lowest(group), and: InboxKey.due(group, from: today), limit: left)
                }
            }
            return summary
        }
    }

    /// What `oversight alerts` shows, in one read of the inbox index: the counts of `viewer`'s open matters
    /// overdue, due today and due within `window` days, and the first `limit` of those matters in the inbox order
    /// (what waits on the viewer first, each group by deadline): what `AlertRules.alerting` finds among all of them.
    public func alerts(for viewer: Viewer, today: CivilDate, window: Int, limit: Int = .max) throws -> (counts: AlertCounts, matters: [Matter]) {
        guard let rule = AccessPolicy.visibility(for: viewer) else { return (AlertCounts(), []) }
        return try read { db in
            let q = try InboxSQL(rule, InboxQuery(scope: .open, filter: InboxFilter("", today: today, window: window)), db)
            let soon = today.adding(days: window)
            var found: [Matter] = []
            for group in 0...1 {
                found += try q.rows(db, between: InboxKey.lowest(group), and: InboxKey.due(group, through: soon), limit: limit - found.count)
            }
            return (try q.alertCounts(db, today: today, soon: soon), found)
        }
    }

    /// How many pending deadlines of what `query` shows fall on each day from `first` to `last`.
    public func deadlineCounts(for viewer: Viewer, _ query: InboxQuery, from first: CivilDate, through last: CivilDate) throws -> [CivilDate: Int] {
        guard let rule = AccessPolicy.visibility(for: viewer) else { return [:] }
        return try read { db in
            let q = try InboxSQL(rule, query, db)
            var byDay: [CivilDate: Int] = [:]
            for group in 0...1 {
                for (day, n) in try q.dueCounts(db, from: InboxKey.due(group, from: first), below: InboxKey.due(group, through: last)) {
                    if let d = CivilDate(day) { byDay[d, default: 0] += n }
                }
            }
            return byDay
        }
    }

    /// How many open matters `viewer` may see have a planned day (`scheduledOn`: a meeting, an inspection, an annual
    /// plan's items) on each day from `first` to `last`: the calendar's planned days, read by the index of planned
    /// days and checked by the compiled access rule (the inbox's filter does not narrow them).
    public func plannedCounts(for viewer: Viewer, from first: CivilDate, through last: CivilDate) throws -> [CivilDate: Int] {
        guard let filter = Self.visibility(viewer) else { return [:] }
        return try read { db in
            var byDay: [CivilDate: Int] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT scheduled_on AS d, COUNT(*) AS n FROM matter
                WHERE scheduled_on BETWEEN :first AND :last AND state NOT IN ('closed', 'withdrawn') AND (\(filter.sql))
                GROUP BY scheduled_on
                """), arguments: filter.arguments + ["first": first.description, "last": last.description]) {
                if let d = CivilDate(row["d"] as String) { byDay[d] = row["n"] }
            }
            return byDay
        }
    }

    /// The statements the inbox's reads use, each with its query plan (for the test that no read scans a table).
    static func inboxStatements(for org: OrgID, _ query: InboxQuery, _ db: StoreConnection) throws -> [String: (sql: String, arguments: StatementArguments)] {
        try InboxSQL(AccessPolicy.rule.visibility(for: Organisation(id: org, name: org, party: .procuratorate), scope: .members)!, query, db).statements
    }
}

/// An inbox query in SQL: the organisation's rows of the inbox index within the scope's groups, the filter's
/// terms as conditions (on the index key where they can be, on the matter row or the text index otherwise).
private struct InboxSQL {
    /// Whose inbox; nil: every matter, each through its sender's row (an administrator's export, by id).
    let org: OrgID?
    /// The ranges of the index the inbox is made of (`InboxOrder.readers`): the organisation's, and the viewer's
    /// need-to-know one (its heads' or the person's own). A matter is in one of them at most.
    let readers: [String]
    let end: InboxKey
    /// Conditions and their arguments, joined by AND; empty when nothing narrows.
    var conditions: [String] = []
    var arguments: [DatabaseValueConvertible?] = []
    /// Whether a condition reads the matter row (else the index alone answers).
    var needsMatter = false

    /// The pending deadline, out of the index key (open groups only; `9999-99-99` for none).
    static let due = "substr(e.sort_key, \(InboxKey.dueRange.start), \(InboxKey.dueRange.length))"

    init(_ visibility: Visibility?, _ query: InboxQuery, _ db: StoreConnection) throws {
        org = visibility?.org
        readers = visibility.map(InboxOrder.readers) ?? []
        end = InboxKey.lowest(query.scope == .open ? 2 : 3)
        let filter = query.filter
        let today = filter.today.description
        for term in filter.terms {
            switch term {
            case .overdue: add("(e.sort_key < '2' AND \(Self.due) < ?)", [today])
            case .dueToday: add("(e.sort_key < '2' AND \(Self.due) = ?)", [today])
            case .week: add("(e.sort_key < '2' AND \(Self.due) BETWEEN ? AND ?)", [today, filter.today.adding(days: filter.window).description])
            case .kind(let k): add("m.kind = ?", [k.rawValue], matter: true)
            case .state(let s, nil): add("m.state = ?", [s.rawValue], matter: true)
            case .state(let s, let kinds?):
                let sorted = kinds.map(\.rawValue).sorted()
                add("(m.state = ? AND m.kind IN (\(sorted.map { _ in "?" }.joined(separator: ", "))))", [s.rawValue] + sorted, matter: true)
            case .domain(let d): add("m.domain = ?", [d.rawValue], matter: true)
            case .due(nil): add("FALSE", [])
            case .due(let range?):
                add("""
                    (CASE WHEN e.sort_key < '2' AND \(Self.due) <> '\(InboxKey.noDue)' THEN \(Self.due) ELSE m.due END) BETWEEN ? AND ?
                    """, [range.lowerBound.description, range.upperBound.description], matter: true)
            case .text(let word, let caseless, let organisation):
                var text: String
                var args: [DatabaseValueConvertible?]
                var matter = false
                if word.unicodeScalars.count >= 3, db.isSQLite {
                    // Three characters or more: the trigram index finds the matters holding the text.
                    text = "e.matter_id IN (SELECT rowid FROM matter_text WHERE matter_text MATCH ?)"
                    args = ["\"" + Store.escaping(word, ["\"": "\"\""]) + "\""]
                } else if caseless, word.unicodeScalars.count < 3 {
                    text = "(instr(m.title, ?) > 0 OR instr(m.number, ?) > 0 OR instr(m.summary, ?) > 0)"
                    args = [word, word, word]
                    matter = true
                } else {
                    // (On PostgreSQL, three characters or more: pg_trgm's index of the same columns serves the pattern, and
                    // LIKE is read as ILIKE, caseless as FTS5's trigrams are.)
                    let like = "%" + Store.escaping(word, ["\\": "\\\\", "%": "\\%", "_": "\\_"]) + "%"
                    text = "(m.title LIKE ? ESCAPE '\\' OR m.number LIKE ? ESCAPE '\\' OR m.summary LIKE ? ESCAPE '\\')"
                    args = [like, like, like]
                    matter = true
                }
                // A word that is an organisation's id also finds the matters that name it; so does one the filter read as
                // an organisation's name.
                if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM organisation WHERE id = ?)"), arguments: [word]) == true {
                    text = "(m.from_org = ? OR m.to_org = ? OR m.subject_org = ? OR \(text))"
                    args = [word, word, word] + args
                    matter = true
                }
                if let organisation {
                    text = "(m.from_org = ? OR m.to_org = ? OR m.subject_org = ? OR \(text))"
                    args = [organisation, organisation, organisation] + args
                    matter = true
                }
                add(text, args, matter: matter)
            }
        }
    }

    private mutating func add(_ sql: String, _ args: [DatabaseValueConvertible?], matter: Bool = false) {
        conditions.append(sql)
        arguments += args
        needsMatter = needsMatter || matter
    }

    /// Only matters created from `from` through `through` (`export --since/--until`).
    /// Only the matters started in one of `counties` (an administrator's: `Store.keptCounties`).
    mutating func started(in counties: Set<CountyID>, _ db: StoreConnection) throws {
        let condition = try Store.startedIn(counties, db, alias: "m")
        if condition != "TRUE" { add(condition, [], matter: true) }
    }

    mutating func created(from: CivilDate?, through: CivilDate?) {
        if let from { add("m.created_on >= ?", [from.description], matter: true) }
        if let through { add("m.created_on <= ?", [through.description], matter: true) }
    }

    /// FROM and WHERE over the key range [lo, hi) of one range of the index (`reader`): the index drives (CROSS JOIN
    /// keeps it the outer loop). Without a reader, every matter through its sender's row (its organisation's, or
    /// for a need-to-know matter its heads').
    private func body(_ reader: String?, _ lo: String, _ loInclusive: Bool, _ hi: String, _ hiInclusive: Bool, matter: Bool) -> (String, StatementArguments) {
        let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
        let range = "e.sort_key \(loInclusive ? ">=" : ">") ? AND e.sort_key \(hiInclusive ? "<=" : "<") ?\(filter)"
        guard let reader else {
            return ("FROM matter m CROSS JOIN inbox_entry e ON e.matter_id = m.id AND e.org_id IN (m.from_org, m.from_org || char(31)) WHERE \(range)",
                    StatementArguments([lo, hi] + arguments))
        }
        let join = matter || needsMatter ? " CROSS JOIN matter m ON m.id = e.matter_id" : ""
        return ("FROM inbox_entry e\(join) WHERE e.org_id = ? AND \(range)", StatementArguments([reader, lo, hi] + arguments))
    }

    /// Every row the query shows, `size` at a time: an organisation's in its inbox order, by keyset from the last
    /// row's key; without one, every matter by id from the last id (with nothing to narrow, straight from `matter`, so
    /// no matter is left out whatever the index holds).
    func eachPage(_ db: StoreConnection, size: Int, _ each: ([Matter]) throws -> Void) throws {
        if org != nil {
            var after: InboxKey?
            while true {
                let page = try rows(db, after: after, limit: size)
                if !page.isEmpty { try each(page) }
                guard page.count == size, let last = page.last, let key = try key(of: last.id, db) else { return }
                after = key
            }
        }
        var last: Int64 = 0
        while true {
            let records: [MatterRecord]
            if conditions.isEmpty && end == InboxKey.lowest(3) {
                records = try MatterRecord.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM matter WHERE id > ? ORDER BY id LIMIT ?"), arguments: [last, size])
            } else {
                let (from, args) = body(nil, "0", true, end.text, false, matter: true)
                records = try MatterRecord.fetchAll(
                    db.cachedStatement(sql: "SELECT m.* \(from) AND m.id > ? ORDER BY m.id LIMIT ?"), arguments: args + [last, size])
            }
            if !records.isEmpty { try each(Store.decode(records, db)) }
            guard records.count == size, let id = records.last?.id else { return }
            last = id
        }
    }

    /// All the rows in scope: the tally when nothing narrows, else counted through the filter.
    func count(_ db: StoreConnection) throws -> Int {
        conditions.isEmpty ? try tally(db, groups: 0...(end == InboxKey.lowest(2) ? 1 : 2)) : try count(db, below: end)
    }

    /// The inbox's rows in these groups, from the tallies the index's triggers keep for each of its ranges.
    func tally(_ db: StoreConnection, groups: ClosedRange<Int>) throws -> Int {
        try readers.reduce(0) { n, reader in
            n + (try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COALESCE(SUM(n), 0) FROM inbox_tally WHERE org_id = ? AND grp BETWEEN ? AND ?"),
                arguments: [reader, groups.lowerBound, groups.upperBound]) ?? 0)
        }
    }

    /// The rows before `key`.
    func count(_ db: StoreConnection, below key: InboxKey) throws -> Int {
        try readers.reduce(0) { n, reader in
            let (from, args) = body(reader, "0", true, min(key, end).text, false, matter: false)
            return n + (try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) \(from)"), arguments: args) ?? 0)
        }
    }

    /// Shown rows in [lo, hi) of an open group by pending deadline.
    func dueCounts(_ db: StoreConnection, from lo: InboxKey, below hi: InboxKey) throws -> [(String, Int)] {
        var byDay: [String: Int] = [:]
        for reader in readers {
            let (from, args) = body(reader, lo.text, true, min(hi, end).text, false, matter: false)
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT \(Self.due) AS d, COUNT(*) AS n \(from) GROUP BY d"), arguments: args) {
                byDay[row["d"], default: 0] += row["n"]
            }
        }
        return byDay.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func key(of id: MatterID, _ db: StoreConnection) throws -> InboxKey? {
        for reader in readers {
            let (from, args) = body(reader, "0", true, end.text, false, matter: false)
            if let key = try String.fetchOne(
                db.cachedStatement(sql: "SELECT e.sort_key \(from) AND e.matter_id = ?"), arguments: args + [id]) {
                return InboxKey(key)
            }
        }
        return nil
    }

    func rows(_ db: StoreConnection, after key: InboxKey?, limit: Int) throws -> [Matter] {
        try fetch(db, key?.text ?? "0", key == nil, end.text, descending: false, limit: limit)
    }

    func rows(_ db: StoreConnection, from key: InboxKey, limit: Int) throws -> [Matter] {
        try fetch(db, key.text, true, end.text, descending: false, limit: limit)
    }

    func rows(_ db: StoreConnection, before key: InboxKey?, limit: Int) throws -> [Matter] {
        try fetch(db, "0", true, min(key ?? end, end).text, descending: true, limit: limit).reversed()
    }

    func rows(_ db: StoreConnection, between lo: InboxKey, and hi: InboxKey, limit: Int) throws -> [Matter] {
        try fetch(db, lo.text, true, min(hi, end).text, descending: false, limit: limit)
    }

    /// Overdue, due today and due by `soon` among the open groups' pending deadlines: ranges of the index.
    func alertCounts(_ db: StoreConnection, today: CivilDate, soon: CivilDate) throws -> AlertCounts {
        var alerts = AlertCounts()
        for group in 0...1 {
            for (day, n) in try dueCounts(db, from: InboxKey.lowest(group), below: InboxKey.due(group, through: soon)) {
                if day < today.description { alerts.overdue += n }
                else if day == today.description { alerts.dueToday += n }
                else { alerts.dueSoon += n }
            }
        }
        return alerts
    }

    /// The first `limit` rows of [lo, hi) in the inbox order (or from its end): each range's, merged by key.
    private func fetch(_ db: StoreConnection, _ lo: String, _ loInclusive: Bool, _ hi: String, descending: Bool, limit: Int) throws -> [Matter] {
        guard limit > 0 else { return [] }
        let order = "ORDER BY e.sort_key\(descending ? " DESC" : "") LIMIT ?"
        if readers.count == 1 {
            let (from, args) = body(readers[0], lo, loInclusive, hi, false, matter: true)
            return try Store.decode(MatterRecord.fetchAll(db.cachedStatement(sql: "SELECT m.* \(from) \(order)"), arguments: args + [limit]), db)
        }
        var keyed: [(key: String, record: MatterRecord)] = []
        for reader in readers {
            let (from, args) = body(reader, lo, loInclusive, hi, false, matter: true)
            // Read from the statement's own row (a cursor), not from copied rows: a copied row finds each column by
            // comparing every name lowercased, which was a quarter of a procuratorate's export.
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT e.sort_key AS inbox_key, m.* \(from) \(order)"), arguments: args + [limit])
            while let row = try rows.next() {
                keyed.append((row[0], MatterRecord(row: row)))
            }
        }
        keyed.sort { descending ? $0.key > $1.key : $0.key < $1.key }
        return try Store.decode(keyed.prefix(limit).map(\.record), db)
    }

    /// The statements behind the reads, for plans.
    var statements: [String: (sql: String, arguments: StatementArguments)] {
        let page = body(readers.first, "0", true, end.text, false, matter: true)
        let count = body(readers.first, "0", true, end.text, false, matter: false)
        return [
            "page": ("SELECT m.* \(page.0) ORDER BY e.sort_key LIMIT ?", page.1 + [100]),
            "count": ("SELECT COUNT(*) \(count.0)", count.1),
            "due": ("SELECT \(Self.due) AS d, COUNT(*) AS n \(count.0) GROUP BY d", count.1),
        ]
    }
}

extension Store {
    /// `text` with each scalar of `map` replaced: on Unicode scalars, never on characters (a `"` or `%` followed by a
    /// combining mark is one character in Swift's comparison, and would otherwise pass through unescaped).
    static func escaping(_ text: String, _ map: [Unicode.Scalar: String]) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if let r = map[s] { out.append(contentsOf: r.unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }
}
