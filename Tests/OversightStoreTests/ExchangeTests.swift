import Foundation
import OversightDomain
import OversightStore
import OversightTestSupport
import Testing

/// CSV as spreadsheets write it, the encodings of Chinese offices, and the formats' escaping.
@Suite struct ExchangeFormatTests {
    @Test func csvRecordsKeepQuotesCommasAndLineBreaksAndSayOnWhichLineEachStarts() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\n1,,3,\n"
        let records = try CSVText.records(text)
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[0].fields == ["a", "b", "c"])
        #expect(records[1].fields == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(records[2].fields == ["1", "", "3", ""])
    }

    @Test func csvWithAnUnclosedQuoteOrTextAfterAQuoteIsRefusedAtItsLine() {
        #expect(throws: CSVText.SyntaxError(line: 2, problem: .unclosedQuote)) { try CSVText.records("a,b\n\"open,b\nc,d\n") }
        #expect(throws: CSVText.SyntaxError(line: 3, problem: .textAfterQuote)) { try CSVText.records("a\nb\n\"c\"d\n") }
    }

    @Test func aCellThatWouldRunAsAFormulaIsWrittenAsTextAndReadBackAsItWas() throws {
        for value in ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tx", "'=quoted", "'plain", "plain", ""] {
            let cell = CSVText.field(value)
            let read = try CSVText.records(cell + "\r\n").first?.fields.first ?? ""
            if let first = value.first, "=+-@\t".contains(first) || value.hasPrefix("'=") {
                #expect(read.hasPrefix("'"), "\(value) → \(cell)")
            }
            #expect(CSVText.unneutralised(read) == value, "\(value) → \(cell)")
        }
    }

    @Test func invisibleCharactersAreWrittenVisiblyInCSVAndICS() {
        let hostile = "invoice\u{202E}txt.exe\u{1B}[31m\u{85}"
        let cell = CSVText.field(hostile)
        #expect(cell == "\"invoice<U+202E>txt.exe<U+001B>[31m<U+0085>\"")
        #expect(!cell.unicodeScalars.contains { ExchangeText.isInvisible($0) })
        #expect(ExchangeICS.escaped("a;b,c\\d\ne\u{202E}") == "a\\;b\\,c\\\\d\\ne<U+202E>")
    }

    @Test func icsLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        let line = "SUMMARY:" + String(repeating: "汾河排污口整治", count: 10)
        let folded = ExchangeICS.folded(line)
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.utf8.count <= 75 })
        #expect(parts.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
    }

    @Test func utf8WithOrWithoutBOMAndGBKAreReadAndDamagedFilesAreRefusedAtTheirLine() throws {
        let text = "文号,标题\n文检行建〔2025〕7号,汾河\n"
        #expect(try ExchangeDecoding.text(of: Data(text.utf8)) == (text, .utf8))
        #expect(try ExchangeDecoding.text(of: Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))) == (text, .utf8WithBOM))
        let gbk = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
        #expect(gbk != Data(text.utf8))
        #expect(try ExchangeDecoding.text(of: gbk) == (text, .gb18030))
        // Real UTF-8 Chinese with one bad byte inside the first character of line 2: damaged UTF-8, not GBK.
        var damaged = Array((text + String(repeating: "文检行建〔2025〕8号,汾河\n", count: 3)).utf8)
        damaged.insert(0xFF, at: Array("文号,标题\n".utf8).count + 2)
        #expect(throws: ExchangeDecoding.Failure.invalidUTF8(line: 2, offset: 14)) { try ExchangeDecoding.text(of: Data(damaged)) }
        #expect(throws: ExchangeDecoding.Failure.notText(line: 1, offset: 1)) { try ExchangeDecoding.text(of: Data([0x61, 0x00, 0x62])) }
    }

    @Test func truncatedJSONIsRefusedAndAMatterWithAProblemNamesItsLineAndField() {
        let truncated = ExchangeJSON.items("{\"format\":\"oversight-matters\",\"matters\":[{\"kind\":\"suggestion\",\n")
        #expect(truncated.items.isEmpty)
        #expect(truncated.refused?.problems.first?.line == 2)
        let text = """
            [
              {"kind": "suggestion", "title": "一", "from": "jcy", "to": "sfj", "createdOn": "2025-06-01"},
              {"kind": "suggestion", "title": 7, "from": "jcy", "to": "sfj", "createdOn": "2025-06-01"},
              {"kind": "suggestion", "from": "jcy", "to": "sfj", "createdOn": "2025-06-01"}
            ]
            """
        let read = ExchangeJSON.items(text)
        #expect(read.items.map(\.line) == [2])
        #expect(read.refused?.problems.map(\.line) == [3, 4])
        #expect(read.refused?.problems.map(\.field) == ["title", "title"])
    }
}

/// Imports through the one write path: all or nothing, idempotent, and what an export gives back.
@Suite struct ImportTests {
    static func admin(_ store: Store) throws -> Viewer { try store.viewer("admin") }

    /// A database with the county's organisations and its administrator, and nothing else.
    static func empty(_ name: String = #function) throws -> Store {
        let store = try Store(path: try Fixtures.temporaryDirectory(name).appendingPathComponent("empty.sqlite").path)
        try store.initialise(organisations: try Fixtures.demoDataSet().standardOrganisations, admin: "admin", on: Fixtures.today)
        return store
    }

    static func exported(_ store: Store) throws -> [ExchangeMatter] {
        let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        return try store.exchange(for: try admin(store)).map {
            ExchangeMatter($0.matter, events: $0.events, organisations: orgs, today: Fixtures.today, window: 7)
        }
    }

    /// The matters and histories, without the ids the database gives (events are numbered across the log).
    static func comparable(_ matters: [ExchangeMatter]) -> [ExchangeMatter] {
        matters.map { m in
            var m = m
            m.events = m.events?.map { var e = $0; e.id = nil; return e }
            return m
        }
    }

    @Test(arguments: Fixtures.engines)
    func theDemoExportedAsJSONOrCSVImportsIntoAnEmptyDatabaseAsTheSameMattersAndHistories(_ engine: Fixtures.Engine) throws {
        let demo = try Fixtures.demoStore(on: engine, name: "theDemoExportedAsJSONOrCSVImportsIntoAnEmptyDatabaseAsTheSameMattersAndHistories-\(engine)")
        let source = try Self.exported(demo)
        #expect(source.count > 30)
        let context = try Fixtures.context()
        let orgs = Dictionary(uniqueKeysWithValues: try demo.organisations().map { ($0.id, $0) })
        let json = try ExchangeJSON.text(ExchangeFile(exportedOn: Fixtures.today, matters: source))
        let csv = ExchangeCSV.text(source, headers: .zh, organisations: orgs)
        #expect(csv.hasPrefix("\u{FEFF}\"系统编号\",\"文号\""))
        for (name, items) in [("json", ExchangeJSON.items(json)), ("csv", ExchangeCSV.items(String(csv.dropFirst())))] {
            #expect(items.refused == nil, "\(name): \(String(describing: items.refused))")
            let target = try Self.empty("roundTrip\(name)")
            let result = try target.importMatters(items.items, source: name, by: try Self.admin(target), context: context)
            #expect(result.created == source.count)
            #expect(Self.comparable(try Self.exported(target)) == Self.comparable(source), "\(name)")
            // Twice: nothing new.
            let again = try target.importMatters(items.items, source: name, by: try Self.admin(target), context: context)
            #expect(again == ImportResult(unchanged: source.count))
            #expect(try Self.exported(target).count == source.count)
        }
    }

    @Test func aLedgerRowWithoutHistoryTakesTheStepsItsDatesTellAndALaterLedgerCarriesItFurther() throws {
        let store = try Self.empty()
        let context = try Fixtures.context()
        let header = "文号,类型,标题,发起单位,接收单位,创建日期,送达日期,回复日期,办结日期,结果,状态\n"
        let served = header + "文检行建〔2025〕31号,suggestion,关于汾河的检察建议,文水县人民检察院,吕梁市生态环境局文水分局,2025-06-02,2025-06-04,,,,served\n"
        let first = try store.importMatters(ExchangeCSV.items(served).items, source: "ledger", by: try Self.admin(store), context: context)
        #expect(first == ImportResult(created: 1, events: 3))
        let closed = header + "文检行建〔2025〕31号,suggestion,关于汾河的检察建议,文水县人民检察院,吕梁市生态环境局文水分局,2025-06-02,2025-06-04,2025-07-30,2025-08-05,adopted,closed\n"
        let second = try store.importMatters(ExchangeCSV.items(closed).items, source: "ledger", by: try Self.admin(store), context: context)
        #expect(second == ImportResult(extended: 1, events: 2))
        let m = try #require(try Self.exported(store).first)
        #expect(m.state == "closed" && m.outcome == "adopted" && m.servedOn == "2025-06-04" && m.repliedOn == "2025-07-30")
        // Its deadline is the legal clock's, not the ledger's: two months from service.
        #expect(m.events?.map(\.action) == ["create", "issue", "serve", "reply", "close"])
        #expect(m.events?.first { $0.action == "serve" }?.dueAfter == "2025-08-04")
    }

    @Test func aLedgerWithoutAStateColumnIsIssuedWhereItsDatesSaySoAndADraftWhereTheyDoNot() throws {
        let store = try Self.empty()
        let context = try Fixtures.context()
        let text = """
            文号,类型,标题,发起单位,接收单位,创建日期,送达日期,回复日期,办结日期,结果
            文检行建〔2025〕41号,suggestion,已送达的建议,文水县人民检察院,吕梁市生态环境局文水分局,2025-06-02,2025-06-04,,,
            文检行建〔2025〕42号,suggestion,已办结的建议,文水县人民检察院,文水县自然资源局,2025-06-02,2025-06-04,2025-07-01,2025-07-03,adopted
            ,suggestion,未制发的建议,文水县人民检察院,文水县自然资源局,2025-06-02,,,,

            """
        let items = ExchangeCSV.items(text)
        #expect(items.refused == nil, "\(String(describing: items.refused))")
        let result = try store.importMatters(items.items, source: "ledger", by: try Self.admin(store), context: context)
        #expect(result == ImportResult(created: 3, events: 3 + 5 + 1))
        let byTitle = Dictionary(uniqueKeysWithValues: try Self.exported(store).map { ($0.title, $0) })
        #expect(byTitle["已送达的建议"]?.state == "served" && byTitle["已送达的建议"]?.number == "文检行建〔2025〕41号")
        #expect(byTitle["已办结的建议"]?.state == "closed" && byTitle["已办结的建议"]?.outcome == "adopted")
        #expect(byTitle["未制发的建议"]?.state == "draft")
    }

    @Test func aFileWithOneRefusedStepWritesNothingAndNamesTheLineTheEventAndTheReason() throws {
        let store = try Self.empty()
        let context = try Fixtures.context()
        let header = "文号,类型,标题,发起单位,接收单位,创建日期,送达日期,回复日期,期限,状态\n"
        let text = header
            + "文检行建〔2025〕31号,suggestion,一,文水县人民检察院,吕梁市生态环境局文水分局,2025-06-02,2025-06-04,,,served\n"
            // Replied before it was served: the workflow refuses the reply.
            + "文检行建〔2025〕32号,suggestion,二,文水县人民检察院,吕梁市生态环境局文水分局,2025-06-02,2025-06-04,2025-06-01,,replied\n"
            // A due date that is not the legal clock's.
            + "文检行建〔2025〕33号,suggestion,三,文水县人民检察院,吕梁市生态环境局文水分局,2025-06-02,2025-06-04,,2025-07-01,served\n"
        let before = try Self.exported(store)
        let refused = try #require(throws: ImportRefused.self) {
            try store.importMatters(ExchangeCSV.items(text).items, source: "ledger", by: try Self.admin(store), context: context)
        }
        #expect(refused.problems.map(\.line) == [3, 4])
        guard case .refused(let event, let action, _, .workflow(.invalidInput(.dateBefore))) = refused.problems[0].reason else {
            Issue.record("\(refused.problems[0])")
            return
        }
        #expect(event == 4 && action == "reply")
        guard case .disagrees(let file, let history) = refused.problems[1].reason else {
            Issue.record("\(refused.problems[1])")
            return
        }
        #expect(refused.problems[1].field == "due" && file == "2025-07-01" && history == "2025-08-04")
        #expect(try Self.exported(store) == before)
        #expect(before.isEmpty)
    }

    @Test(arguments: Fixtures.engines)
    func onlyAnAdministratorImportsAndADryRunWritesNothing(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "onlyAnAdministratorImportsAndADryRunWritesNothing-\(engine)")
        let context = try Fixtures.context()
        let item = ImportItem(line: 2, matter: ExchangeMatter(
            number: "文检行建〔2024〕99号", kind: "suggestion", title: "试", domain: "other", state: "", due: nil, from: "jcy",
            to: "hbj", subject: nil, copiedTo: [], variant: nil, urgentPeriod: nil, createdOn: "2025-06-02", issuedOn: nil,
            servedOn: nil, repliedOn: nil, closedOn: nil, scheduledOn: nil, outcome: nil, rectification: nil, escalations: [],
            summary: "", events: nil))
        let clerk = try store.viewer(try #require(try store.users().first { $0.role != .admin }).name)
        #expect(throws: Store.PeopleFailure.self) { try store.importMatters([item], source: "x", by: clerk, context: context) }
        let before = try Self.exported(store).count
        let dry = try store.importMatters([item], source: "x", by: try Self.admin(store), context: context, dryRun: true)
        #expect(dry.created == 1 && dry.dryRun)
        #expect(try Self.exported(store).count == before)
    }
}
