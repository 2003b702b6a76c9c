import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Synchronization
import Testing

@testable import OversightStore

/// What one write costs must not grow with the database: every statement the write path runs — its own, its
/// triggers', the audit chain's, the inbox index's — is a search of an index, never a scan of a large table.
@Suite struct WritePathPlanTests {
    /// The tables that grow with the county's work.
    static let large = ["matter", "event", "inbox_entry", "matter_copy"]

    /// The SQL of the statements run on the store's writer while `body` runs, with their arguments in place.
    static func statements(_ store: Store, _ body: () throws -> Void) throws -> [String] {
        let seen = Mutex<[String]>([])
        try store.writer.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in
                if case .statement(let s) = event { seen.withLock { $0.append(s.expandedSQL) } }
            }
        }
        defer { try? store.writer.writeWithoutTransaction { db in db.trace(options: []) { _ in } } }
        try body()
        return seen.withLock { $0 }
    }

    @Test func creatingActingAndImportingSearchIndexesAndScanNoLargeTable() throws {
        let dir = try Fixtures.temporaryDirectory(#function)
        let store = try Store(path: dir.appendingPathComponent("plans.sqlite").path)
        try store.seedDemo(try Fixtures.demoDataSet(), today: Fixtures.today, clock: try Fixtures.clock(), admin: "admin", generated: 300)
        let context = try Fixtures.context()
        let wang = try store.viewer("wangjian")
        let sql = try Self.statements(store) {
            let m = try store.create(
                NewMatter(kind: .suggestion, title: "关于排污口的检察建议", domain: .ecology, to: "hbj", date: Fixtures.today,
                          number: "文检行建〔2025〕901号", copiedTo: ["sfj"]), by: wang, context: context)
            try store.act(m.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
            let n = try store.create(
                NewMatter(kind: .suggestion, title: "关于河道的检察建议", domain: .ecology, to: "hbj", date: Fixtures.today), by: wang,
                context: context)
            try store.act(n.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
            try store.act(n.id, .serve, input: ActionInput(date: Fixtures.today), by: wang, context: context)
            let ledger = """
                文号,类型,标题,发起单位,接收单位,创建日期,送达日期
                文检行建〔2025〕902号,suggestion,据台账的建议,文水县人民检察院,吕梁市生态环境局文水分局,2025-06-02,2025-06-04
                ,meeting,联席会议,文水县人民检察院,文水县司法局,2025-06-02,

                """
            let admin = try store.viewer("admin")
            _ = try store.importMatters(ExchangeCSV.items(ledger).items, source: "plans", by: admin, context: context)
            // Again: both found as already there, by number and by key.
            let again = try store.importMatters(ExchangeCSV.items(ledger).items, source: "plans", by: admin, context: context)
            #expect(again.unchanged == 2)
        }
        let queries = sql.filter { s in ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains { s.uppercased().hasPrefix($0) } }
        #expect(queries.count > 30, "\(sql)")
        #expect(queries.contains { $0.contains("901号") && $0.contains("number <> ''") }, "the lookup by number ran: \(queries)")
        try store.read { db in
            for q in Set(queries) {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + q).map { $0["detail"] as String }
                let scans = plan.filter { d in
                    Self.large.contains { d == "SCAN \($0)" || d.hasPrefix("SCAN \($0) ") }
                        && !d.contains("COVERING INDEX") && !d.contains("USING INDEX")
                }
                #expect(scans.isEmpty, "\(q)\n\(plan)")
            }
        }
    }
}
