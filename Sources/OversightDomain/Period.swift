import Foundation

/// The unit a period is counted in.
public enum PeriodUnit: String, Sendable, Codable, CaseIterable {
    /// Calendar months: the corresponding day of the end month, clamped to its last day (民法典 Art. 202).
    case months
    /// Calendar days: rest days inside the period are not deducted; only the last day rolls (民法典 Art. 203).
    case days
    /// Working days: only days that are not rest days are counted (行政处罚法 Art. 85; 行政强制法 Art. 69; 行政复议法 Art. 88).
    case workdays
}

/// A length of time in one unit, e.g. two months or fifteen days.
public struct Period: Hashable, Sendable, Codable, CustomStringConvertible {
    public var amount: Int
    public var unit: PeriodUnit

    public init(_ amount: Int, _ unit: PeriodUnit) {
        self.amount = amount
        self.unit = unit
    }

    public static func months(_ n: Int) -> Period { Period(n, .months) }
    public static func days(_ n: Int) -> Period { Period(n, .days) }
    public static func workdays(_ n: Int) -> Period { Period(n, .workdays) }

    /// The largest amount accepted per unit (a hundred years or so): beyond it a period is a typing error.
    public static func limit(_ unit: PeriodUnit) -> Int {
        switch unit {
        case .months: return 1200
        case .days: return 36_600
        case .workdays: return 25_000
        }
    }

    public var description: String { "\(amount) \(unit.rawValue)" }

    /// In Chinese, e.g. 2个月, 15日, 10个工作日.
    public var chinese: String {
        switch unit {
        case .months: return "\(amount)个月"
        case .days: return "\(amount)日"
        case .workdays: return "\(amount)个工作日"
        }
    }

    /// In English, e.g. 2 months, 15 days, 10 working days.
    public var english: String {
        let s = amount == 1 ? "" : "s"
        switch unit {
        case .months: return "\(amount) month\(s)"
        case .days: return "\(amount) day\(s)"
        case .workdays: return "\(amount) working day\(s)"
        }
    }
}

/// How an adjusted working day (调休上班, a weekend day the State Council's notice makes a working day) is read
/// when a period ends on it. The law does not say: by default it is a working day,
/// so the deadline does not roll over; the other reading treats it as the weekend it would have been.
/// Working-day counting always counts it as worked: offices are open that day (§3.5).
public enum AdjustedWorkdayReading: String, Sendable, Codable, CaseIterable {
    case workingDay = "working-day"
    case restDay = "rest-day"
}

/// A rule of counting, with its legal source, shown in every explanation.
public struct CountingRule: Hashable, Sendable, Codable {
    public var id: String
    public var zh: String
    public var en: String
    public var source: String

    public init(id: String, zh: String, en: String, source: String) {
        self.id = id
        self.zh = zh
        self.en = en
        self.source = source
    }
}

/// The counting rules of Chinese law on periods (期间), by id. Their words and legal sources are data
/// (Resources/rules/periods.json), read into a `RuleBook`.
public enum CountingRuleID: String, Sendable, Codable, CaseIterable {
    case startDayExcluded = "start-day-excluded"
    case monthEnd = "month-end"
    case restDayRollOver = "rest-day-roll-over"
    case workdays
    case adjustedWorkday = "adjusted-workday"
    case adjustedWorkdayAsRest = "adjusted-workday-as-rest"
}

/// Every rule the clocks use, each with its legal source: the counting rules of §3 and the clock rule of
/// each kind of matter. Data, parsed from a file (Resources/rules/periods.json), never literals in code.
public struct RuleBook: Hashable, Sendable, Codable {
    public var counting: [CountingRule]
    public var clock: [ClockRule]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missingCountingRule(String)
        case missingClockRule(String)
        case unreadable(String)

        public var description: String {
            switch self {
            case .missingCountingRule(let id): return "the rule book has no counting rule \"\(id)\""
            case .missingClockRule(let id): return "the rule book has no clock rule \"\(id)\""
            case .unreadable(let why): return "the rule book cannot be read: \(why)"
            }
        }
    }

    public init(counting: [CountingRule], clock: [ClockRule]) throws(Problem) {
        self.counting = counting
        self.clock = clock
        try check()
    }

    /// Parses and checks a rule book file: every counting rule and every clock rule must be there.
    public static func parse(_ data: Data) throws(Problem) -> RuleBook {
        let book: RuleBook
        do {
            book = try JSONDecoder().decode(RuleBook.self, from: data)
        } catch {
            throw .unreadable("\(error)")
        }
        try book.check()
        return book
    }

    func check() throws(Problem) {
        for id in CountingRuleID.allCases where !counting.contains(where: { $0.id == id.rawValue }) {
            throw .missingCountingRule(id.rawValue)
        }
        for id in ClockRuleID.allCases where !clock.contains(where: { $0.id == id }) {
            throw .missingClockRule(id.rawValue)
        }
    }

    public func counting(_ id: CountingRuleID) -> CountingRule {
        counting.first { $0.id == id.rawValue }!  // `check` guarantees it
    }

    public func clock(_ id: ClockRuleID) -> ClockRule {
        clock.first { $0.id == id }!  // `check` guarantees it
    }
}

/// Which rule sets a matter's clock.
public enum ClockRuleID: String, Sendable, Codable, CaseIterable {
    /// 检察建议: written reply within two months of receipt.
    case suggestionReply = "suggestion-reply"
    /// 检察建议, urgent: a shorter period set by the procuratorate.
    case suggestionUrgentReply = "suggestion-urgent-reply"
    /// 公益诉讼诉前检察建议: two months.
    case publicInterestReply = "public-interest-reply"
    /// 公益诉讼诉前检察建议, harm still spreading: fifteen days.
    case publicInterestUrgentReply = "public-interest-urgent-reply"
    /// 移送审查处理: "timely" written feedback; a service level.
    case transferFeedback = "transfer-feedback"
    /// 调阅案卷 / 调取证据 / 询问: departments "shall cooperate"; a service level.
    case inspectionCooperation = "inspection-cooperation"
    /// 监督申请: the source sets no period for the procuratorate's answer; a service level.
    case supervisionDecision = "supervision-decision"
    /// 法律政策咨询: the source sets no period for the answer; a county service level.
    case consultationAnswer = "consultation-answer"
}

/// A clock rule: its period (legal, or a service level where the source leaves it open), the source's own words
/// and where they are written.
public struct ClockRule: Hashable, Sendable, Codable {
    public var id: ClockRuleID
    public var period: Period
    /// True when the source sets no number and `period` is a configurable service level.
    public var isServiceLevel: Bool
    /// The source's own words, e.g. 二个月之内予以书面回复, 及时书面反馈.
    public var word: String
    /// The legal source, e.g. 《工作机制》第八条.
    public var source: String
    public var zh: String
    public var en: String
    /// For a service level: where its default period comes from (a rule that does not bind here).
    public var defaultBasis: String?
    /// The county's decision this period follows (`rules propose` and `agree`, Art. 12), when it set one; nil: the
    /// rule book's own period (law, or the default service level).
    public var county: CountyLevel?

    public init(
        id: ClockRuleID, period: Period, isServiceLevel: Bool, word: String, source: String, zh: String, en: String,
        defaultBasis: String? = nil
    ) {
        self.id = id
        self.period = period
        self.isServiceLevel = isServiceLevel
        self.word = word
        self.source = source
        self.zh = zh
        self.en = en
        self.defaultBasis = defaultBasis
    }
}

/// One version of a period the county set for a service level (Art. 12: the justice bureau and the procuratorate
/// interpret the mechanism together): proposed by one, agreed by the other, in force for clocks started from `since`.
public struct CountyLevel: Hashable, Sendable, Codable {
    /// 2 for the county's first setting of a rule, and so on (1 is the rule book's own period).
    public var version: Int
    public var period: Period
    /// The decision it rests on, e.g. 县司法局、县检察院会议纪要（2026）3号.
    public var source: String
    /// The day it was agreed, from which new clocks count under it.
    public var since: CivilDate

    public init(version: Int, period: Period, source: String, since: CivilDate) {
        self.version = version
        self.period = period
        self.source = source
        self.since = since
    }
}

/// The clock configuration: the rule book, the service levels an administrator set for the periods the
/// source leaves open (nil: the book's default), the reading of adjusted working days, and the alert window.
/// A value passed in.
public struct ClockSettings: Hashable, Sendable {
    public var rules: RuleBook
    /// Art. 9 "及时书面反馈".
    public var transferFeedback: Period?
    /// Art. 7 ¶2 "应当予以配合".
    public var inspectionCooperation: Period?
    /// Art. 11 supervision application.
    public var supervisionDecision: Period?
    /// Art. 6 法律政策咨询: the answer's service level.
    public var consultationAnswer: Period?
    /// How a period ending on an adjusted working day (调休) is read.
    public var adjustedWorkdays: AdjustedWorkdayReading
    /// Days ahead that count as "due soon".
    public var alertWindow: Int

    public init(
        rules: RuleBook,
        transferFeedback: Period? = nil,
        inspectionCooperation: Period? = nil,
        supervisionDecision: Period? = nil,
        consultationAnswer: Period? = nil,
        adjustedWorkdays: AdjustedWorkdayReading = .workingDay,
        alertWindow: Int = AlertRules.defaultWindow
    ) {
        self.rules = rules
        self.transferFeedback = transferFeedback
        self.inspectionCooperation = inspectionCooperation
        self.supervisionDecision = supervisionDecision
        self.consultationAnswer = consultationAnswer
        self.adjustedWorkdays = adjustedWorkdays
        self.alertWindow = alertWindow
    }

    /// The county's own periods for the service levels, each key's versions in the order they were agreed
    /// (version 2 on; version 1 is the rule book's). A clock counts under the version in force when it started
    /// (`Matter.clockVersion`), never re-counted by a later agreement.
    public var county: [ClockRuleID: [CountyLevel]] = [:]
    /// The county's latest setting of the alert window, when it made one (`alertWindow` is then its days).
    public var countyAlertWindow: CountyLevel?

    /// The version of rule `id` a clock started now counts under: the county's latest, nil for the book's own.
    public func currentVersion(_ id: ClockRuleID) -> Int? { county[id]?.last?.version }

    /// The rule `id` under these settings; `urgentPeriod` is the period the procuratorate set for an urgent
    /// ordinary suggestion (工作规定 Art. 19); `version` the county's version a clock counts under (nil or 1: the
    /// book's own period; an unknown version reads as the book's too).
    public func rule(_ id: ClockRuleID, urgentPeriod: Period? = nil, version: Int? = nil) -> ClockRule {
        var rule = rules.clock(id)
        if let version, let level = county[id]?.first(where: { $0.version == version }) {
            rule.period = level.period
            rule.county = level
            return rule
        }
        let chosen: Period?
        switch id {
        case .suggestionUrgentReply: chosen = urgentPeriod
        case .transferFeedback: chosen = transferFeedback
        case .inspectionCooperation: chosen = inspectionCooperation
        case .supervisionDecision: chosen = supervisionDecision
        case .consultationAnswer: chosen = consultationAnswer
        case .suggestionReply, .publicInterestReply, .publicInterestUrgentReply: chosen = nil
        }
        if let chosen { rule.period = chosen }
        return rule
    }
}
