import Foundation
import OversightDomain

/// The data files shipped with Oversight: interface strings, the demo data set and holiday calendars.
public enum OversightResources {
    public enum Failure: Error, CustomStringConvertible {
        case missing(String)
        public var description: String {
            switch self {
            case .missing(let path):
                return "resource \(path) is missing: reinstall Oversight (the oversight_OversightResources.resources folder must sit beside the binary)"
            }
        }
    }

    /// The bytes of `folder/name`.
    public static func data(_ folder: String, _ name: String) throws -> Data {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: folder) else {
            throw Failure.missing("\(folder)/\(name)")
        }
        return try Data(contentsOf: url)
    }

    /// Every file in `folder` with the given extension, sorted by name.
    public static func files(_ folder: String, ext: String) -> [URL] {
        guard let dir = Bundle.module.url(forResource: folder, withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The holiday calendars shipped, one file a year.
    public static func holidayCalendar() throws -> HolidayCalendar {
        HolidayCalendar(years: try files("holidays", ext: "json").map { try HolidayCalendar.parseYear(try Data(contentsOf: $0)) })
    }

    /// The rule book: counting rules and clock rules with their legal sources.
    public static func ruleBook() throws -> RuleBook {
        try RuleBook.parse(try data("rules", "periods.json"))
    }

    /// The legal clock with the shipped calendars, the rule book and the standard settings.
    public static func clock() throws -> PeriodCalculator {
        PeriodCalculator(calendar: try holidayCalendar(), settings: ClockSettings(rules: try ruleBook()))
    }
}
