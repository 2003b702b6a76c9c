import Foundation
import OversightDomain

/// Matters as a CSV table for WPS and Excel: one row a matter, one column a field of `ExchangeMatter`, headed in
/// Chinese (or English); organisations by name, values (kind, variant, domain, state, overdue, outcome,
/// rectification, escalations) in the interface language's words (`ExchangeWords`; codes without them), dates
/// `YYYY-MM-DD`, the history as JSON in the last column (codes: machine data). `import` reads it back by its headers (Chinese, English or the field names, in any
/// order); a department's own ledger needs only the columns it has, at least 类型, 标题, 发起单位, 接收单位 and
/// 创建日期.
public enum ExchangeCSV {
    public enum Headers: Sendable { case zh, en }

    /// A column: the field it holds and its headers.
    public struct Column: Sendable {
        public var field: String
        public var zh: String
        public var en: String
        /// Written on export and ignored on import (the database gives or derives it).
        public var derived = false
    }

    /// The columns: the fields of `MatterField.all` that have CSV headers, in its order.
    public static let columns: [Column] = MatterField.csvColumns.map {
        Column(field: $0.key, zh: $0.csv!.zh, en: $0.csv!.en, derived: $0.onImport == .ignored)
    }

    /// The columns a file must have.
    static let required = MatterField.csvColumns.filter(\.required).map(\.key)

    // MARK: - Export

    /// The table: byte-order mark, header, one row a matter, CRLF line ends, every field quoted and neutralised
    /// (`CSVText.field`). The values are in `words` (the headers' language, as the CLI gives them; codes by
    /// default).
    public static func text(
        _ matters: [ExchangeMatter], headers: Headers, organisations: [OrgID: Organisation], words: ExchangeWords = .codes
    ) -> String {
        var out = header(headers)
        for m in matters { out += row(m, organisations: organisations, words: words) }
        return out
    }

    /// The table's start: the byte-order mark and the header line.
    public static func header(_ headers: Headers) -> String {
        CSVText.byteOrderMark + CSVText.record(columns.map { CSVText.field(headers == .zh ? $0.zh : $0.en) })
    }

    /// One matter's line of the table (what a streamed export writes as it reads).
    public static func row(_ m: ExchangeMatter, organisations: [OrgID: Organisation], words: ExchangeWords = .codes) -> String {
        var out: [UInt8] = []
        row(m, organisations: organisations, words: words, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same line's UTF-8 bytes appended to `out`: `CSVText.record` of the `CSVText.field`s of the columns' cells,
    /// written into one buffer (no string a cell, no array of them).
    public static func row(_ m: ExchangeMatter, organisations: [OrgID: Organisation], words: ExchangeWords, into out: inout [UInt8]) {
        for (i, column) in MatterField.csvColumns.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            CSVText.appendField(column.cell(m, organisations: organisations, words: words), to: &out)
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    /// The history as compact JSON, invisible characters escaped (`\u202e`), so the cell keeps it exactly.
    static func historyText(_ events: [ExchangeEvent]) -> String {
        let json = historyJSON(events)
        if !json.unicodeScalars.contains(where: ExchangeText.isInvisible) { return json }
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            guard ExchangeText.isInvisible(s) else { out.append(s); continue }
            for unit in String(s).utf16 { out.append(contentsOf: String(format: "\\u%04x", unit).unicodeScalars) }
        }
        return String(out)
    }

    /// The history as `JSONEncoder` with `.sortedKeys, .withoutEscapingSlashes` writes it, byte for byte, written
    /// directly (the encoder was a quarter of an export's time): keys in order, `null` for an absent value of the first
    /// export's keys, `service` and `receivedOn` only when given, strings escaped as the encoder escapes them.
    static func historyJSON(_ events: [ExchangeEvent]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(events.count * 240)
        func key(_ k: String, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: k.utf8)
            out.append(contentsOf: "\":".utf8)
        }
        func string(_ v: String?) {
            guard let v else { out.append(contentsOf: "null".utf8); return }
            out.append(UInt8(ascii: "\""))
            for b in v.utf8 {
                switch b {
                case 0x22: out.append(contentsOf: "\\\"".utf8)
                case 0x5C: out.append(contentsOf: "\\\\".utf8)
                case 0x08: out.append(contentsOf: "\\b".utf8)
                case 0x0C: out.append(contentsOf: "\\f".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                case 0x00..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 0xF)])
                default: out.append(b)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        for (i, e) in events.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            key("action", first: true); string(e.action)
            key("actor"); string(e.actor)
            key("documentNumber"); string(e.documentNumber)
            key("dueAfter"); string(e.dueAfter)
            key("escalation"); string(e.escalation)
            key("id"); if let id = e.id { out.append(contentsOf: String(id).utf8) } else { out.append(contentsOf: "null".utf8) }
            key("on"); string(e.on)
            key("outcome"); string(e.outcome)
            if let r = e.receivedOn { key("receivedOn"); string(r) }
            if let sv = e.service { key("service"); string(sv) }
            key("stateAfter"); string(e.stateAfter)
            key("text"); string(e.text)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Import

    /// The matters of a CSV table, each with its line, and the problems found (file order), if any: a row with
    /// a problem is left out of the items. Read record by record (the records are never all held); reading stops
    /// at the `limit`th problem (the file is refused anyway), and the refusal then says so (`ImportRefused.stopped`).
    ///
    /// A cell's value is the cell read back (`CSVText.unneutralised`), trimmed of spaces and tabs except in the
    /// free texts (标题 title, 摘要 summary), which are kept exactly as the cell shows them.
    public static func items(_ text: String, limit: Int = 20) -> (items: [ImportItem], refused: ImportRefused?) {
        var items: [ImportItem] = []
        let refused = try? read(text, limit: limit) { items.append($0); return true }
        return (items, refused ?? nil)
    }

    /// The matters of a CSV table as an import reads them: one at a time, each time it is asked (`ImportSource`).
    public static func source(_ text: String, limit: Int = 20) -> ImportSource {
        ImportSource { body in try read(text, limit: limit, body) }
    }

    /// Reads `text` record by record, giving `body` each matter that reads well until it returns false; returns
    /// the problems of reading, if any. What `body` throws is thrown.
    public static func read(_ text: String, limit: Int = 20, _ body: (ImportItem) throws -> Bool) throws -> ImportRefused? {
        var problems: [ImportProblem] = []
        var total = 0
        var stopped = false
        func problem(_ p: ImportProblem) {
            total += 1
            if problems.count < limit { problems.append(p) }
            if problems.count >= limit { stopped = true }
        }
        var header: [String?]?
        do {
            try CSVText.forEachRecord(text) { record in
                guard let fields = header else {
                    header = try Self.header(record, problem)
                    return !stopped
                }
                if let item = Self.item(record, fields, limit: limit, problem) {
                    do {
                        guard try body(item) else { return false }
                    } catch {
                        throw Given(error: error)
                    }
                }
                return !stopped
            }
        } catch let given as Given {
            throw given.error
        } catch let e as CSVText.SyntaxError {
            problem(ImportProblem(line: e.line, .syntax(e.problem)))
            stopped = false
        } catch is HeaderRefused {
            stopped = false
        } catch {
            problem(ImportProblem(line: 1, .json("\(error)")))
            stopped = false
        }
        guard !problems.isEmpty else { return nil }
        var refused = ImportRefused(problems: problems, total: total)
        refused.stopped = stopped
        return refused
    }

    /// What the reader's `body` threw, carried through the record reader.
    private struct Given: Error { var error: Error }

    /// The field of each column of the header (nil: derived, ignored), problems for unknown and missing columns.
    private static func header(_ header: CSVText.Record, _ problem: (ImportProblem) -> Void) throws -> [String?] {
        var fields: [String?] = []
        var found = false
        for h in header.fields {
            let name = h.trimmingCharacters(in: .whitespaces)
            let column = columns.first { [$0.zh, $0.en.lowercased(), $0.field.lowercased()].contains(name.lowercased()) }
            if column == nil { problem(ImportProblem(line: header.line, field: name, .unknownColumn(name))); found = true }
            fields.append(column.flatMap { $0.derived ? nil : $0.field })
        }
        for r in required where !fields.contains(r) {
            let c = columns.first { $0.field == r }!
            problem(ImportProblem(line: header.line, field: c.zh, .missingColumn(c.zh)))
            found = true
        }
        // A file whose header is wrong is not read further: its rows cannot be understood.
        if found { throw HeaderRefused() }
        return fields
    }

    private struct HeaderRefused: Error {}

    /// The free texts, kept as the cell shows them (not trimmed).
    static let freeText = Set(MatterField.csvColumns.filter { if case .text = $0.form { true } else { false } }.map(\.key))

    private static func item(_ record: CSVText.Record, _ fields: [String?], limit: Int, _ problem: (ImportProblem) -> Void) -> ImportItem? {
        guard record.fields.count == fields.count else {
            problem(ImportProblem(line: record.line, .fieldCount(expected: fields.count, found: record.fields.count)))
            return nil
        }
        var cells: [String: String] = [:]
        for (field, cell) in zip(fields, record.fields) {
            guard let field else { continue }
            let value = CSVText.unneutralised(cell)
            cells[field] = freeText.contains(field) ? value : trimmed(value)
        }
        func optional(_ key: String) -> String? { cells[key].flatMap { $0.isEmpty ? nil : $0 } }
        var events: [ExchangeEvent]?
        if let history = optional("events") {
            if let deep = ExchangeJSON.tooDeep(history) {
                problem(ImportProblem(line: record.line + deep - 1, field: "events", .tooDeep(limit: ExchangeJSON.depthLimit)))
                return nil
            }
            do {
                events = try JSONDecoder().decode([ExchangeEvent].self, from: Data(history.utf8))
            } catch {
                problem(ImportProblem(line: record.line, field: "events", .json(ExchangeJSON.describe(error))))
                return nil
            }
        }
        var m = ExchangeMatter()
        for field in MatterField.csvColumns where field.onImport == .creates || field.onImport == .checked {
            field.fromCell(&m, cells[field.key])
        }
        m.events = events
        return ImportItem(line: record.line, matter: m)
    }

    /// `text` without the spaces and tabs around it, on scalars.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func blank(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !blank($0) })!
        return String(scalars[first...last])
    }
}

extension ExchangeMatter {
    /// A matter as a file gives it, every field an import reads named (a CSV's rows are read through
    /// `MatterField.all`; callers that build a file's matter by hand use this).
    public init(
        number: String, kind: String, title: String, domain: String, state: String, due: String?, from: String, to: String,
        subject: String?, copiedTo: [String], variant: String?, urgentPeriod: String?, createdOn: String,
        issuedOn: String?, servedOn: String?, repliedOn: String?, closedOn: String?, scheduledOn: String?,
        outcome: String?, rectification: String?, escalations: [String], summary: String, events: [ExchangeEvent]?
    ) {
        self.number = number
        self.kind = kind
        self.title = title
        self.domain = domain
        self.state = state
        self.due = due
        self.from = from
        self.to = to
        self.subject = subject
        self.copiedTo = copiedTo
        self.variant = variant
        self.urgentPeriod = urgentPeriod
        self.createdOn = createdOn
        self.issuedOn = issuedOn
        self.servedOn = servedOn
        self.repliedOn = repliedOn
        self.closedOn = closedOn
        self.scheduledOn = scheduledOn
        self.outcome = outcome
        self.rectification = rectification
        self.escalations = escalations
        self.summary = summary
        self.events = events
    }
}
