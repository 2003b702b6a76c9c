import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// Work put off until the keys stop (issue 22): a typed one- or two-character filter shows a screenful with its count
/// capped at it ("24+"); the exact count is read by the runtime only once a wait for a key times out (a scripted
/// `nil`), never while keys wait, and then shows in the title and on the filter line.
@Suite struct IdleWorkTests {
    func runtime(_ store: Store, _ terminal: ScriptedTerminal) throws -> Runtime {
        Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                state: try Fixtures.state(store, user: "wangjian"))
    }

    @Test func aTypedFiltersExactCountIsReadOnlyWhenNoKeyWaits() throws {
        let store = try Fixtures.demoStore(name: "IdleWork")
        let viewer = try store.viewer("wangjian")
        let state = try Fixtures.state(store, user: "wangjian")
        func exact(_ text: String) throws -> Int {
            let query = InboxQuery(scope: state.scope, filter: InboxFilter(text, today: state.today, window: state.alertWindow, words: state.words))
            return try Fixtures.everyInboxRow(store, viewer, query).count
        }
        let size = Size(width: 80, height: 24)
        // More matches than a screenful (the capped read's 24 rows at 80×24), so the count is capped while typed.
        let one = try exact("2"), two = try exact("20")
        try #require(one > 24 && two > 24, "\(one) \(two)")

        let terminal = ScriptedTerminal(size: size, events: [.key(.character("/")), .key(.character("2")), .key(.character("0")), nil])
        let rt = try runtime(store, terminal)
        var seen: [(count: Int, atLeast: Bool, idle: [Effect], frame: String)] = []
        var capped: AppState?
        terminal.beforeEvent = { n in
            seen.append((rt.state.inboxCount, rt.state.inboxCountAtLeast, rt.idle, terminal.frames.last?.text ?? ""))
            if n == 2 { capped = rt.state }
        }
        #expect(try rt.run() == .hangup)
        try #require(seen.count == 4)
        // After 2, with 0 waiting: a screenful, its count capped at it; the exact count put off, not read.
        #expect(seen[2].count == 24 && seen[2].atLeast && seen[2].idle == [.whenIdle(.loadInboxCount)])
        #expect(seen[2].frame.contains("筛选：2 · 24+/") && seen[2].frame.contains("24+ 件"), "\(seen[2].frame)")
        let english = Screen(presenter: Presenter(strings: try Fixtures.strings(.en))).render(try #require(capped), size: size).text
        #expect(english.contains("filter: 2 · 24+/") && english.contains("24+ shown"), "\(english)")
        // After 0, a key (the timeout) still to come: one count pending, the newer filter's.
        #expect(seen[3].count == 24 && seen[3].atLeast && seen[3].idle == [.whenIdle(.loadInboxCount)])
        // The wait after 0 is the short one (work pending); the others the ordinary one.
        #expect(terminal.timeouts.first == Runtime.eventTimeoutMilliseconds)
        #expect(terminal.timeouts[3] == Runtime.settleMilliseconds, "\(terminal.timeouts)")
        // No key came: the exact count was read and drawn.
        #expect(rt.idle.isEmpty)
        #expect(rt.state.inboxCount == two && !rt.state.inboxCountAtLeast)
        let last = terminal.screen
        #expect(last.contains("筛选：20 · \(two)/") && last.contains("\(two) 件") && !last.contains("+/") && !last.contains("+ 件"), "\(last)")
        // The window was topped up beyond the screenful once the count was known.
        #expect(rt.state.inbox.count == two)
    }

    /// A filter that the trigram index serves (three characters, "202" of the numbers) is counted exactly at once, before any pause.
    @Test func aFilterAnIndexServesIsCountedAtOnce() throws {
        let store = try Fixtures.demoStore(name: "IdleWork3")
        let state = try Fixtures.state(store, user: "wangjian")
        let query = InboxQuery(scope: state.scope, filter: InboxFilter("202", today: state.today, window: state.alertWindow, words: state.words))
        let exact = try Fixtures.everyInboxRow(store, try store.viewer("wangjian"), query).count
        try #require(exact > 24)
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                        events: [.key(.character("/"))] + "202".map { .key(.character($0)) } + [nil])
        let rt = try runtime(store, terminal)
        var before: (count: Int, atLeast: Bool)?
        terminal.beforeEvent = { n in if n == 4 { before = (rt.state.inboxCount, rt.state.inboxCountAtLeast) } }
        #expect(try rt.run() == .hangup)
        #expect(before?.count == exact && before?.atLeast == false)
        #expect(rt.state.inboxCount == exact && !rt.state.inboxCountAtLeast && rt.idle.isEmpty)
    }
}
