import Foundation
import OversightTestSupport
import Testing

/// `oversight doc` and `oversight alerts` as scripts call them, on the demo database (today 2025-09-29).
@Suite(.serialized) struct LetterAndAlertTests {
    @Test func reminderIsPrintedAndRecordedAsANote() throws {
        let cli = try CLI.demo()
        let before = try cli.show("wangjian", 1)
        let r = try cli.run("wangjian", ["doc", "reminder", "1"])
        #expect(r.status == 0, "doc reminder 1 exited \(r.status): \(r.err)")
        #expect(r.out.hasPrefix("催告函"))
        #expect(r.out.contains("逾期") || r.out.contains("届满13日"))
        #expect(!r.out.contains("{"))
        let after = try cli.show("wangjian", 1)
        #expect(after.events.count == before.events.count + 1)
        #expect(after.events.last?["action"] as? String == "note")
        #expect((after.events.last?["text"] as? String)?.contains("催告函") == true)
    }

    @Test func toAFileOnceAndRefusalsWriteNothing() throws {
        let cli = try CLI.demo()
        let out = try Fixtures.temporaryDirectory(#function).appendingPathComponent("letter.txt").path
        let first = try cli.run("wangjian", ["doc", "reminder", "1", "--out", out])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.isEmpty)
        #expect((try String(contentsOfFile: out, encoding: .utf8)).hasPrefix("催告函"))
        #expect(try cli.run("wangjian", ["doc", "reminder", "1", "--out", out]).status == 2)
        #expect(try cli.run("wangjian", ["doc", "reminder", "1", "--out", out, "--force"]).status == 0)
        let events = try cli.show("wangjian", 1).events.count
        #expect(try cli.run("wangjian", ["doc", "nonesuch", "1"]).status == 2)
        #expect(try cli.run("wangjian", ["doc", "reminder", "4"]).status == 1)  // not overdue
        #expect(try cli.run("wangjian", ["doc", "transfer", "1"]).status == 1)  // not a transfer
        #expect(try cli.run("scjgj.ren", ["doc", "reminder", "1"]).status == 1)  // may not see it
        #expect(try cli.show("wangjian", 1).events.count == events)
    }

    /// `--format docx`, or an --out FILE ending in .docx: the letter as a 公文 .docx; text stays the default.
    @Test func aDocxByFormatOrByTheFilesName() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory(#function)
        let out = dir.appendingPathComponent("催告函.docx").path
        let r = try cli.run("wangjian", ["doc", "reminder", "1", "--out", out])
        #expect(r.status == 0, "\(r.err)")
        let xml = try Subprocess.run(["unzip", "-p", out, "word/document.xml"])
        #expect(xml.status == 0 && xml.out.contains("GongwenTitle") && xml.out.contains("文检行建〔2025〕1号"), "\(xml.err)")
        // To a pipe with --format docx: the zip's bytes ("PK").
        let piped = try cli.run("wangjian", ["doc", "reminder", "1", "--format", "docx"])
        #expect(piped.status == 0 && piped.out.hasPrefix("PK"), "\(piped.err)")
        // --format text into a .docx name is text, as asked; a format that is not one is refused and records nothing.
        let text = dir.appendingPathComponent("plain.docx").path
        #expect(try cli.run("wangjian", ["doc", "reminder", "1", "--out", text, "--format", "text"]).status == 0)
        #expect((try String(contentsOfFile: text, encoding: .utf8)).hasPrefix("催告函"))
        let events = try cli.show("wangjian", 1).events.count
        let bad = try cli.run("wangjian", ["doc", "reminder", "1", "--format", "pdf"])
        #expect(bad.status == 2 && bad.err.contains("--format"), "\(bad.err)")
        #expect(try cli.show("wangjian", 1).events.count == events)
    }

    @Test func alertsExitCodesAndJSON() throws {
        let cli = try CLI.demo()
        let overdue = try cli.run("wangjian", ["alerts", "--json"])
        #expect(overdue.status == 2, "\(overdue.err)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(overdue.out.utf8)) as? [String: Any])
        let items = try #require(o["overdue"] as? [[String: Any]])
        #expect(!items.isEmpty)
        for key in ["id", "number", "title", "due", "days"] { #expect(items[0][key] != nil, "no \(key)") }
        #expect(o["dueToday"] is [Any] && o["dueSoon"] is [Any])
        // Before the first deadline nothing is overdue; long before, nothing is due at all.
        let soon = try cli.run("wangjian", ["alerts"], today: "2025-09-12")
        #expect(soon.status == 1, "\(soon.out)")
        let nothing = try cli.run("wangjian", ["alerts"], today: "2025-08-01")
        #expect(nothing.status == 0, "\(nothing.out)")
        #expect(nothing.out.split(separator: "\n").count == 1)
        #expect(try cli.run("root", ["alerts"]).status == 0)
    }

    @Test func aLoginBannerListsTheFirstTwentyAndSaysHowManyMoreAllListsEvery() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        // 25 suggestions served on 2025-06-04, their replies due 2025-08-04: overdue today.
        let ledger = DataCommandTests.header + (1...25).map { DataCommandTests.row($0) }.joined()
        let path = try DataCommandTests.write(dir, "overdue.csv", Data(ledger.utf8))
        #expect(try cli.run(PeopleFixtures.loginName, ["import", path]).status == 0)
        let json = try cli.run("wangjian", ["alerts", "--json"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: [Any]])
        let total = ["overdue", "dueToday", "dueSoon"].map { o[$0]?.count ?? 0 }.reduce(0, +)
        #expect(total > 25)
        let banner = try cli.run("wangjian", ["alerts"])
        #expect(banner.status == 2)
        let lines = banner.out.split(separator: "\n")
        #expect(lines.count == 1 + 20 + 1, "\(banner.out)")
        #expect(lines.last == "… and \(total - 20) more: oversight alerts --all")
        let all = try cli.run("wangjian", ["alerts", "--all"])
        #expect(all.status == 2)
        #expect(all.out.split(separator: "\n").count == 1 + total, "\(all.out)")
    }
}
