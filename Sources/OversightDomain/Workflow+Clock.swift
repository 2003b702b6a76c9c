extension Workflow {
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
        case .transfer: return settings.rule(.transferFeedback, version: matter.clockVersion)
        case .inspection: return settings.rule(.inspectionCooperation, version: matter.clockVersion)
        case .supervisionApplication: return settings.rule(.supervisionDecision, version: matter.clockVersion)
        case .consultation: return settings.rule(.consultationAnswer, version: matter.clockVersion)
        case .referral, .dispute, .enforcementCopy, .jointInspection, .meeting: return nil
        }
    }

    /// The clock rule a clock of `matter` started now counts under: the county's latest version of its service
    /// level, or nil for the book's own period (and for the kinds whose period is law).
    public static func currentClockVersion(for matter: Matter, settings: ClockSettings) -> Int? {
        guard let id = clockRule(for: matter, settings: settings)?.id else { return nil }
        switch id {
        case .transferFeedback, .inspectionCooperation, .supervisionDecision, .consultationAnswer: return settings.currentVersion(id)
        case .suggestionReply, .suggestionUrgentReply, .publicInterestReply, .publicInterestUrgentReply: return nil
        }
    }

    /// The deadline `matter`'s running clock comes to over `calculator`'s calendar, when it differs from the one
    /// stored: what a newly loaded holiday notice re-clocks (`calendar add`). Nil when nothing binds or nothing moves.
    public static func reclocked(_ matter: Matter, calculator: PeriodCalculator) -> CivilDate? {
        guard matter.pendingDue != nil, let now = deadline(for: matter, calculator: calculator)?.due, now != matter.due else {
            return nil
        }
        return now
    }

    /// The current deadline of `matter`, explained; nil when its clock has not started or it has none.
    public static func deadline(for matter: Matter, calculator: PeriodCalculator) -> Deadline? {
        guard let start = matter.servedOn, let rule = clockRule(for: matter, settings: calculator.settings) else {
            return nil
        }
        return try? calculator.deadline(from: start, rule: rule)
    }

    /// How firm `matter`'s pending deadline is; nil when none is pending.
    public static func clockNature(of matter: Matter, calculator: PeriodCalculator) -> ClockNature? {
        guard let due = matter.pendingDue else { return nil }
        let from = min(matter.servedOn?.year ?? due.year, due.year)
        return ClockNature(
            serviceLevel: clockRule(for: matter, settings: calculator.settings)?.isServiceLevel ?? false,
            provisional: (from...due.year).contains { calculator.calendar.isProvisional(year: $0) })
    }
}

/// Whether a deadline is set by law or is a service level the source leaves open (及时, 应当予以配合), and
/// whether it is provisional (counted in a year whose holiday calendar is not yet published).
public struct ClockNature: Hashable, Sendable {
    public var serviceLevel: Bool
    public var provisional: Bool

    public init(serviceLevel: Bool, provisional: Bool) {
        self.serviceLevel = serviceLevel
        self.provisional = provisional
    }
}
