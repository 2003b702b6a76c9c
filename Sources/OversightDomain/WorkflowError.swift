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
    /// A manner of service or a receipt given to a step other than `serve`.
    case serviceNotAllowed
    /// The receipt's day is before the day of service (this one).
    case receiptBeforeService(CivilDate)
    /// The receipt's day is after today.
    case receiptInFuture(CivilDate)
    /// A text that breaks `TextRule` (a control or invisible character, nothing visible, too long).
    case text(TextProblem)
    /// A matter of the first kind does not follow one of the second (`FollowOn`); `allowed`: the kinds that may.
    case followOnNotAllowed(MatterKind, follows: MatterKind, allowed: [MatterKind])
    /// The matter to follow has not come that far: not issued, or a suggestion not escalated (`FollowOn.ready`).
    case followOnTooEarly(follows: MatterKind)
    /// The annual plan to follow is not in force: awaiting signatures, not agreed, or withdrawn (nil).
    case planNotInForce(PlanStanding?)
    /// What may follow a matter of this kind (`allowed`) is not this party's to start.
    case followOnNotYours(Party, follows: MatterKind, allowed: [MatterKind])
    /// Several invitees (`--to` repeated) given to a kind other than a joint inspection or a meeting.
    case inviteesNotAllowed(MatterKind)
    /// An organisation invited twice (or the addressee named again).
    case invitedTwice(OrgID)
    /// This invitee has answered already (its answer): an invitee answers once.
    case alreadyAnswered(InviteeAnswer)
    /// People named (`--share`) on a kind other than a clue referral, which alone is need-to-know.
    case shareNotAllowed(MatterKind)
    /// The person named (`--share`) is no active colleague of the author's organisation.
    case shareNotColleague(UserName)
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

extension InputProblem {
    /// The option (and form field) the problem is about, if one.
    public var option: String? {
        switch self {
        case .textRequired: return "text"
        case .documentNumberRequired, .malformedDocumentNumber: return "number"
        case .outcomeRequired, .outcomeNotAllowed: return "outcome"
        case .escalationRequired, .escalationNotAllowed: return "escalation"
        case .dateInFuture, .dateBefore: return "date"
        case .urgentPeriodRequired, .urgentPeriodFixed, .badPeriod: return "period"
        case .variantNotAllowed: return "variant"
        case .titleRequired: return "title"
        case .serviceNotAllowed: return "service"
        case .receiptBeforeService, .receiptInFuture: return "receipt"
        case .text(let p): return p.field.rawValue
        case .followOnNotAllowed, .followOnTooEarly, .followOnNotYours, .planNotInForce: return "follows"
        case .inviteesNotAllowed, .invitedTwice: return "to"
        case .shareNotAllowed, .shareNotColleague: return "share"
        case .noGroundsForEscalation, .partiesNotAllowed, .alreadyAnswered: return nil
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
        case .serviceNotAllowed: return "only the step serve records how it was served and its receipt: leave out --service and --receipt"
        case .receiptBeforeService(let d): return "the receipt cannot be dated before the service on \(d): give --receipt on or after it"
        case .receiptInFuture(let d): return "the receipt date \(d) is in the future: give --receipt on or before today"
        case .text(let p): return p.description
        case .followOnNotAllowed(let k, let f, let allowed):
            return allowed.isEmpty ? "a \(f.rawValue) is followed by no other matter: leave out --follows"
                : "a \(k.rawValue) does not follow a \(f.rawValue): a \(f.rawValue) is followed by \(allowed.map(\.rawValue).joined(separator: ", "))"
        case .followOnTooEarly(let f):
            return f == .suggestion ? "a suggestion is followed only once it was escalated by referring a clue or a notice (refer-clue, notify-superior, notify-government)"
                : "the \(f.rawValue) has not been issued: a matter is followed once it is issued"
        case .planNotInForce(let standing):
            return standing == .notAgreed ? "the annual plan was not agreed (an invitee declined): nothing is planned by it"
                : standing == .awaitingSignatures ? "the annual plan awaits signatures: its items follow it once every body it was sent to has signed (accept)"
                : "the annual plan is not in force: nothing is planned by it"
        case .followOnNotYours(let p, let f, let allowed):
            return "not for the \(p.rawValue): what follows a \(f.rawValue) (\(allowed.map(\.rawValue).joined(separator: ", "))) is not started by the \(p.rawValue)"
        case .inviteesNotAllowed(let k):
            return "a \(k.rawValue) is addressed to one organisation: give --to once (several only for a joint inspection or a meeting)"
        case .invitedTwice(let o): return "\(o) is invited twice: give each organisation once with --to"
        case .alreadyAnswered(let a): return "your organisation has already answered (\(a.rawValue)): each invitee answers once"
        case .shareNotAllowed(let k):
            return "a \(k.rawValue) is seen by everyone of the organisations that may see it: leave out --share (only a referral is shared by name)"
        case .shareNotColleague(let u):
            return "no active colleague \"\(u)\" in your organisation: a referral is shared only with people of its sender (`oversight user list`)"
        }
    }
}

extension TextRule.Field {
    /// "the title", "the text" … in English.
    public var englishName: String {
        switch self {
        case .title: return "the title"
        case .number: return "the document number"
        case .displayName: return "the display name"
        case .organisationName: return "the organisation name"
        case .text: return "the text"
        case .summary: return "the summary"
        }
    }
}

extension TextProblem: CustomStringConvertible {
    /// English, as the domain says it; other languages come from the presenter's string table.
    public var description: String {
        let at = position.map { "character \($0)" } ?? ""
        let what = characterName ?? ""
        switch self.what {
        case .control:
            return field.isLong
                ? "\(field.englishName) holds a control character, \(what), at \(at): remove it (line breaks and tabs are allowed)"
                : "\(field.englishName) holds a control character or line break, \(what), at \(at): \(field.englishName) is one line; remove it"
        case .invisible:
            return "\(field.englishName) holds an invisible character, \(what), at \(at): remove it (it would hide or change what a reader sees)"
        case .nothingVisible:
            return "\(field.englishName) holds nothing visible (only spaces, marks or selectors): write it in visible characters"
        case .tooLong(let count):
            return "\(field.englishName) is too long: \(count) characters, at most \(limit) are allowed; shorten it"
        }
    }
}
