import OversightDomain
import OversightStore
import OversightTestSupport
import Testing

@testable import OversightWorkbench

@Suite struct ReducerTests {
    func state() throws -> AppState {
        try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
    }

    /// What waits on this party comes first, then what waits on others; each group most urgent first.
    @Test func inboxIsSortedByUrgencyOverdueFirst() throws {
        let s = try state()
        let mine = Array(s.inbox.prefix { Workflow.awaits(s.viewer, on: $0) })
        let others = Array(s.inbox.dropFirst(mine.count))
        #expect(!mine.isEmpty && !others.isEmpty)
        #expect(others.allSatisfy { !Workflow.awaits(s.viewer, on: $0) })
        for group in [mine, others] {
            let ranks = group.map { Urgency(due: $0.pendingDue, today: s.today).rank }
            #expect(ranks == ranks.sorted())
        }
        #expect(s.alerts.overdue > 0)
        // A suggestion waiting on the department's reply is not the procuratorate's to do, even overdue.
        if case .overdue = Urgency(due: others[0].pendingDue, today: s.today) {} else {
            Issue.record("the first row waiting on others is not overdue: \(others[0].number)")
        }
        // Matters without a running clock come last.
        #expect(s.inbox.last?.pendingDue == nil)
    }

    /// 待办 counts the whole inbox, not the window loaded: over a generated database whose inbox is many windows
    /// long, it equals a count made by hand from every row of the matter table (read by the administrator, past the
    /// inbox index and its tallies) with the workflow's rule of who takes the next step.
    @Test func todoCountsTheWholeInboxNotTheWindow() throws {
        let dir = try Fixtures.temporaryDirectory("todo-whole")
        let store = try Store(path: dir.appendingPathComponent("gen.sqlite").path)
        try store.seedDemo(try Fixtures.demoDataSet(), today: Fixtures.today, clock: try Fixtures.clock(), admin: "admin",
                           generated: 2_000)
        let s = try Fixtures.state(store, user: "wangjian")
        let every = try store.readableMatters(for: try store.viewer("admin"))
        let waiting = every.filter { Workflow.awaits(s.viewer, on: $0) }
        #expect(s.inboxCount > s.inbox.count, "the inbox is longer than its window")
        let inWindow = s.inbox.filter { Workflow.awaits(s.viewer, on: $0) }.count
        #expect(inWindow < waiting.count, "more waits on the procuratorate than one window holds: \(inWindow) of \(waiting.count)")
        #expect(s.todo == waiting.count)
    }

    /// A move asks for the new detail once the keys stop (`.whenIdle`): held keys read only the one they stop on.
    @Test func movingTheSelectionAsksForTheNewDetail() throws {
        var s = try state()
        #expect(s.detail?.matter.id == s.inbox[0].id)
        let effects = reduce(&s, .key("j"))
        #expect(s.selection == 1)
        #expect(effects == [.beforeDraw(.loadDetail(s.inbox[1].id))])
        #expect(s.detail == nil)
        #expect(reduce(&s, .key("<Up>")) == [.beforeDraw(.loadDetail(s.inbox[0].id))])
        #expect(s.selection == 0)
        #expect(reduce(&s, .key("k")) == [])
        #expect(s.selection == 0)
        _ = reduce(&s, .key("G"))
        #expect(s.selection == s.inbox.count - 1)
        _ = reduce(&s, .key("j"))
        #expect(s.selection == s.inbox.count - 1)
        _ = reduce(&s, .key("g"))
        #expect(s.selection == 0)
    }

    @Test func upMovesOneRowNotToTheTop() throws {
        var s = try state()
        for _ in 0..<3 { _ = reduce(&s, .key("j")) }
        #expect(s.selection == 3)
        #expect(reduce(&s, .key("k")) == [.beforeDraw(.loadDetail(s.inbox[2].id))])
        #expect(s.selection == 2)
        _ = reduce(&s, .key("<Up>"))
        #expect(s.selection == 1)
    }

    @Test func pagingStopsAtTheEndsOfTheInbox() throws {
        var s = try state()
        s.terminalSize = (100, 30)
        let page = 15, last = s.inbox.count - 1
        #expect(s.inbox.count > page + 2)
        _ = reduce(&s, .key("<PgDn>"))
        #expect(s.selection == page)
        for key in ["<PgDn>", "<C-d>", "<PgDn>"] {
            _ = reduce(&s, .key(key))
            #expect(s.selection == last && s.selectedMatter != nil, "\(key)")
        }
        _ = reduce(&s, .key("k"))
        _ = reduce(&s, .key("<PgUp>"))
        #expect(s.selection == last - 1 - page)
        for key in ["<PgUp>", "<C-u>", "<PgUp>"] {
            _ = reduce(&s, .key(key))
            #expect(s.selection == 0 && s.selectedMatter != nil, "\(key)")
        }
    }

    @Test func theDetailScrollsBetweenItsTopAndTheMeasuredEnd() throws {
        var s = try state()
        s.terminalSize = (100, 30)
        s.focus = .detail
        let measure = DetailMeasure { _ in 20 }
        for key in ["<PgDn>", "<PgDn>", "j", "<C-d>"] { _ = reduce(&s, .key(key), measure: measure) }
        #expect(s.detailScroll == 20)
        _ = reduce(&s, .key("k"), measure: measure)
        #expect(s.detailScroll == 19)
        for key in ["<PgUp>", "<PgUp>", "k", "<C-u>"] { _ = reduce(&s, .key(key), measure: measure) }
        #expect(s.detailScroll == 0)
        _ = reduce(&s, .key("G"), measure: measure)
        #expect(s.detailScroll == 20)
        // A shorter end (a resize, a reload) pulls the scroll back before moving from it.
        _ = reduce(&s, .key("k"), measure: DetailMeasure { _ in 5 })
        #expect(s.detailScroll == 4)
        _ = reduce(&s, .key("g"), measure: measure)
        #expect(s.detailScroll == 0)
    }

    @Test func aDetailForAnotherSelectionIsIgnored() throws {
        var s = try state()
        let stale = s.detail
        _ = reduce(&s, .key("j"))
        _ = reduce(&s, .detailLoaded(stale))
        #expect(s.detail == nil)
    }

    @Test func tabCyclesFocusBothWays() throws {
        var s = try state()
        var seen: [Pane] = []
        for _ in 0..<3 {
            _ = reduce(&s, .key("<Tab>"))
            seen.append(s.focus)
        }
        #expect(seen == [.detail, .calendar, .inbox])
        _ = reduce(&s, .key("<S-Tab>"))
        #expect(s.focus == .calendar)
    }

    @Test func calendarKeysMoveTheDayCursorAndMonth() throws {
        var s = try state()
        s.focus = .calendar
        _ = reduce(&s, .key("l"))
        #expect(s.calendarCursor == s.today.adding(days: 1))
        _ = reduce(&s, .key("j"))
        #expect(s.calendarCursor == s.today.adding(days: 8))
        _ = reduce(&s, .key("]"))
        #expect(s.calendarCursor.month == s.today.adding(days: 8).adding(months: 1).month)
        _ = reduce(&s, .key("g"))
        #expect(s.calendarCursor == s.today)
        // Calendar keys leave the inbox selection alone.
        #expect(s.selection == 0)
    }

    @Test func helpOpensAndClosesAndSwallowsKeys() throws {
        var s = try state()
        _ = reduce(&s, .key("?"))
        #expect(s.showHelp)
        #expect(reduce(&s, .key("j")) == [])
        #expect(s.selection == 0)
        _ = reduce(&s, .key("q"))
        #expect(!s.showHelp && !s.quitting)
        #expect(reduce(&s, .key("q")) == [.quit])
        #expect(s.quitting)
    }

    @Test func overdueMattersAreSummedUpOnEntryAndAKeyPutsThemAway() throws {
        var s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian", keepEntrySummary: true)
        #expect(s.showOverdueSummary)
        #expect(s.overdue.count == s.alerts.overdue && s.alerts.overdue > 0)
        // The key that dismisses does nothing else.
        #expect(reduce(&s, .key("j")) == [])
        #expect(!s.showOverdueSummary && s.selection == 0)
        // A later reload does not bring it back.
        _ = reduce(&s, .inboxLoaded(.around(nil, else: nil), InboxPage(matters: s.inbox, start: 0, count: s.inboxCount), s.summary))
        #expect(!s.showOverdueSummary)
    }

    @Test func noSummaryWhenNothingIsOverdue() throws {
        let s = try Fixtures.state(try Fixtures.demoStore(), user: "wlj.kang", keepEntrySummary: true)
        #expect(s.alerts.overdue == 0)
        #expect(!s.showOverdueSummary)
    }

    @Test func unknownKeysDoNothing() throws {
        var s = try state()
        let before = (s.selection, s.focus, s.calendarCursor)
        #expect(reduce(&s, .key("§")) == [])
        #expect(before == (s.selection, s.focus, s.calendarCursor))
    }

    @Test func aFailedEffectStaysUntilTheNextKeyWhichStillActs() throws {
        var s = try state()
        #expect(reduce(&s, .effectFailed("disk I/O error")) == [])
        #expect(s.status == .failed("disk I/O error"))
        _ = reduce(&s, .inboxLoaded(.around(nil, else: nil), InboxPage(matters: s.inbox, start: 0, count: s.inboxCount), s.summary))
        #expect(s.status == .failed("disk I/O error"))
        #expect(reduce(&s, .key("j")) == [.beforeDraw(.loadDetail(s.inbox[1].id))])
        #expect(s.status == nil && s.selection == 1)
    }

    @Test func reloadKeepsTheSelectedMatter() throws {
        var s = try state()
        _ = reduce(&s, .key("j"))
        _ = reduce(&s, .key("j"))
        let chosen = s.selectedMatter?.id
        #expect(reduce(&s, .othersChanged([])) == [.loadInbox, .loadDetail(chosen!)])
        _ = reduce(&s, .inboxLoaded(.around(chosen, else: nil), InboxPage(matters: s.inbox.reversed(), start: 0, count: s.inboxCount), s.summary))
        #expect(s.selectedMatter?.id == chosen)
    }

    @Test func theHintLineComesFromTheKeymap() {
        let hints = Keymap.standard.hints
        #expect(hints.first?.keys == "<Enter>", "what can be done comes before how to move")
        #expect(hints.contains { $0.keys == "j/k" && $0.label == "hint.move" })
        #expect(hints.last?.keys == "q")
        var custom = Keymap.standard
        custom.bindings.removeAll { $0.command == .quit }
        custom.bindings.append(KeyBinding("x", .quit, hint: "hint.quit"))
        #expect(custom.hints.last?.keys == "x")
        #expect(custom.command(for: "q") == nil)
    }

    @Test func everyStringKeyExistsInBothLanguages() throws {
        let zh = try Fixtures.strings(.zh), en = try Fixtures.strings(.en)
        // Refusal reasons in English are the domain's own words; only other languages need a table entry.
        #expect(zh.keys.filter { !$0.hasPrefix("reason.") } == en.keys)
        var needed = Set(Command.allCases.map { "command.\($0.rawValue)" })
        needed.formUnion(MatterKind.allCases.map { "kind.\($0.rawValue)" })
        needed.formUnion(DomainArea.allCases.map { "domain.\($0.rawValue)" })
        needed.formUnion(MatterState.allCases.map { "state.\($0.rawValue)" })
        needed.formUnion(Keymap.standard.hints.map(\.label))
        #expect(needed.subtracting(zh.keys).isEmpty, "missing: \(needed.subtracting(zh.keys).sorted())")
    }
}
