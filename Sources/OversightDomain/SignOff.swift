/// Which of an organisation's outgoing steps need its head's decision (签发, 审批) before they go out: set by its
/// administrator (`org set ORG --sign-off issue,reply`), else its party's default. A handler's such step is not
/// applied: it becomes a `Submission` holding the whole input, which a head of the same organisation approves (the
/// step is then taken as submitted) or returns with a reason. A head's own step goes straight out.
public enum SignOff: Hashable, Sendable {
    /// The party's default (`defaultSteps(for:)`): what an organisation has until its administrator sets one.
    case partyDefault
    /// These steps, of every kind (none: nothing needs the head's decision).
    case steps(Set<MatterAction>)

    /// Nothing needs the head's decision.
    public static let none = SignOff.steps([])

    /// The steps that may need a decision: every step but a note (a note is not a document that goes out).
    public static let signable: [MatterAction] = MatterAction.allCases.filter { $0 != .note }

    /// The party's default, step by step, with the kinds it covers: the procuratorate's `issue` of a suggestion,
    /// a transfer and a referral (Art. 8-10: documents that leave under the procuratorate's seal); a department's
    /// `reply` (its written answer); the justice bureau's `reply` to a transfer.
    public static func defaultSteps(for party: Party) -> [MatterAction: Set<MatterKind>] {
        switch party {
        case .procuratorate: return [.issue: [.suggestion, .transfer, .referral]]
        case .department: return [.reply: Set(MatterKind.allCases)]
        case .justice: return [.reply: [.transfer]]
        case .external, .admin: return [:]
        }
    }

    /// Whether `action` on a matter of `kind`, taken by an organisation of `party` with this setting, needs its
    /// head's decision.
    public func covers(_ action: MatterAction, kind: MatterKind, party: Party) -> Bool {
        guard action != .note else { return false }
        switch self {
        case .partyDefault: return Self.defaultSteps(for: party)[action]?.contains(kind) ?? false
        case .steps(let steps): return steps.contains(action)
        }
    }

    /// Whether `viewer`'s `action` on `matter` becomes a submission instead of being applied: a handler's step
    /// that their organisation's setting covers. A head's (or an administrator's) step goes straight out.
    public static func needsDecision(
        _ action: MatterAction, on matter: Matter, by viewer: Viewer, setting: SignOff
    ) -> Bool {
        viewer.user.role == .handler && setting.covers(action, kind: matter.kind, party: viewer.party)
    }

    /// Whether `viewer` may decide (approve or return) a submission of organisation `org`: a head of it.
    public static func mayDecide(_ viewer: Viewer, for org: OrgID) -> Bool {
        viewer.user.role == .head && viewer.org.id == org
    }

    /// The setting as stored: nil for the party's default, else the steps' CLI names in `signable` order, joined by
    /// commas ("" for none).
    public var stored: String? {
        switch self {
        case .partyDefault: return nil
        case .steps(let s): return Self.signable.filter(s.contains).map(\.rawValue).joined(separator: ",")
        }
    }

    /// The setting from its stored form: nil is the party's default; an unknown step name is nil.
    public init?(stored: String?) {
        guard let stored else { self = .partyDefault; return }
        var steps: Set<MatterAction> = []
        for word in stored.split(separator: ",") {
            guard let a = MatterAction(rawValue: String(word)), a != .note else { return nil }
            steps.insert(a)
        }
        self = .steps(steps)
    }

    /// The steps this setting covers for `party` (the default's, whatever their kinds), in `signable` order.
    public func steps(for party: Party) -> [MatterAction] {
        switch self {
        case .partyDefault: return Self.signable.filter { Self.defaultSteps(for: party)[$0] != nil }
        case .steps(let s): return Self.signable.filter(s.contains)
        }
    }
}

extension SignOff {
    /// The setting `org set --sign-off` was given: step words (codes, Chinese or English words) separated by commas
    /// or 、; `none` (or 无) for nothing, `default` (or 默认) for the party's default. Nil names the first word that
    /// is no step that may need a decision.
    public static func read(_ text: String, words: Vocabulary) -> Result<SignOff, SignOffWordError> {
        let parts = text.split(whereSeparator: { ",，、".contains($0) }).map { Vocabulary.fold(String($0)) }.filter { !$0.isEmpty }
        if parts.count == 1, ["none", "无", "不需要"].contains(parts[0]) { return .success(.none) }
        if parts.count == 1, ["default", "默认"].contains(parts[0]) { return .success(.partyDefault) }
        guard !parts.isEmpty else { return .failure(SignOffWordError(word: text)) }
        var steps: Set<MatterAction> = []
        for p in parts {
            guard let a = words.value(MatterAction.self, p), a != .note else { return .failure(SignOffWordError(word: p)) }
            steps.insert(a)
        }
        return .success(.steps(steps))
    }
}

/// A word of `--sign-off` that is no step that may need the head's decision.
public struct SignOffWordError: Error, Hashable, Sendable {
    public var word: String

    public init(word: String) { self.word = word }
}

/// Where a submission stands.
public enum SubmissionState: String, Sendable, Codable, CaseIterable {
    /// Waiting on a head of its organisation.
    case pending
    /// Sent back to its handler with a reason; re-submitting replaces it.
    case returned
    /// Approved: the step was taken as submitted.
    case approved
    /// Given up by its handler.
    case withdrawn
}

/// A handler's step that waits on the head's decision (`SignOff`): the whole input kept. Seen only by its own
/// organisation: the matter's other parties see nothing of it until it is approved and the step is out.
public struct Submission: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var matterID: MatterID
    public var action: MatterAction
    public var input: ActionInput
    /// The organisation whose head decides: the handler's.
    public var org: OrgID
    public var submittedBy: UserName
    public var submittedOn: CivilDate
    public var state: SubmissionState
    /// A return's reason.
    public var reason: String?
    public var decidedBy: UserName?
    public var decidedOn: CivilDate?
    /// The matter's event the approval wrote (the step as taken).
    public var eventID: Int64?

    public init(
        id: Int64, matterID: MatterID, action: MatterAction, input: ActionInput, org: OrgID, submittedBy: UserName,
        submittedOn: CivilDate, state: SubmissionState, reason: String? = nil, decidedBy: UserName? = nil,
        decidedOn: CivilDate? = nil, eventID: Int64? = nil
    ) {
        self.id = id
        self.matterID = matterID
        self.action = action
        self.input = input
        self.org = org
        self.submittedBy = submittedBy
        self.submittedOn = submittedOn
        self.state = state
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.eventID = eventID
    }
}
