import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// A terminal that replays scripted events and keeps what was drawn: the runtime's whole
/// loop runs against a real store without a tty.
final class ScriptedTerminal: TerminalBackend {
    var size: Size
    var events: [TerminalEvent?]
    private(set) var frames: [CellGrid] = []

    init(size: Size, events: [TerminalEvent?]) {
        self.size = size
        self.events = events
    }

    func draw(_ grid: CellGrid) { frames.append(grid) }

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard !events.isEmpty else { return .key(.character("q")) }
        let e = events.removeFirst()
        if case .resize(let s) = e { size = s }
        return e
    }

    var screen: String { frames.last?.text ?? "" }
}

@Suite struct RuntimeTests {
    func runtime(_ store: Store, _ terminal: ScriptedTerminal, user: String = "wangjian") throws -> Runtime {
        let state = try Fixtures.state(store, user: user)
        return Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())), state: state)
    }

    @Test func keysFlowToTheScreen() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [.key(.character("j")), .key(.down)])
        let rt = try runtime(store, terminal)
        #expect(try rt.run() == .quit)
        let third = rt.state.inbox[2]
        #expect(rt.state.selection == 2)
        #expect(rt.state.detail?.matter.id == third.id)
        #expect(terminal.screen.contains("详情 " + String(third.title.prefix(6))))
        // One frame at start and one after each event; quitting draws nothing more.
        #expect(terminal.frames.count == 3)
    }

    @Test func resizeRedrawsAtTheNewSize() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30),
                                        events: [.resize(Size(width: 10, height: 3)), .resize(Size(width: 1, height: 1)), .resize(Size(width: 90, height: 25))])
        let rt = try runtime(store, terminal)
        _ = try rt.run()
        #expect(terminal.frames.map(\.size) == [Size(width: 100, height: 30), Size(width: 10, height: 3), Size(width: 1, height: 1), Size(width: 90, height: 25)])
        #expect(terminal.frames[1].text.contains("请放大终端"))
        #expect(terminal.frames[3].text.contains("收件箱"))
    }

    @Test func hangupEndsTheLoop() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.character("j")), .hangup, .key(.character("j"))])
        let rt = try runtime(store, terminal)
        #expect(try rt.run() == .hangup)
        #expect(rt.state.selection == 1)
    }

    @Test func anotherSessionsWriteShowsUp() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [])
        let rt = try runtime(store, terminal)
        try rt.start()
        let before = rt.state.inbox.count
        // Another process's connection writes a new matter addressed to this procuratorate.
        let other = try Store(path: store.path)
        let justice = try other.viewer("zhaomin")
        let made = try other.create(
            NewMatter(kind: .meeting, title: "临时联席会议", to: "jcy", date: Fixtures.today, number: "文司会〔2026〕9号"),
            by: justice, context: try Fixtures.context())
        try other.act(made.id, .issue, input: ActionInput(date: Fixtures.today), by: justice, context: try Fixtures.context())
        try rt.pollForChanges(force: true)
        rt.draw()
        #expect(rt.state.inbox.count == before + 1)
        #expect(rt.state.inbox.contains { $0.number == "文司会〔2026〕9号" })
        #expect(terminal.screen.contains("待办 \(before + 1)"))
    }
}
