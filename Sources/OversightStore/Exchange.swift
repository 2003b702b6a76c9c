import OversightDomain

/// A matter as other systems read and write it: the JSON of `matter show --json` (a contract: id, number, kind,
/// title, domain, department, state, due, overdue, version …), of `export --format json` and of `import`. Values
/// are the CLI's words (`suggestion`, `served`, `adopted`), organisations their ids, dates `YYYY-MM-DD`.
///
/// On import, `id`, `department`, `departmentName`, `overdue` and `version` are ignored (the database gives or
/// derives them); the rest is checked against what the history leads to.
public struct ExchangeMatter: Codable, Hashable, Sendable {
    public var id: MatterID?
    public var number: String
    public var kind: String
    public var title: String
    public var domain: String
    public var department: String?
    public var departmentName: String?
    public var state: String
    public var due: String?
    public var overdue: Bool?
    public var version: Int?
    public var from: String
    public var to: String
    public var subject: String?
    public var copiedTo: [String]
    public var variant: String?
    /// `15 days`, `1 months`, `10 workdays`.
    public var urgentPeriod: String?
    public var createdOn: String
    public var issuedOn: String?
    public var servedOn: String?
    public var repliedOn: String?
    public var closedOn: String?
    public var scheduledOn: String?
    public var outcome: String?
    public var rectification: String?
    public var escalations: [String]
    public var summary: String
    /// The history, oldest first: what an import replays. Absent in a ledger that has none (the import then
    /// takes the steps that the dates tell).
    public var events: [ExchangeEvent]?

    enum CodingKeys: String, CodingKey {
        case id, number, kind, title, domain, department, departmentName, state, due, overdue, version, from, to
        case subject, copiedTo, variant, urgentPeriod, createdOn, issuedOn, servedOn, repliedOn, closedOn
        case scheduledOn, outcome, rectification, escalations, summary, events
    }

    /// Every field is written: an absent value is `null`, never a missing key (scripts index them).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(number, forKey: .number)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(domain, forKey: .domain)
        try c.encode(department, forKey: .department)
        try c.encode(departmentName, forKey: .departmentName)
        try c.encode(state, forKey: .state)
        try c.encode(due, forKey: .due)
        try c.encode(overdue, forKey: .overdue)
        try c.encode(version, forKey: .version)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(subject, forKey: .subject)
        try c.encode(copiedTo, forKey: .copiedTo)
        try c.encode(variant, forKey: .variant)
        try c.encode(urgentPeriod, forKey: .urgentPeriod)
        try c.encode(createdOn, forKey: .createdOn)
        try c.encode(issuedOn, forKey: .issuedOn)
        try c.encode(servedOn, forKey: .servedOn)
        try c.encode(repliedOn, forKey: .repliedOn)
        try c.encode(closedOn, forKey: .closedOn)
        try c.encode(scheduledOn, forKey: .scheduledOn)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(rectification, forKey: .rectification)
        try c.encode(escalations, forKey: .escalations)
        try c.encode(summary, forKey: .summary)
        try c.encodeIfPresent(events, forKey: .events)
    }

    /// What another system may leave out: everything but number, kind, title, from, to and createdOn.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(MatterID.self, forKey: .id)
        number = try c.decodeIfPresent(String.self, forKey: .number) ?? ""
        kind = try c.decode(String.self, forKey: .kind)
        title = try c.decode(String.self, forKey: .title)
        domain = try c.decodeIfPresent(String.self, forKey: .domain) ?? DomainArea.other.rawValue
        department = try c.decodeIfPresent(String.self, forKey: .department)
        departmentName = try c.decodeIfPresent(String.self, forKey: .departmentName)
        state = try c.decodeIfPresent(String.self, forKey: .state) ?? ""
        due = try c.decodeIfPresent(String.self, forKey: .due)
        overdue = try c.decodeIfPresent(Bool.self, forKey: .overdue)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        copiedTo = try c.decodeIfPresent([String].self, forKey: .copiedTo) ?? []
        variant = try c.decodeIfPresent(String.self, forKey: .variant)
        urgentPeriod = try c.decodeIfPresent(String.self, forKey: .urgentPeriod)
        createdOn = try c.decode(String.self, forKey: .createdOn)
        issuedOn = try c.decodeIfPresent(String.self, forKey: .issuedOn)
        servedOn = try c.decodeIfPresent(String.self, forKey: .servedOn)
        repliedOn = try c.decodeIfPresent(String.self, forKey: .repliedOn)
        closedOn = try c.decodeIfPresent(String.self, forKey: .closedOn)
        scheduledOn = try c.decodeIfPresent(String.self, forKey: .scheduledOn)
        outcome = try c.decodeIfPresent(String.self, forKey: .outcome)
        rectification = try c.decodeIfPresent(String.self, forKey: .rectification)
        escalations = try c.decodeIfPresent([String].self, forKey: .escalations) ?? []
        summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
        events = try c.decodeIfPresent([ExchangeEvent].self, forKey: .events)
    }

    /// `m` as others read it; `overdue` as of `today` with the alert window in force.
    public init(_ m: Matter, events: [MatterEvent]? = nil, organisations: [OrgID: Organisation], today: CivilDate, window: Int) {
        id = m.id
        number = m.number
        kind = m.kind.rawValue
        title = m.title
        domain = m.domain.rawValue
        department = m.department
        departmentName = m.department.flatMap { organisations[$0]?.name }
        state = m.state.rawValue
        due = m.pendingDue?.description ?? m.due?.description
        if case .overdue = Urgency(m, today: today, window: window) { overdue = true } else { overdue = false }
        version = m.version
        from = m.fromOrg
        to = m.toOrg
        subject = m.subjectOrg
        copiedTo = m.copiedTo ?? []
        variant = m.variant?.rawValue
        urgentPeriod = m.urgentPeriod.map(Self.periodText)
        createdOn = m.createdOn.description
        issuedOn = m.issuedOn?.description
        servedOn = m.servedOn?.description
        repliedOn = m.repliedOn?.description
        closedOn = m.closedOn?.description
        scheduledOn = m.scheduledOn?.description
        outcome = m.outcome?.rawValue
        rectification = m.rectification?.rawValue
        escalations = (m.escalations ?? []).map(\.rawValue)
        summary = m.summary
        self.events = events.map { $0.map(ExchangeEvent.init) }
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

    enum CodingKeys: String, CodingKey {
        case id, on, actor, action, text, documentNumber, stateAfter, outcome, escalation, dueAfter
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
