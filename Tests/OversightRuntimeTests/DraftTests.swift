import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// A long text typed and not sent survives the session's end (hang-up, terminate, Esc, idle) and comes back.
@Suite struct DraftTests {
    static let text = "已按建议整改，排污口已封堵"

    func runtime(_ store: Store, _ terminal: ScriptedTerminal, idle: Duration? = nil) throws -> (Runtime, Matter) {
        var state = try Fixtures.state(store, user: "hbj.li")
        let i = try #require(state.inbox.firstIndex { $0.kind == .suggestion && $0.state == .served })
        state.selection = i
        let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                         state: state, idleTimeout: idle)
        return (rt, state.inbox[i])
    }

    static func typing(_ s: String) -> [TerminalEvent?] { s.map { .key(.character($0)) } }

    @Test func aHangUpInTheMiddleOfAReplyKeepsItsTextForTheNextSession() throws {
        let store = try Fixtures.demoStore()
        let first = ScriptedTerminal(size: Size(width: 100, height: 30), events: [.key(.character("r"))] + Self.typing(Self.text) + [.hangup])
        let (rt, m) = try runtime(store, first)
        #expect(try rt.run() == .hangup)
        let viewer = try store.viewer("hbj.li")
        #expect(try store.drafts(for: viewer) == [Draft(target: .act(.reply, m.id), field: "text", text: Self.text)])
        #expect(try store.events(of: m.id, for: viewer).allSatisfy { $0.action != .step(.reply) }, "nothing was sent")

        // The next session says drafts wait, and the same form opens with the text.
        let second = ScriptedTerminal(size: Size(width: 100, height: 30), events: [.key(.character("r"))])
        second.beforeEvent = { n in if n == 0 { #expect(second.screen.contains("份未提交的草稿")) } }
        let (again, _) = try runtime(store, second)
        _ = try again.start()
        _ = again.handle(.key(.character("r")))
        guard case .form(let form) = again.state.mode else {
            Issue.record("no form: \(again.state.mode)")
            return
        }
        #expect(form.fields.first { $0.option == "text" }?.value == Self.text)
        #expect(again.state.message == .draftRestored)
    }

    /// A script that runs dry in the middle of a form hangs up: the loop ends (it used to type `q` into the form
    /// and wait for ever), and the text is kept as at a real hang-up.
    @Test func aScriptThatRunsDryInAFormEndsAsAHangUp() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [.key(.character("r"))] + Self.typing("未完"))
        let (rt, m) = try runtime(store, terminal)
        #expect(try rt.run() == .hangup)
        #expect(terminal.dryAsks == 1)
        #expect(try store.drafts(for: try store.viewer("hbj.li")) == [Draft(target: .act(.reply, m.id), field: "text", text: "未完")])
    }

    @Test func escapeKeepsTheTextAndAnotherFormStartsEmpty() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [.key(.character("r"))] + Self.typing("半句") + [.key(.escape), .key(.character("q"))])
        let (rt, m) = try runtime(store, terminal)
        #expect(try rt.run() == .quit)
        #expect(rt.state.message == nil || rt.state.message == .draftKept)
        #expect(try store.drafts(for: try store.viewer("hbj.li")).map(\.text) == ["半句"])
        // Another user's drafts are their own.
        #expect(try store.drafts(for: try store.viewer("wangjian")).isEmpty)
        // A note on the same matter is another form: it does not take the reply's draft.
        var state = rt.state
        _ = reduce(&state, .key(":"))
        for ch in "note" { _ = reduce(&state, .key(String(ch))) }
        _ = reduce(&state, .key("<Enter>"))
        guard case .form(let note) = state.mode else {
            Issue.record("no form: \(state.mode)")
            return
        }
        #expect(note.fields.first { $0.option == "text" }?.value == "")
        _ = m
    }

    @Test func submittingTheFormDiscardsItsDraft() throws {
        let store = try Fixtures.demoStore()
        let viewer = try store.viewer("hbj.li")
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [])
        let (rt, m) = try runtime(store, terminal)
        try store.save([Draft(target: .act(.reply, m.id), field: "text", text: Self.text)], for: viewer)
        try rt.start()
        #expect(rt.state.drafts.count == 1)
        let replied = try store.act(m.id, .reply, input: ActionInput(date: Fixtures.today, text: Self.text, outcome: .adopted),
                                    by: viewer, context: try Fixtures.context())
        rt.dispatch(.acted(replied, .reply))
        #expect(rt.state.drafts.isEmpty)
        #expect(try store.drafts(for: viewer).isEmpty)
    }

    @Test func anIdleSessionEndsAndKeepsItsDraft() throws {
        let store = try Fixtures.demoStore()
        // After the typing no key comes: the terminal's waits time out (nil) while the clock moves on a minute each.
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30),
                                        events: [.key(.character("r"))] + Self.typing("空闲") + Array(repeating: nil, count: 40))
        let (rt, _) = try runtime(store, terminal, idle: .seconds(30 * 60))
        var time = ContinuousClock.now
        rt.now = { time }
        terminal.beforeEvent = { n in if n > 3 { time += .seconds(60) } }
        #expect(try rt.run() == .idle)
        #expect(terminal.events.count > 0, "ended by the idle time, not by running out of events")
        #expect(terminal.events.count < 40 - 29, "not before 30 minutes")
        #expect(try store.drafts(for: try store.viewer("hbj.li")).map(\.text) == ["空闲"])
    }
}
