import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// Every matter row of the database, decoded (bypassing access: for tests only).
func allMatters(_ store: Store) throws -> [Matter] {
    try store.read { db in try Store.decode(MatterRecord.fetchAll(db, sql: "SELECT * FROM matter"), db) }
}

@Suite struct StoreTests {
    @Test func opensInWALModeWithABusyTimeout() throws {
        let store = try Fixtures.demoStore()
        let mode = try store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let timeout = try store.read { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
        #expect(timeout == 10_000)
    }

    @Test func aNewDatabaseIsTheOwnersOnly() throws {
        let dir = try Fixtures.temporaryDirectory().appendingPathComponent("nested")
        let store = try Store(path: dir.appendingPathComponent("db.sqlite").path)
        try store.initialise(organisations: [Organisation(id: "sys", name: "系统管理", party: .admin)], admin: "admin", on: Fixtures.today)
        for file in ["db.sqlite", "db.sqlite-wal"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(file).path)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0, "\(file)")
        }
        let folder = try FileManager.default.attributesOfItem(atPath: dir.path)
        #expect((folder[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
    }

    @Test func migrationsAreNamedAndAppliedOnce() throws {
        let store = try Fixtures.demoStore()
        let applied = try store.writer.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1-organisations-users-matters-events", "v2-whole-domain-checked", "v3-audit-chain", "v4-ssh-keys", "v5-drafts", "v6-inbox-index", "v7-text-index-on-change", "v8-drafts-for-their-sender", "v9-document-sequence-from-the-log", "v10-matter-links", "v11-organisation-active", "v12-service-record", "v13-training-and-case-study", "v15-sign-off", "v16-invitees", "v17-plan-and-consultation", "v18-need-to-know", "v19-planned-days", "v20-calendars-and-rules", "v21-counties", "v22-county-clock"])
        // Reopening the same file migrates nothing and keeps the data.
        let again = try Store(path: store.path)
        #expect(try again.organisations().count == (try store.organisations().count))
    }

    /// A database from before v9 kept only the numbers the sequence gave: the case system's highest number, amended
    /// away, was forgotten. v9 reads every number the log and the matters hold, so the sequence goes past it.
    @Test func theSequenceMigrationGoesPastEveryNumberInTheLog() throws {
        let store = try Fixtures.demoStore()
        let wang = try store.viewer("wangjian")
        let context = try Fixtures.context()
        func suggestion() throws -> Matter {
            try store.create(NewMatter(kind: .suggestion, title: "编号测试", domain: .ecology, to: "hbj", date: Fixtures.today),
                             by: wang, context: context)
        }
        let first = try store.act(try suggestion().id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        let p = try #require(DocumentNumber.parts(first.number))
        let high = DocumentNumber.make(prefix: p.prefix, year: p.year, sequence: p.sequence + 50)
        let given = try store.act(try suggestion().id, .issue, input: ActionInput(date: Fixtures.today, documentNumber: high),
                                  by: wang, context: context)
        try store.act(given.id, .amend, input: ActionInput(date: Fixtures.today, text: "更正",
                                                           documentNumber: DocumentNumber.make(prefix: p.prefix, year: p.year, sequence: p.sequence + 40)),
                      by: wang, context: context)
        // As v8 left it: the sequence knew only the numbers it gave.
        try store.write { db in
            try db.execute(sql: "UPDATE document_sequence SET last = ? WHERE prefix = ? AND year = ?", arguments: [p.sequence, p.prefix, p.year])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v9-document-sequence-from-the-log'")
        }
        let reopened = try Store(existing: store.path)
        let next = try reopened.act(try reopened.create(
            NewMatter(kind: .suggestion, title: "编号测试", domain: .ecology, to: "hbj", date: Fixtures.today), by: wang, context: context).id,
            .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        #expect(next.number == DocumentNumber.make(prefix: p.prefix, year: p.year, sequence: p.sequence + 51))
        #expect(try reopened.verifyAudit().isIntact)
    }

    /// `issue` goes past a number on a matter that the sequence does not know (a row written around it), whether it
    /// is as long as the sequence's number and after it, or longer; a shorter one, below the sequence, is passed over.
    @Test func issueGoesPastANumberOnAMatterTheSequenceDoesNotKnow() throws {
        let store = try Fixtures.demoStore()
        let wang = try store.viewer("wangjian")
        let context = try Fixtures.context()
        func issued(_ number: String? = nil) throws -> Matter {
            let m = try store.create(NewMatter(kind: .suggestion, title: "编号测试", domain: .ecology, to: "hbj", date: Fixtures.today),
                                     by: wang, context: context)
            return try store.act(m.id, .issue, input: ActionInput(date: Fixtures.today, documentNumber: number), by: wang, context: context)
        }
        let first = try issued()
        let p = try #require(DocumentNumber.parts(first.number))
        var last = p.sequence
        for sequence in [last + 5, (last + 10) * 1000 + 7] {
            _ = try issued(DocumentNumber.make(prefix: p.prefix, year: p.year, sequence: sequence))
            // The sequence as if it had not seen it.
            try store.write { db in
                try db.execute(sql: "UPDATE document_sequence SET last = ? WHERE prefix = ? AND year = ?", arguments: [last, p.prefix, p.year])
            }
            let next = try issued()
            #expect(next.number == DocumentNumber.make(prefix: p.prefix, year: p.year, sequence: sequence + 1))
            last = sequence + 1
        }
        #expect(try store.verifyAudit().isIntact)
    }

    /// The frozen migration's CHECK lists are the domain's cases: a new case must come with a new migration.
    @Test func schemaChecksListTheDomainsValues() {
        #expect(Schema.v2Kinds + Schema.v17Kinds == MatterKind.allCases.map(\.rawValue))
        #expect(Schema.v2States == MatterState.allCases.map(\.rawValue))
        #expect(Schema.v2Domains == DomainArea.allCases.map(\.rawValue))
        #expect(Schema.v2Variants + Schema.v13Variants == MatterVariant.allCases.map(\.rawValue))
        #expect(Schema.v2Outcomes == Outcome.allCases.map(\.rawValue))
        #expect(Schema.v2Escalations == EscalationOption.allCases.map(\.rawValue))
        #expect(Schema.v2MatterActions + ["reclock"] == EventAction.allCases.map(\.rawValue))
        #expect(Schema.v2Units == PeriodUnit.allCases.map(\.rawValue))
    }

    /// v13 makes the matter table again with the wider variant list: before it a training meeting breaks the CHECK,
    /// after it the rows, their text index, indexes and triggers are as they were and it is accepted.
    @Test func version13AdmitsTrainingAndCaseStudyAndKeepsTheRowsAndTheirTextIndex() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("v12.sqlite").path
        let pool = try DatabasePool(path: path)
        try Schema.migrator.migrate(pool, upTo: "v12-service-record")
        let insert = { (title: String, variant: String) in """
            INSERT INTO matter (number, kind, title, domain, from_org, to_org, state, created_on, summary, variant, escalations, version)
                VALUES ('', 'meeting', '\(title)', 'other', 'sfj', 'jcy', 'draft', '2025-07-20', '', '\(variant)', '', 1)
            """ }
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO organisation (id, name, party, domains, code) VALUES ('jcy', '文水县人民检察院', 'procuratorate', '', '文检'),
                    ('sfj', '文水县司法局', 'justice', '', '文司');
                """)
            try db.execute(sql: insert("行政执法座谈交流会", "exchange"))
            try db.execute(sql: "UPDATE matter SET service = 'post', received_on = '2025-07-21' WHERE id = 1")
        }
        #expect(throws: DatabaseError.self) { try pool.write { db in try db.execute(sql: insert("执法培训", "training")) } }
        let (indexes, triggers) = try pool.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'matter' AND type = 'index' ORDER BY name"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'matter' AND type = 'trigger' ORDER BY name"))
        }
        try Schema.migrator.migrate(pool)
        try pool.write { db in
            try db.execute(sql: insert("执法培训", "training"))
            try db.execute(sql: insert("典型案例研讨", "case-study"))
            #expect(try String.fetchAll(db, sql: "SELECT variant FROM matter ORDER BY id") == ["exchange", "training", "case-study"])
            #expect(try String.fetchOne(db, sql: "SELECT service || ' ' || received_on FROM matter WHERE id = 1") == "post 2025-07-21")
            #expect(try Int.fetchAll(db, sql: "SELECT rowid FROM matter_text WHERE matter_text MATCH '座谈交流'") == [1])
            #expect(try Int.fetchAll(db, sql: "SELECT rowid FROM matter_text WHERE matter_text MATCH '案例研讨'") == [3])
            // (v19 adds the index of planned days.)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'matter' AND type = 'index' ORDER BY name")
                .filter { $0 != "matter_scheduled" } == indexes)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'matter' AND type = 'trigger' ORDER BY name") == triggers)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        #expect(!triggers.isEmpty && !indexes.isEmpty)
    }

    /// v17 makes the matter table again with the wider kind list: before it a consultation breaks the CHECK, after it
    /// the rows, their links, text index, indexes and triggers are as they were and it is accepted.
    @Test func version17AdmitsConsultationAndKeepsTheRowsTheirLinksAndTheirTextIndex() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("v13.sqlite").path
        let pool = try DatabasePool(path: path)
        try Schema.migrator.migrate(pool, upTo: "v13-training-and-case-study")
        let insert = { (title: String, kind: String, to: String) in """
            INSERT INTO matter (number, kind, title, domain, from_org, to_org, state, created_on, summary, escalations, version)
                VALUES ('', '\(kind)', '\(title)', 'other', 'jcy', '\(to)', 'draft', '2025-07-20', '', '', 1)
            """ }
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO organisation (id, name, party, domains, code) VALUES ('jcy', '文水县人民检察院', 'procuratorate', '', '文检'),
                    ('sfj', '文水县司法局', 'justice', '', '文司');
                """)
            try db.execute(sql: insert("行政执法座谈交流会", "meeting", "sfj"))
            try db.execute(sql: insert("座谈会发现的问题", "transfer", "sfj"))
            try db.execute(sql: "INSERT INTO event (matter_id, on_date, actor, action, state_after) VALUES (2, '2025-07-20', 'wangjian', 'create', 'draft')")
            try db.execute(sql: "INSERT INTO matter_link (matter_id, follows_id, event_id) VALUES (2, 1, 1)")
        }
        #expect(throws: DatabaseError.self) { try pool.write { db in try db.execute(sql: insert("规范性文件备案咨询", "consultation", "sfj")) } }
        let (indexes, triggers) = try pool.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'matter' AND type = 'index' ORDER BY name"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'matter' AND type = 'trigger' ORDER BY name"))
        }
        try Schema.migrator.migrate(pool)
        try pool.write { db in
            try db.execute(sql: insert("规范性文件备案咨询", "consultation", "sfj"))
            #expect(try String.fetchAll(db, sql: "SELECT kind FROM matter ORDER BY id") == ["meeting", "transfer", "consultation"])
            #expect(try Int.fetchAll(db, sql: "SELECT rowid FROM matter_text WHERE matter_text MATCH '座谈交流'") == [1])
            #expect(try Int.fetchAll(db, sql: "SELECT rowid FROM matter_text WHERE matter_text MATCH '备案咨询'") == [3])
            #expect(try Int.fetchAll(db, sql: "SELECT follows_id FROM matter_link WHERE matter_id = 2") == [1])
            // (v19 adds the index of planned days.)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'matter' AND type = 'index' ORDER BY name")
                .filter { $0 != "matter_scheduled" } == indexes)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'matter' AND type = 'trigger' ORDER BY name") == triggers)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // A kind outside the list is still refused.
            #expect(throws: DatabaseError.self) { try db.execute(sql: insert("x", "plenary", "sfj")) }
        }
        #expect(!triggers.isEmpty && !indexes.isEmpty)
    }

    /// A demo database made by the first shipped schema migrates forward with its matters and histories.
    @Test func aVersionOneDemoDatabaseMigratesForward() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("v1.sqlite").path
        let pool = try DatabasePool(path: path)
        try Schema.migrator.migrate(pool, upTo: "v1-organisations-users-matters-events")
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO setting VALUES ('demo', '1');
                INSERT INTO organisation (id, name, party, domains) VALUES ('jcy', '文水县人民检察院', 'procuratorate', ''),
                    ('hbj', '吕梁市生态环境局文水分局', 'department', 'ecology'), ('xt', '系统管理', 'admin', '');
                INSERT INTO user_account (name, display_name, org_id, role) VALUES ('wangjian', '王建国', 'jcy', 'handler');
                INSERT INTO matter (number, kind, title, domain, from_org, to_org, subject_org, state, created_on, served_on, due, issued_on)
                    VALUES ('文检行建〔2025〕1号', 'suggestion', '关于汾河排污口整治的检察建议', 'ecology', 'jcy', 'hbj', 'hbj', 'served',
                            '2025-07-20', '2025-07-25', '2025-09-25', '2025-07-20');
                INSERT INTO event (matter_id, on_date, actor, action, text, document_number, state_after) VALUES
                    (1, '2025-07-20', 'wangjian', 'create', 't', NULL, 'draft'),
                    (1, '2025-07-20', 'wangjian', 'issue', '', '文检行建〔2025〕1号', 'issued'),
                    (1, '2025-07-25', 'wangjian', 'serve', '', NULL, 'served');
                """)
        }
        let store = try Store(path: path)
        let viewer = try store.viewer("wangjian")
        let m = try #require(try store.matter(1, for: viewer))
        #expect(m.version == 3 && m.state == .served && m.due == CivilDate("2025-09-25"))
        #expect(try store.events(of: 1, for: viewer).map(\.action) == [.create, .step(.issue), .step(.serve)])
        #expect(try store.organisations().first { $0.id == "jcy" }?.code == "文检")
        #expect(try store.organisations().allSatisfy(\.active), "every organisation there before v11 is in use")
        // The migrated matter goes on through the write path.
        let next = try store.act(1, .remind, input: ActionInput(date: CivilDate("2025-09-29")!), by: viewer, expecting: 3,
                                 context: try Fixtures.context())
        #expect(next.version == 4)
    }

    @Test func demoDataSetIsRealistic() throws {
        let store = try Fixtures.demoStore()
        let orgs = try store.organisations()
        let departments = orgs.filter { $0.party == .department }
        #expect((14...18).contains(departments.count))
        // Every Art. 4 domain has at least one department.
        let covered = Set(departments.flatMap(\.domains))
        #expect(covered.isSuperset(of: DomainArea.allCases.filter { $0 != .other }))
        let users = try store.users()
        for party in [Party.procuratorate, .justice] {
            #expect(users.filter { u in orgs.first { $0.id == u.org }?.party == party }.count >= 2)
        }
        let all = try allMatters(store)
        #expect(all.count >= 36)
        #expect(Set(all.map(\.kind)) == Set(MatterKind.allCases))
        // Every terminal state, and the open states the workflows pass through.
        #expect(Set(all.map(\.state)).isSuperset(of: [.draft, .issued, .served, .inProgress, .replied, .escalated, .closed, .withdrawn]))
        // Deadlines fall before, on and after the demo's today.
        let dues = all.compactMap(\.pendingDue)
        let today = Fixtures.today
        #expect(dues.contains { $0 < today })
        #expect(dues.contains { $0 >= today && $0 <= today.adding(days: 7) })
        #expect(dues.contains { $0 > today.adding(days: 7) })
        #expect(all.allSatisfy { $0.state == .draft || DocumentNumber.isWellFormed($0.number) })
    }

    /// The demo's escalation waits for an overdue reply: around the Spring Festival (2026-02-20) the holiday pushes
    /// the deadline past the data set's escalation day, which once made the seeding fail; generated rounds too.
    @Test(arguments: ["2026-02-20", "2026-03-02"])
    func theDemoEscalatesOnlyOverdueReplies(today: String) throws {
        let store = try Store.inMemory()
        try store.seedDemo(try Fixtures.demoDataSet(), today: CivilDate(today)!, clock: try Fixtures.clock(), admin: "admin", generated: 90)
        let all = try allMatters(store)
        #expect(all.count > 90)
        for m in all where m.state == .escalated { #expect(m.due.map { $0 < CivilDate(today)! } == true, "\(m.number)") }
        #expect(Set(all.map(\.number)).count == all.filter { !$0.number.isEmpty }.count + (all.contains { $0.number.isEmpty } ? 1 : 0))
    }

    @Test func demoDeadlinesSkipHolidays() throws {
        let all = try allMatters(try Fixtures.demoStore())
        let national = try #require(all.first { $0.servedOn == CivilDate("2025-08-01") })
        #expect(national.due == CivilDate("2025-10-09"))
        let spring = try #require(all.first { $0.servedOn == CivilDate("2025-12-15") })
        #expect(spring.due == CivilDate("2026-02-24"))
    }

    /// With an early today, nothing of the demo is dated after it: items with later fixed dates are left out.
    @Test func theDemoHoldsNothingAfterItsToday() throws {
        let today = CivilDate("2025-09-29")!
        let store = try Fixtures.demoStore(today: today)
        let all = try allMatters(store)
        #expect(!all.isEmpty)
        for m in all {
            let dates = [m.createdOn, m.issuedOn, m.servedOn, m.repliedOn, m.closedOn].compactMap { $0 }
            #expect(dates.allSatisfy { $0 <= today }, "\(m.number)")
        }
        let days = try store.read { db in try String.fetchAll(db, sql: "SELECT on_date FROM event") }
        #expect(days.allSatisfy { CivilDate($0)! <= today })
    }

    @Test func theEventLogIsAppendOnly() throws {
        let store = try Fixtures.demoStore()
        #expect(throws: DatabaseError.self) {
            try store.write { db in try db.execute(sql: "UPDATE event SET text = 'forged'") }
        }
        #expect(throws: DatabaseError.self) {
            try store.write { db in try db.execute(sql: "DELETE FROM event") }
        }
        let count = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") } ?? 0
        #expect(count > 100)
    }

    @Test func everyMatterHasItsHistory() throws {
        let store = try Fixtures.demoStore()
        let viewer = try store.viewer("wangjian")
        for m in try store.matters(for: viewer, includeClosed: true) {
            let events = try store.events(of: m.id, for: viewer)
            #expect(events.first?.action == .create)
            #expect(events.last?.stateAfter == m.state)
            #expect(events.count == m.version)
        }
    }

    /// The SQL filter and the domain's policy must agree for every user and every demo matter.
    @Test func readsAreFilteredExactlyByTheAccessPolicy() throws {
        let store = try Fixtures.demoStore()
        let all = try allMatters(store)
        for user in try store.users() {
            let viewer = try store.viewer(user.name)
            let visible = Set(try store.matters(for: viewer, includeClosed: true).map(\.id))
            let expected = Set(all.filter { AccessPolicy.canSee(viewer, $0) }.map(\.id))
            #expect(visible == expected, "user \(user.name)")
            #expect(try store.inboxSummary(for: viewer, InboxQuery(scope: .all, filter: InboxFilter("", today: Fixtures.today, window: 7)), today: Fixtures.today, window: 7).total == expected.count)
            for m in all {
                #expect((try store.matter(m.id, for: viewer) != nil) == expected.contains(m.id))
                #expect(try store.events(of: m.id, for: viewer).isEmpty == !expected.contains(m.id))
            }
        }
    }

    @Test func referralsAreHiddenFromTheDepartmentConcerned() throws {
        let store = try Fixtures.demoStore()
        let department = try store.viewer("scjgj.ren")
        let seen = try store.matters(for: department, includeClosed: true)
        #expect(!seen.contains { $0.kind == .referral })
        #expect(!seen.isEmpty)
        let procurator = try store.viewer("wangjian")
        #expect(try store.matters(for: procurator, includeClosed: true).contains { $0.kind == .referral && $0.subjectOrg == "scjgj" })
    }

    /// A clue referral to the discipline commission about a department is hidden from that department by every read:
    /// the list, the inbox (every page, and its counts), one matter, its history, the export, the changes polled.
    /// Its sender and the commission see it.
    @Test func aReferralIsHiddenFromTheDepartmentItConcerns() throws {
        let store = try Fixtures.demoStore()
        let context = try Fixtures.context()
        let wang = try store.viewer("wangjian")
        let department = try store.viewer("scjgj.ren")
        let mark = try store.changes(after: 0, for: department).lastEventID
        let made = try store.create(NewMatter(kind: .referral, title: "关于某执法人员的线索移送", domain: .foodDrug, to: "jw",
                                              date: Fixtures.today, subjectOrg: "scjgj"), by: wang, context: context)
        let referral = try store.act(made.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        #expect(referral.subjectOrg == "scjgj" && referral.state.isOpen)
        let everything = InboxQuery(scope: .all, filter: InboxFilter("", today: Fixtures.today, window: 7))

        #expect(try !store.matters(for: department, includeClosed: true).contains { $0.id == referral.id })
        #expect(try !Fixtures.everyInboxRow(store, department, everything).contains { $0.id == referral.id })
        #expect(try store.matter(referral.id, for: department) == nil)
        #expect(try store.events(of: referral.id, for: department).isEmpty)
        #expect(try !store.exchange(for: department).contains { $0.matter.id == referral.id })
        #expect(try !store.changes(after: mark, for: department).events.contains { $0.matterID == referral.id })
        #expect(try store.inboxSummary(for: department, everything, today: Fixtures.today, window: 7).total
                == (try store.matters(for: department, includeClosed: true).count))
        // The department sees other matters; the sender sees this one (the demo's commission has no users).
        #expect(try !store.matters(for: department, includeClosed: true).isEmpty)
        #expect(try store.matter(referral.id, for: wang) != nil)
        #expect(try Fixtures.everyInboxRow(store, wang, everything).contains { $0.id == referral.id })
    }

    @Test func unknownAndDisabledUsersAreRefused() throws {
        let store = try Fixtures.demoStore()
        #expect(throws: Store.Failure.unknownUser("nobody")) { try store.viewer("nobody") }
        try store.write { db in try db.execute(sql: "UPDATE user_account SET active = 0 WHERE name = 'liuyang'") }
        #expect(throws: Store.Failure.disabledUser("liuyang")) { try store.viewer("liuyang") }
    }

    @Test func theChangeTokenMovesWithEveryWriteFromAnotherConnection() throws {
        let store = try Fixtures.demoStore()
        let before = try store.changeToken()
        let other = try Store(path: store.path)
        try other.add(Organisation(id: "new", name: "新单位", party: .department), by: try other.viewer("admin"), on: Fixtures.today)
        #expect(try store.changeToken() != before)
    }

    /// A row edited behind the program's back is an error naming the table, row and column, never a default.
    @Test(arguments: [
        ("kind", "'bogus'"), ("state", "'lost'"), ("domain", "'sea'"), ("created_on", "'2025-02-30'"),
        ("outcome", "'maybe'"), ("escalations", "'report-upper,nope'"), ("urgent_unit", "'weeks'"),
    ])
    func aRowThatDoesNotDecodeIsNamed(column: String, value: String) throws {
        let store = try Fixtures.demoStore()
        let id = try #require(try allMatters(store).first?.id)
        try store.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE matter SET \(column) = \(value), urgent_amount = 5 WHERE id = ?", arguments: [id])
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        let viewer = try store.viewer("wangjian")
        do {
            _ = try store.matters(for: viewer, includeClosed: true)
            Issue.record("a damaged row was read as a matter")
        } catch let Store.Failure.corruptRow(table, row, col, _) {
            #expect(table == "matter" && row == String(id))
            #expect(col == column || (column == "urgent_unit" && col == "urgent_unit"))
        }
    }

    /// Without ignoring them, the CHECK constraints refuse what the domain cannot hold.
    @Test func checkConstraintsRefuseValuesTheDomainHasNot() throws {
        let store = try Fixtures.demoStore()
        for sql in ["UPDATE matter SET kind = 'bogus'", "UPDATE matter SET due = '2025-9-1'", "UPDATE matter SET state = ''",
                    "UPDATE matter SET version = 0", "INSERT INTO event (matter_id, on_date, actor, action) VALUES (1, '2025-01-01', 'x', 'forge')"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.write { db in try db.execute(sql: sql) } }
        }
    }
}

@Suite struct DemoConsistencyTests {
    /// Every demo matter stands in a state its kind's workflow can reach, and each event of its
    /// history is a step the workflow allows from the state before it.
    @Test func demoHistoriesFollowTheWorkflow() throws {
        let store = try Fixtures.demoStore()
        for m in try allMatters(store) {
            let steps = Workflow.steps(of: m.kind)
            let events = try store.read { db in
                try EventRecord.fetchAll(db, sql: "SELECT * FROM event WHERE matter_id = ? ORDER BY id", arguments: [m.id])
            }.map { try $0.domain() }
            var state = MatterState.draft
            #expect(events.first?.action == .create)
            for e in events.dropFirst() {
                guard case .step(let action) = e.action else { Issue.record("\(m.number): a second create"); continue }
                let step = steps.first { $0.action == action && $0.from.contains(state) }
                #expect(step != nil, "\(m.number): \(action) from \(state)")
                state = step?.to ?? state
                #expect(e.stateAfter == state)
            }
            #expect(state == m.state, "\(m.number) ends in \(state), stored \(m.state)")
        }
    }
}
