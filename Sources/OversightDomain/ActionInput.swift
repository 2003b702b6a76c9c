/// What an action needs beyond the matter and the person acting.
public struct ActionInput: Hashable, Sendable, Codable {
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
    /// `serve`: how it was served (optional).
    public var service: ServiceMethod?
    /// `serve`: the day of the receipt (optional; on or after `date`, not after today).
    public var receivedOn: CivilDate?

    public init(
        date: CivilDate, text: String = "", documentNumber: String? = nil, outcome: Outcome? = nil,
        escalation: EscalationOption? = nil, urgent: Bool = false, urgentPeriod: Period? = nil,
        scheduledFor: CivilDate? = nil, service: ServiceMethod? = nil, receivedOn: CivilDate? = nil
    ) {
        self.date = date
        self.text = text
        self.documentNumber = documentNumber
        self.outcome = outcome
        self.escalation = escalation
        self.urgent = urgent
        self.urgentPeriod = urgentPeriod
        self.scheduledFor = scheduledFor
        self.service = service
        self.receivedOn = receivedOn
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
