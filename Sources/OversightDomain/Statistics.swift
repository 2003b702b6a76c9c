/// A rate with its parts, so a report can show "12 / 15 (80%)" and never divide by zero.
public struct Ratio: Hashable, Sendable, Codable {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, of denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// nil when there is nothing to divide by.
    public var value: Double? { denominator == 0 ? nil : Double(numerator) / Double(denominator) }
}

/// Statistics over a set of matters (the indicators 回复率, 按期回复率, 采纳率).
public struct MatterStatistics: Hashable, Sendable {
    /// The kinds whose other side owes a written answer on a clock: the reply rates count these (a consultation's
    /// answer on its service level too).
    public static let replyKinds: Set<MatterKind> = [.suggestion, .transfer, .inspection, .consultation]

    public var total = 0
    public var byKind: [MatterKind: Int] = [:]
    public var byState: [MatterState: Int] = [:]
    public var byDomain: [DomainArea: Int] = [:]
    /// By the department concerned (`Matter.department`); matters with none are left out.
    public var byDepartment: [OrgID: Int] = [:]

    /// Reply-kind matters served (the clock started) and not withdrawn.
    public var served = 0
    /// Of those, answered.
    public var replied = 0
    /// Of those answered, on or before the deadline (`Matter.repliedOnTime`: a reply on the deadline day is on time).
    public var repliedOnTime = 0
    /// Of those answered, after the deadline. (An answer to a matter with no deadline is neither on time nor late.)
    public var repliedLate = 0
    /// Calendar days from service (`servedOn`) to the answer (`repliedOn`), summed over the matters answered.
    public var daysToReply = 0
    /// Suggestions answered: adopted, partly adopted, not adopted.
    public var adopted = 0
    public var partlyAdopted = 0
    public var rejected = 0
    /// Open matters past their pending deadline.
    public var overdue = 0
    /// Matters escalated (工作规定 Art. 25): with an escalation step taken, whatever their state now. They are
    /// also counted as served, answered or overdue as they stand.
    public var escalated = 0

    /// 回复率: replied ÷ served.
    public var replyRate: Ratio { Ratio(replied, of: served) }
    /// 按期回复率: replied on time ÷ replied.
    public var onTimeReplyRate: Ratio { Ratio(repliedOnTime, of: replied) }
    /// 采纳率: (adopted + partly adopted) ÷ suggestions answered with an outcome.
    public var adoptionRate: Ratio { Ratio(adopted + partlyAdopted, of: adopted + partlyAdopted + rejected) }
    /// 平均回复用时: the mean of the calendar days from service to answer over the matters answered; nil when none was.
    public var averageDaysToReply: Double? { replied == 0 ? nil : Double(daysToReply) / Double(replied) }

    public init() {}

    public init(_ matters: [Matter], today: CivilDate) {
        for m in matters { count(m, today: today) }
    }

    /// Adds `m` to the figures (what the initialiser does for each matter), so a reader can count matters as it
    /// reads them without holding them all.
    public mutating func count(_ m: Matter, today: CivilDate) {
        total += 1
        byKind[m.kind, default: 0] += 1
        byState[m.state, default: 0] += 1
        byDomain[m.domain, default: 0] += 1
        if let d = m.department { byDepartment[d, default: 0] += 1 }
        if case .overdue = Urgency(due: m.pendingDue, today: today) { overdue += 1 }
        if m.escalations?.isEmpty == false { escalated += 1 }
        guard Self.replyKinds.contains(m.kind), m.state != .withdrawn, let servedOn = m.servedOn else { return }
        served += 1
        guard let repliedOn = m.repliedOn else { return }
        replied += 1
        daysToReply += servedOn.days(until: repliedOn)
        switch m.repliedOnTime {
        case true?: repliedOnTime += 1
        case false?: repliedLate += 1
        case nil: break
        }
        guard m.kind == .suggestion else { return }
        switch m.outcome {
        case .adopted: adopted += 1
        case .partly: partlyAdopted += 1
        case .rejected: rejected += 1
        default: break
        }
    }
}
