import Foundation

/// A step a party may take on a matter. Raw values are the CLI's ACTION names (`oversight matter act ID ACTION`).
public enum MatterAction: String, Sendable, Codable, CaseIterable {
    /// Issue or send the document (检察建议书, 移送函, 函邀, 申请书, 通知 …).
    case issue
    /// Record service or receipt: the day the clock starts (not counted).
    case serve
    /// Accept an invitation or application: the joint work begins.
    case accept
    /// Decline an invitation or application, with reasons.
    case decline
    /// Object to a suggestion (异议, 工作规定 Art. 23).
    case object
    /// Keep the suggestion after an objection, explaining why (工作规定 Art. 23).
    case maintain
    /// Answer in writing: reply, feedback, files provided, result of a dispute …
    case reply
    /// Check the rectification after a reply (回头看): `rectified` or `inadequate`.
    case check
    /// Urge the other side (督促落实, 工作规定 Art. 24; a reminder on an open service level).
    case remind
    /// Escalate after an overdue or inadequate reply (工作规定 Art. 25).
    case escalate
    /// Change the document (变更, 工作规定 Art. 22): it must be served again and the clock restarts.
    case amend
    /// Acknowledge a copy (抄送).
    case acknowledge
    case close
    /// Withdraw (撤回, 工作规定 Art. 22), with reasons.
    case withdraw
    /// Add a follow-up note; any party that can see the matter.
    case note
}

/// Who may take a step, relative to the matter.
public enum StepTaker: Hashable, Sendable {
    /// The organisation that started the matter.
    case sender
    /// The organisation it is addressed to.
    case recipient
    /// Either of them.
    case senderOrRecipient
    /// Whichever side belongs to this party (e.g. the justice bureau, in a dispute either side may have begun).
    case party(Party)
    /// Anyone who may see the matter.
    case anyViewer
}

/// One transition of a kind's state machine.
public struct Step: Hashable, Sendable {
    public var action: MatterAction
    public var from: Set<MatterState>
    /// The state after; nil leaves it unchanged. Some steps choose by outcome (see `Workflow.apply`).
    public var to: MatterState?
    public var taker: StepTaker

    public init(_ action: MatterAction, from: Set<MatterState>, to: MatterState?, by taker: StepTaker) {
        self.action = action
        self.from = from
        self.to = to
        self.taker = taker
    }
}

/// What an action needs beyond the matter and the person acting.
public struct ActionInput: Hashable, Sendable {
    /// The day it happened (service, receipt, reply …); not after today.
    public var date: CivilDate
    public var text: String
    public var documentNumber: String?
    public var outcome: Outcome?
    public var escalation: EscalationOption?
    /// `issue` of a suggestion: urgent (工作规定 Art. 19; 15 days for public interest).
    public var urgent: Bool
    /// `issue` of an urgent ordinary suggestion: the period the procuratorate sets.
    public var urgentPeriod: Period?
    /// `issue` of a meeting or joint inspection: the day it is to be held.
    public var scheduledFor: CivilDate?

    public init(
        date: CivilDate, text: String = "", documentNumber: String? = nil, outcome: Outcome? = nil,
        escalation: EscalationOption? = nil, urgent: Bool = false, urgentPeriod: Period? = nil,
        scheduledFor: CivilDate? = nil
    ) {
        self.date = date
        self.text = text
        self.documentNumber = documentNumber
        self.outcome = outcome
        self.escalation = escalation
        self.urgent = urgent
        self.urgentPeriod = urgentPeriod
        self.scheduledFor = scheduledFor
    }
}

/// What the workflow needs from outside: today and the clock.
public struct WorkflowContext: Sendable {
    public var today: CivilDate
    public var calculator: PeriodCalculator

    public init(today: CivilDate, calculator: PeriodCalculator) {
        self.today = today
        self.calculator = calculator
    }

    public var settings: ClockSettings { calculator.settings }
}

/// The result of an action: the matter as it now stands and the event to append to its history.
public struct Transition: Hashable, Sendable {
    public var matter: Matter
    /// `id` is 0: the store numbers events.
    public var event: MatterEvent
}

/// Why an input is refused.
public enum InputProblem: Hashable, Sendable {
    case textRequired
    case documentNumberRequired
    /// A document number not in the form 机关代字〔YYYY〕N号 (GB/T 9704-2012 §7.2.5).
    case malformedDocumentNumber(String)
    case outcomeRequired([Outcome])
    case outcomeNotAllowed(Outcome, allowed: [Outcome])
    case escalationRequired
    case escalationNotAllowed(EscalationOption)
    /// Escalation needs an overdue reply (past this deadline) or an inadequate one.
    case noGroundsForEscalation(due: CivilDate?)
    case dateInFuture(CivilDate)
    /// The date is earlier than this earlier step of the matter.
    case dateBefore(CivilDate)
    case urgentPeriodRequired
    /// A public-interest urgent reply period is fifteen days by law.
    case urgentPeriodFixed(Period)
    case badPeriod(PeriodError)
    case variantNotAllowed(MatterVariant, MatterKind)
    /// This kind does not go from the first party to the second.
    case partiesNotAllowed(from: Party, to: Party)
    case titleRequired
}

/// Why an action was refused. `oversight matter act` exits 1 on any of these.
public enum WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The viewer may not see the matter at all.
    case notVisible
    /// The kind has no such step.
    case notApplicable(MatterAction, MatterKind)
    /// The viewer's side or party may not take this step.
    case notAllowed(MatterAction, Party)
    /// The step exists, but not in this state.
    case wrongState(MatterAction, MatterState)
    case invalidInput(InputProblem)

    public var description: String {
        switch self {
        case .notVisible: return "you may not see this matter"
        case .notApplicable(let a, let k): return "a \(k.rawValue) has no step \"\(a.rawValue)\": `oversight matter actions ID` lists its steps"
        case .notAllowed(let a, let p): return "not allowed for the \(p.rawValue): \"\(a.rawValue)\" is taken by the other side of this matter"
        case .wrongState(let a, let s): return "not in this state: cannot \"\(a.rawValue)\" a matter that is \(s.rawValue)"
        case .invalidInput(let p): return p.description
        }
    }
}

extension InputProblem: CustomStringConvertible {
    public var description: String {
        func names(_ o: [Outcome]) -> String { o.map(\.rawValue).joined(separator: "|") }
        switch self {
        case .textRequired: return "missing text: give it with --text"
        case .documentNumberRequired: return "missing document number: give it with --number"
        case .malformedDocumentNumber(let n): return "\"\(n)\" is not a document number of the form 机关代字〔YYYY〕N号, e.g. 文检行建〔2025〕7号"
        case .outcomeRequired(let o): return "missing outcome: give --outcome \(names(o))"
        case .outcomeNotAllowed(let o, let allowed):
            return allowed.isEmpty ? "this step records no outcome: leave out --outcome \(o.rawValue)"
                : "outcome \(o.rawValue) does not fit this step: give --outcome \(names(allowed))"
        case .escalationRequired: return "missing escalation: give --escalation \(EscalationOption.allCases.map(\.rawValue).joined(separator: "|"))"
        case .escalationNotAllowed(let e): return "escalation \(e.rawValue) does not fit this step or matter"
        case .noGroundsForEscalation(let due):
            return "no grounds to escalate: the reply is neither overdue\(due.map { " (due \($0))" } ?? "") nor refused or inadequate"
        case .dateInFuture(let d): return "the date \(d) is in the future: record a step on or before today"
        case .dateBefore(let d): return "the date is before \(d), an earlier step of this matter"
        case .urgentPeriodRequired: return "an urgent suggestion needs its reply period: give --period, e.g. 15d"
        case .urgentPeriodFixed(let p): return "a public-interest urgent reply period is fixed by law at \(p.amount) \(p.unit.rawValue)"
        case .badPeriod(let e): return "bad period: \(e)"
        case .variantNotAllowed(let v, let k): return "a \(k.rawValue) has no variant \(v.rawValue)"
        case .partiesNotAllowed(let from, let to): return "not allowed for the \(from.rawValue): this kind does not go from the \(from.rawValue) to the \(to.rawValue)"
        case .titleRequired: return "missing title: give it with --title"
        }
    }
}

/// The mechanism's workflows as pure functions over data (domain-research.md §6; mechanism.md "Matters").
public enum Workflow {
    private static let all = Set(MatterState.allCases)

    /// The state machine of `kind`: every step, who may take it and from which states.
    public static func steps(of kind: MatterKind) -> [Step] {
        let note = Step(.note, from: all, to: nil, by: .anyViewer)
        switch kind {
        case .suggestion:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.serve, from: [.issued], to: .served, by: .senderOrRecipient),
                Step(.object, from: [.served], to: .objected, by: .recipient),
                Step(.maintain, from: [.objected], to: .served, by: .sender),
                Step(.amend, from: [.issued, .served, .objected], to: .issued, by: .sender),
                Step(.reply, from: [.served, .escalated], to: .replied, by: .recipient),
                Step(.check, from: [.replied], to: nil, by: .sender),
                Step(.remind, from: [.served, .objected, .escalated], to: nil, by: .sender),
                Step(.escalate, from: [.served, .objected, .replied, .escalated], to: .escalated, by: .sender),
                Step(.close, from: [.replied, .escalated], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued, .served, .objected, .replied, .escalated], to: .withdrawn, by: .sender),
                note,
            ]
        case .transfer:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.serve, from: [.issued], to: .served, by: .senderOrRecipient),
                Step(.amend, from: [.issued, .served], to: .issued, by: .sender),
                Step(.reply, from: [.served], to: .replied, by: .recipient),
                Step(.remind, from: [.served], to: nil, by: .sender),
                Step(.close, from: [.replied], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued, .served], to: .withdrawn, by: .sender),
                note,
            ]
        case .inspection:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.serve, from: [.issued], to: .served, by: .senderOrRecipient),
                Step(.reply, from: [.served], to: .replied, by: .recipient),
                Step(.remind, from: [.served], to: nil, by: .sender),
                Step(.close, from: [.replied], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued, .served], to: .withdrawn, by: .sender),
                note,
            ]
        case .referral:
            // The recipient is outside the system: the sender records every step.
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.serve, from: [.issued], to: .served, by: .sender),
                Step(.reply, from: [.served], to: .replied, by: .sender),
                Step(.close, from: [.served, .replied], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued], to: .withdrawn, by: .sender),
                note,
            ]
        case .dispute:
            // Either entry point (Art. 7 ¶1 justice invites; ¶3 procuratorate asks): the justice bureau copies
            // the result, the procuratorate closes (acknowledging it, or after 释法说理).
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.accept, from: [.issued], to: .inProgress, by: .recipient),
                Step(.decline, from: [.issued], to: .closed, by: .recipient),
                Step(.reply, from: [.inProgress], to: .replied, by: .party(.justice)),
                Step(.close, from: [.replied], to: .closed, by: .party(.procuratorate)),
                Step(.withdraw, from: [.draft, .issued], to: .withdrawn, by: .sender),
                note,
            ]
        case .enforcementCopy:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.acknowledge, from: [.issued], to: .closed, by: .recipient),
                Step(.withdraw, from: [.draft], to: .withdrawn, by: .sender),
                note,
            ]
        case .supervisionApplication:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.accept, from: [.issued], to: .inProgress, by: .recipient),
                Step(.decline, from: [.issued], to: .closed, by: .recipient),
                Step(.remind, from: [.inProgress], to: nil, by: .sender),
                Step(.close, from: [.inProgress], to: .closed, by: .recipient),
                Step(.withdraw, from: [.draft, .issued, .inProgress], to: .withdrawn, by: .sender),
                note,
            ]
        case .jointInspection:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.accept, from: [.issued], to: .inProgress, by: .recipient),
                Step(.decline, from: [.issued], to: .closed, by: .recipient),
                Step(.close, from: [.issued, .inProgress], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued, .inProgress], to: .withdrawn, by: .sender),
                note,
            ]
        case .meeting:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.close, from: [.issued], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued], to: .withdrawn, by: .sender),
                note,
            ]
        }
    }

    // MARK: Creation

    /// Which parties a kind goes between (mechanism.md, "Matters").
    public static func allows(_ kind: MatterKind, from: Party, to: Party) -> Bool {
        let three: Set<Party> = [.procuratorate, .justice, .department]
        switch kind {
        case .suggestion, .inspection: return from == .procuratorate && to == .department
        case .transfer: return from == .procuratorate && to == .justice
        case .referral: return three.contains(from) && to == .external
        case .dispute:
            return (from == .justice && to == .procuratorate) || (from == .procuratorate && to == .justice)
        case .enforcementCopy: return from == .department && to == .justice
        case .supervisionApplication: return from == .department && to == .procuratorate
        case .jointInspection, .meeting: return three.contains(from) && three.contains(to)
        }
    }

    /// The kinds `viewer` may start.
    public static func creatableKinds(by viewer: Viewer) -> [MatterKind] {
        guard viewer.user.active, viewer.user.org == viewer.org.id else { return [] }
        return MatterKind.allCases.filter { kind in Party.allCases.contains { allows(kind, from: viewer.party, to: $0) } }
    }

    /// A new draft matter started by `viewer` for `to`, with its first event (`create`).
    public static func create(
        id: MatterID, kind: MatterKind, title: String, domain: DomainArea, to: Organisation,
        by viewer: Viewer, on date: CivilDate, today: CivilDate, number: String = "", variant: MatterVariant? = nil,
        subjectOrg: OrgID? = nil, summary: String = "", copiedTo: [OrgID]? = nil
    ) throws(WorkflowError) -> Transition {
        guard viewer.user.active, viewer.user.org == viewer.org.id else {
            throw .notAllowed(.issue, viewer.party)
        }
        guard allows(kind, from: viewer.party, to: to.party), to.id != viewer.org.id else {
            throw .invalidInput(.partiesNotAllowed(from: viewer.party, to: to.party))
        }
        if let variant, variant.kind != kind { throw .invalidInput(.variantNotAllowed(variant, kind)) }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw .invalidInput(.titleRequired) }
        guard date <= today else { throw .invalidInput(.dateInFuture(date)) }
        let subject = subjectOrg ?? ((kind == .suggestion || kind == .inspection) ? to.id : nil)
        let m = Matter(
            id: id, number: number, kind: kind, title: title, domain: domain, fromOrg: viewer.org.id, toOrg: to.id,
            subjectOrg: subject, state: .draft, createdOn: date, summary: summary, variant: variant,
            copiedTo: copiedTo)
        let e = MatterEvent(
            id: 0, matterID: id, on: date, actor: viewer.user.name, action: .create, text: title,
            documentNumber: number.isEmpty ? nil : number, stateAfter: .draft)
        return Transition(matter: m, event: e)
    }

    // MARK: Clocks

    /// The clock rule that governs `matter`, if its kind has one.
    public static func clockRule(for matter: Matter, settings: ClockSettings) -> ClockRule? {
        switch matter.kind {
        case .suggestion:
            if matter.variant == .publicInterest {
                return settings.rule(matter.urgentPeriod != nil ? .publicInterestUrgentReply : .publicInterestReply)
            }
            if let p = matter.urgentPeriod { return settings.rule(.suggestionUrgentReply, urgentPeriod: p) }
            return settings.rule(.suggestionReply)
        case .transfer: return settings.rule(.transferFeedback)
        case .inspection: return settings.rule(.inspectionCooperation)
        case .supervisionApplication: return settings.rule(.supervisionDecision)
        case .referral, .dispute, .enforcementCopy, .jointInspection, .meeting: return nil
        }
    }

    /// The current deadline of `matter`, explained; nil when its clock has not started or it has none.
    public static func deadline(for matter: Matter, calculator: PeriodCalculator) -> Deadline? {
        guard let start = matter.servedOn, let rule = clockRule(for: matter, settings: calculator.settings) else {
            return nil
        }
        return try? calculator.deadline(from: start, rule: rule)
    }

    // MARK: Who and when

    /// Whether `viewer` fills the role `taker` on `matter`.
    public static func fills(_ viewer: Viewer, _ taker: StepTaker, on matter: Matter) -> Bool {
        let org = viewer.org.id
        switch taker {
        case .sender: return matter.fromOrg == org
        case .recipient: return matter.toOrg == org
        case .senderOrRecipient: return matter.fromOrg == org || matter.toOrg == org
        case .party(let p): return viewer.party == p && (matter.fromOrg == org || matter.toOrg == org)
        case .anyViewer: return true
        }
    }

    /// Whether `matter` gives grounds to escalate on `date` (工作规定 Art. 25): unanswered past its deadline,
    /// or answered with a refusal or an inadequate rectification; once escalated, further steps may follow.
    public static func hasEscalationGrounds(_ matter: Matter, on date: CivilDate) -> Bool {
        switch matter.state {
        case .served, .objected:
            guard let due = matter.due else { return false }
            return date > due
        case .replied: return matter.rectification == .inadequate || matter.outcome == .rejected
        case .escalated: return true
        case .draft, .issued, .inProgress, .closed, .withdrawn: return false
        }
    }

    /// The actions `viewer` may take on `matter` now (input aside), in the order of `MatterAction.allCases`.
    public static func availableActions(for viewer: Viewer, on matter: Matter, today: CivilDate) -> [MatterAction] {
        MatterAction.allCases.filter { action in
            guard case .success = check(action, on: matter, by: viewer) else { return false }
            if action == .escalate { return hasEscalationGrounds(matter, on: today) }
            return true
        }
    }

    /// The step `viewer` may take, or why not (visibility, kind, party, state; input is checked by `apply`).
    public static func check(_ action: MatterAction, on matter: Matter, by viewer: Viewer) -> Result<Step, WorkflowError> {
        guard AccessPolicy.canSee(viewer, matter) else { return .failure(.notVisible) }
        let candidates = steps(of: matter.kind).filter { $0.action == action }
        guard !candidates.isEmpty else { return .failure(.notApplicable(action, matter.kind)) }
        let mine = candidates.filter { fills(viewer, $0.taker, on: matter) }
        guard !mine.isEmpty else { return .failure(.notAllowed(action, viewer.party)) }
        guard let step = mine.first(where: { $0.from.contains(matter.state) }) else {
            return .failure(.wrongState(action, matter.state))
        }
        return .success(step)
    }

    // MARK: Applying

    /// Takes `action` on `matter` as `viewer`: the new matter and the event to record, or why not.
    public static func apply(
        _ action: MatterAction, to matter: Matter, by viewer: Viewer, input: ActionInput, context: WorkflowContext
    ) throws(WorkflowError) -> Transition {
        let step = try check(action, on: matter, by: viewer).get()
        let text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let number = input.documentNumber?.trimmingCharacters(in: .whitespacesAndNewlines)
        let docNumber = (number?.isEmpty ?? true) ? nil : number
        let date = input.date
        guard date <= context.today else { throw .invalidInput(.dateInFuture(date)) }
        if let last = lastDate(of: matter), date < last { throw .invalidInput(.dateBefore(last)) }

        var m = matter
        var outcome: Outcome?
        var escalation: EscalationOption?

        func need(_ ok: Bool, _ problem: InputProblem) throws(WorkflowError) {
            if !ok { throw .invalidInput(problem) }
        }
        func pick(_ allowed: [Outcome], required: Bool) throws(WorkflowError) -> Outcome? {
            guard let o = input.outcome else {
                if required { throw .invalidInput(.outcomeRequired(allowed)) }
                return nil
            }
            guard allowed.contains(o) else { throw .invalidInput(.outcomeNotAllowed(o, allowed: allowed)) }
            return o
        }
        func noOutcome() throws(WorkflowError) {
            if let o = input.outcome { throw .invalidInput(.outcomeNotAllowed(o, allowed: [])) }
        }
        func startClock() throws(WorkflowError) {
            m.servedOn = date
            m.due = nil
            if let rule = clockRule(for: m, settings: context.settings) {
                do { m.due = try context.calculator.deadline(from: date, rule: rule).due } catch {
                    throw .invalidInput(.badPeriod(error))
                }
            }
        }

        if action != .escalate, input.escalation != nil {
            throw .invalidInput(.escalationNotAllowed(input.escalation!))
        }

        switch action {
        case .issue:
            try noOutcome()
            if let docNumber {
                try need(DocumentNumber.isWellFormed(docNumber), .malformedDocumentNumber(docNumber))
                m.number = docNumber
            }
            if [.suggestion, .transfer, .inspection, .referral].contains(m.kind) {
                try need(!m.number.isEmpty, .documentNumberRequired)
            }
            if m.kind == .suggestion, input.urgent {
                if m.variant == .publicInterest {
                    if let p = input.urgentPeriod, p != .days(15) { throw .invalidInput(.urgentPeriodFixed(.days(15))) }
                    m.urgentPeriod = .days(15)
                } else {
                    guard let p = input.urgentPeriod else { throw .invalidInput(.urgentPeriodRequired) }
                    try need((1...Period.limit(p.unit)).contains(p.amount), .badPeriod(.amountOutOfRange(p)))
                    m.urgentPeriod = p
                }
            }
            if m.kind == .jointInspection || m.kind == .meeting { m.scheduledOn = input.scheduledFor }
            m.issuedOn = date
        case .serve:
            try noOutcome()
            try startClock()
        case .accept:
            try noOutcome()
            if m.kind == .supervisionApplication { try startClock() }
        case .decline:
            try need(!text.isEmpty, .textRequired)
            outcome = try pick([.declined], required: false) ?? .declined
            m.outcome = outcome
            m.closedOn = date
        case .object, .maintain, .withdraw, .note:
            try noOutcome()
            try need(!text.isEmpty, .textRequired)
            if action == .withdraw { m.closedOn = date }
        case .amend:
            try noOutcome()
            try need(!text.isEmpty, .textRequired)
            if let docNumber {
                try need(DocumentNumber.isWellFormed(docNumber), .malformedDocumentNumber(docNumber))
                m.number = docNumber
            }
            m.issuedOn = date
            m.servedOn = nil
            m.due = nil
        case .reply:
            try need(!text.isEmpty, .textRequired)
            switch m.kind {
            case .suggestion: outcome = try pick([.adopted, .partly, .rejected], required: false)
            case .dispute: outcome = try pick([.resolved, .unresolved], required: true)
            default: try noOutcome()
            }
            if let outcome { m.outcome = outcome }
            m.repliedOn = date
        case .check:
            outcome = try pick([.rectified, .inadequate], required: true)
            m.rectification = outcome
        case .remind, .acknowledge:
            try noOutcome()
        case .escalate:
            guard let option = input.escalation else { throw .invalidInput(.escalationRequired) }
            try noOutcome()
            if option == .litigation, m.variant != .publicInterest { throw .invalidInput(.escalationNotAllowed(option)) }
            guard hasEscalationGrounds(m, on: date) else { throw .invalidInput(.noGroundsForEscalation(due: m.due)) }
            escalation = option
            m.escalations = (m.escalations ?? []) + [option]
        case .close:
            switch m.kind {
            case .suggestion:
                outcome = try pick([.adopted, .partly, .rejected], required: m.outcome == nil && m.state == .replied)
            case .dispute:
                try noOutcome()
                if m.outcome == .unresolved { try need(!text.isEmpty, .textRequired) }  // 释法说理
            case .supervisionApplication:
                outcome = try pick([.supported, .notSupported], required: true)
                if outcome == .notSupported { try need(!text.isEmpty, .textRequired) }
            case .jointInspection, .meeting:
                try noOutcome()
                try need(!text.isEmpty, .textRequired)  // findings, minutes
            case .transfer, .inspection, .referral, .enforcementCopy:
                try noOutcome()
            }
            if let outcome { m.outcome = outcome }
            m.closedOn = date
        }
        if action == .acknowledge { m.closedOn = date }
        if let target = step.to { m.state = target }
        let event = MatterEvent(
            id: 0, matterID: m.id, on: date, actor: viewer.user.name, action: .step(action), text: text,
            documentNumber: docNumber, stateAfter: m.state, outcome: outcome, escalation: escalation,
            dueAfter: m.due)
        return Transition(matter: m, event: event)
    }

    /// The latest date already recorded on `matter`: a new step may not predate it.
    static func lastDate(of m: Matter) -> CivilDate? {
        [m.createdOn, m.issuedOn, m.servedOn, m.repliedOn, m.closedOn].compactMap { $0 }.max()
    }
}

/// Document numbers (文号): 机关代字〔YYYY〕N号, with 六角括号 and no padding (GB/T 9704-2012 §7.2.5).
public enum DocumentNumber {
    public static func isWellFormed(_ s: String) -> Bool {
        guard let open = s.firstIndex(of: "〔"), let close = s.firstIndex(of: "〕"), open < close,
              open > s.startIndex, s.hasSuffix("号") else { return false }
        let year = s[s.index(after: open)..<close]
        let seq = s[s.index(after: close)..<s.index(before: s.endIndex)]
        return year.count == 4 && year.allSatisfy { $0.isASCII && $0.isNumber }
            && !seq.isEmpty && seq.allSatisfy { $0.isASCII && $0.isNumber } && seq.first != "0"
    }

    /// The part of a number that names the kind of document after the organisation's code (机关代字):
    /// 文检 + 行建 = 文检行建〔2025〕7号.
    public static func kindCode(_ kind: MatterKind, variant: MatterVariant?, from party: Party) -> String {
        switch kind {
        case .suggestion: return variant == .publicInterest ? "行公建" : "行建"
        case .transfer: return "移"
        case .inspection: return "调"
        case .referral: return "线"
        case .enforcementCopy: return "执"
        case .supervisionApplication: return "监申"
        case .dispute: return party == .justice ? "邀" : "商"
        case .jointInspection: return "检"
        case .meeting: return "会"
        }
    }

    /// 机关代字〔YYYY〕N号.
    public static func make(prefix: String, year: Int, sequence: Int) -> String {
        "\(prefix)〔\(year)〕\(sequence)号"
    }

    /// The prefix (机关代字 and kind) and year of a well-formed number: 文检行建〔2025〕7号 → ("文检行建", 2025, 7).
    public static func parts(_ s: String) -> (prefix: String, year: Int, sequence: Int)? {
        guard isWellFormed(s), let open = s.firstIndex(of: "〔"), let close = s.firstIndex(of: "〕"),
              let year = Int(s[s.index(after: open)..<close]),
              let seq = Int(s[s.index(after: close)..<s.index(before: s.endIndex)]) else { return nil }
        return (String(s[..<open]), year, seq)
    }
}
