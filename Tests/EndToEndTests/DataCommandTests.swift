import Foundation
import OversightTestSupport
import Testing

/// `import` and `export` as an administrator and a clerk call them, on real files.
@Suite struct DataCommandTests {
    var admin: String { PeopleFixtures.loginName }

    /// A ledger's header and a row of it, as a department keeps one.
    static let header = "文号,类型,标题,发起单位,接收单位,创建日期,送达日期,状态,摘要\n"
    static func row(_ n: Int, to: String = "吕梁市生态环境局文水分局", served: String = "2025-06-04", summary: String = "据台账") -> String {
        "文检行建〔2024〕\(n)号,suggestion,关于第\(n)件的检察建议,文水县人民检察院,\(to),2024-06-02,\(served),served,\(summary)\n"
    }

    static func write(_ dir: URL, _ name: String, _ data: Data) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func malformedFilesAreRefusedWholeNamingLineAndColumnWithTheDatabaseByteIdentical() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let gbk = String.Encoding(rawValue: 0x8000_0632)
        let big = String(repeating: "汾河排污口整治情况说明。", count: 500)  // 18 KB a row
        var fifty = Self.header
        for n in 1...2_900 { fifty += Self.row(n, summary: big) }
        fifty += Self.row(2_901, served: "2025-02-30")
        let cases: [(name: String, data: Data, says: [String])] = [
            ("bad-date.csv", Data((Self.header + Self.row(1) + Self.row(2, served: "2025-13-01")).utf8),
             ["bad-date.csv:3: 送达日期 (servedOn): \"2025-13-01\" is not a date YYYY-MM-DD"]),
            ("unknown-department.csv", Data((Self.header + Self.row(1, to: "文水县不存在局")).utf8),
             ["unknown-department.csv:2: 接收单位 (to): no organisation \"文水县不存在局\""]),
            ("duplicate.csv", Data((Self.header + Self.row(1) + Self.row(2) + Self.row(1)).utf8),
             ["duplicate.csv:4: 文号 (number): 文检行建〔2024〕1号 is already on line 2 of this file"]),
            ("columns.csv", Data((Self.header + Self.row(1) + "文检行建〔2024〕2号,suggestion,短\n" + Self.row(3, served: "x")).utf8),
             ["columns.csv:3: 3 fields where the header has 9", "columns.csv:4: 送达日期 (servedOn): \"x\" is not a date"]),
            ("quote.csv", Data((Self.header + Self.row(1) + "文检行建〔2024〕2号,suggestion,\"未闭合的标题,文水县人民检察院\n" + Self.row(3)).utf8),
             ["quote.csv:3: a quoted field opens here and is never closed"]),
            ("truncated.json", Data("{\"format\": \"oversight-matters\", \"version\": 1, \"matters\": [\n  {\"kind\": \"suggestion\", \"title\": \"截断".utf8),
             ["truncated.json:2: the file ends inside the JSON (truncated?)"]),
            ("invalid.csv", Data(Array((Self.header + Self.row(1)).utf8) + [0xC3, 0x28] + Array(Self.row(2).utf8)),
             ["invalid.csv:3: byte", "is not UTF-8"]),
            ("gbk.csv", try #require((Self.header + Self.row(1) + Self.row(2, to: "文水县不存在局")).data(using: gbk)),
             ["gbk.csv:3: 接收单位 (to): no organisation \"文水县不存在局\""]),
            ("fifty.csv", Data(fifty.utf8), ["fifty.csv:2902: 送达日期 (servedOn): \"2025-02-30\" is not a date"]),
        ]
        #expect(cases.last!.data.count > 50_000_000)
        for c in cases {
            let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
            let path = try Self.write(dir, c.name, c.data)
            let r = try cli.run(admin, ["import", path])
            #expect(r.status == 2, "\(c.name): \(r.err)")
            for words in c.says { #expect(r.err.contains(words), "\(c.name): \(r.err)") }
            #expect(r.err.contains("the file was refused whole: nothing was imported"), "\(c.name): \(r.err)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before, "\(c.name) changed the database")
        }
        // The same ledger in GBK without the bad row imports, converted.
        let good = try Self.write(dir, "good-gbk.csv", try #require((Self.header + Self.row(1) + Self.row(2)).data(using: gbk)))
        let r = try cli.run(admin, ["import", good])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("good-gbk.csv (read as GB18030/GBK): imported 2 new"), "\(r.out)")
        let titles = try cli.list("wangjian").compactMap { $0["title"] as? String }
        #expect(titles.contains("关于第2件的检察建议"))
    }

    @Test func theExportedCSVOpensInSpreadsheetsAndItsMattersComeBackIntoAFreshDatabase() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        // Text that would run as a formula, and a right-to-left override.
        let id = try cli.new("wangjian", "suggestion", to: "hbj", title: "=HYPERLINK(\"http://evil\",\"点我\")",
                             extra: ["--summary", "见附件fdp.exe"])
        // The override as an older database holds it (the text rule refuses it on the way in now).
        _ = try PeopleFixtures.sqlite(cli.db, "UPDATE matter SET summary = '见附件' || char(0x202E) || 'fdp.exe' WHERE id = \(id);")
        let csv = dir.appendingPathComponent("all.csv").path
        let exported = try cli.run(admin, ["export", "--out", csv], lang: "zh")
        #expect(exported.status == 0, "\(exported.err)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("\"系统编号\",\"文号\",\"类型\""))
        #expect(text.components(separatedBy: "\r\n").count > 40)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n\"1"), "records end in CRLF")
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\""))
        #expect(text.contains("见附件<U+202E>fdp.exe"))
        #expect(!text.unicodeScalars.contains("\u{202E}"))

        // Into a fresh database: the same matters, Chinese and all.
        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        #expect(try CLI.raw(["init", "--db", fresh, "--today", CLI.today]).status == 0)
        let target = CLI(db: fresh)
        let imported = try target.run(admin, ["import", csv])
        #expect(imported.status == 0, "\(imported.err)")
        func matters(_ c: CLI) throws -> [[String: String]] {
            let r = try c.run(admin, ["export", "--format", "json"])
            let file = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
            return (file["matters"] as? [[String: Any]] ?? []).map { m in
                m.filter { $0.key != "events" && $0.key != "summary" }.mapValues { "\($0)" }
            }
        }
        let original = try matters(cli), copy = try matters(target)
        #expect(copy.count == original.count && original.count > 40)
        #expect(copy == original)
        #expect(copy.contains { $0["title"] == "=HYPERLINK(\"http://evil\",\"点我\")" })
        // Twice: nothing doubles.
        let again = try target.run(admin, ["import", csv])
        #expect(again.out.contains("0 new, 0 carried further, \(original.count) already there"), "\(again.out)")
    }

    @Test func aTitleWithAQuoteBeforeACombiningMarkIsOneCellOfTheExportAndComesBackFromIt() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let title = "a\"\u{0301},=2+5,b"
        _ = try cli.new("wangjian", "suggestion", to: "hbj", title: title)
        let csv = dir.appendingPathComponent("quote.csv").path
        let exported = try cli.run(admin, ["export", "--out", csv])
        #expect(exported.status == 0, "\(exported.err)")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: csv)).dropFirst(3), as: UTF8.self)
        // The quote doubled on its own, though a combining mark joins it: one cell, as a spreadsheet splits it.
        #expect(text.contains("\"a\"\"\u{0301},=2+5,b\""))
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let row = try #require(lines.first { $0.contains("=2+5") })
        #expect(Self.spreadsheetCells(row).count == Self.spreadsheetCells(lines[0]).count)
        #expect(!Self.spreadsheetCells(row).contains { $0.unicodeScalars.first.map { "=+-@".unicodeScalars.contains($0) } ?? false })

        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        #expect(try CLI.raw(["init", "--db", fresh, "--today", CLI.today]).status == 0)
        let imported = try CLI(db: fresh).run(admin, ["import", csv])
        #expect(imported.status == 0, "\(imported.err)")
        let json = try CLI(db: fresh).run(admin, ["export", "--format", "json"])
        let file = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let titles = (file["matters"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        #expect(titles.contains(title))
    }

    /// The cells of one CSV line as a spreadsheet splits it: on bytes (a quote is a quote whatever follows it).
    static func spreadsheetCells(_ line: String) -> [String] {
        var cells: [String] = [], cell: [UInt8] = [], quoted = false
        let b = Array(line.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            if quoted {
                if c == 0x22, i + 1 < b.count, b[i + 1] == 0x22 { cell.append(c); i += 2; continue }
                if c == 0x22 { quoted = false } else { cell.append(c) }
            } else if c == 0x22 {
                quoted = true
            } else if c == 0x2C {
                cells.append(String(decoding: cell, as: UTF8.self))
                cell = []
            } else {
                cell.append(c)
            }
            i += 1
        }
        cells.append(String(decoding: cell, as: UTF8.self))
        return cells
    }

    @Test func aFileOverTheSizeLimitIsRefusedFromItsSizeWithoutBeingRead() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("huge.csv").path
        // A sparse file: 200 MB long, no block written.
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 200 * 1_048_576)
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let en = try cli.run(admin, ["import", path])
        #expect(en.status == 2, "\(en.err)")
        #expect(en.err.contains("huge.csv is 200.0 MB (209715200 bytes): files over 64 MB are not imported"), "\(en.err)")
        let zh = try cli.run(admin, ["import", path], lang: "zh")
        #expect(zh.status == 2)
        #expect(zh.err.contains("有 200.0 MB（209715200 字节）：导入文件最大 64 MB"), "\(zh.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before)
    }

    @Test func jsonNestedDeeperThanTheLimitIsRefusedAsTooDeepAtItsLine() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let deep = "{\"format\": \"oversight-matters\",\n \"matters\": [\n" + String(repeating: "[", count: 200_000) + "]}"
        let path = try Self.write(dir, "deep.json", Data(deep.utf8))
        let en = try cli.run(admin, ["import", path])
        #expect(en.status == 2)
        #expect(en.err.contains("deep.json:3: JSON nested deeper than 8 levels"), "\(en.err)")
        let zh = try cli.run(admin, ["import", path], lang: "zh")
        #expect(zh.err.contains("deep.json:3: JSON 嵌套超过 8 层"), "\(zh.err)")
        // Thirty bad rows: the first twenty named, and said that checking stopped there.
        var bad = Self.header
        for n in 1...30 { bad += Self.row(n, served: "2025-13-0\(n % 9 + 1)") }
        let many = try cli.run(admin, ["import", try Self.write(dir, "many.csv", Data(bad.utf8))])
        #expect(many.status == 2)
        #expect(many.err.contains("many.csv:21: 送达日期 (servedOn)") && !many.err.contains("many.csv:22:"), "\(many.err)")
        #expect(many.err.contains("checking stopped at problem 20"), "\(many.err)")
    }

    @Test func theICSPassesAnICalendarParserWithOneEventAndAlarmPerDeadlineAndStableUIDs() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let ics = dir.appendingPathComponent("deadlines.ics").path
        #expect(try cli.run("wangjian", ["export", "--format", "ics", "--out", ics]).status == 0)
        let json = try cli.run("wangjian", ["export", "--format", "json"]).out
        let jsonPath = try Self.write(dir, "all.json", Data(json.utf8))
        let script = """
            import json, sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            events = [c for c in cal.walk('VEVENT')]
            matters = json.load(open(sys.argv[2]))['matters']
            pending = {m['id'] for m in matters if m['due'] and (m['state'] in ('served', 'in-progress', 'objected') or (m['state'] == 'escalated' and not m['repliedOn']))}
            due = {int(str(e['UID']).split('-')[1]) for e in events if str(e['UID']).endswith('-due@oversight')}
            assert due == pending, (sorted(due), sorted(pending))
            byid = {m['id']: m for m in matters}
            for e in events:
                assert e['DTSTART'].params.get('VALUE') == 'DATE', e['DTSTART']
                m = byid[int(str(e['UID']).split('-')[1])]
                if str(e['UID']).endswith('-due@oversight'):
                    assert e.decoded('DTSTART').isoformat() == m['due'], (e.decoded('DTSTART'), m['due'])
                alarms = [a for a in e.walk('VALARM')]
                assert len(alarms) == 1 and alarms[0].decoded('TRIGGER').days == -7, alarms
                assert m['number'] in str(e['SUMMARY']) or not m['number']
            print(len(events))
            """
        let py = try Self.write(dir, "check.py", Data(script.utf8))
        let checked = try Subprocess.run(["python3", py, ics, jsonPath])
        #expect(checked.status == 0, "\(checked.err)")
        #expect((Int(checked.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 5, "\(checked.out)")
        // A second export gives the same UIDs.
        let second = try cli.run("wangjian", ["export", "--format", "ics"]).out
        func uids(_ text: String) -> [String] { text.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        #expect(uids(second) == uids(try String(contentsOfFile: ics, encoding: .utf8)))
    }

    @Test func importShowsAProgressBarOnATerminalStaysQuietWhenPipedAndIsForAdministratorsOnly() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        var text = "类型,标题,发起单位,接收单位,创建日期\n"
        for n in 1...600 { text += "meeting,第\(n)次联席会议,文水县人民检察院,文水县司法局,2025-0\(1 + n % 9)-1\(n % 9)\n" }
        let path = try Self.write(dir, "meetings.csv", Data(text.utf8))
        let clerk = try cli.run("wangjian", ["import", path])
        #expect(clerk.status == 1 && clerk.err.contains("only an administrator may import"), "\(clerk.err)")
        let piped = try cli.run(admin, ["import", path, "--dry-run"])
        #expect(piped.status == 0 && !piped.err.contains("[#"), "\(piped.err)")
        #expect(piped.out.contains("would import 600 new"), "\(piped.out)")
        let t = Tmux()
        try t.start("\(WorkbenchEndToEndTests.binary) import \(path) --db \(cli.db) --user \(admin) --today \(CLI.today) --lang en",
                    width: 100, height: 10)
        #expect(try t.waitForExit() == 0)
        let screen = try t.history()
        #expect(screen.contains("importing [##############################] 100% 600/600"), "\(screen)")
        #expect(screen.contains("meetings.csv: imported 600 new"), "\(screen)")
    }

    @Test func listsAsJSONEscapeBidiOverridesAndC1ControlsThatATamperedDatabaseHolds() throws {
        let cli = try CLI.demo()
        // Written behind the program's back (its own checks refuse such names).
        _ = try PeopleFixtures.sqlite(cli.db, """
            UPDATE user_account SET display_name = 'a' || char(0x202E) || 'b' || char(0x85) || 'c' WHERE name = 'wangjian';
            UPDATE organisation SET name = '局' || char(0x202E) || char(0x9B) || '31m' WHERE id = 'hbj';
            """)
        for args in [["user", "list", "--json"], ["org", "list", "--json"], ["user", "list"], ["org", "list"]] {
            let r = try cli.run(admin, args)
            #expect(r.status == 0, "\(args): \(r.err)")
            #expect(!r.out.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{85}" || $0 == "\u{9B}" }, "\(args)")
        }
        let users = try CLI.array(try cli.run(admin, ["user", "list", "--json"]), "user list")
        #expect(users.contains { $0["displayName"] as? String == "a\u{202E}b\u{85}c" })
        let orgs = try CLI.array(try cli.run(admin, ["org", "list", "--json"]), "org list")
        #expect(orgs.contains { $0["name"] as? String == "局\u{202E}\u{9B}31m" })
    }
}
