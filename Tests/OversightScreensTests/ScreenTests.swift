import CustomDump
import Foundation
import OversightDomain
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// Compares `text` with the golden file `name`. With RECORD_GOLDEN=1 (or no file yet) it
/// writes the file and records an issue, so a new golden is always looked at once.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Fixtures.packageRoot.appendingPathComponent("Tests/OversightScreensTests/Golden/\(name).txt")
    let exists = FileManager.default.fileExists(atPath: url.path)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" || !exists {
        try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded golden \(name); check it and run again", sourceLocation: sourceLocation)
        return
    }
    let golden = try String(contentsOf: url, encoding: .utf8)
    let actual = text + "\n"
    #expect(actual == golden, "golden \(name) differs:\n\(diff(golden, actual) ?? "")", sourceLocation: sourceLocation)
}

@Suite struct ScreenTests {
    static let store = Result { try Fixtures.demoStore(name: "ScreenTests") }

    func render(_ user: String = "wangjian", lang: Language = .zh, size: Size, glyphs: Glyphs = .unicode,
                _ change: (inout AppState) -> Void = { _ in }) throws -> CellGrid {
        var state = try Fixtures.state(try Self.store.get(), user: user)
        change(&state)
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings(lang)), glyphs: glyphs)
        return screen.render(state, size: size)
    }

    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func threePanesMatchTheirGolden(size: (Int, Int), lang: Language) throws {
        let grid = try render(lang: lang, size: Size(width: size.0, height: size.1))
        try expectGolden(grid.text, "workbench-\(lang)-\(size.0)x\(size.1)")
    }

    @Test func everyRowIsExactlyTheScreenWide() throws {
        for (w, h) in [(80, 24), (120, 40), (100, 30)] {
            let grid = try render(size: Size(width: w, height: h))
            for (y, line) in grid.lines.enumerated() {
                #expect(DisplayWidth.of(line) == w, "row \(y) at \(w)x\(h): \(line)")
            }
        }
    }

    @Test func panesAndTitlesAreWhereTheyBelong() throws {
        let grid = try render(size: Size(width: 80, height: 24))
        let lines = grid.lines
        // At 80 columns the product name gives way; organisation, user, date and alerts stay.
        #expect(lines[0].contains("文水县人民检察院") && lines[0].contains("王建国"))
        #expect(try render(size: Size(width: 120, height: 40)).lines[0].contains("监督协作台"))
        #expect(lines[0].contains("2026-11-30 周一"))
        #expect(lines[0].contains("逾期 "))
        #expect(lines[1].contains("[收件箱"))
        #expect(lines[1].contains(" 详情 "))
        #expect(lines.contains { $0.contains(" 日历 2026年11月") })
        #expect(lines[23].contains("Enter 操作") && lines[23].contains("q 退出"))
        // The vertical borders of the inbox and detail frames stand in one column on every row.
        let inboxRows = 2..<(24 - 1 - Layout.calendarHeight - 1)
        let border = 80 * 55 / 100 - 1
        for y in inboxRows {
            #expect(grid[border, y].text == "│", "row \(y)")
            #expect(grid[border + 1, y].text == "│", "row \(y)")
            #expect(grid[79, y].text == "│", "row \(y)")
        }
    }

    @Test func overdueRowsCarryATextMarkerNotOnlyColour() throws {
        let grid = try render(size: Size(width: 120, height: 40))
        let inbox = grid.lines(in: Rect(x: 0, y: 2, width: 120 * 55 / 100, height: 40 - 2 - 1 - Layout.calendarHeight - 1))
        let overdueRows = inbox.filter { $0.contains("逾期") }
        #expect(!overdueRows.isEmpty)
        for row in overdueRows { #expect(row.dropFirst(2).hasPrefix("!"), "\(row)") }
    }

    @Test func theDetailExplainsTheDeadline() throws {
        // The department's first to do: the suggestion served on it, whose reply is overdue.
        let grid = try render("hbj.li", size: Size(width: 120, height: 40))
        #expect(grid.text.contains("期限计算"))
        #expect(grid.text.contains("原始届满日：2026-11-16"))
        #expect(grid.text.contains("二个月之内予以书面回复"))
    }

    /// A draft shows the day it was created (创建日期); an issued matter the day it was issued (制发日期), not its creation.
    @Test(arguments: [(Language.zh, "创建日期", "制发日期"), (.en, "Created", "Issued")])
    func theDetailSaysCreatedBeforeTheIssueAndIssuedAfter(lang: Language, created: String, issued: String) throws {
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        var m = try #require(state.inbox.first { $0.kind == .suggestion })
        m.createdOn = CivilDate(year: 2026, month: 10, day: 3)!
        m.issuedOn = nil
        m.state = .draft
        state.inbox = [m]
        state.selection = 0
        state.detail = MatterDetail(matter: m, events: [])
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings(lang)))
        let draft = screen.render(state, size: Size(width: 120, height: 40)).lines
        #expect(draft.contains { $0.contains(created) && $0.contains("2026-10-03") }, "\(draft.joined(separator: "\n"))")
        #expect(!draft.contains { $0.contains(issued) })

        m.issuedOn = CivilDate(year: 2026, month: 10, day: 8)!
        m.state = .issued
        state.inbox = [m]
        state.detail = MatterDetail(matter: m, events: [])
        let out = screen.render(state, size: Size(width: 120, height: 40)).lines
        #expect(out.contains { $0.contains(issued) && $0.contains("2026-10-08") }, "\(out.joined(separator: "\n"))")
        #expect(!out.contains { $0.contains("2026-10-03") }, "the creation date is not shown as the issue date")
    }

    @Test func englishIsOffered() throws {
        let grid = try render(lang: .en, size: Size(width: 80, height: 24))
        #expect(grid.lines[0].contains("文水县人民检察院") && grid.lines[0].contains("overdue 4 · today ") && grid.lines[0].contains(" · 7d "))
        #expect(try render(lang: .en, size: Size(width: 120, height: 40)).lines[0].contains("Oversight"))
        #expect(grid.lines[1].contains("[Inbox"))
        #expect(grid.lines.contains { $0.contains("Calendar November 2026") })
        #expect(grid.lines[23].contains("Enter act"))
    }

    @Test func theCalendarMarksTodayAndDeadlines() throws {
        let grid = try render(size: Size(width: 80, height: 24))
        let calendar = grid.lines.suffix(Layout.calendarHeight + 1).joined(separator: "\n")
        #expect(calendar.contains("[30]"))
        #expect(calendar.contains("!"))
        #expect(calendar.contains("·"))
        for wd in ["一", "二", "三", "四", "五", "六", "日"] { #expect(calendar.contains(wd)) }
    }

    /// 2025's National Day: 10-01…10-08 off (休), the Saturday 10-11 and the Sunday 09-28
    /// worked (班, 调休), as Resources/holidays/2025.json has them.
    @Test(arguments: [Language.zh, .en])
    func theCalendarLabelsHolidaysOffAndAdjustedDaysWorked(lang: Language) throws {
        let s = try Fixtures.strings(lang)
        let (off, work) = (s("calendar.rest"), s("calendar.work"))
        func calendar(_ cursor: String) throws -> String {
            let grid = try render(lang: lang, size: Size(width: 120, height: 40)) {
                $0.calendarCursor = CivilDate(cursor)!
                $0.inbox = []  // no deadline counts between a day and its label
            }
            return grid.lines.dropLast().suffix(Layout.calendarHeight).joined(separator: "\n")
        }
        func count(_ label: String, in text: String) -> Int { text.components(separatedBy: label).count - 1 }
        let october = try calendar("2025-10-15")
        for day in 1...8 { #expect(october.contains(" \(day < 10 ? " " : "")\(day) \(off)"), "10-0\(day) \(lang)") }
        #expect(october.contains(" 11 \(work)"))
        #expect(count(off, in: october) == 8 && count(work, in: october) == 1, "\(october)")
        let september = try calendar("2025-09-15")
        #expect(september.contains(" 28 \(work)"))
        #expect(count(work, in: september) == 1 && count(off, in: september) == 0, "\(september)")
    }

    @Test func aNoticeTakesTheHintLine() throws {
        let grid = try render(size: Size(width: 100, height: 30)) { $0.notice = "Locale is not UTF-8" }
        #expect(grid.lines[29].hasPrefix(" Locale is not UTF-8"))
        #expect(!grid.lines[29].contains("q 退出"))
    }

    @Test func aFailureTakesTheHintLineMadeSafe() throws {
        let grid = try render(size: Size(width: 100, height: 30)) {
            $0.notice = "Locale is not UTF-8"
            $0.status = .failed("disk \u{1B}[31mI/O\u{202E} error")
        }
        #expect(grid.lines[29].hasPrefix(" 出错：disk <U+001B>[31mI/O<U+202E> error"), "\(grid.lines[29])")
        #expect(!grid.lines[29].contains("Locale") && !grid.lines[29].contains("q 退出"))
        #expect(grid[1, 29].style == .alert)
    }

    @Test func asciiFramesUseNoBoxDrawing() throws {
        let grid = try render(size: Size(width: 80, height: 24), glyphs: .ascii)
        #expect(!grid.text.contains("│") && !grid.text.contains("─") && !grid.text.contains("┌"))
        #expect(grid.lines[1].hasPrefix("+"))
    }

    @Test func smallTerminalsShowOnePaneThenAMessage() throws {
        let one = try render(size: Size(width: 60, height: 20)) { $0.focus = .detail }
        #expect(one.lines[1].contains("[详情"))
        #expect(one.lines[1].contains("Tab 切换"))
        #expect(!one.text.contains("收件箱"))
        let tiny = try render(size: Size(width: 20, height: 5))
        #expect(tiny.text.contains("请放大终端"))
        let wide = try render(size: Size(width: 70, height: 3))
        #expect(wide.text.contains("终端太小") && wide.text.contains("70×3"))
    }

    @Test func noSizeCrashesOrOverflows() throws {
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings()))
        for w in [0, 1, 2, 3, 5, 10, 23, 24, 25, 40, 79, 80, 81, 200] {
            for h in [0, 1, 2, 5, 6, 7, 12, 19, 20, 24, 60] {
                for pane in Pane.allCases {
                    state.focus = pane
                    state.showHelp = (w + h) % 2 == 0
                    let grid = screen.render(state, size: Size(width: w, height: h))
                    #expect(grid.lines.count == h)
                    for line in grid.lines { #expect(DisplayWidth.of(line) == w) }
                }
            }
        }
    }

    @Test func eachPartyHasItsOwnView() throws {
        let department = try render("scjgj.ren", size: Size(width: 120, height: 40))
        #expect(department.lines[0].contains("文水县市场监督管理局"))
        #expect(department.text.contains("文检行建"))
        // A referral about this department is never shown to it.
        #expect(!department.text.contains("文检线"))
        let admin = try render("admin", size: Size(width: 80, height: 24))
        #expect(admin.text.contains("系统管理（人员") && admin.text.contains("wangjian     王建国") && admin.text.contains("完整性检查 ok"))
        #expect(admin.text.contains("尚未审计核验"), "the last verification is shown (none yet)")
        let readOnly = try render(size: Size(width: 80, height: 24)) { $0.readOnly = true }
        #expect(readOnly.lines[0].contains("只读"))
    }

    @Test func aServiceLevelAndAProvisionalDeadlineAreMarkedApartFromALegalOne() throws {
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        let legal = try #require(state.inbox.first { $0.kind == .suggestion && $0.pendingDue != nil })
        let service = try #require(state.inbox.first { $0.kind == .transfer && $0.pendingDue != nil })
        let clock = state.clock
        #expect(Workflow.clockNature(of: legal, calculator: clock) == ClockNature(serviceLevel: false, provisional: false))
        #expect(Workflow.clockNature(of: service, calculator: clock) == ClockNature(serviceLevel: true, provisional: false))
        // A deadline counted into 2027, whose holiday notice is not out, is provisional.
        var late = legal
        late.id = 9_999
        late.title = "暂定期限的事项"
        late.due = CivilDate(year: 2027, month: 2, day: 1)
        #expect(Workflow.clockNature(of: late, calculator: clock)?.provisional == true)
        state.inbox = [legal, service, late]
        state.selection = 2
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings(.zh)))
        let grid = screen.render(state, size: Size(width: 120, height: 30))
        // Inbox rows start on the third line (the detail pane's title above names the selected matter).
        func row(_ m: Matter) throws -> String { try #require(grid.lines.dropFirst(2).first { $0.contains(m.title.prefix(4)) }) }
        let legalRow = try row(legal), serviceRow = try row(service), lateRow = try row(late)
        #expect(!legalRow.contains("(剩") && !legalRow.contains("(逾期"), "\(legalRow)")
        #expect(["(剩", "(逾期", "(今日"].contains { serviceRow.contains($0) }, "\(serviceRow)")
        #expect(lateRow.contains("天?"), "\(lateRow)")
        // Where the date shows in the detail, it says so in words, and the detail lists the steps this user may take.
        state.detail = MatterDetail(matter: late, events: [])
        let provisional = screen.render(state, size: Size(width: 120, height: 30)).text
        #expect(provisional.contains("暂定（节假日安排未公布）"))
        state.selection = 1
        state.detail = MatterDetail(matter: service, events: [])
        let detail = screen.render(state, size: Size(width: 120, height: 60)).text
        #expect(detail.contains("服务水平期限（原文未定具体期限）"))
        let steps = Workflow.stepStatus(for: state.viewer, on: service, today: state.today).filter { $0.reason == nil }
        try #require(!steps.isEmpty)
        #expect(detail.contains("可办理（Enter）"))
        #expect(detail.contains(try Fixtures.strings(.zh)("event.\(steps[0].action.rawValue)")))
    }

    @Test func helpListsWhatThisUserMayDoInThisPaneAndWhatTheMarksMean() throws {
        let strings = try Fixtures.strings(.zh)
        var state = try Fixtures.state(try Self.store.get(), user: "wangjian")
        func labels(_ s: AppState) -> Set<String> { Set(Keymap.standard.helpRows(s).map(\.label)) }
        #expect(labels(state).contains("command.tag") && !labels(state).contains("command.next-month"))
        state.focus = .calendar
        #expect(labels(state).contains("command.next-month") && !labels(state).contains("command.tag"))
        state.focus = .inbox
        state.showHelp = true
        let inbox = Screen(presenter: Presenter(strings: strings)).render(state, size: Size(width: 100, height: 50)).text
        for key in ["command.tag", "legend.overdue", "legend.service-level", "legend.provisional"] {
            #expect(inbox.contains(strings(key)), "\(key)")
        }
        // The administrator takes no part in workflows: no new matter, no reply.
        let admin = try Fixtures.state(try Self.store.get(), user: "admin")
        #expect(!labels(admin).contains("command.new") && !labels(admin).contains("command.reply")
                && !labels(admin).contains("command.scope"))
    }

    @Test func theEntrySummaryListsWhatIsOverdue() throws {
        let grid = try render(size: Size(width: 100, height: 30)) { $0.showOverdueSummary = true }
        #expect(grid.text.contains("逾期提醒：4 件已过期限"))
        #expect(grid.text.contains("! 文检行建〔2026〕1号  关于汾河排污口整治的检察建议"))
        #expect(grid.text.contains("按任意键继续"))
        let small = try render(size: Size(width: 40, height: 7)) { $0.showOverdueSummary = true }
        #expect(small.text.contains("另有"))
        for line in small.lines { #expect(DisplayWidth.of(line) == 40) }
    }

    @Test func helpOverlayListsTheKeymap() throws {
        let grid = try render(size: Size(width: 80, height: 24)) { $0.showHelp = true }
        #expect(grid.text.contains("按键帮助"))
        #expect(grid.text.contains("下一窗格"))
        #expect(grid.text.contains("<Tab>"))
    }

    @Test func untrustedTextCannotReachTheTerminalRaw() throws {
        let grid = try render(size: Size(width: 120, height: 40)) { s in
            s.detail?.matter.summary = "正常\u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}文本\r\n第二行"
        }
        for cell in grid.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E })
        }
        // Shown, not hidden and not obeyed: every control and format character as its marker.
        #expect(grid.text.contains("<U+001B>]0;pwned<U+0007><U+001B>[2J"), "\(grid.text)")
    }

    /// The inbox's rows on screen (inside its frame), with the matter each shows.
    func inboxRows(_ grid: CellGrid, state rows: Int) -> (rect: Rect, border: Int) {
        let w = grid.size.width, h = grid.size.height
        let height = h - 2 - Layout.calendarHeight - 1
        return (Rect(x: 1, y: 2, width: w * 55 / 100 - 2, height: min(rows, height - 2)), w * 55 / 100 - 1)
    }

    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func untrustedTitlesKeepTheColumnsInLine(size: (Int, Int), lang: Language) throws {
        let titles = ["\u{1B}[31m红色\u{1B}[0m标题🙂", "\u{9B}31m\u{202E}倒\u{200F}序\u{1B}]0;x\u{07}👍🏽标题", "🙂🙂🙂 plain emoji title"]
        var matters: [Matter] = []
        let grid = try render(lang: lang, size: Size(width: size.0, height: size.1)) { s in
            for (i, t) in titles.enumerated() { s.inbox[1 + 2 * i].title = t }
            matters = s.inbox
        }
        let (rect, border) = inboxRows(grid, state: matters.count)
        var ends: Set<Int> = []
        for y in rect.y..<rect.maxY {
            #expect(grid[border, y].text == "│", "border at row \(y): \(grid.lines[y])")
            // The right edge of the last character: a wide one's continuation cell counts.
            let end = (rect.x..<border).last { !grid[$0, y].text.trimmingCharacters(in: .whitespaces).isEmpty || grid[$0, y].isContinuation }
            ends.insert(end ?? -1)
        }
        #expect(ends.count == 1, "the urgency column ends at \(ends.sorted()):\n\(grid.lines(in: Rect(x: 0, y: rect.y, width: border + 1, height: rect.height)).joined(separator: "\n"))")
        #expect(grid.text.contains("<U+001B>"))
    }

    @Test(arguments: [(80, 24), (100, 30), (120, 40)], [Language.zh, .en])
    func everyInboxRowShowsItsTitle(size: (Int, Int), lang: Language) throws {
        var matters: [Matter] = []
        let grid = try render(lang: lang, size: Size(width: size.0, height: size.1)) { matters = $0.inbox }
        let (rect, _) = inboxRows(grid, state: matters.count)
        let rows = grid.lines(in: rect)
        for (i, row) in rows.enumerated() {
            let start = String(matters[i].title.prefix(3))
            #expect(row.contains(start), "row \(i) lacks \"\(start)\": \(row)")
        }
    }

    /// East Asian Width "A" characters that screens could plausibly draw: Latin-1 signs,
    /// punctuation (dashes, quotes, "…", "·"), circled numbers, box drawing, shapes and symbols.
    static func isAmbiguousWidth(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return [0xA1, 0xA4, 0xA7, 0xA8, 0xAA, 0xAD, 0xAE, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA,
                0xBC, 0xBD, 0xBE, 0xBF, 0xD7, 0xF7].contains(v)
            || (0x2010...0x2027).contains(v) || (0x2030...0x203B).contains(v) || (0x2190...0x2199).contains(v)
            || (0x2460...0x24FF).contains(v) || (0x2500...0x257F).contains(v) || (0x25A0...0x25FF).contains(v)
            || (0x2600...0x26FF).contains(v) || v == 0xFFFD
    }

    @Test(arguments: [(80, 24), (120, 40), (60, 20)], [Language.zh, .en])
    func asciiGlyphsDrawNoAmbiguousWidthCharacter(size: (Int, Int), lang: Language) throws {
        let variants: [(String, (inout AppState) -> Void)] = [
            ("plain", { _ in }),
            ("help", { $0.showHelp = true }),
            ("summary", { $0.showOverdueSummary = true }),
            ("detail", { $0.focus = .detail }),
            ("calendar", { $0.focus = .calendar }),
            ("data", { s in
                s.inbox[0].title = "“引号”—破折号…×÷·§①■●☆" + String(repeating: "很长的标题", count: 10)
                s.detail?.matter.summary = "·…“”—①"
            }),
        ]
        for (name, change) in variants {
            let grid = try render(lang: lang, size: Size(width: size.0, height: size.1), glyphs: .ascii, change)
            for y in 0..<grid.size.height {
                for x in 0..<grid.size.width {
                    let text = grid[x, y].text
                    let bad = text.unicodeScalars.contains { Self.isAmbiguousWidth($0) || DisplayWidth.isAmbiguous($0) }
                    #expect(!bad, "\(name) \(lang) \(size): \"\(text)\" at \(x),\(y) in \(grid.lines[y])")
                }
            }
            for line in grid.lines { #expect(DisplayWidth.of(line) == size.0, "\(name): \(line)") }
        }
        let cut = try render(lang: lang, size: Size(width: size.0, height: size.1), glyphs: .ascii) { s in
            s.inbox[0].title = String(repeating: "很长的标题", count: 10)
        }
        #expect(cut.text.contains("..."), "cut text ends in \"...\"")
    }

    /// One state and screen, for tests that render many sizes.
    func renderer(_ lang: Language) throws -> (AppState, Screen) {
        (try Fixtures.state(try Self.store.get(), user: "wangjian"), Screen(presenter: Presenter(strings: try Fixtures.strings(lang))))
    }

    @Test(arguments: [Language.zh, .en])
    func theHintLineKeepsHelpAndQuitAtEveryWidth(lang: Language) throws {
        let strings = try Fixtures.strings(lang)
        let help = "? " + strings("hint.help"), quit = "q " + strings("hint.quit")
        let (state, screen) = try renderer(lang)
        for w in 20...200 {
            let grid = screen.render(state, size: Size(width: w, height: 24))
            let hints = grid.lines[23]
            #expect(hints.contains(quit), "\(w): \(hints)")
            if w >= Screen.onePaneMinimum.width { #expect(hints.contains(help), "\(w): \(hints)") }
        }
    }

    @Test func everyEnglishHintShownIsAWholeHint() throws {
        let strings = try Fixtures.strings(.en)
        let whole = Set(Keymap.standard.hints.map { $0.keys.filter { $0 != "<" && $0 != ">" } + " " + strings($0.label) })
        let (state, screen) = try renderer(.en)
        for w in Screen.onePaneMinimum.width...200 {
            for h in [24, 40] {
                let line = screen.render(state, size: Size(width: w, height: h)).lines[h - 1]
                let shown = line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                #expect(!shown.isEmpty)
                for hint in shown { #expect(whole.contains(hint), "\(w)×\(h): \"\(hint)\" in \(line)") }
            }
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (100, 30), (60, 20), (40, 12)])
    func englishLabelsAreNeverCutMidWord(size: (Int, Int)) throws {
        for pane in Pane.allCases {
            for help in [false, true] {
                let grid = try render(lang: .en, size: Size(width: size.0, height: size.1)) { $0.focus = pane; $0.showHelp = help }
                for line in grid.lines {
                    let cut = zip(line, line.dropFirst()).contains { $0.isASCII && $0.isLetter && $1 == "…" }
                    #expect(!cut, "\(size) \(pane) help \(help): \(line)")
                }
            }
        }
    }

    @Test func theHelpScrollsOnASmallTerminalToEveryEntry() throws {
        let strings = try Fixtures.strings()
        var (state, screen) = try renderer(.zh)
        state.showHelp = true
        let entries = Keymap.standard.helpRows(state).filter { !$0.label.isEmpty }
        #expect(entries.count > 10)
        for w in 20...200 {
            var seen = Set<String>()
            for scroll in 0...entries.count {
                state.helpScroll = scroll
                let grid = screen.render(state, size: Size(width: w, height: 10))
                for line in grid.lines { #expect(DisplayWidth.of(line) == w, "\(w): \(line)") }
                for e in entries where grid.text.contains(e.keys.prefix(3)) && grid.text.contains(String(strings(e.label, ["n": state.alertWindow]).prefix(2))) {
                    seen.insert(e.label)
                }
            }
            if w >= Screen.onePaneMinimum.width {
                #expect(seen == Set(entries.map(\.label)), "\(w): missing \(Set(entries.map(\.label)).subtracting(seen))")
            }
        }
    }
}

@Suite struct TagMarkerTests {
    @Test func taggedRowsCarryAPlus() throws {
        var state = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings()))
        state.tagged = [state.inbox[1].id, state.inbox[2].id]
        var lines = screen.render(state, size: Size(width: 120, height: 40)).lines
        var rows = lines.filter { $0.hasPrefix("│") }.map { String($0.dropFirst().prefix(2)) }
        #expect(rows.prefix(3) == ["> ", " +", " +"])
        // The selection on a tagged row shows both marks.
        state.selection = 1
        lines = screen.render(state, size: Size(width: 120, height: 40)).lines
        rows = lines.filter { $0.hasPrefix("│") }.map { String($0.dropFirst().prefix(2)) }
        #expect(rows.prefix(3) == ["  ", ">+", " +"])
    }
}
