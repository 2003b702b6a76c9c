import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// Random events into the whole runtime (scripted terminal, a real demo database): keys, hostile text, resizes down
/// to tiny terminals, pastes. After every event the state must hold together and the frame must fit the terminal.
///
/// The normal run is short (a fixed seed, printed); `OVERSIGHT_FUZZ_ITERATIONS` and `OVERSIGHT_FUZZ_SEED` run it
/// longer or elsewhere: `OVERSIGHT_FUZZ_ITERATIONS=200000 swift test --skip-build --filter KeyFuzzTests`.
@Suite struct KeyFuzzTests {
    static let defaultSeed: UInt64 = 0x17_2026
    static let defaultIterations = 500

    /// Text a careless or hostile user might type or paste.
    static let hostile: [String] = [
        "\u{1B}", "\u{1B}[31m", "\u{1B}]0;title\u{07}", "\u{1B}[201~", "\u{1B}[200~", "\u{1B}P1$r\u{1B}\\", "\u{9B}2J",
        "\u{202E}evil\u{202C}", "\u{2067}x\u{2069}", "\u{200B}", "\u{FEFF}", "\u{FE0F}", "a\u{0301}\u{0301}\u{0301}\u{0301}",
        "👨‍👩‍👧‍👦", "🇨🇳", "𠀋", "\u{0000}", "\r\n", "\t", "=2+5", "\"", ",", "中文标题", "文检行建〔2025〕99号",
        "\u{E000}", "\u{10FFFD}", String(repeating: "长", count: 300), "filter overdue", "doc x", "quit", "q",
    ]
    static let ascii = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    /// The keys the workbench binds, weighted up so the fuzzer walks into forms, menus and lines.
    static let commandKeys = Array("jknrRt:/aghlGdq?[] yY")
    static let han = Array("中文监督建议书回复整改期限超期检察院")
    static let named: [KeyEvent] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .tab, .backTab,
                                    .escape, .backspace, .delete, .function(1), .function(5), .function(12)]
    static let sizes = [Size(width: 20, height: 5), Size(width: 80, height: 24), Size(width: 1, height: 1),
                        Size(width: 10, height: 3), Size(width: 120, height: 40), Size(width: 40, height: 12),
                        Size(width: 33, height: 9)]
    static let users = ["wangjian", "zhaomin", "liuyang", "admin"]

    /// The next events: mostly one; sometimes a run of keys that likely writes (a note or a new matter with
    /// random, hostile text, submitted), so the store's write path is fuzzed too.
    static func events(_ g: inout FuzzRandom) -> [TerminalEvent?] {
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &g)] }
        func text() -> [TerminalEvent?] {
            let t = pick(hostile) + String((0..<Int.random(in: 1...8, using: &g)).map { _ in pick(ascii + han) })
            return Bool.random(using: &g) ? [.paste(t)] : t.map { .key(.character($0)) }
        }
        func typed(_ line: String) -> [TerminalEvent?] { line.map { .key(.character($0)) } }
        switch Int.random(in: 0..<100, using: &g) {
        case 0..<3:
            let step = pick(["note", "reply", "object", "remind", "issue", "serve", "accept", "close"])
            return [.key(.escape), .key(.escape)] + typed(":" + step) + [.key(.enter)] + text()
                + [.key(.control("d")), .key(.character("y"))]
        case 3..<5:
            return [.key(.escape), .key(.escape)] + typed(":new suggestion --to hbj --title ") + text()
                + [.key(.enter), .key(.character("y"))]
        default:
            return [event(&g)]
        }
    }

    static func event(_ g: inout FuzzRandom) -> TerminalEvent? {
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &g)] }
        switch Int.random(in: 0..<100, using: &g) {
        case 0..<30: return .key(.character(pick(commandKeys)))
        case 30..<45: return .key(.character(pick(ascii)))
        case 45..<52: return .key(.character(pick(han)))
        case 52..<57: return .key(.character(pick(Array(pick(hostile)))))
        case 57..<77: return .key(pick(named))
        case 77..<83: return .key(.control(pick(Array("abcdefghijklmnopqrstuvwxyz"))))
        case 83..<87: return .resize(pick(sizes))
        case 87..<95:
            let parts = (0..<Int.random(in: 1...4, using: &g)).map { _ in
                Bool.random(using: &g) ? pick(hostile) : String((0..<Int.random(in: 0...12, using: &g)).map { _ in pick(ascii + han) })
            }
            return .paste(parts.joined(separator: pick(["", "\n", "\r\n", "\t", " "])))
        default: return nil  // a timeout
        }
    }

    /// What must hold after every event.
    static func check(_ rt: Runtime, _ terminal: ScriptedTerminal, step: Int, seed: UInt64, last: TerminalEvent?) -> [String] {
        var broken: [String] = []
        let s = rt.state
        let grid = terminal.frames.last
        if grid?.size != terminal.size { broken.append("the frame is \(String(describing: grid?.size)), the terminal \(terminal.size)") }
        if let cursor = grid?.cursor, !Rect(terminal.size).contains(cursor) { broken.append("the cursor \(cursor) is off the grid") }
        if s.inboxCount == 0 {
            if s.selection != 0 { broken.append("selection \(s.selection) in an empty inbox") }
        } else {
            if !(0..<s.inboxCount).contains(s.selection) { broken.append("selection \(s.selection) outside 0..<\(s.inboxCount)") }
            if !s.inbox.isEmpty, !(s.inboxStart..<s.inboxStart + s.inbox.count).contains(s.selection) {
                broken.append("selection \(s.selection) outside the window \(s.inboxStart)+\(s.inbox.count)")
            }
        }
        if s.inboxStart < 0 || s.inboxStart + s.inbox.count > max(s.inboxCount, s.inbox.count) {
            broken.append("window \(s.inboxStart)+\(s.inbox.count) of \(s.inboxCount)")
        }
        if s.detailScroll < 0 || s.helpScroll < 0 || s.reportScroll < 0 { broken.append("a negative scroll") }
        switch s.mode {
        case .form(let form):
            if form.fields.isEmpty || !form.fields.indices.contains(form.focus) { broken.append("form focus \(form.focus) of \(form.fields.count)") }
            if let e = form.error, !form.fields.indices.contains(e.field) { broken.append("form error at field \(e.field)") }
            for f in form.fields {
                if f.line.cursor > f.line.text.count { broken.append("field \(f.option) cursor past its text") }
                if f.line.text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { broken.append("a control in \(f.option)") }
                if let e = f.editor, !(e.lines.indices.contains(e.line) && e.column <= e.lines[e.line].count) {
                    broken.append("editor cursor (\(e.line), \(e.column)) in \(e.lines.count) lines")
                }
            }
        case .menu(let selection, _):
            if selection < 0 || selection > max(0, s.menuEntries.count - 1) { broken.append("menu selection \(selection) of \(s.menuEntries.count)") }
        case .commandLine(let f, _, _), .filter(let f):
            if f.cursor > f.text.count { broken.append("line cursor past its text") }
            if f.text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { broken.append("a control in the line") }
        case .text(let view):
            if view.scroll < 0 || view.scroll > max(0, view.pieces.count - 1) { broken.append("text view scroll \(view.scroll) of \(view.pieces.count)") }
        case .adminMenu(let menu):
            if !menu.entries.indices.contains(menu.selection) { broken.append("admin menu selection \(menu.selection) of \(menu.entries.count)") }
        case .normal, .summary, .help, .confirm, .report:
            break
        }
        return broken.map { "seed \(seed) step \(step) after \(String(describing: last)): \($0)" }
    }

    /// Runs `iterations` random events; a runtime that quits is started again (as another user, in turn).
    static func fuzz(_ store: Store, seed: UInt64, iterations: Int) throws -> (problems: [String], restarts: Int, modes: Set<String>) {
        var g = FuzzRandom(seed: seed)
        let letters = try Fixtures.letters()
        let strings = try Fixtures.strings()
        var restarts = 0
        func open(_ size: Size) throws -> (Runtime, ScriptedTerminal) {
            let terminal = ScriptedTerminal(size: size, events: [])
            let user = users[(Int(seed % UInt64(users.count)) + restarts) % users.count]
            let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: strings)),
                             state: try Fixtures.state(store, user: user, keepEntrySummary: true), letters: letters)
            try rt.start()
            return (rt, terminal)
        }
        var (rt, terminal) = try open(Size(width: 80, height: 24))
        var problems: [String] = []
        var modes: Set<String> = []
        var queue: [TerminalEvent?] = []
        for step in 0..<iterations {
            if queue.isEmpty { queue = events(&g) }
            let event = queue.removeFirst()
            if case .resize(let size) = event { terminal.size = size }
            let exit = rt.handle(event)
            rt.draw()
            modes.insert(String(String(describing: rt.state.mode).prefix { $0.isLetter }))
            problems += check(rt, terminal, step: step, seed: seed, last: event)
            if !problems.isEmpty { break }
            if exit != nil {
                if exit != .quit { problems.append("seed \(seed) step \(step): the loop ended with \(String(describing: exit))") }
                _ = rt.end(exit ?? .quit)
                restarts += 1
                (rt, terminal) = try open(terminal.size)
                queue = []
            }
        }
        return (problems, restarts, modes)
    }

    @Test func randomKeysBreakNothing() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["OVERSIGHT_FUZZ_SEED"] == nil ? Self.defaultSeed : FuzzRandom.seed
        let iterations = FuzzRandom.iterations(Self.defaultIterations)
        print("KeyFuzzTests: seed \(seed), \(iterations) events (OVERSIGHT_FUZZ_SEED, OVERSIGHT_FUZZ_ITERATIONS)")
        let store = try Fixtures.demoStore(name: "fuzz-\(seed)")
        guard case .intact(let before, _, _) = try store.verifyAudit() else { throw FixtureError("the demo's audit chain is broken") }
        let (problems, restarts, modes) = try Self.fuzz(store, seed: seed, iterations: iterations)
        print("KeyFuzzTests: \(restarts) restarts after quitting; modes visited: \(modes.sorted().joined(separator: " "))")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // Whatever the keys wrote went through the one write path: the audit chain still holds.
        let audit = try store.verifyAudit()
        #expect(audit.isIntact, "\(audit)")
        if case .intact(let events, _, _) = audit { print("KeyFuzzTests: audit verify intact over \(events) events, \(events - before) written by the keys") }
    }

    /// The invariants are checked for real: a frame that does not fit the terminal is reported.
    @Test func theCheckCatchesAFrameOfTheWrongSize() throws {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [])
        let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                         state: try Fixtures.state(store, user: "wangjian"))
        try rt.start()
        #expect(Self.check(rt, terminal, step: 0, seed: 0, last: nil).isEmpty)
        terminal.size = Size(width: 20, height: 5)  // resized, and the runtime not told
        #expect(Self.check(rt, terminal, step: 0, seed: 0, last: nil).count == 1)
    }
}
