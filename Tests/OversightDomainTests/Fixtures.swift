import Foundation
import OversightDomain
import OversightResources

/// The shipped holiday calendars, loaded as the CLI loads them.
enum Fixtures {
    static let years: [HolidayCalendar.Year] = OversightResources.files("holidays", ext: "json").map { url in
        // A broken file must fail the tests loudly.
        try! HolidayCalendar.parseYear(Data(contentsOf: url))
    }
    static let calendar = HolidayCalendar(years: years)
    static let calculator = PeriodCalculator(calendar: calendar)

    static func date(_ s: String) -> CivilDate {
        guard let d = CivilDate(s) else { fatalError("bad fixture date \(s)") }
        return d
    }
}
