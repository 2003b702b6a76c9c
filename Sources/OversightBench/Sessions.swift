// oversight-bench sessions: many workbench sessions of one front-end host at once, each its own connection and its own
// `Runtime` (the workbench's whole loop: keys → reduce → the store's reads → a frame of 80×24 cells), for the city
// bench (scripts/city-hosts, issue 23). No terminal: a session's keys come from a script, its frames are kept as cells.
//
//   oversight-bench sessions --db URL[,URL…] --sessions N --moves M --writes W --think-ms T --ramp-s R --today D
//                            [--tag TEXT] [--out FILE]
//
// Session i works in part i mod (the URLs given), as one of that part's users who sees open matters. It starts R·i/N
// seconds in (people arrive over R seconds), then: first paint (connect, the workbench's first frame), M moves (`j`,
// ten down then ten up; each from the key to the frame with the new row's detail) a think time of T ms (±50%) apart,
// and W notes through the store's one write path spread among them (`TEXT k`). Each session's figures go to FILE (or
// standard output) as one JSON line; a session that cannot connect says why in its line and tries again after a think.
import Foundation
import OversightDomain
import OversightPostgres
import OversightResources
import OversightRuntime
import OversightScreens
import OversightStore
import OversightWorkbench
import Synchronization
import TerminalKit

/// Who a session of a part works as: a user of the part who sees open matters, with some of them to write on.
struct Actor: Sendable {
    var name: String
    var matters: [MatterID]
}

/// A terminal a session's script drives: hands out a move's key after a think, a look that finds no key while the move
/// waits for its frame, and the hang-up at the end; times each move from its key to its frame.
final class ScriptedSession: TerminalBackend {
    let size = Size(width: 80, height: 24)
    /// When the move under way handed out its key; nil when its frame was drawn.
    private var keyAt: Double?
    private var moved = 0
    let moves: Int
    let think: Double
    /// Before the k-th move: whatever the session does between moves (its writes).
    let between: (Int) -> Void
    private(set) var moveMS: [Double] = []
    /// When each move's key was handed out (the monotonic clock, as the writes' starts).
    private(set) var moveAt: [Double] = []
    private(set) var firstFrameAt: Double?
    private(set) var lastFrame: CellGrid?
    var rng = SystemRandomNumberGenerator()

    init(moves: Int, think: Double, between: @escaping (Int) -> Void) {
        self.moves = moves
        self.think = think
        self.between = between
    }

    func draw(_ grid: CellGrid) {
        let t = now()
        if firstFrameAt == nil { firstFrameAt = t }
        if let k = keyAt {
            moveMS.append((t - k) * 1000)
            moveAt.append(k)
            keyAt = nil
        }
        lastFrame = grid
        // What the session said of the database, as a person would read it off the screen.
        let text = grid.text
        if text.contains("暂时连不上数据库") {
            unavailableFirst = unavailableFirst ?? t
            unavailableLast = t
        }
        if text.contains("已重新连上数据库") { saidBack = true }
    }

    /// The first and the last frame that said the database could not be reached (the monotonic clock).
    private(set) var unavailableFirst: Double?
    private(set) var unavailableLast: Double?
    private(set) var saidBack = false

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        if keyAt != nil { return nil }  // the move's frame waits for its detail, read when no key waits
        guard moved < moves else { return .hangup }
        let pause = think * Double.random(in: 0.5...1.5, using: &rng)
        usleep(UInt32(pause * 1e6))
        between(moved)
        let key: KeyEvent = (moved / 10) % 2 == 0 ? .character("j") : .character("k")
        moved += 1
        keyAt = now()
        return .key(key)
    }
}

/// What the sessions of one process measured, each session's line appended as it ends.
final class Lines: Sendable {
    let text = Mutex<[String]>([])
}

func sessions(_ o: [String: String]) throws {
    let urls = required(o, "db").split(separator: ",").map(String.init)
    let count = Int(required(o, "sessions")) ?? 0
    let moves = Int(o["moves"] ?? "20") ?? 20, writes = Int(o["writes"] ?? "2") ?? 2
    let think = (Double(o["think-ms"] ?? "2000") ?? 2000) / 1000
    let ramp = Double(o["ramp-s"] ?? "10") ?? 10
    let day = today(o)
    let tag = o["tag"] ?? "city-bench"
    // Each part's actors: its users who see open matters (a screenful of them to write on), found once.
    var actors: [[Actor]] = []
    for url in urls {
        let store = try openStore(url)
        let words = try OversightResources.vocabulary(organisations: store.organisations())
        let query = InboxQuery(scope: .open, filter: InboxFilter("", today: day, window: 7, words: words))
        var found: [Actor] = []
        for user in try store.users() where user.active && found.count < 12 {
            guard let viewer = try? store.viewer(user.name) else { continue }
            let ids = try store.inboxPage(for: viewer, query, from: .top, limit: 50).matters.map(\.id)
            if !ids.isEmpty { found.append(Actor(name: user.name, matters: ids)) }
        }
        try? store.checkpointAndClose()
        guard !found.isEmpty else { fail("no user sees an open matter in \(url)") }
        actors.append(found)
    }
    let lines = Lines()
    let begun = now()
    let done = DispatchGroup()
    for i in 0..<count {
        let part = i % urls.count
        let actor = actors[part][(i / urls.count) % actors[part].count]
        let url = urls[part]
        let startAt = begun + ramp * Double(i) / Double(max(count, 1))
        done.enter()
        let thread = Thread {
            let line = session(i, url: url, part: part, actor: actor, startAt: startAt, moves: moves, writes: writes,
                               think: think, day: day, tag: tag)
            lines.text.withLock { $0.append(line) }
            done.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    done.wait()
    let out = lines.text.withLock { $0 }.joined(separator: "\n") + "\n"
    if let path = o["out"] {
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    } else {
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

/// One session, start to end; its figures as one JSON line.
func session(_ i: Int, url: String, part: Int, actor: Actor, startAt: Double, moves: Int, writes: Int, think: Double,
             day: CivilDate, tag: String) -> String {
    if case let wait = startAt - now(), wait > 0 { usleep(UInt32(wait * 1e6)) }
    var line: [String: Any] = ["session": i, "part": part, "user": actor.name]
    var writeLines: [[String: Any]] = []
    var problems: [String] = []
    // Connecting: tried again after a think while the database cannot be reached (as a person would).
    let t0 = now()
    var store: Store?
    for _ in 0..<20 {
        do {
            store = try openStore(url)
            break
        } catch {
            problems.append(kind(error))
            usleep(UInt32(think * 1e6))
        }
    }
    guard let store else {
        line["problems"] = problems
        return json(line)
    }
    line["connect_ms"] = (now() - t0) * 1000
    defer { try? store.checkpointAndClose() }
    do {
        let strings = try Strings(language: .zh, json: try OversightResources.data("i18n", "zh.json"))
        let viewer = try store.viewer(actor.name)
        let known = try store.organisations(for: viewer)
        let base = try OversightResources.clock()
        var state = AppState(viewer: viewer, today: day, organisations: Dictionary(uniqueKeysWithValues: known.map { ($0.id, $0.name) }),
                             clock: try store.clock(base: base, county: viewer.org.county))
        state.words = try OversightResources.vocabulary(organisations: known)
        state.ruleNames = try OversightResources.ruleNames()
        let context = WorkflowContext(today: day, calculator: base)
        // The k-th move is preceded by a write when it falls on one of the writes' places, spread over the moves.
        let places = Set((0..<writes).map { moves * $0 / max(writes, 1) + moves / max(2 * writes, 1) })
        var k = 0
        let terminal = ScriptedSession(moves: moves, think: think) { m in
            guard places.contains(m) else { return }
            let id = actor.matters[(i + k) % actor.matters.count]
            var w: [String: Any] = ["start": now()]
            let s = now()
            do {
                try store.act(id, .note, input: ActionInput(date: day, text: "\(tag) \(i)-\(k)"), by: viewer, context: context)
                w["ok"] = true
            } catch {
                w["ok"] = false
                w["kind"] = kind(error)
            }
            w["ms"] = (now() - s) * 1000
            writeLines.append(w)
            k += 1
        }
        state.showOverdueSummary = false
        let runtime = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: strings)), state: state, base: base)
        _ = try runtime.run()
        line["first_paint_ms"] = ((terminal.firstFrameAt ?? t0) - t0) * 1000
        line["move_ms"] = terminal.moveMS
        line["move_at"] = terminal.moveAt
        line["rows_shown"] = runtime.state.inbox.count
        if let first = terminal.unavailableFirst, let last = terminal.unavailableLast {
            line["unavailable_from"] = first
            line["unavailable_to"] = last
        }
        line["said_back"] = terminal.saidBack
        line["screen_has_detail"] = terminal.lastFrame?.text.contains("详情") ?? false
    } catch {
        problems.append(kind(error))
    }
    line["writes"] = writeLines
    line["problems"] = problems
    return json(line)
}
