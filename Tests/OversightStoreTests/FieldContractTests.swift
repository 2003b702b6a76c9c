import Foundation
import GRDB
import OversightDomain
import OversightResources
import OversightTestSupport
import Testing

@testable import OversightStore

/// What must not move when a matter's fields are declared in one table: the audit chain's hashes of rows already
/// written (a database made by an older program must still verify), and the exchange formats other systems read.
/// Every expected value here was recorded from the program before the field table existed; the exchange goldens were
/// recorded again when migration v12 added `service` and `receivedOn` (two JSON keys, two CSV columns before the
/// history: nothing else moved). The digests and hashes are as before: neither field is in chain version 1.
@Suite struct FieldContractTests {
    /// A matter with every field given, and one with every optional field absent, written as rows; an event with
    /// every column given. Rows written by SQL, not the write path: the values are fixed, the clock is not read.
    func rows() throws -> Store {
        let store = try Store.inMemory()
        try store.write { db in
            try db.execute(sql: "INSERT INTO county (id, name, level) VALUES ('wenshui', '文水县', 'county')")
            for (id, name, party) in [("jcy", "文水县人民检察院", "procuratorate"), ("hbj", "文水县生态环境局", "department"),
                                      ("sfj", "文水县司法局", "justice"), ("zrzy", "文水县自然资源局", "department")] {
                try db.execute(sql: "INSERT INTO organisation (id, name, party, domains, code, county) VALUES (?, ?, ?, '', '', 'wenshui')",
                               arguments: [id, name, party])
            }
            try db.execute(sql: """
                INSERT INTO matter (id, number, kind, title, domain, from_org, to_org, subject_org, state, created_on,
                    issued_on, served_on, due, replied_on, closed_on, scheduled_on, summary, variant, urgent_amount,
                    urgent_unit, outcome, rectification, escalations, version, service, received_on)
                VALUES (7, '文检行建〔2025〕7号', 'suggestion', '汾河"排污口"，整治', 'ecology', 'jcy', 'hbj', 'hbj', 'closed',
                    '2025-03-01', '2025-03-02', '2025-03-04', '2025-05-06', '2025-04-20', '2025-06-01', '2025-05-30',
                    '事由=SUM(A1)' || char(10) || '第二行', 'public-interest', 15, 'days', 'partly', 'inadequate',
                    'notify-superior,report-committee', 9, 'post', '2025-03-06')
                """)
            try db.execute(sql: """
                INSERT INTO matter (id, number, kind, title, domain, from_org, to_org, subject_org, state, created_on,
                    summary, escalations, version)
                VALUES (8, '', 'meeting', '联席会议', 'other', 'sfj', 'jcy', NULL, 'draft', '2025-03-01', '', '', 1)
                """)
            try db.execute(sql: """
                INSERT INTO matter (id, number, kind, title, domain, from_org, to_org, subject_org, state, created_on,
                    issued_on, served_on, due, summary, variant, escalations, version)
                VALUES (9, '文检移〔2025〕3号', 'transfer', '移送', 'land', 'jcy', 'zrzy', NULL, 'served', '2025-03-01',
                    '2025-03-02', '2025-04-01', '2025-05-01', '', 'general-problem', '', 3)
                """)
            try db.execute(sql: "INSERT INTO matter_copy (matter_id, org_id) VALUES (7, 'zrzy'), (7, 'sfj')")
            try db.execute(sql: """
                INSERT INTO event (id, matter_id, on_date, recorded_at, actor, action, text, document_number, state_after,
                    outcome, escalation, due_after, matter_digest, prev_hash, hash)
                VALUES (3, 7, '2025-06-01', '2025-06-01T08:09:10.123Z', 'wangjian', 'close', '结案', '文检行建〔2025〕7号',
                    'closed', 'partly', 'notify-superior', '2025-05-06', ?, ?, ?)
                """, arguments: [String(repeating: "a", count: 64), AuditChain.genesis, String(repeating: "b", count: 64)])
        }
        return store
    }

    @Test func theDigestOfAMatterRowIsChainVersionOnes() throws {
        let store = try rows()
        let (full, bare) = try store.read { db in
            (try AuditChain.matterDigest(of: 7, db), try AuditChain.matterDigest(of: 8, db))
        }
        #expect(full == "2f7bd683a8de6f1e9d74fd98c55e018495262b153b7168d798f55d633d3609f9")
        #expect(bare == "7a26405be48feb2d2063089d28ec17197bf77bd72574502c859cbd11db2c656d")
    }

    @Test func theHashOfAnEventRowIsChainVersionOnes() throws {
        let store = try rows()
        let hash = try store.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT \(AuditChain.eventSelect) FROM event WHERE id = 3"))
            return AuditChain.eventHash(row: row, previous: AuditChain.genesis)
        }
        #expect(hash == "6bbb564806a839f91d8d318e25579ca3020fb319d7af7b9fce61ae18b8ec7175")
    }

    /// The matters as other systems read them.
    func exchanged() throws -> ([ExchangeMatter], [OrgID: Organisation]) {
        let store = try rows()
        return try store.read { db in
            let matters = try Store.decode(try MatterRecord.fetchAll(db, sql: "SELECT * FROM matter ORDER BY id"), db)
            let orgs = Dictionary(uniqueKeysWithValues: try OrganisationRecord.fetchAll(db).map { try ($0.id, $0.domain()) })
            let events = try EventRecord.fetchAll(db, sql: "SELECT * FROM event").map { try $0.domain() }
            let today = CivilDate(year: 2025, month: 5, day: 10)!
            return (matters.map { m in
                ExchangeMatter(m, events: m.id == 7 ? events : nil, organisations: orgs, today: today, window: 5)
            }, orgs)
        }
    }

    @Test func theJSONOfAMatterIsAsBefore() throws {
        let (matters, _) = try exchanged()
        try golden("matters.json", try ExchangeJSON.text(ExchangeFile(exportedOn: CivilDate(year: 2025, month: 5, day: 10)!, matters: matters)))
    }

    @Test func theCSVOfAMatterIsAsBeforeInBothLanguages() throws {
        let (matters, orgs) = try exchanged()
        try golden("matters-codes.csv", ExchangeCSV.text(matters, headers: .en, organisations: orgs))
        for language in [Language.zh, .en] {
            let words = ExchangeWords(vocabulary: try OversightResources.vocabulary(), language: language, yes: language == .zh ? "是" : "yes")
            try golden("matters-\(language).csv", ExchangeCSV.text(matters, headers: language == .zh ? .zh : .en, organisations: orgs, words: words))
        }
    }

    /// A file's matter read back: what the JSON decoder fills in for keys another system left out.
    @Test func aMatterReadFromJSONIsAsBefore() throws {
        let full = try exchanged().0[0]
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let again = try JSONDecoder().decode(ExchangeMatter.self, from: try e.encode(full))
        #expect(again == full)
        let sparse = try JSONDecoder().decode(ExchangeMatter.self, from: Data("""
            {"kind":"suggestion","title":"t","from":"jcy","to":"hbj","createdOn":"2025-03-01"}
            """.utf8))
        try golden("sparse.json", String(decoding: try e.encode(sparse), as: UTF8.self))
        for key in ["kind", "title", "from", "to", "createdOn"] {
            var object = try #require(JSONSerialization.jsonObject(with: try e.encode(sparse)) as? [String: Any])
            object[key] = nil
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(ExchangeMatter.self, from: try JSONSerialization.data(withJSONObject: object))
            }
        }
    }

    /// A CSV read back: the matter each row gives.
    @Test func aMatterReadFromCSVIsAsBefore() throws {
        let (matters, orgs) = try exchanged()
        for language in [Language.zh, .en] {
            let words = ExchangeWords(vocabulary: try OversightResources.vocabulary(), language: language, yes: language == .zh ? "是" : "yes")
            let text = ExchangeCSV.text(matters, headers: language == .zh ? .zh : .en, organisations: orgs, words: words)
            let (items, refused) = ExchangeCSV.items(String(text.dropFirst()))
            #expect(refused == nil)
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .prettyPrinted]
            try golden("read-\(language).json", String(decoding: try e.encode(items.map(\.matter)), as: UTF8.self))
        }
    }

    /// `text` as recorded in `FieldContract/NAME` (`RECORD_GOLDEN=1` records it).
    func golden(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FieldContract/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let recorded = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(text == recorded, "\(name)", sourceLocation: sourceLocation)
    }
}
