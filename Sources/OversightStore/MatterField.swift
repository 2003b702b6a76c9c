import Foundation
import OversightDomain

/// A matter's fields, declared once. Each declaration says the field's JSON key, its CSV headers, where the
/// database keeps it, how it is read from a `Matter` and from an `ExchangeMatter`, what an import does with it,
/// its place in the audit chain's canonical form of a matter and how `matter show` labels it. From this table come
/// the `matter` row (`MatterRecord`, through `Kept`), `ExchangeMatter`'s JSON (`matter show --json`, `export
/// --format json`, `import`), the CSV columns, headers, cells and reading (`ExchangeCSV`), the import's checks of a
/// file's values and its comparison of a file's fields with what its history leads to, the audit chain's matter
/// digest (`AuditChain.matterColumns`, `matterDigest`) and the CLI's text of a matter.
///
/// A new field is one declaration here, with its `Matter` and `ExchangeMatter` properties, its migration and, if the
/// audit chain is to cover it, a new chain version (version 1 is frozen); `FieldTableTests` walks the table and
/// every place derived from it.
public struct MatterField: Sendable {
    /// What an import does with the field.
    public enum Import: Sendable, Equatable {
        /// Ignored: the database gives or derives it (id, department, its name, overdue, version).
        case ignored
        /// Read to create the matter (its kind, title, organisations …).
        case creates
        /// Compared with what the history leads to; a disagreement names the field.
        case checked
        /// The history itself, replayed.
        case history
    }

    /// Where the database keeps the field.
    public enum Storage: Sendable, Equatable {
        /// Nowhere: derived when read.
        case derived
        /// Columns of table `matter`.
        case columns([String])
        /// Rows of table `matter_copy`, one an organisation.
        case copies
        /// Table `event`.
        case events

        public var columns: [String] { if case .columns(let c) = self { c } else { [] } }
    }

    /// The kind of value, which says how a value is written in words and how a disagreement is worded.
    public enum Form: Sendable {
        /// A number (id, version).
        case number
        /// Free text, kept exactly as a cell shows it (title, summary).
        case text
        /// A document number (`机关代字〔YYYY〕N号`), read trimmed.
        case documentNumber
        /// A day, `YYYY-MM-DD`.
        case date
        /// A closed set of values (`Worded`): a code, written in the words of the exchange's language.
        case word(Words)
        /// The state, in the words of the matter's kind.
        case state
        /// An organisation: its id, written as its name.
        case organisation
        /// A reply period (`15 days`), compared as a period.
        case period
        /// A yes/no: `true` is written as the language's yes, false as nothing.
        case flag
        /// The history, as compact JSON.
        case history
    }

    /// The words of a closed set of values.
    public struct Words: Sendable {
        /// The prefix of the values' keys in the string tables (`kind`, `outcome` …): `kind.suggestion`.
        public let key: String
        let word: @Sendable (ExchangeWords, String) -> String
        /// Whether a text names one of the values (its code or either language's word).
        let names: @Sendable (ExchangeWords, String) -> Bool
        /// The values a refusal lists.
        let accepted: @Sendable (ExchangeWords) -> [String]

        static func of<T: Worded>(_: T.Type) -> Words {
            Words(key: T.wordKey, word: { $0.word(T.self, $1) }, names: { $0.value(T.self, $1) != nil }, accepted: { $0.accepted(T.self) })
        }
    }

    /// How `matter show` (text for people) shows the field.
    public struct Shown: Sendable {
        /// When the field is shown.
        public enum When: Sendable, Equatable {
            case always
            /// When it has a value.
            case given
            /// When it has a value other than that of the field with this key.
            case differsFrom(String)
        }

        /// The string-table key of its label.
        public let label: String
        /// Its place among the shown fields (their order since the first `matter show`).
        public let rank: Int
        public let when: When
        /// A yes/no field shown as a note after this one's value when yes, with that note's string-table key.
        public let note: (field: String, label: String)?
    }

    /// The key in JSON, the name a CSV header may also use, and what a problem of an import names.
    public let key: String
    /// The CSV headers (Chinese, English); nil: not a CSV column.
    public let csv: (zh: String, en: String)?
    public let storage: Storage
    public let onImport: Import
    /// Needed in a file: JSON without it is not read, a CSV without its column is refused.
    public let required: Bool
    /// Its place in the audit chain's canonical form of a matter (version 1: frozen, like a shipped migration);
    /// nil: not covered.
    public let audit: Int?
    public let shown: Shown?
    public let form: Form
    /// A list of values (organisations copied to, escalations): one cell joined by `; `, one JSON array.
    public let isList: Bool

    /// How it is written to its columns of `matter` and read back (nil: not kept there, or the row's id).
    let kept: Kept?

    /// The value of `m`, as codes (a list's values; one value; none when absent).
    public let codes: @Sendable (ExchangeMatter) -> [String]
    let fromMatter: @Sendable (inout ExchangeMatter, Matter, FieldContext) -> Void
    let encodeValue: @Sendable (ExchangeMatter, inout KeyedEncodingContainer<FieldKey>) throws -> Void
    let decodeValue: @Sendable (inout ExchangeMatter, KeyedDecodingContainer<FieldKey>) throws -> Void
    /// Sets the value from a CSV cell (trimmed, unless free text); nil when the file has no such column.
    let fromCell: @Sendable (inout ExchangeMatter, String?) -> Void

    var codingKey: FieldKey { FieldKey(key) }
}

/// What reading a `Matter` needs beyond it: the organisations (for a department's name), today and the alert window
/// (for `overdue`).
struct FieldContext {
    var organisations: [OrgID: Organisation]
    var today: CivilDate
    var window: Int
}

/// A JSON key of a field.
struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension MatterField {
    /// Every field, in the order of the CSV's columns.
    public static let all: [MatterField] = [
        optional("id", \.id, csv: ("系统编号", "ID"), .columns(["id"]), .ignored, audit: 0,
                 shown: Shown(label: "cli.field.id", rank: 0, when: .always, note: nil), form: .number) { m, _ in m.id },
        text("number", \.number, csv: ("文号", "Number"), .columns(["number"]), .checked, audit: 1,
             shown: Shown(label: "field.number", rank: 1, when: .always, note: nil), form: .documentNumber, kept: .text(\.number)) { m, _ in m.number },
        text("kind", \.kind, csv: ("类型", "Kind"), .columns(["kind"]), .creates, audit: 2,
             shown: Shown(label: "field.kind", rank: 2, when: .always, note: nil), form: .word(.of(MatterKind.self)),
             required: true, kept: .value(\.kind)) { m, _ in m.kind.rawValue },
        optional("variant", \.variant, csv: ("子类", "Variant"), .columns(["variant"]), .creates, audit: 17,
                 shown: Shown(label: "cli.field.variant", rank: 9, when: .given, note: nil),
                 form: .word(.of(MatterVariant.self)), kept: .optionalValue(\.variant)) { m, _ in m.variant?.rawValue },
        text("title", \.title, csv: ("标题", "Title"), .columns(["title"]), .creates, audit: 3,
             shown: Shown(label: "field.title", rank: 3, when: .always, note: nil), form: .text, required: true,
             kept: .text(\.title)) { m, _ in m.title },
        text("domain", \.domain, csv: ("领域", "Domain"), .columns(["domain"]), .creates, audit: 4,
             shown: Shown(label: "field.domain", rank: 6, when: .always, note: nil), form: .word(.of(DomainArea.self)),
             default: DomainArea.other.rawValue, kept: .value(\.domain)) { m, _ in m.domain.rawValue },
        text("from", \.from, csv: ("发起单位", "From"), .columns(["from_org"]), .creates, audit: 5,
             shown: Shown(label: "field.from", rank: 7, when: .always, note: nil), form: .organisation, required: true,
             kept: .text(\.fromOrg)) { m, _ in m.fromOrg },
        text("to", \.to, csv: ("接收单位", "To"), .columns(["to_org"]), .creates, audit: 6,
             shown: Shown(label: "field.to", rank: 8, when: .always, note: nil), form: .organisation, required: true,
             kept: .text(\.toOrg)) { m, _ in m.toOrg },
        optional("subject", \.subject, csv: ("涉及部门", "Subject"), .columns(["subject_org"]), .creates, audit: 7,
                 shown: Shown(label: "field.subject", rank: 11, when: .differsFrom("department"), note: nil),
                 form: .organisation, kept: .optionalText(\.subjectOrg)) { m, _ in m.subjectOrg },
        optional("department", \.department, csv: ("所涉执法部门", "Department"), .derived, .ignored, audit: nil,
                 shown: Shown(label: "cli.field.department", rank: 10, when: .given, note: nil),
                 form: .organisation) { m, _ in m.department },
        optional("departmentName", \.departmentName, csv: nil, .derived, .ignored, audit: nil, shown: nil, form: .text) { m, c in
            m.department.flatMap { c.organisations[$0]?.name }
        },
        list("copiedTo", \.copiedTo, csv: ("抄送", "Copied to"), .copies, .creates, audit: 23,
             shown: Shown(label: "cli.field.copied-to", rank: 12, when: .given, note: nil), form: .organisation) { m, _ in m.copiedTo ?? [] },
        text("state", \.state, csv: ("状态", "State"), .columns(["state"]), .checked, audit: 8,
             shown: Shown(label: "field.state", rank: 4, when: .always, note: nil), form: .state, kept: .value(\.state)) { m, _ in m.state.rawValue },
        optional("overdue", \.overdue, csv: ("逾期", "Overdue"), .derived, .ignored, audit: nil, shown: nil, form: .flag) { m, c in
            if case .overdue = Urgency(m, today: c.today, window: c.window) { true } else { false }
        },
        optional("version", \.version, csv: nil, .columns(["version"]), .ignored, audit: 22,
                 shown: Shown(label: "cli.field.version", rank: 5, when: .always, note: nil), form: .number, kept: .version) { m, _ in m.version },
        text("createdOn", \.createdOn, csv: ("创建日期", "Created"), .columns(["created_on"]), .creates, audit: 9,
             shown: Shown(label: "field.created", rank: 13, when: .given, note: nil), form: .date,
             required: true, kept: .date(\.createdOn)) { m, _ in m.createdOn.description },
        date("issuedOn", \.issuedOn, csv: ("制发日期", "Issued"), "issued_on", audit: 10, label: "field.issued", rank: 14, \.issuedOn),
        date("servedOn", \.servedOn, csv: ("送达日期", "Served"), "served_on", audit: 11, label: "field.served", rank: 15, \.servedOn),
        optional("due", \.due, csv: ("期限", "Due"), .columns(["due"]), .checked, audit: 12,
                 shown: Shown(label: "field.due", rank: 18, when: .given, note: ("overdue", "cli.field.overdue")),
                 form: .date, kept: .optionalDate(\.due)) { m, _ in (m.pendingDue ?? m.due)?.description },
        date("repliedOn", \.repliedOn, csv: ("回复日期", "Replied"), "replied_on", audit: 13, label: "field.replied", rank: 19, \.repliedOn),
        date("closedOn", \.closedOn, csv: ("办结日期", "Closed"), "closed_on", audit: 14, label: "field.closed", rank: 20, \.closedOn),
        date("scheduledOn", \.scheduledOn, csv: ("排定日期", "Scheduled"), "scheduled_on", audit: 15, label: "field.scheduled",
             rank: 21, \.scheduledOn),
        optional("outcome", \.outcome, csv: ("结果", "Outcome"), .columns(["outcome"]), .checked, audit: 19,
                 shown: Shown(label: "field.outcome", rank: 22, when: .given, note: nil),
                 form: .word(.of(Outcome.self)), kept: .optionalValue(\.outcome)) { m, _ in m.outcome?.rawValue },
        optional("rectification", \.rectification, csv: ("整改情况", "Rectification"), .columns(["rectification"]), .checked,
                 audit: 20, shown: Shown(label: "cli.field.rectification", rank: 23, when: .given, note: nil),
                 form: .word(.of(Outcome.self)), kept: .optionalValue(\.rectification)) { m, _ in m.rectification?.rawValue },
        list("escalations", \.escalations, csv: ("升级措施", "Escalations"), .columns(["escalations"]), .checked, audit: 21,
             shown: Shown(label: "cli.field.escalations", rank: 24, when: .given, note: nil),
             form: .word(.of(EscalationOption.self)), kept: .list(\.escalations)) { m, _ in (m.escalations ?? []).map(\.rawValue) },
        optional("urgentPeriod", \.urgentPeriod, csv: ("紧急回复期限", "Urgent period"), .columns(["urgent_amount", "urgent_unit"]),
                 .checked, audit: 18, shown: nil, form: .period, kept: .period) { m, _ in m.urgentPeriod.map(ExchangeMatter.periodText) },
        text("summary", \.summary, csv: ("摘要", "Summary"), .columns(["summary"]), .creates, audit: 16,
             shown: Shown(label: "field.summary", rank: 25, when: .given, note: nil), form: .text, kept: .text(\.summary)) { m, _ in m.summary },
        // Added after the audit chain's version 1 (migration v12): not in its matter digest; the `serve` event that
        // recorded them carries them (`event.service`, `event.received_on`), and an import replays them from there.
        optional("service", \.service, csv: ("送达方式", "Manner of service"), .columns(["service"]), .checked, audit: nil,
                 shown: Shown(label: "field.service", rank: 16, when: .given, note: nil),
                 form: .word(.of(ServiceMethod.self)), kept: .optionalValue(\.service)) { m, _ in m.service?.rawValue },
        date("receivedOn", \.receivedOn, csv: ("回执日期", "Receipt"), "received_on", audit: nil, label: "field.receipt", rank: 17,
             \.receivedOn),
        history,
    ]

    /// The field whose key is `key`.
    public static func named(_ key: String) -> MatterField? { all.first { $0.key == key } }

    /// The fields the audit chain covers, in its order.
    static let audited: [MatterField] = all.filter { $0.audit != nil }.sorted { $0.audit! < $1.audit! }

    /// The fields `matter show` shows, in its order.
    public static let shownInText: [MatterField] = all.filter { $0.shown != nil }.sorted { $0.shown!.rank < $1.shown!.rank }

    /// The CSV's columns, in order.
    public static let csvColumns: [MatterField] = all.filter { $0.csv != nil }

    // MARK: - Making a declaration

    /// A text every matter has (`""` when a file leaves it out, or `default`).
    private static func text(
        _ key: String, _ path: WritableKeyPath<ExchangeMatter, String> & Sendable, csv: (String, String)?, _ storage: Storage,
        _ onImport: Import, audit: Int?, shown: Shown?, form: Form, required: Bool = false, default fallback: String = "",
        kept: Kept? = nil, _ read: @escaping @Sendable (Matter, FieldContext) -> String
    ) -> MatterField {
        let k = FieldKey(key)
        return MatterField(
            key: key, csv: csv.map { (zh: $0.0, en: $0.1) }, storage: storage, onImport: onImport, required: required, audit: audit,
            shown: shown, form: form, isList: false, kept: kept,
            codes: { [$0[keyPath: path]] },
            fromMatter: { $0[keyPath: path] = read($1, $2) },
            encodeValue: { try $1.encode($0[keyPath: path], forKey: k) },
            decodeValue: { e, c in
                e[keyPath: path] = required ? try c.decode(String.self, forKey: k) : try c.decodeIfPresent(String.self, forKey: k) ?? fallback
            },
            fromCell: { e, cell in e[keyPath: path] = cell.flatMap { $0.isEmpty ? nil : $0 } ?? fallback })
    }

    /// A value a matter may lack (`null` in JSON, an empty cell).
    private static func optional<T: Codable & Sendable & LosslessStringConvertible>(
        _ key: String, _ path: WritableKeyPath<ExchangeMatter, T?> & Sendable, csv: (String, String)?, _ storage: Storage,
        _ onImport: Import, audit: Int?, shown: Shown?, form: Form, kept: Kept? = nil,
        _ read: @escaping @Sendable (Matter, FieldContext) -> T?
    ) -> MatterField {
        let k = FieldKey(key)
        return MatterField(
            key: key, csv: csv.map { (zh: $0.0, en: $0.1) }, storage: storage, onImport: onImport, required: false, audit: audit,
            shown: shown, form: form, isList: false, kept: kept,
            codes: { e in
                guard let v = e[keyPath: path] else { return [] }
                if let flag = v as? Bool { return flag ? ["true"] : [] }
                return [v.description]
            },
            fromMatter: { $0[keyPath: path] = read($1, $2) },
            encodeValue: { try $1.encode($0[keyPath: path], forKey: k) },
            decodeValue: { e, c in e[keyPath: path] = try c.decodeIfPresent(T.self, forKey: k) },
            fromCell: { e, cell in e[keyPath: path] = cell.flatMap { $0.isEmpty ? nil : T($0) } })
    }

    /// A day a matter may lack.
    private static func date(
        _ key: String, _ path: WritableKeyPath<ExchangeMatter, String?> & Sendable, csv: (String, String), _ column: String,
        audit: Int?, label: String, rank: Int, _ matter: WritableKeyPath<Matter, CivilDate?> & Sendable
    ) -> MatterField {
        optional(key, path, csv: csv, .columns([column]), .checked, audit: audit,
                 shown: Shown(label: label, rank: rank, when: .given, note: nil), form: .date,
                 kept: .optionalDate(matter)) { m, _ in m[keyPath: matter]?.description }
    }

    /// A list of values (`[]` when a file leaves it out); a cell's values are separated by `;`, `；` or `、`.
    private static func list(
        _ key: String, _ path: WritableKeyPath<ExchangeMatter, [String]> & Sendable, csv: (String, String)?, _ storage: Storage,
        _ onImport: Import, audit: Int?, shown: Shown?, form: Form, kept: Kept? = nil,
        _ read: @escaping @Sendable (Matter, FieldContext) -> [String]
    ) -> MatterField {
        let k = FieldKey(key)
        return MatterField(
            key: key, csv: csv.map { (zh: $0.0, en: $0.1) }, storage: storage, onImport: onImport, required: false, audit: audit,
            shown: shown, form: form, isList: true, kept: kept,
            codes: { $0[keyPath: path] },
            fromMatter: { $0[keyPath: path] = read($1, $2) },
            encodeValue: { try $1.encode($0[keyPath: path], forKey: k) },
            decodeValue: { e, c in e[keyPath: path] = try c.decodeIfPresent([String].self, forKey: k) ?? [] },
            fromCell: { e, cell in
                // On scalars: a separator followed by a combining mark is still a separator.
                e[keyPath: path] = (cell ?? "").unicodeScalars.split(whereSeparator: { ";；、".unicodeScalars.contains($0) })
                    .map { ExchangeCSV.trimmed(String(String.UnicodeScalarView($0))) }.filter { !$0.isEmpty }
            })
    }

    /// The history: absent from JSON when a file has none (not `null`); a CSV's last column, as compact JSON.
    private static let history: MatterField = {
        let k = FieldKey("events")
        return MatterField(
            key: "events", csv: ("历史记录", "History"), storage: .events, onImport: .history, required: false, audit: nil,
            shown: nil, form: .history, isList: false, kept: nil,
            codes: { $0.events.map { [ExchangeCSV.historyText($0)] } ?? [] },
            // The history comes with the matter's events, when they are given (`ExchangeMatter.init(_:events:…)`).
            fromMatter: { _, _, _ in },
            encodeValue: { try $1.encodeIfPresent($0.events, forKey: k) },
            decodeValue: { e, c in e.events = try c.decodeIfPresent([ExchangeEvent].self, forKey: k) },
            // Read by `ExchangeCSV`, which names the line of a problem in it.
            fromCell: { _, _ in })
    }()
}

extension MatterField {
    /// The value as a CSV cell: organisations by name, values in `words`, lists joined by `; `.
    func cell(_ m: ExchangeMatter, organisations: [OrgID: Organisation], words: ExchangeWords) -> String {
        let codes = codes(m)
        let shown: [String] = switch form {
        case .word(let w): codes.map { w.word(words, $0) }
        case .state: codes.map { words.state($0, kind: m.kind) }
        case .organisation: codes.map { organisations[$0]?.name ?? $0 }
        case .flag: codes.isEmpty ? [] : [words.yes]
        case .number, .text, .documentNumber, .date, .period, .history: codes
        }
        return shown.joined(separator: "; ")
    }

    /// A disagreement of the file's value with the history's, in words when the field is a value: the file's cell as
    /// it gives it (`given`), the history's value (`history`, codes) in `words`.
    func disagreement(given: ExchangeMatter, history: ExchangeMatter, words: ExchangeWords) -> (file: String, history: String) {
        let led = codes(history)
        let worded: [String] = switch form {
        case .word(let w): led.map { w.word(words, $0) }
        case .state: led.map { words.state($0, kind: history.kind) }
        default: led
        }
        return (codes(given).joined(separator: ";"), worded.joined(separator: ";"))
    }

    /// Whether the file's value (`file`, codes) agrees with the history's: a value the file leaves empty agrees.
    func agrees(file: ExchangeMatter, history: ExchangeMatter) -> Bool {
        let a = codes(file).joined(separator: ";"), b = codes(history).joined(separator: ";")
        if a.isEmpty || a == b { return true }
        if case .period = form, let p = ExchangeMatter.period(a) { return p == ExchangeMatter.period(b) }
        return false
    }

    /// What is wrong with `text` (not empty) as this field's value in a file, if anything: a value read as a code or
    /// either language's word (`words`), the state as a matter of `kind` shows it, an organisation by id, name or
    /// short name, a day, a period, a document number.
    func problem(_ text: String, kind: MatterKind?, words: ExchangeWords, organisations: [Organisation]) -> ImportProblem.Reason? {
        switch form {
        case .word(let w):
            return w.names(words, text) ? nil : .notOneOf(text, accepted: w.accepted(words))
        case .state:
            return words.state(text, kind: kind) != nil ? nil : .notOneOf(text, accepted: words.acceptedStates(kind: kind))
        case .organisation:
            return Organisation.find(text, in: organisations) != nil ? nil : .unknownOrganisation(text)
        case .date:
            return CivilDate(text) != nil ? nil : .badForm(text, .date)
        case .period:
            return ExchangeMatter.period(text) != nil ? nil : .badForm(text, .period)
        case .documentNumber:
            let number = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return number.isEmpty || DocumentNumber.isWellFormed(number) ? nil : .badForm(number, .documentNumber)
        case .number, .text, .flag, .history:
            return nil
        }
    }

    /// Whether a file leaves the field empty (a free text counts as empty when it is only spaces).
    func isEmpty(in m: ExchangeMatter) -> Bool {
        let values = codes(m)
        if case .text = form { return values.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
        return values.allSatisfy(\.isEmpty)
    }
}
