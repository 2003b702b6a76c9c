/// Computes legal deadlines over a holiday calendar (民法典 Arts. 201–203; see domain-research.md §3).
public struct PeriodCalculator: Sendable {
    public var calendar: HolidayCalendar

    public init(calendar: HolidayCalendar) {
        self.calendar = calendar
    }

    /// The last day of a period of `months` months starting after `start`, rolled past rest days.
    public func due(from start: CivilDate, months: Int) -> CivilDate {
        rollForward(start.adding(months: months))
    }

    /// The last day of a period of `days` calendar days starting after `start`, rolled past rest days.
    public func due(from start: CivilDate, days: Int) -> CivilDate {
        rollForward(start.adding(days: days))
    }

    /// The first day on or after `date` that is not a rest day.
    public func rollForward(_ date: CivilDate) -> CivilDate {
        var d = date
        while calendar.isRestDay(d) { d = d.adding(days: 1) }
        return d
    }
}
