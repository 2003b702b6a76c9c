import OversightDomain
import Testing

@Suite("DateInput")
struct DateInputTests {
    private let today = CivilDate(year: 2025, month: 10, day: 9)!

    private func parse(_ text: String) -> Result<CivilDate, DateInputError> {
        DateInput.parse(text, today: today)
    }

    private func date(_ text: String) -> CivilDate? {
        try? parse(text).get()
    }

    private func error(_ text: String) -> DateInputError? {
        if case .failure(let e) = parse(text) { return e }
        return nil
    }

    @Test("accepted forms", arguments: [
        ("2025-10-09", "2025-10-09"), ("2024-02-29", "2024-02-29"), ("1999-12-31", "1999-12-31"),
        ("today", "2025-10-09"), ("Today", "2025-10-09"), ("今天", "2025-10-09"), ("今日", "2025-10-09"),
        ("yesterday", "2025-10-08"), ("YESTERDAY", "2025-10-08"), ("昨天", "2025-10-08"),
        ("+3", "2025-10-12"), ("-2", "2025-10-07"), ("+0", "2025-10-09"), ("+30", "2025-11-08"),
        ("-9", "2025-09-30"), ("  +1 ", "2025-10-10"),
    ])
    func accepted(_ text: String, _ expected: String) {
        #expect(date(text)?.description == expected)
    }

    @Test("full-width digits and signs are normalised", arguments: [
        ("＋３", "2025-10-12"), ("－２", "2025-10-07"), ("−2", "2025-10-07"),
        ("２０２５－１０－０９", "2025-10-09"), ("2025-１0-09", "2025-10-09"), ("\u{3000}今天\u{3000}", "2025-10-09"),
    ])
    func fullWidth(_ text: String, _ expected: String) {
        #expect(date(text)?.description == expected)
    }

    @Test("refused", arguments: [
        "", " ", "tomorrow", "明天", "3", "+", "+3d", "++3", "+-3", "3+", "+ 3", "+123456",
        "2025/10/09", "20251009", "2025-10-9", "25-10-09", "2025-10-09x", "today!", "10月9日", "+٣",
    ])
    func refused(_ text: String) {
        #expect(error(text)?.reason == .unrecognized)
    }

    @Test("no such day", arguments: ["2025-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "0000-01-01"])
    func noSuchDay(_ text: String) {
        #expect(error(text)?.reason == .noSuchDate)
    }

    @Test func relativeDatesPastYear9999AreRefused() throws {
        let late = CivilDate(year: 9999, month: 12, day: 30)!
        #expect(try DateInput.parse("+1", today: late).get() == CivilDate(year: 9999, month: 12, day: 31))
        guard case .failure(let e) = DateInput.parse("+2", today: late) else {
            Issue.record("+2 after 9999-12-30 was accepted")
            return
        }
        #expect(e.reason == .outOfRange)
    }

    @Test func theMessagesSayWhatIsAccepted() throws {
        let e = try #require(error("next week"))
        #expect(e.input == "next week")
        for form in ["YYYY-MM-DD", "today", "yesterday", "+3", "-2"] {
            #expect(e.description.contains(form), "\(form)")
        }
        #expect(e.description.contains("next week"))
        for form in ["YYYY-MM-DD", "今天", "昨天", "+3", "-2"] {
            #expect(e.zh.contains(form), "\(form)")
        }
        #expect(e.zh.contains("next week"))
        #expect(try #require(error("2025-02-30")).description.contains("no such day"))
        #expect(try #require(error("2025-02-30")).zh.contains("不存在"))
    }
}
