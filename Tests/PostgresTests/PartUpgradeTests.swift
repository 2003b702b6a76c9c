import Foundation
import GRDB
import OversightDomain
import OversightStore
import OversightTestSupport
import Testing

@testable import OversightPostgres

/// A county's part made by the version before this one, upgraded in place (`oversight upgrade`): by the migrations a
/// SQLite file runs on itself, their changes of data included; the audit chain, every row and what each person sees
/// as they were; refused for a part of this version, of a newer one, or by someone who is not its administrator.
///
/// The older part is the demo as that version held it: the part made from that version's shape (`StoreShape.at`),
/// the demo's rows in its columns. The last migration (v22) keyed holiday notices and county rules by county: the
/// upgrade must give them back their county, which the older part did not hold.
@Suite(.serialized, .enabled(if: TestDatabase.available, "no PostgreSQL for this run (scripts/test starts one)"))
struct PartUpgradeTests {
    static let today = CivilDate("2026-11-30")!
    /// The migration the version before this one ended with.
    static var previous: String { StoreShape.current.migrations.dropLast().last! }

    /// The demo (with a county rule proposed) as a SQLite file, and its county moved into a fresh database as the
    /// version before this one would hold it.
    func olderPart(_ name: String) throws -> (source: Store, url: PostgresURL) {
        let demo = try Fixtures.demoStore(today: Self.today, name: name)
        try demo.propose(.clock(.transferFeedback), .days(20), source: "联席会议纪要（测试）", by: try demo.viewer("chenjie"),
                         book: try Fixtures.clock().settings.rules, on: Self.today)
        let url = try TestDatabase.fresh(name)
        let db = try PostgresSession.open(url)
        defer { db.close() }
        let shape = try #require(try StoreShape.at(Self.previous))
        let queue = try DatabaseQueue(path: demo.path)
        defer { try? queue.close() }
        try db.transaction {
            try PostgresSchema.create("wenshui", db, shape: shape)
            for table in MovedTables(shape: shape).tables where table.name != "inbox_tally" {
                _ = try queue.read { sqlite in try table.copy(from: sqlite, into: db) }
            }
            try PostgresSchema.advanceSequences("wenshui", db, shape: shape)
        }
        return (demo, url)
    }

    @Test func anOlderPartIsUpgradedInPlaceAndKeepsEverything() throws {
        let (source, url) = try olderPart(#function)
        // As it is, this version will not open it, and says what to do.
        #expect(throws: PostgresBackend.Problem.olderSchema("wenshui", [StoreShape.current.migrations.last!])) {
            try PostgresBackend.open(url, county: "wenshui")
        }
        let db = try PostgresSession.open(url)
        let done = try PartUpgrade(county: "wenshui").run(on: db, scratch: try Fixtures.temporaryDirectory(#function + "-scratch"))
        db.close()
        #expect(done.applied == [StoreShape.current.migrations.last!])

        let upgraded = Store(try PostgresBackend.open(url, county: "wenshui"))
        defer { try? upgraded.checkpointAndClose() }
        // The audit chain, the counts, and the rows v22 re-keyed, as the source (of this version) holds them.
        #expect(try upgraded.verifyAudit() == source.verifyAudit())
        #expect(try upgraded.notices(county: "wenshui") == source.notices(county: "wenshui"))
        #expect(try upgraded.countyRules(county: "wenshui") == source.countyRules(county: "wenshui"))
        #expect(try !upgraded.countyRules(county: "wenshui").isEmpty, "the proposed rule kept its county")
        for name in ["wangjian", "hbj.li", "chenjie"] {
            let a = try upgraded.viewer(name), b = try source.viewer(name)
            #expect(try upgraded.matters(for: a).map(\.id) == source.matters(for: b).map(\.id), "\(name)'s matters")
            #expect(try upgraded.inboxSummary(for: a, InboxQuery(scope: .open, filter: InboxFilter("", today: Self.today, window: 7)),
                                               today: Self.today, window: 7)
                    == source.inboxSummary(for: b, InboxQuery(scope: .open, filter: InboxFilter("", today: Self.today, window: 7)),
                                           today: Self.today, window: 7), "\(name)'s inbox")
        }
        // It works as a part of this version: a write goes through the one write path, and ids go on from the last.
        let wang = try upgraded.viewer("wangjian")
        let id = try #require(try upgraded.matters(for: wang).first?.id)
        try upgraded.act(id, .note, input: ActionInput(date: Self.today, text: "升级后的备注"), by: wang,
                         context: WorkflowContext(today: Self.today, calculator: try Fixtures.clock()))
        #expect(try upgraded.detail(of: id, for: wang)?.events.last?.text == "升级后的备注")
        guard case .intact = try upgraded.verifyAudit() else { Issue.record("the chain broke after a write"); return }
        // Once is enough.
        let again = try PostgresSession.open(url)
        defer { again.close() }
        #expect(throws: PartUpgrade.Refusal.upToDate("wenshui")) {
            try PartUpgrade(county: "wenshui").run(on: again, scratch: try Fixtures.temporaryDirectory(#function + "-again"))
        }
    }

    /// The built binary, the environment's OVERSIGHT_* cleared.
    func oversight(_ args: [String]) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        for key in ["OVERSIGHT_DB", "OVERSIGHT_USER", "OVERSIGHT_TODAY", "OVERSIGHT_LANG"] { environment.removeValue(forKey: key) }
        return try Subprocess.run([Fixtures.packageRoot.appendingPathComponent(".build/debug/oversight").path] + args + ["--today", Self.today.description],
                                  environment: environment)
    }

    @Test func theCommandIsAnAdministratorsAndChangesNothingWhenRefused() throws {
        let (_, url) = try olderPart(#function)
        let db = url.description.replacingOccurrences(of: "?", with: "?county=wenshui&")
        // Someone who is not an administrator: refused, nothing changed (this version still will not open it).
        let refused = try oversight(["upgrade", "--db", db, "--user", "wangjian"])
        #expect(refused.status == 1 && refused.err.contains("管理员"), "\(refused.err)")
        #expect(throws: PostgresBackend.Problem.self) { try PostgresBackend.open(url, county: "wenshui") }
        let opened = try oversight(["matter", "list", "--db", db, "--user", "wangjian"])
        #expect(opened.status == 2 && opened.err.contains("oversight upgrade"), "\(opened.err)")
        // The administrator: upgraded, said so; then up to date.
        let done = try oversight(["upgrade", "--db", db, "--user", "admin", "--json"])
        #expect(done.status == 0, "\(done.err)")
        let json = try JSONSerialization.jsonObject(with: Data(done.out.utf8)) as? [String: Any]
        #expect(json?["applied"] as? [String] == [StoreShape.current.migrations.last!])
        #expect(try oversight(["matter", "list", "--db", db, "--user", "wangjian"]).status == 0)
        let again = try oversight(["upgrade", "--db", db, "--user", "admin", "--lang", "en"])
        #expect(again.status == 0 && again.out.contains("of this version already"), "\(again.out)")
        // A SQLite file upgrades itself: the command is not for it.
        let file = try oversight(["upgrade", "--db", "/tmp/county.sqlite", "--user", "admin"])
        #expect(file.status == 2 && file.err.contains("自行升级"), "\(file.err)")
    }
}
