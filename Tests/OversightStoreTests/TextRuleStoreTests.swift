import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The text rule where every write passes: `Store.create`, `Store.act`, the import through them; what is stored is
/// exactly what the audit chain hashes.
@Suite struct TextRuleStoreTests {
    @Test func aJSONImportWithANulInATitleIsRefusedNamingItAndWritesNothing() throws {
        let store = try ImportTests.empty()
        let context = try Fixtures.context()
        // As a case system's JSON holds it: the escape \u0000 inside the title.
        let json = #"""
            [{"number": "", "kind": "suggestion", "title": "关于\u0000排污口整治的检察建议", "from": "jcy", "to": "hbj",
              "createdOn": "2026-11-02"}]
            """#
        let items = ExchangeJSON.items(json)
        #expect(items.refused == nil)
        #expect(items.items.first?.matter.title.unicodeScalars.contains("\u{0}") == true)
        let before = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event")! }
        do {
            _ = try store.importMatters(items.items, source: "in.json", by: try ImportTests.admin(store), context: context)
            Issue.record("a title with NUL was imported")
        } catch let refused as ImportRefused {
            guard case .refused(_, _, _, let r) = refused.problems.first?.reason,
                  case .workflow(.invalidInput(.text(let p))) = r else {
                Issue.record("refused for another reason: \(refused.problems)")
                return
            }
            #expect(p == TextProblem(field: .title, what: .control, position: 3, scalar: "\u{0}"))
            #expect(refused.problems.first?.field == "title")
            #expect(refused.problems.first?.line == 1)
            #expect(r.description.contains("U+0000 NULL, at character 3"))
        }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event")! } == before)
        #expect(try store.verifyAudit().isIntact)
    }

    @Test func aTitleInNFDIsStoredInNFCAndTheAuditChainHoldsIt() throws {
        let store = try ImportTests.empty()
        let context = try Fixtures.context()
        let json = #"""
            [{"number": "", "kind": "suggestion", "title": "Cafe\u0301 关于排污口整治", "from": "jcy", "to": "hbj",
              "createdOn": "2026-11-02", "summary": "第一行\r\n第二行"}]
            """#
        let items = ExchangeJSON.items(json)
        let result = try store.importMatters(items.items, source: "in.json", by: try ImportTests.admin(store), context: context)
        #expect(result.created == 1)
        let (title, summary, text) = try store.read { db in
            (try String.fetchOne(db, sql: "SELECT title FROM matter")!, try String.fetchOne(db, sql: "SELECT summary FROM matter")!,
             try String.fetchOne(db, sql: "SELECT text FROM event WHERE matter_id IS NOT NULL ORDER BY id LIMIT 1")!)
        }
        #expect(title == "Café 关于排污口整治")
        #expect(title.unicodeScalars.count == 12)
        #expect(text == title)
        #expect(summary == "第一行\n第二行")
        #expect(try store.verifyAudit().isIntact)
        // The same file again finds the matter by its title as stored: nothing new.
        let again = try store.importMatters(items.items, source: "in.json", by: try ImportTests.admin(store), context: context)
        #expect(again == ImportResult(unchanged: 1))
    }

    @Test(arguments: Fixtures.engines)
    func createAndActRefuseHiddenCharactersAndWriteNothing(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        let jcy = try c.viewer("jcy"), hbj = try c.viewer("hbj")
        let events = try c.eventCount()
        #expect(throws: Refusal.workflow(.invalidInput(.text(TextProblem(field: .title, what: .invisible, position: 12, scalar: "\u{200B}"))))) {
            try c.store.create(NewMatter(kind: .suggestion, title: "文检行建〔2025〕9\u{200B}9号", to: "hbj", date: c.today), by: jcy, context: c.context)
        }
        #expect(throws: Refusal.workflow(.invalidInput(.text(TextProblem(field: .title, what: .invisible, position: 1, scalar: "\u{FE0F}"))))) {
            try c.store.create(NewMatter(kind: .suggestion, title: "\u{FE0F}", to: "hbj", date: c.today), by: jcy, context: c.context)
        }
        #expect(throws: Refusal.workflow(.invalidInput(.text(TextProblem(field: .number, what: .invisible, position: 1, scalar: "\u{FEFF}"))))) {
            try c.store.create(NewMatter(kind: .suggestion, title: "标题", to: "hbj", date: c.today, number: "\u{FEFF}文检行建〔2025〕9号"),
                               by: jcy, context: c.context)
        }
        #expect(throws: Refusal.workflow(.invalidInput(.text(TextProblem(field: .title, what: .tooLong(count: 201)))))) {
            try c.store.create(NewMatter(kind: .suggestion, title: String(repeating: "长", count: 201), to: "hbj", date: c.today), by: jcy, context: c.context)
        }
        let served = try c.servedSuggestion()
        let afterServe = try c.eventCount()
        #expect(afterServe == events + 3)
        #expect(throws: Refusal.workflow(.invalidInput(.text(TextProblem(field: .text, what: .invisible, position: 4, scalar: "\u{202E}"))))) {
            try c.store.act(served.id, .reply, input: ActionInput(date: c.today, text: "已整改\u{202E}未"), by: hbj, context: c.context)
        }
        #expect(throws: Refusal.workflow(.invalidInput(.text(TextProblem(field: .text, what: .tooLong(count: 20_001)))))) {
            try c.store.act(served.id, .reply, input: ActionInput(date: c.today, text: String(repeating: "字", count: 20_001)), by: hbj, context: c.context)
        }
        #expect(try c.eventCount() == afterServe)
        // A step not this party's is said first, before its text is judged.
        #expect(throws: Refusal.workflow(.notAllowed(.reply, .procuratorate))) {
            try c.store.act(served.id, .reply, input: ActionInput(date: c.today, text: "\u{0}"), by: jcy, context: c.context)
        }
        try c.store.act(served.id, .reply, input: ActionInput(date: c.today, text: "  已整改\r\n附件见后  "), by: hbj, context: c.context)
        let text = try c.store.read { db in try String.fetchOne(db, sql: "SELECT text FROM event ORDER BY id DESC LIMIT 1")! }
        #expect(text == "已整改\n附件见后")
        #expect(try c.store.verifyAudit().isIntact)
    }

    @Test(arguments: Fixtures.engines)
    func anOrganisationNameFollowsTheRule(_ engine: Fixtures.Engine) throws {
        let c = try MemoryCounty(engine)
        #expect(throws: Store.PeopleFailure.text(TextProblem(field: .organisationName, what: .invisible, position: 2, scalar: "\u{202E}"))) {
            try c.store.add(Organisation(id: "x1", name: "局\u{202E}局", party: .department), by: try c.store.viewer("admin"), on: c.today)
        }
        try c.store.add(Organisation(id: "x2", name: " 文水县水利局 ", party: .department), by: try c.store.viewer("admin"), on: c.today)
        #expect(try c.store.organisations().first { $0.id == "x2" }?.name == "文水县水利局")
    }
}
