import Foundation
import OversightTestSupport
import Testing

/// `oversight keys` (issue 19): the keys in force per section, after the person's binds.conf, through the binary.
@Suite struct KeysEndToEndTests {
    func config(_ name: String, _ binds: String?) throws -> String {
        let dir = try Fixtures.temporaryDirectory(name)
        if let binds {
            let sub = dir.appendingPathComponent("oversight")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try binds.write(to: sub.appendingPathComponent("binds.conf"), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test func withoutBindsConfTheStandardKeysInChinese() throws {
        let r = try CLI.raw(["keys"], env: ["XDG_CONFIG_HOME": try config("keys-none", nil)])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err == "")
        let lines = r.out.split(separator: "\n").map(String.init)
        // Each section named in the interface language, with the name binds.conf writes it under.
        #expect(lines.first == "收件箱（各窗格通用） [inbox]")
        #expect(lines.contains { $0.hasPrefix("  r ") && $0.contains(":reply") && $0.hasSuffix("回复所选事项") })
        #expect(lines.contains { $0.hasPrefix("  z ") && $0.contains(":zoom") && $0.contains("收件箱全宽显示") })
        for section in ["[inbox]", "[detail]", "[calendar]", "[menu]", "[form]", "[confirm]", "[summary]", "[help]", "[view]", "[report]", "[command]", "[filter]"] {
            #expect(lines.contains { $0.hasSuffix(" " + section) && !$0.hasPrefix(" ") }, "\(section)")
        }
        #expect(lines.contains("逾期提醒（其他键关闭） [summary]") && lines.contains("命令行（:） [command]"))
        let en = try CLI.raw(["keys", "--lang", "en"], env: ["XDG_CONFIG_HOME": try config("keys-none-en", nil)])
        #expect(en.out.hasPrefix("Inbox (every pane) [inbox]\n"))
        #expect(en.out.contains("\nCommand line (:) [command]\n"))
        #expect(!r.out.contains("binds.conf"))
    }

    @Test func bindsConfIsAppliedAndItsBadLinesNamed() throws {
        let dir = try config("keys-mine", "# mine\n[inbox]\nN = :note 已阅\n<Nope> = :help\nr = :quit\n[menu]\nl = :submit\n")
        let file = dir + "/oversight/binds.conf"
        let r = try CLI.raw(["keys"], env: ["XDG_CONFIG_HOME": dir])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err == "oversight: \(file):4：没有按键“<Nope>”（写作 x、N、<Enter>、<C-d>、<F2> 等），已跳过\n")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "按键设置：\(file)")
        #expect(lines.contains { $0.hasPrefix("  N ") && $0.contains(":note 已阅") })
        #expect(lines.contains { $0.hasPrefix("  r ") && $0.contains(":quit") })
        #expect(!lines.contains { $0.contains(":reply") }, "r no longer replies and nothing else does")

        let j = try CLI.raw(["keys", "--json", "--lang", "en"], env: ["XDG_CONFIG_HOME": dir])
        let o = try CLI.object(j, "keys --json")
        #expect(o["file"] as? String == file)
        #expect(o["problems"] as? [String] == ["\(file):4: no key \"<Nope>\" (write x, N, <Enter>, <C-d>, <F2> …); skipped"])
        let sections = try #require(o["sections"] as? [String: [[String: String]]])
        #expect(sections["inbox"]?.contains { $0 == ["key": "N", "command": ":note 已阅"] } == true)
        #expect(sections["menu"]?.contains { $0 == ["key": "l", "command": ":submit"] } == true)
        #expect(sections["detail"] == [])
    }

    /// A file that is not UTF-8 text (or has a NUL) is said to be unreadable, and the standard keys apply.
    @Test func aBindsConfThatIsNotTextIsNamedAndTheStandardKeysApply() throws {
        let dir = try config("keys-bytes", nil)
        let sub = URL(fileURLWithPath: dir).appendingPathComponent("oversight")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data("[inbox]\nN = :note ".utf8 + [0xFF, 0x0A]).write(to: sub.appendingPathComponent("binds.conf"))
        let r = try CLI.raw(["keys", "--lang", "en"], env: ["XDG_CONFIG_HOME": dir])
        #expect(r.status == 0)
        #expect(r.err == "oversight: \(sub.path)/binds.conf: cannot be read (it must be UTF-8 text); the standard keys apply\n")
        #expect(!r.out.contains(":note") && r.out.contains(":reply"))
    }

    @Test func withoutXDGConfigHomeTheHomeConfigIsRead() throws {
        let home = try Fixtures.temporaryDirectory("keys-home")
        let sub = home.appendingPathComponent(".config/oversight")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "[view]\nx = :cancel\n".write(to: sub.appendingPathComponent("binds.conf"), atomically: true, encoding: .utf8)
        let r = try CLI.raw(["keys", "--lang", "en"], env: ["XDG_CONFIG_HOME": "", "HOME": home.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("bindings from \(sub.path)/binds.conf\n"))
        let view = r.out.components(separatedBy: "[view]\n").last ?? ""
        #expect(view.contains("  x ") && view.contains(":cancel"))
    }

    /// The acceptance of issue 19 in the real workbench: with `[inbox] N = :note 已阅经按键` in binds.conf, N puts that
    /// note on the selected matter (its history shows it); a bad line is named on the hint line and skipped.
    @Test func inTheWorkbenchABoundKeyNotesTheSelectedMatter() throws {
        let binary = WorkbenchEndToEndTests.binary
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build the binary first: swift build")
        let db = try Fixtures.temporaryDirectory("keys-tmux").appendingPathComponent("demo.sqlite").path
        try Tmux.run([binary, "demo", "--no-open", "--db", db, "--today", "2026-11-30"])
        let dir = try config("keys-tmux-config", "[inbox]\nN = :note 已阅经按键\n<Bad> = :help\n")
        let t = Tmux()
        try t.start("env XDG_CONFIG_HOME=\(dir) OVERSIGHT_DB=\(db) OVERSIGHT_TODAY=2026-11-30 \(binary) --user wangjian",
                    width: 120, height: 40)
        let summary = try t.waitFor("逾期提醒")
        #expect(summary.found, "\(summary.screen)")
        try t.keys("Space")
        let named = try t.waitFor("binds.conf:3：没有按键")
        #expect(named.found, "\(named.screen)")
        try t.keys("N")
        let noted = try t.waitFor("已备注：")
        #expect(noted.found, "\(noted.screen)")
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
        // The note is in the store, on the matter the hint line named, with the bound text.
        let line = noted.screen.split(separator: "\n").first { $0.contains("已备注：") } ?? ""
        let number = line.components(separatedBy: "已备注：").last?.trimmingCharacters(in: .whitespaces) ?? ""
        let cli = CLI(db: db)
        let m = try #require(try cli.list("wangjian").first { $0["number"] as? String == number }, "no matter \(number)")
        let shown = try cli.show("wangjian", try #require(m["id"] as? Int))
        let events = shown["events"] as? [[String: Any]] ?? []
        #expect(events.contains { $0["action"] as? String == "note" && $0["text"] as? String == "已阅经按键" }, "\(events)")
    }
}
