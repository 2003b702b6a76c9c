import Foundation
import OversightDomain
import OversightStore
import OversightTestSupport
import Testing

/// Broken and hostile files into the CSV and JSON import path, on a real SQLite file: each is either refused
/// with problems that name a line of the file (and the database unchanged), or imported exactly.
@Suite struct ImportFuzzTests {
    /// A few matters of the demo with their histories, exported as the CLI does.
    static func source() throws -> (matters: [ExchangeMatter], csv: String, json: String) {
        let demo = try Fixtures.demoStore(name: "importFuzzSource")
        let orgs = Dictionary(uniqueKeysWithValues: try demo.organisations().map { ($0.id, $0) })
        let all = try ImportTests.exported(demo)
        // Different kinds and states, few enough that a dry run is quick.
        var matters: [ExchangeMatter] = []
        for m in all where !matters.contains(where: { $0.kind == m.kind && $0.state == m.state }) && matters.count < 6 {
            matters.append(m)
        }
        let csv = String(ExchangeCSV.text(matters, headers: .zh, organisations: orgs).unicodeScalars.dropFirst())
        let json = try ExchangeJSON.text(ExchangeFile(exportedOn: Fixtures.today, matters: matters))
        return (matters, csv, json)
    }

    /// `bytes` changed in one to three random ways.
    static func mutated(_ bytes: [UInt8], _ r: inout FuzzRandom) -> [UInt8] {
        var b = bytes
        for _ in 0...r.below(3) {
            let at = r.below(b.count + 1)
            switch r.below(11) {
            case 0: b = Array(b.prefix(at))  // truncated
            case 1: b.insert(UInt8(ascii: "\""), at: at)
            case 2: b.insert(contentsOf: Array(Hostile.string(&r, length: 4).utf8), at: at)
            case 3: if at < b.count { b[at] = UInt8.random(in: 0...255, using: &r) }
            case 4: b.insert(contentsOf: r.pick([[0xFF], [0xC3, 0x28], [0x80], [0xE6, 0xB1], [0xF4, 0x90, 0x80, 0x80], [0xED, 0xA0, 0x80]]), at: at)
            case 5:  // deep nesting
                let depth = r.pick([3, 7, 9, 50, 5_000])
                b.insert(contentsOf: Array(String(repeating: r.pick(["[", "{\"a\":"]), count: depth).utf8), at: at)
            case 6, 7:  // two lines' fields swapped, a line deleted or doubled
                var lines = b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 2 else { break }
                let i = 1 + r.below(lines.count - 1), j = 1 + r.below(lines.count - 1)
                switch r.below(3) {
                case 0:
                    var fields = lines[i].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
                    if fields.count > 1 { fields.swapAt(r.below(fields.count), r.below(fields.count)) }
                    lines[i] = Array(fields.joined(separator: [UInt8(ascii: ",")]))
                case 1: lines.remove(at: i)
                default: lines.insert(lines[j], at: i)
                }
                b = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            case 8:  // a digit changed (dates, numbers)
                if let i = b.indices.shuffled(using: &r).first(where: { (0x30...0x39).contains(b[$0]) }) { b[i] = UInt8(0x30 + r.below(10)) }
            case 9: if at < b.count { b.remove(at: at) }
            default: b.insert(contentsOf: r.pick([",", "\r", "\n", "\"\"", "'", "\\", "}", "]"]).utf8, at: at)
            }
        }
        return b
    }

    /// What a file gives: refused at lines of the file, or matters.
    enum Outcome { case refused([Int]), read([ImportItem], ImportSource) }

    static func read(_ bytes: [UInt8], json: Bool) -> Outcome {
        let text: String
        do {
            text = try ExchangeDecoding.text(of: Data(bytes)).text
        } catch {
            switch error {
            case .notText(let line, _), .invalidUTF8(let line, _): return .refused([line])
            }
        }
        let (items, refused) = json ? ExchangeJSON.items(text) : ExchangeCSV.items(text)
        if let refused { return .refused(refused.problems.map(\.line)) }
        // A CSV table is imported as the CLI imports it: read again record by record on each pass.
        return .read(items, json ? ImportSource(items) : ExchangeCSV.source(text))
    }

    @Test func mutatedExportsAreRefusedAtALineOfTheFileOrImportedExactlyAndARefusalWritesNothing() throws {
        var r = FuzzRandom.start(#function, salt: 4)
        let n = FuzzRandom.iterations(120)
        let (_, csv, json) = try Self.source()
        let store = try ImportTests.empty()
        let admin = try ImportTests.admin(store)
        let context = try Fixtures.context()
        let db = store.path
        func fingerprint() throws -> Data {
            try Data(contentsOf: URL(fileURLWithPath: db)) + ((try? Data(contentsOf: URL(fileURLWithPath: db + "-wal"))) ?? Data())
        }
        let before = try fingerprint()
        var tally = (refused: 0, imported: 0)
        var importedExactly = 0
        for i in 0..<n {
            let isJSON = i % 2 == 1
            let original = Array((isJSON ? json : csv).utf8)
            let bytes = Self.mutated(original, &r)
            let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let described = String(decoding: bytes.prefix(300), as: UTF8.self).debugDescription
            switch Self.read(bytes, json: isJSON) {
            case .refused(let at):
                tally.refused += 1
                #expect(!at.isEmpty && at.allSatisfy { (1...lines).contains($0) }, "lines \(at) of \(lines): \(described)")
            case .read(let items, let source):
                #expect(items.allSatisfy { (1...lines).contains($0.line) }, "\(described)")
                do {
                    let result = try store.importMatters(from: source, source: "fuzz", by: admin, context: context, dryRun: true)
                    tally.imported += 1
                    #expect(result.created + result.unchanged + result.extended == items.count)
                    // Imported exactly: the first few for real, into a database of their own.
                    if importedExactly < 4, !items.isEmpty {
                        importedExactly += 1
                        let target = try ImportTests.empty("fuzzTarget\(importedExactly)")
                        _ = try target.importMatters(items, source: "fuzz", by: try ImportTests.admin(target), context: context)
                        let back = try ImportTests.exported(target)
                        #expect(Set(back.map(\.title)) == Set(items.map { $0.matter.title.trimmingCharacters(in: .whitespacesAndNewlines) }))
                        #expect(Set(back.map(\.summary)) == Set(items.map(\.matter.summary)))
                        #expect(Set(back.map(\.state)) == Set(items.map(\.matter.state)).subtracting([""]).union(back.map(\.state)))
                        #expect(back.count == items.count)
                    }
                } catch let refused as ImportRefused {
                    tally.refused += 1
                    #expect(refused.problems.allSatisfy { (1...lines).contains($0.line) }, "\(refused.problems) of \(lines): \(described)")
                }
            }
            #expect(try fingerprint() == before, "the database changed: \(described)")
        }
        print("fuzz: \(n) files, \(tally.refused) refused, \(tally.imported) accepted (\(importedExactly) imported and compared)")
        #expect(tally.refused > 0)
    }

    @Test func randomBytesAreRefusedAtALineOfTheFileWithoutACrash() {
        var r = FuzzRandom.start(#function, salt: 5)
        for i in 0..<FuzzRandom.iterations(200) {
            var bytes = (0..<r.below(400)).map { _ in UInt8.random(in: 0...255, using: &r) }
            if i % 3 == 0 { bytes = Array("文号,类型,标题\n".utf8) + bytes.map { $0 & 0x7F } }
            let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            for json in [false, true] {
                if case .refused(let at) = Self.read(bytes, json: json) {
                    #expect(at.allSatisfy { (1...lines).contains($0) }, "\(bytes)")
                }
            }
        }
    }

    @Test func jsonNestedDeeperThanTheLimitIsRefusedAsSuchAtItsLine() throws {
        let deep = "{\"format\": \"oversight-matters\",\n\"matters\": [\n" + String(repeating: "[", count: 100_000) + "\n]}"
        let read = ExchangeJSON.items(deep)
        let problem = try #require(read.refused?.problems.first)
        guard case .tooDeep(let limit) = problem.reason else {
            Issue.record("\(problem.reason)")
            return
        }
        #expect(limit == ExchangeJSON.depthLimit && problem.line == 3)
        // The exchange schema's own depth (file, matters, a matter, its events, an event) is well inside it.
        let (_, _, json) = try Self.source()
        #expect(ExchangeJSON.items(json).refused == nil)
        #expect(ExchangeJSON.tooDeep(json) == nil)
        // The history column of a CSV row is checked the same way.
        let header = "类型,标题,发起单位,接收单位,创建日期,历史记录\n"
        let row = "suggestion,深,jcy,hbj,2025-06-02,\"" + String(repeating: "[", count: 20) + "\"\n"
        let csv = ExchangeCSV.items(header + row)
        guard case .tooDeep = try #require(csv.refused?.problems.first).reason else {
            Issue.record("\(String(describing: csv.refused))")
            return
        }
        #expect(csv.refused?.problems.first?.line == 2)
    }

    @Test func readingAndCheckingStopAtTheTwentiethProblemAndSaySo() throws {
        let header = "文号,类型,标题,发起单位,接收单位,创建日期\n"
        // 30 short rows, then a row whose only problem would be found by reading on.
        let short = header + String(repeating: "文检行建〔2025〕1号,suggestion,短\n", count: 30) + "\"unclosed\n"
        let read = ExchangeCSV.items(short)
        let refused = try #require(read.refused)
        #expect(refused.problems.count == 20 && refused.stopped && refused.total == 20)
        #expect(refused.problems.map(\.line) == Array(2...21))
        // Rows that read but are wrong: the checking pass stops at the 20th too, and nothing is written.
        let store = try ImportTests.empty()
        var rows = header
        for n in 1...30 { rows += "文检行建〔2025〕\(n)号,suggestion,题\(n),文水县人民检察院,文水县不存在局,2025-06-02\n" }
        let checked = try #require(throws: ImportRefused.self) {
            try store.importMatters(from: ExchangeCSV.source(rows), source: "csv", by: try ImportTests.admin(store), context: try Fixtures.context())
        }
        #expect(checked.problems.count == 20 && checked.stopped)
        #expect(try ImportTests.exported(store).isEmpty)
    }

    @Test(arguments: Fixtures.engines)
    func aTitleWithAQuoteAndACombiningMarkIsExportedAsOneCellAndImportedBack(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "aTitleWithAQuoteAndACombiningMarkIsExportedAsOneCellAndImportedBack-\(engine)")
        let context = try Fixtures.context()
        let title = "a\"\u{0301},=2+5,b"
        let jcy = try store.viewer("wangjian")
        let hbj = try #require(try store.organisations().first { $0.id == "hbj" })
        let made = try store.create(NewMatter(kind: .suggestion, title: title, domain: .ecology, to: hbj.id, date: Fixtures.today), by: jcy, context: context)
        #expect(made.title == title)
        let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        let matters = try ImportTests.exported(store)
        let csv = String(ExchangeCSV.text(matters, headers: .zh, organisations: orgs).unicodeScalars.dropFirst())
        let records = try CSVText.records(csv)
        #expect(records.allSatisfy { $0.fields.count == ExchangeCSV.columns.count })
        #expect(!records.contains { $0.fields.contains("=2+5") })
        let row = try #require(records.first { $0.fields.contains(title) })
        #expect(row.fields[ExchangeCSV.columns.firstIndex { $0.field == "title" }!] == title)
        let items = ExchangeCSV.items(csv)
        #expect(items.refused == nil, "\(String(describing: items.refused?.problems))")
        let target = try ImportTests.empty()
        _ = try target.importMatters(items.items, source: "csv", by: try ImportTests.admin(target), context: context)
        #expect(try ImportTests.exported(target).contains { $0.title == title })
    }
}
