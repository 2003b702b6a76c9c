import Foundation
import OversightTestSupport
import Testing

/// `county add|list`, `org add --county` and what a second county's people see, through the built binary on a real
/// database (issue 23): in either language, each its own county.
@Suite struct CountyCommandTests {
    var admin: String { PeopleFixtures.loginName }

    @Test func aSecondCountyIsAddedWithItsAdministratorAndKeepsToItself() throws {
        let cli = try CLI.demo()
        // A city, and a county under it, by the demo's administrator; values in either language.
        let city = try cli.run(admin, ["county", "add", "lvliang", "--name", "吕梁市", "--level", "市", "--admin", "lv.admin"], lang: "zh")
        #expect(city.status == 0, "\(city.err)")
        #expect(city.out.contains("已添加市 吕梁市（lvliang）"), "\(city.out)")
        let county = try cli.run(admin, ["county", "add", "jiaocheng", "--name", "交城县", "--city", "吕梁市", "--admin", "jc.admin"])
        #expect(county.status == 0, "\(county.err)")
        let bad = try cli.run(admin, ["county", "add", "x", "--name", "某县", "--level", "省", "--admin", "x.admin"], lang: "zh")
        #expect(bad.status == 2 && bad.err.contains("--level 须为"), "\(bad.err)")
        let twice = try cli.run(admin, ["county", "add", "jiaocheng", "--name", "交城", "--admin", "y.admin"])
        #expect(twice.status == 1 && twice.err.contains("already exists"), "\(twice.err)")
        // Its administrator adds its organisations (the procuratorate among them) and people.
        for args in [["jc.jcy", "--name", "交城县人民检察院", "--party", "检察院", "--code", "交检"],
                     ["jc.hbj", "--name", "吕梁市生态环境局交城分局", "--party", "部门", "--domains", "生态环境", "--code", "交环"]] {
            let r = try cli.run("jc.admin", ["org", "add"] + args, lang: "zh")
            #expect(r.status == 0, "\(r.err)")
        }
        let second = try cli.run("jc.admin", ["org", "add", "jc.jcy2", "--name", "交城县第二检察院", "--party", "procuratorate"])
        #expect(second.status == 1 && second.err.contains("jiaocheng already has its"), "\(second.err)")
        let elsewhere = try cli.run("jc.admin", ["org", "add", "x.dept", "--name", "文水县某局", "--party", "department", "--county", "文水县"])
        #expect(elsewhere.status == 1 && elsewhere.err.contains("not a county you administer"), "\(elsewhere.err)")
        #expect(try cli.run("jc.admin", ["user", "add", "jc.wang", "--org", "交城县人民检察院", "--role", "head"]).status == 0)
        #expect(try cli.run("jc.admin", ["user", "add", "jc.li", "--org", "jc.hbj", "--role", "handler"]).status == 0)
        // Another county's person is as unknown to it.
        let foreign = try cli.run("jc.admin", ["user", "disable", "wangjian"])
        #expect(foreign.status == 2 && foreign.err.contains("no user named"), "\(foreign.err)")

        // The city's procuratorate, by the city's administrator: a body above 交城县.
        let body = try cli.run("lv.admin", ["org", "add", "lv.jcy", "--name", "吕梁市人民检察院", "--party", "procuratorate", "--code", "吕检"])
        #expect(body.status == 0, "\(body.err)")
        // The lists: each administrator its own; the county column once several counties are listed.
        let counties = try CLI.array(try cli.run("jc.admin", ["county", "list", "--json"]), "county list")
        #expect(counties.map { $0["id"] as? String } == ["lvliang", "jiaocheng"])
        #expect(counties.last?["city"] as? String == "lvliang")
        let orgs = try CLI.array(try cli.run("jc.admin", ["org", "list", "--json"]), "org list")
        #expect(Set(orgs.compactMap { $0["county"] as? String }) == ["jiaocheng", "lvliang"])
        #expect(!orgs.contains { $0["id"] as? String == "lvliang.xt" }, "another's administration unit is its own business")
        #expect(try cli.run("jc.admin", ["org", "list"], lang: "zh").out.contains("交城县"))
        let home = try CLI.array(try cli.run(admin, ["org", "list", "--json"]), "org list")
        #expect(home.allSatisfy { $0["county"] as? String == "wenshui" } && home.count == 21)
        #expect(!(try cli.run(admin, ["user", "list"]).out.contains("jc.")))

        // A suggestion in 交城县 by its head, typed in Chinese: its department sees it; 文水县's people do not, nor may they
        // name its department.
        let new = try cli.run("jc.wang", ["matter", "new", "suggestion", "--to", "吕梁市生态环境局交城分局", "--title", "交城排污口专项整治",
                                          "--domain", "生态环境", "--json"], lang: "zh")
        #expect(new.status == 0, "\(new.err)")
        let id = try #require(try CLI.object(new, "matter new")["id"] as? Int)
        try cli.step("jc.wang", id, "issue")
        let department = try cli.visibleIDs("jc.li"), wenshui = try cli.visibleIDs("wangjian"), wenshuiDept = try cli.visibleIDs("hbj.li")
        #expect(department.contains(id))
        #expect(!wenshui.contains(id) && !wenshuiDept.contains(id))
        let across = try cli.run("wangjian", ["matter", "new", "suggestion", "--to", "jc.hbj", "--title", "越界", "--domain", "ecology"], lang: "zh")
        // Not among the organisations it may name (what `org list` lists it): as no organisation (the store refuses
        // another county's as well, `CountyTenancyTests`).
        #expect(across.status == 2 && across.err.contains("不是单位"), "\(across.err)")
        // 文水县 goes under 吕梁市 by its own administrator only.
        let notMine = try cli.run("jc.admin", ["county", "set", "wenshui", "--city", "lvliang"])
        #expect(notMine.status == 1 && notMine.err.contains("not a county you administer"), "\(notMine.err)")
        let joined = try cli.run(admin, ["county", "set", "文水县", "--city", "吕梁市"], lang: "zh")
        #expect(joined.status == 0 && joined.out.contains("文水县 已隶属于 吕梁市"), "\(joined.out) \(joined.err)")
        let exported = try cli.run(admin, ["export", "--format", "json"])
        #expect(exported.status == 0 && !exported.out.contains("交城排污口专项整治"), "the demo's administrator exports 文水县 only")
    }

    /// A PostgreSQL URL as the database is checked before anything runs: one naming no county, or not a URL at all,
    /// is said so (exit 2), in either language.
    @Test func aPostgresURLAsTheDatabaseIsChecked() throws {
        for (lang, says) in [("zh", "没有指明县"), ("en", "names no county")] {
            let r = try CLI.raw(["matter", "list", "--db", "postgres://oversight@db.city.local/city", "--user", "wangjian", "--lang", lang])
            #expect(r.status == 2 && r.err.contains(says) && r.err.contains("?county="), "\(r.err)")
        }
        let env = try CLI.raw(["user", "list", "--lang", "en"], env: ["OVERSIGHT_DB": "postgresql://u@h/db?county=x&ssl=true"])
        #expect(env.status == 2 && env.err.contains("not a PostgreSQL database URL") && env.err.contains("host, hostaddr, port, county, sslmode and sslrootcert"), "\(env.err)")
        // TLS asked through a socket: PostgreSQL speaks it over TCP only.
        let socket = try CLI.raw(["user", "list"], env: ["OVERSIGHT_DB": "postgres://u@/db?host=/run/pg&sslmode=verify-full&county=x"])
        #expect(socket.status == 2 && socket.err.contains("加密连接须经 TCP"), "\(socket.err)")
    }
}
