import Foundation
import OversightTestSupport
import Testing

/// A real OpenSSH server on 127.0.0.1, run as the current account, whose `authorized_keys` is written by
/// `oversight key add --install`: people connect with `ssh -tt` inside tmux and land in the workbench as
/// the Oversight user of their key. `scripts/test` installs openssh-server and openssh-client when missing.
@Suite(.serialized) struct SSHEndToEndTests {
    static let sshd = "/usr/sbin/sshd"

    /// The demo database, a key for hbj.li (the environment department's handler) installed by
    /// `oversight key add`, and a server that takes it.
    struct Setup {
        var cli: CLI
        var key: String
        var server: SSHServer

        /// `ssh` to the server as the current account with the key: the shell words of the command line.
        func ssh(_ options: [String], command: String? = nil) -> [String] {
            ["ssh", "-F", "/dev/null", "-i", key, "-p", "\(server.port)", "-o", "StrictHostKeyChecking=no",
             "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"]
                + options + ["\(PeopleFixtures.loginName)@127.0.0.1"] + (command.map { [$0] } ?? [])
        }

        /// The same as one line for tmux's shell, the remote command quoted.
        func sshLine(_ options: [String], command: String? = nil) -> String {
            ssh(options).joined(separator: " ") + (command.map { " '\($0)'" } ?? "")
        }
    }

    /// Nil (with the reason printed) only when this machine has no sshd at all.
    func setup(_ name: String = #function) throws -> Setup? {
        guard FileManager.default.isExecutableFile(atPath: Self.sshd) else {
            print("SSHEndToEndTests: skipped: \(Self.sshd) is not installed (scripts/test installs openssh-server)")
            return nil
        }
        let cli = try CLI.demo(name)
        let dir = try Fixtures.temporaryDirectory(name)
        let key = dir.appendingPathComponent("id_ed25519").path
        try Tmux.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "li@hbj", "-f", key])
        let authorized = dir.appendingPathComponent("authorized_keys").path
        let added = try cli.run(PeopleFixtures.loginName, ["key", "add", "hbj.li", key + ".pub", "--install", authorized])
        guard added.status == 0 else { throw CLI.Failure(description: "key add exited \(added.status): \(added.err)") }
        return Setup(cli: cli, key: key, server: try SSHServer(dir: dir, authorizedKeys: authorized))
    }

    /// Two issued suggestions: one to hbj (the user's own department), one to scjgj (another's).
    func twoMatters(_ cli: CLI) throws -> (own: Int, others: Int) {
        let own = try cli.new("wangjian", "suggestion", to: "hbj", title: "SSHE2E甲 关于入河排污口的检察建议")
        let others = try cli.new("wangjian", "suggestion", to: "scjgj", title: "SSHE2E乙 关于食品抽检的检察建议")
        try cli.step("wangjian", own, "issue")
        try cli.step("wangjian", others, "issue")
        let seen = try cli.visibleIDs("hbj.li")
        #expect(seen.contains(own) && !seen.contains(others), "the access policy, before any terminal: \(seen)")
        return (own, others)
    }

    /// Waits for the workbench of hbj.li and puts away the entry summary if it shows.
    func landed(_ t: Tmux, _ setup: Setup) throws {
        let shown = try arrived(t, at: "吕梁市生态环境局文水分局")
        #expect(shown.found, "\(shown.screen)\n--- sshd log:\n\(setup.server.log)")
        #expect(shown.screen.contains("李明"), "\(shown.screen)")
    }

    /// Waits for a workbench's whole first frame — its header names `org`, its last line the keys (`q 退出`): over SSH
    /// the frame can arrive in pieces, and a key sent before the entry summary shows is taken by it — then puts the
    /// entry summary away if it shows.
    func arrived(_ t: Tmux, at org: String) throws -> (found: Bool, screen: String) {
        let shown = try t.waitFor(org, "q 退出")
        if shown.screen.contains("逾期提醒") {
            try t.keys("Space")
            #expect(try waitUntil { !(try t.screen()).contains("逾期提醒") })
        }
        return shown
    }

    /// The oversight processes serving this database.
    func sessions(_ setup: Setup) throws -> [String] {
        let r = try Subprocess.run(["pgrep", "-f", "--", "--db \(setup.cli.db) --user hbj.li"])
        return r.out.split(separator: "\n").map(String.init)
    }

    @Test func aKeyLandsInItsPersonsWorkbenchAndAHangUpEndsTheSessionCleanly() throws {
        guard let setup = try setup() else { return }
        let matters = try twoMatters(setup.cli)
        let t = Tmux()
        try t.start(setup.sshLine(["-tt"]), width: 160, height: 40)
        try landed(t, setup)
        // Only the party's own matters: the filter finds the one to hbj and not the one to scjgj.
        try t.keys("/")
        try t.keys("-l", "SSHE2E")
        let filtered = try t.waitFor("SSHE2E甲")
        #expect(filtered.found, "\(filtered.screen)")
        #expect(!filtered.screen.contains("SSHE2E乙"), "\(filtered.screen)")
        _ = matters

        // Hang-up: the ssh client is killed; the oversight process behind sshd ends promptly.
        #expect(try waitUntil { try !sessions(setup).isEmpty }, "no oversight process for the session")
        let shell = try t.display("#{pane_pid}")
        let client = try Tmux.run(["pgrep", "-P", shell]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!client.isEmpty)
        try Tmux.run(["kill", "-KILL", client])
        let ended = try waitUntil(timeout: .seconds(15)) { try sessions(setup).isEmpty }
        let left = try sessions(setup)
        #expect(ended, "oversight still running after the hang-up: \(left)\n\(setup.server.log)")
        #expect(try PeopleFixtures.sqlite(setup.cli.db, "PRAGMA integrity_check") == ["ok"])
        // And the database goes on: the next command works.
        #expect(try setup.cli.run("hbj.li", ["matter", "show", "\(matters.own)", "--json"]).status == 0)
    }

    /// Two SSH front-end hosts over one shared PostgreSQL database, each with keys `key add --install` wrote for the
    /// county's part of it (a database URL in the forced command): the procuratorate's handler on host A issues a
    /// suggestion to the environment department, whose handler's workbench on host B shows it unasked; B's reply comes
    /// back to A. (The city bench measures how soon; here a generous wait.)
    @Test(.enabled(if: TestDatabase.available, "no PostgreSQL for this run (scripts/test starts one)"))
    func twoHostsOverOneSharedDatabase() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.sshd) else {
            print("SSHEndToEndTests: skipped: \(Self.sshd) is not installed (scripts/test installs openssh-server)")
            return
        }
        let url = try TestDatabase.fresh("ssh-two-hosts")
        let db = "postgres://\(url.user)@localhost/\(url.database)?" + (url.socketFolder.map { "host=\($0)&" } ?? "") + "county=wenshui"
        let made = try CLI.raw(["demo", "--no-open", "--db", db, "--today", CLI.today])
        #expect(made.status == 0, "\(made.err)")
        let cli = CLI(db: db)
        func host(_ name: String, _ user: String) throws -> Setup {
            let dir = try Fixtures.temporaryDirectory("ssh-host-" + name)
            let key = dir.appendingPathComponent("id_ed25519").path
            try Tmux.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", user, "-f", key])
            let authorized = dir.appendingPathComponent("authorized_keys").path
            let added = try cli.run(PeopleFixtures.loginName, ["key", "add", user, key + ".pub", "--install", authorized])
            #expect(added.status == 0, "\(added.err)")
            #expect(try String(contentsOfFile: authorized, encoding: .utf8).contains("--db '\(db)' --user \(user)"))
            return Setup(cli: cli, key: key, server: try SSHServer(dir: dir, authorizedKeys: authorized))
        }
        let (a, b) = (try host("a", "wangjian"), try host("b", "hbj.li"))
        let department = Tmux()
        try department.start(b.sshLine(["-tt"]), width: 160, height: 40)
        try landed(department, b)
        let procuratorate = Tmux()
        try procuratorate.start(a.sshLine(["-tt"]), width: 160, height: 40)
        let there = try arrived(procuratorate, at: "文水县人民检察院")
        #expect(there.found, "\(there.screen)\n\(a.server.log)")

        func command(_ t: Tmux, _ line: String) throws {
            try t.keys(":")
            try t.keys("-l", line)
            try t.keys("Enter")
        }
        func expectShown(_ t: Tmux, _ text: String, _ why: String) throws {
            let shown = try t.waitFor(text)
            #expect(shown.found, "\(why): waiting for \(text):\n\(shown.screen)")
        }
        try command(procuratorate, "new suggestion --to hbj --title 两台主机之间的建议 --domain ecology")
        try expectShown(procuratorate, "已新建：两台主机之间的建议", "host A")
        try command(procuratorate, "issue")
        try expectShown(procuratorate, "请确认", "host A")
        try procuratorate.keys("y")
        try expectShown(procuratorate, "已制发", "host A")
        try command(procuratorate, "serve")
        try expectShown(procuratorate, "已送达", "host A")
        try expectShown(department, "两台主机之间", "host B, unasked")
        try department.keys("/")
        try department.keys("-l", "两台主机之间")
        try department.keys("Enter")
        try expectShown(department, "详情 两台主机之间的建议", "host B")
        try command(department, "reply 已按建议整改")
        try expectShown(department, "已回复", "host B")
        try expectShown(procuratorate, "其他会话：李明", "host A, unasked")
        for t in [procuratorate, department] {
            try t.keys("Escape", "q")
            _ = try t.waitForExit()
        }
        // Another county's part of the same database holds none of it.
        let other = try CLI.raw(["init", "--db", db.replacingOccurrences(of: "county=wenshui", with: "county=jiaocheng"), "--admin", "admin", "--today", CLI.today])
        #expect(other.status == 0, "\(other.err)")
        let seen = try CLI(db: db.replacingOccurrences(of: "county=wenshui", with: "county=jiaocheng")).run("admin", ["export", "--format", "json"])
        #expect(seen.status == 0 && !seen.out.contains("两台主机"), "\(seen.out) \(seen.err)")
    }

    @Test func noCommandOutsideTheListIsRunAndNoneOpensTheWorkbench() throws {
        guard let setup = try setup() else { return }
        // Without a terminal: refused with the list of commands (exit 2), and nothing else ran.
        for command in ["id; echo PWNED", "sh -c id", "/bin/sh", "sftp-server", "oversight user add x --org xt --role admin",
                        "alerts; id", "$(id)", "`id`", "matter act 1 close", "alerts --user wangjian", "export --db /tmp/x.sqlite"] {
            let r = try Subprocess.run(setup.ssh(["-T"], command: command))
            #expect(r.status == 2, "\(command): \(r.out)\(r.err)\n\(setup.server.log)")
            #expect(r.err.contains("已拒绝") && r.err.contains("matter list | matter show 编号"), "\(command): \(r.err)")
            for output in [r.out, r.err] {
                #expect(!output.contains("PWNED") && !output.contains("uid="), "\(command): \(output)")
            }
        }
        #expect(try setup.cli.run(PeopleFixtures.loginName, ["user", "list", "--json"]).out.contains("\"x\"") == false)
        // With a terminal: the same refusal, never the workbench.
        let t = Tmux()
        try t.start(setup.sshLine(["-tt"], command: "id; echo PWNED"), width: 160, height: 40)
        #expect(try t.waitForExit() == 2)
        let history = try t.history()
        #expect(!history.contains("PWNED") && !history.contains("uid="), "\(history)")
        #expect(history.contains("alerts") && !history.contains("吕梁市生态环境局文水分局"), "\(history)")
    }

    /// `ssh HOST COMMAND` runs an allowed command as the key's person and writes to the client.
    @Test func allowedCommandsRunAsTheKeysPersonAndWriteToTheClient() throws {
        guard let setup = try setup() else { return }
        let matters = try twoMatters(setup.cli)
        // alerts: the party's overdue list, exit 2 as for any overdue matter.
        let alerts = try Subprocess.run(setup.ssh(["-T"], command: "alerts --all"))
        #expect(alerts.status == 2, "\(alerts.out)\(alerts.err)\n\(setup.server.log)")
        #expect(alerts.out.contains("吕梁市生态环境局文水分局") && alerts.out.contains("关于汾河排污口整治的检察建议"), "\(alerts.out)")
        // export: the matters the person may see, in a file on the client.
        let dir = try Fixtures.temporaryDirectory()
        let csvFile = dir.appendingPathComponent("x.csv").path
        let export = try Self.toFile(setup.ssh(["-T"], command: "export --format csv"), csvFile)
        #expect(export.status == 0, "\(export.err)")
        let csv = String(decoding: FileManager.default.contents(atPath: csvFile) ?? Data(), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}") && csv.contains("SSHE2E甲") && !csv.contains("SSHE2E乙"), "\(csv.prefix(400))")
        // matter show of a matter the person may not see: refused as for the CLI.
        let hidden = try Subprocess.run(setup.ssh(["-T"], command: "matter show \(matters.others)"))
        #expect(hidden.status == 1, "\(hidden.out)\(hidden.err)")
        // help: the list, exit 0.
        let help = try Subprocess.run(setup.ssh(["-T"], command: "help"))
        #expect(help.status == 0 && help.out.contains("doc"), "\(help.out)\(help.err)")

        // doc: wangjian's key (the procuratorate) fetches a reminder of matter 1 as a .docx; it is recorded.
        let key2 = dir.appendingPathComponent("id_wang").path
        try Tmux.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "wang@jcy", "-f", key2])
        let added = try setup.cli.run(PeopleFixtures.loginName, ["key", "add", "wangjian", key2 + ".pub", "--install", setup.server.authorizedKeys])
        #expect(added.status == 0, "\(added.err)")
        let before = try setup.cli.show("wangjian", 1)
        let docx = dir.appendingPathComponent("r.docx").path
        let wang = setup.ssh(["-T"], command: "doc reminder 1").map { $0 == setup.key ? key2 : $0 }
        let doc = try Self.toFile(wang, docx)
        #expect(doc.status == 0, "\(doc.err)\n\(setup.server.log)")
        let xml = try Subprocess.run(["unzip", "-p", docx, "word/document.xml"])
        #expect(xml.status == 0 && xml.out.contains("催告函") && xml.out.contains("文检行建〔2025〕1号"), "\(xml.out.prefix(600))\(xml.err)")
        let after = try setup.cli.show("wangjian", 1)
        #expect((after["events"] as? [Any])?.count == ((before["events"] as? [Any])?.count ?? 0) + 1)
        // To a terminal the document is refused, and nothing is recorded.
        let t = Tmux()
        let line = setup.ssh(["-tt"]).map { $0 == setup.key ? key2 : $0 }.joined(separator: " ") + " 'doc reminder 1'"
        try t.start(line, width: 160, height: 40)
        #expect(try t.waitForExit() == 2)
        let shown = try t.history()
        #expect(shown.contains("--format text"), "\(shown)")
        #expect((try setup.cli.show("wangjian", 1)["events"] as? [Any])?.count == (after["events"] as? [Any])?.count)
    }

    /// The heads, who have only their keys, set a county service level over SSH (Art. 12): the justice bureau's
    /// proposes, the procuratorate's agrees; a department's handler reads the rules; a notice cannot be loaded so.
    @Test func theHeadsSetAServiceLevelOverTheirKeys() throws {
        guard let setup = try setup() else { return }
        let dir = try Fixtures.temporaryDirectory()
        func key(_ user: String) throws -> [String] {
            let path = dir.appendingPathComponent("id_\(user)").path
            try Tmux.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", user, "-f", path])
            let added = try setup.cli.run(PeopleFixtures.loginName, ["key", "add", user, path + ".pub", "--install", setup.server.authorizedKeys])
            #expect(added.status == 0, "\(added.err)")
            return setup.ssh(["-T"]).map { $0 == setup.key ? path : $0 }
        }
        let chen = try key("chenjie"), zhang = try key("zhanghui")
        let proposed = try Subprocess.run(chen + ["rules propose transfer-feedback 20 --source '县司法局、县检察院会议纪要（2026）3号'"])
        #expect(proposed.status == 0, "\(proposed.out)\(proposed.err)\n\(setup.server.log)")
        let agreed = try Subprocess.run(zhang + ["rules agree transfer-feedback"])
        #expect(agreed.status == 0, "\(agreed.out)\(agreed.err)")
        let list = try Subprocess.run(setup.ssh(["-T"], command: "rules list --json"))
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]], "\(list.err)")
        let entry = try #require(rules.first { $0["key"] as? String == "transfer-feedback" })
        #expect(entry["nature"] as? String == "county" && entry["version"] as? Int == 2, "\(entry)")
        // hbj.li (a department's handler) may read but not propose; nobody loads a notice over a key.
        let refused = try Subprocess.run(setup.ssh(["-T"], command: "rules propose transfer-feedback 10 --source x"))
        #expect(refused.status == 1, "\(refused.out)\(refused.err)")
        let load = try Subprocess.run(setup.ssh(["-T"], command: "calendar add /etc/passwd"))
        #expect(load.status == 2 && load.err.contains("calendar"), "\(load.err)")
    }

    /// In the workbench over SSH, `d` shows the letter in the pager; `s` records it and says the command that fetches
    /// it from this server, which then gives the .docx on the client.
    @Test func aLetterInTheWorkbenchIsReadThenRecordedWithTheCommandThatFetchesIt() throws {
        guard let setup = try setup() else { return }
        let dir = try Fixtures.temporaryDirectory()
        let key2 = dir.appendingPathComponent("id_wang").path
        try Tmux.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "wang@jcy", "-f", key2])
        let added = try setup.cli.run(PeopleFixtures.loginName, ["key", "add", "wangjian", key2 + ".pub", "--install", setup.server.authorizedKeys])
        #expect(added.status == 0, "\(added.err)")
        let before = try setup.cli.show("wangjian", 1).events.count
        let t = Tmux()
        try t.start(setup.ssh(["-tt"]).map { $0 == setup.key ? key2 : $0 }.joined(separator: " "), width: 120, height: 40)
        let entered = try arrived(t, at: "文水县人民检察院")
        #expect(entered.found, "\(entered.screen)\n\(setup.server.log)")
        try t.keys("/")
        try t.keys("-l", "汾河排污口")
        try t.keys("Enter")
        #expect(try t.waitFor("文检行建〔2025〕1号").found)
        try t.keys("d")
        try t.keys("-l", "reminder")
        try t.keys("Enter")
        // The letter and the pager's hint line, in one frame (a screen caught mid-draw may hold the one only).
        let pager = try t.waitFor("特此函告", "s/Enter")
        #expect(pager.found, "\(pager.screen)")
        #expect(try setup.cli.show("wangjian", 1).events.count == before, "reading records nothing")
        try t.keys("s")
        let fetch = "ssh \(PeopleFixtures.loginName)@127.0.0.1 doc reminder 1 > 催告函.docx"
        let recorded = try t.waitFor("已记录。取件：" + fetch)
        #expect(recorded.found, "\(recorded.screen)")
        #expect(try setup.cli.show("wangjian", 1).events.count == before + 1)
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
        // The command said, run on the client, gives the document.
        let docx = dir.appendingPathComponent("催告函.docx").path
        let got = try Self.toFile(setup.ssh(["-T"], command: "doc reminder 1").map { $0 == setup.key ? key2 : $0 }, docx)
        #expect(got.status == 0, "\(got.err)")
        #expect(try Subprocess.run(["unzip", "-t", docx]).status == 0)
    }

    /// Runs `arguments` with standard output to `file` (bytes as written), standard error read back.
    static func toFile(_ arguments: [String], _ file: String) throws -> (status: Int32, err: String) {
        let err = file + ".err"
        let pid = try Subprocess.start(arguments, out: file, err: err)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (code, (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    @Test func aDisabledPersonIsRefusedAtTheDoorAndTheRefusalIsRecorded() throws {
        guard let setup = try setup() else { return }
        #expect(try setup.cli.run(PeopleFixtures.loginName, ["user", "disable", "hbj.li"]).status == 0)
        let t = Tmux()
        try t.start(setup.sshLine(["-tt"]) + " 2>&1", width: 160, height: 10)
        #expect(try t.waitForExit() == 1)
        let history = try t.history()
        // In the interface's language (Chinese by default), as every store failure is worded now.
        #expect(history.contains("用户“hbj.li”已停用：请联系管理员"), "\(history)")
        let refused = try PeopleFixtures.sqlite(setup.cli.db, "SELECT text FROM event WHERE action = 'login-refused'")
        #expect(refused == ["disabled user hbj.li from ssh 127.0.0.1"], "\(refused)")
    }
}

/// `sshd -D -e -f CONFIG` on 127.0.0.1 at a free port, with a throwaway host key; stopped when released.
final class SSHServer {
    let port: Int
    let pid: pid_t
    let authorizedKeys: String
    let logPath: String

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    init(dir: URL, authorizedKeys: String) throws {
        self.authorizedKeys = authorizedKeys
        let hostKey = dir.appendingPathComponent("host_ed25519").path
        try Tmux.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey])
        port = try Self.freePort()
        let config = dir.appendingPathComponent("sshd_config").path
        try """
            ListenAddress 127.0.0.1
            Port \(port)
            HostKey \(hostKey)
            PidFile \(dir.appendingPathComponent("sshd.pid").path)
            AuthorizedKeysFile \(authorizedKeys)
            AllowUsers \(PeopleFixtures.loginName)
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            UseDNS no
            PrintMotd no
            PrintLastLog no
            LogLevel VERBOSE
            SetEnv OVERSIGHT_TODAY=\(CLI.today)

            """.write(toFile: config, atomically: true, encoding: .utf8)
        // Run as root, sshd wants its privilege-separation folder.
        if getuid() == 0 { try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true) }
        logPath = dir.appendingPathComponent("sshd.log").path
        pid = try Subprocess.start([SSHEndToEndTests.sshd, "-D", "-e", "-f", config], out: logPath)
        let log = logPath
        let listening = "Server listening on 127.0.0.1 port \(port)"
        guard waitUntil(timeout: .seconds(15), { (try? String(contentsOfFile: log, encoding: .utf8))?.contains(listening) == true }) else {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            throw Tmux.Failure(description: "sshd did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        }
    }

    deinit {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// A port nobody listens on now: bound to port 0, read back, released.
    static func freePort() throws -> Int {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Tmux.Failure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Tmux.Failure(description: "bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
