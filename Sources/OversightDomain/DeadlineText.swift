/// The language of a deadline's explanation.
public enum ExplanationLanguage: String, Sendable, CaseIterable {
    case zh, en
}

extension CivilDate {
    /// The weekday's short name: 周一 … 周日, or Mon … Sun.
    public func weekdayName(_ lang: ExplanationLanguage) -> String {
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
    /// warnings. Plain text; the caller lays it out.
    public func explanation(_ lang: ExplanationLanguage) -> [String] {
        func day(_ d: CivilDate) -> String {
            lang == .zh ? "\(d)（\(d.weekdayName(.zh))）" : "\(d) (\(d.weekdayName(.en)))"
        }
        var out: [String] = []
        switch lang {
        case .zh:
            out.append("期限届满日：\(day(due))\(provisional ? "（暂定）" : "")")
            out.append("起算日：\(day(start))，送达或收到之日，当日不计入")
            out.append("期间：\(period.chinese)")
            if let rule {
                out.append("期限规则：\(rule.zh)")
                out.append("原文：“\(rule.word)”（\(rule.source)）")
                if rule.isServiceLevel { out.append("说明：原文未规定具体期限，以上期间为可配置的服务水平") }
            }
            if period.unit == .workdays {
                out.append("第\(period.amount)个工作日：\(day(raw))")
            } else {
                let clamp = clampedFromDay.map { "（到期月没有\($0)日，取月末日）" } ?? ""
                out.append("原始届满日：\(day(raw))\(clamp)")
            }
            for r in skippedRuns {
                let what: String
                switch r.reason {
                case .weekend: what = "休息日（周末）"
                case .holiday: what = "法定节假日（\(r.name ?? "")）"
                case .adjustedWorkdayReadAsRest: what = "调休上班日，按设置视为休息日（\(r.name ?? "")）"
                }
                let span = r.count == 1 ? "\(r.first)" : "\(r.first) 至 \(r.last)"
                out.append("\(period.unit == .workdays && r.last < raw ? "不计" : "顺延跳过")：\(span)，共\(r.count)天，\(what)")
            }
            if skipped.isEmpty { out.append("顺延：无（届满日不是休息日）") }
            let counted = adjustedWorkdays.filter { $0 != due || period.unit == .workdays }
            if !counted.isEmpty { out.append("调休上班日计为工作日：\(counted.map(\.description).joined(separator: "、"))") }
            if endsOnAdjustedWorkday { out.append("注意：届满日为调休上班日（法律未明文规定，可在设置中改为顺延）") }
            if provisional {
                let ys = provisionalYears.map { "\($0)年" }.joined(separator: "、")
                out.append("注意：\(ys)节假日安排尚未公布或未确认，仅按周末计算，结果为暂定")
            }
            out.append("计算依据：")
            for c in counting { out.append("  · \(c.zh)（\(c.source)）") }
        case .en:
            out.append("Deadline: \(day(due))\(provisional ? " (provisional)" : "")")
            out.append("Start: \(day(start)), the day of service or receipt, not counted")
            out.append("Period: \(period.english)")
            if let rule {
                out.append("Rule: \(rule.en)")
                out.append("Source's words: “\(rule.word)” (\(rule.source))")
                if rule.isServiceLevel { out.append("Note: the source sets no number; the period is a configurable service level") }
            }
            if period.unit == .workdays {
                out.append("Working day \(period.amount): \(day(raw))")
            } else {
                let clamp = clampedFromDay.map { " (the end month has no day \($0): its last day)" } ?? ""
                out.append("Raw end: \(day(raw))\(clamp)")
            }
            for r in skippedRuns {
                let what: String
                switch r.reason {
                case .weekend: what = "weekend"
                case .holiday: what = "public holiday (\(r.name ?? ""))"
                case .adjustedWorkdayReadAsRest: what = "adjusted working day read as a rest day by setting (\(r.name ?? ""))"
                }
                let span = r.count == 1 ? "\(r.first)" : "\(r.first) to \(r.last)"
                let verb = period.unit == .workdays && r.last < raw ? "Not counted" : "Rolled past"
                out.append("\(verb): \(span), \(r.count) day\(r.count == 1 ? "" : "s"), \(what)")
            }
            if skipped.isEmpty { out.append("Roll-over: none (the last day is a working day)") }
            let counted = adjustedWorkdays.filter { $0 != due || period.unit == .workdays }
            if !counted.isEmpty {
                out.append("Adjusted working days counted as working days: \(counted.map(\.description).joined(separator: ", "))")
            }
            if endsOnAdjustedWorkday {
                out.append("Note: the period ends on an adjusted working day (调休); the law is silent, a setting rolls it over")
            }
            if provisional {
                let ys = provisionalYears.map(String.init).joined(separator: ", ")
                out.append("Note: no confirmed holiday calendar for \(ys); counted on weekends alone, so provisional")
            }
            out.append("Basis:")
            for c in counting { out.append("  · \(c.en) (\(c.source))") }
        }
        return out
    }
}
