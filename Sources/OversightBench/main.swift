// oversight-bench: concurrent writers on one database, for scripts/bench (see BENCHMARKS.md); and the store reads of one
// filter keystroke, each timed (issue 22).
//
//   oversight-bench filter --db F --user U --text 排 --runs 50 --limit 96 --height 24 --today D
//                                                                      the reads `/排` makes, median and p99 ms, one JSON
//
//   oversight-bench writers --db F --sessions N --writes M --today D   spawns N `writer` children; prints one JSON object
//   oversight-bench writer  --db F --user U --writes M --today D --matters 1,2,3 --ready FILE
//                                                                      one session: M notes, a JSON line per write
//
//   oversight-bench sessions --db URL[,URL…] --sessions N …           workbench sessions of one front-end host (Sessions.swift)
//
// --db is a file or a county's part of a shared PostgreSQL database (postgres://…?county=ID). With --cluster FOLDER
// --stop-after S --stop-for T (PostgreSQL, a cluster of scripts/pg-cluster), the parent stops the database S seconds
// after the start and starts it again T seconds later: the writers' refusals while it is down, and the writes lost
// (acknowledged but not in the log), are counted.
//
// A child opens the database with `Store(existing:)`, logs in, says it is ready (creates FILE), waits at the start
// barrier (its standard input reaches end of file when the parent closes the pipe), then takes M notes, timing each.
import Foundation
import GRDB
import OversightDomain
import OversightPostgres
import OversightResources
import OversightStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("oversight-bench: \(message)\n".utf8))
    exit(2)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func options(_ args: ArraySlice<String>) -> [String: String] {
    var out: [String: String] = [:]
    var it = args.makeIterator()
    while let key = it.next() {
        guard key.hasPrefix("--"), let value = it.next() else { fail("expected --name value, got \(key)") }
        out[String(key.dropFirst(2))] = value
    }
    return out
}

func required(_ o: [String: String], _ key: String) -> String {
    guard let v = o[key] else { fail("missing --\(key)") }
    return v
}

func today(_ o: [String: String]) -> CivilDate {
    guard let d = CivilDate(o["today"] ?? "2025-09-29") else { fail("--today must be YYYY-MM-DD") }
    return d
}

/// What kind of failure an error is, for counting: refusals by case, SQLite errors by result code.
func kind(_ error: Error) -> String {
    if let e = error as? DatabaseError { return "sqlite:\(e.resultCode)" }
    let text = String(describing: error)
    let head = text.prefix { $0 != "(" && $0 != ":" && $0 != " " }
    if error is Refusal { return "refused:\(head)" }
    if error is Store.Failure { return "store:\(head)" }
    return "error:\(type(of: error)):\(head)"
}

func json(_ object: [String: Any]) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
}

// MARK: - One writer

func writer(_ o: [String: String]) {
    let path = required(o, "db"), name = required(o, "user")
    let writes = Int(required(o, "writes")) ?? 0
    let ids = required(o, "matters").split(separator: ",").compactMap { MatterID($0) }
    let slot = Int(o["slot"] ?? "0") ?? 0
    let date = today(o)
    guard !ids.isEmpty else { fail("no matters for \(name)") }
    let store: Store, viewer: Viewer, context: WorkflowContext
    do {
        store = try openStore(path)
        viewer = try store.login(name, on: date)
        context = WorkflowContext(today: date, calculator: try OversightResources.clock())
    } catch {
        fail("cannot open \(path) as \(name): \(error)")
    }
    _ = FileManager.default.createFile(atPath: required(o, "ready"), contents: nil)
    var byte: UInt8 = 0
    while read(0, &byte, 1) > 0 {}  // the start barrier: end of file when the parent closes the pipe
    var lines = ""
    let pace = (Double(o["pace-ms"] ?? "0") ?? 0) / 1000
    let begun = now()
    for k in 0..<writes {
        let id = ids[(slot + k) % ids.count]
        // Paced (--pace-ms): the k-th write no sooner than k paces after the start, as a person writes.
        if pace > 0, case let wait = begun + Double(k) * pace - now(), wait > 0 { usleep(UInt32(wait * 1e6)) }
        let t0 = now()
        var line: [String: Any] = ["matter": id]
        do {
            try store.act(id, .note, input: ActionInput(date: date, text: "基准测试备注 \(slot)-\(k)"), by: viewer, context: context)
            line["ok"] = true
        } catch {
            line["ok"] = false
            line["kind"] = kind(error)
        }
        let t1 = now()
        line["start"] = t0
        line["ms"] = (t1 - t0) * 1000
        lines += json(line) + "\n"
    }
    FileHandle.standardOutput.write(Data(lines.utf8))
}

// MARK: - The parent

/// The store at `path`: a SQLite file, or a county's part of a shared PostgreSQL database.
func openStore(_ path: String) throws -> Store {
    if path.hasPrefix("postgres://") { return Store(try PostgresBackend.open(try PostgresURL(path))) }
    return try Store(existing: path)
}

func eventCount(_ path: String) throws -> Int {
    if path.hasPrefix("postgres://") {
        let store = try openStore(path)
        defer { try? store.checkpointAndClose() }
        return try store.health().events
    }
    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(10)
    let queue = try DatabaseQueue(path: path, configuration: config)
    return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0 }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

func writers(_ o: [String: String]) throws {
    let path = required(o, "db")
    let sessions = Int(required(o, "sessions")) ?? 0, writes = Int(required(o, "writes")) ?? 0
    let date = today(o)
    let store = try openStore(path)
    // Who can act: every active user who sees open matters (at most 200 of them each, a few users at most).
    var actors: [(name: String, ids: [MatterID])] = []
    for user in try store.users() where user.active && actors.count < 12 {
        guard let viewer = try? store.viewer(user.name) else { continue }
        let ids = try store.matters(for: viewer).prefix(200).map(\.id)
        if !ids.isEmpty { actors.append((user.name, Array(ids))) }
    }
    guard !actors.isEmpty else { fail("no user sees an open matter in \(path)") }
    let before = try eventCount(path)

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-bench-\(getpid())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let barrier = Pipe()
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var children: [Process] = []
    for i in 0..<sessions {
        let actor = actors[i % actors.count]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: me)
        p.arguments = [
            "writer", "--db", path, "--user", actor.name, "--writes", String(writes), "--today", date.description,
            "--slot", String(i), "--ready", "\(dir)/ready.\(i)", "--pace-ms", o["pace-ms"] ?? "0",
            "--matters", actor.ids.map(String.init).joined(separator: ","),
        ]
        p.standardInput = barrier.fileHandleForReading
        _ = FileManager.default.createFile(atPath: "\(dir)/out.\(i)", contents: nil)
        _ = FileManager.default.createFile(atPath: "\(dir)/err.\(i)", contents: nil)
        p.standardOutput = FileHandle(forWritingAtPath: "\(dir)/out.\(i)")
        p.standardError = FileHandle(forWritingAtPath: "\(dir)/err.\(i)")
        try p.run()
        children.append(p)
    }
    // Wait (with a deadline) until every child is ready or has died.
    let deadline = now() + 120
    while now() < deadline {
        let ready = (0..<sessions).filter { FileManager.default.fileExists(atPath: "\(dir)/ready.\($0)") }.count
        let dead = children.indices.filter { !children[$0].isRunning && !FileManager.default.fileExists(atPath: "\(dir)/ready.\($0)") }.count
        if ready + dead >= sessions { break }
        usleep(2_000)
    }
    let released = now()
    try barrier.fileHandleForWriting.close()
    var stopped: [String: Double] = [:]
    if let cluster = o["cluster"], let after = Double(o["stop-after"] ?? ""), let down = Double(o["stop-for"] ?? "") {
        let script = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("../../scripts/pg-cluster").standardized.path
        // posix_spawn and waitpid, not Foundation's Process: its wait missed an exit among the writers' (a hang).
        func run(_ verb: String) {
            let argv = [o["pg-cluster"] ?? script, verb, cluster]
            var cargs = argv.map { strdup($0) } + [nil]
            defer { cargs.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, argv[0], nil, nil, &cargs, environ) == 0 else { return }
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        usleep(UInt32(after * 1e6))
        stopped["stopped_at_s"] = now() - released
        run("pause")
        usleep(UInt32(down * 1e6))
        stopped["started_at_s"] = now() - released
        run("resume")
    }
    for p in children { p.waitUntilExit() }
    let finished = now()

    var latencies: [Double] = [], kinds: [String: Int] = [:], successes = 0, firstStart = Double.infinity
    var childErrors: [String] = []
    for i in 0..<sessions {
        let out = (try? String(contentsOfFile: "\(dir)/out.\(i)", encoding: .utf8)) ?? ""
        for line in out.split(separator: "\n") {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            let ms = obj["ms"] as? Double ?? 0
            latencies.append(ms)
            firstStart = min(firstStart, obj["start"] as? Double ?? firstStart)
            if obj["ok"] as? Bool == true { successes += 1 } else { kinds[obj["kind"] as? String ?? "?", default: 0] += 1 }
        }
        let err = ((try? String(contentsOfFile: "\(dir)/err.\(i)", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !err.isEmpty || children[i].terminationStatus != 0 {
            childErrors.append("child \(i) exit \(children[i].terminationStatus): \(err.prefix(300))")
            kinds["child-failed", default: 0] += 1
        }
    }
    let after = try eventCount(path)
    latencies.sort()
    let seconds = finished - released
    print(json([
        "sessions": sessions, "writes_per_session": writes, "users": actors.map(\.name),
        "attempted": latencies.count, "successes": successes, "errors": kinds,
        "events_before": before, "events_after": after, "lost_writes": successes - (after - before),
        "seconds": seconds, "throughput": seconds > 0 ? Double(successes) / seconds : 0,
        "barrier_to_first_write_ms": firstStart.isFinite ? (firstStart - released) * 1000 : 0,
        "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99), "max_ms": latencies.last ?? 0,
        "child_errors": Array(childErrors.prefix(5)), "stopped": stopped,
    ]))
}

/// The store reads one filter keystroke makes, in the interpreter's order (`EffectInterpreter`: `.loadInboxPage(.around(the
/// selected row), summary: true)` — the page with its count and start, the whole scope's summary and count — then
/// `.loadDeadlines` of the month and `.loadDetail` of the row selected after it), each timed over `--runs` keystrokes.
/// `page+count` is the window's page with its exact count (before issue 22), `page` without the count, `count` the exact
/// count alone (what is read when typing stops), `capped-page` a screenful (`--height`) with the capped count, as a
/// keystroke reads it now; `keystroke-before` and `keystroke-after` add the rest (summary, month, detail) to each.
/// Reads only; run it on a copy all the same (logging in records an event).
func filterReads(_ o: [String: String]) throws {
    let store = try Store(existing: required(o, "db"))
    let day = today(o)
    let viewer = try store.login(required(o, "user"), on: day)
    let words = try OversightResources.vocabulary(organisations: store.organisations())
    let text = o["text"] ?? "排"
    let runs = Int(o["runs"] ?? "50") ?? 50
    let limit = Int(o["limit"] ?? "96") ?? 96
    let window = 7
    let query = InboxQuery(scope: .open, filter: InboxFilter(text, today: day, window: window, words: words))
    let whole = InboxQuery(scope: .open, filter: InboxFilter("", today: day, window: window, words: words))
    let selected = try store.inboxPage(for: viewer, whole, from: .top, limit: 1).matters.first?.id
    let month = CivilDate(year: day.year, month: day.month, day: 1)!
    let last = month.adding(months: 1).adding(days: -1)
    var times: [String: [Double]] = [:]
    func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let t0 = now()
        let r = try body()
        times[name, default: []].append((now() - t0) * 1000)
        return r
    }
    let height = Int(o["height"] ?? "24") ?? 24
    var counted = 0
    for _ in 0..<runs {
        // As before issue 22: the window's page with its exact count, then the figures, the month, the detail.
        var t0 = now()
        let page = try timed("page+count") {
            try store.inboxPage(for: viewer, query, from: .around(selected, else: nil), limit: limit, counting: true)
        }
        _ = try timed("page") { try store.inboxPage(for: viewer, query, from: .around(selected, else: nil), limit: limit) }
        counted = try timed("count") { try store.inboxPage(for: viewer, query, from: .top, limit: 0, counting: true).count ?? 0 }
        var t1 = now()
        _ = try timed("summary") { try store.inboxSummary(for: viewer, whole, today: day, window: window, totals: false) }
        _ = try timed("in-scope") { try store.inboxPage(for: viewer, whole, from: .top, limit: 0, counting: true) }
        _ = try timed("deadlines") { try store.deadlineCounts(for: viewer, query, from: month, through: last) }
        _ = try timed("planned") { try store.plannedCounts(for: viewer, from: month, through: last) }
        if let id = page.matters.first?.id { _ = try timed("detail") { try store.detail(of: id, for: viewer) } }
        let rest = now() - t1
        // The keystroke as `.loadFilteredInbox` reads it now: a screenful, the count capped at it; the same rest.
        t0 = now()
        _ = try timed("capped-page") {
            try store.inboxPage(for: viewer, query, from: .around(selected, else: nil), limit: max(20, height), counting: true, capped: true)
        }
        t1 = now()
        times["keystroke-before", default: []].append((times["page+count"]!.last! + rest * 1000))
        times["keystroke-after", default: []].append(((t1 - t0) + rest) * 1000)
    }
    func stats(_ xs: [Double]) -> [String: Double] {
        let s = xs.sorted()
        func at(_ q: Double) -> Double { (s[min(s.count - 1, Int((Double(s.count - 1) * q).rounded()))] * 100).rounded() / 100 }
        return ["median": at(0.5), "p99": at(0.99)]
    }
    print(json(["text": text, "limit": limit, "runs": runs, "count": counted,
                "ms": Dictionary(uniqueKeysWithValues: times.map { ($0.key, stats($0.value)) })]))
}

let args = CommandLine.arguments
guard args.count >= 2 else { fail("usage: oversight-bench writers|writer|filter|sessions --db F …") }
switch args[1] {
case "writer": writer(options(args.dropFirst(2)))
case "writers":
    do { try writers(options(args.dropFirst(2))) } catch { fail("\(error)") }
case "filter":
    do { try filterReads(options(args.dropFirst(2))) } catch { fail("\(error)") }
case "sessions":
    do { try sessions(options(args.dropFirst(2))) } catch { fail("\(error)") }
default: fail("unknown command \(args[1]): writers, writer, filter or sessions")
}
