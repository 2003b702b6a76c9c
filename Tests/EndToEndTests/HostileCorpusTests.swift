import Foundation
import OversightTestSupport
import Testing

/// The hostile corpus (Tests/Support/HostileCorpus.swift) through the real binary: every way in (CLI options, JSON and
/// CSV imports, a form in the workbench) and every way out (lists, shows, exports, the report, a letter, alerts, the
/// workbench's screen).
@Suite struct HostileCorpusTests {
    typealias Entry = HostileCorpus.Entry
    static let admin = PeopleFixtures.loginName

    /// What the rule says (in English) for `verdict` in a field named `field` ("the title", "the text").
    static func says(_ verdict: HostileCorpus.Verdict, _ field: String, long: Bool, limit: Int) -> String {
        func code(_ v: UInt32) -> String {
            let hex = String(v, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        switch verdict {
        case .kept: return ""
        case .control(let v):
            return "\(field) holds a control character\(long ? "" : " or line break"), \(code(v)) "
        case .invisible(let v): return "\(field) holds an invisible character, \(code(v)) "
        case .nothingVisible: return "\(field) holds nothing visible"
        case .tooLong: return "at most \(limit) are allowed"
        }
    }

    /// Runs `body` for every entry, a few at a time, in the entries' order.
    static func each<T: Sendable>(_ entries: [Entry], _ body: @escaping @Sendable (Entry) throws -> T) throws -> [T] {
        var results: [T] = []
        var start = 0
        while start < entries.count {
            let slice = Array(entries[start..<min(start + 6, entries.count)])
            for r in simultaneously(slice.count, { try body(slice[$0]) }) { results.append(try r.get()) }
            start += slice.count
        }
        return results
    }

    static func count(_ cli: CLI, _ table: String) throws -> Int {
        Int(try PeopleFixtures.sqlite(cli.db, "SELECT COUNT(*) FROM \(table)").first ?? "") ?? -1
    }

    // MARK: Import files, built from the export of a demo matter with its title replaced

    /// `export --format json`'s first matter (a served suggestion with its history) as a template.
    static func jsonTemplate(_ cli: CLI) throws -> (file: [String: Any], matter: [String: Any]) {
        let file = try CLI.object(try cli.run(admin, ["export", "--format", "json"]), "export --format json")
        let matter = try #require((file["matters"] as? [[String: Any]])?.first)
        return (file, matter)
    }

    /// A JSON import file holding the template matter once per title, each with its own document number.
    static func jsonFile(_ template: (file: [String: Any], matter: [String: Any]), titles: [(title: String, number: String)]) throws -> Data {
        var file = template.file
        file["matters"] = titles.map { t -> [String: Any] in
            var m = template.matter
            m["title"] = t.title
            m["number"] = t.number
            m["id"] = nil
            m["events"] = (m["events"] as? [[String: Any]] ?? []).map { e -> [String: Any] in
                var e = e
                e["id"] = nil
                if e["action"] as? String == "create" { e["text"] = t.title }
                if e["documentNumber"] is String { e["documentNumber"] = t.number }
                return e
            }
            return m
        }
        return try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys])
    }

    /// `export --format csv`'s header and first row as a template.
    static func csvTemplate(_ cli: CLI) throws -> (header: [String], row: [String]) {
        let r = try cli.run(admin, ["export", "--format", "csv"])
        try #require(r.status == 0, "\(r.err)")
        let rows = CSV.parse(r.out)
        return (rows[0], rows[1])
    }

    /// A CSV import file with the template row once per title (its number replaced, its history left empty: the
    /// import takes the steps from the dates), every cell quoted as RFC 4180 says.
    static func csvFile(_ template: (header: [String], row: [String]), titles: [(title: String, number: String)]) -> String {
        let h = template.header
        func line(_ cells: [String]) -> String {
            // Quotes doubled on scalars: `"` before a combining mark is one Character, which a search for `"` misses.
            cells.map { cell in
                var quoted = String.UnicodeScalarView()
                for s in cell.unicodeScalars {
                    if s == "\"" { quoted.append("\"") }
                    quoted.append(s)
                }
                return "\"" + String(quoted) + "\""
            }.joined(separator: ",") + "\r\n"
        }
        var text = line(h)
        for t in titles {
            var row = template.row
            for (i, name) in h.enumerated() {
                switch name {
                case "ID", "History": row[i] = ""
                case "Title": row[i] = t.title
                case "Number": row[i] = t.number
                default: break
                }
            }
            text += line(row)
        }
        return text
    }

    // MARK: Ways in

    @Test func everyWayInRefusesWhatTheRuleRefusesWithItsMessageAndKeepsTheRestExactly() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let draft = try cli.new("wangjian", "suggestion", to: "hbj", title: "语料附注")
        let matters = try Self.count(cli, "matter"), events = try Self.count(cli, "event")

        // CLI options: --title (a one-line field) and --text (a long text). A text beginning with - is written
        // --title=T (else it is read as an option: "Missing value for '--title <TEXT>'"); any other as --title T
        // (the argument parser splits --title=T on a grapheme, so a T beginning with a combining mark or selector
        // is "Unknown option '--title=́…'"). A NUL cannot be passed in an argument at all (the system ends the
        // argument there), so it is tried through the files only.
        let entries = HostileCorpus.entries.filter { $0.family != .nul }
        @Sendable func option(_ name: String, _ text: String) -> [String] { text.hasPrefix("-") ? ["\(name)=\(text)"] : [name, text] }
        let results = try Self.each(entries) { e in
            (title: try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--json"] + option("--title", e.text)),
             note: try cli.act("wangjian", draft, "note", option("--text", e.text)))
        }
        var keptTitles = 0
        var keptNotes: [String] = []
        for (e, r) in zip(entries, results) {
            if case .kept(let v) = e.line {
                keptTitles += 1
                let o = try CLI.object(r.title, "\(e.name): matter new")
                #expect(o["title"] as? String == v, "\(e.name)")
            } else {
                #expect(r.title.status == 2, "\(e.name): matter new --title exited \(r.title.status)")
                #expect(r.title.err.contains(Self.says(e.line, "the title", long: false, limit: 200)), "\(e.name): \(r.title.err)")
            }
            if case .kept(let v) = e.long {
                keptNotes.append(v)
                #expect(r.note.status == 0, "\(e.name): note: \(r.note.err)")
            } else {
                #expect(r.note.status == 2, "\(e.name): note --text exited \(r.note.status)")
                #expect(r.note.err.contains(Self.says(e.long, "the text", long: true, limit: 20_000)), "\(e.name): \(r.note.err)")
            }
        }
        let notes = try cli.show("wangjian", draft).events.filter { $0["action"] as? String == "note" }.compactMap { $0["text"] as? String }
        #expect(notes.sorted() == keptNotes.sorted())
        #expect(try Self.count(cli, "matter") == matters + keptTitles, "a refused title wrote nothing")
        #expect(try Self.count(cli, "event") == events + keptTitles + keptNotes.count, "a refused text wrote nothing")

        // Imports: one file per refused title (JSON and CSV), all kept titles in one file of each.
        let json = try Self.jsonTemplate(cli), csv = try Self.csvTemplate(cli)
        let refused = HostileCorpus.refusedOnALine
        for e in refused {
            try Self.jsonFile(json, titles: [(e.text, "语料〔2025〕1号")]).write(to: dir.appendingPathComponent("\(e.name).json"))
            try Data(Self.csvFile(csv, titles: [(e.text, "语料〔2025〕2号")]).utf8).write(to: dir.appendingPathComponent("\(e.name).csv"))
        }
        let imports = try Self.each(refused) { e in
            let j = dir.appendingPathComponent("\(e.name).json"), c = dir.appendingPathComponent("\(e.name).csv")
            return (json: try cli.run(Self.admin, ["import", j.path, "--format", "json"]),
                    csv: try cli.run(Self.admin, ["import", c.path, "--format", "csv"]))
        }
        for (e, r) in zip(refused, imports) {
            let message = Self.says(e.line, "the title", long: false, limit: 200)
            for (format, result) in [("json", r.json), ("csv", r.csv)] {
                #expect(result.status == 2, "\(e.name).\(format): import exited \(result.status)")
                #expect(result.err.contains("\(e.name).\(format):"), "\(e.name).\(format): \(result.err)")
                if e.family == .nul && format == "csv" {
                    // A NUL byte makes a CSV file not text (it is read before any cell is).
                    #expect(result.err.contains("nor GBK/GB18030: not a text file"), "\(e.name).\(format): \(result.err)")
                } else {
                    #expect(result.err.contains("标题 (title)") && result.err.contains(message), "\(e.name).\(format): \(result.err)")
                }
                #expect(result.err.contains("the file was refused whole"), "\(e.name).\(format): \(result.err)")
            }
        }
        let kept = HostileCorpus.keptOnALine
        let keptJSON = dir.appendingPathComponent("kept.json"), keptCSV = dir.appendingPathComponent("kept.csv")
        try Self.jsonFile(json, titles: kept.enumerated().map { ($1.text, "语料〔2025〕\(100 + $0)号") }).write(to: keptJSON)
        try Data(Self.csvFile(csv, titles: kept.enumerated().map { ($1.text, "语料〔2025〕\(200 + $0)号") }).utf8).write(to: keptCSV)
        for path in [keptJSON.path, keptCSV.path] {
            let r = try cli.run(Self.admin, ["import", path])
            #expect(r.status == 0, "\(path): \(r.err)")
        }
        // Invalid UTF-8 in a file: refused naming the byte.
        for (name, bytes) in HostileCorpus.invalidUTF8 {
            let j = dir.appendingPathComponent("\(name).json"), c = dir.appendingPathComponent("\(name).csv")
            let marker = "语料占位"
            func replacing(_ data: Data) -> Data {
                let m = Array(marker.utf8), d = [UInt8](data)
                var out: [UInt8] = [], i = 0
                while i < d.count {
                    if i + m.count <= d.count, Array(d[i..<i + m.count]) == m { out += bytes; i += m.count } else { out.append(d[i]); i += 1 }
                }
                return Data(out)
            }
            try replacing(try Self.jsonFile(json, titles: [(marker, "语料〔2025〕3号")])).write(to: j)
            try replacing(Data(Self.csvFile(csv, titles: [(marker, "语料〔2025〕4号")]).utf8)).write(to: c)
            for path in [j.path, c.path] {
                let r = try cli.run(Self.admin, ["import", path])
                #expect(r.status == 2 && r.err.contains("is not UTF-8"), "\(name): \(path): \(r.err)")
            }
        }
        #expect(try Self.count(cli, "matter") == matters + keptTitles * 3, "refused files wrote nothing")
        let exported = try CLI.object(try cli.run(Self.admin, ["export", "--format", "json"]), "export")
        let titles = Dictionary((exported["matters"] as? [[String: Any]] ?? []).map { ($0["number"] as? String ?? "", $0["title"] as? String ?? "") }) { a, _ in a }
        for (i, e) in kept.enumerated() {
            guard case .kept(let v) = e.line else { continue }
            #expect(titles["语料〔2025〕\(100 + i)号"] == v, "\(e.name) through JSON")
            #expect(titles["语料〔2025〕\(200 + i)号"] == v, "\(e.name) through CSV")
        }
        let audit = try cli.run(Self.admin, ["audit", "verify"])
        #expect(audit.status == 0, "\(audit.out)\(audit.err)")
    }

    // MARK: Ways out

    /// What must never be in an output: a raw control (but LF, CR, tab), DEL, C1, bidi or zero-width scalar (a
    /// file's leading BOM aside), a refused entry's raw text, the lookalike number reading as 99号.
    static func leaks(_ text: String, _ what: String, allowBOM: Bool = false, rawAllowed: Set<String> = []) -> [String] {
        var scalars = Array(text.unicodeScalars)
        if allowBOM, scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var problems: [String] = []
        if let s = scalars.first(where: HostileCorpus.isForbiddenRaw) {
            problems.append("\(what): raw U+\(String(s.value, radix: 16, uppercase: true))")
        }
        let bytes = Data(text.utf8)
        // (A lone selector or a run of marks is also part of kept texts, ❤️ or a combining stack: checked marked
        // where it is shown instead.)
        let quiet: Set<HostileCorpus.Family> = [.length, .variationSelector, .nothingVisible]
        for e in HostileCorpus.refusedOnALine where !quiet.contains(e.family) && !rawAllowed.contains(e.name) {
            if bytes.range(of: Data(e.text.utf8)) != nil { problems.append("\(what): \(e.name) raw") }
        }
        if text.contains("〔2025〕99号") { problems.append("\(what): the lookalike reads 99号") }
        return problems
    }

    /// Every way out of a database where the refused entries are stored as an older database holds them (written
    /// with the sqlite3 shell into a matter's title and summary and its last event's text; `audit verify` then
    /// reports tampering, as it must for a hand-edited file) and the kept ones imported.
    @Test func everyWayOutShowsHiddenCharactersMarkedAndNoCellAFormula() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let kept = HostileCorpus.keptOnALine
        let keptJSON = dir.appendingPathComponent("kept.json")
        try Self.jsonFile(try Self.jsonTemplate(cli), titles: kept.enumerated().map { ($1.text, "语料〔2025〕\(100 + $0)号") }).write(to: keptJSON)
        let imported = try cli.run(Self.admin, ["import", keptJSON.path])
        try #require(imported.status == 0, "\(imported.err)")

        let refused = HostileCorpus.refusedOnALine
        let ids = Array(try cli.visibleIDs("wangjian").filter { $0 <= 42 }.sorted().prefix(refused.count))
        try #require(ids.count == refused.count)
        func hex(_ s: String) -> String { s.utf8.map { String(format: "%02X", $0) }.joined() }
        let trigger = try PeopleFixtures.sqlite(cli.db, "SELECT sql FROM sqlite_master WHERE name = 'event_no_update'").joined(separator: "\n")
        var sql = "DROP TRIGGER event_no_update;\n"
        for (e, id) in zip(refused, ids) {
            let v = "CAST(X'\(hex(e.text))' AS TEXT)"
            // The summary ends in a tag of the entry's name: the workbench's filter finds the one matter by it.
            sql += "UPDATE matter SET title = \(v), summary = \(v) || ' 样本\(e.name)' WHERE id = \(id);\n"
            sql += "UPDATE event SET text = \(v) WHERE id = (SELECT MAX(id) FROM event WHERE matter_id = \(id));\n"
        }
        sql += trigger + ";\n"
        let script = dir.appendingPathComponent("older.sql")
        try Data(sql.utf8).write(to: script)
        let shell = try Subprocess.run(["sqlite3", cli.db, ".read \(script.path)"])
        try #require(shell.status == 0, "sqlite3: \(shell.err)")

        var problems: [String] = []
        func check(_ r: Subprocess.Result, _ what: String, status: Set<Int32> = [0], allowBOM: Bool = false, rawAllowed: Set<String> = []) {
            if !status.contains(r.status) { problems.append("\(what) exited \(r.status): \(r.err.prefix(300))") }
            problems += Self.leaks(r.out, what, allowBOM: allowBOM, rawAllowed: rawAllowed)
            problems += Self.leaks(r.err, what + " (stderr)")
        }
        let me = "wangjian"
        let listText = try cli.run(me, ["matter", "list", "--all"])
        check(listText, "matter list")
        #expect(listText.out.contains("<U+001B>]0;pwned<U+0007>"), "\(listText.out.prefix(2000))")
        let listJSON = try cli.run(me, ["matter", "list", "--all", "--json"])
        check(listJSON, "matter list --json")
        // JSON carries the stored value exactly, escaped: it decodes to the raw string.
        let listed = Dictionary(try CLI.array(listJSON, "list").map { ($0["id"] as? Int ?? 0, $0["title"] as? String ?? "") }) { a, _ in a }
        for (e, id) in zip(refused, ids) where e.family != .nul {
            #expect(listed[id] == e.text, "\(e.name): matter list --json title")
        }
        let shows = try Self.each(refused) { e in
            let id = ids[refused.firstIndex { $0.name == e.name }!]
            return (text: try cli.run(me, ["matter", "show", "\(id)"]), json: try cli.run(me, ["matter", "show", "\(id)", "--json"]))
        }
        for (e, r) in zip(refused, shows) {
            check(r.text, "matter show (\(e.name))")
            check(r.json, "matter show --json (\(e.name))")
        }
        #expect(shows[0].text.out.contains("<U+001B>[31m"), "\(shows[0].text.out)")
        for name in ["lone-vs16", "vs16-on-space"] {
            let shown = shows[refused.firstIndex { $0.name == name }!].text.out
            #expect(shown.contains("<U+FE0F>"), "\(name): \(shown)")
        }
        for format in ["csv", "json", "ics"] {
            let r = try cli.run(Self.admin, ["export", "--format", format])
            // Inside a quoted CSV cell a CR is a line break, not an overwrite; a tab is a tab.
            check(r, "export --format \(format)", allowBOM: format == "csv",
                  rawAllowed: format == "csv" ? ["cr-overwrite", "formula-behind-inner-tab"] : [])
            if format == "csv" {
                let rows = CSV.parse(r.out)
                for (n, row) in rows.enumerated() {
                    if row.count != rows[0].count { problems.append("export csv: row \(n + 1) has \(row.count) fields, the header \(rows[0].count)") }
                    for cell in row {
                        if let c = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(c) {
                            problems.append("export csv: row \(n + 1): a cell starts with \(c.escaped(asASCII: true)): \(cell.prefix(40))")
                        }
                    }
                }
            }
        }
        for format in ["text", "csv"] {
            check(try cli.run(me, ["report", "--format", format]), "report --format \(format)", allowBOM: format == "csv")
        }
        let letters = try Self.each(refused) { e in
            try cli.run(me, ["doc", "reminder", "\(ids[refused.firstIndex { $0.name == e.name }!])"])
        }
        var written = 0
        for (e, r) in zip(refused, letters) {
            check(r, "doc reminder (\(e.name))", status: [0, 1])
            if r.status == 0 { written += 1 }
        }
        #expect(written >= 2, "some hostile matters are overdue: their reminders are written")
        check(try cli.run(me, ["alerts"]), "alerts", status: [0, 1, 2])
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(try cli.run(Self.admin, ["audit", "verify"]).status == 1, "a hand-edited file is reported as tampered with")

        try workbench(cli)
    }

    /// The workbench in tmux over the same database: the screen and the bytes the program wrote.
    func workbench(_ cli: CLI) throws {
        let dir = try Fixtures.temporaryDirectory()
        let raw = dir.appendingPathComponent("pane.bytes").path
        let t = Tmux()
        try t.start("env OVERSIGHT_DB=\(cli.db) OVERSIGHT_TODAY=\(CLI.today) \(WorkbenchEndToEndTests.binary) --user wangjian",
                    width: 200, height: 50)
        let titleBefore = try t.display("#{pane_title}")
        try t.tmux("pipe-pane", "-o", "-t", t.session, "cat >> \(raw)")
        let summary = try t.waitFor("逾期提醒")
        #expect(summary.found, "\(summary.screen)")
        try t.keys("Space")
        #expect(try waitUntil { !(try t.screen()).contains("逾期提醒") })
        var screens = [try t.screen()]

        // One matter at a time, found by its summary's tag: the detail pane shows its title marked.
        for (name, shown) in [("osc-0-window-title", "x<U+001B>]0;pwned<U+0007>y"),
                              ("lookalike-99", "文检行建〔2025〕<U+FEFF>9<U+200B>9号"),
                              ("osc-52-clipboard", "x<U+001B>]52;c;cm0gLXJmIH4K<U+0007>y"),
                              ("c1-csi", "文<U+009B>2J"), ("bidi-rlo", "invoice<U+202E>txt.exe")] {
            try t.keys("/")
            try t.keys("-l", "样本\(name)")
            let found = try t.waitFor(shown)
            #expect(found.found, "\(name):\n\(found.screen)")
            screens.append(found.screen)
            try t.keys("Escape")
        }
        #expect(try t.display("#{pane_title}") == titleBefore, "OSC 0 did not set the window title")

        // A form: text typed goes in as text; hidden characters pasted are dropped by the field, never stored.
        try t.keys("n")
        #expect(try t.waitFor("Esc 取消").found)
        try t.keys("Tab")
        try t.keys("-l", "hbj")
        try t.keys("Tab")
        try t.keys("-l", "=2+5 😀 语料表单")
        try t.keys("Enter")
        #expect(try t.waitFor("详情 =2+5 😀 语料表单").found)
        try t.keys("n")
        #expect(try t.waitFor("Esc 取消").found)
        try t.keys("Tab")
        try t.keys("-l", "hbj")
        try t.keys("Tab")
        try t.tmux("set-buffer", "-b", "hostile", "丙\u{200B}丁\u{202E}戊\u{1B}]0;pwned\u{07}")
        try t.tmux("paste-buffer", "-p", "-b", "hostile", "-t", t.session)
        let pasted = try t.waitFor("丙丁戊]0;pwned")
        #expect(pasted.found, "\(pasted.screen)")
        // (Enter within 50 ms of the paste's end would count as pasted: pressed again while the form is open.)
        let submitted = try waitUntil(every: .milliseconds(700)) {
            let screen = try t.screen()
            if screen.contains("详情 丙丁戊]0;pwned") { return true }
            if screen.contains("Esc 取消") { try t.keys("Enter") }
            return false
        }
        #expect(submitted)
        screens.append(try t.screen())
        // What the rule refuses after the field's cleaning (marks alone): its message, the form kept open.
        try t.keys("n")
        #expect(try t.waitFor("Esc 取消").found)
        try t.keys("Tab")
        try t.keys("-l", "hbj")
        try t.keys("Tab")
        try t.tmux("set-buffer", "-b", "marks", HostileCorpus.entry("nothing-but-marks").text)
        try t.tmux("paste-buffer", "-p", "-b", "marks", "-t", t.session)
        // Input within 50 ms of a paste's end counts as the paste (CursesTerminal.pasteContinuationMilliseconds),
        // and so does what follows it with gaps under 500 ms: Enter again, slower, until it is taken as a key.
        var refusedForm = ""
        let said = try waitUntil(every: .milliseconds(700)) {
            try t.keys("Enter")
            refusedForm = try t.screen()
            return refusedForm.contains("标题没有可见的字")
        }
        #expect(said && refusedForm.contains("Esc 取消"), "\(refusedForm)")
        try t.keys("Escape")
        #expect(try waitUntil { !(try t.screen()).contains("Esc 取消") })
        #expect(try t.display("#{pane_title}") == titleBefore)
        try t.keys("q")
        #expect(try t.waitForExit() == 0)

        let titles = try cli.list("wangjian").compactMap { $0["title"] as? String }
        #expect(titles.contains("=2+5 😀 语料表单"))
        #expect(titles.contains("丙丁戊]0;pwned"))
        for (i, screen) in screens.enumerated() {
            let problems = Self.leaks(screen, "screen \(i)")
            #expect(problems.isEmpty, "\(problems)\n\(screen)")
        }
        // What the program wrote to the terminal: its own escape sequences, never one from the data, no C1, no
        // bidi or zero-width character.
        let written = String(decoding: FileManager.default.contents(atPath: raw) ?? Data(), as: UTF8.self)
        #expect(written.contains("pwned"), "the pane's bytes were recorded")
        for bad in ["\u{1B}]0;pwned", "\u{1B}]52;", "\u{1B}]8;;http", "\u{1B}P1$r", "\u{1B}_payload", "\u{1B}^pm", "\u{1B}Xsos", "\u{1B}[2J\u{1B}[H清"] {
            #expect(!written.contains(bad), "the data's \(bad.debugDescription) reached the terminal")
        }
        let hidden = written.unicodeScalars.filter { (0x80...0x9F).contains($0.value) || ($0.value != 0x1B && HostileCorpus.isForbiddenRaw($0) && ![0x07, 0x08, 0x0F, 0x0E].contains($0.value)) }
        #expect(hidden.isEmpty, "\(hidden.map { String($0.value, radix: 16) })")
    }

    /// An argument that is not UTF-8 (a script or a terminal in another encoding passes other bytes): refused,
    /// exit 2, in the interface's language, nothing written (Swift alone would read the bytes as U+FFFD and store it).
    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let cli = try CLI.demo()
        let matters = try Self.count(cli, "matter")
        for (name, bytes) in HostileCorpus.invalidUTF8 {
            let escaped = bytes.map { "\\" + String($0, radix: 8) }.joined()
            for lang in ["en", "zh"] {
                let r = try Subprocess.run(["sh", "-c", "exec \"$0\" matter new suggestion --to hbj --title \"$(printf '\(escaped)')\" --json --db \"$1\" --user wangjian --today 2025-09-29 --lang \(lang)",
                                            WorkbenchEndToEndTests.binary, cli.db])
                #expect(r.status == 2, "\(name) \(lang): \(r.out)\(r.err)")
                let says = lang == "en" ? "argument 7 is not valid UTF-8 text" : "第 7 个参数不是有效的 UTF-8 文字"
                #expect(r.err.contains(says), "\(name) \(lang): \(r.err)")
            }
        }
        #expect(try Self.count(cli, "matter") == matters)
        // The argument parser's own messages quote what was typed: shown marked, never raw.
        for args in [["matter", "new", "suggestion", "--x\u{1B}]0;pwned\u{07}"], ["matter", "new", "suggestion", "--to", "hbj", "--title", "a", "b\u{1B}[2J\u{9B}c"]] {
            let r = try cli.run("wangjian", args)
            #expect(r.status == 2, "\(r.err)")
            #expect(r.err.contains("<U+001B>") && Self.leaks(r.err, "parser message").isEmpty, "\(r.err.debugDescription)")
        }
        // Valid UTF-8 the same way goes through.
        let ok = try Subprocess.run(["sh", "-c", "exec \"$0\" matter new suggestion --to hbj --title \"$(printf '\\345\\205\\263')\" --json --db \"$1\" --user wangjian --today 2025-09-29",
                                     WorkbenchEndToEndTests.binary, cli.db])
        #expect(ok.status == 0, "\(ok.err)")
    }
}

/// RFC 4180, as a spreadsheet reads it: fields split on commas outside quotes, records on CRLF or LF outside quotes,
/// `""` inside quotes a quote. Works on Unicode scalars, never on graphemes.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false, afterQuote = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if quoted {
                if s == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false; afterQuote = true }
                } else { field.append(s) }
            } else {
                switch s {
                case "\"" where field.isEmpty && !afterQuote: quoted = true
                case ",": row.append(String(field)); field = .init(); afterQuote = false
                case "\r" where i + 1 < scalars.count && scalars[i + 1] == "\n": break
                case "\n": row.append(String(field)); rows.append(row); row = []; field = .init(); afterQuote = false
                default: field.append(s)
                }
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(String(field)); rows.append(row) }
        return rows
    }
}
