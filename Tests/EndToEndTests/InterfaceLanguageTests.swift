import Foundation
import OversightTestSupport
import Testing

// Issue 18: every CLI message, header and report column in the interface language (Chinese by default); database
// and system errors worded for a person. The real binary on a real demo database, as a clerk would type it.
@Suite(.serialized) struct InterfaceLanguageTests {
    /// The English words left in `text` once what may stay Latin is taken out: paths, login names, hex digests,
    /// document and option names, and the command's own name.
    static func englishWords(_ text: String, removing known: [String]) -> [String] {
        var rest = text
        for k in known.sorted(by: { $0.count > $1.count }) where !k.isEmpty { rest = rest.replacingOccurrences(of: k, with: " ") }
        // Paths, options (--json), hex digests and the `oversight` prefix are not words of the interface.
        for pattern in [#"/[^\s：:，（）]*"#, #"--[a-z-]+"#, #"\b[0-9a-f]{16,}\b"#, #"\boversight(\s[a-z][a-z-]*)*"#, #"YYYY-MM-DD"#] {
            rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let words = try! NSRegularExpression(pattern: "[A-Za-z]{3,}")
        return words.matches(in: rest, range: NSRange(rest.startIndex..., in: rest)).map { String(rest[Range($0.range, in: rest)!]) }
    }

    /// Runs `args` as `user` in `lang`; both streams, the exit code.
    func run(_ cli: CLI, _ user: String, _ args: [String], lang: String) throws -> (out: String, err: String, status: Int32) {
        let r = try cli.run(user, args, lang: lang)
        return (r.out, r.err, r.status)
    }

    @Test func aTourOfCommandsSpeaksChineseOnly() throws {
        let cli = try CLI.demo()
        let dir = (cli.db as NSString).deletingLastPathComponent
        // A suggestion under way (the list leads with what waits on the procuratorate, whatever its kind).
        let id = try #require(try cli.list("wangjian").first { $0["kind"] as? String == "suggestion" && $0["state"] as? String != "draft" }?["id"] as? Int)
        let users = ["wangjian", "liuyang", "zhanghui", "zhaomin", "sunli", "chenjie", loginName]
        let tour: [(String, [String])] = [
            ("wangjian", ["matter", "list"]),
            ("wangjian", ["matter", "list", "--all"]),
            ("wangjian", ["matter", "show", "\(id)"]),
            ("wangjian", ["matter", "actions", "\(id)"]),
            ("wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--title", "关于测试的检察建议"]),
            ("wangjian", ["matter", "act", "\(id)", "note", "--text", "备注"]),
            ("wangjian", ["matter", "show", "\(id)"]),
            ("wangjian", ["export", "--out", dir + "/out.csv"]),
            ("wangjian", ["report"]),
            ("wangjian", ["report", "--format", "csv"]),
            ("wangjian", ["alerts"]),
            ("wangjian", ["deadline", "--from", "2025-09-01", "--days", "10"]),
            ("wangjian", ["deadline", "--from", "x", "--days", "10"]),
            ("wangjian", ["backup", dir + "/refused.sqlite"]),
            ("wangjian", ["matter", "show", "第一"]),
            (loginName, ["audit", "verify"]),
            (loginName, ["backup", dir + "/copy.sqlite"]),
            ("wangjian", ["export", "--out", dir + "/no-such-folder/out.csv"]),
            // People and keys: the administrator's lists and refusals, and a refusal to one who is not.
            (loginName, ["user", "list"]),
            (loginName, ["org", "list"]),
            (loginName, ["key", "list"]),
            (loginName, ["user", "disable", "zz"]),
            (loginName, ["user", "add", "x", "--org", "无此单位", "--role", "handler"]),
            (loginName, ["user", "add", "a b", "--org", "jcy", "--role", "handler"]),
            (loginName, ["key", "remove", "wangjian", "9"]),
            ("wangjian", ["key", "list"]),
            ("wangjian", ["doc", "催告", "999"]),
        ]
        // Logins and organisation ids are data (hbj.guo, scjgj), not words of the interface.
        let logins = try CLI.array(try cli.run(loginName, ["user", "list", "--json"]), "user list").compactMap { $0["name"] as? String }
        let orgs = try CLI.array(try cli.run(loginName, ["org", "list", "--json"]), "org list").compactMap { $0["id"] as? String }
        #expect(logins.count > 20 && orgs.count > 15)
        for (user, args) in tour {
            let r = try run(cli, user, args, lang: "zh")
            let shown = r.out + r.err
            #expect(!shown.isEmpty, "\(args): said nothing")
            let english = Self.englishWords(shown, removing: users + logins + orgs + ["zhang.san", cli.db, dir])
            #expect(english.isEmpty, "\(args) (exit \(r.status)) said English words \(english):\n\(shown)")
            #expect(!r.err.contains("\n\n") && r.err != "\n", "\(args): an empty line on standard error: \(r.err.debugDescription)")
        }
        // What the messages say, not only that they are Chinese.
        let created = try run(cli, "wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--title", "标题"], lang: "zh")
        #expect(created.status == 0 && created.out.contains("已创建（检察建议，草稿）"), "\(created.out)\(created.err)")
        let acted = try run(cli, "wangjian", ["matter", "act", "\(id)", "note", "--text", "再记一笔"], lang: "zh")
        #expect(acted.status == 0 && acted.out.hasPrefix("事项 \(id)：已备注；现为"), "\(acted.out)\(acted.err)")
        let exported = try run(cli, "wangjian", ["export", "--out", dir + "/again.csv"], lang: "zh")
        #expect(exported.err.contains("件事项到 \(dir)/again.csv"), "\(exported.err)")
        let noFolder = try run(cli, "wangjian", ["export", "--out", dir + "/none/x.csv"], lang: "zh")
        #expect(noFolder.status == 2 && noFolder.err.contains("\(dir)/none/x.csv"), "\(noFolder.err)")
        let csv = try run(cli, "wangjian", ["report", "--format", "csv"], lang: "zh")
        #expect(csv.out.contains("\"分组\",\"事项数\""), "\(csv.out)")
        let show = try run(cli, "wangjian", ["matter", "show", "\(id)"], lang: "zh")
        #expect(show.out.hasPrefix("项目") && show.out.contains("检察建议") && show.out.contains("办理人"), "\(show.out)")
        let alerts = try run(cli, "wangjian", ["alerts"], lang: "zh")
        #expect(alerts.status != 0 && alerts.err.isEmpty, "alerts wrote to standard error: \(alerts.err.debugDescription)")
    }

    @Test func theSameTourInEnglishKeepsItsWords() throws {
        let cli = try CLI.demo()
        let id = try #require(try cli.list("wangjian").first?["id"] as? Int)
        let list = try run(cli, "wangjian", ["matter", "list"], lang: "en")
        #expect(list.out.hasPrefix("id  number"), "\(list.out)")
        let acted = try run(cli, "wangjian", ["matter", "act", "\(id)", "note", "--text", "x"], lang: "en")
        #expect(acted.out.hasPrefix("matter \(id): note done; now "), "\(acted.out)\(acted.err)")
        let created = try run(cli, "wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--title", "t"], lang: "en")
        #expect(created.out.contains("created (suggestion, draft): t"), "\(created.out)\(created.err)")
        // The English CSV headers are a contract for scripts: exactly as before.
        let csv = try run(cli, "wangjian", ["report", "--format", "csv"], lang: "en")
        #expect(csv.out.hasPrefix("\u{FEFF}\"group\",\"name\",\"matters\",\"served\",\"replied\",\"replied_on_time\""), "\(csv.out)")
        let show = try run(cli, "wangjian", ["matter", "show", "\(id)"], lang: "en")
        #expect(show.out.hasPrefix("field") && show.out.contains("actor"), "\(show.out)")
        for bad in [["matter", "show", "abc"], ["matter", "new", "nonsense"]] {
            let r = try run(cli, "wangjian", bad, lang: "en")
            #expect(r.status == 2 && Self.englishWords(r.err, removing: []).count > 3, "\(bad): \(r.err)")
            #expect(!r.err.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(bad): \(r.err)")
        }
    }

    /// A command line the parser refuses is still answered in the language asked for, with the problem named.
    /// Options take values in the words the interface shows them in (issue 18): a kind, a step, an outcome, a domain
    /// in Chinese or English, an organisation by full or short name; a wrong word is refused with the Chinese words.
    @Test func optionsTakeTheWordsTheInterfaceShows() throws {
        let cli = try CLI.demo()
        let new = try cli.run("wangjian", ["matter", "new", "检察建议", "--to", "生态环境局文水分局", "--title", "关于词语的检察建议",
                                           "--domain", "生态环境", "--json"], lang: "zh")
        #expect(new.status == 0, "\(new.out)\(new.err)")
        let made = try JSONSerialization.jsonObject(with: Data(new.out.utf8)) as? [String: Any]
        #expect(made?["kind"] as? String == "suggestion" && made?["to"] as? String == "hbj" && made?["domain"] as? String == "ecology",
                "\(new.out)")
        let id = try #require(made?["id"] as? Int)
        let issued = try cli.run("wangjian", ["matter", "act", "\(id)", "制发", "--json"], lang: "zh")
        #expect(issued.status == 0, "\(issued.out)\(issued.err)")
        let en = try cli.run("wangjian", ["matter", "new", "Suggestion", "--to", "吕梁市生态环境局文水分局", "--title", "Words", "--domain", "Ecology"], lang: "en")
        #expect(en.status == 0, "\(en.out)\(en.err)")
        let wrong = try cli.run("wangjian", ["matter", "new", "建议书", "--to", "hbj", "--title", "x"], lang: "zh")
        #expect(wrong.status == 2 && wrong.err.contains("检察建议") && wrong.err.contains("建议书"), "\(wrong.err)")
        let badOutcome = try cli.run("hbj.li", ["matter", "act", "\(id)", "回复", "--outcome", "都行", "--text", "x"], lang: "zh")
        #expect(badOutcome.status == 2 && badOutcome.err.contains("部分采纳"), "\(badOutcome.err)")
        // export --filter reads the same words as the workbench's filter.
        let exported = try cli.run("wangjian", ["export", "--format", "json", "--filter", "检察建议 生态环境"], lang: "zh")
        #expect(exported.status == 0, "\(exported.err)")
        let document = try JSONSerialization.jsonObject(with: Data(exported.out.utf8)) as? [String: Any]
        let matters = document?["matters"] as? [[String: Any]] ?? []
        let whole = try JSONSerialization.jsonObject(with: Data(try cli.run("wangjian", ["export", "--format", "json"], lang: "zh").out.utf8)) as? [String: Any]
        #expect(matters.count < (whole?["matters"] as? [Any])?.count ?? 0)
        #expect(!matters.isEmpty && matters.allSatisfy { $0["kind"] as? String == "suggestion" && $0["domain"] as? String == "ecology" },
                "\(exported.out.prefix(400))")
    }

    @Test func usageErrorsInTheInterfaceLanguage() throws {
        let zh = try CLI.raw(["matter", "list", "--no-such-option"])
        #expect(zh.status == 2 && zh.err.contains("用法错误：") && zh.err.contains("--no-such-option"), "\(zh.err)")
        let missing = try CLI.raw(["matter", "show"], env: ["OVERSIGHT_LANG": "zh"])
        #expect(missing.status == 2 && missing.err.contains("用法错误：缺少参数"), "\(missing.err)")
        // --lang en wins over the environment even though parsing failed.
        let en = try CLI.raw(["matter", "list", "--no-such-option", "--lang", "en"], env: ["OVERSIGHT_LANG": "zh"])
        #expect(en.status == 2 && en.err.contains("Unknown option '--no-such-option'") && !en.err.contains("用法错误"), "\(en.err)")
        let enByEnv = try CLI.raw(["matter", "show"], env: ["OVERSIGHT_LANG": "en"])
        #expect(enByEnv.status == 2 && enByEnv.err.contains("Missing expected argument"), "\(enByEnv.err)")
        let zhOverEnv = try CLI.raw(["matter", "list", "--bogus", "--lang=zh"], env: ["OVERSIGHT_LANG": "en"])
        #expect(zhOverEnv.status == 2 && zhOverEnv.err.contains("用法错误：没有选项"), "\(zhOverEnv.err)")
    }

    /// A database the user may not write: said with its path, in the interface language, never as SQL.
    @Test(.enabled(if: getuid() == 0, "needs root to run the binary as another user"))
    func aReadOnlyDatabaseIsSaidWithItsPath() throws {
        let cli = try CLI.demo()
        let dir = (cli.db as NSString).deletingLastPathComponent
        chmod(dir, 0o755)
        chmod(cli.db, 0o644)
        try? FileManager.default.removeItem(atPath: cli.db + ".lock")
        func asNobody(_ lang: String) throws -> Subprocess.Result {
            try Subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", WorkbenchEndToEndTests.binary,
                                "matter", "act", "3", "note", "--text", "只读", "--db", cli.db, "--user", "wangjian",
                                "--today", CLI.today, "--lang", lang])
        }
        let zh = try asNobody("zh")
        #expect(zh.status == 1 && zh.err.contains("只读") && zh.err.contains(cli.db), "\(zh.err)")
        let en = try asNobody("en")
        #expect(en.status == 1 && en.err.contains("read-only") && en.err.contains(cli.db), "\(en.err)")
        for r in [zh, en] {
            for sql in ["SQLite", "SQL", "INSERT", "UPDATE", "attempt to write", "error:"] {
                #expect(!r.err.contains(sql), "\(sql) in \(r.err)")
            }
            #expect(Self.englishWords(zh.err, removing: [cli.db, "wangjian", "nobody", "root"]).isEmpty, "\(zh.err)")
        }
    }
}
