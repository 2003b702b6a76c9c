import Foundation
import OversightStore
import OversightTestSupport
import Testing

// Acceptance of issue 8's history-as-evidence, backup and read-only parts, tried as users would: many real
// processes at once, the sqlite3 shell behind the program's back, another Unix user reading the file.

extension CLI {
    /// `audit verify --json` as `user`: its exit status and JSON object.
    func verify(_ user: String = "wangjian") throws -> (status: Int32, json: [String: Any], err: String) {
        let r = try run(user, ["audit", "verify", "--json"])
        let o = (try? JSONSerialization.jsonObject(with: Data(r.out.utf8))) as? [String: Any] ?? [:]
        return (r.status, o, r.err)
    }

    /// One number from the database, read with the sqlite3 shell.
    func sql(_ query: String) throws -> Int {
        let r = try Subprocess.run(["sqlite3", db, query])
        guard r.status == 0, let n = Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "sqlite3 \(query): \(r.err) \(r.out)")
        }
        return n
    }

    /// A copy of this database's file at a new path (no session is open: the file holds everything).
    func copy(_ name: String) throws -> CLI {
        let path = (db as NSString).deletingLastPathComponent + "/\(name).sqlite"
        try FileManager.default.copyItem(atPath: db, toPath: path)
        return CLI(db: path)
    }
}

/// The demo's administrator: the login name of whoever built it (`demo` makes it so).
let loginName: String = {
    if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return ProcessInfo.processInfo.environment["USER"] ?? "root"
}()

@Suite(.serialized) struct AuditEndToEndTests {
    /// 24 processes at once on three matters: notes, and steps racing with `--expect` on the version they all saw.
    /// Only clean refusals (exit 1, stale) come back; the new events are exactly the successful steps; the chain holds.
    @Test func manyProcessesActingAtOnceKeepTheChain() throws {
        let cli = try CLI.demo()
        let matters = Array(try cli.list("wangjian", all: false).prefix(3))
        try #require(matters.count == 3)
        let ids = matters.compactMap { $0["id"] as? Int }
        let versions = matters.compactMap { $0["version"] as? Int }
        let before = try cli.sql("SELECT COUNT(*) FROM event")

        let results = simultaneously(24) { i -> Subprocess.Result in
            let id = ids[i % 3]
            var args = ["--text", "并发备注 \(i)"]
            if i % 2 == 1 { args += ["--expect", "\(versions[i % 3])"] }
            return try cli.act("wangjian", id, "note", args)
        }
        var succeeded = 0
        for (i, result) in results.enumerated() {
            let r = try result.get()
            if r.status == 0 {
                succeeded += 1
            } else {
                #expect(r.status == 1 && i % 2 == 1 && r.err.contains("changed since"), "process \(i) exited \(r.status): \(r.err)")
            }
        }
        #expect(succeeded >= 12, "every note without --expect succeeds")
        #expect(succeeded <= 12 + 3, "at most one racing --expect step per matter")
        #expect(try cli.sql("SELECT COUNT(*) FROM event") == before + succeeded)
        let v = try cli.verify()
        #expect(v.status == 0, "audit verify: \(v.err)")
        #expect(v.json["intact"] as? Bool == true)
        #expect(v.json["events"] as? Int == before + succeeded)
    }

    /// Two processes making the same new database at once: both succeed, or one is told cleanly it exists.
    @Test func twoProcessesInitialisingOneNewDatabase() throws {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("new.sqlite").path
        let results = simultaneously(2) { _ in try CLI.raw(["init", "--db", db, "--admin", "chen", "--today", CLI.today]) }.map { try? $0.get() }
        let statuses = results.map { $0?.status ?? -1 }.sorted()
        #expect(statuses == [0, 0] || statuses == [0, 2], "\(results.map { $0?.err ?? "" })")
        for r in results.compactMap({ $0 }) where r.status == 2 { #expect(r.err.contains("已经是一个数据库"), "\(r.err)") }
        let v = try CLI(db: db).verify("chen")
        // One `init` event, and one `calendar-add` per shipped year: whoever lost the race added none.
        let shipped = try Fixtures.clock().calendar.years.count
        #expect(v.status == 0 && v.json["events"] as? Int == 1 + shipped, "\(v.err)")

        // Two `demo` at once on a new path: one builds it; the other builds it too, or is told in words (no SQLite error).
        let demo = try Fixtures.temporaryDirectory("twodemos").appendingPathComponent("demo.sqlite").path
        let demos = simultaneously(2) { _ in try CLI.raw(["demo", "--no-open", "--db", demo, "--today", CLI.today]) }.compactMap { try? $0.get() }
        #expect(demos.count == 2 && demos.contains { $0.status == 0 })
        for r in demos where r.status != 0 {
            #expect([1, 2].contains(r.status) && !r.err.contains("SQLite error") && r.err.hasPrefix("oversight: "), "\(r.err)")
        }
        #expect(try CLI(db: demo).verify().status == 0)
    }

    /// With the sqlite3 shell and the triggers dropped: an event edited, one deleted, two swapped, a matter edited,
    /// each on a fresh copy; `audit verify` exits 1 naming the event.
    @Test func tamperingWithTheShellIsCaughtNamingTheEvent() throws {
        let cli = try CLI.demo()
        let id = try cli.new("wangjian", "suggestion", to: "hbj", title: "审计验证", domain: "ecology")
        try cli.step("wangjian", id, "issue")
        try cli.step("wangjian", id, "note", ["--text", "跟进"])
        #expect(try cli.verify().status == 0)
        let triggers = "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete; "
        let middle = try cli.sql("SELECT id FROM event ORDER BY id LIMIT 1 OFFSET 40")
        let matter = try cli.sql("SELECT id FROM matter ORDER BY id LIMIT 1 OFFSET 7")
        let lastOfMatter = try cli.sql("SELECT MAX(id) FROM event WHERE matter_id = \(matter)")
        let cases: [(name: String, sql: String, event: Int)] = [
            ("edited", "UPDATE event SET text = '篡改' WHERE id = \(middle);", middle),
            ("deleted", "DELETE FROM event WHERE id = \(middle);", middle),
            ("swapped", """
                UPDATE event SET id = -id WHERE id IN (\(middle), \(middle + 5));
                UPDATE event SET id = \(middle + 5) WHERE id = -\(middle);
                UPDATE event SET id = \(middle) WHERE id = -\(middle + 5);
                """, middle),
            ("matter", "UPDATE matter SET title = '篡改的标题' WHERE id = \(matter);", lastOfMatter),
        ]
        for c in cases {
            let copy = try cli.copy(c.name)
            let shell = try Subprocess.run(["sqlite3", copy.db, triggers + c.sql])
            try #require(shell.status == 0, "sqlite3 (\(c.name)): \(shell.err)")
            let v = try copy.verify()
            #expect(v.status == 1, "\(c.name): audit verify exited \(v.status)")
            #expect(v.json["intact"] as? Bool == false, "\(c.name)")
            #expect(v.json["event"] as? Int == c.event, "\(c.name): \(v.json)")
            #expect(v.err.contains("event \(c.event)"), "\(c.name): \(v.err)")
            let text = try copy.run("wangjian", ["audit", "verify"])
            #expect(text.status == 1 && text.err.contains("event \(c.event)"), "\(c.name): \(text.err)")
        }
        #expect(try cli.verify().status == 0, "the original is untouched")
        #expect(try cli.run("wangjian", ["audit", "verify", "--bogus"]).status == 2)
    }

    /// A backup taken while others write is a private file that verifies; only an administrator may take one, and
    /// an existing file is never overwritten.
    @Test func aBackupWhileOthersWrite() throws {
        let cli = try CLI.demo()
        let dir = (cli.db as NSString).deletingLastPathComponent
        let target = dir + "/backup.sqlite"
        let id = try #require(try cli.list("wangjian", all: false).first?["id"] as? Int)
        let results = simultaneously(9) { i -> Subprocess.Result in
            i == 4 ? try cli.run(loginName, ["backup", target]) : try cli.act("wangjian", id, "note", ["--text", "备份期间 \(i)"])
        }
        let backup = try results[4].get()
        #expect(backup.status == 0, "\(backup.err)")
        #expect(backup.out.contains("events"), "\(backup.out)")
        for r in results { #expect((try r.get()).status == 0) }
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let v = try CLI(db: target).verify()
        #expect(v.status == 0, "the copy: \(v.err)")
        #expect(try cli.run(loginName, ["backup", target]).status == 2, "an existing file is refused")
        let handler = try cli.run("wangjian", ["backup", dir + "/other.sqlite"])
        #expect(handler.status == 1 && handler.err.contains("administrator"), "\(handler.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/other.sqlite"))
    }

    /// Commands that only read leave the owner's file byte for byte; a database from a newer version is refused.
    @Test func readsLeaveTheFileAsItWas() throws {
        let cli = try CLI.demo()
        let dir = (cli.db as NSString).deletingLastPathComponent
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let id = try #require(try cli.list("wangjian").first?["id"] as? Int)
        for args in [["user", "list"], ["org", "list", "--json"], ["matter", "list", "--all"], ["matter", "show", "\(id)"],
                     ["matter", "actions", "\(id)"]] {
            let r = try cli.run("wangjian", args)
            #expect(r.status == 0, "\(args): \(r.err)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before, "\(args) changed the file")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == files)
        // The one write of `audit verify` by a user who may write: its result, for the administrator's screen.
        let v = try cli.verify()
        #expect(v.status == 0 && v.json["recorded"] as? Bool == true)

        let newer = try cli.copy("newer")
        #expect(try Subprocess.run(["sqlite3", newer.db, "INSERT INTO grdb_migrations VALUES ('v99-later')"]).status == 0)
        let r = try newer.run("wangjian", ["user", "list"])
        #expect(r.status == 2 && r.err.contains("newer version") && r.err.contains("v99-later"), "\(r.err)")
    }

    /// Whoever runs the tests, root or not: a file its reader may not write (mode 0444, the reader's own, in the
    /// reader's own folder) opens read-only — it reads and verifies, refuses a write saying why (the mode named),
    /// and leaves no file behind. Root writes whatever the mode says, so as root the file is nobody's and is read
    /// as nobody (setpriv); any other user reads its own file as itself.
    @Test func aFileTheReaderMayNotWriteOpensReadOnlyForAnyUser() throws {
        let cli = try CLI.demo()
        let own = try Fixtures.temporaryDirectory("readonly-any-user")
        let mine = own.appendingPathComponent("db.sqlite").path
        try FileManager.default.copyItem(atPath: cli.db, toPath: mine)
        var asReader: [String] = []
        if getuid() == 0 {
            let nobody = try #require(getpwnam("nobody")).pointee
            chown(own.path, nobody.pw_uid, nobody.pw_gid)
            chown(mine, nobody.pw_uid, nobody.pw_gid)
            asReader = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        }
        chmod(mine, 0o444)
        let before = try Data(contentsOf: URL(fileURLWithPath: mine))
        func run(_ args: [String]) throws -> Subprocess.Result {
            try Subprocess.run(asReader + [WorkbenchEndToEndTests.binary] + args
                               + ["--db", mine, "--user", "wangjian", "--today", CLI.today, "--lang", "en"])
        }
        let list = try run(["matter", "list", "--all", "--json"])
        #expect(list.status == 0 && list.out.contains("\"id\""), "\(list.err)")
        let verify = try run(["audit", "verify", "--json"])
        #expect(verify.status == 0 && verify.out.contains("\"recorded\" : false"), "\(verify.err)")
        let act = try run(["matter", "act", "3", "note", "--text", "只读"])
        #expect(act.status == 1 && act.err.contains("read-only") && act.err.contains("0444"), "\(act.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: mine)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: own.path) == ["db.sqlite"], "files left behind")
    }

    /// Another Unix user (nobody, through setpriv) who may read but not write the file: it opens read-only, reads,
    /// verifies, refuses a write saying why, and leaves no file behind; the folder's and the file's modes are named.
    @Test(.enabled(if: getuid() == 0, "needs root to run the binary as another user"))
    func anotherUserReadsReadOnly() throws {
        let cli = try CLI.demo()
        let dir = (cli.db as NSString).deletingLastPathComponent
        chmod(dir, 0o755)
        chmod(cli.db, 0o644)
        try? FileManager.default.removeItem(atPath: cli.db + ".lock")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        func asNobody(_ args: [String], db: String? = nil) throws -> Subprocess.Result {
            try Subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", WorkbenchEndToEndTests.binary]
                               + args + ["--db", db ?? cli.db, "--user", "wangjian", "--today", CLI.today, "--lang", "en"])
        }
        let list = try asNobody(["user", "list", "--json"])
        #expect(list.status == 0 && list.out.contains("wangjian"), "\(list.err)")
        let verify = try asNobody(["audit", "verify", "--json"])
        #expect(verify.status == 0 && verify.out.contains("\"recorded\" : false"), "\(verify.err)")
        let act = try asNobody(["matter", "act", "3", "note", "--text", "只读"])
        #expect(act.status == 1 && act.err.contains("read-only") && act.err.contains("nobody"), "\(act.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == files, "files left behind")

        // While the owner has a session open (its -wal and -shm are there), the reader reads through them and the
        // owner's writes show; when the owner's session ends, no file of the reader's is left.
        try {
            let owner = try Store(existing: cli.db)
            #expect(!owner.isReadOnly)
            _ = try owner.changeToken()
            #expect(FileManager.default.fileExists(atPath: cli.db + "-wal"))
            let note = try cli.act("wangjian", 3, "note", ["--text", "主人写入"])
            #expect(note.status == 0, "\(note.err)")
            let seen = try asNobody(["matter", "show", "3", "--json"])
            #expect(seen.status == 0 && seen.out.contains("主人写入"), "\(seen.err)")
            #expect(try asNobody(["audit", "verify"]).status == 0)
            _ = try owner.changeToken()
        }()
        // (The owner's write took its turn on the lock file, which stays: the owner's, not the reader's.)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted().filter { !$0.hasSuffix(".lock") } == files,
                "files left behind")

        // The file nobody owns with mode 0444, in nobody's own folder: read-only too, nothing left behind.
        let own = try Fixtures.temporaryDirectory("nobodys")
        let mine = own.appendingPathComponent("db.sqlite").path
        try FileManager.default.copyItem(atPath: cli.db, toPath: mine)
        let nobody = try #require(getpwnam("nobody")).pointee
        chown(own.path, nobody.pw_uid, nobody.pw_gid)
        chown(mine, nobody.pw_uid, nobody.pw_gid)
        chmod(mine, 0o444)
        let ro = try asNobody(["matter", "list", "--all", "--json"], db: mine)
        #expect(ro.status == 0, "\(ro.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: own.path) == ["db.sqlite"])
        #expect(try asNobody(["matter", "act", "3", "note", "--text", "x"], db: mine).err.contains("0444"))

        // A folder without search permission, a file without read permission: named as what they are.
        chmod(dir, 0o700)
        let folder = try asNobody(["user", "list"])
        #expect(folder.status == 2 && folder.err.contains("cannot enter folder \(dir)"), "\(folder.err)")
        chmod(dir, 0o755)
        chmod(cli.db, 0o600)
        let unreadable = try asNobody(["user", "list"])
        #expect(unreadable.status == 2 && unreadable.err.contains("cannot read") && unreadable.err.contains("0600"), "\(unreadable.err)")
        let missing = try asNobody(["user", "list"], db: dir + "/none.sqlite")
        #expect(missing.status == 2 && missing.err.contains("no database"), "\(missing.err)")
    }
}
