import Foundation
import OversightTestSupport
import Testing

/// How a suggestion was served and its receipt (Art. 8: 送达方式, 回执日期), through the built binary: recorded by
/// `matter act ID serve --service M --receipt D`, shown by `matter show` (text and JSON), carried by the serve
/// event, exported and imported back; refused when the receipt comes before the service or after today, or the
/// manner is no manner.
@Suite struct ServiceRecordTests {
    var admin: String { PeopleFixtures.loginName }

    /// A suggestion created on 09-15 and issued on 09-16 (today is 09-29): ready to be served.
    func issued(_ cli: CLI, _ title: String) throws -> Int {
        let id = try cli.new("wangjian", "suggestion", to: "hbj", title: title, domain: "ecology", extra: ["--date", "2025-09-15"])
        try cli.step("wangjian", id, "issue", ["--date", "2025-09-16"])
        return id
    }

    @Test func theMannerAndTheReceiptAreRecordedShownAndCarriedByTheServeEvent() throws {
        let cli = try CLI.demo()
        // In codes, in Chinese words, in English words.
        let cases: [(given: String, code: String, zh: String)] = [
            ("post", "post", "邮寄送达"), ("留置送达", "left", "留置送达"), ("electronic", "electronic", "电子送达"),
            ("in person", "in-person", "直接送达"),
        ]
        for c in cases {
            let id = try issued(cli, "送达方式\(c.code)的检察建议")
            try cli.step("hbj.li", id, "serve", ["--date", "2025-09-20", "--service", c.given, "--receipt", "2025-09-22"])
            let m = try cli.show("wangjian", id)
            #expect(m["service"] as? String == c.code, "\(c.given): \(m["service"] ?? "nil")")
            #expect(m["receivedOn"] as? String == "2025-09-22")
            #expect(m["servedOn"] as? String == "2025-09-20")
            let serve = try #require(Events.first("serve", in: m.events))
            #expect(serve["service"] as? String == c.code)
            #expect(serve["receivedOn"] as? String == "2025-09-22")
            // Other events do not carry the keys at all.
            #expect(Events.first("issue", in: m.events)?["service"] == nil)
            let zh = try cli.run("wangjian", ["matter", "show", "\(id)"], lang: "zh")
            #expect(zh.status == 0, "\(zh.err)")
            #expect(zh.out.contains("送达方式") && zh.out.contains(c.zh), "\(zh.out)")
            #expect(zh.out.contains("回执日期") && zh.out.contains("2025-09-22"), "\(zh.out)")
        }
        // Optional: a serve without them records neither, and `matter show` shows neither.
        let plain = try issued(cli, "未记方式的检察建议")
        try cli.step("hbj.li", plain, "serve", ["--date", "2025-09-20"])
        let m = try cli.show("wangjian", plain)
        #expect(m["service"] is NSNull && m["receivedOn"] is NSNull, "\(m)")
        #expect(m.state == "served")
        let text = try cli.run("wangjian", ["matter", "show", "\(plain)"], lang: "zh")
        #expect(!text.out.contains("送达方式") && !text.out.contains("回执日期"), "\(text.out)")
    }

    @Test func aReceiptBeforeTheServiceOrInTheFutureAndAnUnknownMannerAreRefusedAndNothingIsWritten() throws {
        let cli = try CLI.demo()
        let id = try issued(cli, "回执日期有误的检察建议")
        let before = try cli.show("wangjian", id)
        let refusals: [(args: [String], status: Int32, says: String)] = [
            (["--date", "2025-09-20", "--receipt", "2025-09-19"], 1, "before the service on 2025-09-20"),
            (["--date", "2025-09-20", "--receipt", "2025-09-30"], 1, "in the future"),
            (["--date", "2025-09-20", "--service", "pigeon"], 2, "--service \"pigeon\" is not one of in-person, post, left, electronic"),
            (["--date", "2025-09-20", "--receipt", "2025-13-01"], 2, "--receipt"),
        ] + HostileCorpus.entries.prefix(8).map { (["--date", "2025-09-20", "--service", $0.text], Int32(2), "--service") }
        for r in refusals {
            let out = try cli.act("hbj.li", id, "serve", r.args)
            #expect(out.status == r.status, "\(r.args): exit \(out.status): \(out.err)")
            #expect(out.err.contains(r.says), "\(r.args): \(out.err)")
            #expect(!out.err.unicodeScalars.contains("\u{1B}"), "a raw escape reached the terminal: \(r.args)")
        }
        // In Chinese, the receipt's refusal says what to give.
        let zh = try cli.run("hbj.li", ["matter", "act", "\(id)", "serve", "--date", "2025-09-20", "--receipt", "2025-09-19"], lang: "zh")
        #expect(zh.status == 1 && zh.err.contains("回执日期不能早于送达日期 2025-09-20"), "\(zh.err)")
        // Only a serve records them.
        try cli.step("hbj.li", id, "serve", ["--date", "2025-09-20"])
        let reply = try cli.act("hbj.li", id, "reply", ["--text", "已整改", "--service", "post"])
        #expect(reply.status == 1 && reply.err.contains("only the step serve records"), "\(reply.err)")
        let after = try cli.show("wangjian", id)
        #expect(after.version == (before.version ?? 0) + 1, "only the good serve was written")
        #expect(after["service"] is NSNull)
    }

    @Test func exportedAndImportedBackTheyStayAndAFileWithoutThemStillImports() throws {
        let cli = try CLI.demo()
        let id = try issued(cli, "送达回执往返的检察建议")
        try cli.step("hbj.li", id, "serve", ["--date", "2025-09-20", "--service", "邮寄送达", "--receipt", "2025-09-23"])
        let dir = try Fixtures.temporaryDirectory()
        func fresh(_ name: String) throws -> CLI {
            let path = dir.appendingPathComponent("\(name).sqlite").path
            #expect(try CLI.raw(["init", "--db", path, "--today", CLI.today]).status == 0)
            return CLI(db: path)
        }
        func exported(_ c: CLI) throws -> [[String: Any]] {
            let r = try c.run(admin, ["export", "--format", "json"])
            let file = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
            return file["matters"] as? [[String: Any]] ?? []
        }
        func titled(_ ms: [[String: Any]]) throws -> [String: Any] {
            try #require(ms.first { $0["title"] as? String == "送达回执往返的检察建议" })
        }
        // CSV (Chinese headers and words) and JSON, each into a fresh database.
        for (format, lang) in [("csv", "zh"), ("csv", "en"), ("json", "en")] {
            let file = dir.appendingPathComponent("all-\(lang).\(format)").path
            let out = try cli.run(admin, ["export", "--format", format, "--out", file], lang: lang)
            #expect(out.status == 0, "\(out.err)")
            if format == "csv" {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                #expect(text.contains(lang == "zh" ? "\"送达方式\",\"回执日期\"" : "\"Manner of service\",\"Receipt\""))
                #expect(text.contains(lang == "zh" ? "\"邮寄送达\",\"2025-09-23\"" : "\"by post\",\"2025-09-23\""), "\(format) \(lang)")
            }
            let target = try fresh("\(format)-\(lang)")
            let imported = try target.run(admin, ["import", file])
            #expect(imported.status == 0, "\(imported.err)")
            let m = try titled(try exported(target))
            #expect(m["service"] as? String == "post", "\(format) \(lang)")
            #expect(m["receivedOn"] as? String == "2025-09-23")
            let serve = try #require(Events.first("serve", in: m.events))
            #expect(serve["service"] as? String == "post" && serve["receivedOn"] as? String == "2025-09-23")
        }
        // A file written before v12: neither key on the matters or their events. It imports; nothing is recorded.
        var old = try exported(cli)
        for i in old.indices {
            old[i]["service"] = nil
            old[i]["receivedOn"] = nil
            old[i]["events"] = (old[i]["events"] as? [[String: Any]])?.map { e in e.filter { $0.key != "service" && $0.key != "receivedOn" } }
        }
        let oldFile = dir.appendingPathComponent("old.json").path
        try JSONSerialization.data(withJSONObject: ["format": "oversight-matters", "version": 1, "matters": old]).write(to: URL(fileURLWithPath: oldFile))
        let target = try fresh("old")
        let imported = try target.run(admin, ["import", oldFile])
        #expect(imported.status == 0, "\(imported.err)")
        let m = try titled(try exported(target))
        #expect(m["service"] is NSNull && m["receivedOn"] is NSNull && m.state == "served")
        // A file whose matter says a manner its history does not record is refused, naming the field.
        var lying = try exported(cli)
        for i in lying.indices where lying[i]["title"] as? String == "送达回执往返的检察建议" { lying[i]["service"] = "left" }
        let lyingFile = dir.appendingPathComponent("lying.json").path
        try JSONSerialization.data(withJSONObject: ["format": "oversight-matters", "version": 1, "matters": lying]).write(to: URL(fileURLWithPath: lyingFile))
        let refused = try (try fresh("lying")).run(admin, ["import", lyingFile])
        #expect(refused.status != 0 && refused.err.contains("service"), "\(refused.err)")
    }
}
