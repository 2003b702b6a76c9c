import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightRuntime
import OversightStore
import OversightWorkbench

/// `oversight calendar list|show YEAR|add FILE [--dry-run]`: the holiday notices the database counts deadlines over.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Holiday notices as data: list them, show a year, load next year's (节假日安排).",
        subcommands: [List.self, Show.self, Add.self])

    struct List: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(abstract: "The years loaded: their notice, when and by whom.")
        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "JSON for scripts.") var json = false

        func run() throws {
            let (store, viewer) = try globals.openDatabase()
            let s = try globals.presenter().strings
            let items = try store.notices(county: viewer.org.county).map(NoticeJSON.init)
            try emit(items, json: json, header: ["year", "notice", "document", "published", "rest", "work", "loaded-on", "loaded-by"].map { s("cli.column.\($0)") }) {
                [String($0.year), $0.source, $0.document ?? "", $0.published ?? "", String($0.restDays), String($0.workDays), $0.loadedOn, $0.loadedBy]
            }
        }
    }

    struct Show: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(abstract: "One year's rest days and adjusted working days (调休), with its notice.")
        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The year.", valueName: "YEAR")) var year: String
        @Flag(name: .long, help: "JSON for scripts.") var json = false

        func run() throws {
            let s = try globals.presenter().strings
            let language = try globals.language()
            guard let y = Int(year), (1900...9999).contains(y) else { throw UsageError(s("cli.calendar.bad-year", ["x": safe(year)])) }
            let (store, viewer) = try globals.openDatabase()
            guard let n = try store.notices(county: viewer.org.county).first(where: { $0.year.year == y }) else {
                throw RefusedError(s("cli.calendar.no-year", ["year": y]))
            }
            if json {
                print(try OversightCLI.json(n.year))
                return
            }
            print(safe(s("cli.calendar.header", ["year": y, "notice": n.year.source, "on": n.loadedOn, "by": n.loadedBy])))
            print(table(["date", "weekday", "name", "type"].map { s("cli.column.\($0)") }, n.year.days.map { d in
                [d.date.description, d.date.weekdayName(language), d.name, s(d.off ? "cli.calendar.off" : "cli.calendar.work")]
            }))
        }
    }

    struct Add: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(
            abstract: "Load one year's holiday notice (administrators) and re-clock the deadlines it moves.",
            discussion: """
                FILE is the notice as JSON (the format of Resources/holidays/YEAR.json) or CSV (rows 年份/year, \
                通知/notice, 发布日期/published, optional 文号/document and 说明/note; then the header 日期,名称,安排 \
                or date,name,type and one row per day, 休/off or 班/work). The file is checked whole before anything \
                changes; each problem is named FILE:LINE. Loading a year re-counts every running deadline whose \
                count touched it, in one transaction: each matter whose day moved gets a reclock event naming the \
                notice. --dry-run lists what would change and writes nothing.
                """)
        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The notice file (.json or .csv).", valueName: "FILE")) var file: String
        @Flag(name: .long, help: "List the deadlines that would move; write nothing.") var dryRun = false
        @Flag(name: .long, help: "JSON for scripts.") var json = false

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let language = try globals.language()
            let data = try readNoticeFile(file, s)
            let year: HolidayCalendar.Year
            switch HolidayNotice.parse(data) {
            case .success(let y): year = y
            case .failure(let problems):
                for p in problems { warn(safe("\(file):\(p.line): \(p.text(language))")) }
                throw UsageError(s("cli.calendar.refused", ["file": safe(file), "n": problems.count]))
            }
            let (store, viewer) = try globals.openDatabase(writing: !dryRun)
            let base = try OversightResources.clock()
            let moves: [Reclock]
            if dryRun {
                moves = try changingClock { try store.reclocks(loading: year, by: viewer, base: base) }
            } else {
                moves = try changingClock { try store.load(year, by: viewer, base: base, on: try globals.todayDate()) }.reclocked
            }
            if json {
                print(try OversightCLI.json(NoticeLoadJSON(year: year.year, notice: year.source, dryRun: dryRun, moves: moves)))
                return
            }
            print(safe(s(dryRun ? "cli.calendar.would-load" : "cli.calendar.loaded", ["year": year.year, "notice": year.source, "n": moves.count])))
            if !moves.isEmpty {
                print(table(["id", "number", "title", "due-was", "due-now"].map { s("cli.column.\($0)") },
                            moves.map { [String($0.matter), $0.number, $0.title, $0.from.description, $0.to.description] }))
            }
        }
    }
}

/// A notice file's bytes, or a usage error saying why it cannot be read (at most 1 MB: a year is a few kilobytes).
private func readNoticeFile(_ path: String, _ s: Strings) throws -> Data {
    let url = URL(fileURLWithPath: path)
    guard let handle = try? FileHandle(forReadingFrom: url) else { throw UsageError(s("cli.calendar.unreadable", ["file": safe(path)])) }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: 1_048_577)) ?? Data()
    guard data.count <= 1_048_576 else { throw UsageError(s("cli.calendar.too-large", ["file": safe(path)])) }
    return data
}

/// A loaded notice as `calendar list --json` gives it.
struct NoticeJSON: Encodable {
    var year: Int
    var source: String
    var document: String?
    var published: String?
    var confirmed: Bool
    var restDays: Int
    var workDays: Int
    var loadedOn: String
    var loadedBy: String

    init(_ n: LoadedNotice) {
        year = n.year.year
        source = n.year.source
        document = n.year.document
        published = n.year.published?.description
        confirmed = n.year.confirmed
        restDays = n.year.days.filter(\.off).count
        workDays = n.year.days.count - restDays
        loadedOn = n.loadedOn.description
        loadedBy = n.loadedBy
    }
}

struct NoticeLoadJSON: Encodable {
    struct Move: Encodable {
        var id: Int64
        var number: String
        var title: String
        var dueWas: String
        var due: String
    }
    var year: Int
    var notice: String
    var dryRun: Bool
    var reclocked: [Move]

    init(year: Int, notice: String, dryRun: Bool, moves: [Reclock]) {
        self.year = year
        self.notice = notice
        self.dryRun = dryRun
        reclocked = moves.map { Move(id: $0.matter, number: $0.number, title: $0.title, dueWas: $0.from.description, due: $0.to.description) }
    }
}

/// `oversight rules list|propose KEY VALUE --source T|agree KEY`: the county's own periods (Art. 12).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "The periods deadlines count: law, and the county's service levels set jointly (Art. 12).",
        subcommands: [List.self, Propose.self, Agree.self])

    struct List: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(abstract: "Every period with its value, nature, source and since when, and what waits for agreement.")
        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "JSON for scripts.") var json = false

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let language = try globals.language()
            let (store, viewer) = try globals.openDatabase()
            let clock = try store.clock(base: try OversightResources.clock(), county: viewer.org.county)
            let entries = try store.countyRules(county: viewer.org.county)
            let items = CountyRuleKey.allCases.map { RuleJSON($0, clock: clock, entries: entries) }
            try emit(items, json: json, header: ["key", "name", "value", "nature", "source", "since", "proposed"].map { s("cli.column.\($0)") }) { r in
                let proposed = r.proposal.map { s("cli.rules.proposal", ["value": periodWords($0.value, language), "org": $0.org, "on": $0.on]) } ?? ""
                return [r.key, s("rule.\(r.key)"), periodWords(r.value, language), s("cli.rules.nature.\(r.nature)"), r.source,
                        r.since.map { s("cli.rules.since", ["since": $0, "version": r.version]) } ?? "", proposed]
            }
        }
    }

    struct Propose: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(
            abstract: "Propose a value for a service level or the alert window (a head of the justice bureau or the procuratorate).",
            discussion: "The value takes effect when the other of the two agrees (`rules agree KEY`), for clocks started from then on; running clocks keep their count. VALUE is a number in the rule's unit, or with a unit: 20日, 10个工作日, 2个月, 20 days.")
        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The rule, as `rules list` names it (key or name).", valueName: "KEY")) var key: String
        @Argument(help: ArgumentHelp("The period, e.g. 20 or 20日.", valueName: "VALUE")) var value: String
        @Option(name: .long, help: ArgumentHelp("The decision it rests on, e.g. 县司法局、县检察院会议纪要（2026）3号.", valueName: "TEXT")) var source: String?

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let book = try OversightResources.ruleBook()
            let rule = try ruleKey(key, words)
            guard let period = Period.parse(value, unit: rule.unit(in: book)) else {
                throw UsageError(s("cli.rules.bad-value", ["x": safe(value)]))
            }
            guard let source, !source.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw UsageError(words.text(Store.ClockFailure.sourceRequired))
            }
            let (store, viewer) = try globals.openDatabase(writing: true)
            try changingClock { try store.propose(rule, period, source: source, by: viewer, book: book, on: try globals.todayDate()) }
            print(safe(s("cli.rules.proposed", ["key": rule.rawValue, "name": s("rule.\(rule.rawValue)"),
                                                 "value": periodWords(period, try globals.language())])))
        }
    }

    struct Agree: ParsableCommand, TakesGlobalOptions {
        static let configuration = CommandConfiguration(abstract: "Agree the value the other of the two proposed: it becomes the rule's next version.")
        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The rule, as `rules list` names it.", valueName: "KEY")) var key: String

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let rule = try ruleKey(key, words)
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            let level = try changingClock { try store.agree(rule, by: viewer, on: today) }
            print(safe(s("cli.rules.agreed", ["key": rule.rawValue, "name": s("rule.\(rule.rawValue)"), "version": level.version,
                                               "value": periodWords(level.period, try globals.language()), "since": level.since])))
        }
    }
}

/// A rule's key as typed: its code, or its name in either language (`rule.KEY` in the string tables).
private func ruleKey(_ text: String, _ words: Presenter) throws -> CountyRuleKey {
    if let key = CountyRuleKey.named(text, in: try OversightResources.ruleNames()) { return key }
    throw UsageError(words.text(Store.ClockFailure.notSettable(safe(text.trimmingCharacters(in: .whitespaces)))))
}

func periodWords(_ p: Period, _ language: Language) -> String { language == .zh ? p.chinese : p.english }

/// A rule as `rules list --json` gives it.
struct RuleJSON: Encodable {
    struct Proposal: Encodable {
        var value: Period
        var source: String
        var org: String
        var by: String
        var on: String
    }
    var key: String
    var value: Period
    /// `law`, `service-level` (the book's default) or `county` (set jointly).
    var nature: String
    var source: String
    var version: Int
    var since: String?
    var proposal: Proposal?

    /// `key` as the workbench's `:rules` shows it (`RuleView`: one reading of a rule's standing), with the proposal
    /// waiting for it, its organisation by id and its proposer.
    init(_ key: CountyRuleKey, clock: PeriodCalculator, entries: [CountyRuleEntry]) {
        let view = RuleView(key, clock: clock, proposal: nil)
        self.key = key.rawValue
        value = view.value
        nature = view.nature.rawValue
        source = view.source
        version = view.version
        since = view.since?.description
        proposal = entries.last { $0.key == key && $0.state == .proposed }.map {
            Proposal(value: $0.period, source: $0.source, org: $0.proposedOrg, by: $0.proposedBy, on: $0.proposedOn.description)
        }
    }
}

/// Runs a change of the calendars or rules, its refusal said in the command line's language (exit 1; bad input 2).
func changingClock<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as Store.ClockFailure {
        let said = safe(OversightCommand.presenter(of: nil).text(e))
        switch e {
        case .notSettable, .sourceRequired, .text, .badWindow: throw UsageError(said)
        default: throw RefusedError(said)
        }
    }
}
