import Foundation

/// The official rest days and adjusted working days (调休) of the years it knows.
/// Built from data files (one a year); a year with no file counts weekends only.
public struct HolidayCalendar: Sendable, Hashable {
    public struct Day: Hashable, Sendable, Codable {
        public var date: CivilDate
        public var name: String
        /// true: an official day off; false: an adjusted working day (调休上班).
        public var off: Bool
    }

    public struct Year: Hashable, Sendable, Codable {
        public var year: Int
        public var source: String
        public var confirmed: Bool
        public var days: [Day]
    }

    public private(set) var years: [Int: Year] = [:]
    private var byDate: [CivilDate: Day] = [:]

    public init(years: [Year] = []) {
        for y in years { add(y) }
    }

    /// Parses one year's JSON file (see Resources/holidays).
    public static func parseYear(_ data: Data) throws -> Year {
        try JSONDecoder().decode(Year.self, from: data)
    }

    public mutating func add(_ year: Year) {
        years[year.year] = year
        for d in year.days { byDate[d.date] = d }
    }

    public func knows(year: Int) -> Bool { years[year] != nil }

    /// The official entry for a date, if the notice names it.
    public func entry(_ date: CivilDate) -> Day? { byDate[date] }

    /// Whether no work is done on `date`: an official day off, or a weekend not turned into a working day.
    public func isRestDay(_ date: CivilDate) -> Bool {
        if let d = byDate[date] { return d.off }
        return date.isWeekend
    }
}
