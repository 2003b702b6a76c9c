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
///
/// A script that runs dry hangs up (`.hangup`, the end of input a real terminal gives), which ends the loop in every
/// mode: it used to answer `q`, which an open form takes as text, so a broken test looped for ever instead of
/// failing. A test that means to quit scripts its `q`. A runtime that asks again after the hang-up fails the test,
/// and after `dryLimit` asks stops the process rather than hang.
final class ScriptedTerminal: TerminalBackend {
    static let dryLimit = 100
    var size: Size
    var events: [TerminalEvent?]
    private(set) var frames: [CellGrid] = []
    /// Runs before each scripted event is handed out, with how many were handed out before it.
    var beforeEvent: (Int) throws -> Void = { _ in }
    private var handedOut = 0

    init(size: Size, events: [TerminalEvent?]) {
        self.size = size
        self.events = events
    }

    func draw(_ grid: CellGrid) { frames.append(grid) }

    /// How many times the script was asked for an event after it ran dry.
    private(set) var dryAsks = 0

    /// The timeout of each wait the runtime asked for, in order.
    private(set) var timeouts: [Int] = []

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        timeouts.append(timeoutMilliseconds)
        guard !events.isEmpty else {
            dryAsks += 1
            if dryAsks == 2 { Issue.record("the scripted terminal ran dry and hung up, and the runtime asked for more") }
            if dryAsks > Self.dryLimit { fatalError("the scripted terminal ran dry \(dryAsks) times: the runtime does not end on a hang-up") }
            return .hangup
        }
        try! beforeEvent(handedOut)
        handedOut += 1
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
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30),
                                        events: [.key(.character("j")), .key(.down), nil, .key(.character("q"))])
        let rt = try runtime(store, terminal)
        // While keys wait, a move reads no detail and draws no frame: the next key is handled first. The detail of the
        // row the keys stop on is read when a look for a key finds none (`nil`), then the frame is drawn with it.
        var whileMoving: (detail: MatterDetail?, idle: [Effect])?
        terminal.beforeEvent = { n in if n == 2 { whileMoving = (rt.state.detail, rt.idle) } }
        #expect(try rt.run() == .quit)
        let third = rt.state.inbox[2]
        #expect(whileMoving?.idle == [.beforeDraw(.loadDetail(third.id))])
        #expect(whileMoving.map { $0.detail?.matter.id != third.id } == true)
        #expect(rt.state.selection == 2)
        #expect(rt.state.detail?.matter.id == third.id)
        #expect(terminal.screen.contains("详情 " + String(third.title.prefix(6))))
        // One frame at start, one once the keys stopped (with the detail); no frame said the detail was loading.
        #expect(terminal.frames.count == 2)
        #expect(!terminal.frames.contains { $0.text.contains("正在读取…") })
        // After each move the loop only looked for a waiting key (0 ms) before drawing.
        #expect(Array(terminal.timeouts.prefix(4)) == [Runtime.eventTimeoutMilliseconds, 0, 0, Runtime.eventTimeoutMilliseconds], "\(terminal.timeouts)")
    }

    /// A key at a time (the next one not yet typed) is drawn with its detail in one frame, as before any deferring.
    @Test func aSingleMoveIsDrawnWithItsDetail() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [.key(.character("j")), nil, .key(.character("q"))])
        let rt = try runtime(store, terminal)
        #expect(try rt.run() == .quit)
        let second = rt.state.inbox[1]
        #expect(terminal.frames.count == 2)
        #expect(terminal.frames[1].text.contains("详情 " + String(second.title.prefix(6))), "\(terminal.frames[1].text)")
        #expect(rt.idle.isEmpty)
    }

    /// In the real loop the detail scrolls to the end the screen measures, and no further.
    @Test func theDetailScrollStopsAtItsLastLine() throws {
        let store = try Fixtures.demoStore()
        let size = Size(width: 100, height: 30)
        let keys: [KeyEvent] = [.tab, .pageDown, .pageDown, .pageDown, .character("j"), .pageUp, .pageUp, .pageUp,
                           .character("k"), .character("G"), .character("k")]
        let terminal = ScriptedTerminal(size: size, events: keys.map { .key($0) })
        let rt = try runtime(store, terminal)
        var scrolls: [Int] = []
        terminal.beforeEvent = { _ in scrolls.append(rt.state.detailScroll) }
        #expect(try rt.run() == .hangup)
        scrolls.append(rt.state.detailScroll)
        let end = rt.screen.detailLastScroll(rt.state, size: size)
        #expect(end > 15 && end < 45, "the first matter's detail is between one and three pages longer than the pane")
        // Before each key and at the end: Tab, three pages down (stopping at the end), j (still the end),
        // three pages up (stopping at the top), k (still the top), G (the end), k (one line up).
        let down = [15, min(30, end), min(45, end)], up = [end - 15, max(0, end - 30), max(0, end - 45)]
        #expect(scrolls == [0, 0] + down + [end] + up + [0, end, end - 1])
        // At the end the detail's last line is on the pane's last row: the timeline's last event.
        let detailPane = Rect(x: size.width * 55 / 100, y: 1, width: size.width - size.width * 55 / 100, height: size.height - 2 - 9)
        let atEnd = terminal.frames[10].lines(in: detailPane)
        let lastEvent = try #require(rt.state.detail?.events.last)
        #expect(atEnd[atEnd.count - 2].contains(lastEvent.on.description), "\(atEnd.joined(separator: "\n"))")
        #expect(terminal.frames[11].lines(in: detailPane) != atEnd)
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
        rt.pollForChanges(force: true)
        rt.draw()
        #expect(rt.state.inbox.count == before + 1)
        #expect(rt.state.inbox.contains { $0.number == "文司会〔2026〕9号" })
        // The one-line notice says who changed what.
        #expect(terminal.screen.contains("其他会话：赵敏"), "named by display name, not login")
    }

    /// Issue 17: another session's draft is its organisation's own. The department's running workbench neither
    /// lists nor names it (no "其他会话" notice, the counts unchanged) until it is issued; then it shows, and the
    /// notice names the issue.
    @Test func anotherSessionsDraftIsNotAnnouncedUntilItIsIssued() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 40), events: [])
        let rt = try runtime(store, terminal, user: "hbj.li")
        try rt.start()
        rt.draw()
        let before = (inbox: rt.state.inbox.map(\.id), screen: terminal.screen)
        let other = try Store(path: store.path)
        let wang = try other.viewer("wangjian")
        let draft = try other.create(
            NewMatter(kind: .suggestion, title: "草稿阶段的检察建议", domain: .ecology, to: "hbj", date: Fixtures.today),
            by: wang, context: try Fixtures.context())
        try other.act(draft.id, .note, input: ActionInput(date: Fixtures.today, text: "内部意见"), by: wang, context: try Fixtures.context())
        rt.pollForChanges(force: true)
        rt.draw()
        #expect(rt.state.message == nil, "\(String(describing: rt.state.message))")
        #expect(!terminal.screen.contains("其他会话") && !terminal.screen.contains("草稿阶段"), "\(terminal.screen)")
        #expect(rt.state.inbox.map(\.id) == before.inbox)
        #expect(terminal.screen == before.screen)

        try other.act(draft.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: try Fixtures.context())
        rt.pollForChanges(force: true)
        rt.draw()
        #expect(rt.state.inbox.contains { $0.id == draft.id })
        #expect(terminal.screen.contains("其他会话：王建国 制发"), "\(terminal.screen)")
    }

    /// The loop's own path: timeouts (`handle(nil)`, as `run` calls it) notice what another process, the sqlite3
    /// shell, committed to the same file once the poll interval has passed on the session's clock (moved by the
    /// test, not waited for), and the new matter shows. The other program writes the inbox index's rows with keys
    /// spelled out here by hand (group, due, inverted creation date, id), not computed by `InboxOrder`.
    @Test func theLoopPicksUpAnotherProcesssWrite() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [])
        let rt = try runtime(store, terminal)
        var clock = ContinuousClock.now
        rt.now = { clock }
        try rt.start()
        let before = rt.state.inbox.count
        #expect(rt.handle(nil) == nil)
        // A program of its own writes the matter, its event and its rows of the inbox index in one transaction.
        let id = (try store.matters(for: rt.state.viewer, includeClosed: true).map(\.id).max() ?? 0) + 1000
        let padded = String(repeating: "0", count: 12 - String(id).count) + String(id)
        // Waiting on the procuratorate (group 0), no due date, created 2026-11-30 (99999999 − 20261130 = 79738869).
        let sql = """
            BEGIN;
            INSERT INTO matter (id, number, kind, title, domain, from_org, to_org, state, created_on)
                VALUES (\(id), '文司会〔2026〕11号', 'meeting', '临时联席会议', 'other', 'sfj', 'jcy', 'issued', '2026-11-30');
            INSERT INTO inbox_entry (org_id, sort_key, matter_id) VALUES ('jcy', '0 9999-99-99 79738869 \(padded)', \(id));
            INSERT INTO inbox_entry (org_id, sort_key, matter_id) VALUES ('sfj', '1 9999-99-99 79738869 \(padded)', \(id));
            INSERT INTO event (matter_id, on_date, actor, action, state_after)
                VALUES (\(id), '2026-11-30', 'zhaomin', 'create', 'issued');
            COMMIT;
            """
        let written = try Subprocess.run(["sqlite3", "-bail", "-cmd", ".timeout 10000", store.path, sql])
        try #require(written.status == 0, "sqlite3: \(written.err)")
        // Half the interval on: not looked for yet.
        clock += Runtime.pollInterval / 2
        #expect(rt.handle(nil) == nil)
        #expect(!rt.state.inbox.contains { $0.number == "文司会〔2026〕11号" }, "polled before the interval passed")
        // The whole interval: the next timeout looks, and the matter is in the inbox.
        clock += Runtime.pollInterval / 2
        #expect(rt.handle(nil) == nil)
        #expect(rt.state.inbox.contains { $0.number == "文司会〔2026〕11号" }, "the loop never noticed the other process's write")
        rt.draw()
        #expect(rt.state.inbox.count == before + 1)
        // The one-line notice says who changed what.
        #expect(terminal.screen.contains("其他会话：赵敏"), "named by display name, not login")
    }
}

@Suite struct RuntimeFailureTests {
    /// Overwrites the database's files in place with bytes that are no SQLite database: the
    /// open connections keep their descriptors, and their next read fails ("file is not a database").
    static func corrupt(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: Data(repeating: 0x5A, count: Int(max(size, 4096))))
            try handle.close()
        }
    }

    /// An idle session wakes four times a second (to poll for other sessions' writes) but draws only when the state
    /// changed: an idle workbench showing a long text used half a core rendering the same screen.
    @Test func idleTimeoutsDrawNothing() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [nil, nil, nil, .key(.character("j")), nil, nil, .key(.character("q"))])
        let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                         state: try Fixtures.state(store, user: "wangjian"))
        #expect(try rt.run() == .quit)
        // The first frame and one for the key, drawn with its detail once a look found no other key waiting.
        #expect(terminal.frames.count == 2)
        #expect(rt.state.selection == 1)
    }

    @Test func aFailingEffectShowsOnTheHintLineAndTheLoopGoesOn() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 30),
                                        events: [.key(.character("j")), nil, .key(.character("j")), nil, .key(.tab), .key(.character("q"))])
        // The database breaks under the running session, after its first frame.
        terminal.beforeEvent = { n in if n == 0 { try Self.corrupt(store.path) } }
        let rt = Runtime(store: store, backend: terminal,
                         screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                         state: try Fixtures.state(store, user: "wangjian"))
        // The loop ends only by the scripted `q`.
        #expect(try rt.run() == .quit)
        // Each `j` moved the selection; loading its detail once no key came failed, and the hint line said why.
        let hint = terminal.frames[1].lines.last ?? ""
        // Said as what it means, in the interface's language: never SQLite's own message.
        #expect(hint.contains("出错：数据库 \((store.path as NSString).lastPathComponent) 已损坏：文件内容无法读取；请从备份恢复"), "\(hint)")
        #expect(!hint.contains("SQLite") && !hint.contains("not a database"), "\(hint)")
        #expect(!hint.contains("q 退出"))
        // The second j's detail failed the same way.
        #expect(terminal.frames[2].lines.last?.contains("已损坏") == true)
        #expect(rt.state.selection == 2)
        #expect(rt.state.detail == nil)
        // The next key put the message away, and acted.
        #expect(rt.state.focus == .detail)
        #expect(rt.state.status == nil)
        #expect(terminal.frames[3].lines.last?.contains("q 退出") == true)
        #expect(terminal.frames.count == 4)
    }
}
