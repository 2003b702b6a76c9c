import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// The running workbench follows the database's legal clock: a holiday notice another session loads shows within a
/// poll (the re-clocked deadline, its provisional mark gone, the history's re-clocking in words).
@Suite struct ClockFollowTests {
    static let served = CivilDate("2026-11-20")!
    static let title = "腊八测试期间到期的检察建议"

    /// A suggestion served 2026-11-20 (two months: 2027-01-20, a year without a notice, so provisional).
    func suggestion(_ store: Store) throws -> Matter {
        let wang = try store.viewer("wangjian"), context = try Fixtures.context()
        let s = try store.create(NewMatter(kind: .suggestion, title: Self.title, domain: .ecology, to: "hbj", date: Self.served),
                                 by: wang, context: context)
        try store.act(s.id, .issue, input: ActionInput(date: Self.served), by: wang, context: context)
        return try store.act(s.id, .serve, input: ActionInput(date: Self.served), by: wang, context: context)
    }

    /// The inbox row of the matter numbered `number` on the screen (the inbox pane's part of the line: the detail beside
    /// it names the number too).
    func row(_ screen: String, _ number: String) -> String {
        screen.split(separator: "\n").map { String($0.components(separatedBy: "││")[0]) }.first { $0.contains(number) } ?? ""
    }

    @Test func aNoticeLoadedByAnotherSessionReclocksTheRunningWorkbenchWithinAPoll() throws {
        let store = try Fixtures.demoStore()
        let m = try suggestion(store)
        try #require(m.due == CivilDate("2027-01-20"))
        let session = try FlowSession(path: store.path, user: "wangjian")
        var clock = ContinuousClock.now
        session.runtime.now = { clock }
        try session.select(Self.title)
        let before = row(session.screen, m.number)
        #expect(before.contains("剩51天?"), "provisional before the notice: \(before)")
        #expect(session.screen.contains("2027-01-20"), "\(session.screen)")
        #expect(session.state.clock.calendar.isProvisional(year: 2027))

        // Another process, the administrator's `calendar add`, loads the notice on the same file.
        let other = try Store(path: store.path)
        let load = try other.load(Fixtures.testNotice2027, by: try other.viewer("admin"), base: try Fixtures.clock(), on: Fixtures.today)
        try #require(load.reclocked.contains { $0.matter == m.id && $0.to == CivilDate("2027-01-24") }, "\(load)")

        // The session's own loop looks once its poll interval has passed (its clock moved on, not waited for).
        let shown = waitUntil(timeout: .seconds(10)) {
            clock += Runtime.pollInterval
            #expect(session.runtime.handle(nil) == nil)
            session.runtime.draw()
            return session.state.selectedMatter?.due == CivilDate("2027-01-24")
        }
        #expect(shown, "the running workbench never followed the notice:\n\(session.screen)")
        #expect(!session.state.clock.calendar.isProvisional(year: 2027))
        #expect(session.state.clock.calendar.years[2027]?.source == Fixtures.testNotice2027.source)
        let after = row(session.screen, m.number)
        #expect(after.contains("剩55天") && !after.contains("剩55天?"), "the mark follows the new clock: \(after)")
        #expect(session.state.detail?.matter.due == CivilDate("2027-01-24"))
        #expect(session.state.detail?.events.last?.action == .reclock)
        #expect(session.screen.contains("2027-01-24"), "\(session.screen)")
        let history = try #require(session.state.detail).events.last.map(\.text) ?? ""
        #expect(history == "2027-01-20 → 2027-01-24：" + Fixtures.testNotice2027.source)
        let lines = Presenter(strings: try Fixtures.strings()).detailLines(try #require(session.state.detail), session.state)
        #expect(lines.contains { $0.value.hasSuffix("期限重算 " + history) }, "the history says it in words: \(lines.suffix(3))")
        #expect(session.hint.contains("期限重算"), "the hint line names the re-clocking: \(session.hint)")

        // Nothing more moved: the next poll reads the clock no more.
        let dispatched = session.runtime.dispatched
        clock += Runtime.pollInterval
        #expect(session.runtime.handle(nil) == nil)
        #expect(session.runtime.dispatched == dispatched)
    }

    /// A base given to the runtime is what the database's notices are laid over: the state's own clock (here one
    /// holding a made-up 2028 notice the database never had) is replaced by the database's over the base, not added to.
    @Test func theClockIsReadOverTheBaseTheRuntimeWasGiven() throws {
        let store = try Fixtures.demoStore()
        let base = try Fixtures.clock()
        var state = try Fixtures.state(store, user: "wangjian")
        var stale = Fixtures.testNotice2027
        stale.year = 2028
        stale.days = []
        state.clock.calendar.add(stale)
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [])
        let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                         state: state, base: base)
        try rt.start()
        #expect(rt.state.clock.calendar.knows(year: 2028))
        _ = try Store(path: store.path).load(Fixtures.testNotice2027, by: try store.viewer("admin"), base: base, on: Fixtures.today)
        rt.pollForChanges(force: true)
        #expect(rt.state.clock.calendar.years[2027]?.source == Fixtures.testNotice2027.source)
        #expect(!rt.state.clock.calendar.knows(year: 2028), "read over the base, not over the state's clock")
        #expect(rt.state.clock.calendar.knows(year: 2026) && rt.state.clock.calendar.knows(year: 2025), "the base's years stay")
    }

    /// A new clock and the events it wrote, in one poll: the clock is set first and the inbox and the detail are read
    /// once, after it (not once for each).
    @Test func aNewClockAndItsEventsAreReloadedOnceAfterTheClock() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [])
        let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                         state: try Fixtures.state(store, user: "wangjian"))
        try rt.start()
        let selected = try #require(rt.state.selectedMatter?.id)
        var clock = rt.state.clock
        clock.calendar.add(Fixtures.testNotice2027)
        let event = MatterEvent(id: 1, matterID: selected, on: Fixtures.today, actor: "admin", action: .reclock, text: "", stateAfter: .served)
        let effects = rt.dispatch([.clockLoaded(clock), .othersChanged([event])])
        #expect(effects == [.loadInbox, .loadDetail(selected)])
        #expect(rt.state.clock.calendar.knows(year: 2027))
    }
}
