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
/// when a period ends on it. The law does not say (domain-research.md §3.4): by default it is a working day,
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

/// The counting rules of Chinese law on periods (期间), as data (domain-research.md §3.1–3.4).
public enum CountingRules {
    public static let startDayExcluded = CountingRule(
        id: "start-day-excluded",
        zh: "开始的当日不计入，自下一日开始计算",
        en: "the start day is not counted; counting begins the next day",
        source: "《民法典》第二百零一条；《民事诉讼法》第八十五条")
    public static let monthEnd = CountingRule(
        id: "month-end",
        zh: "到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日",
        en: "a period in months ends on the corresponding day of the last month, or on that month's last day if it has none",
        source: "《民法典》第二百零二条")
    public static let restDayRollOver = CountingRule(
        id: "rest-day-roll-over",
        zh: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日",
        en: "when the last day is a rest day or statutory holiday, the period ends on the first working day after it",
        source: "《民法典》第二百零三条；《民事诉讼法》第八十五条")
    public static let workdays = CountingRule(
        id: "workdays",
        zh: "按工作日计算，不含法定节假日和休息日",
        en: "counted in working days, leaving out rest days and statutory holidays",
        source: "《行政处罚法》第八十五条；《行政强制法》第六十九条；《行政复议法》第八十八条")
    public static let adjustedWorkday = CountingRule(
        id: "adjusted-workday",
        zh: "调休上班日视为工作日（法律未明文规定，可在设置中改变）",
        en: "an adjusted working day (调休) counts as a working day (the law is silent; a setting changes this)",
        source: "国务院办公厅节假日安排通知；domain-research.md §3.4")
    public static let adjustedWorkdayAsRest = CountingRule(
        id: "adjusted-workday-as-rest",
        zh: "期间届满日为调休上班日的，按设置视为休息日顺延（法律未明文规定）",
        en: "a period ending on an adjusted working day (调休) rolls over as if it were a rest day, by setting (the law is silent)",
        source: "《民法典》第二百零三条；domain-research.md §3.4")
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

    public init(
        id: ClockRuleID, period: Period, isServiceLevel: Bool, word: String, source: String, zh: String, en: String
    ) {
        self.id = id
        self.period = period
        self.isServiceLevel = isServiceLevel
        self.word = word
        self.source = source
        self.zh = zh
        self.en = en
    }
}

/// The clock configuration: service levels for the periods the source leaves open, the reading of adjusted
/// working days, and the alert window. A value passed in; every field has a default.
public struct ClockSettings: Hashable, Sendable, Codable {
    /// Art. 9 "及时书面反馈": default 30 days, after 山东省行政执法监督条例 Art. 28 (not binding in Shanxi).
    public var transferFeedback: Period
    /// Art. 7 ¶2 "应当予以配合": default 10 working days, after 重庆市行政执法监督条例 Art. 20 (not binding).
    public var inspectionCooperation: Period
    /// Art. 11 supervision application: default 3 months, after the 广东 2020 opinion (result within 3 months).
    public var supervisionDecision: Period
    /// How a period ending on an adjusted working day (调休) is read.
    public var adjustedWorkdays: AdjustedWorkdayReading
    /// Days ahead that count as "due soon".
    public var alertWindow: Int

    public init(
        transferFeedback: Period = .days(30),
        inspectionCooperation: Period = .workdays(10),
        supervisionDecision: Period = .months(3),
        adjustedWorkdays: AdjustedWorkdayReading = .workingDay,
        alertWindow: Int = AlertRules.defaultWindow
    ) {
        self.transferFeedback = transferFeedback
        self.inspectionCooperation = inspectionCooperation
        self.supervisionDecision = supervisionDecision
        self.adjustedWorkdays = adjustedWorkdays
        self.alertWindow = alertWindow
    }

    public static let standard = ClockSettings()

    /// The rule `id` under these settings; `urgentPeriod` is the period the procuratorate set for an urgent
    /// ordinary suggestion (工作规定 Art. 19).
    public func rule(_ id: ClockRuleID, urgentPeriod: Period? = nil) -> ClockRule {
        switch id {
        case .suggestionReply:
            return ClockRule(
                id: id, period: .months(2), isServiceLevel: false,
                word: "二个月之内予以书面回复",
                source: "《行政执法监督与行政检察监督协作配合工作机制（试行）》第八条；《人民检察院检察建议工作规定》第十九条",
                zh: "检察建议书面回复期限，自收到检察建议书之日起计算",
                en: "written reply to a procuratorial suggestion, counted from its receipt")
        case .suggestionUrgentReply:
            return ClockRule(
                id: id, period: urgentPeriod ?? .days(15), isServiceLevel: true,
                word: "因情况紧急……可以根据实际情况确定相应的回复期限",
                source: "《人民检察院检察建议工作规定》第十九条",
                zh: "紧急情况下检察院确定的回复期限",
                en: "reply period set by the procuratorate in an urgent case")
        case .publicInterestReply:
            return ClockRule(
                id: id, period: .months(2), isServiceLevel: false,
                word: "在收到检察建议书之日起两个月内依法履行职责，并书面回复人民检察院",
                source: "《最高人民法院 最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条",
                zh: "公益诉讼诉前检察建议书面回复期限",
                en: "written reply to a public-interest pre-litigation suggestion")
        case .publicInterestUrgentReply:
            return ClockRule(
                id: id, period: .days(15), isServiceLevel: false,
                word: "出现国家利益或者社会公共利益损害继续扩大等紧急情形的，行政机关应当在十五日内书面回复",
                source: "《最高人民法院 最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条",
                zh: "公益诉讼诉前检察建议紧急情形书面回复期限",
                en: "urgent reply to a public-interest pre-litigation suggestion (harm still spreading)")
        case .transferFeedback:
            return ClockRule(
                id: id, period: transferFeedback, isServiceLevel: true,
                word: "及时",
                source: "《行政执法监督与行政检察监督协作配合工作机制（试行）》第九条（“县司法局应当将处理结果及时书面反馈县检察院”）",
                zh: "移送审查处理结果书面反馈（原文为“及时”，期限为服务水平设置）",
                en: "written feedback on a transfer (the source says \"timely\"; the period is a service level)")
        case .inspectionCooperation:
            return ClockRule(
                id: id, period: inspectionCooperation, isServiceLevel: true,
                word: "应当予以配合",
                source: "《行政执法监督与行政检察监督协作配合工作机制（试行）》第七条第二款",
                zh: "配合调阅案卷、调取证据、询问（原文未定期限，期限为服务水平设置）",
                en: "cooperation with file inspection, evidence and questioning (no period in the source; a service level)")
        case .supervisionDecision:
            return ClockRule(
                id: id, period: supervisionDecision, isServiceLevel: true,
                word: "可以依法向县检察院提出监督申请",
                source: "《行政执法监督与行政检察监督协作配合工作机制（试行）》第十一条",
                zh: "监督申请审查答复（原文未定期限，期限为服务水平设置）",
                en: "answer to a supervision application (no period in the source; a service level)")
        }
    }
}
