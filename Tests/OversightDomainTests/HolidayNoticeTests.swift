import Foundation
import OversightDomain
import OversightResources
import OversightTestSupport
import Testing

private typealias Problem = HolidayNotice.Problem
private let d = Fixtures.date
private let json = HolidayNoticeFixtures.fictional2027JSON
private let csv = HolidayNoticeFixtures.fictional2027CSV

private func parse(_ text: String) -> Result<HolidayCalendar.Year, HolidayNotice.Problems> {
    HolidayNotice.parse(Data(text.utf8))
}

/// The problems of `text`, or none when it parses.
private func problems(_ text: String) -> [Problem] {
    if case .failure(let p) = parse(text) { return p.list }
    return []
}

private func problems(_ data: Data) -> [Problem] {
    if case .failure(let p) = HolidayNotice.parse(data) { return p.list }
    return []
}

/// `text` with its line `n` (1-based) replaced by `new`, or removed when `new` is nil.
private func replacing(_ n: Int, with new: String?, in text: String) -> String {
    var lines = text.components(separatedBy: "\n")
    if let new { lines[n - 1] = new } else { lines.remove(at: n - 1) }
    return lines.joined(separator: "\n")
}

/// One bad file and exactly the problems it must give.
struct NoticeCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var expected: [HolidayNotice.Problem]
    var testDescription: String { name }
}

private func jsonCase(_ name: String, line: Int, _ new: String?, _ expected: [Problem]) -> NoticeCase {
    NoticeCase(name: "JSON: \(name)", text: replacing(line, with: new, in: json), expected: expected)
}

private func csvCase(_ name: String, line: Int, _ new: String?, _ expected: [Problem]) -> NoticeCase {
    NoticeCase(name: "CSV: \(name)", text: replacing(line, with: new, in: csv), expected: expected)
}

/// Each kind of problem, in both formats where the format can have it, on the line the file has it.
private let singleProblems: [NoticeCase] = [
    jsonCase("date listed twice", line: 10, #"  {"date": "2027-01-01", "name": "元旦", "off": true},"#,
             [Problem(line: 10, kind: .repeated(d("2027-01-01"), firstLine: 9))]),
    csvCase("date listed twice", line: 9, "2027-01-01,元旦,休",
            [Problem(line: 9, kind: .repeated(d("2027-01-01"), firstLine: 8))]),
    jsonCase("working day on a Wednesday", line: 15, #"  {"date": "2027-02-03", "name": "腊八", "off": false},"#,
             [Problem(line: 15, kind: .workdayNotWeekend(d("2027-02-03")))]),
    csvCase("working day on a Wednesday", line: 14, "2027-02-03,腊八,班",
            [Problem(line: 14, kind: .workdayNotWeekend(d("2027-02-03")))]),
    jsonCase("no such date", line: 10, #"  {"date": "2027-02-30", "name": "元旦", "off": true},"#,
             [Problem(line: 10, kind: .badValue(.date, "2027-02-30"))]),
    csvCase("no such date", line: 9, "2027-02-30,元旦,休", [Problem(line: 9, kind: .badValue(.date, "2027-02-30"))]),
    csvCase("date as Excel writes it", line: 9, "2027/1/2,元旦,休", [Problem(line: 9, kind: .badValue(.date, "2027/1/2"))]),
    jsonCase("empty name", line: 10, #"  {"date": "2027-01-02", "name": " ", "off": true},"#,
             [Problem(line: 10, kind: .emptyText(.name))]),
    csvCase("empty name", line: 9, "2027-01-02,,休", [Problem(line: 9, kind: .emptyText(.name))]),
    jsonCase("off not a boolean", line: 10, #"  {"date": "2027-01-02", "name": "元旦", "off": "yes"},"#,
             [Problem(line: 10, kind: .badValue(.arrangement, "\"yes\""))]),
    csvCase("unknown type", line: 9, "2027-01-02,元旦,休息", [Problem(line: 9, kind: .badValue(.arrangement, "休息"))]),
    jsonCase("year before 1900", line: 2, #" "year": 1899,"#, [Problem(line: 2, kind: .yearOutOfRange(1899))]),
    csvCase("year after 9999", line: 1, "年份,10000", [Problem(line: 1, kind: .yearOutOfRange(10000))]),
    jsonCase("year as a string", line: 2, #" "year": "2027","#, [Problem(line: 2, kind: .badValue(.year, "\"2027\""))]),
    csvCase("year in words", line: 1, "年份,二〇二七", [Problem(line: 1, kind: .badValue(.year, "二〇二七"))]),
    jsonCase("no such publication date", line: 5, #" "published": "2026-13-01","#,
             [Problem(line: 5, kind: .badValue(.published, "2026-13-01"))]),
    csvCase("no such publication date", line: 4, "发布日期,2026-13-01",
            [Problem(line: 4, kind: .badValue(.published, "2026-13-01"))]),
    jsonCase("empty title", line: 3, #" "source": "  ","#, [Problem(line: 3, kind: .emptyText(.title))]),
    csvCase("empty title", line: 2, "通知,", [Problem(line: 2, kind: .emptyText(.title))]),
    jsonCase("no publication date", line: 5, nil, [Problem(line: 0, kind: .missingKey(.published))]),
    csvCase("no publication date", line: 4, nil, [Problem(line: 0, kind: .missingKey(.published))]),
    jsonCase("no title", line: 3, nil, [Problem(line: 0, kind: .missingKey(.title))]),
    csvCase("no year", line: 1, nil, [Problem(line: 0, kind: .missingKey(.year))]),
    jsonCase("misspelt key", line: 5, #" "publishd": "2026-11-10","#,
             [Problem(line: 0, kind: .missingKey(.published)), Problem(line: 5, kind: .unknownKey("publishd"))]),
    csvCase("unknown key", line: 4, "发布时间,2026-11-10",
            [Problem(line: 0, kind: .missingKey(.published)), Problem(line: 4, kind: .unknownKey("发布时间"))]),
    jsonCase("key given twice", line: 6, #" "year": 2027,"#, [Problem(line: 6, kind: .duplicateKey("year"))]),
    csvCase("key given twice in two languages", line: 6, "Year,2027", [Problem(line: 6, kind: .duplicateKey("Year"))]),
    jsonCase("confirmed not a boolean", line: 6, #" "confirmed": "yes","#,
             [Problem(line: 6, kind: .badValue(.confirmed, "\"yes\""))]),
    jsonCase("a day that is no object", line: 10, #"  "2027-01-02","#,
             [Problem(line: 10, kind: .badValue(.day, "\"2027-01-02\""))]),
    jsonCase("unknown key of a day", line: 10, #"  {"date": "2027-01-02", "name": "元旦", "off": true, "work": 1},"#,
             [Problem(line: 10, kind: .unknownKey("work"))]),
    jsonCase("a day without off", line: 10, #"  {"date": "2027-01-02", "name": "元旦"},"#,
             [Problem(line: 10, kind: .missingKey(.arrangement))]),
    jsonCase("missing comma", line: 10, #"  {"date": "2027-01-02", "name": "元旦", "off": true}"#,
             [Problem(line: 11, kind: .jsonSyntax(found: "{"))]),
    jsonCase("trailing comma", line: 39, #"  {"date": "2027-10-09", "name": "国庆节", "off": false},"#,
             [Problem(line: 40, kind: .jsonSyntax(found: "]"))]),
    jsonCase("line break inside a string", line: 3, " \"source\": \"国务院\n通知\",",
             [Problem(line: 3, kind: .jsonSyntax(found: "\n"))]),
    csvCase("bad header", line: 7, "日期,名称,类型", [Problem(line: 7, kind: .badHeader(["日期", "名称", "类型"]))]),
    csvCase("no header", line: 7, nil, [Problem(line: 7, kind: .missingHeader)]),
    csvCase("a day short of a cell", line: 9, "2027-01-02,元旦", [Problem(line: 9, kind: .fieldCount(expected: 3, found: 2))]),
    csvCase("a day with a cell too many", line: 9, "2027-01-02,元旦,除夕,休",
            [Problem(line: 9, kind: .fieldCount(expected: 3, found: 4))]),
    csvCase("a title with an unquoted comma", line: 2, "通知,国务院办公厅,通知",
            [Problem(line: 2, kind: .fieldCount(expected: 2, found: 3))]),
    csvCase("unclosed quote", line: 9, "2027-01-02,\"元旦,休", [Problem(line: 9, kind: .unclosedQuote)]),
    NoticeCase(name: "JSON: ends too early", text: json.components(separatedBy: "\n").prefix(20).joined(separator: "\n"),
               expected: [Problem(line: 20, kind: .jsonSyntax(found: nil))]),
    NoticeCase(name: "JSON: nested too deeply",
               text: "{\"note\":\n" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}",
               expected: [Problem(line: 2, kind: .jsonTooDeep)]),
    NoticeCase(name: "JSON: no days",
               text: "{\n\"year\": 2027,\n\"source\": \"通知\",\n\"published\": \"2026-11-10\",\n\"days\": []\n}",
               expected: [Problem(line: 5, kind: .noDays)]),
    NoticeCase(name: "JSON: no days key",
               text: "{\n\"year\": 2027,\n\"source\": \"通知\",\n\"published\": \"2026-11-10\"\n}",
               expected: [Problem(line: 0, kind: .missingKey(.days))]),
    NoticeCase(name: "JSON: days not a list",
               text: "{\n\"year\": 2027,\n\"source\": \"通知\",\n\"published\": \"2026-11-10\",\n\"days\": {}\n}",
               expected: [Problem(line: 5, kind: .badValue(.days, "{…}"))]),
    NoticeCase(name: "CSV: no days", text: "年份,2027\n通知,通知\n发布日期,2026-11-10\n日期,名称,安排\n",
               expected: [Problem(line: 4, kind: .noDays)]),
    NoticeCase(name: "CSV: keys only", text: "年份,2027\n通知,通知\n发布日期,2026-11-10\n",
               expected: [Problem(line: 0, kind: .missingHeader)]),
    NoticeCase(name: "blank file", text: " \r\n\n\t", expected: [Problem(line: 0, kind: .emptyFile)]),
]

/// A hostile character in each text field, in both formats: refused naming the field, the text and the character.
struct HostileCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var line: Int
    var field: HolidayNotice.Problem.Field
    var value: String
    var what: TextProblem.What
    var scalar: Unicode.Scalar
    var testDescription: String { name }
}

private let hostile: [HostileCase] = [
    HostileCase(name: "JSON title with ESC", text: replacing(3, with: #" "source": "国务院\u001b[31m通知","#, in: json),
                line: 3, field: .title, value: "国务院\u{1B}[31m通知", what: .control, scalar: "\u{1B}"),
    HostileCase(name: "CSV title with ESC", text: replacing(2, with: "通知,国务院\u{1B}[31m通知", in: csv),
                line: 2, field: .title, value: "国务院\u{1B}[31m通知", what: .control, scalar: "\u{1B}"),
    HostileCase(name: "JSON document with U+202E", text: replacing(4, with: " \"document\": \"国办发\u{202E}99号\",", in: json),
                line: 4, field: .document, value: "国办发\u{202E}99号", what: .invisible, scalar: "\u{202E}"),
    HostileCase(name: "CSV document with U+202E", text: replacing(3, with: "文号,国办发\u{202E}99号", in: csv),
                line: 3, field: .document, value: "国办发\u{202E}99号", what: .invisible, scalar: "\u{202E}"),
    HostileCase(name: "JSON note with U+200B", text: replacing(7, with: #" "note": "说明\u200b文字","#, in: json),
                line: 7, field: .note, value: "说明\u{200B}文字", what: .invisible, scalar: "\u{200B}"),
    HostileCase(name: "CSV note with U+200B", text: replacing(5, with: "说明,说明\u{200B}文字", in: csv),
                line: 5, field: .note, value: "说明\u{200B}文字", what: .invisible, scalar: "\u{200B}"),
    HostileCase(name: "JSON name with NUL",
                text: replacing(10, with: #"  {"date": "2027-01-02", "name": "元\u0000旦", "off": true},"#, in: json),
                line: 10, field: .name, value: "元\u{0}旦", what: .control, scalar: "\u{0}"),
    HostileCase(name: "CSV name with NUL", text: replacing(9, with: "2027-01-02,元\u{0}旦,休", in: csv),
                line: 9, field: .name, value: "元\u{0}旦", what: .control, scalar: "\u{0}"),
]

@Suite("HolidayNotice")
struct HolidayNoticeTests {
    @Test func bothFormatsParseToTheSameYear() throws {
        let fromJSON = try parse(json).get()
        let fromCSV = try parse(csv).get()
        #expect(fromJSON == fromCSV)
        #expect(fromJSON.year == 2027)
        #expect(fromJSON.source == HolidayNoticeFixtures.title)
        #expect(fromJSON.document == HolidayNoticeFixtures.document)
        #expect(fromJSON.published == d(HolidayNoticeFixtures.published))
        #expect(fromJSON.note == HolidayNoticeFixtures.note)
        #expect(fromJSON.confirmed)
        #expect(fromJSON.days.count == 31)
        // Sorted by date, though the files list each holiday's working days after its days off.
        #expect(fromJSON.days.map(\.date) == fromJSON.days.map(\.date).sorted())
        #expect(fromJSON.days.first?.date == d("2027-01-01"))
        let byDate = Dictionary(uniqueKeysWithValues: fromJSON.days.map { ($0.date, $0) })
        #expect(byDate[d("2027-01-20")] == HolidayCalendar.Day(date: d("2027-01-20"), name: "腊八", off: true))
        #expect(byDate[d("2027-01-22")]?.off == true)
        #expect(byDate[d("2027-01-24")] == HolidayCalendar.Day(date: d("2027-01-24"), name: "腊八", off: false))
        #expect(byDate[d("2027-01-23")] == nil)
        // The JSON reader agrees with JSONDecoder, which reads the shipped files.
        var decoded = try HolidayCalendar.parseYear(Data(json.utf8))
        decoded.days.sort { $0.date < $1.date }
        #expect(decoded == fromJSON)
    }

    @Test func confirmedFalseIsKept() throws {
        let year = try parse(replacing(6, with: #" "confirmed": false,"#, in: json)).get()
        #expect(!year.confirmed)
        let absent = try parse(replacing(6, with: nil, in: json)).get()
        #expect(absent.confirmed)
    }

    @Test func optionalValuesMayBeAbsentOrNull() throws {
        var text = replacing(4, with: #" "document": null,"#, in: json)
        text = replacing(7, with: nil, in: text)
        let year = try parse(text).get()
        #expect(year.document == nil)
        #expect(year.note == nil)
        let fromCSV = try parse(replacing(3, with: "", in: replacing(5, with: "", in: csv))).get()
        #expect(fromCSV == year)
    }

    /// The shipped calendars are in the JSON format `HolidayNotice` reads, and read the same.
    @Test func theShippedYearsReadAsJSONDecoderReadsThem() throws {
        let files = OversightResources.files("holidays", ext: "json")
        #expect(files.count >= 2)
        for url in files {
            let data = try Data(contentsOf: url)
            var expected = try HolidayCalendar.parseYear(data)
            expected.days.sort { $0.date < $1.date }
            #expect(try HolidayNotice.parse(data).get() == expected, "\(url.lastPathComponent)")
        }
    }

    @Test(arguments: singleProblems)
    func eachProblemOnItsLine(_ c: NoticeCase) {
        #expect(problems(c.text) == c.expected)
    }

    @Test(arguments: HolidayNoticeFixtures.Format.allCases)
    func theBadFixturesOnTheirDocumentedLines(_ format: HolidayNoticeFixtures.Format) {
        let outside = problems(HolidayNoticeFixtures.badNoticeDateOutsideYear(format))
        let both = problems(HolidayNoticeFixtures.badNoticeRestAndWork(format))
        switch format {
        case .json:
            #expect(outside == [Problem(line: 7, kind: .dateOutsideYear(d("2028-01-01"), year: 2027))])
            #expect(both == [Problem(line: 7, kind: .restAndWork(d("2027-02-06"), firstLine: 6))])
        case .csv:
            #expect(outside == [Problem(line: 6, kind: .dateOutsideYear(d("2028-01-01"), year: 2027))])
            #expect(both == [Problem(line: 6, kind: .restAndWork(d("2027-02-06"), firstLine: 5))])
        }
    }

    @Test func theMessagesInBothLanguages() {
        let outside = Problem(line: 6, kind: .dateOutsideYear(d("2028-01-01"), year: 2027))
        #expect(outside.text(.zh) == "日期 2028-01-01 不在 2027 年内")
        #expect(outside.text(.en) == "the date 2028-01-01 is not in 2027")
        let both = Problem(line: 6, kind: .restAndWork(d("2027-02-06"), firstLine: 5))
        #expect(both.text(.zh).hasPrefix("2027-02-06 既是休息日又是上班日"))
        #expect(both.text(.en).hasPrefix("2027-02-06 is both a day off and a working day"))
        let weekday = Problem(line: 14, kind: .workdayNotWeekend(d("2027-02-03")))
        #expect(weekday.text(.zh) == "调休上班日 2027-02-03 不是周六或周日")
        #expect(weekday.text(.en) == "the adjusted working day 2027-02-03 is not a Saturday or Sunday")
        let all: HolidayNotice.Problems = [Problem(line: 0, kind: .missingKey(.year)), outside]
        #expect(all.text(.zh) == "文件：缺少年份\n第 6 行：日期 2028-01-01 不在 2027 年内")
        #expect(all.text(.en) == "file: the year is missing\nline 6: the date 2028-01-01 is not in 2027")
        // Every kind the table finds has words of its own in each language.
        for c in singleProblems {
            for p in c.expected {
                #expect(!p.text(.zh).isEmpty && !p.text(.en).isEmpty && p.text(.zh) != p.text(.en), "\(p)")
            }
        }
    }

    @Test func allProblemsAtOnceSortedByLine() {
        var text = csv
        for (line, row) in [
            (2, "通知,"), (9, "2027-02-30,元旦,休"), (14, "2027-02-03,腊八,班"), (15, "2027-02-06,春\u{200B}节,休"),
            (17, "2027-02-06,春节,班"), (30, "2027-10-01,国庆节"), (38, "2028-01-01,国庆节,班"),
        ] {
            text = replacing(line, with: row, in: text)
        }
        let found = problems(text)
        #expect(found.map(\.line) == [2, 9, 14, 15, 17, 30, 38])
        #expect(found.map(\.kind) == [
            .emptyText(.title), .badValue(.date, "2027-02-30"), .workdayNotWeekend(d("2027-02-03")),
            .text(.name, "春\u{200B}节", TextProblem(field: .title, what: .invisible, position: 2, scalar: "\u{200B}")),
            .restAndWork(d("2027-02-06"), firstLine: 15), .fieldCount(expected: 3, found: 2),
            .dateOutsideYear(d("2028-01-01"), year: 2027),
        ])

        var j = json
        for (line, row) in [
            (3, #" "source": "","#), (5, #" "publishd": "2026-11-10","#),
            (10, #"  {"date": "2027-02-30", "name": "元旦", "off": true},"#),
            (15, #"  {"date": "2027-02-03", "name": "腊八", "off": false},"#),
            (16, #"  {"date": "2027-02-06", "name": "春\u200b节", "off": true},"#),
            (18, #"  {"date": "2027-02-06", "name": "春节", "off": false},"#),
            (39, #"  {"date": "2028-01-01", "name": "国庆节", "off": false}"#),
        ] {
            j = replacing(line, with: row, in: j)
        }
        #expect(problems(j).map(\.line) == [0, 3, 5, 10, 15, 16, 18, 39])
    }

    @Test func byteOrderMarkAndLineEndsAccepted() throws {
        let expected = try parse(json).get()
        let bom = Data([0xEF, 0xBB, 0xBF])
        for text in [json, csv] {
            let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
            let cr = text.replacingOccurrences(of: "\n", with: "\r")
            for variant in [text, crlf, cr] {
                #expect(try HolidayNotice.parse(bom + Data(variant.utf8)).get() == expected)
                #expect(try HolidayNotice.parse(Data(variant.utf8)).get() == expected)
            }
        }
        // Lines are counted from the first line after the mark, whatever the line ends.
        for format in HolidayNoticeFixtures.Format.allCases {
            let text = HolidayNoticeFixtures.badNoticeDateOutsideYear(format).replacingOccurrences(of: "\n", with: "\r\n")
            #expect(problems(bom + Data(text.utf8)).map(\.line) == [format == .json ? 7 : 6])
        }
    }

    @Test func notUTF8IsRefusedAtItsLine() {
        // GBK for 元旦 on line 9 of the CSV, as WPS saves a "CSV" by default.
        var lines = csv.components(separatedBy: "\n").map { Data($0.utf8) }
        lines[8] = Data("2027-01-01,".utf8) + Data([0xD4, 0xAA, 0xB5, 0xA9]) + Data(",休".utf8)
        let data = lines.dropFirst().reduce(lines[0]) { $0 + Data("\n".utf8) + $1 }
        let found = problems(data)
        #expect(found == [Problem(line: 9, kind: .notUTF8)])
        #expect(found.first?.text(.zh).contains("CSV UTF-8") == true)
        // The same line with CR line ends (old Excel for Mac) and CR LF.
        for end in ["\r", "\r\n"] {
            let other = lines.dropFirst().reduce(lines[0]) { $0 + Data(end.utf8) + $1 }
            #expect(problems(other) == [Problem(line: 9, kind: .notUTF8)], "\(end.debugDescription)")
        }
        // UTF-16, as Excel's "Unicode text".
        #expect(problems(Data([0xFF, 0xFE]) + json.data(using: .utf16LittleEndian)!).map(\.kind) == [.notUTF8])
    }

    @Test func tooLargeIsRefusedUnread() {
        let data = Data(repeating: 0x20, count: HolidayNotice.maximumBytes + 1)
        #expect(problems(data) == [Problem(line: 0, kind: .tooLarge(bytes: HolidayNotice.maximumBytes + 1))])
    }

    @Test func chineseAndEnglishKeysAndWords() throws {
        let expected = try parse(csv).get()
        var english = csv
        for (line, key) in [(1, "year"), (2, "notice"), (3, "Document"), (4, "PUBLISHED"), (5, "note")] {
            let row = english.components(separatedBy: "\n")[line - 1]
            english = replacing(line, with: key + row.drop { $0 != "," }, in: english)
        }
        english = replacing(7, with: "Date,Name,Type", in: english)
        english = english.replacingOccurrences(of: ",休", with: ",off").replacingOccurrences(of: ",班", with: ",Work")
        #expect(english.contains("2027-01-24,腊八,Work"))
        #expect(try parse(english).get() == expected)
        // Both languages in one file, column by column.
        let mixed = replacing(7, with: "date,名称,type", in: replacing(1, with: "year,2027", in: csv))
        #expect(try parse(mixed).get() == expected)
    }

    /// What a spreadsheet writes: every row padded to the widest, empty rows of commas, cells quoted and spaced.
    @Test func spreadsheetPaddingAndQuotingAccepted() throws {
        let expected = try parse(csv).get()
        var lines = csv.components(separatedBy: "\n")
        for i in 0..<5 { lines[i] += "," }
        lines[5] = ",,"
        lines[8] = #""2027-01-02"," 元旦 ", 休 "#
        lines.append(",,")
        #expect(try HolidayNotice.parse(Data(lines.joined(separator: "\r\n").utf8)).get() == expected)
    }

    @Test(arguments: hostile)
    func hostileTextIsRefusedAndShownEscaped(_ c: HostileCase) throws {
        let found = problems(c.text)
        try #require(found.count == 1, "\(found)")
        let p = found[0]
        #expect(p.line == c.line)
        guard case .text(let field, let value, let textProblem) = p.kind else {
            Issue.record("not a text problem: \(p.kind)")
            return
        }
        #expect(field == c.field)
        #expect(value == c.value)
        #expect(textProblem.what == c.what)
        #expect(textProblem.scalar == c.scalar)
        for language in Language.allCases {
            let message = p.text(language)
            #expect(message.contains("<\(c.scalar.codePoint)>"), "\(message)")
            #expect(!message.unicodeScalars.contains(c.scalar), "\(message.debugDescription)")
        }
    }

    @Test func hostileKeysAndValuesAreShownEscapedToo() {
        let key = problems(replacing(6, with: "\u{1B}[2J,x", in: csv))
        #expect(key == [Problem(line: 6, kind: .unknownKey("\u{1B}[2J"))])
        #expect(key.first?.text(.en) == "unknown key \"<U+001B>[2J\"")
        let date = problems(replacing(9, with: "2027-01-0\u{202E}2,元旦,休", in: csv))
        #expect(date.first?.text(.zh).contains("2027-01-0<U+202E>2") == true)
        #expect(date.first?.text(.en).unicodeScalars.contains("\u{202E}") == false)
        let syntax = Problem(line: 3, kind: .jsonSyntax(found: "\n"))
        #expect(syntax.text(.en) == "JSON syntax error: unexpected \"<U+000A>\"")
    }

    /// The notice moves the 2026-11-20 suggestion's two-month deadline from a provisional 2027-01-20 to the day
    /// the fixture documents.
    @Test func theFictionalYearReclocksADeadline() throws {
        let year = try parse(csv).get()
        let rule = Fixtures.rules.clock(.suggestionReply)
        let served = d("2026-11-20")
        #expect(!Fixtures.calendar.knows(year: 2027))

        let before = try Fixtures.calculator.deadline(from: served, rule: rule)
        #expect(before.raw == d("2027-01-20"))
        #expect(before.due == d("2027-01-20"))
        #expect(before.provisional)

        var calendar = Fixtures.calendar
        calendar.add(year)
        let after = try PeriodCalculator(calendar: calendar, settings: Fixtures.settings).deadline(from: served, rule: rule)
        #expect(after.raw == d("2027-01-20"))
        #expect(after.due == d(HolidayNoticeFixtures.reclockedDue))
        #expect(after.due == d("2027-01-24"))
        #expect(!after.provisional)
        #expect(after.skipped.map(\.date) == [d("2027-01-20"), d("2027-01-21"), d("2027-01-22"), d("2027-01-23")])
        #expect(after.endsOnAdjustedWorkday)

        // Under the strict reading of 调休 the adjusted Sunday is passed over too.
        let strict = ClockSettings(rules: Fixtures.rules, adjustedWorkdays: .restDay)
        let strictDue = try PeriodCalculator(calendar: calendar, settings: strict).deadline(from: served, rule: rule)
        #expect(strictDue.due == d("2027-01-25"))
    }
}
