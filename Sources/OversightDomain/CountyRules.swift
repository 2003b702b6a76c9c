import Foundation

/// A period or figure the county sets itself (Art. 12: the justice bureau and the procuratorate interpret the
/// mechanism together): a service level the source leaves open (及时, 应当予以配合), or the alert window. The
/// periods the law sets are not among them.
public enum CountyRuleKey: Hashable, Sendable, CaseIterable {
    case clock(ClockRuleID)
    /// Days ahead that count as "due soon" (the title line's and the alerts' window).
    case alertWindow

    public static var allCases: [CountyRuleKey] {
        ClockRuleID.allCases.map(CountyRuleKey.clock) + [.alertWindow]
    }

    /// The key as `rules list` prints it and `rules propose` takes it: the clock rule's id, or `alert-window`.
    public var rawValue: String {
        switch self {
        case .clock(let id): return id.rawValue
        case .alertWindow: return "alert-window"
        }
    }

    public init?(rawValue: String) {
        if rawValue == "alert-window" { self = .alertWindow; return }
        guard let id = ClockRuleID(rawValue: rawValue) else { return nil }
        self = .clock(id)
    }

    /// The rule `text` names: its code (`transfer-feedback`), or a name of `names` (移送处理反馈期限, the string tables'
    /// `rule.KEY` in either language); blanks around it ignored.
    public static func named(_ text: String, in names: [String: CountyRuleKey]) -> CountyRuleKey? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return CountyRuleKey(rawValue: t) ?? names[t]
    }

    /// The unit a value typed without one is read in: the rule's own, days for the alert window.
    public func unit(in book: RuleBook) -> PeriodUnit {
        if case .clock(let id) = self { return book.clock(id).period.unit }
        return .days
    }

    /// Whether the county may set it: a service level or the alert window, never a period of law (nor the
    /// urgent suggestion's, which the procuratorate sets matter by matter).
    public func settable(in book: RuleBook) -> Bool {
        switch self {
        case .alertWindow: return true
        case .clock(.suggestionUrgentReply): return false
        case .clock(let id): return book.clock(id).isServiceLevel
        }
    }
}

extension Period {
    /// A period as a person types it: a number alone (in `unit`), or with its unit in either language —
    /// 20日, 20天, 20 days, 20d; 10个工作日, 10工作日, 10 workdays, 10 working days; 2个月, 2月, 2 months.
    /// Nil when it is none of these or out of range (1 to `Period.limit`).
    public static func parse(_ text: String, unit fallback: PeriodUnit) -> Period? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6, let amount = Int(digits) else { return nil }
        let rest = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let unit: PeriodUnit
        switch rest {
        case "": unit = fallback
        case "日", "天", "d", "day", "days", "calendar days": unit = .days
        case "个工作日", "工作日", "wd", "workday", "workdays", "working day", "working days": unit = .workdays
        case "个月", "月", "m", "month", "months": unit = .months
        default: return nil
        }
        guard (1...Period.limit(unit)).contains(amount) else { return nil }
        return Period(amount, unit)
    }
}
