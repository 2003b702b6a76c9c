// oversight-bench: concurrent writers on one database, for scripts/bench (see BENCHMARKS.md).
//
//   oversight-bench writers --db F --sessions N --writes M --today D   spawns N `writer` children; prints one JSON object
//   oversight-bench writer  --db F --user U --writes M --today D --matters 1,2,3 --ready FILE
//                                                                      one session: M notes, a JSON line per write
//
// A child opens the database with `Store(existing:)`, logs in, says it is ready (creates FILE), waits at the start
// barrier (its standard input reaches end of file when the parent closes the pipe), then takes M notes, timing each.
import Foundation
import GRDB
import OversightDomain
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
        store = try Store(existing: path)
        viewer = try store.login(name, on: date)
        context = WorkflowContext(today: date, calculator: try OversightResources.clock())
    } catch {
        fail("cannot open \(path) as \(name): \(error)")
    }
    _ = FileManager.default.createFile(atPath: required(o, "ready"), contents: nil)
    var byte: UInt8 = 0
    while read(0, &byte, 1) > 0 {}  // the start barrier: end of file when the parent closes the pipe
    var lines = ""
    for k in 0..<writes {
        let id = ids[(slot + k) % ids.count]
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

func eventCount(_ path: String) throws -> Int {
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
    let store = try Store(existing: path)
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
            "--slot", String(i), "--ready", "\(dir)/ready.\(i)",
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
        "child_errors": Array(childErrors.prefix(5)),
    ]))
}

let args = CommandLine.arguments
guard args.count >= 2 else { fail("usage: oversight-bench writers|writer --db F …") }
switch args[1] {
case "writer": writer(options(args.dropFirst(2)))
case "writers":
    do { try writers(options(args.dropFirst(2))) } catch { fail("\(error)") }
default: fail("unknown command \(args[1]): writers or writer")
}
