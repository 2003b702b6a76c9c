import Foundation
import OversightDomain

/// Matters as a CSV table for WPS and Excel: one row a matter, one column a field of `ExchangeMatter`, headed in
/// Chinese (or English); organisations by name, values in the CLI's words, dates `YYYY-MM-DD`, the history as
/// JSON in the last column. `import` reads it back by its headers (Chinese, English or the field names, in any
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

    public static let columns: [Column] = [
        Column(field: "id", zh: "系统编号", en: "ID", derived: true),
        Column(field: "number", zh: "文号", en: "Number"),
        Column(field: "kind", zh: "类型", en: "Kind"),
        Column(field: "variant", zh: "子类", en: "Variant"),
        Column(field: "title", zh: "标题", en: "Title"),
        Column(field: "domain", zh: "领域", en: "Domain"),
        Column(field: "from", zh: "发起单位", en: "From"),
        Column(field: "to", zh: "接收单位", en: "To"),
        Column(field: "subject", zh: "涉及部门", en: "Subject"),
        Column(field: "department", zh: "所涉执法部门", en: "Department", derived: true),
        Column(field: "copiedTo", zh: "抄送", en: "Copied to"),
        Column(field: "state", zh: "状态", en: "State"),
        Column(field: "overdue", zh: "逾期", en: "Overdue", derived: true),
        Column(field: "createdOn", zh: "创建日期", en: "Created"),
        Column(field: "issuedOn", zh: "制发日期", en: "Issued"),
        Column(field: "servedOn", zh: "送达日期", en: "Served"),
        Column(field: "due", zh: "期限", en: "Due"),
        Column(field: "repliedOn", zh: "回复日期", en: "Replied"),
        Column(field: "closedOn", zh: "办结日期", en: "Closed"),
        Column(field: "scheduledOn", zh: "排定日期", en: "Scheduled"),
        Column(field: "outcome", zh: "结果", en: "Outcome"),
        Column(field: "rectification", zh: "整改情况", en: "Rectification"),
        Column(field: "escalations", zh: "升级措施", en: "Escalations"),
        Column(field: "urgentPeriod", zh: "紧急回复期限", en: "Urgent period"),
        Column(field: "summary", zh: "摘要", en: "Summary"),
        Column(field: "events", zh: "历史记录", en: "History"),
    ]

    static let required = ["kind", "title", "from", "to", "createdOn"]

    // MARK: - Export

    /// The table: byte-order mark, header, one row a matter, CRLF line ends, every field quoted and neutralised
    /// (`CSVText.field`).
    public static func text(_ matters: [ExchangeMatter], headers: Headers, organisations: [OrgID: Organisation]) -> String {
        var out = CSVText.byteOrderMark
        out += CSVText.record(columns.map { CSVText.field(headers == .zh ? $0.zh : $0.en) })
        for m in matters {
            out += CSVText.record(columns.map { CSVText.field(value(m, $0.field, organisations)) })
        }
        return out
    }

    private static func value(_ m: ExchangeMatter, _ field: String, _ orgs: [OrgID: Organisation]) -> String {
        func name(_ id: OrgID?) -> String { id.map { orgs[$0]?.name ?? $0 } ?? "" }
        switch field {
        case "id": return m.id.map(String.init) ?? ""
        case "number": return m.number
        case "kind": return m.kind
        case "variant": return m.variant ?? ""
        case "title": return m.title
        case "domain": return m.domain
        case "from": return name(m.from)
        case "to": return name(m.to)
        case "subject": return name(m.subject)
        case "department": return name(m.department)
        case "copiedTo": return m.copiedTo.map { name($0) }.joined(separator: "; ")
        case "state": return m.state
        case "overdue": return m.overdue == true ? "yes" : ""
        case "createdOn": return m.createdOn
        case "issuedOn": return m.issuedOn ?? ""
        case "servedOn": return m.servedOn ?? ""
        case "due": return m.due ?? ""
        case "repliedOn": return m.repliedOn ?? ""
        case "closedOn": return m.closedOn ?? ""
        case "scheduledOn": return m.scheduledOn ?? ""
        case "outcome": return m.outcome ?? ""
        case "rectification": return m.rectification ?? ""
        case "escalations": return m.escalations.joined(separator: "; ")
        case "urgentPeriod": return m.urgentPeriod ?? ""
        case "summary": return m.summary
        case "events": return m.events.map(historyText) ?? ""
        default: return ""
        }
    }

    /// The history as compact JSON, invisible characters escaped (`\u202e`), so the cell keeps it exactly.
    static func historyText(_ events: [ExchangeEvent]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: (try? e.encode(events)) ?? Data("[]".utf8), as: UTF8.self)
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            guard ExchangeText.isInvisible(s) else { out.append(s); continue }
            for unit in String(s).utf16 { out.append(contentsOf: String(format: "\\u%04x", unit).unicodeScalars) }
        }
        return String(out)
    }

    // MARK: - Import

    /// The matters of a CSV table, each with its line, and the problems found (file order), if any: a row with
    /// a problem is left out of the items.
    public static func items(_ text: String) -> (items: [ImportItem], refused: ImportRefused?) {
        let records: [CSVText.Record]
        do {
            records = try CSVText.records(text)
        } catch let e as CSVText.SyntaxError {
            return ([], ImportRefused(problems: [ImportProblem(line: e.line, .syntax(e.problem))], total: 1))
        } catch {
            return ([], ImportRefused(problems: [ImportProblem(line: 1, .json("\(error)"))], total: 1))
        }
        guard let header = records.first else { return ([], nil) }
        var problems: [ImportProblem] = []
        var fields: [String?] = []
        for h in header.fields {
            let name = h.trimmingCharacters(in: .whitespaces)
            let column = columns.first { [$0.zh, $0.en.lowercased(), $0.field.lowercased()].contains(name.lowercased()) }
            if column == nil { problems.append(ImportProblem(line: header.line, field: name, .unknownColumn(name))) }
            fields.append(column.flatMap { $0.derived ? nil : $0.field })
        }
        for r in required where !fields.contains(r) {
            let c = columns.first { $0.field == r }!
            problems.append(ImportProblem(line: header.line, field: c.zh, .missingColumn(c.zh)))
        }
        if !problems.isEmpty { return ([], ImportRefused(problems: problems, total: problems.count)) }

        var items: [ImportItem] = []
        var total = 0
        func problem(_ p: ImportProblem) {
            total += 1
            if problems.count < 20 { problems.append(p) }
        }
        for record in records.dropFirst() {
            guard record.fields.count == fields.count else {
                problem(ImportProblem(line: record.line, .fieldCount(expected: fields.count, found: record.fields.count)))
                continue
            }
            var cells: [String: String] = [:]
            for (field, cell) in zip(fields, record.fields) {
                if let field { cells[field] = CSVText.unneutralised(cell).trimmingCharacters(in: .whitespaces) }
            }
            func list(_ text: String?) -> [String] {
                (text ?? "").split(whereSeparator: { ";；、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            func optional(_ key: String) -> String? { cells[key].flatMap { $0.isEmpty ? nil : $0 } }
            var events: [ExchangeEvent]?
            if let history = optional("events") {
                do {
                    events = try JSONDecoder().decode([ExchangeEvent].self, from: Data(history.utf8))
                } catch {
                    problem(ImportProblem(line: record.line, field: "events", .json(ExchangeJSON.describe(error))))
                    continue
                }
            }
            let m = ExchangeMatter(
                number: cells["number"] ?? "", kind: cells["kind"] ?? "", title: cells["title"] ?? "",
                domain: optional("domain") ?? DomainArea.other.rawValue, state: cells["state"] ?? "",
                due: optional("due"), from: cells["from"] ?? "", to: cells["to"] ?? "", subject: optional("subject"),
                copiedTo: list(cells["copiedTo"]), variant: optional("variant"), urgentPeriod: optional("urgentPeriod"),
                createdOn: cells["createdOn"] ?? "", issuedOn: optional("issuedOn"), servedOn: optional("servedOn"),
                repliedOn: optional("repliedOn"), closedOn: optional("closedOn"), scheduledOn: optional("scheduledOn"),
                outcome: optional("outcome"), rectification: optional("rectification"), escalations: list(cells["escalations"]),
                summary: cells["summary"] ?? "", events: events)
            items.append(ImportItem(line: record.line, matter: m))
        }
        return (items, problems.isEmpty ? nil : ImportRefused(problems: problems, total: total))
    }
}

extension ExchangeMatter {
    /// A matter as a file gives it (what `import` reads from a ledger's row).
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
