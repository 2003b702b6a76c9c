import Foundation

extension Workflow {
    // MARK: Applying

    /// Takes `action` on `matter` as `viewer`: the new matter and the event to record, or why not.
    public static func apply(
        _ action: MatterAction, to matter: Matter, by viewer: Viewer, input: ActionInput, context: WorkflowContext
    ) throws(WorkflowError) -> Transition {
        let step = try check(action, on: matter, by: viewer).get()
        // The one text rule: what is stored (and hashed by the audit chain) is the normalised value.
        let input = try input.normalised()
        let text = input.text
        let number = input.documentNumber
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
            m.clockVersion = nil
            m.clockVersion = currentClockVersion(for: m, settings: context.settings)
            if let rule = clockRule(for: m, settings: context.settings) {
                do { m.due = try context.calculator.deadline(from: date, rule: rule).due } catch {
                    throw .invalidInput(.badPeriod(error))
                }
            }
        }

        if action != .serve, input.service != nil || input.receivedOn != nil { throw .invalidInput(.serviceNotAllowed) }
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
            // A question asked in the system is received when it is asked: its service level starts.
            if m.kind == .consultation { try startClock() }
        case .serve:
            try noOutcome()
            if let r = input.receivedOn {
                try need(r >= date, .receiptBeforeService(date))
                try need(r <= context.today, .receiptInFuture(r))
            }
            try startClock()
            m.service = input.service
            m.receivedOn = input.receivedOn
        case .accept:
            try noOutcome()
            if m.kind == .supervisionApplication { try startClock() }
        case .decline:
            try need(!text.isEmpty, .textRequired)
            outcome = try pick([.declined], required: false) ?? .declined
            if m.invitees == nil {
                m.outcome = outcome
                m.closedOn = date
            }
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
            m.clockVersion = nil
            m.service = nil
            m.receivedOn = nil
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
                outcome = try pick([.adopted, .partly, .rejected], required: m.outcome == nil)
            case .dispute:
                try noOutcome()
                if m.outcome == .unresolved { try need(!text.isEmpty, .textRequired) }  // 释法说理
            case .supervisionApplication:
                outcome = try pick([.supported, .notSupported], required: true)
                if outcome == .notSupported { try need(!text.isEmpty, .textRequired) }
            case .jointInspection, .meeting:
                try noOutcome()
                try need(!text.isEmpty, .textRequired)  // findings, minutes
            case .transfer, .inspection, .referral, .enforcementCopy, .consultation:
                try noOutcome()
            }
            if let outcome { m.outcome = outcome }
            m.closedOn = date
        }
        if action == .acknowledge { m.closedOn = date }
        if (action == .accept || action == .decline), m.invitees != nil {
            // Each invitee answers for itself; the state follows all the answers.
            answer(action, on: &m, for: viewer.org.id, by: viewer.user.name, on: date, attendance: text.isEmpty ? nil : text)
        } else if let target = step.to { m.state = target }
        let event = MatterEvent(
            id: 0, matterID: m.id, on: date, actor: viewer.user.name, action: .step(action), text: text,
            documentNumber: docNumber, stateAfter: m.state, outcome: outcome, escalation: escalation,
            dueAfter: m.due, service: action == .serve ? input.service : nil,
            receivedOn: action == .serve ? input.receivedOn : nil)
        return Transition(matter: m, event: event)
    }

    /// The latest date already recorded on `matter`: a new step may not predate it.
    static func lastDate(of m: Matter) -> CivilDate? {
        [m.createdOn, m.issuedOn, m.servedOn, m.repliedOn, m.closedOn].compactMap { $0 }.max()
    }
}
