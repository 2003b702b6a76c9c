import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// Every place a matter's field appears is derived from one table (`MatterField.all`): walking the table finds each
/// field in each place, and each place has nothing the table lacks. A new field that is declared is therefore in
/// the JSON, the CSV, the import's checks and the audit chain's form (or said to be left out of them).
@Suite struct FieldTableTests {
    static let today = Fixtures.today

    /// A demo matter with a long history: many of its fields have values.
    static func closedMatter(_ store: Store) throws -> ExchangeMatter {
        let all = try ImportTests.exported(store)
        return try #require(all.filter { $0.state == "closed" && $0.outcome != nil }.max { ($0.events?.count ?? 0) < ($1.events?.count ?? 0) })
    }

    /// `m` as a draft: its creation only.
    static func draft(_ m: ExchangeMatter) -> ExchangeMatter {
        var d = ExchangeMatter(number: "", kind: m.kind, title: m.title, domain: m.domain, state: "", due: nil, from: m.from, to: m.to,
                               subject: m.subject, copiedTo: m.copiedTo, variant: m.variant, urgentPeriod: nil, createdOn: m.createdOn,
                               issuedOn: nil, servedOn: nil, repliedOn: nil, closedOn: nil, scheduledOn: nil, outcome: nil,
                               rectification: nil, escalations: [], summary: m.summary, events: m.events.map { Array($0.prefix(1)) })
        d.events?[0].documentNumber = nil
        return d
    }

    @Test func keysAreUniqueAndEveryFieldIsAPropertyOfTheExchangeMatter() {
        let keys = MatterField.all.map(\.key)
        #expect(Set(keys).count == keys.count)
        // Every stored property of ExchangeMatter is a field, and every field one of its properties.
        let properties = Mirror(reflecting: ExchangeMatter(number: "", kind: "", title: "", domain: "", state: "", due: nil, from: "",
                                                            to: "", subject: nil, copiedTo: [], variant: nil, urgentPeriod: nil,
                                                            createdOn: "", issuedOn: nil, servedOn: nil, repliedOn: nil,
                                                            closedOn: nil, scheduledOn: nil, outcome: nil, rectification: nil,
                                                            escalations: [], summary: "", events: nil)).children.compactMap(\.label)
        // Besides them, only the invitees (issue 20: written to JSON when a matter has several, in no CSV column).
        #expect(Set(properties) == Set(keys).union(["invitees"]))
    }

    @Test(arguments: Fixtures.engines)
    func theJSONOfAMatterHasEveryFieldAndNothingElse(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "theJSONOfAMatterHasEveryFieldAndNothingElse-\(engine)")
        let m = try Self.closedMatter(store)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(m)) as? [String: Any])
        #expect(Set(object.keys) == Set(MatterField.all.map(\.key)))
        // Absent values are null, never missing keys (but for a history a file does not give).
        var bare = m
        bare.events = nil
        bare.variant = nil
        let without = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(bare)) as? [String: Any])
        #expect(Set(without.keys) == Set(MatterField.all.map(\.key)).subtracting(["events"]))
        #expect(without["variant"] is NSNull)
        // Read back, field by field.
        #expect(try JSONDecoder().decode(ExchangeMatter.self, from: JSONEncoder().encode(m)) == m)
    }

    @Test(arguments: Fixtures.engines)
    func theCSVHasAColumnForEveryFieldWithHeadersAndNothingElse(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "theCSVHasAColumnForEveryFieldWithHeadersAndNothingElse-\(engine)")
        let m = try Self.closedMatter(store)
        let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        for headers in [ExchangeCSV.Headers.zh, .en] {
            let records = try CSVText.records(String(ExchangeCSV.text([m], headers: headers, organisations: orgs).dropFirst()))
            let header = try #require(records.first).fields
            let declared = MatterField.all.compactMap { f in f.csv.map { headers == .zh ? $0.zh : $0.en } }
            #expect(header == declared)
            #expect(Set(header).count == header.count)
            #expect(records[1].fields.count == header.count)
        }
        // The fields left out of the CSV are the JSON's own (the department's name, the version).
        #expect(MatterField.all.filter { $0.csv == nil }.map(\.key) == ["departmentName", "version"])
        #expect(ExchangeCSV.columns.map(\.field) == MatterField.all.filter { $0.csv != nil }.map(\.key))
    }

    /// A CSV read back gives every field an import reads; the ones it ignores come back empty.
    @Test(arguments: Fixtures.engines)
    func theCSVReadsBackEveryFieldTheImportReads(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "theCSVReadsBackEveryFieldTheImportReads-\(engine)")
        let m = try Self.closedMatter(store)
        let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        let (items, refused) = ExchangeCSV.items(String(ExchangeCSV.text([m], headers: .en, organisations: orgs).dropFirst()))
        #expect(refused == nil)
        let read = try #require(items.first).matter
        for f in MatterField.all {
            switch f.onImport {
            case .ignored: #expect(f.codes(read).isEmpty, "\(f.key)")
            case .checked, .creates, .history:
                // Organisations come back as their names, which the import finds again.
                if case .organisation = f.form {
                    #expect(f.codes(read) == f.codes(m).map { orgs[$0]?.name ?? $0 }, "\(f.key)")
                } else {
                    #expect(f.codes(read) == f.codes(m), "\(f.key)")
                }
            }
        }
    }

    /// Each field an import checks, given otherwise than its history leads to, refuses the file naming it; each it
    /// ignores changes nothing; each it creates the matter with is what the new matter has.
    @Test(arguments: Fixtures.engines)
    func theImportChecksEveryCheckedFieldAndIgnoresTheIgnored(_ engine: Fixtures.Engine) throws {
        let demo = try Fixtures.demoStore(on: engine, name: "theImportChecksEveryCheckedFieldAndIgnoresTheIgnored-\(engine)")
        let original = try Self.closedMatter(demo)
        let other: [String: (inout ExchangeMatter) -> Void] = [
            "id": { $0.id = 424242 }, "department": { $0.department = "sfj" }, "departmentName": { $0.departmentName = "别处" },
            "overdue": { $0.overdue = true }, "version": { $0.version = 99 },
            "number": { $0.number = "文检行建〔2099〕1号" }, "state": { $0.state = $0.state == "closed" ? "served" : "closed" },
            "due": { $0.due = "2001-01-01" }, "issuedOn": { $0.issuedOn = "2001-01-01" }, "servedOn": { $0.servedOn = "2001-01-01" },
            "repliedOn": { $0.repliedOn = "2001-01-01" }, "closedOn": { $0.closedOn = "2001-01-01" },
            "scheduledOn": { $0.scheduledOn = "2001-01-01" }, "outcome": { $0.outcome = $0.outcome == "rejected" ? "adopted" : "rejected" },
            "rectification": { $0.rectification = $0.rectification == "inadequate" ? "rectified" : "inadequate" },
            "escalations": { $0.escalations = ["notify-superior"] }, "urgentPeriod": { $0.urgentPeriod = "99 days" },
            "title": { $0.title = "另一个标题" }, "summary": { $0.summary = "另一个事由" }, "domain": { $0.domain = $0.domain == "land" ? "ecology" : "land" },
            "copiedTo": { $0.copiedTo = ["sfj"] }, "subject": { $0.subject = $0.to },
            "service": { $0.service = $0.service == "post" ? "left" : "post" }, "receivedOn": { $0.receivedOn = "2001-01-01" },
        ]
        for f in MatterField.all {
            guard let change = other[f.key] else {
                // Fields that cannot change alone: the kind, variant, organisations, day and history make another matter.
                #expect(["kind", "variant", "from", "to", "createdOn", "events"].contains(f.key), "no change written for \(f.key)")
                continue
            }
            // A reply period is what the issue is given: the file's own is checked only where the history issues none.
            var m = f.key == "urgentPeriod" ? Self.draft(original) : original
            m.id = nil
            change(&m)
            let store = try ImportTests.empty(#function + f.key)
            let import_ = { try store.importMatters([ImportItem(line: 2, matter: m)], source: "t", by: try ImportTests.admin(store),
                                                     context: try Fixtures.context()) }
            switch f.onImport {
            case .checked:
                let refused = try #require(throws: ImportRefused.self, "\(f.key)") { try import_() }
                #expect(refused.problems.first?.field == f.key, "\(f.key): \(refused.problems)")
                guard case .disagrees = refused.problems.first?.reason else { Issue.record("\(f.key): \(refused.problems)"); continue }
            case .ignored:
                #expect(try import_() == ImportResult(created: 1, events: original.events?.count ?? 0), "\(f.key)")
            case .creates:
                _ = try import_()
                let made = try #require(try ImportTests.exported(store).first)
                #expect(f.codes(made) == f.codes(m), "\(f.key)")
            case .history:
                Issue.record("the history is not changed alone")
            }
        }
    }

    /// Each field an import reads, given in a file as something that is not of its form, is refused by its name before
    /// anything is written; each required field left empty is refused as required.
    @Test func theImportReadsEveryFieldInTheFormItNeeds() throws {
        let organisations = try Fixtures.demoDataSet().standardOrganisations
        let base = ExchangeMatter(number: "", kind: "suggestion", title: "标题", domain: "other", state: "", due: nil, from: "jcy",
                                  to: "hbj", subject: nil, copiedTo: [], variant: nil, urgentPeriod: nil, createdOn: "2025-06-02",
                                  issuedOn: nil, servedOn: nil, repliedOn: nil, closedOn: nil, scheduledOn: nil, outcome: nil,
                                  rectification: nil, escalations: [], summary: "", events: nil)
        func problems(_ m: ExchangeMatter) -> [ImportProblem] {
            switch ImportPlan.make(ImportItem(line: 2, matter: m), organisations: organisations) {
            case .success: []
            case .failure(let found): found.list
            }
        }
        #expect(problems(base).isEmpty)
        var checked = 0
        for f in MatterField.all where f.onImport == .creates || f.onImport == .checked {
            var bad = base
            f.fromCell(&bad, "无此值")
            let found = problems(bad).filter { $0.field == f.key }
            switch f.form {
            case .text, .number, .flag, .history:
                #expect(found.isEmpty, "\(f.key): \(found)")
            default:
                #expect(found.count == 1, "\(f.key): \(problems(bad))")
                checked += 1
            }
            if f.required {
                var empty = base
                f.fromCell(&empty, "")
                #expect(problems(empty).map(\.field) == [f.key], "\(f.key)")
                guard case .required = problems(empty).first?.reason else { Issue.record("\(f.key): \(problems(empty))"); continue }
            }
        }
        #expect(checked > 10)
    }

    /// Hostile text in every field a file may give goes through the derived JSON exactly and into the derived CSV
    /// cells neutralised (no control or invisible character leaves raw, whatever field it is in).
    @Test func hostileTextInEveryFieldSurvivesTheJSONAndIsNeutralisedInTheCSV() throws {
        for entry in HostileCorpus.entries {
            var m = ExchangeMatter()
            for f in MatterField.all { f.fromCell(&m, entry.text) }
            m.department = entry.text
            m.departmentName = entry.text
            #expect(try JSONDecoder().decode(ExchangeMatter.self, from: JSONEncoder().encode(m)) == m, "\(entry.name)")
            for headers in [ExchangeCSV.Headers.zh, .en] {
                let csv = ExchangeCSV.text([m], headers: headers, organisations: [:]).dropFirst()
                #expect(!csv.unicodeScalars.contains { HostileCorpus.isForbiddenRaw($0) }, "\(entry.name)")
            }
        }
    }

    /// The audit chain's form of a matter is the table's audited fields, in their order, with the copies last;
    /// every column of the matter table is a field's.
    @Test func theAuditFormAndTheSchemaAreTheTables() throws {
        let audited = MatterField.all.filter { $0.audit != nil }.sorted { $0.audit! < $1.audit! }
        #expect(audited.map(\.audit!) == Array(0..<audited.count))
        #expect(AuditChain.matterColumns == audited.flatMap(\.storage.columns))
        #expect(audited.last?.storage == .copies)
        // Every field stored in the matter table is covered but those added after chain version 1 (migration v12,
        // named in `AuditTests.theChainCoversEveryColumnButTheNamedOnes`); the derived ones and the history are not.
        let afterVersion1 = ["service", "receivedOn"]
        for f in MatterField.all {
            switch f.storage {
            case .columns, .copies: #expect((f.audit != nil) == !afterVersion1.contains(f.key), "\(f.key)")
            case .derived, .events: #expect(f.audit == nil, "\(f.key)")
            }
        }
        let store = try Store.inMemory()
        let columns = try store.writer.read { db in try db.columns(in: "matter").map(\.name) }
        #expect(Set(columns) == Set(MatterField.all.flatMap(\.storage.columns)))
        #expect(columns.count == MatterField.all.flatMap(\.storage.columns).count)
        // The record reads and writes each of them (the id is the row's own) through the table.
        #expect(Set(MatterField.rowColumns + ["id"]) == Set(columns))
        for f in MatterField.all where f.key != "id" { #expect((f.kept != nil) == !f.storage.columns.isEmpty, "\(f.key)") }
    }

    /// A matter row with every stored field given reads into a `Matter` with each of them (`MatterRecord`) and is
    /// written back as it was: a field the record left out would come back empty, or change the audit digest.
    @Test func everyStoredFieldGoesThroughTheRecord() throws {
        let store = try FieldContractTests().rows()
        try store.write { db in
            let before = try AuditChain.matterDigest(of: 7, db)
            let matter = try #require(try Store.decode(try MatterRecord.fetchAll(db, sql: "SELECT * FROM matter WHERE id = 7"), db).first)
            let exchanged = ExchangeMatter(matter, organisations: [:], today: Fixtures.today, window: 5)
            for f in MatterField.all {
                switch f.storage {
                case .columns, .copies: #expect(!f.isEmpty(in: exchanged), "\(f.key) is not read from the matter row")
                case .derived, .events: break
                }
            }
            var record = MatterRecord(matter)
            try record.update(db)
            #expect(try AuditChain.matterDigest(of: 7, db) == before)
            // And a row with every optional field absent, and one in between, as they were.
            for id: Int64 in [8, 9] {
                let before = try AuditChain.matterDigest(of: id, db)
                let m = try #require(try Store.decode(try MatterRecord.fetchAll(db, sql: "SELECT * FROM matter WHERE id = ?", arguments: [id]), db).first)
                var r = MatterRecord(m)
                try r.update(db)
                #expect(try AuditChain.matterDigest(of: id, db) == before, "\(id)")
            }
        }
    }

    /// The matter row's own statements (`MatterRecord.insert`, prepared once) write every column as it was given: a
    /// row with every field, one with none and one in between, each read and written as a new row of another database,
    /// read back with the same value in every column (the update is `everyStoredFieldGoesThroughTheRecord`'s).
    @Test func theMatterRowStatementsWriteEveryColumnAsGiven() throws {
        let source = try FieldContractTests().rows()
        // Into a database of the same organisations, where the numbers are free.
        let target = try Store.inMemory()
        try target.write { db in
            try db.execute(sql: "INSERT INTO county (id, name, level) VALUES ('wenshui', '文水县', 'county')")
            for row in try source.read({ db in try Row.fetchAll(db, sql: "SELECT id, name, party FROM organisation") }) {
                try db.execute(sql: "INSERT INTO organisation (id, name, party, domains, code, county) VALUES (?, ?, ?, '', '', 'wenshui')",
                               arguments: [row["id"], row["name"], row["party"]])
            }
        }
        for id: Int64 in [7, 8, 9] {
            let (row, m) = try source.read { db in
                let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM matter WHERE id = ?", arguments: [id]))
                return (row, try #require(try Store.decode([MatterRecord(row: row)], db).first))
            }
            try target.write { db in
                var copy = MatterRecord(m)
                copy.id = nil
                try copy.insert(db)
                let new = try #require(copy.id)
                let back = try #require(try Row.fetchOne(db, sql: "SELECT * FROM matter WHERE id = ?", arguments: [new]))
                for column in MatterField.rowColumns {
                    #expect(back[column] as DatabaseValue == row[column] as DatabaseValue, "\(id): \(column)")
                }
            }
        }
        // An update of a row that is not there writes nothing and says so.
        try target.write { db in
            let gone = MatterRecord(Matter(id: 999_999, number: "", kind: .suggestion, title: "t", domain: .other, fromOrg: "jcy",
                                           toOrg: "hbj", state: .draft, createdOn: Self.today))
            #expect(throws: RecordError.self) { try gone.update(db) }
        }
    }

    /// An event's columns as the audit chain takes them (`EventRecord.value(ofColumn:)`, by name): each of the event
    /// table's columns but those the log gives (its place in the chain), and for every event of the demo, the value
    /// it holds.
    @Test func anEventsColumnsAreReadByNameAsStored() throws {
        let store = try Fixtures.demoStore(name: #function)
        try store.writer.read { db in
            let table = try db.columns(in: "event").map(\.name)
            let logs = ["recorded_at", "matter_digest", "prev_hash", "hash"]
            #expect(Set(EventRecord.columns) == Set(table.filter { !logs.contains($0) }))
            #expect(EventRecord.columns.count == table.count - logs.count)
            var seen = 0
            for row in try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY id") {
                let record = try EventRecord(row: row)
                for column in EventRecord.columns {
                    #expect(record.value(ofColumn: column) == row[column] as DatabaseValue, "\(column)")
                }
                #expect(record.value(ofColumn: "recorded_at") == nil)
                seen += 1
            }
            #expect(seen > 100)
        }
    }

    /// `matter show` lists the table's shown fields in their order, each label a string of both tables.
    @Test func theShownFieldsHaveLabelsInBothLanguages() throws {
        let shown = MatterField.all.compactMap(\.shown)
        #expect(shown.map(\.rank).sorted() == Array(0..<shown.count))
        for language in ["zh", "en"] {
            let url = Fixtures.packageRoot.appendingPathComponent("Resources/i18n/\(language).json")
            let table = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: String])
            for s in shown {
                #expect(table[s.label] != nil, "\(language): \(s.label)")
                if let note = s.note { #expect(table[note.label] != nil && MatterField.named(note.field) != nil) }
            }
            for f in MatterField.all {
                guard case .word(let w) = f.form else { continue }
                #expect(table.keys.contains { $0.hasPrefix(w.key + ".") }, "\(language): \(w.key)")
            }
        }
    }
}
