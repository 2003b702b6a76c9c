import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The load generator behind `oversight demo --matters N` and the batch of the write path it writes through, on
/// real WAL files in a temporary folder.
@Suite struct GeneratorTests {
    static let count = 2_000

    func generated(_ name: String, today: CivilDate = Fixtures.today) throws -> Store {
        let dir = try Fixtures.temporaryDirectory(name)
        let store = try Store(path: dir.appendingPathComponent("gen.sqlite").path)
        try store.seedDemo(try Fixtures.demoDataSet(), today: today, clock: try Fixtures.clock(), admin: "admin",
                           generated: Self.count)
        return store
    }

    /// What `matter show` prints of every matter and its history (not the wall-clock time an event was recorded).
    func digest(_ store: Store) throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT id || '|' || number || '|' || kind || '|' || title || '|' || domain || '|' || from_org || '|' ||
                       to_org || '|' || state || '|' || created_on || '|' || COALESCE(due, '') || '|' ||
                       COALESCE(outcome, '') FROM matter ORDER BY id
                """)
                + String.fetchAll(db, sql: """
                    SELECT COALESCE(matter_id, '') || '|' || on_date || '|' || actor || '|' || action || '|' || text || '|' ||
                           COALESCE(document_number, '') || '|' || COALESCE(state_after, '') || '|' || COALESCE(outcome, '') || '|' ||
                           COALESCE(due_after, '') FROM event ORDER BY id
                    """)
        }
    }

    /// The generated matters: those after the demo data set's own.
    func generatedMatters(_ store: Store) throws -> [Matter] {
        let all = try allMatters(store).sorted { $0.id < $1.id }
        #expect(all.count > Self.count)
        return Array(all.suffix(Self.count))
    }

    @Test func theSameSeedAndTodayMakeTheSameMatters() throws {
        let a = try digest(try generated("gen-a"))
        let b = try digest(try generated("gen-b"))
        #expect(a.count > Self.count * 3)
        #expect(a == b)
        let c = try digest(try generated("gen-c", today: Fixtures.today.adding(days: -1)))
        #expect(a != c)
    }

    @Test func proportionsAreRealistic() throws {
        let store = try generated(#function)
        let today = Fixtures.today
        let ms = try generatedMatters(store)
        let closed = ms.filter { !$0.state.isOpen }
        let share = Double(closed.count) / Double(ms.count)
        #expect(share >= 0.82 && share <= 0.94, "closed share \(share)")
        let open = ms.filter(\.state.isOpen)
        let overdue = open.filter { $0.pendingDue.map { $0 < today } == true }
        #expect(!open.isEmpty)
        #expect(Double(overdue.count) / Double(open.count) < 0.15, "\(overdue.count) overdue of \(open.count) open")
        // Open ones are mostly recent; the whole set spans about five years.
        let recentOpen = open.filter { $0.createdOn >= today.adding(days: -365) }
        #expect(Double(recentOpen.count) / Double(open.count) > 0.8)
        let oldest = try #require(ms.map(\.createdOn).min())
        #expect(oldest < today.adding(days: -4 * 365) && oldest >= today.adding(days: -5 * 365 - 1))
        // Kinds: suggestions most common, then transfers; every kind present.
        var kinds: [MatterKind: Int] = [:]
        for m in ms { kinds[m.kind, default: 0] += 1 }
        #expect(Set(kinds.keys) == Set(MatterKind.allCases))
        let ranked = kinds.sorted { $0.value > $1.value }.map(\.key)
        #expect(Array(ranked.prefix(2)) == [.suggestion, .transfer], "\(kinds)")
        #expect(kinds[.suggestion]! > Self.count / 4 && kinds[.meeting]! < Self.count / 15)
        // Outcomes: closed suggestions mostly adopted.
        let outcomes = closed.filter { $0.kind == .suggestion && $0.state == .closed }.map(\.outcome)
        let adopted = outcomes.filter { $0 == .adopted }.count
        #expect(adopted * 2 > outcomes.count && outcomes.contains(.rejected) && outcomes.contains(.partly))
        // A Chinese substring filter picks a small share, not none and not most.
        let hits = ms.filter { $0.title.contains("排污口") }.count
        #expect(hits > 0 && hits < Self.count / 20, "\(hits)")
    }

    @Test func historiesAreDatedInOrderAndEndWhereTheWorkflowLeftThem() throws {
        let store = try generated(#function)
        let today = Fixtures.today
        let ms = try generatedMatters(store)
        let events = try store.read { db in
            try EventRecord.fetchAll(db, sql: "SELECT * FROM event WHERE matter_id IS NOT NULL ORDER BY id").map { try $0.domain() }
        }
        let byMatter = Dictionary(grouping: events, by: \.matterID)
        for m in ms {
            let history = try #require(byMatter[m.id])
            #expect(history.first?.action == .create)
            #expect(history.last?.stateAfter == m.state, "\(m.title)")
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.on <= $1.on }, "\(m.title)")
            #expect(history.allSatisfy { $0.on <= today })
            #expect(m.state == .draft || DocumentNumber.isWellFormed(m.number), "\(m.title)")
        }
        // Every step by a user of the party that takes it: a procuratorate's step never by a department's user.
        let users = try store.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, org_id FROM user_account").map {
                (($0["name"] as String), ($0["org_id"] as String))
            })
        }
        for m in ms {
            for e in byMatter[m.id]! { #expect([m.fromOrg, m.toOrg].contains(users[e.actor] ?? "?"), "\(e.actor) on \(m.title)") }
        }
        #expect(try store.verifyAudit().isIntact)
    }

    /// Larger sets add counties whose organisations, codes and handlers are all distinct.
    @Test func extraCountiesAreDistinct() throws {
        let demo = try Fixtures.demoDataSet().standardOrganisations
        #expect(Generator.extraCounties(for: 10_000) == 0)
        #expect(Generator.extraCounties(for: 100_000) == 9)
        let counties = (0..<Generator.extraCounties(for: 1_000_000)).map { Generator.county($0, from: demo) }
        let orgs = demo + counties.flatMap(\.orgs)
        #expect(Set(orgs.map(\.id)).count == orgs.count)
        #expect(Set(orgs.map(\.name)).count == orgs.count)
        let codes = orgs.map(\.code).filter { !$0.isEmpty }
        #expect(Set(codes).count == codes.count)
        let users = counties.flatMap(\.users)
        #expect(Set(users.map(\.name)).count == users.count)
        #expect(counties.allSatisfy { c in c.users.allSatisfy { u in c.orgs.contains { $0.id == u.org } } })
    }

    /// The batch commits every `commitEvery` operations: a failure later loses only the open chunk; a refused
    /// operation writes nothing and the batch goes on.
    @Test(arguments: Fixtures.engines)
    func theBatchCommitsInChunksThroughTheWritePath(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "theBatchCommitsInChunksThroughTheWritePath-\(engine)")
        let viewer = try store.viewer("wangjian")
        let context = try Fixtures.context()
        let before = try allMatters(store).count
        struct Stop: Error {}
        let new = NewMatter(kind: .suggestion, title: "关于批量写入的检察建议", domain: .ecology, to: "hbj", date: Fixtures.today)
        var refused = false, operations = 0
        do {
            try store.batch(commitEvery: 3) { b in
                for _ in 0..<7 { try b.create(new, by: viewer, context: context) }
                // Refused by the workflow (a draft cannot be served): nothing written, the batch goes on.
                let m = try b.create(new, by: viewer, context: context)
                do {
                    try b.act(m.id, .serve, input: ActionInput(date: Fixtures.today), by: viewer, context: context)
                } catch is Refusal {
                    refused = true
                }
                operations = b.operations
                throw Stop()
            }
            Issue.record("the batch did not throw")
        } catch is Stop {}
        #expect(refused && operations == 8)
        // 6 committed in two chunks; the 7th and 8th were in the open chunk.
        #expect(try allMatters(store).count == before + 6)
        #expect(try store.verifyAudit().isIntact)
        let made = try store.batch { b in try b.create(new, by: viewer, context: context) }
        #expect(made.state == .draft)
        #expect(try allMatters(store).count == before + 7)
    }
}
