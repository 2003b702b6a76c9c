import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightStore
import OversightWorkbench

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

    @Option(name: .long, help: ArgumentHelp("Explain a matter's own deadline instead: which rule counted it (law or the county's service level, with its source and version), the days passed over and the notices that decided them.", valueName: "ID"))
    var explain: String?

    public init() {}

    public func run() throws {
        // --lang was checked with the other global options.
        let language = try globals.language()
        let s = try globals.presenter().strings
        func usage(_ key: String, _ values: [String: CustomStringConvertible] = [:]) -> UsageError {
            UsageError(s("cli.deadline.usage", ["problem": s(key, values)]))
        }
        if let explain {
            try explainMatter(explain, language: language, s)
            return
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

        // The database's calendars (the notices the person's county loaded there) when there is one to read, else the
        // shipped years.
        let shipped = try OversightResources.clock()
        var clock = (try? globals.openStore()).flatMap { store in
            let county = (try? store.viewer(globals.userName))?.org.county ?? County.standard.id
            return try? store.clock(base: shipped, county: county)
        } ?? shipped
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

    /// `--explain ID`: the matter's deadline as the viewer may see it, counted as it was (the rule version its clock
    /// started under) over the database's calendars.
    private func explainMatter(_ text: String, language: Language, _ s: Strings) throws {
        let session = try globals.session()
        let id = try matterID(text)
        guard let m = try session.store.matter(id, for: session.viewer) else { throw Refusal.notFound(id) }
        guard let deadline = Workflow.deadline(for: m, calculator: session.context.calculator) else {
            throw RefusedError(s("cli.deadline.no-clock", ["id": id]))
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
    /// The clock rule that counted a matter's deadline (`--explain`): absent for a bare period.
    var clockRule: ClockRuleJSON?
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
        clockRule = d.rule.map(ClockRuleJSON.init)
        explanation = d.explanation(language)
    }
}

/// The rule a deadline follows, for scripts: its id and period, law or service level, its source, and the county's
/// version when the county set it (`rules agree`).
struct ClockRuleJSON: Encodable {
    var id: String
    var period: Period
    var serviceLevel: Bool
    var source: String
    var version: Int
    var county: String?
    var since: String?

    init(_ r: ClockRule) {
        id = r.id.rawValue
        period = r.period
        serviceLevel = r.isServiceLevel
        source = r.source
        version = r.county?.version ?? 1
        county = r.county?.source
        since = r.county?.since.description
    }
}
