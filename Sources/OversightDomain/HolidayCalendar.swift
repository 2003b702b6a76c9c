import Foundation

/// The official rest days and adjusted working days (调休) of the years it knows.
/// Built from data files (one a year); a year with no file counts weekends only.
public struct HolidayCalendar: Sendable, Hashable {
    public struct Day: Hashable, Sendable, Codable {
        public var date: CivilDate
        public var name: String
        /// true: an official day off; false: an adjusted working day (调休上班).
        public var off: Bool

        public init(date: CivilDate, name: String, off: Bool) {
            self.date = date
            self.name = name
            self.off = off
        }
    }

    public struct Year: Hashable, Sendable, Codable {
        public var year: Int
        /// The notice the file was taken from (title, document number, date).
        public var source: String
        /// false while the year's notice is not yet published or not checked: its deadlines are provisional.
        public var confirmed: Bool
        public var days: [Day]
        /// The notice's document number (e.g. 国办发明电〔2024〕12号), when known.
        public var document: String?
        /// The day the notice was issued, when known.
        public var published: CivilDate?
        /// How the file was checked, and anything not verified.
        public var note: String?

        public init(
            year: Int, source: String, confirmed: Bool, days: [Day],
            document: String? = nil, published: CivilDate? = nil, note: String? = nil
        ) {
            self.year = year
            self.source = source
            self.confirmed = confirmed
            self.days = days
            self.document = document
            self.published = published
            self.note = note
        }
    }

    /// Why a day is not worked.
    public enum RestReason: Hashable, Sendable {
        /// A Saturday or Sunday not turned into a working day.
        case weekend
        /// An official day off of the named holiday.
        case holiday(String)
        /// A weekend day the notice makes a working day (调休上班), read as a rest day by the clock settings.
        case adjustedWorkdayReadAsRest(String)
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
        if let old = years[year.year] {
            for d in old.days where byDate[d.date] == d { byDate[d.date] = nil }
        }
        years[year.year] = year
        for d in year.days { byDate[d.date] = d }
    }

    public func knows(year: Int) -> Bool { years[year] != nil }

    /// True when dates of `year` are counted on weekends alone or on an unconfirmed notice.
    public func isProvisional(year: Int) -> Bool {
        guard let y = years[year] else { return true }
        return !y.confirmed
    }

    /// The official entry for a date, if the notice names it.
    public func entry(_ date: CivilDate) -> Day? { byDate[date] }

    /// Whether no work is done on `date`: an official day off, or a weekend not turned into a working day.
    public func isRestDay(_ date: CivilDate) -> Bool {
        if let d = byDate[date] { return d.off }
        return date.isWeekend
    }

    /// Whether `date` is a rest day under a reading of adjusted working days (see `AdjustedWorkdayReading`).
    public func isRestDay(_ date: CivilDate, reading: AdjustedWorkdayReading) -> Bool {
        restReason(date, reading: reading) != nil
    }

    /// Why `date` is a rest day, or nil for a working day.
    public func restReason(_ date: CivilDate, reading: AdjustedWorkdayReading = .workingDay) -> RestReason? {
        if let d = byDate[date] {
            if d.off { return .holiday(d.name) }
            if reading == .restDay && date.isWeekend { return .adjustedWorkdayReadAsRest(d.name) }
            return nil
        }
        return date.isWeekend ? .weekend : nil
    }

    /// True when `date` is a weekend day the notice turns into a working day (调休上班).
    public func isAdjustedWorkday(_ date: CivilDate) -> Bool {
        if let d = byDate[date] { return !d.off && date.isWeekend }
        return false
    }
}
