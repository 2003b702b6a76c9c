import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// One ledger path (`Ledger`): the demo data set, the load generator and an import of a ledger (the matters
/// without their histories) write the same histories for the same rows, on real SQLite files.
@Suite struct LedgerPathTests {
    /// A matter's key: its number, else what the import keys a matter without one by.
    static func key(_ m: ExchangeMatter) -> String {
        m.number.isEmpty ? "\(m.kind)|\(m.from)|\(m.to)|\(m.title)|\(m.createdOn)" : m.number
    }

    /// One event as the comparison reads it: what was done, when, and where it left the matter.
    static func row(_ e: ExchangeEvent) -> String {
        [e.action, e.on, e.stateAfter ?? "", e.outcome ?? "", e.escalation ?? "", e.dueAfter ?? "", e.documentNumber ?? ""]
            .joined(separator: " ")
    }

    /// Whether a ledger's columns give the day of every step of `m`'s history. They do not for an escalation,
    /// nor for a dispute's or joint inspection's acceptance (the matter records no day for it: only an application's
    /// acceptance starts a clock); such a row keeps its history (the import asks for it).
    static func datedByItsColumns(_ m: ExchangeMatter) -> Bool {
        (m.events ?? []).dropFirst().allSatisfy { e in
            switch e.action {
            case "issue": return m.issuedOn == e.on
            case "serve", "accept": return m.servedOn == e.on
            case "reply": return m.repliedOn == e.on
            case "close", "acknowledge", "decline", "withdraw": return m.closedOn == e.on
            default: return false
            }
        }
    }

    /// The matters of `store` as a ledger: without histories where its columns give every day.
    static func ledger(_ matters: [ExchangeMatter]) -> [ExchangeMatter] {
        matters.map { m in
            var m = m
            if datedByItsColumns(m) { m.events = nil }
            return m
        }
    }

    /// The oracle, from the mechanism and independent of `Workflow.steps`: which side takes each step of a kind's
    /// main path (S sender, R recipient, J the justice side, P the procuratorate side); a referral's outside body
    /// has no user, so its sender records every step.
    static func side(_ kind: MatterKind, _ action: MatterAction) -> String {
        switch (kind, action) {
        case (.referral, _): return "S"
        case (.dispute, .reply): return "J"
        case (.dispute, .close): return "P"
        case (_, .reply), (_, .accept), (_, .decline), (_, .acknowledge): return "R"
        case (.supervisionApplication, .close): return "R"
        default: return "S"
        }
    }

    /// Every step of every matter of `store` was taken by a user of the organisation the oracle names.
    func expectTakenByTheirSide(_ store: Store) throws {
        let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        let userOrg = Dictionary(uniqueKeysWithValues: try store.users().map { ($0.name, $0.org) })
        let admin = try store.viewer("admin")
        var checked = 0
        for item in try store.exchange(for: admin) {
            let m = item.matter
            for e in item.events {
                guard case .step(let action) = e.action else { continue }
                let role = Self.side(m.kind, action)
                let expected: OrgID
                switch role {
                case "S": expected = m.fromOrg
                case "R": expected = m.toOrg
                case "J": expected = orgs[m.fromOrg]?.party == .justice ? m.fromOrg : m.toOrg
                default: expected = orgs[m.fromOrg]?.party == .procuratorate ? m.fromOrg : m.toOrg
                }
                #expect(userOrg[e.actor] == expected, "\(m.number) \(m.title): \(action) by \(e.actor)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    /// Imports `source` as a ledger (JSON and CSV) into empty databases and compares each matter's history with
    /// the source's, row by row.
    func expectTheLedgerImportsAsTheSameHistories(_ source: [ExchangeMatter], _ name: String) throws {
        let ledger = Self.ledger(source)
        #expect(ledger.filter { $0.events == nil }.count > source.count * 85 / 100, "\(ledger.filter { $0.events == nil }.count) of \(source.count)")
        let orgs = Dictionary(uniqueKeysWithValues: try Fixtures.demoDataSet().standardOrganisations.map { ($0.id, $0) })
        let json = try ExchangeJSON.text(ExchangeFile(exportedOn: Fixtures.today, matters: ledger))
        let csv = ExchangeCSV.text(ledger, headers: .zh, organisations: orgs)
        for (format, items) in [("json", ExchangeJSON.items(json)), ("csv", ExchangeCSV.items(String(csv.dropFirst())))] {
            #expect(items.refused == nil, "\(format): \(String(describing: items.refused))")
            let target = try ImportTests.empty("\(name)-\(format)")
            let result = try target.importMatters(items.items, source: format, by: try ImportTests.admin(target),
                                                  context: try Fixtures.context())
            #expect(result.created == source.count, "\(format)")
            let imported = Dictionary(uniqueKeysWithValues: try ImportTests.exported(target).map { (Self.key($0), $0) })
            #expect(imported.count == source.count)
            for (original, row) in zip(source, ledger) {
                let m = try #require(imported[Self.key(original)], "\(format): \(original.title)")
                #expect(m.events?.map(Self.row) == original.events?.map(Self.row), "\(format): \(original.number) \(original.title)")
                #expect(m.state == original.state && m.due == original.due && m.outcome == original.outcome)
                // A ledger's steps are recorded as the importer's, for the organisation that takes each.
                if row.events == nil { #expect(m.events?.dropFirst().allSatisfy { $0.actor == "admin" } == true) }
            }
        }
    }

    @Test(arguments: Fixtures.engines)
    func theDemoAndAnImportOfItsLedgerHaveTheSameHistories(_ engine: Fixtures.Engine) throws {
        let demo = try Fixtures.demoStore(on: engine, name: "theDemoAndAnImportOfItsLedgerHaveTheSameHistories-\(engine)")
        let source = try ImportTests.exported(demo)
        #expect(source.count > 40)
        // The ledger covers each kind, the escalated and the withdrawn.
        #expect(Set(source.map(\.kind)) == Set(MatterKind.allCases.map(\.rawValue)))
        #expect(source.contains { $0.state == "escalated" } && source.contains { $0.state == "withdrawn" })
        try expectTakenByTheirSide(demo)
        try expectTheLedgerImportsAsTheSameHistories(source, "demo")
    }

    @Test func aGeneratedSetAndAnImportOfItsLedgerHaveTheSameHistories() throws {
        let store = try Store(path: try Fixtures.temporaryDirectory("ledger-generated").appendingPathComponent("gen.sqlite").path)
        try store.seedDemo(try Fixtures.demoDataSet(), today: Fixtures.today, clock: try Fixtures.clock(), admin: "admin", generated: 400)
        let source = try ImportTests.exported(store)
        #expect(source.count > 440)
        #expect(Set(source.map(\.kind)) == Set(MatterKind.allCases.map(\.rawValue)))
        try expectTakenByTheirSide(store)
        try expectTheLedgerImportsAsTheSameHistories(source, "generated")
    }

    /// A declined invitation or application (which neither the demo nor the generator makes) imports as declined.
    @Test func aDeclinedLedgerRowIsDeclinedByItsRecipient() throws {
        let store = try ImportTests.empty()
        let text = """
            类型,标题,发起单位,接收单位,创建日期,办结日期,结果,状态
            dispute,关于征地补偿行政争议的协同化解,文水县司法局,文水县人民检察院,2025-06-02,2025-06-09,declined,closed

            """
        let items = ExchangeCSV.items(text)
        #expect(items.refused == nil, "\(String(describing: items.refused))")
        let result = try store.importMatters(items.items, source: "ledger", by: try ImportTests.admin(store), context: try Fixtures.context())
        #expect(result == ImportResult(created: 1, events: 3))
        let m = try #require(try ImportTests.exported(store).first)
        #expect(m.events?.map(\.action) == ["create", "issue", "decline"] && m.state == "closed" && m.outcome == "declined")
    }
}
