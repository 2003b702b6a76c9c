import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

@Suite struct StoreTests {
    @Test func opensInWALModeWithABusyTimeout() throws {
        let store = try Fixtures.demoStore()
        let mode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let timeout = try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
        #expect(timeout == 10_000)
    }

    @Test func aNewDatabaseIsTheOwnersOnly() throws {
        let dir = try Fixtures.temporaryDirectory().appendingPathComponent("nested")
        let store = try Store(path: dir.appendingPathComponent("db.sqlite").path)
        try store.add(Organisation(id: "x", name: "X", party: .justice), by: "admin", on: Fixtures.today)
        for file in ["db.sqlite", "db.sqlite-wal"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(file).path)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0, "\(file)")
        }
        let folder = try FileManager.default.attributesOfItem(atPath: dir.path)
        #expect((folder[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
    }

    @Test func migrationsAreNamedAndAppliedOnce() throws {
        let store = try Fixtures.demoStore()
        let applied = try store.pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1-organisations-users-matters-events"])
        // Reopening the same file migrates nothing and keeps the data.
        let again = try Store(path: store.path)
        #expect(try again.organisations().count == (try store.organisations().count))
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
        let all = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM matter") }.map(Store.matter)
        #expect(all.count >= 36)
        for kind in [MatterKind.suggestion, .transfer, .referral] {
            #expect(all.contains { $0.kind == kind })
        }
        #expect(Set(all.map(\.state)).count >= 4)
        // Deadlines fall before, on and after the demo's today.
        let dues = all.compactMap(\.pendingDue)
        let today = Fixtures.today
        #expect(dues.contains { $0 < today })
        #expect(dues.contains { $0 >= today && $0 <= today.adding(days: 7) })
        #expect(dues.contains { $0 > today.adding(days: 7) })
        #expect(all.contains { $0.number.contains("〔") && $0.number.hasSuffix("号") })
    }

    @Test func demoDeadlinesSkipHolidays() throws {
        let store = try Fixtures.demoStore()
        let all = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM matter") }.map(Store.matter)
        let national = try #require(all.first { $0.servedOn == CivilDate("2025-08-01") })
        #expect(national.due == CivilDate("2025-10-09"))
        let spring = try #require(all.first { $0.servedOn == CivilDate("2025-12-15") })
        #expect(spring.due == CivilDate("2026-02-24"))
    }

    @Test func theEventLogIsAppendOnly() throws {
        let store = try Fixtures.demoStore()
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: "UPDATE event SET text = 'forged'") }
        }
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: "DELETE FROM event") }
        }
        let count = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") } ?? 0
        #expect(count > 100)
    }

    @Test func everyMatterHasItsHistory() throws {
        let store = try Fixtures.demoStore()
        let viewer = try store.viewer("wangjian")
        for m in try store.matters(for: viewer, includeClosed: true) {
            let events = try store.events(of: m.id, for: viewer)
            #expect(events.first?.action == "create")
            #expect(events.last?.stateAfter == m.state || m.state == .draft)
        }
    }

    /// The SQL filter and the domain's policy must agree for every user and every matter.
    @Test func readsAreFilteredExactlyByTheAccessPolicy() throws {
        let store = try Fixtures.demoStore()
        let all = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM matter") }.map(Store.matter)
        for user in try store.users() {
            let viewer = try store.viewer(user.name)
            let visible = Set(try store.matters(for: viewer, includeClosed: true).map(\.id))
            let expected = Set(all.filter { AccessPolicy.canSee(viewer, $0) }.map(\.id))
            #expect(visible == expected, "user \(user.name)")
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

    @Test func unknownAndDisabledUsersAreRefused() throws {
        let store = try Fixtures.demoStore()
        #expect(throws: Store.Failure.unknownUser("nobody")) { try store.viewer("nobody") }
        try store.pool.write { db in try db.execute(sql: "UPDATE user_account SET active = 0 WHERE name = 'liuyang'") }
        #expect(throws: Store.Failure.disabledUser("liuyang")) { try store.viewer("liuyang") }
    }

    @Test func theChangeTokenMovesWithEveryWriteFromAnotherConnection() throws {
        let store = try Fixtures.demoStore()
        let before = try store.changeToken()
        let other = try Store(path: store.path)
        try other.add(Organisation(id: "new", name: "新单位", party: .department), by: "admin", on: Fixtures.today)
        #expect(try store.changeToken() != before)
    }
}

@Suite struct DemoConsistencyTests {
    /// Every demo matter stands in a state its kind's workflow can reach, and each event of its
    /// history is a step the workflow allows from the state before it.
    @Test func demoHistoriesFollowTheWorkflow() throws {
        let store = try Fixtures.demoStore()
        let all = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM matter") }.map(Store.matter)
        for m in all {
            let steps = Workflow.steps(of: m.kind)
            let reachable = Set(steps.compactMap(\.to)).union([.draft])
            #expect(reachable.contains(m.state), "\(m.number) \(m.kind) in \(m.state)")
            let events = try store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM event WHERE matter_id = ? ORDER BY id", arguments: [m.id])
            }.map(Store.event)
            var state = MatterState.draft
            for e in events.dropFirst() {
                let step = steps.first { $0.action.rawValue == e.action && $0.from.contains(state) }
                #expect(step != nil, "\(m.number): \(e.action) from \(state)")
                state = step?.to ?? state
            }
            #expect(state == m.state, "\(m.number) ends in \(state), stored \(m.state)")
        }
    }
}
