/// A day a deadline computation passed over, and why.
public struct SkippedDay: Hashable, Sendable, Codable {
    public enum Reason: String, Hashable, Sendable, Codable {
        /// A Saturday or Sunday.
        case weekend
        /// An official day off (法定节假日 and its bridging days).
        case holiday
        /// An adjusted working day (调休) read as a rest day by the settings.
        case adjustedWorkdayReadAsRest = "adjusted-workday-read-as-rest"
    }

    public var date: CivilDate
    public var reason: Reason
    /// The holiday's name, where the notice gives one.
    public var name: String?

    public init(date: CivilDate, reason: Reason, name: String? = nil) {
        self.date = date
        self.reason = reason
        self.name = name
    }
}

/// A computed deadline that explains itself: start, rule and legal source, raw end, the days skipped and why.
public struct Deadline: Hashable, Sendable, Codable {
    /// The day of service or receipt (not counted).
    public var start: CivilDate
    public var period: Period
    /// The clock rule, when the period comes from one (nil for a bare period, as `oversight deadline` computes).
    public var rule: ClockRule?
    /// The end before rolling past rest days (for working days: the last working day counted).
    public var raw: CivilDate
    /// The last day of the period.
    public var due: CivilDate
    /// For a month period whose end month has no corresponding day: the day asked for (e.g. 31 for Feb 28).
    public var clampedFromDay: Int?
    /// Rest days passed over: after the raw end for day and month periods, inside the period for working days.
    public var skipped: [SkippedDay]
    /// Adjusted working days (调休) counted as working days, or a raw end left in place because it is one.
    public var adjustedWorkdays: [CivilDate]
    /// True when `due` rests on a year with no confirmed holiday calendar (weekends only).
    public var provisional: Bool
    /// The years without a confirmed calendar that the computation touched.
    public var provisionalYears: [Int]
    /// The holiday notices that decided a skipped day or an adjusted working day counted, by their titles, in order.
    public var notices: [String] = []
    /// The reading of adjusted working days in force.
    public var reading: AdjustedWorkdayReading
    /// The counting rules applied, with their legal sources, in order.
    public var counting: [CountingRule]

    /// True when the period ends on an adjusted working day (the grey zone the law leaves open).
    public var endsOnAdjustedWorkday: Bool { adjustedWorkdays.contains(due) }
}

/// Why a period cannot be computed.
public enum PeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The amount is zero, negative or absurdly large.
    case amountOutOfRange(Period)
    /// The result would fall outside the years 1–9999.
    case dateOutOfRange(CivilDate)

    public var description: String {
        switch self {
        case .amountOutOfRange(let p):
            return "period \(p) out of range: use a whole number from 1 to \(Period.limit(p.unit))"
        case .dateOutOfRange(let d):
            return "start date \(d) is too late: the deadline would fall after the year 9999"
        }
    }
}

/// Computes legal deadlines over a holiday calendar (民法典 Arts. 201–203).
public struct PeriodCalculator: Sendable {
    public var calendar: HolidayCalendar
    public var settings: ClockSettings

    public init(calendar: HolidayCalendar, settings: ClockSettings) {
        self.calendar = calendar
        self.settings = settings
    }

    /// The last day of a period of `months` months starting after `start`, rolled past rest days.
    public func due(from start: CivilDate, months: Int) -> CivilDate {
        rollForward(start.adding(months: months))
    }

    /// The last day of a period of `days` calendar days starting after `start`, rolled past rest days.
    public func due(from start: CivilDate, days: Int) -> CivilDate {
        rollForward(start.adding(days: days))
    }

    /// The `workdays`-th working day after `start` (a non-positive count gives the first working day after it).
    public func due(from start: CivilDate, workdays: Int) -> CivilDate {
        var d = start, counted = 0
        repeat {
            d = d.adding(days: 1)
            if !calendar.isRestDay(d) { counted += 1 }
        } while counted < max(workdays, 1)
        return rollForward(d)
    }

    /// The first day on or after `date` that is not a rest day, under the settings' reading of 调休.
    public func rollForward(_ date: CivilDate) -> CivilDate {
        var d = date
        while calendar.isRestDay(d, reading: settings.adjustedWorkdays) { d = d.adding(days: 1) }
        return d
    }

    /// Whether `date` is a rest day under the settings.
    public func isRestDay(_ date: CivilDate) -> Bool {
        calendar.isRestDay(date, reading: settings.adjustedWorkdays)
    }

    /// The deadline of the clock `rule`, started by service or receipt on `start`.
    public func deadline(from start: CivilDate, rule: ClockRule) throws(PeriodError) -> Deadline {
        var d = try deadline(from: start, period: rule.period)
        d.rule = rule
        return d
    }

    /// The deadline of `period` started on `start`, explained.
    public func deadline(from start: CivilDate, period: Period) throws(PeriodError) -> Deadline {
        guard (1...Period.limit(period.unit)).contains(period.amount) else {
            throw .amountOutOfRange(period)
        }
        guard start.year <= 9800 else { throw .dateOutOfRange(start) }
        var counting = [settings.rules.counting(.startDayExcluded)]
        var skipped: [SkippedDay] = []
        var adjusted: [CivilDate] = []
        var clamped: Int?
        let raw: CivilDate
        let due: CivilDate
        let touched: ClosedRange<Int>

        switch period.unit {
        case .months, .days:
            if period.unit == .months {
                raw = start.adding(months: period.amount)
                counting.append(settings.rules.counting(.monthEnd))
                if raw.day < start.day { clamped = start.day }
            } else {
                raw = start.adding(days: period.amount)
            }
            counting.append(settings.rules.counting(.restDayRollOver))
            var d = raw
            while let reason = calendar.restReason(d, reading: settings.adjustedWorkdays) {
                skipped.append(Self.skip(d, reason))
                d = d.adding(days: 1)
            }
            due = d
            if calendar.isAdjustedWorkday(due) { adjusted.append(due) }
            touched = raw.year...due.year
        case .workdays:
            counting.append(settings.rules.counting(.workdays))
            var d = start, counted = 0
            while counted < period.amount {
                d = d.adding(days: 1)
                if let reason = calendar.restReason(d) {
                    skipped.append(Self.skip(d, reason))
                } else {
                    counted += 1
                    if calendar.isAdjustedWorkday(d) { adjusted.append(d) }
                }
            }
            raw = d
            // The roll-over rule still governs the last day: under the strict reading of 调休 a count that ends
            // on an adjusted working day moves on to the next working day.
            while let reason = calendar.restReason(d, reading: settings.adjustedWorkdays) {
                skipped.append(Self.skip(d, reason))
                d = d.adding(days: 1)
            }
            due = d
            if due != raw { counting.append(settings.rules.counting(.restDayRollOver)) }
            touched = start.adding(days: 1).year...due.year
        }
        if !adjusted.isEmpty { counting.append(settings.rules.counting(.adjustedWorkday)) }
        if skipped.contains(where: { $0.reason == .adjustedWorkdayReadAsRest }) {
            counting.append(settings.rules.counting(.adjustedWorkdayAsRest))
        }
        let unconfirmed = touched.filter { calendar.isProvisional(year: $0) }
        let decided = Set(skipped.filter { $0.reason != .weekend }.map(\.date.year) + adjusted.map(\.year))
        return Deadline(
            start: start, period: period, rule: nil, raw: raw, due: due, clampedFromDay: clamped,
            skipped: skipped, adjustedWorkdays: adjusted, provisional: !unconfirmed.isEmpty,
            provisionalYears: unconfirmed, notices: decided.sorted().compactMap { calendar.years[$0]?.source },
            reading: settings.adjustedWorkdays, counting: counting)
    }

    private static func skip(_ date: CivilDate, _ reason: HolidayCalendar.RestReason) -> SkippedDay {
        switch reason {
        case .weekend: return SkippedDay(date: date, reason: .weekend)
        case .holiday(let name): return SkippedDay(date: date, reason: .holiday, name: name)
        case .adjustedWorkdayReadAsRest(let name):
            return SkippedDay(date: date, reason: .adjustedWorkdayReadAsRest, name: name)
        }
    }
}
