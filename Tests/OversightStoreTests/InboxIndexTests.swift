import Foundation
import GRDB
import GRDBSQLite
import OversightDomain
import OversightPostgres
import OversightTestSupport
import Testing

@testable import OversightStore

/// The inbox as an index (issue 9): the store reads an inbox a page at a time in the domain's order, narrows it
/// with the domain's filter, and counts from ranges and tallies, never the whole set.
@Suite struct InboxIndexTests {
    /// The demo with generated matters (every kind, state and outcome), on a real WAL file.
    static func store(_ name: String, generated: Int = 400, on engine: Fixtures.Engine = .sqlite) throws -> Store {
        let dir = try Fixtures.temporaryDirectory(name)
        let store = try Store(path: dir.appendingPathComponent("inbox.sqlite").path)
        try store.seedDemo(try Fixtures.demoDataSet(), today: Fixtures.today, clock: try Fixtures.clock(), admin: "admin",
                           generated: generated)
        return engine == .sqlite ? store : try Fixtures.onPostgres(store, name: "\(name)-\(engine)")
    }

    /// One active user of every organisation that has one.
    static func viewers(_ store: Store) throws -> [Viewer] {
        var seen = Set<OrgID>()
        return try store.users().filter { $0.active && seen.insert($0.org).inserted }.map { try store.viewer($0.name) }
    }

    static let filters = ["", "逾期", "today", "week", "suggestion", "served", "ecology", "due:2026-11-01..2026-12-31",
                          "due:2026-12-31..2026-11-01", "hbj", "jcy 汾", "汾", "排污", "排污口", "文检", "〔2025〕", "2025",
                          "ab", "ABC", "环境 逾期", "no-such-text-at-all",
                          // A quote before a combining mark is one Character: the search must still double it.
                          "排\"\u{301}污", "a\"\u{301}", "%\u{301}",
                          // Values and organisations in the words the screen shows (issue 18): a state's word names the kinds
                          // that show it; a value of several words is read whole; an organisation by name or short name.
                          "待回复", "待反馈", "已反馈", "生态环境", "检察建议", "awaiting reply", "Awaiting  Reply 逾期", "partly adopted",
                          "吕梁市生态环境局文水分局", "生态环境局文水分局", "司法局", "已办结 生态环境", "in progress", "进行中"]

    @Test(arguments: Fixtures.engines)
    func pagesFollowTheDomainsOrderAndFilterForEveryOrganisationAndScope(_ engine: Fixtures.Engine) throws {
        let store = try Self.store(#function, on: engine)
        let all = try store.read { db in try Store.decode(MatterRecord.fetchAll(db), db) }
        let words = try Fixtures.vocabulary(store)
        var checked = 0
        for viewer in try Self.viewers(store) {
            let visible = AccessPolicy.visible(all, to: viewer)
            for scope in [InboxScope.open, .all] {
                for text in Self.filters {
                    let filter = InboxFilter(text, today: Fixtures.today, window: 7, words: words)
                    let query = InboxQuery(scope: scope, filter: filter)
                    let want = InboxOrder.sorted(visible.filter { (scope == .all || $0.state.isOpen) && filter.admits($0) }, for: viewer.org)
                    let got = try Fixtures.everyInboxRow(store, viewer, query)
                    #expect(got.map(\.id) == want.map(\.id), "\(viewer.user.name) \(scope) \"\(text)\"")
                    let counted = try store.inboxPage(for: viewer, query, from: .top, limit: 1, counting: true).count
                    #expect(counted == want.count, "\(viewer.user.name) \(scope) \"\(text)\"")
                    // Backwards from the bottom gives the same rows.
                    var back: [Matter] = []
                    var page = try store.inboxPage(for: viewer, query, from: .bottom, limit: 23)
                    #expect(page.start == want.count - page.matters.count)
                    back = page.matters
                    while let first = page.matters.first, page.matters.count == 23 {
                        page = try store.inboxPage(for: viewer, query, from: .before(InboxOrder.key(of: first, for: viewer.org)), limit: 23)
                        back = page.matters + back
                    }
                    #expect(back.map(\.id) == want.map(\.id))
                    if !want.isEmpty { checked += 1 }
                }
            }
        }
        #expect(checked > 100)
    }

    /// `week` (`7d`, `本周`) is the alert window, not seven days (issue 19): in the domain's rule and in the
    /// store's SQL alike, for a window shorter and one longer than a week.
    @Test(arguments: Fixtures.engines)
    func weekFollowsTheAlertWindow(_ engine: Fixtures.Engine) throws {
        let store = try Self.store(#function, on: engine)
        let all = try store.read { db in try Store.decode(MatterRecord.fetchAll(db), db) }
        let today = Fixtures.today
        var found: [Int: Set<MatterID>] = [:]
        for window in [3, 7, 30] {
            let within = { (m: Matter) in m.pendingDue.map { today.days(until: $0) >= 0 && today.days(until: $0) <= window } ?? false }
            for word in ["week", "7d", "本周"] {
                let filter = InboxFilter(word, today: today, window: window, words: try Fixtures.vocabulary(store))
                #expect(filter.terms == [.week])
                #expect(all.filter(filter.admits).map(\.id) == all.filter(within).map(\.id), "\(word) \(window)")
                for viewer in try Self.viewers(store) {
                    let query = InboxQuery(scope: .all, filter: filter)
                    let want = InboxOrder.sorted(AccessPolicy.visible(all, to: viewer).filter(within), for: viewer.org)
                    #expect(try Fixtures.everyInboxRow(store, viewer, query).map(\.id) == want.map(\.id), "\(viewer.user.name) \(word) \(window)")
                    #expect(try store.inboxPage(for: viewer, query, from: .top, limit: 1, counting: true).count == want.count)
                }
            }
            found[window] = Set(all.filter(within).map(\.id))
        }
        // The windows find different matters: a fixed week would pass for none but 7.
        #expect(found[3]!.count < found[7]!.count && found[7]!.count < found[30]!.count, "\(found.mapValues(\.count))")
    }

    /// The filter reads values as the screen shows them (issue 18), in either language.
    @Test(arguments: Fixtures.engines)
    func aFilterReadsTheWordsTheScreenShows(_ engine: Fixtures.Engine) throws {
        let store = try Self.store(#function, on: engine)
        let all = try store.read { db in try Store.decode(MatterRecord.fetchAll(db), db) }
        let words = try Fixtures.vocabulary(store)
        func found(_ text: String) -> [MatterID] { all.filter { InboxFilter(text, today: Fixtures.today, window: 7, words: words).admits($0) }.map(\.id) }
        // 待回复 is `served` as most kinds show it; a served transfer shows 待反馈 and is found by that word.
        let served = all.filter { found("待回复").contains($0.id) }
        #expect(!served.isEmpty && served.allSatisfy { $0.state == .served && $0.kind != .transfer && $0.kind != .inspection })
        let transfers = all.filter { found("待反馈").contains($0.id) }
        #expect(!transfers.isEmpty && transfers.allSatisfy { $0.state == .served && $0.kind == .transfer })
        #expect(found("awaiting reply") == served.map(\.id) && found("AWAITING REPLY") == served.map(\.id))
        #expect(found("生态环境") == all.filter { $0.domain == .ecology }.map(\.id) && !found("生态环境").isEmpty)
        #expect(found("检察建议") == all.filter { $0.kind == .suggestion }.map(\.id))
        #expect(found("已办结 生态环境") == all.filter { $0.state == .closed && $0.domain == .ecology }.map(\.id))
        // An organisation by id, full name or short name finds every matter that names it.
        let hbj = Set(all.filter { [$0.fromOrg, $0.toOrg, $0.subjectOrg].contains("hbj") }.map(\.id))
        #expect(!hbj.isEmpty)
        for name in ["hbj", "吕梁市生态环境局文水分局", "生态环境局文水分局"] { #expect(Set(found(name)).isSuperset(of: hbj), "\(name)") }
        // Without the string tables' words, a Chinese word is only text.
        #expect(InboxFilter("待回复", today: Fixtures.today, window: 7).terms == [.text("待回复", caseless: true, organisation: nil)])
        #expect(InboxFilter("检察\u{200B}建议", today: Fixtures.today, window: 7, words: words).terms.count == 1)
        if case .kind = InboxFilter("检察\u{200B}建议", today: Fixtures.today, window: 7, words: words).terms[0] { Issue.record("a hidden character must not read as a kind") }
    }

    @Test(arguments: Fixtures.engines)
    func aWindowAroundAMatterSaysWhereItStands(_ engine: Fixtures.Engine) throws {
        let store = try Self.store(#function, on: engine)
        let viewer = try store.viewer("wangjian")
        let query = InboxQuery(scope: .all, filter: InboxFilter("", today: Fixtures.today, window: 7))
        let rows = try Fixtures.everyInboxRow(store, viewer, query)
        try #require(rows.count > 300)
        for i in [0, 1, 150, rows.count - 1] {
            let page = try store.inboxPage(for: viewer, query, from: .around(rows[i].id, else: nil), limit: 40, counting: true)
            let start = try #require(page.start)
            #expect(page.matters.map(\.id) == rows[start..<(start + page.matters.count)].map(\.id))
            #expect(page.matters.contains { $0.id == rows[i].id })
            #expect(page.count == rows.count)
        }
        // A matter the query does not show: around the key given instead.
        let key = InboxOrder.key(of: rows[200], for: viewer.org)
        let page = try store.inboxPage(for: viewer, query, from: .around(-1, else: key), limit: 10)
        #expect(page.start == 195 && page.matters.first?.id == rows[195].id)
    }

    @Test(arguments: Fixtures.engines)
    func summaryAndCalendarAgreeWithTheDomain(_ engine: Fixtures.Engine) throws {
        let store = try Self.store(#function, on: engine)
        let all = try store.read { db in try Store.decode(MatterRecord.fetchAll(db), db) }
        let today = Fixtures.today
        for viewer in try Self.viewers(store) {
            let visible = AccessPolicy.visible(all, to: viewer)
            for text in ["", "suggestion", "汾", "逾期"] {
                let filter = InboxFilter(text, today: today, window: 7)
                let query = InboxQuery(scope: .all, filter: filter)
                let shown = visible.filter { $0.state.isOpen && filter.admits($0) }
                let s = try store.inboxSummary(for: viewer, query, today: today, window: 7, overdueLimit: 5)
                #expect(s.todo == visible.filter { Workflow.awaits(viewer, on: $0) }.count, "\(viewer.user.name)")
                #expect(s.total == visible.count)
                #expect(s.alerts == AlertCounts(shown, today: today, window: 7), "\(viewer.user.name) \"\(text)\"")
                let overdue = InboxOrder.sorted(shown, for: viewer.org).filter { ($0.pendingDue ?? today) < today }
                #expect(s.overdue.map(\.id) == overdue.prefix(5).map(\.id))
                for month in [today.firstOfMonth, today.firstOfMonth.adding(months: -1), today.firstOfMonth.adding(months: 1)] {
                    let last = month.adding(months: 1).adding(days: -1)
                    var want: [CivilDate: Int] = [:]
                    for m in shown { if let d = m.pendingDue, d >= month, d <= last { want[d, default: 0] += 1 } }
                    #expect(try store.deadlineCounts(for: viewer, query, from: month, through: last) == want)
                }
            }
        }
    }

    @Test(arguments: Fixtures.engines)
    func theWritePathKeepsTheIndexAsARebuildWouldMakeIt(_ engine: Fixtures.Engine) throws {
        let store = try Self.store(#function, generated: 200, on: engine)
        // Steps after seeding: a reply, a note, a new matter with copies.
        let li = try store.viewer("hbj.li")
        let context = try Fixtures.context()
        let waiting = try store.matters(for: li).first { Workflow.awaits(li, on: $0) && Workflow.check(.reply, on: $0, by: li).isSuccess }
        if let m = waiting { _ = try store.act(m.id, .reply, input: ActionInput(date: Fixtures.today, text: "已整改。", outcome: .adopted), by: li, context: context) }
        let wang = try store.viewer("wangjian")
        _ = try store.create(NewMatter(kind: .suggestion, title: "新建议", domain: .ecology, to: "hbj", date: Fixtures.today,
                                       copiedTo: ["sfj"]), by: wang, context: context)
        // A note moves the matter in no inbox (its rows are kept as they are), then a step that moves it.
        let open = try #require(try store.matters(for: wang).first { Workflow.check(.note, on: $0, by: wang).isSuccess && $0.state != .draft })
        _ = try store.act(open.id, .note, input: ActionInput(date: Fixtures.today, text: "备注"), by: wang, context: context)
        if let draft = try store.matters(for: wang).first(where: { $0.state == .draft && Workflow.check(.issue, on: $0, by: wang).isSuccess }) {
            _ = try store.act(draft.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        }
        func table() throws -> [String] {
            try store.read { db in
                try String.fetchAll(db, sql: "SELECT org_id || '|' || sort_key || '|' || matter_id FROM inbox_entry ORDER BY 1")
                    + String.fetchAll(db, sql: "SELECT org_id || '|' || grp || '|' || n FROM inbox_tally WHERE n > 0 ORDER BY 1")
            }
        }
        let kept = try table()
        try store.write { db in try InboxIndex.rebuild(db) }
        let rebuilt = try table()
        #expect(kept.count > 400)
        #expect(kept == rebuilt)
    }

    /// `oversight alerts` reads the index: the same matters, in the same order, as the alert rules find among all
    /// the viewer's open matters, counted as the workbench's summary counts them; a limit takes the first of them.
    @Test(arguments: Fixtures.engines)
    func alertsAreWhatTheAlertRulesFindInTheInboxOrder(_ engine: Fixtures.Engine) throws {
        let store = try Self.store(#function, on: engine)
        let all = try store.read { db in try Store.decode(MatterRecord.fetchAll(db), db) }
        var checked = 0
        for viewer in try Self.viewers(store) {
            for (today, window) in [(Fixtures.today, 7), (Fixtures.today, 0), (CivilDate("2026-03-01")!, 30)] {
                let visible = AccessPolicy.visible(all, to: viewer).filter(\.state.isOpen)
                let expected = AlertRules.alerting(visible, for: viewer.org, today: today, window: window)
                let found = try store.alerts(for: viewer, today: today, window: window)
                #expect(found.matters.map(\.id) == expected.map(\.id), "\(viewer.user.name) \(today) \(window)")
                #expect(found.counts == AlertCounts(expected, today: today, window: window))
                #expect(found.counts.overdue + found.counts.dueToday + found.counts.dueSoon == expected.count)
                let summary = try store.inboxSummary(
                    for: viewer, InboxQuery(scope: .open, filter: InboxFilter("", today: today, window: window)), today: today,
                    window: window, totals: false)
                #expect(summary.alerts == found.counts)
                let first = try store.alerts(for: viewer, today: today, window: window, limit: 3)
                #expect(first.matters.map(\.id) == Array(expected.prefix(3)).map(\.id) && first.counts == found.counts)
                checked += expected.count
            }
        }
        #expect(checked > 30)
    }

    /// No inbox read scans a table: each is a range of an index (the text index is a virtual table's own search).
    @Test func everyInboxReadUsesAnIndex() throws {
        let store = try Self.store(#function, generated: 50)
        try store.read { db in
            for text in ["", "suggestion", "汾", "排污口", "hbj 逾期", "due:2026-11-01", "ab"] {
                for scope in [InboxScope.open, .all] {
                    let query = InboxQuery(scope: scope, filter: InboxFilter(text, today: Fixtures.today, window: 7))
                    for (name, s) in try Store.inboxStatements(for: "jcy", query, db) {
                        let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + s.sql, arguments: s.arguments)
                            .map { $0["detail"] as String }
                        let scans = plan.filter { $0.hasPrefix("SCAN ") && !$0.contains("VIRTUAL TABLE") }
                        #expect(scans.isEmpty, "\(name) \"\(text)\": \(plan)")
                        if name == "page" { #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(name) \"\(text)\" sorts: \(plan)") }
                        #expect(plan.contains { $0.hasPrefix("SEARCH e USING") }, "\(name): \(plan)")
                    }
                }
            }
        }
    }
}

/// Opening a large inbox reads a page and a few ranges: the work follows the screen, not the database.
@Suite struct LargeInboxReadTests {
    static let size = 100_000

    @Test func openingAHundredThousandMatterInboxReadsABoundedNumberOfRows() throws {
        let seeded = try Fixtures.demoStore(name: "large-read")
        let path = seeded.path
        // A read-side fixture: the demo's matters copied 100,000 times in SQL, their index rows with them.
        try seeded.write { db in
            let base = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM matter") ?? 0
            let args: StatementArguments = ["base": base, "size": Self.size]
            // As the years leave them: nearly all closed. (The open ones and their deadlines stay the demo's.)
            try db.execute(sql: """
                CREATE TEMP TABLE ended AS
                    SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id FROM matter WHERE state IN ('closed', 'withdrawn');
                CREATE TEMP TABLE copy_of AS
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :size)
                    SELECT :base + n.i AS id, ended.id AS src FROM n JOIN ended ON ended.k = n.i % (SELECT COUNT(*) FROM ended);
                INSERT INTO matter (id, number, kind, title, domain, from_org, to_org, subject_org, state, created_on, issued_on,
                    served_on, due, replied_on, closed_on, scheduled_on, summary, variant, urgent_amount, urgent_unit, outcome,
                    rectification, escalations, version)
                SELECT c.id, '', kind, title || c.id, domain, from_org, to_org, subject_org, state, created_on, issued_on,
                    served_on, due, replied_on, closed_on, scheduled_on, summary, variant, urgent_amount, urgent_unit, outcome,
                    rectification, escalations, version
                FROM copy_of c JOIN matter src ON src.id = c.src;
                INSERT INTO matter_copy (matter_id, org_id)
                    SELECT c.id, mc.org_id FROM copy_of c JOIN matter_copy mc ON mc.matter_id = c.src;
                INSERT INTO inbox_entry (org_id, sort_key, matter_id)
                    SELECT e.org_id, substr(e.sort_key, 1, length(e.sort_key) - 12) || printf('%012d', 999999999999 - c.id), c.id
                    FROM copy_of c JOIN inbox_entry e ON e.matter_id = c.src;
                DROP TABLE copy_of;
                DROP TABLE ended;
                """, arguments: args)
        }
        let store = try Store(existing: path)
        let state = try Fixtures.state(store, user: "wangjian")
        #expect(state.totalVisible > Self.size / 2, "\(state.totalVisible)")
        #expect(state.inbox.count <= state.windowLimit)
        // What the reads did, from SQLite's own counters on the connection's statements.
        let (fullScanSteps, steps) = try store.writer.read { db -> (Int32, Int32) in
            var full: Int32 = 0, vm: Int32 = 0
            var statement = sqlite3_next_stmt(db.sqliteConnection, nil)
            while let s = statement {
                full += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0)
                vm += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0)
                statement = sqlite3_next_stmt(db.sqliteConnection, s)
            }
            return (full, vm)
        }
        print("LargeInboxRead: opening \(state.totalVisible) visible matters took \(steps) VM steps, \(fullScanSteps) full-scan steps")
        #expect(fullScanSteps == 0)
        #expect(steps > 0 && steps < Int32(Self.size), "fewer steps than matters: \(steps)")
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
