import Foundation
import OversightStore
import OversightTestSupport
import Testing

// Files that are not right are named, never changed (issue 17), tried as users would: an empty file, a file that is
// not SQLite, a database that lost a table, a backup with a bad source or target, a full disk, a demo stopped part way.

@Suite struct BrokenFileTests {
    /// The words each language says a thing in, and what no message may hold.
    static let languages = ["zh", "en"]
    static let neverSaid = ["SQLite", "SELECT", "while executing", "COMMIT", "no such table"]

    static func run(_ args: [String], db: String, lang: String, user: String = "wangjian") throws -> Subprocess.Result {
        try CLI.raw(args + ["--db", db, "--user", user, "--today", CLI.today, "--lang", lang])
    }

    static func files(_ dir: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    @Test(arguments: languages)
    func anEmptyFileIsNotADatabaseYetAndIsLeftEmpty(_ lang: String) throws {
        let dir = try Fixtures.temporaryDirectory("emptyFile-\(lang)").path
        let db = dir + "/empty.sqlite"
        #expect(FileManager.default.createFile(atPath: db, contents: Data()))
        for args in [["matter", "list"], ["user", "list"], ["audit", "verify"]] {
            let r = try Self.run(args, db: db, lang: lang)
            let says = lang == "zh" ? "还不是数据库：请先运行 oversight init" : "is not a database yet: run `oversight init`"
            #expect(r.status == 2 && r.err.contains(says), "\(args): \(r.status) \(r.err)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int == 0)
        #expect(try Self.files(dir) == ["empty.sqlite"], "no -wal, -shm or .lock left beside it")
        // A missing file is named too, and only `init` and `demo` make one.
        let missing = try Self.run(["matter", "list"], db: dir + "/none.sqlite", lang: lang)
        #expect(missing.status == 2 && missing.err.contains("oversight init"), "\(missing.err)")
        #expect(try Self.files(dir) == ["empty.sqlite"])
        // As it says: `init` makes the empty file a database.
        let made = try CLI.raw(["init", "--db", db, "--admin", "chen", "--today", CLI.today, "--lang", lang])
        #expect(made.status == 0, "\(made.err)")
        #expect(try Self.run(["user", "list"], db: db, lang: lang, user: "chen").status == 0)
        // `init` leaves a file that is not SQLite alone, and names it so.
        let notes = dir + "/notes.txt"
        try Data("会议纪要".utf8).write(to: URL(fileURLWithPath: notes))
        let refused = try CLI.raw(["init", "--db", notes, "--admin", "chen", "--today", CLI.today, "--lang", lang])
        let says = lang == "zh" ? "不是监督协作台（Oversight）的数据库" : "is not an Oversight database"
        #expect(refused.status == 2 && refused.err.contains(says), "\(refused.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: notes)) == Data("会议纪要".utf8))
    }

    @Test(arguments: languages)
    func aFileThatIsNotSQLiteIsNotAnOversightDatabase(_ lang: String) throws {
        let dir = try Fixtures.temporaryDirectory("foreignFile-\(lang)").path
        for (name, bytes) in [("random.sqlite", Data((0..<8192).map { _ in UInt8.random(in: 0...255) })),
                              ("notes.sqlite", Data("会议纪要\nminutes\n".utf8))] {
            let db = dir + "/" + name
            try bytes.write(to: URL(fileURLWithPath: db))
            let r = try Self.run(["matter", "list"], db: db, lang: lang)
            let says = lang == "zh" ? "不是监督协作台（Oversight）的数据库" : "is not an Oversight database"
            #expect(r.status == 2 && r.err.contains(says), "\(name): \(r.err)")
            for word in Self.neverSaid { #expect(!r.err.contains(word), "\(name): \(r.err)") }
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
        }
    }

    @Test(arguments: languages)
    func aDatabaseThatLostATableIsDamagedSaidWithoutSQLAndBackupNamesTheSource(_ lang: String) throws {
        let cli = try CLI.demo("damaged-\(lang)")
        let drop = try Subprocess.run(["sqlite3", cli.db, "DROP TABLE event"])
        try #require(drop.status == 0, "\(drop.err)")
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let says = lang == "zh" ? "已损坏：办理记录表（event）不见了；请从备份恢复" : "is damaged: the table of events is missing; restore it from a backup"
        for args in [["matter", "list"], ["matter", "act", "1", "note", "--text", "x"], ["alerts"]] {
            let r = try Self.run(args, db: cli.db, lang: lang)
            #expect(r.status == 2 && r.err.contains(says), "\(args): \(r.status) \(r.err)")
            for word in Self.neverSaid { #expect(!r.err.contains(word), "\(args): \(r.err)") }
        }
        // `backup` blames the source, not its target (which is not made).
        let target = (cli.db as NSString).deletingLastPathComponent + "/copy.sqlite"
        let backup = try Self.run(["backup", target], db: cli.db, lang: lang, user: loginName)
        #expect(backup.status == 2 && backup.err.contains(cli.db) && backup.err.contains(says), "\(backup.err)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before, "the damaged file is not changed")
    }

    @Test(arguments: languages)
    func backupNamesItsTargetWhenTheTargetIsTheProblem(_ lang: String) throws {
        let cli = try CLI.demo("backupTarget-\(lang)")
        let dir = (cli.db as NSString).deletingLastPathComponent
        let noFolder = try Self.run(["backup", dir + "/nowhere/copy.sqlite"], db: cli.db, lang: lang, user: loginName)
        let folderSays = lang == "zh" ? "无法写入备份 \(dir)/nowhere/copy.sqlite：文件夹 \(dir)/nowhere 不存在"
                                      : "cannot write the backup \(dir)/nowhere/copy.sqlite: there is no folder \(dir)/nowhere"
        #expect(noFolder.status == 2 && noFolder.err.contains(folderSays), "\(noFolder.err)")
        let existing = dir + "/there.sqlite"
        #expect(FileManager.default.createFile(atPath: existing, contents: Data("keep".utf8)))
        let exists = try Self.run(["backup", existing], db: cli.db, lang: lang, user: loginName)
        let existsSays = lang == "zh" ? "该文件已存在：备份从不覆盖文件" : "it already exists: a backup never overwrites"
        #expect(exists.status == 2 && exists.err.contains(existing) && exists.err.contains(existsSays), "\(exists.err)")
        #expect(!exists.err.contains("the database"), "the source is not blamed: \(exists.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data("keep".utf8))
    }

    /// A real full file system (tmpfs, mounted here as root): a write says the disk is full in the interface's
    /// language and exits 1, and reading still works. Skipped, saying why, where mounting is not permitted.
    @Test(arguments: languages)
    func aFullDiskIsSaidPlainlyAndReadingGoesOn(_ lang: String) throws {
        let cli = try CLI.demo("fullDisk-\(lang)")
        let mountPoint = try Fixtures.temporaryDirectory("fullDisk-mount-\(lang)").path
        let mount = try Subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", mountPoint])
        guard mount.status == 0 else {
            print("aFullDiskIsSaidPlainlyAndReadingGoesOn skipped: cannot mount a small tmpfs here (\(mount.err.trimmingCharacters(in: .whitespacesAndNewlines))); the unit tests cover a full disk with SQLite's page limit")
            return
        }
        defer { _ = try? Subprocess.run(["umount", mountPoint]) }
        let db = mountPoint + "/full.sqlite"
        try FileManager.default.copyItem(atPath: cli.db, toPath: db)
        // Fill what is left of it.
        let filler = fopen(mountPoint + "/filler", "w")
        try #require(filler != nil)
        let chunk = [UInt8](repeating: 0, count: 4096)
        while fwrite(chunk, 1, chunk.count, filler) == chunk.count && fflush(filler) == 0 {}
        fclose(filler)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))

        let note = try Self.run(["matter", "act", "1", "note", "--text", String(repeating: "整改情况", count: 3000)], db: db, lang: lang)
        let says = lang == "zh" ? "磁盘已满，这一步没有保存；请联系管理员腾出空间后再试"
                                : "the disk is full: this step was not saved; ask the administrator to free space, then try again"
        #expect(note.status == 1 && note.err.contains(says), "\(note.status) \(note.err)")
        for word in Self.neverSaid + ["disk I/O error"] { #expect(!note.err.contains(word), "\(note.err)") }
        let list = try Self.run(["matter", "list", "--json"], db: db, lang: lang)
        #expect(list.status == 0 && list.out.contains("\"id\""), "reading goes on: \(list.status) \(list.err)")
        let show = try Self.run(["matter", "show", "1"], db: db, lang: lang)
        #expect(show.status == 0, "\(show.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try Self.files(mountPoint) == ["filler", "full.sqlite"], "nothing is left beside it")
    }

    /// `demo` builds in a file of its own and renames it over the database at the end: stopped part way, it leaves
    /// the database as it was (or none), and the next `demo` removes what the stopped one left.
    @Test func aDemoStoppedPartWayLeavesNoPartialDatabase() throws {
        let dir = try Fixtures.temporaryDirectory().path
        let db = dir + "/demo.sqlite"

        /// Starts a slow demo, stops it (SIGKILL) once it is writing its file, and waits for it; the file it wrote.
        @discardableResult func stopPartWay() throws -> String {
            let pid = try Subprocess.start([WorkbenchEndToEndTests.binary, "demo", "--no-open", "--matters", "5000", "--db", db,
                                            "--today", CLI.today], out: dir + "/demo.out")
            let building = db + ".demo-building-\(pid)"
            let writing = waitUntil(timeout: .seconds(120), every: .milliseconds(10)) {
                ((try? FileManager.default.attributesOfItem(atPath: building)[.size] as? Int) ?? 0) > 0
            }
            var status: Int32 = 0
            let exitedAlready = waitpid(pid, &status, WNOHANG) == pid
            kill(pid, SIGKILL)
            if !exitedAlready { while waitpid(pid, &status, 0) == -1 && errno == EINTR {} }
            #expect(writing && !exitedAlready, "the demo was stopped while it wrote")
            return building
        }

        let building = try stopPartWay()
        #expect(!FileManager.default.fileExists(atPath: db), "no partial data set where the database goes")
        #expect(FileManager.default.fileExists(atPath: building))

        // A complete demo replaces what the stopped one left.
        let made = try CLI.raw(["demo", "--no-open", "--db", db, "--today", CLI.today])
        #expect(made.status == 0, "\(made.err)")
        #expect(!FileManager.default.fileExists(atPath: building) && !FileManager.default.fileExists(atPath: building + "-wal"))
        let complete = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"), "the renamed file holds everything")
        let list = try CLI(db: db).run("wangjian", ["matter", "list", "--all", "--json"])
        #expect(list.status == 0 && list.out.contains("\"id\""), "\(list.err)")

        // Stopped again over that database: it stays as it was.
        try stopPartWay()
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == complete)
        #expect(try CLI(db: db).run("wangjian", ["matter", "list", "--all", "--json"]).out == list.out)
    }
}
