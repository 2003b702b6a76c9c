import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightWorkbench

/// `.clockLoaded`: the database's legal clock moved (a notice loaded, a county rule agreed in another session).
@Suite struct ClockReducerTests {
    @Test func aLoadedClockReplacesTheStatesAndAsksForTheInboxAndDetailAgain() throws {
        var s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        _ = reduce(&s, .key("j"))
        let selected = try #require(s.selectedMatter?.id)
        let (mode, selection) = ("\(s.mode)", s.selection)
        #expect(s.clock.calendar.isProvisional(year: 2027))
        var clock = s.clock
        clock.calendar.add(Fixtures.testNotice2027)
        clock.settings.alertWindow = 3
        #expect(reduce(&s, .clockLoaded(clock)) == [.loadInbox, .loadDetail(selected)])
        #expect(!s.clock.calendar.isProvisional(year: 2027))
        #expect(s.alertWindow == 3, "the alert window is the clock's")
        #expect("\(s.mode)" == mode && s.selection == selection, "the mode and the selection stay")
        // The calendar counts with it at once: 01-20 a holiday, the Sunday 01-24 worked.
        s.calendarCursor = CivilDate("2027-01-20")!
        let days = Dictionary(uniqueKeysWithValues: s.calendarDays.map { ($0.date.day, $0) })
        #expect(days[20]?.listedOff == true && days[20]?.restDay == true)
        #expect(days[24]?.listedOff == false && days[24]?.restDay == false)
        #expect(s.calendarNote?.notice == Fixtures.testNotice2027.source && s.calendarNote?.name == "腊八(测试)")
    }

    @Test func theCalendarNoteIsForListedDaysOnly() throws {
        var s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        s.clock.calendar.add(Fixtures.testNotice2027)
        let p = Presenter(strings: try Fixtures.strings())
        s.calendarCursor = CivilDate("2027-01-24")!
        let work = try #require(s.calendarNote)
        #expect(!work.off)
        #expect(p.calendarNote(work) == "2027-01-24 腊八(测试)（调休上班）  依据：" + Fixtures.testNotice2027.source)
        s.calendarCursor = CivilDate("2027-01-21")!
        #expect(p.calendarNote(try #require(s.calendarNote)) == "2027-01-21 腊八(测试)（休）  依据：" + Fixtures.testNotice2027.source)
        // A plain working day and an ordinary weekend: nothing.
        for plain in ["2027-01-19", "2027-01-23", "2026-11-30"] {
            s.calendarCursor = CivilDate(plain)!
            #expect(s.calendarNote == nil, "\(plain)")
        }
    }
}
