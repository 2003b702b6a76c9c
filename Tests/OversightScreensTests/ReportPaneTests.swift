import OversightDomain
import OversightRuntime
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// The reports pane: opened by `R` or `:report`, its figures read through the runtime's own interpreter
/// (`Effect.loadReport`), drawn over the body at 80×24, scrolled with j/k, closed by Esc or q.
@Suite struct ReportPaneTests {
    static let store = Result { try Fixtures.demoStore(name: "ReportPaneTests") }

    /// `user`'s workbench after `keys`, every effect run by the interpreter as the runtime runs it.
    func state(_ user: String = "wangjian", keys: [String]) throws -> AppState {
        let store = try Self.store.get()
        var state = try Fixtures.state(store, user: user)
        for key in keys {
            EffectInterpreter(store: store).perform(reduce(&state, .key(key)), on: &state) { reduce(&$0, $1) }
        }
        if let failure = state.status { throw FixtureError("\(failure)") }
        return state
    }

    func render(_ state: AppState, _ lang: Language = .zh, glyphs: Glyphs = .unicode, size: Size = Size(width: 80, height: 24)) throws -> CellGrid {
        Screen(presenter: Presenter(strings: try Fixtures.strings(lang)), glyphs: glyphs).render(state, size: size)
    }

    @Test func rAndTheColonWordOpenItOnThisYearsFiguresAsAnEffect() throws {
        var s = try Fixtures.state(try Self.store.get(), user: "wangjian")
        #expect(reduce(&s, .key("R")) == [.loadReport(ReportPeriod.year(2026)!)])
        #expect(s.showsReport && s.report == nil)
        var t = try Fixtures.state(try Self.store.get(), user: "wangjian")
        _ = reduce(&t, .key(":"))
        for c in "report" { _ = reduce(&t, .key(String(c))) }
        #expect(reduce(&t, .key("<Enter>")) == [.loadReport(ReportPeriod.year(2026)!)])
        #expect(t.showsReport)
        // The help lists it, with its key, from the keymap.
        #expect(Keymap.standard.helpRows(t).contains { $0.keys == "R" && $0.label == "command.report" })
    }

    /// The figures counted by hand on the demo (today 2026-11-30), not by `Report`: the procuratorate's matters
    /// created in 2026 (as sender, recipient, subject or copy) are 36 — 21 suggestions, 5 transfers, 3
    /// inspections, 2 referrals, 2 disputes, 2 supervision applications, 1 meeting. Of the reply kinds, 26 were
    /// served and not withdrawn (18 suggestions: 12 served, 2 replied, 3 closed, 1 escalated; 5 transfers; 3
    /// inspections); 8 were answered (5 suggestions, 2 transfers, 1 inspection), 7 on time and one late (农业农村局's
    /// suggestion, answered 2026-08-22 after its deadline 2026-08-17).
    @Test func itShowsTheDomainsFiguresOfTheViewersShare() throws {
        let state = try state(keys: ["R"])
        let report = try #require(state.report)
        let w = report.whole
        #expect(w.total == 36)
        #expect(w.byKind == [.suggestion: 21, .transfer: 5, .inspection: 3, .referral: 2, .dispute: 2, .supervisionApplication: 2, .meeting: 1])
        #expect(w.served == 26 && w.replied == 8 && w.repliedOnTime == 7 && w.repliedLate == 1)
        let text = try render(state).text
        #expect(text.contains("[数据统计 2026年]"))
        #expect(text.contains("期间 2026-01-01 至 2026-12-31（按创建日期计入）· 逾期截至 2026-11-30"))
        #expect(text.contains("范围：文水县人民检察院可见的事项"))
        #expect(text.contains("事项 36 · 回复率 8/26 "), "\(text)")
    }

    @Test(arguments: [Language.zh, .en])
    func atEightyByTwentyFourItMatchesItsGolden(lang: Language) throws {
        let grid = try render(try state(keys: ["R"]), lang)
        for (y, line) in grid.lines.enumerated() { #expect(DisplayWidth.of(line) == 80, "row \(y): \(line)") }
        try expectGolden(grid.text, "report-\(lang)-80x24")
    }

    @Test func barsAreInProportionAndAtLeastOneCellForAnyCount() throws {
        #expect(ReportPane.length(0, of: 10, room: 40) == 0)
        #expect(ReportPane.length(10, of: 10, room: 40) == 40)
        #expect(ReportPane.length(5, of: 10, room: 40) == 20)
        #expect(ReportPane.length(1, of: 1000, room: 40) == 1)
        let lines = try render(try state(keys: ["R"])).lines
        let bars = lines.filter { $0.contains("█") }
        #expect(!bars.isEmpty)
        // Every bar starts in one column, whatever its label's width in cells.
        let starts = Set(bars.map { line in DisplayWidth.of(String(line.prefix { $0 != "█" })) })
        #expect(starts.count == 1, "\(bars)")
    }

    @Test func asciiFramesDrawTheBarsWithHashes() throws {
        let grid = try render(try state(keys: ["R"]), glyphs: .ascii)
        #expect(!grid.text.contains("█") && !grid.text.contains("│"))
        #expect(grid.lines.contains { $0.contains(" ##") })
    }

    @Test func jAndKScrollToTheLastChartAndEscAndQClose() throws {
        let top = try state(keys: ["R"])
        let rows = try #require(top.report).paneRows
        #expect(rows.count > 19, "taller than the pane at 80×24, so it scrolls")
        #expect(!(try render(top).text.contains("不涉及部门")))
        let scrolled = try state(keys: ["R"] + Array(repeating: "j", count: rows.count + 5))
        #expect(scrolled.reportScroll == rows.count - 1, "j stops at the last row")
        let bottom = try render(scrolled).lines
        #expect(bottom.contains { $0.contains("按部门") })
        #expect(bottom[20].contains("不涉及部门"), "the last row of the last chart: \(bottom[20])")
        #expect(!bottom.contains { $0.contains("期间 2026") }, "the top has scrolled away")
        #expect(try state(keys: ["R", "j", "j", "k"]).reportScroll == 1)
        #expect(try state(keys: ["R", "G", "g"]).reportScroll == 0)
        for close in ["<Esc>", "q", "R"] {
            let closed = try state(keys: ["R", close])
            #expect(closed.mode == .normal && !closed.quitting, "\(close)")
            #expect(!(try render(closed).text.contains("数据统计")), "\(close)")
        }
    }

    @Test func anotherSessionsChangeReadsTheFiguresAgainWhileTheyAreShown() throws {
        let event = MatterEvent(id: 9999, matterID: 1, on: Fixtures.today, actor: "hbj.li", action: .step(.note), text: "", stateAfter: .served)
        var open = try state(keys: ["R"])
        let shown = open.report
        #expect(reduce(&open, .othersChanged([event])).contains(.loadReport(ReportPeriod.year(2026)!)))
        #expect(open.report == shown && open.showsReport, "the figures shown stay until the new ones come")
        var closed = try state(keys: ["R", "q"])
        #expect(!reduce(&closed, .othersChanged([event])).contains { if case .loadReport = $0 { true } else { false } })
    }

    /// The justice bureau's county view (issue 20): after its share, a bar per department of the suggestions it
    /// received, each with a line of its replies, overdue and adoption; scrolled to at 80×24.
    @Test(arguments: [Language.zh, .en])
    func theJusticeBureauScrollsToTheCountySectionAtEightyByTwentyFour(lang: Language) throws {
        let opened = try state("zhaomin", keys: ["R"])
        let report = try #require(opened.report)
        let county = try #require(report.county)
        let rows = report.paneRows
        let start = try #require(rows.firstIndex(of: .heading(.county)))
        // Every department has a bar (its suggestions received); one that received any, a line of its figures.
        let bars = rows[start...].compactMap { row -> (OrgID, Int)? in
            if case .bar(.group(.department(let id?)), let count, let scale) = row, scale == county.mostReceived { return (id, count) }
            return nil
        }
        #expect(bars.map(\.0) == county.rows.map(\.department) && bars.map(\.1) == county.rows.map(\.figures.total))
        #expect(rows[start...].filter { if case .countyDetail = $0 { true } else { false } }.count == county.rows.filter { $0.figures.total > 0 }.count)
        let scrolled = try state("zhaomin", keys: ["R"] + Array(repeating: "j", count: start))
        let grid = try render(scrolled, lang)
        for (y, line) in grid.lines.enumerated() { #expect(DisplayWidth.of(line) == 80, "row \(y): \(line)") }
        #expect(grid.lines[2].contains(lang == .zh ? "全县各部门检察建议" : "each department, county-wide"), "\(grid.text)")
        try expectGolden(grid.text, "report-county-\(lang)-80x24")
        // The county's bars start in the column of every other bar.
        let all = try state("zhaomin", keys: ["R"])
        let starts = Set((try render(all).lines + grid.lines).filter { $0.contains("█") }.map { DisplayWidth.of(String($0.prefix { $0 != "█" })) })
        #expect(starts.count == 1)
        // The last row of the pane is the last department's.
        let bottom = try render(try state("zhaomin", keys: ["R", "G"]))
        let last = try #require(county.rows.last)
        #expect(bottom.text.contains(try #require(scrolled.organisations[last.department])))
    }

    @Test func aDepartmentAndTheProcuratorateHaveNoCountySection() throws {
        for user in ["hbj.li", "wangjian", "admin"] {
            let s = try state(user, keys: ["R"])
            let report = try #require(s.report)
            #expect(report.county == nil && !report.paneRows.contains(.heading(.county)), "\(user)")
            for n in stride(from: 0, through: report.paneRows.count, by: 10) {
                #expect(!(try render(try state(user, keys: ["R"] + Array(repeating: "j", count: n))).text.contains("全县各部门")), "\(user)")
            }
        }
    }

    @Test func anAdministratorSeesTheCounty() throws {
        let admin = try state("admin", keys: ["R"])
        let county = try #require(admin.report).whole.total
        let party = try #require(try state(keys: ["R"]).report).whole.total
        #expect(county > party)
        #expect(try render(admin).text.contains("范围：全县所有事项"))
    }
}
