/// A date as a person types it into a form: "2025-10-09", "today" / "今天" / "今日",
/// "yesterday" / "昨天", or a number of days from today ("+3", "-2"). Full-width digits, signs
/// and hyphens ("＋３", "２０２５－１０－０９") count as their ASCII forms; surrounding spaces
/// (also the ideographic space) are ignored, and the English words are case-insensitive.
public enum DateInput {
    /// The date `text` names, `today` being the day relative forms count from.
    public static func parse(_ text: String, today: CivilDate) -> Result<CivilDate, DateInputError> {
        let input = normalized(text)
        switch input.lowercased() {
        case "today", "今天", "今日": return .success(today)
        case "yesterday", "昨天": return shifted(today, by: -1, text)
        default: break
        }
        if let sign = input.first, sign == "+" || sign == "-" {
            let digits = input.dropFirst()
            // At most five digits: further than 99999 days is never a deadline, and Int stays safe.
            guard (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let n = Int(digits) else { return .failure(DateInputError(input: text, reason: .unrecognized)) }
            return shifted(today, by: sign == "+" ? n : -n, text)
        }
        if let date = CivilDate(input) { return .success(date) }
        if looksLikeDate(input) { return .failure(DateInputError(input: text, reason: .noSuchDate)) }
        return .failure(DateInputError(input: text, reason: .unrecognized))
    }

    private static func shifted(_ today: CivilDate, by days: Int, _ text: String) -> Result<CivilDate, DateInputError> {
        let date = today.adding(days: days)
        guard CivilDate(year: date.year, month: date.month, day: date.day) != nil else {
            return .failure(DateInputError(input: text, reason: .outOfRange))
        }
        return .success(date)
    }

    /// `YYYY-MM-DD` in shape (digits where digits go) but maybe no such day.
    private static func looksLikeDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2]
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Trimmed, with full-width digits, plus and hyphen-minus (and the minus sign) made ASCII.
    static func normalized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0xFF10...0xFF19: out.append(Unicode.Scalar(s.value - 0xFF10 + 0x30)!)  // ０…９
            case 0xFF0B: out.append("+")  // ＋
            case 0xFF0D, 0x2212: out.append("-")  // － and −
            default: out.append(s)
            }
        }
        return String(out).trimmingWhitespace()
    }
}

/// Why a typed date was refused. `description` says it in English, `zh` in Chinese; both list
/// the forms accepted.
public struct DateInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// Not one of the accepted forms.
        case unrecognized
        /// In the form YYYY-MM-DD but no such day (2025-02-30, month 13).
        case noSuchDate
        /// A relative date before year 1 or after 9999.
        case outOfRange
    }

    /// What was typed, as typed.
    public let input: String
    public let reason: Reason

    public init(input: String, reason: Reason) {
        self.input = input
        self.reason = reason
    }

    public var description: String {
        let what: String
        switch reason {
        case .unrecognized: what = "“\(input)” is not a date I understand."
        case .noSuchDate: what = "There is no such day as “\(input)”."
        case .outOfRange: what = "“\(input)” is too far from today."
        }
        return what + " Type a date as YYYY-MM-DD (2025-10-09), today, yesterday, "
            + "or a number of days from today such as +3 or -2."
    }

    /// The message in Chinese.
    public var zh: String {
        let what: String
        switch reason {
        case .unrecognized: what = "无法识别日期“\(input)”。"
        case .noSuchDate: what = "日期“\(input)”不存在。"
        case .outOfRange: what = "“\(input)”离今天太远。"
        }
        return what + "请输入 YYYY-MM-DD 格式的日期（如 2025-10-09）、今天（今日）、昨天，"
            + "或相对今天的天数（如 +3、-2）。"
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
