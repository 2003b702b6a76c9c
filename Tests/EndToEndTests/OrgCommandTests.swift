import Foundation
import OversightTestSupport
import Testing

/// `org add|rename|disable|enable` and the Art. 4 field check, through the built binary on a real database (issue 20).
@Suite struct OrgCommandTests {
    var admin: String { PeopleFixtures.loginName }

    func sql(_ cli: CLI, _ query: String) throws -> [String] { try PeopleFixtures.sqlite(cli.db, query) }

    func orgs(_ cli: CLI) throws -> [String: [String: Any]] {
        let list = try CLI.array(try cli.run(admin, ["org", "list", "--json"]), "org list")
        return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0) })
    }

    @Test func anAdministratorAddsRenamesDisablesAndEnablesOrganisationsEachAnEvent() throws {
        let cli = try CLI.demo()
        // Values in either language: the party and the fields in Chinese, one field by its code.
        let added = try cli.run(admin, ["org", "add", "lvliang-eco", "--name", "吕梁市生态环境局", "--party", "外部机关"], lang: "zh")
        #expect(added.status == 0, "\(added.err)")
        #expect(added.out.contains("已添加单位 吕梁市生态环境局（lvliang-eco）"), "\(added.out)")
        let dept = try cli.run(admin, ["org", "add", "lyj", "--name", "文水县林业局", "--party", "部门", "--domains", "生态环境、land", "--code", "文林"])
        #expect(dept.status == 0, "\(dept.err)")
        var all = try orgs(cli)
        #expect(all["lvliang-eco"]?["party"] as? String == "external" && all["lvliang-eco"]?["active"] as? Bool == true)
        #expect(all["lyj"]?["party"] as? String == "department" && all["lyj"]?["domains"] as? [String] == ["ecology", "land"])
        #expect(all["lyj"]?["code"] as? String == "文林")
        // A new department takes people at once, and they act.
        #expect(try cli.run(admin, ["user", "add", "lyj.ma", "--org", "文水县林业局", "--role", "handler"]).status == 0)
        #expect(try cli.run("lyj.ma", ["matter", "list"]).status == 0)

        // A rename: the department's old matters show the new name; their events stay as written.
        let before = try cli.list("wangjian").first { $0["department"] as? String == "hbj" }
        let hbjMatter = try #require(before?["id"] as? Int)
        let events = try cli.show("wangjian", hbjMatter)["events"] as? [[String: Any]]
        let renamed = try cli.run(admin, ["org", "rename", "hbj", "--name", "吕梁市生态环境局文水县分局"])
        #expect(renamed.status == 0, "\(renamed.err)")
        let after = try cli.show("wangjian", hbjMatter)
        #expect(after["departmentName"] as? String == "吕梁市生态环境局文水县分局")
        #expect((after["events"] as? [[String: Any]])?.count == events?.count)
        #expect(try cli.run("wangjian", ["matter", "show", "\(hbjMatter)"]).out.contains("吕梁市生态环境局文水县分局"))
        // The new name finds it as the old one did.
        #expect(try cli.run(admin, ["user", "add", "hbj.zhou", "--org", "吕梁市生态环境局文水县分局", "--role", "handler"]).status == 0)

        // Disabled: its people cannot log in (recorded), it takes no new matters nor people; its matters stay.
        let off = try cli.run(admin, ["org", "disable", "hbj"])
        #expect(off.status == 0, "\(off.err)")
        #expect(off.out.contains("disabled"), "\(off.out)")
        let login = try cli.run("hbj.li", ["matter", "list"])
        #expect(login.status == 1 && login.err.contains("belongs to hbj, which is disabled"), "\(login.err)")
        let addressed = try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--title", "新建议", "--domain", "ecology"])
        #expect(addressed.status == 1 && addressed.err.contains("organisation hbj is disabled"), "\(addressed.err)")
        let copied = try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "zrzyj", "--title", "抄送", "--copy", "hbj"])
        #expect(copied.status == 1 && copied.err.contains("organisation hbj is disabled"), "\(copied.err)")
        let person = try cli.run(admin, ["user", "add", "hbj.wu", "--org", "hbj", "--role", "handler"])
        #expect(person.status == 1 && person.err.contains("disabled"), "\(person.err)")
        #expect(try cli.visibleIDs("wangjian").contains(hbjMatter), "the procuratorate still sees its matter")
        // In Chinese, the CLI says it in Chinese.
        let zh = try cli.run("hbj.li", ["matter", "list"], lang: "zh")
        #expect(zh.err.contains("所属单位 hbj 已停用"), "\(zh.err)")
        all = try orgs(cli)
        #expect(all["hbj"]?["active"] as? Bool == false)
        #expect(try cli.run(admin, ["org", "list"]).out.split(separator: "\n").contains { $0.hasPrefix("hbj ") && $0.hasSuffix("no") })

        // Enabled again: all as before.
        #expect(try cli.run(admin, ["org", "enable", "hbj"]).status == 0)
        #expect(try cli.run("hbj.li", ["matter", "list"]).status == 0)
        #expect(try cli.new("wangjian", "suggestion", to: "hbj", title: "新建议", domain: "ecology") > 0)

        #expect(try sql(cli, "SELECT action || '|' || actor || '|' || text FROM event WHERE action LIKE 'org-%' ORDER BY id") == [
            "org-add|\(admin)|lvliang-eco (吕梁市生态环境局): external",
            "org-add|\(admin)|lyj (文水县林业局): department [ecology,land] 代字 文林",
            "org-rename|\(admin)|hbj: 吕梁市生态环境局文水分局 → 吕梁市生态环境局文水县分局",
            "org-disable|\(admin)|hbj",
            "org-enable|\(admin)|hbj",
        ])
        #expect(try sql(cli, "SELECT text FROM event WHERE action = 'login-refused'") == ["user of disabled organisation hbj: hbj.li"] + ["user of disabled organisation hbj: hbj.li"])
        #expect(try cli.run(admin, ["audit", "verify"]).status == 0)
    }

    @Test func changesOfOrganisationsAreRefusedWithTheContractsExitCodes() throws {
        let cli = try CLI.demo()
        let events = try sql(cli, "SELECT COUNT(*) FROM event")
        func expectExit(_ code: Int32, _ user: String, _ args: [String], _ says: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let r = try cli.run(user, args)
            #expect(r.status == code, "\(args): \(r.err)", sourceLocation: sourceLocation)
            #expect(r.err.contains(says), "\(args): \(r.err)", sourceLocation: sourceLocation)
        }
        // Refused (1): not an administrator, an id or name or code already used, the administration unit.
        try expectExit(1, "wangjian", ["org", "add", "x1", "--name", "某局", "--party", "department"], "wangjian is not an administrator")
        try expectExit(1, "chenjie", ["org", "disable", "hbj"], "not an administrator")
        try expectExit(1, "wangjian", ["org", "rename", "hbj", "--name", "某局"], "not an administrator")
        try expectExit(1, admin, ["org", "add", "hbj", "--name", "某局", "--party", "department"], "an organisation \"hbj\" already exists")
        try expectExit(1, admin, ["org", "add", "HBJ", "--name", "某局", "--party", "department"], "already exists")
        try expectExit(1, admin, ["org", "add", "x1", "--name", "文水县司法局", "--party", "external"], "already names organisation sfj")
        try expectExit(1, admin, ["org", "add", "x1", "--name", "sfj", "--party", "external"], "already names organisation sfj")
        try expectExit(1, admin, ["org", "add", "x1", "--name", "某局", "--party", "department", "--code", "文检"], "already jcy's")
        try expectExit(1, admin, ["org", "rename", "hbj", "--name", "文水县自然资源局"], "already names organisation zrzyj")
        try expectExit(1, admin, ["org", "disable", "xt"], "administration unit")
        try expectExit(1, admin, ["org", "enable", "hbj"], "already enabled")
        // A county has one justice bureau (a new county's or a city's is added so, issue 23).
        try expectExit(1, admin, ["org", "add", "x1", "--name", "某局", "--party", "justice"], "wenshui already has its Justice bureau (sfj)")
        // Bad usage (2): no such party, an unknown field, fields for an outside body, a bad id,
        // an unknown organisation, a name with a control character.
        try expectExit(2, admin, ["org", "add", "x1", "--name", "某局", "--party", "ministry"], "--party must be department")
        try expectExit(2, admin, ["org", "add", "x1", "--name", "某局", "--party", "department", "--domains", "ecology,森林"], "--domains \"森林\" is not one of")
        try expectExit(2, admin, ["org", "add", "x1", "--name", "某局", "--party", "external", "--domains", "ecology"], "for a department")
        try expectExit(2, admin, ["org", "add", "x y", "--name", "某局", "--party", "external"], "cannot be an organisation id")
        try expectExit(2, admin, ["org", "add", "-x", "--name", "某局", "--party", "external"], "Missing expected argument")
        try expectExit(2, admin, ["org", "add", "x1", "--name", "某局", "--party", "external", "--code", "文〔检"], "cannot be a document code")
        try expectExit(2, admin, ["org", "rename", "nosuch", "--name", "某局"], "no organisation \"nosuch\"")
        try expectExit(2, admin, ["org", "disable", "nosuch"], "no organisation \"nosuch\"")
        try expectExit(2, admin, ["org", "add", "x1", "--name", "  ", "--party", "external"], "nothing visible")
        try expectExit(2, admin, ["org", "add", "x1", "--party", "external"], "--name")
        #expect(try sql(cli, "SELECT COUNT(*) FROM event") == events, "nothing was written")
        // Disabled twice.
        #expect(try cli.run(admin, ["org", "disable", "fy"]).status == 0)
        try expectExit(1, admin, ["org", "disable", "fy"], "already disabled")
    }

    @Test func hostileNamesAreRefusedOrStoredAsTheTextRuleSaysAndShownSanitised() throws {
        let cli = try CLI.demo()
        var seen = Set<String>()
        for (i, entry) in HostileCorpus.entries.enumerated() where entry.family != .nul {
            let id = "h\(i)"
            // `--name=TEXT` for a text that starts with `-` (so it is still the name), else two words.
            let name = entry.text.hasPrefix("-") ? ["--name=" + entry.text] : ["--name", entry.text]
            let r = try cli.run(admin, ["org", "add", id] + name + ["--party", "external"])
            switch entry.line {
            case .kept(let value) where !seen.contains(value.lowercased()):
                seen.insert(value.lowercased())
                #expect(r.status == 0, "\(entry): \(r.err)")
                #expect(try orgs(cli)[id]?["name"] as? String == value, "\(entry)")
            case .kept:
                #expect(r.status == 1, "\(entry) names another already: \(r.err)")
            default:
                #expect(r.status == 2, "\(entry): \(r.status) \(r.err)")
                #expect(try orgs(cli)[id] == nil, "\(entry)")
            }
            // Whatever was said, nothing of it reaches the terminal raw.
            for ch in (r.out + r.err).unicodeScalars {
                #expect(ch == "\n" || !(ch.value < 0x20 || (0x7F...0x9F).contains(ch.value)), "\(entry): control U+\(String(ch.value, radix: 16)) in output")
            }
        }
        for lang in ["en", "zh"] {
            let table = try cli.run(admin, ["org", "list"], lang: lang)
            #expect(table.status == 0)
            for ch in table.out.unicodeScalars {
                let hidden = ch.value < 0x20 && ch != "\n" || (0x7F...0x9F).contains(ch.value)
                    || (0x202A...0x202E).contains(ch.value) || (0x2066...0x2069).contains(ch.value) || ch.value == 0x200B
                #expect(!hidden, "org list shows U+\(String(ch.value, radix: 16)) raw")
            }
        }
    }

    @Test func anAddedOutsideBodyIsAReferralsAddressee() throws {
        let cli = try CLI.demo()
        // Before it is added, a referral cannot be addressed to it.
        let unknown = try cli.run("wangjian", ["matter", "new", "referral", "--to", "lvliang-eco", "--title", "线索"])
        #expect(unknown.status == 2, "\(unknown.err)")
        #expect(try cli.run(admin, ["org", "add", "lvliang-eco", "--name", "吕梁市生态环境局", "--party", "external"]).status == 0)
        let id = try cli.new("wangjian", "referral", to: "吕梁市生态环境局", title: "关于某执法人员违法线索的移送")
        for step in [["issue"], ["serve"], ["reply", "--text", "已受理"], ["close", "--text", "已办结"]] {
            let r = try cli.run("wangjian", ["matter", "act", "\(id)"] + step)
            #expect(r.status == 0, "\(step): \(r.err)")
        }
        let shown = try cli.show("wangjian", id)
        #expect(shown["to"] as? String == "lvliang-eco" && shown["state"] as? String == "closed")
        #expect(try cli.run("wangjian", ["matter", "show", "\(id)"]).out.contains("吕梁市生态环境局"))
        // It is an outside body: no suggestion goes to it, and it has no people.
        let suggestion = try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "lvliang-eco", "--title", "建议"])
        #expect(suggestion.status == 1, "\(suggestion.err)")
        #expect(try cli.run(admin, ["user", "add", "eco.li", "--org", "lvliang-eco", "--role", "handler"]).status == 1)
        // Disabled, it takes no new referral; the one it has stays.
        #expect(try cli.run(admin, ["org", "disable", "lvliang-eco"]).status == 0)
        let refused = try cli.run("wangjian", ["matter", "new", "referral", "--to", "lvliang-eco", "--title", "第二条线索"])
        #expect(refused.status == 1 && refused.err.contains("disabled"), "\(refused.err)")
        #expect(try cli.visibleIDs("wangjian").contains(id))
    }

    @Test func aFieldOutsideTheDepartmentsIsRefusedUnlessConfirmed() throws {
        let cli = try CLI.demo()
        let count = try sql(cli, "SELECT COUNT(*) FROM matter")
        // hbj works in ecology only.
        let refused = try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--title", "关于土地的建议", "--domain", "land"])
        #expect(refused.status == 1, "\(refused.err)")
        #expect(refused.err.contains("land is not one of the fields of 吕梁市生态环境局文水分局 (hbj): ecology"), "\(refused.err)")
        #expect(refused.err.contains("--confirm-domain"))
        let zh = try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "hbj", "--title", "关于土地的建议", "--domain", "国土资源"], lang: "zh")
        #expect(zh.status == 1 && zh.err.contains("国土资源不在吕梁市生态环境局文水分局的领域（生态环境）之内"), "\(zh.err)")
        // An inspection's subject, and a transfer's named --subject, are checked the same way.
        let inspection = try cli.run("wangjian", ["matter", "new", "inspection", "--to", "hbj", "--title", "调查", "--domain", "transport"])
        #expect(inspection.status == 1 && inspection.err.contains("transport is not one of"), "\(inspection.err)")
        let transfer = try cli.run("wangjian", ["matter", "new", "transfer", "--to", "sfj", "--title", "移送", "--domain", "transport", "--subject", "hbj"])
        #expect(transfer.status == 1 && transfer.err.contains("not one of the fields of"), "\(transfer.err)")
        #expect(try sql(cli, "SELECT COUNT(*) FROM matter") == count, "nothing was made")
        // Its own field, `other`, and a confirmed one go through.
        #expect(try cli.new("wangjian", "suggestion", to: "hbj", title: "关于排污口的建议", domain: "ecology") > 0)
        #expect(try cli.new("wangjian", "suggestion", to: "hbj", title: "其他建议") > 0)
        let confirmed = try cli.new("wangjian", "suggestion", to: "hbj", title: "关于土地的建议", domain: "land", extra: ["--confirm-domain"])
        #expect(try cli.show("wangjian", confirmed)["domain"] as? String == "land")
        // A department added with its fields is checked against them.
        #expect(try cli.run(admin, ["org", "add", "lyj", "--name", "文水县林业局", "--party", "department", "--domains", "生态环境", "--code", "文林"]).status == 0)
        #expect(try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "lyj", "--title", "t", "--domain", "labour"]).status == 1)
        #expect(try cli.new("wangjian", "suggestion", to: "lyj", title: "t", domain: "ecology") > 0)
    }
}
