import Foundation

/// One year's State Council holiday notice as an administrator loads it (`oversight calendar add FILE`): read and
/// checked here, without I/O, into a `HolidayCalendar.Year`, or refused with every problem found and its line.
///
/// Two formats, told apart by the first non-blank character (`{` is JSON, anything else CSV):
///
/// - **JSON**, the format of `Resources/holidays/*.json`: `year`, `source` (the notice's title), `document`
///   (optional), `published` (YYYY-MM-DD), `confirmed` (optional, default true), `note` (optional), `days`:
///   `[{"date": "YYYY-MM-DD", "name": "元旦", "off": true}, …]`. `null` counts as absent for the optional keys.
///   Read by a small JSON reader of its own that knows the line of every value (JSONDecoder knows none), so a
///   problem of a day names the line of that day's value concerned (its `date` for the checks of the whole day).
/// - **CSV**, as a clerk saves it from WPS or Excel (comma separated, fields optionally double-quoted with `""`
///   escapes, CRLF, LF or CR line ends): `key,value` rows (`年份`/`year`, `通知`/`notice`, `发布日期`/`published`,
///   `文号`/`document`, `说明`/`note`; keys in either language, English in any case), then the header
///   `日期,名称,安排` or `date,name,type`, then one row a day, its type `休`/`off` (an official day off) or
///   `班`/`work` (an adjusted working day, 调休上班). Blank rows, including rows of empty cells (`,,`), are
///   skipped; empty cells after the last column are ignored, as spreadsheets pad rows to the widest one. A CSV
///   notice is always confirmed.
///
/// The bytes must be UTF-8, with or without a byte-order mark (a GBK file from WPS is refused with a hint to save
/// it as "CSV UTF-8"). Texts (title, document number, note, names) pass `TextRule` and are returned normalised.
public enum HolidayNotice {
    /// The largest file read: a year's notice is a few kilobytes.
    public static let maximumBytes = 1 << 20

    /// One problem of a notice file, at its 1-based line (0 when the file as a whole is wrong).
    public struct Problem: Hashable, Sendable, Error {
        public var line: Int
        public var kind: Kind

        public init(line: Int, kind: Kind) {
            self.line = line
            self.kind = kind
        }

        /// A value of the notice, as the messages name it.
        public enum Field: String, Hashable, Sendable, CaseIterable {
            case year, title, published, document, note, confirmed, days
            /// One entry of `days` (JSON).
            case day
            case date, name
            /// 安排/type: a day off or an adjusted working day (JSON: `off`).
            case arrangement
        }

        public enum Kind: Hashable, Sendable {
            /// The bytes are not UTF-8 (e.g. GBK, or UTF-16).
            case notUTF8
            /// More than `HolidayNotice.maximumBytes`.
            case tooLarge(bytes: Int)
            /// Nothing but blanks.
            case emptyFile
            /// JSON that does not parse: what was found instead (nil at the end of the file).
            case jsonSyntax(found: String?)
            /// JSON nested deeper than any notice is.
            case jsonTooDeep
            /// A key the format does not have (as written).
            case unknownKey(String)
            /// A key given twice (as written the second time).
            case duplicateKey(String)
            /// A required value is not given.
            case missingKey(Field)
            /// A CSV whose days come with no header row before them (or none at all).
            case missingHeader
            /// A CSV header row other than `日期,名称,安排` / `date,name,type` (its cells).
            case badHeader([String])
            /// A CSV row with too few or too many cells.
            case fieldCount(expected: Int, found: Int)
            /// A CSV quote not closed before the end of the file.
            case unclosedQuote
            /// A value not of its field's form (as written; for JSON, the value's JSON text).
            case badValue(Field, String)
            case yearOutOfRange(Int)
            /// A required text (title, a day's name) that is empty.
            case emptyText(Field)
            /// A text that `TextRule` refuses: the field, the text as given, and why.
            case text(Field, String, TextProblem)
            case dateOutsideYear(CivilDate, year: Int)
            /// The same date listed again with the same arrangement; `firstLine` is where it was listed first.
            case repeated(CivilDate, firstLine: Int)
            /// A date listed both as a day off and as a working day.
            case restAndWork(CivilDate, firstLine: Int)
            /// An adjusted working day (调休上班) on a Monday to Friday: no adjustment at all.
            case workdayNotWeekend(CivilDate)
            /// No days at all.
            case noDays
        }

        /// The message in one language (Chinese or English), without the file name or line. Values from the
        /// file are shown with control and invisible characters as `<U+XXXX>`.
        public func text(_ language: Language) -> String {
            let zh = language == .zh
            let f = { (field: Field) in HolidayNotice.word(field, language) }
            switch kind {
            case .notUTF8:
                return zh ? "文件不是 UTF-8 编码（请在 WPS/Excel 中另存为“CSV UTF-8”）"
                    : "the file is not UTF-8 (save it as \"CSV UTF-8\" in WPS/Excel)"
            case .tooLarge(let bytes):
                return zh ? "文件过大（\(bytes) 字节，上限 \(HolidayNotice.maximumBytes)）"
                    : "the file is too large (\(bytes) bytes, at most \(HolidayNotice.maximumBytes))"
            case .emptyFile:
                return zh ? "文件为空" : "the file is empty"
            case .jsonSyntax(let found):
                guard let found else { return zh ? "JSON 语法错误：文件不完整" : "JSON syntax error: the file ends too early" }
                let s = HolidayNotice.shown(found)
                return zh ? "JSON 语法错误：此处不应出现“\(s)”" : "JSON syntax error: unexpected \"\(s)\""
            case .jsonTooDeep:
                return zh ? "JSON 嵌套过深" : "the JSON is nested too deeply"
            case .unknownKey(let k):
                let s = HolidayNotice.shown(k)
                return zh ? "未知的项“\(s)”" : "unknown key \"\(s)\""
            case .duplicateKey(let k):
                let s = HolidayNotice.shown(k)
                return zh ? "项“\(s)”重复" : "the key \"\(s)\" is given twice"
            case .missingKey(let field):
                return zh ? "缺少\(f(field))" : "the \(f(field)) is missing"
            case .missingHeader:
                return zh ? "缺少表头行“日期,名称,安排”" : "the header row \"date,name,type\" is missing"
            case .badHeader(let cells):
                let s = HolidayNotice.shown(cells.joined(separator: ","))
                return zh ? "表头应为“日期,名称,安排”，而非“\(s)”" : "the header must be \"date,name,type\", not \"\(s)\""
            case .fieldCount(let expected, let found):
                return zh ? "此行应有 \(expected) 列，实有 \(found) 列" : "this row must have \(expected) fields, not \(found)"
            case .unclosedQuote:
                return zh ? "引号未闭合" : "a quote is not closed"
            case .badValue(let field, let value):
                let s = HolidayNotice.shown(value)
                let e = HolidayNotice.expected(field, language)
                return zh ? "\(f(field))应为\(e)，而非“\(s)”" : "the \(f(field)) must be \(e), not \"\(s)\""
            case .yearOutOfRange(let y):
                return zh ? "年份 \(y) 不在 1900 至 9999 之间" : "the year \(y) is not between 1900 and 9999"
            case .emptyText(let field):
                return zh ? "\(f(field))为空" : "the \(f(field)) is empty"
            case .text(let field, let value, let problem):
                let s = HolidayNotice.shown(value)
                let at = problem.position.map { zh ? "第 \($0) 个字符" : "character \($0)" }
                let cp = problem.codePoint ?? ""
                switch problem.what {
                case .control:
                    return zh ? "\(f(field))“\(s)”的\(at ?? "")是控制字符 \(cp)"
                        : "the \(f(field)) \"\(s)\" has a control character, \(cp), at \(at ?? "")"
                case .invisible:
                    return zh ? "\(f(field))“\(s)”的\(at ?? "")是不可见字符 \(cp)"
                        : "the \(f(field)) \"\(s)\" has an invisible character, \(cp), at \(at ?? "")"
                case .nothingVisible:
                    return zh ? "\(f(field))“\(s)”没有可见的字" : "the \(f(field)) \"\(s)\" shows nothing"
                case .tooLong(let count):
                    return zh ? "\(f(field))过长（\(count) 个字符，上限 \(problem.limit)）"
                        : "the \(f(field)) is too long (\(count) characters, at most \(problem.limit))"
                }
            case .dateOutsideYear(let date, let year):
                return zh ? "日期 \(date) 不在 \(year) 年内" : "the date \(date) is not in \(year)"
            case .repeated(let date, let first):
                return zh ? "\(date) 重复列出（第 \(first) 行已有）" : "\(date) is listed twice (already on line \(first))"
            case .restAndWork(let date, let first):
                return zh ? "\(date) 既是休息日又是上班日（另见第 \(first) 行）"
                    : "\(date) is both a day off and a working day (see also line \(first))"
            case .workdayNotWeekend(let date):
                return zh ? "调休上班日 \(date) 不是周六或周日" : "the adjusted working day \(date) is not a Saturday or Sunday"
            case .noDays:
                return zh ? "通知中没有任何日期" : "the notice lists no days"
            }
        }
    }

    /// Every problem of a file, sorted by line (in the order found within a line): an array of `Problem` that is
    /// an `Error` itself, since `Result`'s failure must be one and `[Problem]` cannot.
    public struct Problems: Error, Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
        public var list: [Problem]

        public init(_ list: [Problem]) { self.list = list }
        public init(arrayLiteral elements: Problem...) { list = elements }

        public var startIndex: Int { list.startIndex }
        public var endIndex: Int { list.endIndex }
        public subscript(position: Int) -> Problem { list[position] }

        /// Each problem on a line of its own, `第 N 行：…` or `line N: …` (`文件：…`/`file: …` for line 0).
        public func text(_ language: Language) -> String {
            list.map { p in
                let at = p.line == 0
                    ? (language == .zh ? "文件" : "file") : (language == .zh ? "第 \(p.line) 行" : "line \(p.line)")
                return at + (language == .zh ? "：" : ": ") + p.text(language)
            }.joined(separator: "\n")
        }
    }

    /// Parses and checks the whole file; either the year (its `confirmed` true unless the JSON says
    /// `"confirmed": false`) or every problem found (sorted by line), never a partial year.
    public static func parse(_ data: Data) -> Result<HolidayCalendar.Year, Problems> {
        if data.count > maximumBytes { return .failure([Problem(line: 0, kind: .tooLarge(bytes: data.count))]) }
        let scalars: [Unicode.Scalar]
        switch decode(data) {
        case .success(let s): scalars = s
        case .failure(let p): return .failure([p])
        }
        guard let first = scalars.first(where: { !isBlank($0) }) else {
            return .failure([Problem(line: 0, kind: .emptyFile)])
        }
        var notice = Draft()
        if first == "{" {
            readJSON(scalars, into: &notice)
        } else {
            readCSV(scalars, into: &notice)
        }
        return notice.checked()
    }

    // MARK: - What both formats read into

    /// A value and the line it was found on.
    struct At<T> {
        var value: T
        var line: Int
    }

    /// The raw day: each part with its line, as found (checked by `Draft.checked`).
    struct RawDay {
        var line: Int
        var date: At<String>?
        var name: At<String>?
        var off: At<Bool>?
        /// Parts whose absence is already reported (a row of the wrong width, a value of the wrong kind).
        var reported: Set<Problem.Field> = []
    }

    /// The notice as read, before its checks.
    struct Draft {
        var problems: [Problem] = []
        var year: At<String>?
        var title: At<String>?
        var published: At<String>?
        var document: At<String>?
        var note: At<String>?
        var confirmed = true
        /// Values whose absence is not to be reported: they were given, wrongly, and that is reported.
        var reported: Set<Problem.Field> = []
        /// The line of the days' list (JSON key, CSV header), for `noDays`.
        var daysLine = 0
        /// False when the days could not be read at all (their problems are already reported).
        var daysRead = true
        var days: [RawDay] = []
        /// The entries of the days' list, read or not (a JSON entry that is no object is not a `RawDay`).
        var entries = 0

        mutating func add(_ line: Int, _ kind: Problem.Kind) {
            problems.append(Problem(line: line, kind: kind))
        }

        /// A text checked by `TextRule`, normalised; nil (with its problem) when refused.
        mutating func text(_ value: At<String>, _ field: Problem.Field, as rule: TextRule.Field) -> String? {
            switch TextRule.check(value.value, as: rule) {
            case .success(let v): return v
            case .failure(let p):
                add(value.line, .text(field, value.value, p))
                return nil
            }
        }

        mutating func checked() -> Result<HolidayCalendar.Year, Problems> {
            var year: Int?
            if let y = self.year {
                let digits = y.value.trimmingCharacters(in: .whitespaces)
                if let n = Int(digits), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
                    if (1900...9999).contains(n) { year = n } else { add(y.line, .yearOutOfRange(n)) }
                } else {
                    add(y.line, .badValue(.year, y.value))
                }
            } else if !reported.contains(.year) {
                add(0, .missingKey(.year))
            }

            var source: String?
            if let t = title {
                if let v = text(t, .title, as: .title) {
                    if v.isEmpty { add(t.line, .emptyText(.title)) } else { source = v }
                }
            } else if !reported.contains(.title) {
                add(0, .missingKey(.title))
            }

            var published: CivilDate?
            if let p = self.published {
                published = CivilDate(p.value.trimmingCharacters(in: .whitespaces))
                if published == nil { add(p.line, .badValue(.published, p.value)) }
            } else if !reported.contains(.published) {
                add(0, .missingKey(.published))
            }

            var document: String?
            var documentOK = true
            if let d = self.document {
                document = text(d, .document, as: .number)
                documentOK = document != nil
                if document?.isEmpty == true { document = nil }
            }
            var note: String?
            var noteOK = true
            if let n = self.note {
                note = text(n, .note, as: .text)
                noteOK = note != nil
                if note?.isEmpty == true { note = nil }
            }

            var days: [HolidayCalendar.Day] = []
            var daysOK = daysRead
            var seen: [CivilDate: (off: Bool, line: Int)] = [:]
            for raw in self.days {
                var date: CivilDate?
                var dateLine = raw.line
                if let d = raw.date {
                    dateLine = d.line
                    date = CivilDate(d.value.trimmingCharacters(in: .whitespaces))
                    if date == nil { add(d.line, .badValue(.date, d.value)) }
                } else if !raw.reported.contains(.date) {
                    add(raw.line, .missingKey(.date))
                }
                var name: String?
                if let n = raw.name {
                    name = text(n, .name, as: .title)
                    if name?.isEmpty == true { add(n.line, .emptyText(.name)); name = nil }
                } else if !raw.reported.contains(.name) {
                    add(raw.line, .missingKey(.name))
                }
                if raw.off == nil && !raw.reported.contains(.arrangement) { add(raw.line, .missingKey(.arrangement)) }
                if let date {
                    if let year, date.year != year { add(dateLine, .dateOutsideYear(date, year: year)) }
                    if let off = raw.off?.value {
                        if !off && !date.isWeekend { add(dateLine, .workdayNotWeekend(date)) }
                        if let before = seen[date] {
                            add(dateLine, before.off == off
                                ? .repeated(date, firstLine: before.line) : .restAndWork(date, firstLine: before.line))
                        } else {
                            seen[date] = (off, dateLine)
                        }
                    }
                }
                if let date, let name, let off = raw.off?.value {
                    days.append(HolidayCalendar.Day(date: date, name: name, off: off))
                } else {
                    daysOK = false
                }
            }
            if daysRead && entries == 0 { add(daysLine, .noDays) }

            guard problems.isEmpty, let year, let source, let published, documentOK, noteOK, daysOK else {
                let sorted = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
                return .failure(Problems(sorted.map(\.element)))
            }
            return .success(HolidayCalendar.Year(
                year: year, source: source, confirmed: confirmed, days: days.sorted { $0.date < $1.date },
                document: document, published: published, note: note))
        }
    }

    // MARK: - Bytes

    /// The scalars of UTF-8 `data`, a leading byte-order mark dropped; or `notUTF8` at the line of the first bad
    /// byte.
    static func decode(_ data: Data) -> Result<[Unicode.Scalar], Problem> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                // A line ends at LF, or at a CR not followed by LF (CR LF counts once, at its LF).
                if scalars.last == "\r" && s != "\n" { line += 1 }
                if s == "\n" { line += 1 }
                scalars.append(s)
            case .emptyInput:
                return .success(scalars)
            case .error:
                return .failure(Problem(line: scalars.last == "\r" ? line + 1 : line, kind: .notUTF8))
            }
        }
    }

    static func isBlank(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{FEFF}"
    }

    /// `text` with every control, line break and invisible scalar written as `<U+XXXX>`, shortened to `limit`
    /// characters: a value from the file made harmless for a message.
    static func shown(_ text: String, limit: Int = 60) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for s in text.unicodeScalars {
            if count >= limit { out.append("…"); break }
            let p = s.properties
            if RemoteCommand.isHidden(s) || p.isDefaultIgnorableCodePoint || p.isNoncharacterCodePoint {
                out.append(contentsOf: "<\(s.codePoint)>".unicodeScalars)
            } else {
                out.append(s)
            }
            count += 1
        }
        return String(out)
    }

    static func word(_ field: Problem.Field, _ language: Language) -> String {
        switch (field, language) {
        case (.year, .zh): return "年份"
        case (.year, .en): return "year"
        case (.title, .zh): return "通知标题"
        case (.title, .en): return "notice title"
        case (.published, .zh): return "发布日期"
        case (.published, .en): return "publication date"
        case (.document, .zh): return "文号"
        case (.document, .en): return "document number"
        case (.note, .zh): return "说明"
        case (.note, .en): return "note"
        case (.confirmed, .zh): return "confirmed（是否已核实）"
        case (.confirmed, .en): return "confirmed flag"
        case (.days, .zh): return "日期列表"
        case (.days, .en): return "list of days"
        case (.day, .zh): return "日期条目"
        case (.day, .en): return "day entry"
        case (.date, .zh): return "日期"
        case (.date, .en): return "date"
        case (.name, .zh): return "名称"
        case (.name, .en): return "name"
        case (.arrangement, .zh): return "安排"
        case (.arrangement, .en): return "type"
        }
    }

    static func expected(_ field: Problem.Field, _ language: Language) -> String {
        let zh = language == .zh
        switch field {
        case .year: return zh ? "年份数字（如 2027）" : "a year such as 2027"
        case .published, .date: return zh ? " YYYY-MM-DD 格式的日期" : "a date YYYY-MM-DD"
        case .arrangement: return zh ? "休或班（off 或 work；JSON 中 off 为 true 或 false）"
            : "休/off or 班/work (in JSON, off true or false)"
        case .confirmed: return zh ? " true 或 false" : "true or false"
        case .days: return zh ? "数组 […]" : "an array […]"
        case .day: return zh ? "对象 {date, name, off}" : "an object {date, name, off}"
        case .title, .document, .note, .name: return zh ? "文字" : "text"
        }
    }

    // MARK: - CSV

    /// The CSV keys, in both languages (English compared without case).
    static let csvKeys: [String: Problem.Field] = [
        "年份": .year, "year": .year, "通知": .title, "notice": .title, "发布日期": .published, "published": .published,
        "文号": .document, "document": .document, "说明": .note, "note": .note,
    ]
    static let headerWords: [[String]] = [["日期", "date"], ["名称", "name"], ["安排", "type"]]
    static let offWords: Set<String> = ["休", "off"]
    static let workWords: Set<String> = ["班", "work"]

    /// One CSV record: its cells and the line it begins on.
    struct Record {
        var line: Int
        var cells: [String]
    }

    /// The records of `scalars` (RFC 4180 with CR, LF or CRLF line ends; a quote inside an unquoted cell is
    /// kept; text after a closing quote is kept too, as spreadsheets read it); nil after an unclosed quote, whose
    /// problem is added.
    static func records(_ scalars: [Unicode.Scalar], _ notice: inout Draft) -> [Record] {
        var out: [Record] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var line = 1, start = 1
        var i = 0
        var quoted = false
        var atCellStart = true
        func endCell() { cells.append(String(cell)); cell = .init(); atCellStart = true }
        while i < scalars.count {
            let s = scalars[i]
            i += 1
            if quoted {
                if s == "\"" {
                    if i < scalars.count, scalars[i] == "\"" { cell.append("\""); i += 1 } else { quoted = false }
                } else {
                    if s == "\n" || (s == "\r" && (i >= scalars.count || scalars[i] != "\n")) { line += 1 }
                    cell.append(s)
                }
                continue
            }
            switch s {
            case "\"" where atCellStart:
                quoted = true
                atCellStart = false
            case ",":
                endCell()
            case "\r", "\n":
                if s == "\r", i < scalars.count, scalars[i] == "\n" { i += 1 }
                endCell()
                out.append(Record(line: start, cells: cells))
                cells = []
                line += 1
                start = line
            default:
                cell.append(s)
                atCellStart = false
            }
        }
        if quoted {
            notice.add(start, .unclosedQuote)
            notice.daysRead = false
            return out
        }
        if !cell.isEmpty || !cells.isEmpty { endCell(); out.append(Record(line: start, cells: cells)) }
        return out
    }

    static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces) }

    static func readCSV(_ scalars: [Unicode.Scalar], into notice: inout Draft) {
        var header = false
        for record in records(scalars, &notice) {
            // Trailing empty cells are a spreadsheet's padding.
            var cells = record.cells
            while let last = cells.last, trimmed(last).isEmpty { cells.removeLast() }
            if cells.isEmpty { continue }
            let line = record.line
            let first = trimmed(cells[0])
            if !header {
                let lower = first.lowercased()
                if headerWords[0].contains(lower) {
                    header = true
                    notice.daysLine = line
                    let words = cells.map { trimmed($0).lowercased() }
                    let good = words.count == 3 && zip(words, headerWords).allSatisfy { $1.contains($0) }
                    if !good { notice.add(line, .badHeader(cells)) }
                    continue
                }
                if let field = csvKeys[lower] {
                    if cells.count > 2 {
                        notice.add(line, .fieldCount(expected: 2, found: cells.count))
                        notice.reported.insert(field)
                        continue
                    }
                    // `通知,` is a key with an empty value (its empty cell dropped as padding above).
                    let value = At(value: cells.count > 1 ? cells[1] : "", line: line)
                    let slot: WritableKeyPath<Draft, At<String>?>
                    switch field {
                    case .year: slot = \.year
                    case .title: slot = \.title
                    case .published: slot = \.published
                    case .document: slot = \.document
                    default: slot = \.note
                    }
                    if notice[keyPath: slot] != nil {
                        notice.add(line, .duplicateKey(cells[0]))
                    } else {
                        notice[keyPath: slot] = value
                    }
                    continue
                }
                if looksLikeDate(first) {
                    notice.add(line, .missingHeader)
                    header = true
                } else if cells.count >= 3 {
                    notice.add(line, .badHeader(cells))
                    header = true
                    notice.daysLine = line
                    continue
                } else {
                    notice.add(line, .unknownKey(cells[0]))
                    continue
                }
            }
            notice.entries += 1
            var day = RawDay(line: line, date: At(value: cells[0], line: line))
            if cells.count != 3 {
                // The date is still checked (a name with an unquoted comma leaves it right).
                notice.add(line, .fieldCount(expected: 3, found: cells.count))
                day.reported = [.name, .arrangement]
                notice.days.append(day)
                continue
            }
            day.name = At(value: cells[1], line: line)
            let type = trimmed(cells[2]).lowercased()
            if offWords.contains(type) {
                day.off = At(value: true, line: line)
            } else if workWords.contains(type) {
                day.off = At(value: false, line: line)
            } else {
                notice.add(line, .badValue(.arrangement, cells[2]))
                day.reported = [.arrangement]
            }
            notice.days.append(day)
        }
        if !header && notice.daysRead { notice.add(0, .missingHeader); notice.daysRead = false }
    }

    /// A first cell that is meant as a date: four digits and a separator.
    static func looksLikeDate(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count >= 6 else { return false }
        return scalars.prefix(4).allSatisfy { ("0"..."9").contains($0) } && (scalars[4] == "-" || scalars[4] == "/")
    }
}

// MARK: - JSON

extension HolidayNotice {
    /// A JSON value and the line it begins on.
    struct Node {
        indirect enum Value {
            case object([Member]), array([Node]), string(String), number(String), bool(Bool), null
        }
        var line: Int
        var value: Value

        /// The value as a message shows it: a string quoted, a number as written, containers elided.
        var text: String {
            switch value {
            case .object: return "{…}"
            case .array: return "[…]"
            case .string(let s): return "\"\(s)\""
            case .number(let n): return n
            case .bool(let b): return b ? "true" : "false"
            case .null: return "null"
            }
        }

        var string: String? {
            if case .string(let s) = value { return s }
            return nil
        }
    }

    /// An object's member: its key, the key's line and its value.
    struct Member {
        var key: String
        var line: Int
        var value: Node
    }

    /// A JSON reader (RFC 8259) that keeps the line of every value. No value is nested deeper than
    /// `maximumDepth`, so hostile input cannot exhaust the stack.
    struct JSONReader {
        static let maximumDepth = 16
        struct Failure: Error { var problem: Problem }

        let s: [Unicode.Scalar]
        var i = 0
        var line = 1

        init(_ scalars: [Unicode.Scalar]) { s = scalars }

        var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

        func fail(_ found: Unicode.Scalar?) -> Failure {
            Failure(problem: Problem(line: line, kind: .jsonSyntax(found: found.map { String(Character($0)) })))
        }

        mutating func skipBlanks() {
            while let c = peek {
                switch c {
                case " ", "\t": i += 1
                case "\n": i += 1; line += 1
                case "\r":
                    i += 1
                    if peek == "\n" { i += 1 }
                    line += 1
                default: return
                }
            }
        }

        mutating func document() throws(Failure) -> Node {
            let root = try value(depth: 0)
            skipBlanks()
            if let c = peek { throw fail(c) }
            return root
        }

        mutating func value(depth: Int) throws(Failure) -> Node {
            skipBlanks()
            guard let c = peek else { throw fail(nil) }
            guard depth < Self.maximumDepth else { throw Failure(problem: Problem(line: line, kind: .jsonTooDeep)) }
            let start = line
            switch c {
            case "{":
                i += 1
                var members: [Member] = []
                skipBlanks()
                if peek == "}" { i += 1; return Node(line: start, value: .object(members)) }
                while true {
                    skipBlanks()
                    guard peek == "\"" else { throw fail(peek) }
                    let keyLine = line
                    let key = try string()
                    skipBlanks()
                    guard peek == ":" else { throw fail(peek) }
                    i += 1
                    members.append(Member(key: key, line: keyLine, value: try value(depth: depth + 1)))
                    skipBlanks()
                    switch peek {
                    case ",": i += 1
                    case "}": i += 1; return Node(line: start, value: .object(members))
                    default: throw fail(peek)
                    }
                }
            case "[":
                i += 1
                var items: [Node] = []
                skipBlanks()
                if peek == "]" { i += 1; return Node(line: start, value: .array(items)) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipBlanks()
                    switch peek {
                    case ",": i += 1
                    case "]": i += 1; return Node(line: start, value: .array(items))
                    default: throw fail(peek)
                    }
                }
            case "\"":
                return Node(line: start, value: .string(try string()))
            case "t": try literal("true"); return Node(line: start, value: .bool(true))
            case "f": try literal("false"); return Node(line: start, value: .bool(false))
            case "n": try literal("null"); return Node(line: start, value: .null)
            case "-", "0"..."9":
                return Node(line: start, value: .number(try number()))
            default:
                throw fail(c)
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            for w in word.unicodeScalars {
                guard peek == w else { throw fail(peek) }
                i += 1
            }
        }

        mutating func digits() -> Int {
            var n = 0
            while let c = peek, ("0"..."9").contains(c) { i += 1; n += 1 }
            return n
        }

        mutating func number() throws(Failure) -> String {
            let from = i
            if peek == "-" { i += 1 }
            if peek == "0" { i += 1 } else if digits() == 0 { throw fail(peek) }
            if peek == "." {
                i += 1
                if digits() == 0 { throw fail(peek) }
            }
            if peek == "e" || peek == "E" {
                i += 1
                if peek == "+" || peek == "-" { i += 1 }
                if digits() == 0 { throw fail(peek) }
            }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: s[from..<i])
            return String(out)
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let c = peek, let d = UInt32(String(c), radix: 16) else { throw fail(peek) }
                v = v * 16 + d
                i += 1
            }
            return v
        }

        /// A string, `i` at its opening quote.
        mutating func string() throws(Failure) -> String {
            i += 1
            var out = String.UnicodeScalarView()
            while true {
                guard let c = peek else { throw fail(nil) }
                if c.value < 0x20 { throw fail(c) }
                i += 1
                switch c {
                case "\"": return String(out)
                case "\\":
                    guard let e = peek else { throw fail(nil) }
                    i += 1
                    switch e {
                    case "\"", "\\", "/": out.append(e)
                    case "b": out.append("\u{8}")
                    case "f": out.append("\u{C}")
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "u":
                        var v = try hex4()
                        if (0xD800...0xDBFF).contains(v) {
                            guard peek == "\\", i + 1 < s.count, s[i + 1] == "u" else { throw fail(peek) }
                            i += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw fail(peek) }
                            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(v) else { throw fail(peek) }
                        out.append(scalar)
                    default: throw fail(e)
                    }
                default: out.append(c)
                }
            }
        }
    }

    static let jsonKeys: [String: Problem.Field] = [
        "year": .year, "source": .title, "document": .document, "published": .published, "confirmed": .confirmed,
        "note": .note, "days": .days,
    ]

    static func readJSON(_ scalars: [Unicode.Scalar], into notice: inout Draft) {
        var reader = JSONReader(scalars)
        let root: Node
        do {
            root = try reader.document()
        } catch {
            notice.problems.append(error.problem)
            notice.reported = [.year, .title, .published]
            notice.daysRead = false
            return
        }
        guard case .object(let members) = root.value else {
            // Not reached: `parse` reads JSON only after a `{`.
            notice.add(root.line, .jsonSyntax(found: nil))
            notice.reported = [.year, .title, .published]
            notice.daysRead = false
            return
        }
        var seen: Set<String> = []
        var sawDays = false
        for m in members {
            guard seen.insert(m.key).inserted else { notice.add(m.line, .duplicateKey(m.key)); continue }
            guard let field = jsonKeys[m.key] else { notice.add(m.line, .unknownKey(m.key)); continue }
            let v = m.value
            switch field {
            case .year:
                // A number as written; anything else as its JSON text (which no year reads).
                if case .number(let n) = v.value {
                    notice.year = At(value: n, line: v.line)
                } else if case .null = v.value {
                } else {
                    notice.add(v.line, .badValue(.year, v.text))
                    notice.reported.insert(.year)
                }
            case .title, .published, .document, .note:
                if let text = v.string {
                    let at = At(value: text, line: v.line)
                    switch field {
                    case .title: notice.title = at
                    case .published: notice.published = at
                    case .document: notice.document = at
                    default: notice.note = at
                    }
                } else if case .null = v.value {
                } else {
                    notice.add(v.line, .badValue(field, v.text))
                    notice.reported.insert(field)
                }
            case .confirmed:
                switch v.value {
                case .bool(let b): notice.confirmed = b
                case .null: break
                default: notice.add(v.line, .badValue(.confirmed, v.text))
                }
            default:
                sawDays = true
                notice.daysLine = m.line
                guard case .array(let items) = v.value else {
                    notice.add(v.line, .badValue(.days, v.text))
                    notice.daysRead = false
                    continue
                }
                for item in items { readDay(item, into: &notice) }
            }
        }
        if !sawDays {
            notice.add(0, .missingKey(.days))
            notice.daysRead = false
        }
    }

    static func readDay(_ item: Node, into notice: inout Draft) {
        notice.entries += 1
        guard case .object(let members) = item.value else {
            notice.add(item.line, .badValue(.day, item.text))
            return
        }
        var day = RawDay(line: item.line)
        var seen: Set<String> = []
        for m in members {
            guard seen.insert(m.key).inserted else { notice.add(m.line, .duplicateKey(m.key)); continue }
            let v = m.value
            switch m.key {
            case "date", "name":
                let field: Problem.Field = m.key == "date" ? .date : .name
                if let text = v.string {
                    if field == .date { day.date = At(value: text, line: v.line) } else { day.name = At(value: text, line: v.line) }
                } else {
                    notice.add(v.line, .badValue(field, v.text))
                    day.reported.insert(field)
                }
            case "off":
                if case .bool(let b) = v.value {
                    day.off = At(value: b, line: v.line)
                } else {
                    notice.add(v.line, .badValue(.arrangement, v.text))
                    day.reported.insert(.arrangement)
                }
            default:
                notice.add(m.line, .unknownKey(m.key))
            }
        }
        notice.days.append(day)
    }
}
