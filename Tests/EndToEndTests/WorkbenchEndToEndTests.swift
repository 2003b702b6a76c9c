import Foundation
import OversightStore
import OversightTestSupport
import Testing

/// The built `oversight` binary, run for real: in tmux for the workbench, as a child process
/// for the subcommands. `scripts/test` builds it first; OVERSIGHT_BIN may name another build.
@Suite(.serialized) struct WorkbenchEndToEndTests {
    static var binary: String {
        ProcessInfo.processInfo.environment["OVERSIGHT_BIN"]
            ?? Fixtures.packageRoot.appendingPathComponent(".build/debug/oversight").path
    }

    /// A fresh demo database dated 2026-11-30, built by the binary itself.
    func demoDatabase() throws -> String {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("demo.sqlite").path
        try Tmux.run([Self.binary, "demo", "--no-open", "--db", path, "--today", "2026-11-30"])
        return path
    }

    /// Waits for the entry summary of overdue matters, then dismisses it with a key.
    func dismissEntrySummary(_ t: Tmux, title: String = "逾期提醒") throws {
        let shown = try t.waitFor(title)
        #expect(shown.found, "\(shown.screen)")
        try t.keys("Space")
        #expect(try waitUntil { !(try t.screen()).contains(title) })
    }

    func command(_ db: String, _ extra: String = "", env: String = "") -> String {
        "env \(env) OVERSIGHT_DB=\(db) OVERSIGHT_TODAY=2026-11-30 \(Self.binary) --user wangjian \(extra)"
    }

    @Test func threePanesMoveResizeAndRestoreTheTerminal() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the binary first: swift build")
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db), width: 100, height: 30)

        let first = try t.waitFor("日历")
        #expect(first.found, "\(first.screen)")
        #expect(first.screen.contains("收件箱") && first.screen.contains("详情"))
        #expect(first.screen.contains("逾期 4"))
        #expect(first.screen.contains("关于汾河排污口整治的检察建议"))
        #expect(try t.display("#{alternate_on}") == "1")

        // Overdue matters are summed up on entry, unasked; a key puts the summary away.
        let summary = try t.waitFor("逾期提醒：4 件已过期限")
        #expect(summary.found, "\(summary.screen)")
        #expect(summary.screen.contains("逾期14天"))
        try dismissEntrySummary(t)

        // j moves the selection and the detail follows.
        try t.keys("j")
        let moved = try t.waitFor("详情 关于燃气安全")
        #expect(moved.found, "\(moved.screen)")

        // Tiny, then 1×1, then back: it degrades and recovers, never dies.
        try t.resize(12, 3)
        let tiny = try t.waitFor("请放大终端")
        #expect(tiny.found, "\(tiny.screen)")
        try t.resize(1, 1)
        try t.resize(100, 30)
        let back = try t.waitFor("收件箱")
        #expect(back.found, "\(back.screen)")
        #expect(!(try t.history()).contains("[exit "))

        // q quits with status 0 and leaves the terminal as it found it.
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
        #expect(try t.display("#{alternate_on}") == "0")
    }

    /// `z` (issue 22): the inbox alone on the whole width, the detail and calendar gone; moved there, `z` brings them
    /// back with the detail of the matter the selection moved to.
    @Test func zZoomsTheInboxAndBack() throws {
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db), width: 100, height: 30)
        try dismissEntrySummary(t)
        try t.keys("z")
        let zoomed = try t.waitFor("收件箱（全宽）")
        #expect(zoomed.found, "\(zoomed.screen)")
        #expect(!zoomed.screen.contains("详情") && !zoomed.screen.contains("日历"), "\(zoomed.screen)")
        #expect(zoomed.screen.contains("z 三栏"))
        try t.keys("j")
        try t.keys("z")
        let back = try t.waitFor("详情 关于燃气安全", "日历")
        #expect(back.found, "\(back.screen)")
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
    }

    /// Keys that come at once (a held key, moves typed ahead): the selection lands on the row they add up to, and the
    /// detail shown is that row's (read once no key waited, issue 22), never one passed on the way.
    @Test func movesSentAtOnceLandOnTheirRowWithItsDetail() throws {
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db), width: 100, height: 40)
        try dismissEntrySummary(t)
        #expect(try t.waitFor("详情 关于").found)
        try t.keys(String(repeating: "j", count: 12))
        var last = ""
        let landed = try waitUntil {
            last = try t.screen()
            let lines = last.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // The inbox's rows start on the third line; the selected one is marked ">".
            // Its document number (its issuer's prefix maybe cut to "…") is the one the detail's 文号 line shows.
            guard let selected = lines.firstIndex(where: { $0.hasPrefix("│>") }), selected - 2 == 12,
                  let number = lines[selected].split(separator: " ").first(where: { $0.contains("〔") }),
                  let shown = lines.first(where: { $0.contains("│文号") }) else { return false }
            let tail = number.drop { !"文〔".contains($0) && $0 != "检" }
            return tail.count >= 6 && shown.contains(String(tail))
        }
        #expect(landed, "\(last)")
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test(arguments: ["TERM", "HUP"])
    func aSignalEndsTheSessionCleanly(signal: String) throws {
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db), width: 100, height: 30)
        #expect(try t.waitFor("收件箱").found)
        try dismissEntrySummary(t)
        // In the middle of a form: a note half typed.
        let text = "未写完的备注\(signal)"
        try t.keys(":", "note", "Enter")
        #expect(try t.waitFor("备注").found)
        try t.keys("-l", text)
        #expect(try t.waitFor(text).found)
        // The pane runs a shell; the workbench is its child.
        let shell = try t.display("#{pane_pid}")
        let child = try Tmux.run(["pgrep", "-P", shell]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!child.isEmpty)
        try Tmux.run(["kill", "-\(signal)", child])
        #expect(try t.waitForExit() == 0)
        #expect(try t.display("#{alternate_on}") == "0")
        // The text is kept as a draft, the database is sound, and no lock is left held.
        #expect(try Tmux.run(["sqlite3", db, "SELECT text FROM draft"]).trimmingCharacters(in: .whitespacesAndNewlines) == text)
        #expect(try Tmux.run(["sqlite3", db, "PRAGMA integrity_check"]).trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        #expect(try Tmux.run(["flock", "-n", db + ".lock", "true"]).isEmpty)
        // The next session offers it back in the same form.
        let again = Tmux()
        try again.start(command(db), width: 100, height: 30)
        try dismissEntrySummary(again)
        try again.keys(":", "note", "Enter")
        #expect(try again.waitFor(text).found)
        try again.keys("Escape")
        try again.keys("q")
        #expect(try again.waitForExit() == 0)
    }

    @Test func chineseShowsWithoutALocale() throws {
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db, env: "-u LANG -u LC_ALL -u LC_CTYPE"), width: 100, height: 30)
        let shown = try t.waitFor("收件箱")
        #expect(shown.found, "\(shown.screen)")
        #expect(shown.screen.contains("文水县人民检察院"))
        try dismissEntrySummary(t)
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func englishWithLang() throws {
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db, "--lang en"), width: 100, height: 30)
        let shown = try t.waitFor("Calendar", "Inbox", "Detail")
        #expect(shown.found, "\(shown.screen)")
        try dismissEntrySummary(t, title: "Overdue: 4 past their deadline")
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func anUnknownTerminalIsReportedNotCrashed() throws {
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db, env: "TERM=no-such-terminal") + " 2>&1", width: 220, height: 10)
        #expect(try t.waitForExit() == 2)
        let shown = try t.history()
        #expect(shown.contains("未知的终端类型“no-such-terminal”"), "\(shown)")
    }

    @Test func aTerminalThatCannotPositionTheCursorIsReported() throws {
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db, env: "TERM=dumb") + " 2>&1", width: 220, height: 10)
        #expect(try t.waitForExit() == 2)
        let shown = try t.history()
        #expect(shown.contains("此终端（TERM=dumb）无法定位光标：请使用 xterm-256color 等终端"), "\(shown)")
        #expect(shown.contains("[exit 2]"), "\(shown)")
    }
}

/// The subcommands, as scripts call them: output, JSON fields and exit codes are a contract.
@Suite struct CommandLineTests {
    func oversight(_ args: [String], env: [String: String] = [:]) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "OVERSIGHT_DB")
        environment.removeValue(forKey: "OVERSIGHT_USER")
        environment.merge(env) { $1 }
        return try Subprocess.run([WorkbenchEndToEndTests.binary] + args, environment: environment)
    }

    func demo() throws -> String {
        let db = try Fixtures.temporaryDirectory().appendingPathComponent("cli.sqlite").path
        let r = try oversight(["demo", "--no-open", "--db", db, "--today", "2026-11-30"])
        #expect(r.status == 0, "\(r.err)")
        return db
    }

    @Test func userListJSONHasTheContractFields() throws {
        let db = try demo()
        let r = try oversight(["user", "list", "--json", "--db", db, "--user", "wangjian"])
        #expect(r.status == 0, "\(r.err)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        #expect(items.count >= 20)
        for item in items {
            for key in ["name", "party", "org", "role"] { #expect(item[key] is String, "\(key) in \(item)") }
        }
        #expect(items.contains { $0["name"] as? String == "wangjian" && $0["party"] as? String == "procuratorate" && $0["org"] as? String == "文水县人民检察院" })
    }

    @Test func userListForPeopleIsAligned() throws {
        let db = try demo()
        let r = try oversight(["user", "list"], env: ["OVERSIGHT_DB": db, "OVERSIGHT_USER": "zhaomin"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count >= 21)
        // The role column starts at the same display column on every line.
        func column(of needle: String, in line: String) -> Int? {
            guard let range = line.range(of: needle, options: .backwards) else { return nil }
            return line[..<range.lowerBound].reduce(0) { $0 + (($1.unicodeScalars.first!.value >= 0x1100) ? 2 : 1) }
        }
        // In Chinese (the default): the headers and the party, role and active cells are words.
        let header = try #require(column(of: "角色", in: lines[0]), "\(lines[0])")
        #expect(lines[0].contains("登录名") && !r.out.contains("handler") && !r.out.contains("procuratorate"), "\(r.out)")
        for line in lines.dropFirst() {
            let c = column(of: " 承办人 ", in: line).map { $0 + 1 } ?? column(of: " 负责人 ", in: line).map { $0 + 1 } ?? column(of: " 管理员 ", in: line).map { $0 + 1 }
            #expect(c == header, "\(line)")
        }
    }

    @Test func orgListJSON() throws {
        let db = try demo()
        let r = try oversight(["org", "list", "--json", "--db", db, "--user", "wangjian"])
        #expect(r.status == 0, "\(r.err)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        #expect(items.contains { $0["id"] as? String == "sfj" && $0["name"] as? String == "文水县司法局" && $0["party"] as? String == "justice" })
    }

    @Test func badInputExitsTwoAndRefusalsOne() throws {
        let db = try demo()
        let badDate = try oversight(["user", "list", "--db", db, "--user", "wangjian", "--today", "2026-02-30"])
        #expect(badDate.status == 2)
        #expect(badDate.err.contains("--today"))
        let badLang = try oversight(["user", "list", "--db", db, "--user", "wangjian", "--lang", "fr"])
        #expect(badLang.status == 2)
        let badOption = try oversight(["user", "list", "--nope"])
        #expect(badOption.status == 2)
        let unknownUser = try oversight(["user", "list", "--db", db, "--user", "nobody"])
        #expect(unknownUser.status == 1)
        #expect(unknownUser.err.contains("nobody"))
        let noDatabase = try oversight(["user", "list", "--db", db + ".missing", "--user", "wangjian"])
        #expect(noDatabase.status == 2)
        #expect(noDatabase.err.contains("oversight demo"))
        let noTerminal = try oversight(["--db", db, "--user", "wangjian"])
        #expect(noTerminal.status == 2)
        #expect(noTerminal.err.contains("工作台需要在终端中运行"), "\(noTerminal.err)")
    }

    @Test func deadlineJSONHasTheContractFields() throws {
        let r = try oversight(["deadline", "--from", "2025-08-01", "--months", "2", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(object["due"] as? String == "2025-10-09")
        #expect(object["raw"] as? String == "2025-10-01")
        #expect(object["provisional"] as? Bool == false)
        let later = try oversight(["deadline", "--from", "2027-03-01", "--workdays", "10", "--json"])
        let provisional = try #require(try JSONSerialization.jsonObject(with: Data(later.out.utf8)) as? [String: Any])
        #expect(provisional["provisional"] as? Bool == true)
    }

    @Test func deadlineExplainsItselfInBothLanguages() throws {
        let zh = try oversight(["deadline", "--from", "2025-12-15", "--months", "2"])
        #expect(zh.status == 0)
        #expect(zh.out.contains("2026-02-24") && zh.out.contains("春节") && zh.out.contains("《民法典》第二百零三条"))
        let en = try oversight(["deadline", "--from", "2025-12-15", "--months", "2", "--lang", "en"])
        #expect(en.out.contains("Deadline: 2026-02-24") && en.out.contains("Rolled past: 2026-02-15 to 2026-02-23"))
        for bad in [["--from", "2025-13-01", "--months", "2"], ["--from", "2025-01-01"], ["--from", "2025-01-01", "--days", "x"],
                    ["--from", "2025-01-01", "--days", "3", "--months", "1"]] {
            let r = try oversight(["deadline"] + bad)
            #expect(r.status == 2, "\(bad)")
            #expect(r.err.contains("deadline"), "\(bad): \(r.err)")
            #expect(r.err.contains("用法：oversight deadline --from YYYY-MM-DD"), "\(bad): \(r.err)")
        }
    }

    @Test func demoNeverOverwritesARealDatabase() throws {
        let dir = try Fixtures.temporaryDirectory()
        let real = dir.appendingPathComponent("real.sqlite").path
        // A database that is not a demo one: made by the store, no demo mark.
        _ = try Store(path: real)
        let r = try oversight(["demo", "--no-open", "--db", real])
        #expect(r.status == 1)
        // In the interface's language: Chinese unless told otherwise.
        #expect(r.err.contains("存有真实数据，不是演示数据库"), "\(r.err)")
        // Re-running the demo on its own database rebuilds it.
        let demoDB = dir.appendingPathComponent("demo.sqlite").path
        #expect(try oversight(["demo", "--no-open", "--db", demoDB]).status == 0)
        #expect(try oversight(["demo", "--no-open", "--db", demoDB]).status == 0)
    }
}
