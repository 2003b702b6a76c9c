import ArgumentParser
import Foundation
import OversightDomain
import OversightResources

/// `oversight deadline --from YYYY-MM-DD (--months N | --days N | --workdays N) [--json] [--lang zh|en]`:
/// computes a legal deadline over the shipped holiday calendars and explains it.
/// Exit 0 on success; 2 on a bad date, period or option (the message on standard error says what to do).
public struct DeadlineCommand: ParsableCommand, TakesGlobalOptions {
    public static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "Compute a legal deadline and explain it (计算法定期限并说明).",
        discussion: """
            The start day (service or receipt) is not counted; a period in months ends on the corresponding day, \
            or the month's last day; a last day that is a rest day or holiday rolls to the next working day \
            (民法典 Arts. 201-203). Years with no holiday calendar count weekends only and are marked provisional.
            """)

    // Options are read as text and checked here, so that every bad value gets a clear message and exit code 2.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The day of service or receipt (not counted).", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A period in calendar months.", valueName: "N"))
    var months: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A period in calendar days.", valueName: "N"))
    var days: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A period in working days.", valueName: "N"))
    var workdays: String?

    @Flag(name: .long, help: "Print JSON (due, raw, provisional, and the explanation).")
    var json = false

    /// --db, --user, --today and --lang, as every command takes them; --lang sets the explanation's language.
    @OptionGroup var globals: GlobalOptions

    @Flag(name: .long, help: "Read a period ending on an adjusted working day (调休) as a rest day.")
    var adjustedAsRest = false

    public init() {}

    public func run() throws {
        // --lang was checked with the other global options.
        let language = try globals.language()
        let s = try globals.presenter().strings
        func usage(_ key: String, _ values: [String: CustomStringConvertible] = [:]) -> UsageError {
            UsageError(s("cli.deadline.usage", ["problem": s(key, values)]))
        }
        guard let fromText = from else { throw usage("cli.deadline.no-from") }
        guard let start = CivilDate(fromText) else { throw usage("cli.deadline.bad-from", ["x": safe(fromText)]) }
        let given = [("months", months, PeriodUnit.months), ("days", days, .days), ("workdays", workdays, .workdays)]
            .compactMap { name, value, unit in value.map { (name, $0, unit) } }
        guard given.count == 1, let (name, text, unit) = given.first else {
            throw usage("cli.deadline.one-period")
        }
        guard let amount = Int(text), (1...Period.limit(unit)).contains(amount) else {
            throw usage("cli.deadline.bad-amount", ["name": name, "x": safe(text), "limit": Period.limit(unit)])
        }

        var clock = try OversightResources.clock()
        clock.settings.adjustedWorkdays = adjustedAsRest ? .restDay : .workingDay
        let deadline: Deadline
        do throws(PeriodError) {
            deadline = try clock.deadline(from: start, period: Period(amount, unit))
        } catch {
            switch error {
            case .amountOutOfRange(let p): throw usage("cli.deadline.amount-out-of-range", ["limit": Period.limit(p.unit)])
            case .dateOutOfRange(let d): throw usage("cli.deadline.out-of-range", ["x": d])
            }
        }

        if json {
            print(try OversightCLI.json(DeadlineJSON(deadline, language: language)))
        } else {
            for line in deadline.explanation(language) { print(safe(line)) }
        }
    }

}

/// The JSON form: a contract for scripts (`due`, `raw`, `provisional` at least).
struct DeadlineJSON: Encodable {
    struct Skip: Encodable {
        var date: String
        var reason: String
        var name: String?
    }
    struct Rule: Encodable {
        var id: String
        var text: String
        var source: String
    }

    var due: String
    var raw: String
    var provisional: Bool
    var provisionalYears: [Int]
    var start: String
    var period: Period
    var clampedFromDay: Int?
    var skipped: [Skip]
    var adjustedWorkdays: [String]
    var endsOnAdjustedWorkday: Bool
    var adjustedWorkdayReading: String
    var rules: [Rule]
    var explanation: [String]

    init(_ d: Deadline, language: Language) {
        due = d.due.description
        raw = d.raw.description
        provisional = d.provisional
        provisionalYears = d.provisionalYears
        start = d.start.description
        period = d.period
        clampedFromDay = d.clampedFromDay
        skipped = d.skipped.map { Skip(date: $0.date.description, reason: $0.reason.rawValue, name: $0.name) }
        adjustedWorkdays = d.adjustedWorkdays.map(\.description)
        endsOnAdjustedWorkday = d.endsOnAdjustedWorkday
        adjustedWorkdayReading = d.reading.rawValue
        rules = d.counting.map { Rule(id: $0.id, text: language == .zh ? $0.zh : $0.en, source: $0.source) }
        explanation = d.explanation(language)
    }
}
