import Foundation
import OversightTestSupport
import Testing

/// The law's calendar and the county's rules as data through the built binary (issue 21): `calendar add` of next
/// year's notice re-clocks a provisional deadline; a bad notice is refused whole with FILE:LINE; `rules propose` by
/// the justice bureau and `rules agree` by the procuratorate set a service level for clocks started afterwards.
@Suite(.serialized) struct ClockCommandTests {
    let today = "2026-12-01"
    var admin: String { PeopleFixtures.loginName }

    /// The fictional 2027 notice file (01-20 to 01-22 off, the Sunday 01-24 worked: `HolidayNoticeFixtures`).
    static let notice = HolidayNoticeFixtures.fictional2027JSON

    func file(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let path = (cli.db as NSString).deletingLastPathComponent + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// 环保局's alerts on 2027-01-21 (exit 2 when anything is overdue, as monitoring plugins read it).
    func alerts(_ cli: CLI) throws -> [String: Any] {
        let r = try cli.run("hbj.li", ["alerts", "--json"], today: "2027-01-21")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r.status): \(r.err)")
    }

    /// A suggestion of 王建国's to 环保局 served on 2026-11-20: two months end on 2027-01-20, counted provisionally.
    func servedSuggestion(_ cli: CLI) throws -> Int {
        let id = try cli.new("wangjian", "suggestion", to: "hbj", title: "期限跨入2027年的检察建议", extra: ["--date", "2026-11-20"], today: today)
        for step in ["issue", "serve"] {
            let r = try cli.act("wangjian", id, step, ["--date", "2026-11-20"], today: today)
            #expect(r.status == 0, "\(step): \(r.err)")
        }
        return id
    }

    @Test func nextYearsNoticeReclocksAProvisionalDeadlineAndAlertsFollow() throws {
        let cli = try CLI.demo()
        let id = try servedSuggestion(cli)
        let before = try cli.run("hbj.li", ["matter", "show", "\(id)"], today: today, lang: "zh")
        #expect(before.out.contains("2027-01-20") && before.out.contains("暂定"), "\(before.out)")
        // On 2027-01-21 it would be overdue under the weekends-only count.
        let overdue = try alerts(cli)
        #expect((overdue["overdue"] as? [[String: Any]])?.contains { $0["id"] as? Int == id } == true, "\(overdue)")

        // A dry run says what would move and changes nothing.
        let path = try file(cli, "2027.json", Self.notice)
        let dry = try cli.run(admin, ["calendar", "add", path, "--dry-run", "--json"], today: today)
        let planned = try CLI.object(dry, "calendar add --dry-run")
        #expect((planned["reclocked"] as? [[String: Any]])?.contains { $0["id"] as? Int == id && $0["due"] as? String == "2027-01-24" } == true, "\(planned)")
        #expect(try cli.show("hbj.li", id)["due"] as? String == "2027-01-20")
        // Only an administrator loads it.
        let refused = try cli.run("zhanghui", ["calendar", "add", path], today: today)
        #expect(refused.status == 1 && refused.err.contains("administrator"), "\(refused.err)")

        let loaded = try cli.run(admin, ["calendar", "add", path], today: today, lang: "zh")
        #expect(loaded.status == 0 && loaded.out.contains("重算 1 个期限") && loaded.out.contains("2027-01-24"), "\(loaded.out) \(loaded.err)")
        let shown = try cli.show("hbj.li", id)
        #expect(shown["due"] as? String == "2027-01-24", "\(shown)")
        let events = try #require(shown["events"] as? [[String: Any]])
        let reclock = try #require(Events.first("reclock", in: events))
        #expect((reclock["text"] as? String)?.contains("测试用虚构") == true && reclock["dueAfter"] as? String == "2027-01-24", "\(reclock)")
        let after = try cli.run("hbj.li", ["matter", "show", "\(id)"], today: today, lang: "zh")
        #expect(!after.out.contains("暂定") && after.out.contains("节假日安排依据：国务院办公厅关于2027年"), "\(after.out)")
        // Alerts follow: due soon on 2027-01-21, no longer overdue.
        let soon = try alerts(cli)
        #expect((soon["overdue"] as? [[String: Any]])?.contains { $0["id"] as? Int == id } == false, "\(soon)")
        #expect((soon["dueSoon"] as? [[String: Any]])?.contains { $0["id"] as? Int == id && $0["due"] as? String == "2027-01-24" } == true, "\(soon)")
        // The year is listed with its notice and who loaded it; shown day by day.
        let list = try CLI.array(try cli.run("wangjian", ["calendar", "list", "--json"], today: today), "calendar list")
        let year = try #require(list.first { $0["year"] as? Int == 2027 })
        #expect(year["loadedBy"] as? String == admin && year["restDays"] as? Int == 25 && year["workDays"] as? Int == 6, "\(year)")
        #expect(list.contains { $0["year"] as? Int == 2026 && $0["loadedBy"] as? String == "oversight" })
        let show = try cli.run("wangjian", ["calendar", "show", "2027"], today: today, lang: "zh")
        #expect(show.out.contains("2027-01-24") && show.out.contains("班") && show.out.contains("测试用虚构"), "\(show.out)")
        #expect(try cli.run(admin, ["audit", "verify"], today: today).status == 0)
    }

    @Test func aBadNoticeIsRefusedWholeWithFileAndLine() throws {
        let cli = try CLI.demo()
        let id = try servedSuggestion(cli)
        // One problem each, on line 7 of its file (`HolidayNoticeFixtures`).
        let outside = HolidayNoticeFixtures.badNoticeDateOutsideYear(.json), both = HolidayNoticeFixtures.badNoticeRestAndWork(.json)
        for (name, text, needle) in [("outside.json", outside, "2028-01-01"), ("both.json", both, "2027-02-06")] {
            let path = try file(cli, name, text)
            let r = try cli.run(admin, ["calendar", "add", path], today: today)
            #expect(r.status == 2, "\(name): \(r.status) \(r.out)")
            let line = r.err.split(separator: "\n").first { $0.hasPrefix("\(path):") } ?? ""
            #expect(line.contains(needle) && line.hasPrefix("\(path):7:"), "\(name): \(r.err)")
        }
        let list = try CLI.array(try cli.run(admin, ["calendar", "list", "--json"], today: today), "calendar list")
        #expect(!list.contains { $0["year"] as? Int == 2027 })
        // The same notice as a clerk's CSV (Chinese keys and words) is read as the JSON is: its dry run moves the same.
        let csv = try file(cli, "2027.csv", HolidayNoticeFixtures.fictional2027CSV)
        let dry = try CLI.object(try cli.run(admin, ["calendar", "add", csv, "--dry-run", "--json"], today: today), "calendar add csv")
        #expect((dry["reclocked"] as? [[String: Any]])?.contains { $0["id"] as? Int == id && $0["due"] as? String == "2027-01-24" } == true, "\(dry)")
        #expect(try cli.show("hbj.li", id)["due"] as? String == "2027-01-20")
    }

    @Test func aServiceLevelProposedByOneAndAgreedByTheOtherCountsForTransfersServedAfterwards() throws {
        let cli = try CLI.demo()
        func transfer(_ title: String) throws -> Int {
            let id = try cli.new("wangjian", "transfer", to: "sfj", title: title, extra: ["--subject", "hbj"], today: today)
            for step in ["issue", "serve"] { #expect(try cli.act("wangjian", id, step, today: today).status == 0) }
            return id
        }
        let earlier = try transfer("商定之前送达的移送")
        #expect(try cli.show("zhaomin", earlier)["due"] as? String == "2026-12-31")

        let source = "县司法局、县检察院会议纪要（2026）3号"
        let proposed = try cli.run("chenjie", ["rules", "propose", "transfer-feedback", "20", "--source", source], today: today)
        #expect(proposed.status == 0, "\(proposed.err)")
        // The one who proposed cannot agree it; a handler cannot; a law period cannot be proposed.
        #expect(try cli.run("chenjie", ["rules", "agree", "transfer-feedback"], today: today).status == 1)
        #expect(try cli.run("wangjian", ["rules", "agree", "transfer-feedback"], today: today).status == 1)
        let law = try cli.run("chenjie", ["rules", "propose", "suggestion-reply", "3个月", "--source", "x"], today: today)
        #expect(law.status == 2 && law.err.contains("not a rule the county sets"), "\(law.err)")
        let pending = try CLI.array(try cli.run("zhanghui", ["rules", "list", "--json"], today: today), "rules list")
        let entry = try #require(pending.first { $0["key"] as? String == "transfer-feedback" })
        #expect(entry["nature"] as? String == "service-level" && (entry["proposal"] as? [String: Any])?["org"] as? String == "sfj", "\(entry)")

        // Agreed in Chinese words by the procuratorate's head.
        let agreed = try cli.run("zhanghui", ["rules", "agree", "移送处理反馈期限"], today: today, lang: "zh")
        #expect(agreed.status == 0 && agreed.out.contains("第2版"), "\(agreed.out) \(agreed.err)")
        let later = try transfer("商定之后送达的移送")
        #expect(try cli.show("zhaomin", later)["due"] as? String == "2026-12-21")
        #expect(try cli.show("zhaomin", earlier)["due"] as? String == "2026-12-31")
        // Each says which rule counted it: the county's version 2 with its source, or the default.
        let rule = try #require(try cli.show("zhaomin", later)["deadlineRule"] as? [String: Any])
        #expect(rule["version"] as? Int == 2 && rule["county"] as? String == source && rule["serviceLevel"] as? Bool == true, "\(rule)")
        let explained = try cli.run("zhaomin", ["deadline", "--explain", "\(later)"], today: today, lang: "zh")
        #expect(explained.out.contains("本县服务水平：第2版") && explained.out.contains(source), "\(explained.out) \(explained.err)")
        let old = try cli.run("zhaomin", ["deadline", "--explain", "\(earlier)"], today: today, lang: "zh")
        #expect(old.out.contains("本县未另行商定") && old.out.contains("30日"), "\(old.out)")
        let rules = try cli.run("hbj.li", ["rules", "list"], today: today, lang: "zh")
        #expect(rules.out.contains("服务水平（本县商定）") && rules.out.contains("法定期限"), "\(rules.out)")
        // Another party's user cannot see a matter it may not see through --explain.
        #expect(try cli.run("scjgj.ren", ["deadline", "--explain", "\(later)"], today: today).status == 1)
    }
}
