import Foundation
import OversightTestSupport
import Testing

/// The built binary as scripts call it, on one database: every call passes `--db`, `--user`,
/// `--today` and `--lang en` explicitly (the environment's OVERSIGHT_* are cleared), so a test
/// reads like the sequence of commands a clerk would type.
struct CLI: Sendable {
    /// The fixed "today" of these tests (a Monday): every date they pass is on or before it.
    static let today = "2025-09-29"

    let db: String

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Runs the binary with `args` as they are (no global options added).
    static func raw(_ args: [String], env: [String: String] = [:]) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        for key in ["OVERSIGHT_DB", "OVERSIGHT_USER", "OVERSIGHT_TODAY", "OVERSIGHT_LANG"] {
            environment.removeValue(forKey: key)
        }
        environment.merge(env) { $1 }
        return try Subprocess.run([WorkbenchEndToEndTests.binary] + args, environment: environment)
    }

    /// A fresh demo database (users as in `Resources/demo/wenshui.json`), built by the binary.
    static func demo(_ name: String = #function) throws -> CLI {
        let db = try Fixtures.temporaryDirectory(name).appendingPathComponent("demo.sqlite").path
        let r = try raw(["demo", "--no-open", "--db", db, "--today", today])
        guard r.status == 0 else { throw Failure(description: "demo --no-open exited \(r.status): \(r.err)") }
        return CLI(db: db)
    }

    /// Runs `args` as `user` on this database, today being `today`.
    func run(_ user: String, _ args: [String], today: String = CLI.today, lang: String = "en") throws -> Subprocess.Result {
        try Self.raw(args + ["--db", db, "--user", user, "--today", today, "--lang", lang])
    }

    // MARK: JSON

    static func object(_ r: Subprocess.Result, _ what: String) throws -> [String: Any] {
        guard r.status == 0 else { throw Failure(description: "\(what) exited \(r.status): \(r.err)") }
        guard let o = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any] else {
            throw Failure(description: "\(what): not a JSON object: \(r.out)")
        }
        return o
    }

    static func array(_ r: Subprocess.Result, _ what: String) throws -> [[String: Any]] {
        guard r.status == 0 else { throw Failure(description: "\(what) exited \(r.status): \(r.err)") }
        guard let a = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] else {
            throw Failure(description: "\(what): not a JSON array of objects: \(r.out)")
        }
        return a
    }

    // MARK: Commands

    /// `matter new KIND --to ORG --title T [--domain D] --json` as `user`: the new matter's id.
    func new(_ user: String, _ kind: String, to org: String, title: String, domain: String? = nil,
             extra: [String] = [], today: String = CLI.today) throws -> Int {
        var args = ["matter", "new", kind, "--to", org, "--title", title, "--json"]
        if let domain { args += ["--domain", domain] }
        let o = try Self.object(try run(user, args + extra, today: today), "\(user): matter new \(kind) --to \(org)")
        guard let id = o["id"] as? Int else { throw Failure(description: "matter new --json has no integer id: \(o)") }
        return id
    }

    /// `matter show ID --json` as `user`.
    func show(_ user: String, _ id: Int) throws -> [String: Any] {
        try Self.object(try run(user, ["matter", "show", "\(id)", "--json"]), "\(user): matter show \(id)")
    }

    /// `matter list [--all] --json` as `user`.
    func list(_ user: String, all: Bool = true) throws -> [[String: Any]] {
        try Self.array(try run(user, ["matter", "list", "--json"] + (all ? ["--all"] : [])), "\(user): matter list")
    }

    /// The ids `user` sees in `matter list --all --json`.
    func visibleIDs(_ user: String) throws -> Set<Int> {
        Set(try list(user).compactMap { $0["id"] as? Int })
    }

    /// `matter act ID ACTION ARGS…` as `user`.
    func act(_ user: String, _ id: Int, _ action: String, _ args: [String] = [], today: String = CLI.today) throws -> Subprocess.Result {
        try run(user, ["matter", "act", "\(id)", action] + args, today: today)
    }

    /// Takes a step that must succeed; records an issue (with standard error) when it does not.
    @discardableResult
    func step(_ user: String, _ id: Int, _ action: String, _ args: [String] = [],
              sourceLocation: SourceLocation = #_sourceLocation) throws -> Subprocess.Result {
        let r = try act(user, id, action, args)
        #expect(r.status == 0, "\(user): matter act \(id) \(action) \(args) exited \(r.status): \(r.err)",
                sourceLocation: sourceLocation)
        return r
    }

    /// `oversight deadline --from DATE ARGS… --json`: its `due`.
    static func deadline(from: String, _ args: [String]) throws -> String? {
        try object(try raw(["deadline", "--from", from] + args + ["--json"]), "deadline --from \(from) \(args)")["due"] as? String
    }
}

// MARK: Reading matters and events

extension Dictionary where Key == String, Value == Any {
    var state: String? { self["state"] as? String }
    var version: Int? { self["version"] as? Int }
    var events: [[String: Any]] { self["events"] as? [[String: Any]] ?? [] }
    /// The state an event left the matter in (`state` or `stateAfter`).
    var stateAfter: String? { (self["stateAfter"] ?? self["state"]) as? String }
}

enum Events {
    /// The first event of `action`.
    static func first(_ action: String, in events: [[String: Any]]) -> [String: Any]? {
        events.first { $0["action"] as? String == action }
    }
}

/// Demo users (Resources/demo/wenshui.json): login name and display name, either of which may stand as an actor.
struct Person: Sendable {
    var name: String
    var display: String

    static let wangjian = Person(name: "wangjian", display: "王建国")  // jcy, procuratorate
    static let zhaomin = Person(name: "zhaomin", display: "赵敏")  // sfj, justice
    static let hbjLi = Person(name: "hbj.li", display: "李明")  // hbj, the addressed department
    static let scjgjRen = Person(name: "scjgj.ren", display: "任静")  // scjgj, another department
    static let zrzyjWu = Person(name: "zrzyj.wu", display: "武强")  // zrzyj, yet another department

    func isActor(of event: [String: Any]) -> Bool {
        let actor = event["actor"] as? String
        return actor == name || actor == display
    }
}

/// Runs `count` copies of `body` each on its own thread, all at once, and returns their results in order.
func simultaneously<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, any Error>] {
    let box = ResultBox<T>(count)
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for i in 0..<count {
        done.enter()
        let thread = Thread {
            start.wait()  // every thread is up before any process starts
            let r = Result { try body(i) }
            box.lock.lock()
            box.results[i] = r
            box.lock.unlock()
            done.leave()
        }
        thread.start()
    }
    for _ in 0..<count { start.signal() }
    done.wait()
    return box.results.map { $0! }
}

/// The results of `simultaneously`, written under a lock.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    let lock = NSLock()
    var results: [Result<T, any Error>?]
    init(_ n: Int) { results = Array(repeating: nil, count: n) }
}

/// Display width in terminal cells: East Asian wide and fullwidth characters take two, combining
/// marks and format characters none (enough for aligned-table checks).
func displayWidth(_ s: Substring) -> Int {
    s.unicodeScalars.reduce(0) { sum, u in
        let v = u.value
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return sum
        default: break
        }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return sum + (wide ? 2 : 1)
    }
}
