import Foundation
import OversightDomain
import OversightTestSupport
import PropertyBased
import Testing

private let d = Fixtures.date

/// Worked examples, every row computed independently against the official calendars.
struct WorkedExample: CustomTestStringConvertible, Sendable {
    var start: String
    var period: Period
    var raw: String
    var due: String
    var note: String
    var testDescription: String { "\(start) + \(period) → \(due) (\(note))" }
}

private let workedExamples: [WorkedExample] = [
    .init(start: "2025-06-10", period: .months(2), raw: "2025-08-10", due: "2025-08-11", note: "weekend roll-over"),
    .init(start: "2025-07-28", period: .months(2), raw: "2025-09-28", due: "2025-09-28", note: "调休 Sunday: grey zone"),
    .init(start: "2025-07-31", period: .months(2), raw: "2025-09-30", due: "2025-09-30", note: "no Sept 31"),
    .init(start: "2025-08-01", period: .months(2), raw: "2025-10-01", due: "2025-10-09", note: "National Day"),
    .init(start: "2025-12-15", period: .months(2), raw: "2026-02-15", due: "2026-02-24", note: "Spring Festival"),
    .init(start: "2025-12-31", period: .months(2), raw: "2026-02-28", due: "2026-02-28", note: "month end and 调休"),
    .init(start: "2026-07-25", period: .months(2), raw: "2026-09-25", due: "2026-09-28", note: "中秋"),
    .init(start: "2026-08-01", period: .months(2), raw: "2026-10-01", due: "2026-10-08", note: "National Day"),
    .init(start: "2025-09-20", period: .days(15), raw: "2025-10-05", due: "2025-10-09", note: "公益诉讼 urgent"),
    .init(start: "2026-02-01", period: .days(15), raw: "2026-02-16", due: "2026-02-24", note: "15 days, Spring Festival"),
    .init(start: "2025-09-01", period: .days(60), raw: "2025-10-31", due: "2025-10-31", note: "复议 60 days"),
    .init(start: "2025-09-26", period: .workdays(10), raw: "2025-10-16", due: "2025-10-16", note: "counts 09-28, 10-11"),
    .init(start: "2026-02-10", period: .workdays(10), raw: "2026-03-02", due: "2026-03-02", note: "counts 02-14, 02-28"),
    .init(start: "2025-09-26", period: .days(5), raw: "2025-10-01", due: "2025-10-09", note: "Art. 21 filing, calendar"),
    .init(start: "2025-09-26", period: .workdays(5), raw: "2025-10-10", due: "2025-10-10", note: "Art. 21 filing, working days"),
]

@Suite("Periods")
struct PeriodTests {
    let calc = Fixtures.calculator

    @Test("worked examples", arguments: workedExamples)
    func workedExample(_ ex: WorkedExample) throws {
        let dl = try calc.deadline(from: d(ex.start), period: ex.period)
        #expect(dl.raw == d(ex.raw))
        #expect(dl.due == d(ex.due))
        #expect(!dl.provisional)
        // The legacy entry points agree.
        switch ex.period.unit {
        case .months: #expect(calc.due(from: d(ex.start), months: ex.period.amount) == d(ex.due))
        case .days: #expect(calc.due(from: d(ex.start), days: ex.period.amount) == d(ex.due))
        case .workdays: #expect(calc.due(from: d(ex.start), workdays: ex.period.amount) == d(ex.due))
        }
    }

    @Test func explanationOfNationalDayRollOver() throws {
        let dl = try calc.deadline(from: d("2025-08-01"), period: .months(2))
        #expect(dl.skipped.map(\.date) == (1...8).map { d(String(format: "2025-10-%02d", $0)) })
        #expect(dl.skipped.allSatisfy { $0.reason == .holiday && $0.name == "国庆节、中秋节" })
        #expect(dl.counting.map(\.id) == ["start-day-excluded", "month-end", "rest-day-roll-over"])
        #expect(dl.counting[0].source.contains("第二百零一条"))
        #expect(dl.clampedFromDay == nil)
    }

    @Test func weekendRollOverNamesWeekendDays() throws {
        let dl = try calc.deadline(from: d("2025-06-10"), period: .months(2))
        #expect(dl.skipped == [SkippedDay(date: d("2025-08-10"), reason: .weekend)])
    }

    @Test func greyZoneIsFlaggedAndDoesNotRollByDefault() throws {
        let dl = try calc.deadline(from: d("2025-07-28"), period: .months(2))
        #expect(dl.endsOnAdjustedWorkday)
        #expect(dl.skipped.isEmpty)
        #expect(dl.counting.map(\.id).contains("adjusted-workday"))
    }

    @Test("the 调休 setting rolls a period ending on an adjusted working day", arguments: [
        ("2025-07-28", "2025-09-29"), ("2025-12-31", "2026-03-02"),
    ])
    func greyZoneSetting(start: String, due: String) throws {
        let strict = PeriodCalculator(
            calendar: Fixtures.calendar, settings: ClockSettings(rules: Fixtures.rules, adjustedWorkdays: .restDay))
        let dl = try strict.deadline(from: d(start), period: .months(2))
        #expect(dl.due == d(due))
        #expect(dl.skipped.first?.reason == .adjustedWorkdayReadAsRest)
        #expect(!dl.endsOnAdjustedWorkday)
        #expect(dl.counting.map(\.id).contains("adjusted-workday-as-rest"))
    }

    @Test func workingDayCountListsAdjustedDaysCounted() throws {
        let dl = try calc.deadline(from: d("2025-09-26"), period: .workdays(10))
        #expect(dl.adjustedWorkdays == [d("2025-09-28"), d("2025-10-11")])
        #expect(dl.skipped.filter { $0.reason == .holiday }.count == 8)
        #expect(dl.skipped.contains(SkippedDay(date: d("2025-09-27"), reason: .weekend)))
        // Even with the strict reading, offices work on 调休 days, so the working-day count is unchanged.
        let strict = PeriodCalculator(
            calendar: Fixtures.calendar, settings: ClockSettings(rules: Fixtures.rules, adjustedWorkdays: .restDay))
        #expect(try strict.deadline(from: d("2025-09-26"), period: .workdays(10)).due == d("2025-10-16"))
    }

    @Test("month-end clamp", arguments: [
        ("2025-12-31", 2, "2026-02-28", 31),  // not a leap year
        ("2023-12-31", 2, "2024-02-29", 31),  // leap year
        ("2025-01-31", 1, "2025-02-28", 31),
        ("2025-03-31", 1, "2025-04-30", 31),
        ("2025-01-29", 1, "2025-02-28", 29),
    ])
    func monthEndClamp(start: String, months: Int, raw: String, from: Int) throws {
        let dl = try calc.deadline(from: d(start), period: .months(months))
        #expect(dl.raw == d(raw))
        #expect(dl.clampedFromDay == from)
    }

    @Test("years without a calendar count weekends only and are provisional", arguments: [
        ("2027-03-10", Period.months(2), "2027-05-10", [2027]),   // Monday; 2027 unknown
        ("2024-01-10", Period.days(5), "2024-01-15", [2024]),     // Jan 15 2024 is a Monday
        ("2024-12-20", Period.workdays(10), "2025-01-06", [2024]), // counts 2024 days; Jan 1 2025 a holiday
    ])
    func provisional(start: String, period: Period, due: String, years: [Int]) throws {
        let dl = try calc.deadline(from: d(start), period: period)
        #expect(dl.due == d(due))
        #expect(dl.provisional)
        #expect(dl.provisionalYears == years)
    }

    @Test func unconfirmedYearIsProvisional() throws {
        var year = Fixtures.years.first { $0.year == 2026 }!
        year.confirmed = false
        let calc = PeriodCalculator(calendar: HolidayCalendar(years: [year]), settings: Fixtures.settings)
        #expect(try calc.deadline(from: d("2026-03-02"), period: .days(3)).provisional)
        #expect(try calc.deadline(from: d("2026-03-02"), period: .days(3)).due == d("2026-03-05"))
    }

    @Test("bad periods are refused", arguments: [
        Period.months(0), .days(-1), .workdays(0), .months(1201), .days(36_601), .workdays(25_001),
    ])
    func badPeriod(_ p: Period) {
        #expect(throws: PeriodError.amountOutOfRange(p)) {
            try calc.deadline(from: d("2025-01-01"), period: p)
        }
    }

    @Test func lateStartIsRefusedNotCrashing() {
        #expect(throws: PeriodError.dateOutOfRange(d("9999-12-31"))) {
            try calc.deadline(from: d("9999-12-31"), period: .months(1))
        }
    }

    @Test func clockRulesCarryTheirSourcesAndWords() {
        let s = Fixtures.settings
        #expect(s.rule(.suggestionReply).period == .months(2))
        #expect(s.rule(.suggestionReply).source.contains("第八条"))
        #expect(!s.rule(.suggestionReply).isServiceLevel)
        #expect(s.rule(.publicInterestUrgentReply).period == .days(15))
        #expect(s.rule(.transferFeedback).word == "及时")
        #expect(s.rule(.transferFeedback).isServiceLevel)
        #expect(s.rule(.suggestionUrgentReply, urgentPeriod: .days(7)).period == .days(7))
        let custom = ClockSettings(rules: Fixtures.rules, transferFeedback: .workdays(10))
        #expect(custom.rule(.transferFeedback).period == .workdays(10))
    }
}

@Suite("Period properties")
struct PeriodProperties {
    /// Start dates from mid-2024 to mid-2027: known, unknown and boundary years.
    static let starts = Gen.int(in: 0...1100).map { CivilDate(year: 2024, month: 6, day: 1)!.adding(days: $0) }
    static let units = Gen.int(in: 0...2).map { PeriodUnit.allCases[$0] }
    static let readings = Gen.int(in: 0...1).map { AdjustedWorkdayReading.allCases[$0] }

    static func period(_ unit: PeriodUnit, _ n: Int) -> Period {
        switch unit {
        case .months: return .months(n % 24 + 1)
        case .days: return .days(n % 120 + 1)
        case .workdays: return .workdays(n % 60 + 1)
        }
    }

    @Test func neverARestDayNeverBeforeRawNeverEarlierForALaterStart() throws {
        try seededCheck(
            count: 400, input: zip(Self.starts, Gen.int(in: 1...40), Self.units, Gen.int(in: 0...1000), Self.readings)
        ) { start, later, unit, n, reading in
            let calc = PeriodCalculator(calendar: Fixtures.calendar, settings: ClockSettings(rules: Fixtures.rules, adjustedWorkdays: reading))
            let p = Self.period(unit, n)
            let a = try calc.deadline(from: start, period: p)
            let b = try calc.deadline(from: start.adding(days: later), period: p)
            let rest = calc.isRestDay(a.due), plainRest = Fixtures.calendar.isRestDay(a.due)
            #expect(!rest, "due \(a.due) is a rest day under \(reading.rawValue)")
            #expect(!plainRest)
            #expect(a.due >= a.raw)
            #expect(a.raw > start)
            #expect(b.due >= a.due, "start \(start)+\(later) gave \(b.due) before \(a.due)")
            // Every day between raw and due was skipped, and named.
            let rolled = a.skipped.filter { $0.date >= a.raw }.map(\.date)
            #expect(rolled == (0..<a.raw.days(until: a.due)).map { a.raw.adding(days: $0) })
        }
    }

    @Test func workingDaysCountExactlyN() throws {
        try seededCheck(count: 200, input: zip(Self.starts, Gen.int(in: 1...60))) { start, n in
            let dl = try Fixtures.calculator.deadline(from: start, period: .workdays(n))
            let span = start.days(until: dl.due)
            let worked = (1...span).filter { !Fixtures.calendar.isRestDay(start.adding(days: $0)) }.count
            #expect(worked == n)
            #expect(dl.skipped.count == span - n)
        }
    }

    @Test func monthPeriodsLandOnTheCorrespondingDayOrMonthEnd() throws {
        try seededCheck(count: 200, input: zip(Self.starts, Gen.int(in: 1...24))) { start, n in
            let dl = try Fixtures.calculator.deadline(from: start, period: .months(n))
            let months = (dl.raw.year - start.year) * 12 + dl.raw.month - start.month
            #expect(months == n)
            #expect(dl.raw.day == min(start.day, dl.raw.daysInMonth))
        }
    }

    @Test func unknownYearsAreProvisionalKnownYearsAreNot() throws {
        try seededCheck(count: 200, input: zip(Self.starts, Gen.int(in: 1...90))) { start, n in
            let dl = try Fixtures.calculator.deadline(from: start, period: .days(n))
            let touchesUnknown = (dl.raw.year...dl.due.year).contains { !Fixtures.calendar.knows(year: $0) }
            #expect(dl.provisional == touchesUnknown)
        }
    }
}

/// The same properties over a calendar with a year loaded from a notice file (`calendar add`): the fictional 2027
/// notice beside the shipped years. A loaded year is counted as the shipped ones are, is not provisional, and moves
/// only the deadlines whose count touches it.
@Suite("Period properties with a loaded year")
struct LoadedYearProperties {
    static let loaded: HolidayCalendar.Year = {
        guard case .success(let y) = HolidayNotice.parse(Data(HolidayNoticeFixtures.fictional2027JSON.utf8)) else {
            fatalError("the fictional 2027 notice does not parse")
        }
        return y
    }()
    static let calendar: HolidayCalendar = {
        var c = Fixtures.calendar
        c.add(loaded)
        return c
    }()
    /// Start dates from mid-2026 to the end of 2027.
    static let starts = Gen.int(in: 0...580).map { CivilDate(year: 2026, month: 6, day: 1)!.adding(days: $0) }

    @Test func aLoadedYearCountsLikeAShippedOneAndMovesOnlyWhatTouchesIt() throws {
        try seededCheck(
            count: 400, input: zip(Self.starts, Gen.int(in: 1...40), PeriodProperties.units, Gen.int(in: 0...1000), PeriodProperties.readings)
        ) { start, later, unit, n, reading in
            let settings = ClockSettings(rules: Fixtures.rules, adjustedWorkdays: reading)
            let calc = PeriodCalculator(calendar: Self.calendar, settings: settings)
            let before = PeriodCalculator(calendar: Fixtures.calendar, settings: settings)
            let p = PeriodProperties.period(unit, n)
            let a = try calc.deadline(from: start, period: p)
            let b = try calc.deadline(from: start.adding(days: later), period: p)
            let old = try before.deadline(from: start, period: p)
            #expect(!calc.isRestDay(a.due) && a.due >= a.raw && a.raw > start)
            #expect(b.due >= a.due, "start \(start)+\(later) gave \(b.due) before \(a.due)")
            // Provisional exactly when the count reaches a year still without a notice (2028 on).
            let touched = (min(a.raw.year, start.adding(days: 1).year)...a.due.year)
            #expect(a.provisional == touched.contains { !Self.calendar.knows(year: $0) })
            #expect(!a.provisionalYears.contains(2027))
            // A count that never reaches 2027 under either calendar is not moved by loading it.
            if old.due.year < 2027 && a.due.year < 2027 { #expect(a.due == old.due) }
            // A day off of 2027 that was passed over names the notice that decided it.
            if a.skipped.contains(where: { $0.date.year == 2027 && $0.reason == .holiday }) {
                #expect(a.notices.contains(Self.loaded.source))
            }
        }
    }
}

@Suite("Holiday calendars")
struct HolidayCalendarTests {
    /// The State Council notices for 2025 and 2026, written out: days off and adjusted working days.
    static func expand(_ ranges: [(String, String)]) -> Set<CivilDate> {
        var out = Set<CivilDate>()
        for (a, b) in ranges {
            var x = d(a)
            while x <= d(b) { out.insert(x); x = x.adding(days: 1) }
        }
        return out
    }

    static let off2025 = expand([
        ("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
        ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08"),
    ])
    static let work2025: Set<CivilDate> = [d("2025-01-26"), d("2025-02-08"), d("2025-04-27"), d("2025-09-28"), d("2025-10-11")]
    static let off2026 = expand([
        ("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"),
        ("2026-05-01", "2026-05-05"), ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
        ("2026-10-01", "2026-10-07"),
    ])
    static let work2026: Set<CivilDate> = [
        d("2026-01-04"), d("2026-02-14"), d("2026-02-28"), d("2026-05-09"), d("2026-09-20"), d("2026-10-10"),
    ]

    @Test("shipped files match the State Council notices", arguments: [
        (2025, off2025, work2025), (2026, off2026, work2026),
    ])
    func matchesNotice(year: Int, off: Set<CivilDate>, work: Set<CivilDate>) throws {
        let y = try #require(Fixtures.years.first { $0.year == year })
        #expect(y.confirmed)
        #expect(y.source.contains("国务院办公厅"))
        #expect(Set(y.days.filter(\.off).map(\.date)) == off)
        #expect(Set(y.days.filter { !$0.off }.map(\.date)) == work)
        #expect(y.days.allSatisfy { $0.date.year == year && !$0.name.isEmpty })
        #expect(work.allSatisfy { $0.isWeekend })
    }

    @Test func documentNumberOf2025() throws {
        let y = try #require(Fixtures.years.first { $0.year == 2025 })
        #expect(y.document == "国办发明电〔2024〕12号")
        #expect(y.published == d("2024-11-12"))
    }

    @Test func restDays() {
        let c = Fixtures.calendar
        #expect(c.isRestDay(d("2025-10-03")))
        #expect(!c.isRestDay(d("2025-09-28")))      // Sunday made a working day
        #expect(c.isRestDay(d("2025-09-28"), reading: .restDay))
        #expect(c.isRestDay(d("2027-01-02")))       // Saturday in an unknown year
        #expect(!c.isRestDay(d("2027-01-01")))      // New Year 2027: unknown, so a Friday like any other
        #expect(c.restReason(d("2026-02-17")) == .holiday("春节"))
        #expect(c.isProvisional(year: 2027))
        #expect(!c.isProvisional(year: 2026))
    }

    @Test func civilDateCodesAsAString() throws {
        let data = try JSONEncoder().encode([d("2025-02-03")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2025-02-03\"]")
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [d("2025-02-03")])
        let legacy = Data(#"{"year":2025,"month":2,"day":3}"#.utf8)
        #expect(try JSONDecoder().decode(CivilDate.self, from: legacy) == d("2025-02-03"))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CivilDate.self, from: Data(#""2025-02-30""#.utf8)) }
    }
}

@Suite("Deadline explanation")
struct DeadlineExplanationTests {
    @Test func groupsSkippedDaysAndCitesSources() throws {
        let dl = try Fixtures.calculator.deadline(from: d("2025-08-01"), period: .months(2))
        #expect(dl.skippedRuns == [Deadline.SkippedRun(first: d("2025-10-01"), last: d("2025-10-08"), reason: .holiday, name: "国庆节、中秋节")])
        let zh = dl.explanation(.zh)
        #expect(zh.first == "期限届满日：2025-10-09（周四）")
        #expect(zh.contains("原始届满日：2025-10-01（周三）"))
        #expect(zh.contains { $0.contains("2025-10-01 至 2025-10-08，共8天") && $0.contains("国庆节、中秋节") })
        #expect(zh.contains { $0.contains("《民法典》第二百零三条") })
        let en = dl.explanation(.en)
        #expect(en.first == "Deadline: 2025-10-09 (Thu)")
        #expect(en.contains("Rolled past: 2025-10-01 to 2025-10-08, 8 days, public holiday (国庆节、中秋节)"))
    }

    @Test func showsTheRuleTheWordAndWarnings() throws {
        let rule = Fixtures.settings.rule(.transferFeedback)
        let dl = try Fixtures.calculator.deadline(from: d("2027-03-01"), rule: rule)
        let zh = dl.explanation(.zh)
        #expect(zh.first?.hasSuffix("（暂定）") == true)
        #expect(zh.contains { $0.contains("“及时”") && $0.contains("第九条") })
        #expect(zh.contains { $0.contains("2027年") && $0.contains("暂定") })
        let grey = try Fixtures.calculator.deadline(from: d("2025-07-28"), period: .months(2))
        #expect(grey.explanation(.zh).contains { $0.contains("调休上班日") })
        #expect(grey.explanation(.en).contains { $0.contains("adjusted working day") })
    }
}
