/// A matter as a ledger (台账) records it: its kind, the days of its main path and how it ended, without the
/// history. `steps(clock:)` turns it into the steps of that path, each with its day, its input and who takes
/// it (asked of `Workflow`): the one ledger path of the demo data set, the load generator and a ledger import.
public struct Ledger: Hashable, Sendable {
    public var kind: MatterKind
    public var variant: MatterVariant?
    /// The day it was started (its `create`, not a step).
    public var created: CivilDate
    /// The day it was issued; nil leaves it a draft.
    public var issued: CivilDate?
    /// Served (suggestion, transfer, inspection, referral) or accepted (dispute, supervision application, joint
    /// inspection).
    public var served: CivilDate?
    public var replied: CivilDate?
    /// Closed, acknowledged (enforcement copy), declined or withdrawn.
    public var closed: CivilDate?
    /// Escalated on this day, this way (a suggestion): taken no earlier than the day after the deadline its
    /// service set, since only an overdue reply gives grounds (a holiday can push the deadline past this day).
    public var escalated: CivilDate?
    public var escalation: EscalationOption?
    /// The suggestion's (reply's, else close's), the dispute's (reply's; resolved unless given), the
    /// application's (close's); `declined` declines an invitation or application on `closed`.
    public var outcome: Outcome?
    /// Withdrawn on `closed` instead of closed.
    public var withdrawn: Bool
    /// The issue's document number, if it has one already.
    public var number: String?
    /// An urgent suggestion's reply period.
    public var urgent: Period?
    /// The day a meeting or joint inspection is to be held (given at issue).
    public var scheduled: CivilDate?
    /// The text each step carries (a reply's, a withdrawal's reasons …); none if not given.
    public var texts: [MatterAction: String]

    public init(
        kind: MatterKind, variant: MatterVariant? = nil, created: CivilDate, issued: CivilDate? = nil,
        served: CivilDate? = nil, replied: CivilDate? = nil, closed: CivilDate? = nil, escalated: CivilDate? = nil,
        escalation: EscalationOption? = nil, outcome: Outcome? = nil, withdrawn: Bool = false, number: String? = nil,
        urgent: Period? = nil, scheduled: CivilDate? = nil, texts: [MatterAction: String] = [:]
    ) {
        self.kind = kind
        self.variant = variant
        self.created = created
        self.issued = issued
        self.served = served
        self.replied = replied
        self.closed = closed
        self.escalated = escalated
        self.escalation = escalation
        self.outcome = outcome
        self.withdrawn = withdrawn
        self.number = number
        self.urgent = urgent
        self.scheduled = scheduled
        self.texts = texts
    }
}

/// One step of a ledger's path.
public struct LedgerStep: Hashable, Sendable {
    public var action: MatterAction
    public var input: ActionInput
    /// Who takes it (`Workflow.steps`, from the state the path reaches); nil when the workflow has no such step
    /// from that state (the write path refuses it).
    public var taker: StepTaker?
    /// The state it leads to, as the workflow says.
    public var state: MatterState

    public var date: CivilDate { input.date }
}

extension Ledger {
    /// Whether the kind's workflow has `action` at all.
    private func has(_ action: MatterAction) -> Bool { Workflow.steps(of: kind).contains { $0.action == action } }

    /// The deadline the service on `served` sets (the kind's clock rule), if it has one.
    public func deadline(clock: PeriodCalculator) -> CivilDate? {
        guard let served else { return nil }
        let m = Matter(
            id: 0, number: "", kind: kind, title: "", domain: .other, fromOrg: "", toOrg: "", state: .served,
            createdOn: created, servedOn: served, variant: variant,
            urgentPeriod: variant == .publicInterest && urgent != nil ? .days(15) : urgent)
        guard let rule = Workflow.clockRule(for: m, settings: clock.settings) else { return nil }
        return try? clock.deadline(from: served, rule: rule).due
    }

    /// The day an escalation is taken: the ledger's day, or the day after the deadline if that is later.
    public func escalationDay(clock: PeriodCalculator?) -> CivilDate? {
        guard let escalated else { return nil }
        guard let clock, let due = deadline(clock: clock) else { return escalated }
        return max(escalated, due.adding(days: 1))
    }

    /// The steps of the ledger's path after the creation, in order: issue; serve or accept; escalate; reply;
    /// close, acknowledge, decline or withdraw — each where the ledger gives its day and the kind has it. A caller
    /// that writes only up to a day takes the steps up to it (a later one's day may pass it: an escalation moved
    /// past a deadline). Without a clock an escalation is taken on the ledger's day.
    public func steps(clock: PeriodCalculator?) -> [LedgerStep] {
        var out: [LedgerStep] = []
        var state = MatterState.draft
        let workflow = Workflow.steps(of: kind)
        func step(_ action: MatterAction, _ on: CivilDate?, outcome: Outcome? = nil, escalation: EscalationOption? = nil) {
            guard let on else { return }
            var input = ActionInput(date: on, text: texts[action] ?? "", outcome: outcome, escalation: escalation)
            if action == .issue {
                input.documentNumber = number.flatMap { $0.isEmpty ? nil : $0 }
                input.urgent = urgent != nil
                input.urgentPeriod = urgent
                input.scheduledFor = scheduled
            }
            let found = workflow.first { $0.action == action && $0.from.contains(state) }
            state = found?.to ?? state
            out.append(LedgerStep(action: action, input: input, taker: found?.taker, state: state))
        }
        if let issued { step(.issue, issued) }
        // An invitation or application declined: nothing else follows.
        if outcome == .declined, has(.decline) {
            step(.decline, closed)
            return out
        }
        let end: MatterAction = withdrawn ? .withdraw : (has(.acknowledge) ? .acknowledge : .close)
        switch kind {
        case .suggestion, .transfer, .inspection, .referral:
            step(.serve, served)
            if has(.escalate) { step(.escalate, escalationDay(clock: clock), escalation: escalation) }
            step(.reply, replied, outcome: kind == .suggestion && closed == nil ? outcome : nil)
            step(end, closed, outcome: kind == .suggestion && !withdrawn ? outcome : nil)
        case .dispute:
            step(.accept, served)
            step(.reply, replied, outcome: outcome ?? .resolved)
            step(end, closed)
        case .supervisionApplication:
            step(.accept, served)
            step(end, closed, outcome: withdrawn ? nil : outcome)
        case .jointInspection:
            step(.accept, served)
            step(end, closed)
        case .enforcementCopy, .meeting:
            step(end, closed)
        case .consultation:
            // Issued is received (the service level starts then): the answer and the close follow.
            step(.reply, replied)
            step(end, closed)
        }
        return out
    }
}

extension Ledger {
    /// The first of `parties` (the sender's first) whose organisation takes `step` on `matter` as the workflow
    /// says (`Workflow.fills`); nil if none does.
    public static func taker(_ step: LedgerStep, among parties: [Viewer], on matter: Matter) -> Viewer? {
        guard let taker = step.taker else { return nil }
        return parties.first { Workflow.fills($0, taker, on: matter) }
    }
}
