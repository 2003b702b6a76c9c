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
