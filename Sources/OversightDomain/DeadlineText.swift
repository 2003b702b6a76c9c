/// The language of the interface and of a deadline's explanation. Chinese is the default.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

extension CivilDate {
    /// The weekday's short name: 周一 … 周日, or Mon … Sun.
    public func weekdayName(_ lang: Language) -> String {
        switch lang {
        case .zh: return ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][weekday - 1]
        case .en: return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday - 1]
        }
    }
}

extension Deadline {
    /// A run of consecutive skipped days with one reason and name.
    public struct SkippedRun: Hashable, Sendable {
        public var first: CivilDate
        public var last: CivilDate
        public var reason: SkippedDay.Reason
        public var name: String?
        public var count: Int { first.days(until: last) + 1 }

        public init(first: CivilDate, last: CivilDate, reason: SkippedDay.Reason, name: String? = nil) {
            self.first = first
            self.last = last
            self.reason = reason
            self.name = name
        }
    }

    /// The skipped days grouped into runs (e.g. 2025-10-01 to 2025-10-08, 国庆节、中秋节).
    public var skippedRuns: [SkippedRun] {
        var runs: [SkippedRun] = []
        for s in skipped {
            if var r = runs.last, r.last.adding(days: 1) == s.date, r.reason == s.reason, r.name == s.name {
                r.last = s.date
                runs[runs.count - 1] = r
            } else {
                runs.append(SkippedRun(first: s.date, last: s.date, reason: s.reason, name: s.name))
            }
        }
        return runs
    }

    /// The explanation, one line each: due date, start, period and rule, raw end, skipped days, legal basis,
    /// warnings. Plain text; the caller lays it out. Which lines appear is decided once, here; only the
    /// words differ by language (`ExplanationWords`).
    public func explanation(_ lang: Language) -> [String] {
        let w = ExplanationWords.of(lang)
        let day = { (d: CivilDate) in w.day(d, d.weekdayName(lang)) }
        var out = [w.deadline(day(due), provisional), w.start(day(start)), w.period(lang == .zh ? period.chinese : period.english)]
        if let rule {
            out.append(w.rule(lang == .zh ? rule.zh : rule.en))
            out.append(w.words(rule.word, rule.source))
            if rule.isServiceLevel {
                out.append(w.serviceLevel)
                if let c = rule.county {
                    out.append(w.county(c.version, c.since, c.source))
                } else if let basis = rule.defaultBasis {
                    out.append(w.defaultLevel(basis))
                }
            } else {
                out.append(w.law)
            }
        }
        out.append(period.unit == .workdays ? w.nthWorkday(period.amount, day(raw)) : w.rawEnd(day(raw), clampedFromDay))
        for r in skippedRuns {
            let span = r.count == 1 ? "\(r.first)" : w.span(r.first, r.last)
            let notCounted = period.unit == .workdays && r.last < raw
            out.append(w.skipped(notCounted, span, r.count, w.reason(r.reason, r.name ?? "")))
        }
        if skipped.isEmpty { out.append(w.noRollOver) }
        for n in notices { out.append(w.notice(n)) }
        let counted = adjustedWorkdays.filter { $0 != due || period.unit == .workdays }
        if !counted.isEmpty { out.append(w.adjustedCounted(counted.map(\.description))) }
        if endsOnAdjustedWorkday { out.append(w.endsOnAdjusted) }
        if provisional { out.append(w.provisional(provisionalYears)) }
        out.append(w.basis)
        for c in counting { out.append(w.basisLine(lang == .zh ? c.zh : c.en, c.source)) }
        return out
    }
}

/// The words of a deadline's explanation in one language.
struct ExplanationWords: Sendable {
    let day: @Sendable (CivilDate, String) -> String
    let deadline: @Sendable (String, Bool) -> String
    let start: @Sendable (String) -> String
    let period: @Sendable (String) -> String
    let rule: @Sendable (String) -> String
    let words: @Sendable (String, String) -> String
    let serviceLevel: String
    let law: String
    let county: @Sendable (Int, CivilDate, String) -> String
    let defaultLevel: @Sendable (String) -> String
    let notice: @Sendable (String) -> String
    let nthWorkday: @Sendable (Int, String) -> String
    let rawEnd: @Sendable (String, Int?) -> String
    let span: @Sendable (CivilDate, CivilDate) -> String
    let reason: @Sendable (SkippedDay.Reason, String) -> String
    let skipped: @Sendable (Bool, String, Int, String) -> String
    let noRollOver: String
    let adjustedCounted: @Sendable ([String]) -> String
    let endsOnAdjusted: String
    let provisional: @Sendable ([Int]) -> String
    let basis: String
    let basisLine: @Sendable (String, String) -> String

    static func of(_ lang: Language) -> ExplanationWords {
        lang == .zh ? zh : en
    }

    static let zh = ExplanationWords(
        day: { "\($0)（\($1)）" },
        deadline: { "期限届满日：\($0)\($1 ? "（暂定）" : "")" },
        start: { "起算日：\($0)，送达或收到之日，当日不计入" },
        period: { "期间：\($0)" },
        rule: { "期限规则：\($0)" },
        words: { "原文：“\($0)”（\($1)）" },
        serviceLevel: "说明：原文未规定具体期限，以上期间为可配置的服务水平",
        law: "性质：法定期限",
        county: { "本县服务水平：第\($0)版，\($1)起施行（依据：\($2)）" },
        defaultLevel: { "本县未另行商定，按默认值：\($0)" },
        notice: { "节假日安排依据：\($0)" },
        nthWorkday: { "第\($0)个工作日：\($1)" },
        rawEnd: { raw, clamped in "原始届满日：\(raw)" + (clamped.map { "（到期月没有\($0)日，取月末日）" } ?? "") },
        span: { "\($0) 至 \($1)" },
        reason: { reason, name in
            switch reason {
            case .weekend: return "休息日（周末）"
            case .holiday: return "法定节假日（\(name)）"
            case .adjustedWorkdayReadAsRest: return "调休上班日，按设置视为休息日（\(name)）"
            }
        },
        skipped: { notCounted, span, count, what in "\(notCounted ? "不计" : "顺延跳过")：\(span)，共\(count)天，\(what)" },
        noRollOver: "顺延：无（届满日不是休息日）",
        adjustedCounted: { "调休上班日计为工作日：\($0.joined(separator: "、"))" },
        endsOnAdjusted: "注意：届满日为调休上班日（法律未明文规定，可在设置中改为顺延）",
        provisional: { "注意：\($0.map { "\($0)年" }.joined(separator: "、"))节假日安排尚未公布或未确认，仅按周末计算，结果为暂定" },
        basis: "计算依据：",
        basisLine: { "  · \($0)（\($1)）" })

    static let en = ExplanationWords(
        day: { "\($0) (\($1))" },
        deadline: { "Deadline: \($0)\($1 ? " (provisional)" : "")" },
        start: { "Start: \($0), the day of service or receipt, not counted" },
        period: { "Period: \($0)" },
        rule: { "Rule: \($0)" },
        words: { "Source's words: “\($0)” (\($1))" },
        serviceLevel: "Note: the source sets no number; the period is a configurable service level",
        law: "Nature: a period set by law",
        county: { "County service level: version \($0), in force from \($1) (set by: \($2))" },
        defaultLevel: { "Not set by the county: the default, \($0)" },
        notice: { "Holidays as set by: \($0)" },
        nthWorkday: { "Working day \($0): \($1)" },
        rawEnd: { raw, clamped in "Raw end: \(raw)" + (clamped.map { " (the end month has no day \($0): its last day)" } ?? "") },
        span: { "\($0) to \($1)" },
        reason: { reason, name in
            switch reason {
            case .weekend: return "weekend"
            case .holiday: return "public holiday (\(name))"
            case .adjustedWorkdayReadAsRest: return "adjusted working day read as a rest day by setting (\(name))"
            }
        },
        skipped: { notCounted, span, count, what in
            "\(notCounted ? "Not counted" : "Rolled past"): \(span), \(count) day\(count == 1 ? "" : "s"), \(what)"
        },
        noRollOver: "Roll-over: none (the last day is a working day)",
        adjustedCounted: { "Adjusted working days counted as working days: \($0.joined(separator: ", "))" },
        endsOnAdjusted: "Note: the period ends on an adjusted working day (调休); the law is silent, a setting rolls it over",
        provisional: { "Note: no confirmed holiday calendar for \($0.map(String.init).joined(separator: ", ")); counted on weekends alone, so provisional" },
        basis: "Basis:",
        basisLine: { "  · \($0) (\($1))" })
}
