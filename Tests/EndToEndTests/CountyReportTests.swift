import Foundation
import OversightTestSupport
import Testing

/// `oversight report` for the justice bureau (issue 20, Art. 2): beside its own share, every department's
/// suggestions in the county — counts only — in text, JSON and CSV; nobody else gets them. Checked against the
/// administrator's whole export, counted by hand.
@Suite(.serialized) struct CountyReportTests {
    static let cli = Result { () throws -> CLI in
        let cli = try CLI.demo("CountyReportTests")
        // Hostile titles and summaries on suggestions the justice bureau is not party to, issued to a department.
        for entry in HostileCorpus.keptOnALine {
            // A text that would begin the word with a dash or a mark (an option to the parser) comes after a word.
            let mark = entry.text.unicodeScalars.first.map { [.nonspacingMark, .enclosingMark, .spacingMark].contains($0.properties.generalCategory) } ?? false
            let title = entry.text.hasPrefix("-") || mark ? "建议" + entry.text : entry.text
            let made = try CLI.object(try cli.run(Person.wangjian.name, [
                "matter", "new", "suggestion", "--to", "scjgj", "--title", title, "--summary", "摘要" + entry.text, "--json",
            ]), "matter new \(entry)")
            let id = try #require(made["id"] as? Int)
            let r = try cli.act(Person.wangjian.name, id, "issue")
            guard r.status == 0 else { throw CLI.Failure(description: "issue \(entry): \(r.err)") }
        }
        return cli
    }

    /// The administrator's whole export: every matter with its fields.
    func everyMatter() throws -> [[String: Any]] {
        let r = try Self.cli.get().run(loginName, ["export", "--format", "json"])
        return try #require(CLI.object(r, "export")["matters"] as? [[String: Any]])
    }

    func report(_ user: String, _ args: [String] = []) throws -> [String: Any] {
        try CLI.object(try Self.cli.get().run(user, ["report", "--format", "json"] + args), "\(user): report \(args)")
    }

    /// The figures of one department counted by hand over the export: suggestions issued and created in 2025.
    func handCount(_ matters: [[String: Any]], department: String?) -> [String: Int] {
        let mine = matters.filter {
            $0["kind"] as? String == "suggestion" && $0["issuedOn"] is String
                && ($0["createdOn"] as? String ?? "").hasPrefix("2025-") && (department == nil || $0["department"] as? String == department)
        }
        let answered = mine.filter { $0["servedOn"] is String && $0["state"] as? String != "withdrawn" && $0["repliedOn"] is String }
        let timed = answered.filter { $0["due"] is String }
        func outcome(_ o: String) -> Int { answered.filter { $0["outcome"] as? String == o }.count }
        return [
            "matters": mine.count,
            "repliedOnTime": timed.filter { ($0["repliedOn"] as! String) <= ($0["due"] as! String) }.count,
            "repliedLate": timed.filter { ($0["repliedOn"] as! String) > ($0["due"] as! String) }.count,
            "overdue": mine.filter { $0["overdue"] as? Bool == true }.count,
            "adopted": outcome("adopted"), "partlyAdopted": outcome("partly"), "rejected": outcome("rejected"),
        ]
    }

    @Test func theJusticeBureauSeesEveryDepartmentsFiguresAsAHandCountOverTheWholeExport() throws {
        let matters = try everyMatter()
        let departments = try CLI.array(try Self.cli.get().run(loginName, ["org", "list", "--json"]), "org list")
            .filter { $0["party"] as? String == "department" }.compactMap { $0["id"] as? String }.sorted()
        let r = try report(Person.zhaomin.name)
        let county = try #require(r["county"] as? [String: Any], "the justice bureau's report has a county key")
        #expect(county["basis"] as? String == "issued-suggestions")
        let rows = try #require(county["departments"] as? [[String: Any]])
        #expect(rows.compactMap { $0["group"] as? String } == departments, "every department, by id")
        func figures(_ f: Any?) -> [String: Int] {
            let f = f as? [String: Any] ?? [:]
            return ["matters", "repliedOnTime", "repliedLate", "overdue", "adopted", "partlyAdopted", "rejected"]
                .reduce(into: [:]) { $0[$1] = f[$1] as? Int ?? -1 }
        }
        for row in rows {
            let id = row["group"] as? String
            #expect(figures(row["figures"]) == handCount(matters, department: id), "\(id ?? "?")")
        }
        let whole = handCount(matters, department: nil)
        #expect(figures(county["whole"]) == whole)
        #expect(whole["matters"]! > HostileCorpus.keptOnALine.count && whole["repliedOnTime"]! > 0 && whole["overdue"]! > 0)
        // Its share is what it was: the whole and the groups of the matters it may see.
        let share = try Self.cli.get().list(Person.zhaomin.name).filter { ($0["createdOn"] as? String ?? "").hasPrefix("2025-") }
        #expect((r["whole"] as? [String: Any])?["matters"] as? Int == share.count)
        #expect(r["scope"] as? String == "party" && r["org"] as? String == "sfj")
    }

    /// No title, document number or summary of a matter the justice bureau is not party to reaches any of its
    /// outputs, the hostile ones included.
    @Test func itsReportHoldsNoTitleNumberOrTextOfAMatterItIsNotPartyTo() throws {
        let cli = try Self.cli.get()
        let seen = try cli.visibleIDs(Person.zhaomin.name)
        let hidden = try everyMatter().filter { !seen.contains($0["id"] as? Int ?? -1) }
        #expect(hidden.count > HostileCorpus.keptOnALine.count)
        var outputs: [String: String] = [:]
        for lang in ["zh", "en"] {
            for format in ["text", "json", "csv"] {
                for by in ["domain", "department", "kind"] {
                    let r = try cli.run(Person.zhaomin.name, ["report", "--format", format, "--by", by], lang: lang)
                    #expect(r.status == 0, "\(r.err)")
                    outputs["\(lang) \(format) \(by)"] = r.out
                }
            }
        }
        #expect(outputs.values.allSatisfy { $0.contains("county") || $0.contains("全县") })
        for m in hidden {
            let texts = [m["title"], m["number"], m["summary"]].compactMap { $0 as? String }.filter { $0.count >= 4 }
            for text in texts {
                for (name, out) in outputs {
                    #expect(!out.contains(text), "\(name) holds \(m["id"] ?? "?"): \(text)")
                }
            }
        }
    }

    @Test func aDepartmentAndTheProcuratorateGetNoCountySection() throws {
        let cli = try Self.cli.get()
        for user in [Person.hbjLi.name, Person.scjgjRen.name, Person.wangjian.name, loginName] {
            #expect(try report(user)["county"] == nil, "\(user): JSON")
            for lang in ["zh", "en"] {
                let text = try cli.run(user, ["report"], lang: lang)
                #expect(text.status == 0 && !text.out.contains("全县各部门") && !text.out.contains("each department, county-wide"), "\(user) \(lang)")
                let csv = try cli.run(user, ["report", "--format", "csv"], lang: lang)
                #expect(!CSV.parse(csv.out).contains { ($0.first ?? "").hasPrefix("county") || ($0.first ?? "").hasPrefix("全县") }, "\(user) \(lang)")
            }
        }
    }

    @Test func csvEndsWithTheCountyRowsTextWithItsTable() throws {
        let cli = try Self.cli.get()
        let json = try report(Person.zhaomin.name)
        let county = try #require(json["county"] as? [String: Any])
        let departments = try #require(county["departments"] as? [[String: Any]])
        let r = try cli.run(Person.zhaomin.name, ["report", "--format", "csv"])
        let rows = CSV.parse(r.out)
        #expect(rows.allSatisfy { $0.count == 16 }, "one table, one width")
        let groups = rows.map { $0[0] }
        let start = try #require(groups.firstIndex(of: "county"))
        #expect(Array(groups[start...]) == ["county"] + departments.compactMap { ($0["group"] as? String).map { "county:" + $0 } })
        #expect(start == 2 + ((json["groups"] as? [Any])?.count ?? -1), "after the header, the whole and the share's groups")
        // The columns are the share's: received is `matters`.
        let header = try #require(rows.first)
        for (row, d) in zip(rows[(start + 1)...], departments) {
            let f = try #require(d["figures"] as? [String: Any])
            for (column, key) in [("matters", "matters"), ("replied_on_time", "repliedOnTime"), ("replied_late", "repliedLate"),
                                  ("overdue", "overdue"), ("adopted", "adopted"), ("partly_adopted", "partlyAdopted"), ("rejected", "rejected")] {
                #expect(row[try #require(header.firstIndex(of: column))] == String(f[key] as? Int ?? -1), "\(row[0]) \(column)")
            }
        }
        // In Chinese the county rows are named in words.
        let zh = CSV.parse(try cli.run(Person.zhaomin.name, ["report", "--format", "csv"], lang: "zh").out)
        #expect(zh.contains { $0.first == "全县合计" })
        #expect(zh.contains { $0.first == "全县·生态环境局文水分局" && $0[1] == "吕梁市生态环境局文水分局" })
        // Text: the heading, a line per department and the county's whole, in both languages.
        let text = try cli.run(Person.zhaomin.name, ["report"], lang: "zh").out
        let lines = text.split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex(of: "全县各部门检察建议（司法局执法监督视图，仅计数）"))
        let table = lines[(heading + 2)...]
        #expect(table.first?.hasPrefix("部门") == true && table.first?.contains("收到建议") == true)
        #expect(table.count == 1 + departments.count + 1)
        let whole = try #require(county["whole"] as? [String: Any])
        #expect(table.last?.hasPrefix("全县合计") == true)
        #expect(table.last?.split(separator: " ").dropFirst().first.map(String.init) == String(whole["matters"] as? Int ?? -1))
        let en = try cli.run(Person.zhaomin.name, ["report"], lang: "en").out
        #expect(en.contains("Suggestions to each department, county-wide (counts only)"))
        #expect(en.split(separator: "\n").last?.hasPrefix("county total") == true)
    }

    /// A department renamed to look like a formula (with the sqlite3 shell) is no formula in the county rows.
    @Test func aCountyRowNamedLikeAFormulaIsNoFormula() throws {
        let cli = try CLI.demo()
        _ = try PeopleFixtures.sqlite(cli.db, "UPDATE organisation SET name = '=SUM(1+1)环保' WHERE id = 'hbj'")
        for lang in ["zh", "en"] {
            let r = try cli.run(Person.zhaomin.name, ["report", "--format", "csv"], lang: lang)
            let cells = CSV.parse(r.out).flatMap { $0 }
            #expect(cells.contains { $0.contains("SUM(1+1)") }, "\(lang)")
            #expect(!cells.contains { $0.hasPrefix("=") }, "\(lang)")
        }
    }
}
