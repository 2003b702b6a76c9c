import Foundation
import OversightTestSupport
import Testing

/// `oversight report` on the demo (today 2025-09-29), checked against what the same user's `matter list --all
/// --json` says of each matter, and against the database itself for the administrator's county figures.
@Suite(.serialized) struct ReportCommandTests {
    static let cli = Result { try CLI.demo("ReportCommandTests") }

    /// `report ARGS --format json` as `user`.
    func report(_ user: String, _ args: [String] = []) throws -> [String: Any] {
        try CLI.object(try Self.cli.get().run(user, ["report", "--format", "json"] + args), "\(user): report \(args)")
    }

    /// Cells a line takes on a terminal: Han characters and full-width forms are two.
    func cells(_ s: Substring) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            n + ((0x3000...0x9FFF).contains(u.value) || (0xFF00...0xFF60).contains(u.value) ? 2 : 1)
        }
    }

    @Test func theFiguresAreThoseOfTheMattersTheUserMaySee() throws {
        let cli = try Self.cli.get()
        let matters = try cli.list(Person.wangjian.name).filter { ($0["createdOn"] as? String ?? "").hasPrefix("2025-") }
        let r = try report(Person.wangjian.name)
        #expect(r["from"] as? String == "2025-01-01" && r["to"] as? String == "2025-12-31", "the year of --today")
        #expect(r["today"] as? String == CLI.today && r["periodBasis"] as? String == "created")
        #expect(r["scope"] as? String == "party" && r["org"] as? String == "jcy" && r["by"] as? String == "domain")
        let whole = try #require(r["whole"] as? [String: Any])
        func count(_ rule: ([String: Any]) -> Bool) -> Int { matters.filter(rule).count }
        let answerable: ([String: Any]) -> Bool = {
            ["suggestion", "transfer", "inspection"].contains($0["kind"] as? String ?? "") && $0["state"] as? String != "withdrawn"
                && $0["servedOn"] is String
        }
        let replied = matters.filter { answerable($0) && $0["repliedOn"] is String }
        #expect(!matters.isEmpty && !replied.isEmpty, "the demo has matters and replies this year")
        #expect(whole["matters"] as? Int == matters.count)
        #expect(whole["served"] as? Int == count(answerable))
        #expect(whole["replied"] as? Int == replied.count)
        #expect(whole["overdue"] as? Int == count { $0["overdue"] as? Bool == true })
        #expect(whole["escalated"] as? Int == count { !($0["escalations"] as? [String] ?? []).isEmpty })
        for (key, outcome) in [("adopted", "adopted"), ("partlyAdopted", "partly"), ("rejected", "rejected")] {
            #expect(whole[key] as? Int == replied.filter { $0["kind"] as? String == "suggestion" && $0["outcome"] as? String == outcome }.count, "\(key)")
        }
        let byKind = try #require(whole["byKind"] as? [String: Int])
        #expect(byKind == Dictionary(grouping: matters, by: { $0["kind"] as? String ?? "?" }).mapValues(\.count))
        // The mean days from service to reply, over the replies.
        func day(_ s: Any?) -> Date { ISO8601DateFormatter().date(from: (s as? String ?? "") + "T00:00:00Z") ?? .distantPast }
        let days = replied.map { day($0["repliedOn"]).timeIntervalSince(day($0["servedOn"])) / 86400 }
        let mean = try #require(whole["averageDaysToReply"] as? Double)
        #expect(abs(mean - days.reduce(0, +) / Double(days.count)) < 1e-9)
        // Every domain's row, and together the whole.
        let groups = try #require(r["groups"] as? [[String: Any]])
        let figures = groups.compactMap { $0["figures"] as? [String: Any] }
        #expect(figures.compactMap { $0["matters"] as? Int }.reduce(0, +) == matters.count)
        for g in groups {
            let inDomain = matters.filter { $0["domain"] as? String == g["group"] as? String }
            #expect((g["figures"] as? [String: Any])?["matters"] as? Int == inDomain.count, "\(g["group"] ?? "?")")
        }
    }

    @Test func anAdministratorCountsTheCountyAPartyItsShare() throws {
        let cli = try Self.cli.get()
        let county = try PeopleFixtures.sqlite(cli.db, "SELECT count(*) FROM matter WHERE created_on BETWEEN '2025-01-01' AND '2025-12-31'")
        let admin = try report(PeopleFixtures.loginName)
        #expect(admin["scope"] as? String == "county")
        #expect(((admin["whole"] as? [String: Any])?["matters"] as? Int).map(String.init) == county.first)
        let department = try report(Person.hbjLi.name, ["--by", "department"])
        let share = try cli.list(Person.hbjLi.name).filter { ($0["createdOn"] as? String ?? "").hasPrefix("2025-") }.count
        #expect((department["whole"] as? [String: Any])?["matters"] as? Int == share)
        #expect(share < Int(county.first ?? "") ?? 0, "a department sees only its share")
        #expect((department["groups"] as? [[String: Any]])?.first?["group"] as? String == "hbj")
    }

    @Test func textIsAlignedInDisplayCells() throws {
        let cli = try Self.cli.get()
        let r = try cli.run(Person.wangjian.name, ["report", "--by", "department"], lang: "zh")
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "期间 2025-01-01 至 2025-12-31（按创建日期计入）· 逾期截至 2025-09-29")
        #expect(lines.contains("范围：文水县人民检察院可见的事项"))
        // The department table: the header, then one line per department, the counts starting in one column.
        let start = try #require(lines.firstIndex(of: "按部门"))
        let table = lines[(start + 1)...].filter { !$0.isEmpty }
        #expect(table.count >= 3)
        let header = try #require(table.first)
        let column = cells(header[..<(try #require(header.range(of: "事项"))).lowerBound])
        for line in table.dropFirst() {
            // The name, padded, ends where the first count begins: the first digit after two spaces.
            let name = try #require(line.range(of: #"\s{2,}\d"#, options: .regularExpression))
            #expect(cells(line[..<name.upperBound]) - 1 == column, "\(line)")
        }
        #expect(table.contains { $0.hasPrefix("吕梁市生态环境局文水分局") })
        #expect(table.last?.hasPrefix("不涉及部门") == true, "no department comes last")
    }

    @Test func csvHasABOMCRLFAndQuotedFields() throws {
        let cli = try Self.cli.get()
        let r = try cli.run(Person.wangjian.name, ["report", "--format", "csv", "--by", "kind"])
        #expect(r.status == 0, "\(r.err)")
        #expect(Array(r.out.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(r.out.hasSuffix("\r\n"))
        #expect(!r.out.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
        let rows = r.out.dropFirst().components(separatedBy: "\r\n").dropLast()
        #expect(rows.first?.hasPrefix("\"group\",\"name\",\"matters\",\"served\",\"replied\",\"replied_on_time\",\"replied_late\"") == true)
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 16 && fields.allSatisfy { $0.count >= 2 && $0.hasPrefix("\"") && $0.hasSuffix("\"") }, "\(row)")
        }
        let json = try report(Person.wangjian.name, ["--by", "kind"])
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(rows.count == 2 + groups.count, "the header, the whole, one row per kind")
        let whole = try #require(json["whole"] as? [String: Any])
        #expect(rows.dropFirst().first?.hasPrefix("\"all\",\"all\",\"\(whole["matters"] as? Int ?? -1)\",") == true)
        #expect(rows.dropFirst(2).first?.hasPrefix("\"suggestion\",\"Suggestion\",") == true, "the English table keeps the group's code for scripts")
    }

    /// Organisations whose names start with a formula character (renamed with the sqlite3 shell) reach the table's
    /// group cells by department: every cell is neutralised as `export` neutralises its table, in both languages.
    @Test func aGroupNamedLikeAFormulaIsNoFormula() throws {
        let cli = try CLI.demo()
        let admin = PeopleFixtures.loginName
        let ids = try PeopleFixtures.sqlite(cli.db, """
            SELECT organisation.id FROM organisation JOIN matter ON matter.to_org = organisation.id
            WHERE party = 'department' GROUP BY organisation.id ORDER BY COUNT(*) DESC, organisation.id LIMIT 4
            """)
        try #require(ids.count == 4)
        for (start, id) in zip(["=", "+", "-", "@"], ids) {
            _ = try PeopleFixtures.sqlite(cli.db, "UPDATE organisation SET name = '\(start)SUM(1+1)\(id)' WHERE id = '\(id)'")
        }
        for lang in ["zh", "en"] {
            let r = try cli.run(admin, ["report", "--format", "csv", "--by", "department"], lang: lang)
            #expect(r.status == 0, "\(lang): \(r.err)")
            let cells = CSV.parse(r.out).flatMap { $0 }
            #expect(cells.filter { $0.contains("SUM(1+1)") }.count >= (lang == "zh" ? 8 : 4), "\(lang): the names reach the table: \(cells)")
            for cell in cells {
                if let c = cell.unicodeScalars.first {
                    #expect(!"=+-@\t\r".unicodeScalars.contains(c), "\(lang): a cell starts with \(c.escaped(asASCII: true)): \(cell)")
                }
            }
        }
    }

    @Test func anEmptyPeriodHasNoRatesAndNoMean() throws {
        let cli = try Self.cli.get()
        let r = try report(Person.wangjian.name, ["--from", "2020-01-01", "--to", "2020-01-01"])
        let whole = try #require(r["whole"] as? [String: Any])
        #expect(whole["matters"] as? Int == 0)
        #expect(whole["averageDaysToReply"] is NSNull && whole["replyRate"] is NSNull && whole["adoptionRate"] is NSNull)
        #expect((r["groups"] as? [Any])?.isEmpty == true)
        let text = try cli.run(Person.wangjian.name, ["report", "--year", "2020"])
        #expect(text.status == 0 && text.out.contains("No matters in this period."))
    }

    @Test(arguments: [
        ["--year", "2025", "--from", "2025-01-01", "--to", "2025-12-31"],
        ["--from", "2025-02-30", "--to", "2025-03-01"],
        ["--from", "2025-03-02", "--to", "2025-03-01"],
        ["--from", "2025-03-01"],
        ["--year", "twenty"],
        ["--by", "month"],
        ["--format", "xml"],
    ])
    func badOptionsExitTwo(_ args: [String]) throws {
        let r = try Self.cli.get().run(Person.wangjian.name, ["report"] + args)
        #expect(r.status == 2, "\(args) exited \(r.status)")
        #expect(!r.err.isEmpty && r.out.isEmpty, "\(args): \(r.out)")
    }
}
