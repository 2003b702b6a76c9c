import Foundation
import OversightDomain
import OversightStore
import OversightTestSupport
import Testing

/// Random Unicode through every exchange format's writer and back through its reader.
///
/// Values are generated as *stored* values (anything a database may hold, an older one included: NUL, controls,
/// format characters), and go through the formats' own encode and decode functions, not the write path, which
/// refuses some of them. What comes back:
/// - **CSV** gives back the value *as the cell shows it*, `CSVText.shown(value)`: CRLF as LF, and every control
///   (a lone CR, NUL, ESC, C1 …) and format character (bidi, zero-width, BOM, U+2028 …) as the visible text
///   `<U+XXXX>`, since CSV cannot carry them safely into a spreadsheet. So a value that already spelled
///   `<U+202E>` and one that held U+202E come back alike; everything else (quotes, commas, line breaks, tabs,
///   combining marks, variation selectors, astral characters, a leading `=` or `'`) comes back exactly. The
///   history column carries its texts exactly (JSON escapes). Free texts (title, summary) are not trimmed on
///   import; the other columns are trimmed of spaces and tabs.
/// - **JSON** gives back every value exactly.
/// - **ICS** (a calendar, not read back by `import`): unfolded and unescaped, a SUMMARY is
///   `ExchangeICS.shown(its text)` (invisible characters as `<U+XXXX>`, like CSV).
@Suite struct ExchangePropertyTests {
    /// Formula characters a spreadsheet acts on at the start of a cell (a CR is read back as part of LF).
    static let formula: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// Whether a cell (quotes removed) would be evaluated: its first character one of `formula`, or one behind
    /// only spaces, combining marks and variation selectors (which join the character before them: the cell's
    /// first grapheme). A cell that starts with the apostrophe is text.
    static func runs(_ cell: String) -> Bool {
        for s in cell.unicodeScalars {
            if formula.contains(s) { return true }
            if s.properties.isWhitespace { continue }
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format: continue
            default: return false
            }
        }
        return false
    }

    @Test func everyCSVRecordHasTheHeadersFieldCountNoCellRunsAsAFormulaAndEachCellReadsBackAsShown() throws {
        var r = FuzzRandom.start(#function, salt: 1)
        let n = FuzzRandom.iterations(400)
        let columns = 5
        let header = (0..<columns).map { "c\($0)" }
        for _ in 0..<n {
            let rows = (0..<(1 + r.below(4))).map { _ in (0..<columns).map { _ in Hostile.string(&r) } }
            let text = ([header] + rows).map { CSVText.record($0.map { CSVText.field($0) }) }.joined()
            let records = try CSVText.records(text)
            try #require(records.count == rows.count + 1, "\(rows.map { $0.map(\.debugDescription) })")
            for (record, row) in zip(records.dropFirst(), rows) {
                #expect(record.fields.count == columns, "\(row.map(\.debugDescription)) → \(text.debugDescription)")
                for (cell, value) in zip(record.fields, row) {
                    #expect(!Self.runs(cell), "\(value.debugDescription) is written as \(cell.debugDescription)")
                    #expect(cell.unicodeScalars.first.map { !Self.formula.contains($0) } ?? true)
                    let back = CSVText.unneutralised(cell)
                    #expect(back.unicodeScalars.elementsEqual(CSVText.shown(value)),
                            "\(value.debugDescription) → \(cell.debugDescription) → \(back.debugDescription)")
                    #expect(!back.unicodeScalars.contains { ExchangeText.isInvisible($0) && $0 != "\n" })
                }
            }
        }
    }

    @Test func aQuoteWithACombiningMarkIsDoubledAndAFormulaBehindItStaysInsideItsCell() throws {
        let title = "a\"\u{0301},=2+5,b"
        let cell = CSVText.field(title)
        #expect(cell == "\"a\"\"\u{0301},=2+5,b\"")
        let records = try CSVText.records(CSVText.record(["x", cell, "y"].map { $0 == cell ? $0 : CSVText.field($0) }))
        #expect(records.first?.fields == ["x", title, "y"])
        // A formula behind a mark, a variation selector or a space is neutralised; behind a format character it
        // is not needed (the character is written `<U+200D>`, so the cell starts with `<`).
        for value in ["\u{0301}=2+5", "\u{FE0F}+1", " @SUM(A1)", "\u{3000}-1", "\n=1", "\r\n=1", "'\u{0301}=1", "＝1"] {
            let read = try #require(try CSVText.records(CSVText.field(value) + "\r\n").first?.fields.first)
            #expect(read.unicodeScalars.first == "'", "\(value.debugDescription) → \(read.debugDescription)")
            #expect(CSVText.unneutralised(read).unicodeScalars.elementsEqual(CSVText.shown(value)), "\(value.debugDescription)")
        }
        #expect(CSVText.field("\u{200D}=1") == "\"<U+200D>=1\"")
    }

    /// Matters whose free texts and history texts are random: the CSV table reads back with titles and summaries
    /// as shown and histories exactly; the JSON file reads back exactly.
    @Test func randomMattersGoThroughTheCSVAndJSONFilesAndComeBackAsDefined() throws {
        var r = FuzzRandom.start(#function, salt: 2)
        let n = FuzzRandom.iterations(60)
        let orgs = Dictionary(uniqueKeysWithValues: try Fixtures.demoDataSet().standardOrganisations.map { ($0.id, $0) })
        for _ in 0..<n {
            let matters = (0..<(1 + r.below(3))).map { _ in
                var m = ExchangeMatter(
                    number: "", kind: "suggestion", title: Hostile.string(&r), domain: "ecology", state: "draft", due: nil,
                    from: "jcy", to: "hbj", subject: nil, copiedTo: [], variant: nil, urgentPeriod: nil, createdOn: "2025-06-02",
                    issuedOn: nil, servedOn: nil, repliedOn: nil, closedOn: nil, scheduledOn: nil, outcome: nil,
                    rectification: nil, escalations: [], summary: Hostile.string(&r, length: 30), events: nil)
                if r.chance(0.5) {
                    m.events = [Self.event(actor: Hostile.string(&r, length: 3), text: Hostile.string(&r, length: 20))]
                }
                return m
            }
            let csv = ExchangeCSV.text(matters, headers: r.chance(0.5) ? .zh : .en, organisations: orgs)
            #expect(csv.hasPrefix(CSVText.byteOrderMark))
            let read = ExchangeCSV.items(String(csv.unicodeScalars.dropFirst()))
            #expect(read.refused == nil, "\(String(describing: read.refused?.problems)) in \(csv.debugDescription)")
            try #require(read.items.count == matters.count, "\(csv.debugDescription)")
            for (item, m) in zip(read.items, matters) {
                #expect(item.matter.title.unicodeScalars.elementsEqual(CSVText.shown(m.title)), "\(m.title.debugDescription)")
                #expect(item.matter.summary.unicodeScalars.elementsEqual(CSVText.shown(m.summary)), "\(m.summary.debugDescription)")
                #expect(item.matter.events == m.events, "\(String(describing: m.events))")
            }
            for record in try CSVText.records(String(csv.unicodeScalars.dropFirst())) {
                #expect(record.fields.count == ExchangeCSV.columns.count)
                for cell in record.fields { #expect(!Self.runs(cell), "\(cell.debugDescription)") }
            }

            let json = try ExchangeJSON.text(ExchangeFile(exportedOn: Fixtures.today, matters: matters))
            let back = ExchangeJSON.items(json)
            #expect(back.refused == nil, "\(String(describing: back.refused?.problems))")
            #expect(back.items.map(\.matter) == matters.map { var m = $0; m.id = nil; return m })
        }
    }

    static func event(actor: String, text: String) -> ExchangeEvent {
        let json = try! JSONEncoder().encode(["on": "2025-06-02", "action": "create", "actor": actor, "text": text])
        return try! JSONDecoder().decode(ExchangeEvent.self, from: json)
    }

    /// Unfolds (a CRLF followed by a space or tab is removed) and splits into content lines.
    /// On scalars: a fold may fall between a character and the combining mark after it, and `" ́"` is then one
    /// `Character` that a search for `"\r\n "` would not find.
    static func unfolded(_ ics: String) -> [String] {
        var lines: [String] = [], line = String.UnicodeScalarView()
        let s = Array(ics.unicodeScalars)
        var i = 0
        while i < s.count {
            if s[i] == "\r", i + 1 < s.count, s[i + 1] == "\n" {
                if i + 2 < s.count, s[i + 2] == " " || s[i + 2] == "\t" {
                    i += 3
                    continue
                }
                lines.append(String(line))
                line = String.UnicodeScalarView()
                i += 2
                continue
            }
            line.append(s[i])
            i += 1
        }
        if !line.isEmpty { lines.append(String(line)) }
        return lines
    }

    /// The physical lines of `ics` (split on CRLF, on scalars).
    static func physical(_ ics: String) -> [String] {
        var lines: [String] = [], line = String.UnicodeScalarView(), cr = false
        for u in ics.unicodeScalars {
            if cr, u == "\n" { lines.append(String(line)); line = String.UnicodeScalarView(); cr = false; continue }
            if cr { line.append("\r") }
            cr = u == "\r"
            if !cr { line.append(u) }
        }
        if cr { line.append("\r") }
        if !line.isEmpty { lines.append(String(line)) }
        return lines
    }

    /// A TEXT value unescaped (RFC 5545 §3.3.11).
    static func unescaped(_ text: Substring) -> String {
        var out = String.UnicodeScalarView(), escape = false
        for s in text.unicodeScalars {
            if escape {
                out.append(s == "n" || s == "N" ? "\n" : s)
                escape = false
            } else if s == "\\" {
                escape = true
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    @Test func icsLinesStayWithin75OctetsHoldNoControlsAndTheirSummaryUnfoldsToTheTitleShown() throws {
        var r = FuzzRandom.start(#function, salt: 3)
        let n = FuzzRandom.iterations(150)
        let store = try Fixtures.demoStore()
        let admin = try store.viewer("admin")
        let organisations = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        let due = try store.exchange(for: admin).map(\.matter).filter { $0.pendingDue != nil }
        let base = try #require(due.first)
        let words = ExchangeICS.Words(calendar: "日历", due: "期限", scheduled: "排定", reminder: "提醒")
        for _ in 0..<n {
            var m = base
            m.title = Hostile.string(&r, length: 40)
            m.number = r.chance(0.3) ? Hostile.string(&r, length: 3) : m.number
            let ics = ExchangeICS.text([m], organisations: organisations, today: Fixtures.today, window: 7, words: words)
            let physical = Self.physical(ics)
            #expect(ics.unicodeScalars.suffix(2).elementsEqual("\r\n".unicodeScalars))
            for line in physical {
                #expect(line.utf8.count <= 75, "\(line.debugDescription)")
                // In a line only text: no control (the CRLF between lines is not in it), no format character.
                #expect(!line.unicodeScalars.contains { ExchangeText.isInvisible($0) || $0 == "\t" }, "\(line.debugDescription)")
            }
            let lines = Self.unfolded(ics)
            let summary = try #require(lines.first { $0.hasPrefix("SUMMARY:") })
            let name = [m.number, m.title].filter { !$0.isEmpty }.joined(separator: " ")
            let expected = String(ExchangeICS.shown("期限：" + name))
            #expect(Self.unescaped(summary.dropFirst("SUMMARY:".count)) == expected, "\(m.title.debugDescription)")
        }
    }
}
