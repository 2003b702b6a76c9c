import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// The calendar's bottom edge names the holiday of the cursor's day and the notice that decided it, fitted in cells.
@Suite struct CalendarNoteTests {
    static let store = Result { try Fixtures.demoStore(name: "CalendarNoteTests") }

    func render(lang: Language = .zh, size: Size, cursor: String, glyphs: Glyphs = .unicode, notice: HolidayCalendar.Year = Fixtures.testNotice2027,
                focus: Pane = .calendar) throws -> CellGrid {
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        state.clock.calendar.add(notice)
        state.calendarCursor = CivilDate(cursor)!
        state.focus = focus
        return Screen(presenter: Presenter(strings: try Fixtures.strings(lang)), glyphs: glyphs).render(state, size: size)
    }

    /// The calendar's bottom edge: the row above the hint line.
    func bottom(_ grid: CellGrid) -> String { grid.lines[grid.lines.count - 2] }

    @Test func aHolidayNamesItsNoticeCutToTheWidth() throws {
        let grid = try render(size: Size(width: 80, height: 24), cursor: "2027-01-20")
        let edge = bottom(grid)
        #expect(edge.hasPrefix("└ 2027-01-20 腊八(测试)（休）  依据：国务院办公厅关于2027年"), "\(edge)")
        #expect(edge.contains("放假安排…") && edge.hasSuffix("┘"), "cut with … at 80 columns: \(edge)")
        #expect(DisplayWidth.of(edge) == 80)
        for line in grid.lines { #expect(DisplayWidth.of(line) == 80, "\(line)") }
        // Wide enough, the whole title shows.
        let wide = bottom(try render(size: Size(width: 160, height: 40), cursor: "2027-01-24"))
        #expect(wide.contains("2027-01-24 腊八(测试)（调休上班）  依据：\(Fixtures.testNotice2027.source) ─"), "\(wide)")
        #expect(DisplayWidth.of(wide) == 160)
    }

    @Test func inEnglishAndInOnePane() throws {
        let en = bottom(try render(lang: .en, size: Size(width: 120, height: 40), cursor: "2027-01-22"))
        #expect(en.contains("2027-01-22 腊八(测试) (day off)  set by: 国务院办公厅"), "\(en)")
        // A terminal too small for three panes shows the focused calendar alone, its edge still named.
        let small = try render(size: Size(width: 60, height: 14), cursor: "2027-01-21")
        #expect(bottom(small).contains("2027-01-21 腊八(测试)（休）"), "\(small.text)")
        for line in small.lines { #expect(DisplayWidth.of(line) == 60, "\(line)") }
    }

    @Test func aPlainWorkingDayAndAnOrdinaryWeekendAddNothing() throws {
        for day in ["2027-01-19", "2027-01-23"] {
            let edge = bottom(try render(size: Size(width: 80, height: 24), cursor: day))
            #expect(edge == "└" + String(repeating: "─", count: 78) + "┘", "\(day): \(edge)")
        }
    }

    /// A loaded notice's title and names are untrusted: controls and hidden characters are shown, never sent.
    @Test func aHostileTitleIsShownSafely() throws {
        var hostile = Fixtures.testNotice2027
        hostile.source = "通知\u{1B}[2J\u{202E}反向"
        let edge = bottom(try render(size: Size(width: 80, height: 24), cursor: "2027-01-20", notice: hostile))
        #expect(edge.contains("依据：通知<U+001B>[2J<U+202E>反向"), "\(edge)")
        #expect(!edge.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(DisplayWidth.of(edge) == 80)
    }

    /// The history words a re-clocking (期限重算) with the store's text, the notice's untrusted title made safe.
    @Test func theDetailsHistoryWordsAReclockingSafely() throws {
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        let m = try #require(state.selectedMatter)
        let text = "2027-01-20 → 2027-01-24：通知\u{1B}[2J\u{202E}反向"
        state.detail = MatterDetail(matter: m, events: [
            MatterEvent(id: 1, matterID: m.id, on: Fixtures.today, actor: "admin", action: .reclock, text: text,
                        stateAfter: m.state, dueAfter: CivilDate("2027-01-24")),
        ])
        let grid = Screen(presenter: Presenter(strings: try Fixtures.strings())).render(state, size: Size(width: 200, height: 60))
        #expect(grid.text.contains("期限重算 2027-01-20 → 2027-01-24：通知<U+001B>[2J<U+202E>反向"), "\(grid.text)")
        #expect(!grid.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        let en = Screen(presenter: Presenter(strings: try Fixtures.strings(.en))).render(state, size: Size(width: 200, height: 60))
        #expect(en.text.contains("deadline re-clocked 2027-01-20 → 2027-01-24"), "\(en.text)")
    }
}
