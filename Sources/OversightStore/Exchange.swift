import OversightDomain

/// A matter as other systems read and write it: the JSON of `matter show --json` (a contract: id, number, kind,
/// title, domain, department, state, due, overdue, version …), of `export --format json` and of `import`. Values
/// are the CLI's words (`suggestion`, `served`, `adopted`), organisations their ids, dates `YYYY-MM-DD`.
///
/// On import, `id`, `department`, `departmentName`, `overdue` and `version` are ignored (the database gives or
/// derives them); the rest is checked against what the history leads to.
public struct ExchangeMatter: Codable, Hashable, Sendable {
    // Each property is a field of `MatterField.all`, which says how it is written, read, checked and hashed.
    public var id: MatterID?
    public var number = ""
    public var kind = ""
    public var title = ""
    public var domain = ""
    public var department: String?
    public var departmentName: String?
    public var state = ""
    public var due: String?
    public var overdue: Bool?
    public var version: Int?
    public var from = ""
    public var to = ""
    public var subject: String?
    public var copiedTo: [String] = []
    public var variant: String?
    /// `15 days`, `1 months`, `10 workdays`.
    public var urgentPeriod: String?
    public var createdOn = ""
    public var issuedOn: String?
    public var servedOn: String?
    public var repliedOn: String?
    public var closedOn: String?
    public var scheduledOn: String?
    public var outcome: String?
    public var rectification: String?
    public var escalations: [String] = []
    public var summary = ""
    /// How it was served (a code of `ServiceMethod`), when recorded.
    public var service: String?
    /// The day of the receipt, when recorded.
    public var receivedOn: String?
    /// The history, oldest first: what an import replays. Absent in a ledger that has none (the import then
    /// takes the steps that the dates tell).
    public var events: [ExchangeEvent]?
    /// A joint inspection's or meeting's invitees and their answers, when it has several (`Invitee`); written only
    /// then (`invitees`), and not read back by an import.
    public var invitees: [ExchangeInvitee]?

    /// No field given: what a file's matter is read into.
    init() {}

    /// Every field is written (`MatterField.all`): an absent value is `null`, never a missing key (scripts index
    /// them); the history only when there is one.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        for field in MatterField.all { try field.encodeValue(self, &c) }
        try c.encodeIfPresent(invitees, forKey: FieldKey("invitees"))
    }

    /// What another system may leave out: everything but the required fields (kind, title, from, to, createdOn).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: FieldKey.self)
        for field in MatterField.all { try field.decodeValue(&self, c) }
    }

    /// `m` as others read it; `overdue` as of `today` with the alert window in force.
    public init(_ m: Matter, events: [MatterEvent]? = nil, organisations: [OrgID: Organisation], today: CivilDate, window: Int) {
        let context = FieldContext(organisations: organisations, today: today, window: window)
        for field in MatterField.all { field.fromMatter(&self, m, context) }
        self.events = events.map { $0.map(ExchangeEvent.init) }
        self.invitees = m.invitees?.map(ExchangeInvitee.init)
    }

    /// A reply period as exchanged: `15 days`.
    public static func periodText(_ p: Period) -> String { "\(p.amount) \(p.unit.rawValue)" }

    /// `15 days` (or `15 day`) back into a period.
    public static func period(_ text: String) -> Period? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let n = Int(parts[0]), n > 0 else { return nil }
        let unit = String(parts[1])
        guard let u = PeriodUnit(rawValue: unit) ?? PeriodUnit(rawValue: unit + "s") else { return nil }
        return Period(n, u)
    }
}

/// One invitee as exchanged: its organisation (id), its answer (`pending`, `accepted`, `declined`), who attends,
/// who answered and when.
public struct ExchangeInvitee: Codable, Hashable, Sendable {
    public var org: String
    public var answer: String
    public var attendance: String?
    public var answeredBy: String?
    public var answeredOn: String?

    public init(_ i: Invitee) {
        org = i.org
        answer = i.answer.rawValue
        attendance = i.attendance
        answeredBy = i.answeredBy
        answeredOn = i.answeredOn?.description
    }
}

/// One event of a matter's history as exchanged (the `events` of `matter show --json`).
public struct ExchangeEvent: Codable, Hashable, Sendable {
    public var id: Int64?
    public var on: String
    public var actor: String
    public var action: String
    public var text: String
    public var documentNumber: String?
    public var stateAfter: String?
    public var outcome: String?
    public var escalation: String?
    public var dueAfter: String?
    /// `serve`: how it was served (a code), when recorded; written only then.
    public var service: String?
    /// `serve`: the day of the receipt, when recorded; written only then.
    public var receivedOn: String?

    enum CodingKeys: String, CodingKey {
        case id, on, actor, action, text, documentNumber, stateAfter, outcome, escalation, dueAfter, service, receivedOn
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(on, forKey: .on)
        try c.encode(actor, forKey: .actor)
        try c.encode(action, forKey: .action)
        try c.encode(text, forKey: .text)
        try c.encode(documentNumber, forKey: .documentNumber)
        try c.encode(stateAfter, forKey: .stateAfter)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(escalation, forKey: .escalation)
        try c.encode(dueAfter, forKey: .dueAfter)
        // Keys added after the first export: only on the events that carry them, so older histories read the same.
        try c.encodeIfPresent(service, forKey: .service)
        try c.encodeIfPresent(receivedOn, forKey: .receivedOn)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int64.self, forKey: .id)
        on = try c.decode(String.self, forKey: .on)
        actor = try c.decodeIfPresent(String.self, forKey: .actor) ?? ""
        action = try c.decode(String.self, forKey: .action)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        documentNumber = try c.decodeIfPresent(String.self, forKey: .documentNumber)
        stateAfter = try c.decodeIfPresent(String.self, forKey: .stateAfter)
        outcome = try c.decodeIfPresent(String.self, forKey: .outcome)
        escalation = try c.decodeIfPresent(String.self, forKey: .escalation)
        dueAfter = try c.decodeIfPresent(String.self, forKey: .dueAfter)
        service = try c.decodeIfPresent(String.self, forKey: .service)
        receivedOn = try c.decodeIfPresent(String.self, forKey: .receivedOn)
    }

    public init(_ e: MatterEvent) {
        id = e.id
        on = e.on.description
        actor = e.actor
        action = e.action.rawValue
        text = e.text
        documentNumber = e.documentNumber
        stateAfter = e.stateAfter.rawValue
        outcome = e.outcome?.rawValue
        escalation = e.escalation?.rawValue
        dueAfter = e.dueAfter?.description
        service = e.service?.rawValue
        receivedOn = e.receivedOn?.description
    }
}

/// The JSON file `export --format json` writes and `import` reads (a bare array of matters is read too).
public struct ExchangeFile: Codable, Sendable {
    /// `oversight-matters`: what the file is.
    public var format: String
    public var version: Int
    public var exportedOn: String?
    public var matters: [ExchangeMatter]

    public static let formatName = "oversight-matters"

    public init(exportedOn: CivilDate, matters: [ExchangeMatter]) {
        format = Self.formatName
        version = 1
        self.exportedOn = exportedOn.description
        self.matters = matters
    }
}
