/// The kinds of work item the mechanism creates (see mechanism.md, "Matters").
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
}

/// Where a matter stands. One vocabulary across kinds; each kind uses its own subset.
public enum MatterState: String, Sendable, Codable, CaseIterable {
    case draft
    /// Sent or issued, not yet received by the other side.
    case issued
    /// Received by the other side: the clock runs.
    case served
    /// The other side answered (reply, feedback, files provided, copy acknowledged …).
    case replied
    case closed
    case withdrawn

    /// True while the matter still needs someone to act.
    public var isOpen: Bool {
        switch self {
        case .draft, .issued, .served, .replied: return true
        case .closed, .withdrawn: return false
        }
    }
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

    public init(
        id: MatterID, number: String, kind: MatterKind, title: String, domain: DomainArea,
        fromOrg: OrgID, toOrg: OrgID, subjectOrg: OrgID? = nil, state: MatterState,
        createdOn: CivilDate, servedOn: CivilDate? = nil, due: CivilDate? = nil,
        repliedOn: CivilDate? = nil, closedOn: CivilDate? = nil, summary: String = ""
    ) {
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
    }

    /// The deadline that still binds someone: a due date on a matter waiting for the other side.
    public var pendingDue: CivilDate? {
        state == .served ? due : nil
    }
}

/// One entry of a matter's history. Never changed once written.
public struct MatterEvent: Hashable, Sendable, Codable {
    public var id: Int64
    public var matterID: MatterID
    public var on: CivilDate
    public var actor: UserName
    public var action: String
    public var text: String
    public var documentNumber: String?
    public var stateAfter: MatterState

    public init(
        id: Int64, matterID: MatterID, on: CivilDate, actor: UserName, action: String,
        text: String, documentNumber: String? = nil, stateAfter: MatterState
    ) {
        self.id = id
        self.matterID = matterID
        self.on = on
        self.actor = actor
        self.action = action
        self.text = text
        self.documentNumber = documentNumber
        self.stateAfter = stateAfter
    }
}
