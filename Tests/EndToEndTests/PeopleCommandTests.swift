import Foundation
import OversightTestSupport
import Testing

/// What the people, key and SSH tests share.
enum PeopleFixtures {
    /// The login name of the account running the tests: the demo makes it the administrator.
    static var loginName: String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    /// Rows of an SQL query on the database, through the sqlite3 shell (another program than ours).
    static func sqlite(_ db: String, _ sql: String) throws -> [String] {
        let r = try Subprocess.run(["sqlite3", db, sql])
        guard r.status == 0 else { throw CLI.Failure(description: "sqlite3 \(sql) exited \(r.status): \(r.err)") }
        return r.out.split(separator: "\n").map(String.init)
    }

    /// A fresh key pair made by ssh-keygen in `dir`: the public key file's path.
    static func makeKey(_ dir: URL, _ name: String, type: String = "ed25519", comment: String = "test@office") throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Tmux.run(["ssh-keygen", "-q", "-t", type, "-N", "", "-C", comment, "-f", path])
        return path + ".pub"
    }
}

/// `user …`, `org list` and `key …` as an administrator and others call them.
@Suite struct PeopleCommandTests {
    var admin: String { PeopleFixtures.loginName }

    @Test func anAdministratorAddsPeopleAndTheyAreListed() throws {
        let cli = try CLI.demo()
        let added = try cli.run(admin, ["user", "add", "zhang.san", "--org", "文水县司法局", "--role", "handler", "--display-name", "张三"])
        #expect(added.status == 0, "\(added.err)")
        #expect(added.out.contains("zhang.san added: handler in 文水县司法局 (sfj)"))
        let list = try CLI.array(try cli.run("zhaomin", ["user", "list", "--json"]), "user list")
        let item = try #require(list.first { $0["name"] as? String == "zhang.san" })
        #expect(item["party"] as? String == "justice" && item["org"] as? String == "文水县司法局")
        #expect(item["role"] as? String == "handler" && item["active"] as? Bool == true && item["displayName"] as? String == "张三")
        // The new person acts at once.
        #expect(try cli.run("zhang.san", ["matter", "list", "--json"]).status == 0)
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT actor || '|' || text FROM event WHERE action = 'user-add' ORDER BY id DESC LIMIT 1") == ["\(admin)|zhang.san (张三): handler in sfj"])
        // Org by id as well as by name.
        #expect(try cli.run(admin, ["user", "add", "ops2", "--org", "xt", "--role", "admin"]).status == 0)
    }

    @Test func changesOfPeopleAreRefusedWithTheContractsExitCodes() throws {
        let cli = try CLI.demo()
        let events = try PeopleFixtures.sqlite(cli.db, "SELECT COUNT(*) FROM event")
        func expectExit(_ code: Int32, _ user: String, _ args: [String], _ says: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let r = try cli.run(user, args)
            #expect(r.status == code, "\(args): \(r.err)", sourceLocation: sourceLocation)
            #expect(r.err.contains(says), "\(args): \(r.err)", sourceLocation: sourceLocation)
        }
        // Refused (1): not an administrator, rules of roles and organisations, an existing name.
        try expectExit(1, "wangjian", ["user", "add", "x1", "--org", "jcy", "--role", "handler"], "wangjian is not an administrator")
        try expectExit(1, "wangjian", ["user", "disable", "liuyang"], "not an administrator")
        try expectExit(1, admin, ["user", "add", "wangjian", "--org", "jcy", "--role", "handler"], "already exists")
        try expectExit(1, admin, ["user", "add", "x1", "--org", "jcy", "--role", "admin"], "administration unit (xt)")
        try expectExit(1, admin, ["user", "add", "x1", "--org", "fy", "--role", "handler"], "outside body")
        try expectExit(1, admin, ["user", "disable", admin], "last active administrator")
        // Bad input (2): an unknown organisation or role, a name that cannot be a login, missing options.
        try expectExit(2, admin, ["user", "add", "x1", "--org", "nosuch", "--role", "handler"], "org list")
        try expectExit(2, admin, ["user", "add", "x1", "--org", "jcy", "--role", "boss"], "--role must be handler, head or admin")
        try expectExit(2, admin, ["user", "add", "x y", "--org", "jcy", "--role", "handler"], "cannot be a user name")
        try expectExit(2, admin, ["user", "add", "x1", "--role", "handler"], "--org")
        try expectExit(2, admin, ["user", "disable", "nobody"], "no user named \"nobody\"")
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT COUNT(*) FROM event") == events)
    }

    @Test func aDisabledPersonCanNeitherActNorOpenTheWorkbenchAndIsLogged() throws {
        let cli = try CLI.demo()
        let disabled = try cli.run(admin, ["user", "disable", "hbj.li"])
        #expect(disabled.status == 0, "\(disabled.err)")
        #expect(try CLI.array(try cli.run(admin, ["user", "list", "--json"]), "user list")
            .first { $0["name"] as? String == "hbj.li" }?["active"] as? Bool == false)
        for args in [["matter", "list"], ["matter", "act", "1", "note", "--text", "x"], ["user", "list"]] {
            let r = try cli.run("hbj.li", args)
            #expect(r.status == 1, "\(args): \(r.err)")
            #expect(r.err.contains("user \"hbj.li\" is disabled: ask an administrator"), "\(r.err)")
        }
        // The workbench, in a real terminal.
        let t = Tmux()
        try t.start("\(WorkbenchEndToEndTests.binary) --db \(cli.db) --user hbj.li 2>&1", width: 120, height: 10)
        #expect(try t.waitForExit() == 1)
        #expect(try t.history().contains("用户“hbj.li”已停用"))
        // An unknown user too; each refusal is an event.
        #expect(try cli.run("nobody", ["matter", "list"]).status == 1)
        let refused = try PeopleFixtures.sqlite(cli.db, "SELECT actor || '|' || text FROM event WHERE action = 'login-refused' ORDER BY id")
        #expect(refused == Array(repeating: "hbj.li|disabled user hbj.li", count: 4) + ["nobody|unknown user nobody"], "\(refused)")
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT actor || '|' || text FROM event WHERE action = 'user-disable'") == ["\(admin)|hbj.li"])
    }

    @Test func keyAddPrintsTheForcedCommandLineAndInstallsItOnce() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let pub = try PeopleFixtures.makeKey(dir, "li")
        let keyText = try String(contentsOfFile: pub, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let file = dir.appendingPathComponent("ssh/keys/authorized_keys").path

        let r = try cli.run(admin, ["key", "add", "hbj.li", pub, "--install", file])
        #expect(r.status == 0, "\(r.err)")
        let program = URL(fileURLWithPath: WorkbenchEndToEndTests.binary).resolvingSymlinksInPath().path
        let db = URL(fileURLWithPath: cli.db).resolvingSymlinksInPath().path
        let line = "command=\"\(program) --db \(db) --user hbj.li\",restrict,pty \(keyText)"
        #expect(r.out == line + "\n")
        // The fingerprint is ssh-keygen's own.
        let keygen = try Tmux.run(["ssh-keygen", "-l", "-f", pub]).split(separator: " ")[1]
        #expect(r.err.contains("key \(keygen) of hbj.li added"), "\(r.err)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == line + "\n")
        func mode(_ path: String) throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int }
        #expect(try mode(file) == 0o600)
        #expect(try mode(dir.appendingPathComponent("ssh/keys").path) == 0o700)
        #expect(try mode(dir.appendingPathComponent("ssh").path) == 0o700)

        // Again: the same line, nothing appended, no second row or event.
        let again = try cli.run(admin, ["key", "add", "hbj.li", pub, "--install", file])
        #expect(again.status == 0 && again.out == line + "\n", "\(again.err)")
        #expect(again.err.contains("already registered") && again.err.contains("already in"), "\(again.err)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == line + "\n")
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT user_name || '|' || fingerprint FROM ssh_key") == ["hbj.li|\(keygen)"])
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT COUNT(*) FROM event WHERE action = 'key-add'") == ["1"])

        // A second person's key goes below; the same key for someone else is refused.
        let other = try PeopleFixtures.makeKey(dir, "wang", type: "ecdsa")
        #expect(try cli.run(admin, ["key", "add", "wangjian", other, "--install", file]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count == 2)
        let stolen = try cli.run(admin, ["key", "add", "wangjian", pub])
        #expect(stolen.status == 1 && stolen.err.contains("already belongs to hbj.li"), "\(stolen.err)")
        let list = try CLI.array(try cli.run(admin, ["key", "list", "--json"]), "key list")
        #expect(list.map { $0["user"] as? String } == ["hbj.li", "wangjian"])
        #expect(list.map { $0["type"] as? String } == ["ssh-ed25519", "ecdsa-sha2-nistp256"])
    }

    @Test func keyAddRefusesBadKeysUnsafePathsAndOthersThanAdministrators() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let pub = try PeopleFixtures.makeKey(dir, "li")
        let key = try String(contentsOfFile: pub, encoding: .utf8)
        func write(_ name: String, _ text: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let bad: [(String, String)] = [
            (try write("empty.pub", "\n"), "holds no key"),
            (try write("two.pub", key + key), "holds 2 lines"),
            (try write("options.pub", "command=\"/bin/sh\" " + key), "authorized_keys options"),
            (try write("dss.pub", "ssh-dss AAAAB3NzaC1kc3MAAACBAP"), "not a key type accepted here"),
            (try write("cut.pub", String(key.prefix(41))), "not valid base64"),
            (dir.appendingPathComponent("li").path, "private key"),
            (dir.appendingPathComponent("missing.pub").path, "cannot read the key file"),
        ]
        for (file, says) in bad {
            let r = try cli.run(PeopleFixtures.loginName, ["key", "add", "hbj.li", file])
            #expect(r.status == 2, "\(file): \(r.err)")
            #expect(r.err.contains(says), "\(file): \(r.err)")
            #expect(r.out.isEmpty)
        }
        let notAdmin = try cli.run("wangjian", ["key", "add", "hbj.li", pub])
        #expect(notAdmin.status == 1 && notAdmin.err.contains("not an administrator"), "\(notAdmin.err)")
        #expect(notAdmin.out.isEmpty)
        #expect(try cli.run("wangjian", ["key", "list"]).status == 1)
        #expect(try cli.run(PeopleFixtures.loginName, ["key", "add", "nobody", pub]).status == 2)
        // A database whose path the forced command could not take as it is.
        let spaced = try Fixtures.temporaryDirectory().appendingPathComponent("a b")
        try FileManager.default.createDirectory(at: spaced, withIntermediateDirectories: true)
        let odd = CLI(db: spaced.appendingPathComponent("demo.sqlite").path)
        #expect(try CLI.raw(["demo", "--no-open", "--db", odd.db]).status == 0)
        let unsafe = try odd.run(PeopleFixtures.loginName, ["key", "add", "hbj.li", pub])
        #expect(unsafe.status == 2 && unsafe.err.contains("cannot take safely"), "\(unsafe.err)")
        #expect(try PeopleFixtures.sqlite(odd.db, "SELECT COUNT(*) FROM ssh_key") == ["0"])
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT COUNT(*) FROM ssh_key") == ["0"])
    }

    @Test func aDisabledPersonIsEnabledAgainInEitherLanguage() throws {
        let cli = try CLI.demo()
        #expect(try cli.run(admin, ["user", "disable", "hbj.li"]).status == 0)
        #expect(try cli.run("hbj.li", ["matter", "list"]).status == 1)
        let notAdmin = try cli.run("wangjian", ["user", "enable", "hbj.li"])
        #expect(notAdmin.status == 1 && notAdmin.err.contains("not an administrator"), "\(notAdmin.err)")
        // Chinese by default.
        let zh = try cli.run(admin, ["user", "enable", "hbj.li"], lang: "zh")
        #expect(zh.status == 0 && zh.out == "已启用用户 hbj.li：其已登记的密钥重新可以登录\n", "\(zh.err)")
        #expect(try cli.run("hbj.li", ["matter", "list", "--json"]).status == 0)
        let again = try cli.run(admin, ["user", "enable", "hbj.li"])
        #expect(again.status == 1 && again.err.contains("already enabled"), "\(again.err)")
        #expect(try cli.run(admin, ["user", "enable", "nobody"]).status == 2)
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT actor || '|' || text FROM event WHERE action = 'user-enable'") == ["\(admin)|hbj.li"])
        let en = try cli.run(admin, ["user", "disable", "liuyang"])
        #expect(en.out.contains("user liuyang disabled"), "\(en.out)")
        #expect(try cli.run(admin, ["user", "enable", "liuyang"]).out == "user liuyang enabled: their registered keys log in again\n")
    }

    @Test func keyRemoveTakesTheKeyAndItsLineAwayByFingerprintOrNumber() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("authorized_keys").path
        try "# hand-written\n".write(toFile: file, atomically: true, encoding: .utf8)
        let li = try PeopleFixtures.makeKey(dir, "li")
        let wang = try PeopleFixtures.makeKey(dir, "wang", type: "ecdsa")
        #expect(try cli.run(admin, ["key", "add", "hbj.li", li, "--install", file]).status == 0)
        #expect(try cli.run(admin, ["key", "add", "wangjian", wang, "--install", file]).status == 0)
        let list = try CLI.array(try cli.run(admin, ["key", "list", "--json"]), "key list")
        #expect(list.map { $0["number"] as? Int } == [1, 2])
        let table = try cli.run(admin, ["key", "list"]).out
        #expect(table.hasPrefix("#"), "\(table)")
        let liPrint = try #require(list.first?["fingerprint"] as? String)

        // Refused: not an administrator, another person's number, a number past the list, a word that is no key.
        let notAdmin = try cli.run("wangjian", ["key", "remove", "wangjian", "2"])
        #expect(notAdmin.status == 1 && notAdmin.err.contains("not an administrator"), "\(notAdmin.err)")
        let others = try cli.run(admin, ["key", "remove", "wangjian", "1"])
        #expect(others.status == 2 && others.err.contains("wangjian has no key \"#1\""), "\(others.err)")
        #expect(try cli.run(admin, ["key", "remove", "hbj.li", "9"]).status == 2)
        let word = try cli.run(admin, ["key", "remove", "hbj.li", "id_ed25519"])
        #expect(word.status == 2 && word.err.contains("fingerprint (SHA256:…) or its number"), "\(word.err)")
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT COUNT(*) FROM ssh_key") == ["2"])

        // By fingerprint, with its line: the other lines stay.
        let r = try cli.run(admin, ["key", "remove", "hbj.li", liPrint, "--install", file], lang: "zh")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("已删除用户 hbj.li 的密钥 \(liPrint)；其已没有密钥"), "\(r.out)")
        #expect(r.out.contains("删除 1 行"), "\(r.out)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 && lines[0] == "# hand-written" && lines[1].contains("--user wangjian"), "\(lines)")
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT actor || '|' || text FROM event WHERE action = 'key-remove'")
            == ["\(admin)|hbj.li: ssh-ed25519 \(liPrint)"])
        // By number (now 1), the last key.
        let last = try cli.run(admin, ["key", "remove", "wangjian", "1", "--install", file])
        #expect(last.status == 0 && last.out.contains("no key left"), "\(last.err)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "# hand-written\n")
        #expect(try PeopleFixtures.sqlite(cli.db, "SELECT COUNT(*) FROM ssh_key") == ["0"])
    }

    @Test func aLineForTheSameKeyWithOtherOptionsIsNotShadowed() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let pub = try PeopleFixtures.makeKey(dir, "li")
        let key = try String(contentsOfFile: pub, encoding: .utf8).trimmingCharacters(in: .newlines)
        let file = dir.appendingPathComponent("authorized_keys").path
        try "# hand-written\nno-pty \(key)".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try cli.run(PeopleFixtures.loginName, ["key", "add", "hbj.li", pub, "--install", file])
        #expect(r.status == 1 && r.err.contains("line 2 already holds this key"), "\(r.err)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "# hand-written\nno-pty \(key)")
    }
}
