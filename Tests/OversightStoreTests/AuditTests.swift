import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The hash chain of the event log, on real WAL files in a temporary folder: what the program writes verifies, and
/// each change made behind its back (another connection, the triggers dropped) is caught at the right event.
@Suite struct AuditTests {
    /// Another connection to the same file, as the sqlite3 shell would be: no foreign keys, no append-only triggers.
    func tamper(_ store: Store, _ sql: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let other = try DatabaseQueue(path: store.path, configuration: config)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS event_no_update; DROP TRIGGER IF EXISTS event_no_delete;")
            try db.execute(sql: sql)
        }
        try other.close()
    }

    func problem(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws -> AuditProblem? {
        guard case .broken(let p) = try store.verifyAudit() else {
            Issue.record("the audit found the log intact", sourceLocation: sourceLocation)
            return nil
        }
        return p
    }

    func int(_ store: Store, _ sql: String) throws -> Int64 {
        try store.read { db in try Int64.fetchOne(db, sql: sql) ?? -1 }
    }

    /// A demo store with a few more steps taken through the write path, so the chain crosses every kind of write.
    func store(_ name: String = #function) throws -> Store {
        let store = try Fixtures.demoStore(name: name)
        let viewer = try store.viewer("wangjian")
        let context = try Fixtures.context()
        let m = try store.create(NewMatter(kind: .suggestion, title: "审计链测试", domain: .ecology, to: "hbj", date: Fixtures.today,
                                           copiedTo: ["sfj"]), by: viewer, context: context)
        try store.act(m.id, .issue, input: ActionInput(date: Fixtures.today), by: viewer, context: context)
        try store.act(m.id, .note, input: ActionInput(date: Fixtures.today, text: "跟进"), by: viewer, context: context)
        try store.add(Organisation(id: "new", name: "新单位", party: .department), by: try store.viewer("admin"), on: Fixtures.today)
        return store
    }

    @Test func whatTheProgramWritesVerifies() throws {
        let store = try store()
        let outcome = try store.verifyAudit()
        let count = try int(store, "SELECT COUNT(*) FROM event")
        let head = try store.read { db in try String.fetchOne(db, sql: "SELECT hash FROM event ORDER BY id DESC LIMIT 1") }
        #expect(outcome == .intact(events: Int(count), matters: Int(try int(store, "SELECT COUNT(*) FROM matter")), head: head!))
        // Each event links to the one before; the first to the genesis value; every matter event records a state.
        let rows = try store.read { db in try Row.fetchAll(db, sql: "SELECT prev_hash, hash, matter_id, matter_digest FROM event ORDER BY id") }
        #expect(rows.first?["prev_hash"] == AuditChain.genesis)
        for (a, b) in zip(rows, rows.dropFirst()) { #expect(b["prev_hash"] as String? == a["hash"] as String?) }
        #expect(rows.allSatisfy { ($0["matter_id"] as Int64?) == nil || ($0["matter_digest"] as String?) != nil })
        #expect(Set(rows.map { $0["hash"] as String }).count == rows.count)
    }

    /// The serialization covers every column but those named as left out of version 1 (migration v12's manner of
    /// service and receipt, on the matter and on its `serve` event): any other column added by a later migration
    /// needs a new chain version.
    @Test func theChainCoversEveryColumnButTheNamedOnes() throws {
        let store = try Store.inMemory()
        let columns = { (table: String) in
            try store.writer.read { db in try db.columns(in: table).map(\.name) }
        }
        #expect(AuditChain.unchainedEventColumns == ["service", "received_on"])
        let unchainedMatter = MatterField.all.filter { $0.audit == nil }.flatMap(\.storage.columns)
        #expect(unchainedMatter == ["service", "received_on"])
        #expect(Set(try columns("event")) == Set(AuditChain.eventColumns + ["prev_hash", "hash"] + AuditChain.unchainedEventColumns))
        #expect(Set(try columns("matter")) == Set(AuditChain.matterColumns + unchainedMatter))
    }

    @Test func anEditedEventIsNamed() throws {
        let store = try store()
        let id = try int(store, "SELECT id FROM event WHERE matter_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 20")
        try tamper(store, "UPDATE event SET text = text || '（改）' WHERE id = \(id)")
        let p = try #require(try problem(store))
        #expect(p.kind == .edited && p.event == id)
        #expect(p.detail.contains("event \(id)"))
    }

    /// Each column of an event edited in turn (with the sqlite3 shell's means: triggers dropped, values its CHECKs
    /// accept) is named at that event: the state the event produced, its outcome, its due date, its place in the
    /// chain — no column is left out of the hash or the links.
    @Test(arguments: AuditChain.eventColumns + ["prev_hash", "hash"])
    func eachEditedColumnOfAnEventIsNamed(column: String) throws {
        let store = try store(#function + column)
        // The issue of the matter `store()` made: a document number, a state after, a digest of the matter.
        let row = try #require(try store.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM event WHERE action = 'issue' ORDER BY id DESC LIMIT 1")
        })
        let id: Int64 = row["id"]
        func other<T: RawRepresentable & CaseIterable>(_: T.Type) -> String where T.RawValue == String {
            "'" + T.allCases.map(\.rawValue).first { $0 != row[column] as String? }! + "'"
        }
        let value: String = switch column {
        case "id": "id + 100000"
        case "matter_id": "(SELECT MIN(id) FROM matter WHERE id <> \(row["matter_id"] as Int64))"
        case "on_date", "due_after": (row[column] as String?) == "2020-01-02" ? "'2020-01-03'" : "'2020-01-02'"
        case "recorded_at": "'2020-01-02T00:00:00.000Z'"
        case "actor": (row[column] as String) == "admin" ? "'wangjian'" : "'admin'"
        case "action": "'note'"
        case "text", "document_number": "COALESCE(\(column), '') || '改'"
        case "state_after": other(MatterState.self)
        case "outcome": other(Outcome.self)
        case "escalation": other(EscalationOption.self)
        case "matter_digest", "prev_hash", "hash": "'\(String(repeating: "e", count: 64))'"
        default: "unknown"
        }
        try #require(value != "unknown", "a new column of the event needs an edit here: \(column)")
        try tamper(store, "UPDATE event SET \(column) = \(value) WHERE id = \(id)")
        let p = try #require(try problem(store), "\(column) edited")
        #expect(p.event == id, "\(column): \(p)")
        #expect(p.detail.contains("event \(id)"), "\(column): \(p.detail)")
        let kind: AuditProblem.Kind = switch column {
        case "id": .missing
        case "prev_hash": .chainBroken
        default: .edited
        }
        #expect(p.kind == kind, "\(column): \(p)")
    }

    @Test func aDeletedEventIsNamed() throws {
        let store = try store()
        let id = try int(store, "SELECT id FROM event ORDER BY id LIMIT 1 OFFSET 30")
        try tamper(store, "DELETE FROM event WHERE id = \(id)")
        let p = try #require(try problem(store))
        #expect(p.kind == .missing && p.event == id, "\(p)")
    }

    @Test func theLastEventDeletedIsNamed() throws {
        let store = try store()
        let last = try int(store, "SELECT MAX(id) FROM event")
        try tamper(store, "DELETE FROM event WHERE id = \(last)")
        let p = try #require(try problem(store))
        #expect(p.kind == .missing && p.event == last, "\(p)")
    }

    @Test(arguments: [false, true])
    func swappedEventsAreNamed(withTheirHashes: Bool) throws {
        let store = try store()
        let a = try int(store, "SELECT id FROM event ORDER BY id LIMIT 1 OFFSET 10")
        let b = a + 7
        let columns = (AuditChain.eventColumns.filter { $0 != "id" } + (withTheirHashes ? ["prev_hash", "hash"] : []))
        let assign = columns.map { "\($0) = (SELECT \($0) FROM swap WHERE swap.id = CASE event.id WHEN \(a) THEN \(b) ELSE \(a) END)" }
        try tamper(store, """
            CREATE TEMP TABLE swap AS SELECT * FROM event WHERE id IN (\(a), \(b));
            UPDATE event SET \(assign.joined(separator: ", ")) WHERE id IN (\(a), \(b));
            """)
        let p = try #require(try problem(store))
        #expect(p.event == a, "\(p)")
        #expect(p.kind == (withTheirHashes ? .chainBroken : .edited))
    }

    @Test func anEditedMatterIsNamedWithItsLastEvent() throws {
        let store = try store()
        let matter = try int(store, "SELECT id FROM matter ORDER BY id LIMIT 1 OFFSET 5")
        let last = try int(store, "SELECT MAX(id) FROM event WHERE matter_id = \(matter)")
        try tamper(store, "UPDATE matter SET title = title || '（改）' WHERE id = \(matter)")
        let p = try #require(try problem(store))
        #expect(p.kind == .matterEdited && p.matter == matter && p.event == last, "\(p)")
    }

    @Test func aCopyAddedBehindTheProgramsBackIsAMatterEdit() throws {
        let store = try store()
        let matter = try int(store, "SELECT id FROM matter WHERE id NOT IN (SELECT matter_id FROM matter_copy) ORDER BY id LIMIT 1")
        try tamper(store, "INSERT INTO matter_copy (matter_id, org_id) VALUES (\(matter), 'jw')")
        let p = try #require(try problem(store))
        #expect(p.kind == .matterEdited && p.matter == matter, "\(p)")
    }

    @Test func aMatterWithoutEventsAndAnEventWithoutMatterAreNamed() throws {
        let store = try store()
        try tamper(store, """
            INSERT INTO matter (number, kind, title, domain, from_org, to_org, state, created_on)
            VALUES ('', 'suggestion', '凭空出现', 'other', 'jcy', 'hbj', 'draft', '2025-09-01')
            """)
        #expect(try problem(store)?.kind == .matterWithoutEvents)

        let other = try self.store()
        let matter = try int(other, "SELECT id FROM matter ORDER BY id LIMIT 1")
        let first = try int(other, "SELECT MIN(id) FROM event WHERE matter_id = \(matter)")
        try tamper(other, "DELETE FROM matter WHERE id = \(matter)")
        let p = try #require(try problem(other))
        #expect(p.kind == .matterGone && p.event == first, "\(p)")
    }

    @Test func anEventInsertedWithoutTheChainIsNamed() throws {
        let store = try store()
        try tamper(store, "INSERT INTO event (on_date, actor, action, text) VALUES ('2025-09-01', 'x', 'org-add', 'forged')")
        let p = try #require(try problem(store))
        let last = try int(store, "SELECT MAX(id) FROM event")
        #expect(p.kind == .unchained && p.event == last)
    }

    /// Whoever recomputes the whole chain after an edit is caught by the head an earlier verification recorded.
    @Test func aRecomputedChainIsCaughtByTheLastVerification() throws {
        let store = try store()
        #expect(try store.verifyAndRecordAudit().isIntact)
        let id = try int(store, "SELECT id FROM event ORDER BY id LIMIT 1 OFFSET 3")
        try tamper(store, "UPDATE event SET text = 'forged' WHERE id = \(id)")
        // Rechain everything from the edited event on, as AuditChain does.
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS event_no_update")
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM event WHERE id = ?", arguments: [id - 1])!
            for row in try Row.fetchAll(db, sql: "SELECT \(AuditChain.eventSelect) FROM event WHERE id >= ? ORDER BY id", arguments: [id]) {
                let hash = AuditChain.eventHash(row: row, previous: previous)
                try db.execute(sql: "UPDATE event SET prev_hash = ?, hash = ? WHERE id = ?", arguments: [previous, hash, row["id"]])
                previous = hash
            }
        }
        let p = try #require(try problem(store))
        let last = try int(store, "SELECT MAX(id) FROM event")
        #expect(p.kind == .rewritten && p.event == last, "\(p)")
    }

    @Test func theLastVerificationIsRecordedForTheAdministrator() throws {
        let store = try store()
        #expect(try store.health().lastAudit == nil)
        guard case .intact(let events, _, let head) = try store.verifyAndRecordAudit() else {
            Issue.record("not intact")
            return
        }
        let record = try #require(try store.health().lastAudit)
        #expect(record.intact && record.events == events && record.head == head && record.badEvent == nil)
        try tamper(store, "DELETE FROM event WHERE id = 5")
        #expect(try !store.verifyAndRecordAudit().isIntact)
        let bad = try #require(try store.health().lastAudit)
        #expect(!bad.intact && bad.badEvent == 5)
    }

    /// A database made before the chain (v2) gets it backfilled, its triggers as they were, and verifies.
    @Test func aVersionTwoDatabaseIsChainedByTheMigration() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("v2.sqlite").path
        let pool = try DatabasePool(path: path)
        try Schema.migrator.migrate(pool, upTo: "v2-whole-domain-checked")
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO organisation (id, name, party, domains, code) VALUES ('jcy', '文水县人民检察院', 'procuratorate', '', '文检'),
                    ('hbj', '吕梁市生态环境局文水分局', 'department', 'ecology', '文环'), ('xt', '系统管理', 'admin', '', '');
                INSERT INTO user_account (name, display_name, org_id, role) VALUES ('wangjian', '王建国', 'jcy', 'handler');
                INSERT INTO event (matter_id, on_date, actor, action, text) VALUES (NULL, '2025-07-01', 'admin', 'init', '3');
                INSERT INTO matter (number, kind, title, domain, from_org, to_org, state, created_on, issued_on, version)
                    VALUES ('文检行建〔2025〕1号', 'suggestion', '关于汾河排污口整治的检察建议', 'ecology', 'jcy', 'hbj', 'issued',
                            '2025-07-20', '2025-07-20', 2);
                INSERT INTO event (matter_id, on_date, actor, action, text, document_number, state_after) VALUES
                    (1, '2025-07-20', 'wangjian', 'create', 't', NULL, 'draft'),
                    (1, '2025-07-20', 'wangjian', 'issue', '', '文检行建〔2025〕1号', 'issued');
                """)
        }
        try pool.close()
        let store = try Store(existing: path)
        guard case .intact(3, 1, _) = try store.verifyAudit() else {
            Issue.record("the backfilled chain does not verify: \(try store.verifyAudit())")
            return
        }
        let triggers = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'event' ORDER BY name")
        }
        #expect(triggers == ["event_no_delete", "event_no_update"])
        #expect(throws: DatabaseError.self) { try store.write { db in try db.execute(sql: "UPDATE event SET text = 'x'") } }
        // The write path goes on from the backfilled chain.
        let viewer = try store.viewer("wangjian")
        try store.act(1, .serve, input: ActionInput(date: CivilDate("2025-07-25")!), by: viewer, context: try Fixtures.context())
        #expect(try store.verifyAudit().isIntact)
        // Only the matter's last event of that time could record the matter; the one before it records none.
        #expect(try int(store, "SELECT COUNT(*) FROM event WHERE matter_id = 1 AND matter_digest IS NULL") == 1)
    }

    @Test func aBackupIsAVerifiedPrivateCopy() throws {
        let store = try store()
        let file = try Fixtures.temporaryDirectory().appendingPathComponent("backup.sqlite").path
        let summary = try store.backup(to: file)
        #expect(summary.events == Int(try int(store, "SELECT COUNT(*) FROM event")))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let copy = try Store(existing: file)
        #expect(try copy.verifyAudit() == (try store.verifyAudit()))
        #expect(try copy.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(throws: Store.Failure.self) { try store.backup(to: file) }
    }

    /// A database migrated by a newer Oversight is refused, and left as it was.
    @Test func aNewerDatabaseIsRefused() throws {
        let store = try store()
        try tamper(store, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        #expect(throws: Store.Failure.newerDatabase(store.path, ["v99-from-the-future"])) { try Store(existing: store.path) }
        #expect(throws: Store.Failure.newerDatabase(store.path, ["v99-from-the-future"])) { try Store(path: store.path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
    }

    /// Opening an existing database to read it writes nothing: the file stays byte for byte, no side file is left.
    @Test func openingToReadWritesNothing() throws {
        // Made, then closed: the store is released when the closure returns.
        let path = try { () throws -> String in try store().path }()
        let dir = (path as NSString).deletingLastPathComponent
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        do {
            let store = try Store(existing: path)
            #expect(!store.isReadOnly)
            _ = try store.users()
            _ = try store.organisations()
            _ = try store.matters(for: try store.viewer("wangjian"), includeClosed: true)
            #expect(try store.verifyAudit().isIntact)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == filesBefore, "\(filesBefore)")
        #expect(throws: Store.Failure.noDatabase(dir + "/none.sqlite")) { try Store(existing: dir + "/none.sqlite") }
        #expect(throws: Store.Failure.notAFile(dir)) { try Store(existing: dir) }
    }
}
