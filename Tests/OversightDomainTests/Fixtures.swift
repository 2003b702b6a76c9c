import Foundation
import OversightDomain
import OversightResources

/// The shipped holiday calendars and rule book, loaded as the CLI loads them.
enum Fixtures {
    static let years: [HolidayCalendar.Year] = OversightResources.files("holidays", ext: "json").map { url in
        // A broken file must fail the tests loudly.
        try! HolidayCalendar.parseYear(Data(contentsOf: url))
    }
    static let calendar = HolidayCalendar(years: years)
    /// The shipped rule book (a broken file fails the tests loudly).
    static let rules = try! OversightResources.ruleBook()
    /// The standard clock settings: the rule book's own periods.
    static let settings = ClockSettings(rules: rules)
    static let calculator = PeriodCalculator(calendar: calendar, settings: settings)

    static func date(_ s: String) -> CivilDate {
        guard let d = CivilDate(s) else { fatalError("bad fixture date \(s)") }
        return d
    }
}
