/// The kinds of work item the mechanism creates (docs/mechanism.md maps each article to them).
public enum MatterKind: String, Sendable, Codable, CaseIterable {
    /// 检察建议 (Art. 8).
    case suggestion
    /// 移送审查处理 (Art. 9).
    case transfer
    /// 调阅执法案卷 / 调取证据 / 询问 (Art. 7 ¶2).
    case inspection
    /// 违法违纪线索移送 (Art. 10).
    case referral
    /// 行政争议实质性化解 (Art. 7 ¶1, ¶3).
    case dispute
    /// 强制执行申请抄送 (Art. 11).
    case enforcementCopy = "enforcement-copy"
    /// 监督申请 (Art. 11).
    case supervisionApplication = "supervision-application"
    /// 联合检查 / 年度计划 (Art. 5).
    case jointInspection = "joint-inspection"
    /// 联席会议 / 座谈交流 / 案情通报 (Arts. 3, 6).
    case meeting
    /// 法律政策咨询 (Art. 6): a question asked of the justice bureau and its answer, on a service level.
    case consultation
}

/// Where a matter stands. One vocabulary across kinds; each kind uses its own subset (see `Workflow.steps(of:)`).
public enum MatterState: String, Sendable, Codable, CaseIterable {
    case draft
    /// Sent or issued, not yet received by the other side.
    case issued
    /// Received by the other side: the clock runs.
    case served
    /// Accepted and being worked on together (a dispute being resolved, an application under review, an
    /// inspection or plan joined).
    case inProgress = "in-progress"
    /// The recipient objected to a suggestion (工作规定 Art. 23); the clock keeps running.
    case objected
    /// The other side answered (reply, feedback, files provided, copy acknowledged …).
    case replied
    /// Overdue or inadequately rectified, and escalated (工作规定 Art. 25).
    case escalated
    case closed
    case withdrawn

    /// True while the matter still needs someone to act.
    public var isOpen: Bool {
        switch self {
        case .draft, .issued, .served, .inProgress, .objected, .replied, .escalated: return true
        case .closed, .withdrawn: return false
        }
    }
}

/// A sub-type of a kind, where the source distinguishes one.
public enum MatterVariant: String, Sendable, Codable, CaseIterable {
    /// 公益诉讼诉前检察建议 (行政诉讼法 Art. 25 ¶4; 公益诉讼解释 Art. 21): a suggestion.
    case publicInterest = "public-interest"
    /// 普遍性问题 (Art. 9): a transfer.
    case generalProblem = "general-problem"
    /// 行政规范性文件违法 (Art. 9): a transfer.
    case normativeDocument = "normative-document"
    /// 年度计划 (Art. 5): a joint inspection.
    case annualPlan = "annual-plan"
    /// 座谈交流 (Art. 6): a meeting.
    case exchange
    /// 案情通报 (Art. 3): a meeting.
    case caseNotification = "case-notification"
    /// 信息共享 (Art. 3): a meeting.
    case informationSharing = "information-sharing"
    /// 培训 (Art. 6): a meeting.
    case training
    /// 案例研讨 (Art. 6): a meeting.
    case caseStudy = "case-study"

    /// The kind this variant belongs to.
    public var kind: MatterKind {
        switch self {
        case .publicInterest: return .suggestion
        case .generalProblem, .normativeDocument: return .transfer
        case .annualPlan: return .jointInspection
        case .exchange, .caseNotification, .informationSharing, .training, .caseStudy: return .meeting
        }
    }
}

/// The result recorded by a reply, a check or a close. Raw values are the CLI's `--outcome` names.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    /// 采纳.
    case adopted
    /// 部分采纳.
    case partly
    /// 不采纳 (with a reason).
    case rejected
    /// 整改到位 (checked by the procuratorate).
    case rectified
    /// 整改不到位: opens the escalation options.
    case inadequate
    /// 化解成功 (Art. 7 ¶3): the result is copied to the procuratorate.
    case resolved
    /// 化解不成: the procuratorate helps explain the law to the applicant (释法说理).
    case unresolved
    /// A supervision application upheld (the procuratorate acts on the court's ruling or enforcement).
    case supported
    /// A supervision application not upheld, with reasons.
    case notSupported = "not-supported"
    /// An invitation or application declined, with reasons.
    case declined
}

/// How a document was served (送达方式, Art. 8: a suggestion's service is recorded with its manner and receipt).
public enum ServiceMethod: String, Sendable, Codable, CaseIterable {
    /// 直接送达: handed over in person.
    case inPerson = "in-person"
    /// 邮寄送达: by post.
    case post
    /// 留置送达: left at the addressee's premises when receipt is refused.
    case left
    /// 电子送达: electronically.
    case electronic
}

/// What the procuratorate may do after an overdue or inadequate reply (工作规定 Art. 25).
public enum EscalationOption: String, Sendable, Codable, CaseIterable {
    /// 报告上级人民检察院.
    case reportUpper = "report-upper"
    /// 通报被建议单位的上级机关、行政主管部门或者行业自律组织.
    case notifySuperior = "notify-superior"
    /// 报告同级党委、人大.
    case reportCommittee = "report-committee"
    /// 通报同级政府、纪检监察机关.
    case notifyGovernment = "notify-government"
    /// 移送违法违纪线索 (Art. 10; open a referral).
    case referClue = "refer-clue"
    /// 提起行政公益诉讼 (public-interest suggestions only).
    case litigation
}

public typealias MatterID = Int64

public struct Matter: Hashable, Sendable, Codable, Identifiable {
    public var id: MatterID
    /// The document number (文号), e.g. 文检行建〔2025〕7号.
    public var number: String
    public var kind: MatterKind
    public var title: String
    public var domain: DomainArea
    /// The organisation that started it.
    public var fromOrg: OrgID
    /// The organisation it is addressed to.
    public var toOrg: OrgID
    /// The enforcement department concerned, if any.
    public var subjectOrg: OrgID?
    public var state: MatterState
    public var createdOn: CivilDate
    /// Service or receipt: the day the legal clock starts (not counted).
    public var servedOn: CivilDate?
    /// The deadline in force, if the kind has a clock and it runs.
    public var due: CivilDate?
    public var repliedOn: CivilDate?
    public var closedOn: CivilDate?
    /// Free text: the facts, the request.
    public var summary: String
    /// The sub-type, where the kind has one (e.g. a public-interest suggestion).
    public var variant: MatterVariant?
    /// The shorter reply period of an urgent suggestion (工作规定 Art. 19; 15 days for public interest).
    public var urgentPeriod: Period?
    /// The day it was issued or sent.
    public var issuedOn: CivilDate?
    /// The result recorded by the reply or the close.
    public var outcome: Outcome?
    /// The procuratorate's check of the rectification (回头看): rectified or inadequate.
    public var rectification: Outcome?
    /// The escalation steps taken, in order.
    public var escalations: [EscalationOption]?
    /// Organisations sent a copy (抄送, 工作规定 Art. 20): they may see it.
    public var copiedTo: [OrgID]?
    /// The scheduled day of a meeting or joint inspection (not a legal deadline).
    public var scheduledOn: CivilDate?
    /// How it was served (`serve --service`), when that was recorded.
    public var service: ServiceMethod?
    /// The day of the receipt (回执日期, `serve --receipt`): on or after `servedOn`.
    public var receivedOn: CivilDate?
    /// The invited organisations and their answers, when it was addressed to several (`Invitee`); nil for one
    /// addressee. The first is `toOrg`.
    public var invitees: [Invitee]?
    /// The people of its sending organisation a need-to-know matter (a clue referral, Art. 10) is open to besides
    /// the organisation's heads: its author first, then those the author named (`--share`); nil for any other
    /// matter, which every person of an organisation that may see it sees.
    public var knownTo: [UserName]?
    /// The version of the county's rule its running clock was counted under (`rules agree`, Art. 12), when the county
    /// had set one when the clock started; nil: the rule book's own period (version 1). Kept by the store beside the
    /// matter (`matter_clock`), so a later agreement never re-counts a clock already running.
    public var clockVersion: Int?
    /// How many events the matter has had: a stale reader's `--expect` no longer matches (optimistic
    /// concurrency). Kept by the store; 0 for a matter not yet stored.
    public var version: Int = 0

    public init(
        id: MatterID, number: String, kind: MatterKind, title: String, domain: DomainArea,
        fromOrg: OrgID, toOrg: OrgID, subjectOrg: OrgID? = nil, state: MatterState,
        createdOn: CivilDate, servedOn: CivilDate? = nil, due: CivilDate? = nil,
        repliedOn: CivilDate? = nil, closedOn: CivilDate? = nil, summary: String = "",
        variant: MatterVariant? = nil, urgentPeriod: Period? = nil, issuedOn: CivilDate? = nil,
        outcome: Outcome? = nil, rectification: Outcome? = nil, escalations: [EscalationOption]? = nil,
        copiedTo: [OrgID]? = nil, scheduledOn: CivilDate? = nil, service: ServiceMethod? = nil, receivedOn: CivilDate? = nil,
        invitees: [Invitee]? = nil, knownTo: [UserName]? = nil
    ) {
        self.invitees = invitees
        self.knownTo = knownTo
        self.id = id
        self.number = number
        self.kind = kind
        self.title = title
        self.domain = domain
        self.fromOrg = fromOrg
        self.toOrg = toOrg
        self.subjectOrg = subjectOrg
        self.state = state
        self.createdOn = createdOn
        self.servedOn = servedOn
        self.due = due
        self.repliedOn = repliedOn
        self.closedOn = closedOn
        self.summary = summary
        self.variant = variant
        self.urgentPeriod = urgentPeriod
        self.issuedOn = issuedOn
        self.outcome = outcome
        self.rectification = rectification
        self.escalations = escalations
        self.copiedTo = copiedTo
        self.scheduledOn = scheduledOn
        self.service = service
        self.receivedOn = receivedOn
    }

    /// The deadline that still binds someone: a due date on a matter waiting for the other side
    /// (served, under review or objected to; escalated while still unanswered).
    public var pendingDue: CivilDate? {
        switch state {
        case .served, .inProgress, .objected: return due
        case .escalated: return repliedOn == nil ? due : nil
        case .draft, .issued, .replied, .closed, .withdrawn: return nil
        }
    }

    /// True when the reply came on or before the deadline; nil when there is no reply or no deadline.
    public var repliedOnTime: Bool? {
        guard let repliedOn, let due else { return nil }
        return repliedOn <= due
    }

    /// The enforcement department concerned: the subject, else the department addressed or writing.
    public var department: OrgID? {
        if let subjectOrg { return subjectOrg }
        switch kind {
        case .suggestion, .inspection: return toOrg
        case .enforcementCopy, .supervisionApplication: return fromOrg
        case .transfer, .referral, .dispute, .jointInspection, .meeting, .consultation: return nil
        }
    }
}

/// One entry of a matter's history. Never changed once written.
public struct MatterEvent: Hashable, Sendable, Codable {
    public var id: Int64
    public var matterID: MatterID
    public var on: CivilDate
    public var actor: UserName
    public var action: EventAction
    public var text: String
    public var documentNumber: String?
    public var stateAfter: MatterState
    /// The outcome the action recorded, if any.
    public var outcome: Outcome?
    /// The escalation step the action recorded, if any.
    public var escalation: EscalationOption?
    /// The deadline in force after the action, when the action set or cleared it.
    public var dueAfter: CivilDate?
    /// `serve`: how it was served, when recorded.
    public var service: ServiceMethod?
    /// `serve`: the day of the receipt, when recorded.
    public var receivedOn: CivilDate?

    public init(
        id: Int64, matterID: MatterID, on: CivilDate, actor: UserName, action: EventAction,
        text: String, documentNumber: String? = nil, stateAfter: MatterState,
        outcome: Outcome? = nil, escalation: EscalationOption? = nil, dueAfter: CivilDate? = nil,
        service: ServiceMethod? = nil, receivedOn: CivilDate? = nil
    ) {
        self.id = id
        self.matterID = matterID
        self.on = on
        self.actor = actor
        self.action = action
        self.text = text
        self.documentNumber = documentNumber
        self.stateAfter = stateAfter
        self.outcome = outcome
        self.escalation = escalation
        self.dueAfter = dueAfter
        self.service = service
        self.receivedOn = receivedOn
    }
}

/// What an event of a matter's history records: its creation, or one step of its workflow.
public enum EventAction: Hashable, Sendable, Codable, RawRepresentable {
    case create
    case step(MatterAction)
    /// A newly loaded holiday notice moved the running deadline (`calendar add`): no party's step, the deadline's
    /// recount, its new day in `dueAfter`.
    case reclock

    /// "create", or the step's CLI name ("issue", "reply" …).
    public var rawValue: String {
        switch self {
        case .create: return "create"
        case .reclock: return "reclock"
        case .step(let a): return a.rawValue
        }
    }

    public init?(rawValue: String) {
        if rawValue == "create" { self = .create; return }
        if rawValue == "reclock" { self = .reclock; return }
        guard let a = MatterAction(rawValue: rawValue) else { return nil }
        self = .step(a)
    }

    /// Every value, for schema constraints and tests.
    public static var allCases: [EventAction] { [.create] + MatterAction.allCases.map(EventAction.step) + [.reclock] }
}
