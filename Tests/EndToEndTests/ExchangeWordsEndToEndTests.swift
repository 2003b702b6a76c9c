import Foundation
import OversightTestSupport
import Testing

/// The exchange files and the CLI's tables in the interface language's words, through the built binary.
@Suite struct ExchangeWordsEndToEndTests {
    var admin: String { PeopleFixtures.loginName }

    /// A CSV file's text without the byte-order mark and the ids a database gives (the id column, the events' ids).
    static func withoutIDs(_ text: String) throws -> String {
        var t = String(text.drop { $0 == "\u{FEFF}" })
        for (pattern, template) in [(#"""id"":[0-9]+,"#, ""), (#"(?m)^"[0-9]+","#, "\"\",")] {
            let re = try NSRegularExpression(pattern: pattern)
            t = re.stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: template)
        }
        return t
    }

    @Test(arguments: ["zh", "en"])
    func theDemoExportedInALanguageImportsIntoAFreshDatabaseAndExportsAgainByteForByte(_ lang: String) throws {
        let cli = try CLI.demo("roundTrip\(lang)")
        let dir = try Fixtures.temporaryDirectory("roundTripFiles\(lang)")
        let first = dir.appendingPathComponent("first.csv").path, second = dir.appendingPathComponent("second.csv").path
        let exported = try cli.run(admin, ["export", "--out", first], lang: lang)
        #expect(exported.status == 0, "\(exported.err)")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: first)), as: UTF8.self)
        let rows = text.components(separatedBy: "\r\n")
        if lang == "zh" {
            #expect(rows[0].contains("\"类型\""))
            #expect(text.contains("\"检察建议\"") && text.contains("\"待回复\"") && text.contains("\"生态环境\"") && text.contains("\"是\""))
            #expect(!text.contains(",\"suggestion\",") && !text.contains(",\"served\",") && !text.contains(",\"ecology\","))
        } else {
            #expect(text.contains("\"Suggestion\"") && text.contains("\"awaiting reply\"") && text.contains("\"Ecology\"") && text.contains("\"yes\""))
        }
        // The history stays in codes.
        #expect(text.contains("\"\"action\"\":\"\"serve\"\""))

        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        #expect(try CLI.raw(["init", "--db", fresh, "--today", CLI.today]).status == 0)
        let target = CLI(db: fresh)
        let imported = try target.run(admin, ["import", first], lang: lang)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(try target.run(admin, ["export", "--out", second], lang: lang).status == 0)
        let again = String(decoding: try Data(contentsOf: URL(fileURLWithPath: second)), as: UTF8.self)
        #expect(rows.count > 40)
        #expect(try Self.withoutIDs(again) == (try Self.withoutIDs(text)))
        // The matters as scripts read them (codes) are the same too.
        func json(_ c: CLI) throws -> [[String: String]] {
            let r = try c.run(admin, ["export", "--format", "json"], lang: lang)
            let file = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
            return (file["matters"] as? [[String: Any]] ?? []).map { $0.filter { $0.key != "events" && $0.key != "id" }.mapValues { "\($0)" } }
        }
        let codes = try json(target)
        #expect(codes == (try json(cli)))
        #expect(codes.contains { $0["kind"] == "suggestion" && $0["state"] == "served" })
    }

    @Test func aWordThatNamesNothingIsRefusedListingTheChineseWords() throws {
        let cli = try CLI.demo()
        let dir = try Fixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("ledger.csv").path
        let ledger = "文号,类型,标题,领域,发起单位,接收单位,创建日期,送达日期,状态\n"
            + "文检行建〔2024〕1号,检察建议,短名,生态环境,人民检察院,生态环境局文水分局,2024-06-02,2024-06-04,待回复\n"
            + "文检行建〔2024〕2号,检察\u{200B}建议,零宽,生态环境,人民检察院,生态环境局文水分局,2024-06-02,2024-06-04,待回复\n"
        try Data(ledger.utf8).write(to: URL(fileURLWithPath: path))
        let zh = try cli.run(admin, ["import", path], lang: "zh")
        #expect(zh.status == 2)
        #expect(zh.err.contains("ledger.csv:3: 类型 (kind): “检察<U+200B>建议”不是 检察建议、移送审查、调阅案卷"), "\(zh.err)")
        let en = try cli.run(admin, ["import", path], lang: "en")
        #expect(en.err.contains("is not one of suggestion, transfer, inspection"), "\(en.err)")
        // A value of another form is told its form in the interface language.
        let dated = dir.appendingPathComponent("dated.csv").path
        try Data((ledger.components(separatedBy: "\n")[0] + "\n文检行建〔2024〕3号,检察建议,日期,生态环境,人民检察院,生态环境局文水分局,2024-06-02,2024-13-04,待回复\n").utf8)
            .write(to: URL(fileURLWithPath: dated))
        let badDate = try cli.run(admin, ["import", dated], lang: "zh")
        #expect(badDate.err.contains("dated.csv:2: 送达日期 (servedOn): “2024-13-04”不是有效的值（应为 YYYY-MM-DD 格式的日期）"), "\(badDate.err)")
        // Without the bad row the Chinese words and short names import.
        try Data(ledger.components(separatedBy: "\n").prefix(2).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let good = try cli.run(admin, ["import", path], lang: "zh")
        #expect(good.status == 0, "\(good.err)")
        let file = try CLI.object(try cli.run(admin, ["export", "--format", "json"]), "export")
        #expect((file["matters"] as? [[String: Any]] ?? []).contains { $0["title"] as? String == "短名" && $0["state"] as? String == "served" && $0["kind"] as? String == "suggestion" })
    }

    @Test func theCalendarDescribesEachDeadlineInTheInterfaceLanguage() throws {
        let cli = try CLI.demo()
        let zh = try cli.run("wangjian", ["export", "--format", "ics"], lang: "zh")
        #expect(zh.status == 0, "\(zh.err)")
        #expect(zh.out.contains("DESCRIPTION:检察建议 · 待回复 · "), "\(zh.out.prefix(2000))")
        #expect(!zh.out.contains("DESCRIPTION:suggestion"))
        let en = try cli.run("wangjian", ["export", "--format", "ics"], lang: "en")
        #expect(en.out.contains("DESCRIPTION:Suggestion · awaiting reply · "), "\(en.out.prefix(2000))")
    }

    @Test func orgListNamesPartiesAndDomainsInTheInterfaceLanguageAndItsJSONInCodes() throws {
        let cli = try CLI.demo()
        let zh = try cli.run("wangjian", ["org", "list"], lang: "zh")
        #expect(zh.status == 0, "\(zh.err)")
        let lines = zh.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("编号") == true && lines.first?.contains("类别") == true, "\(zh.out)")
        let jcy = try #require(lines.first { $0.hasPrefix("jcy ") })
        #expect(jcy.contains("检察院") && !jcy.contains("procuratorate"), "\(jcy)")
        let zrzyj = try #require(lines.first { $0.hasPrefix("zrzyj ") })
        #expect(zrzyj.contains("国土资源、生态环境、国有资产") && !zrzyj.contains("department"), "\(zrzyj)")
        let en = try cli.run("wangjian", ["org", "list"], lang: "en")
        #expect(en.out.split(separator: "\n").first { $0.hasPrefix("jcy ") }?.contains("Procuratorate") == true, "\(en.out)")
        let json = try CLI.array(try cli.run("wangjian", ["org", "list", "--json"], lang: "zh"), "org list --json")
        #expect(json.first { $0["id"] as? String == "jcy" }?["party"] as? String == "procuratorate")
    }

    @Test(arguments: ["kind", "domain", "department"])
    func theChineseReportTableNamesItsGroupsInWords(_ by: String) throws {
        let cli = try CLI.demo("report\(by)")
        let r = try cli.run(admin, ["report", "--format", "csv", "--by", by], lang: "zh")
        #expect(r.status == 0, "\(r.err)")
        let rows = r.out.dropFirst().components(separatedBy: "\r\n").dropLast().map { row in
            row.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        #expect(rows.first?.prefix(2) == ["简称", "分组"])
        #expect(rows.dropFirst().first?.prefix(2) == ["全部", "全部"])
        let groups = rows.dropFirst(2).map { $0[0] }
        #expect(!groups.isEmpty)
        // Every group cell in Chinese: no code (`suggestion`, `ecology`, `hbj`, `none`) is left.
        for g in groups { #expect(!g.contains { $0.isASCII && $0.isLetter }, "\(by): \(g)") }
        let expected = ["kind": "检察建议", "domain": "生态环境", "department": "生态环境局文水分局"][by]!
        #expect(groups.contains(expected), "\(groups)")
        // The JSON keeps the codes for scripts.
        let json = try CLI.object(try cli.run(admin, ["report", "--format", "json", "--by", by], lang: "zh"), "report --format json")
        let keys = (json["groups"] as? [[String: Any]] ?? []).compactMap { $0["group"] as? String }
        #expect(keys.contains(["kind": "suggestion", "domain": "ecology", "department": "hbj"][by]!), "\(keys)")
    }

    @Test func matterShowNamesTheHistorysPeopleByTheirDisplayNames() throws {
        let cli = try CLI.demo()
        let text = try cli.run("wangjian", ["matter", "show", "1"], lang: "zh")
        #expect(text.status == 0, "\(text.err)")
        let history = text.out.components(separatedBy: "\n\n").last ?? ""
        #expect(history.contains("王建国") && !history.contains("wangjian"), "\(history)")
        #expect(text.out.contains("检察建议") && text.out.contains("生态环境"), "\(text.out)")
        let json = try CLI.object(try cli.run("wangjian", ["matter", "show", "1", "--json"], lang: "zh"), "matter show --json")
        #expect((json["events"] as? [[String: Any]])?.first?["actor"] as? String == "wangjian")
        #expect(json["kind"] as? String == "suggestion" && json["domain"] as? String == "ecology")
    }
}
