import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// Counties as tenants (issue 23): a second county and a city above it in the demo's database. A matter names only
/// its county's organisations and the city's bodies above it; an administrator keeps only its own county; a city's
/// bodies count the issued matters of the counties under it. (The access matrix over kinds × parties × states with
/// a second county: `DraftAccessTests`.)
@Suite struct CountyTenancyTests {
    let today = Fixtures.today

    /// The demo (文水县, under no city); 吕梁市 with its procuratorate, justice bureau and an outside body; 交城县 under
    /// it with its procuratorate, justice bureau and one department, each with a person.
    func counties(_ engine: Fixtures.Engine = .sqlite, _ name: String = #function) throws -> Store {
        let store = try Fixtures.demoStore(on: engine, name: "\(name)-\(engine)")
        let admin = try store.viewer("admin")
        try store.add(County(id: "lvliang", name: "吕梁市", level: .city), administrator: "lv.admin", by: admin, on: today)
        try store.add(County(id: "jiaocheng", name: "交城县", city: "lvliang"), administrator: "jc.admin", by: admin, on: today)
        let city = try store.viewer("lv.admin"), county = try store.viewer("jc.admin")
        for (o, by) in [
            (Organisation(id: "lv.jcy", name: "吕梁市人民检察院", party: .procuratorate, code: "吕检"), city),
            (Organisation(id: "lv.sfj", name: "吕梁市司法局", party: .justice, code: "吕司"), city),
            (Organisation(id: "lv.hbj", name: "吕梁市生态环境局", party: .external), city),
            (Organisation(id: "jc.jcy", name: "交城县人民检察院", party: .procuratorate, code: "交检"), county),
            (Organisation(id: "jc.sfj", name: "交城县司法局", party: .justice, code: "交司"), county),
            (Organisation(id: "jc.hbj", name: "吕梁市生态环境局交城分局", party: .department, domains: [.ecology], code: "交环"), county),
        ] {
            try store.add(o, by: by, on: today)
            try store.setSignOff(of: o.id, to: .none, by: by, on: today)
        }
        for (u, by) in [
            (User(name: "lv.sun", displayName: "孙市检", org: "lv.jcy", role: .head), city),
            (User(name: "lv.qian", displayName: "钱市司", org: "lv.sfj", role: .handler), city),
            (User(name: "jc.wang", displayName: "王交检", org: "jc.jcy", role: .handler), county),
            (User(name: "jc.zhao", displayName: "赵交司", org: "jc.sfj", role: .handler), county),
            (User(name: "jc.li", displayName: "李交环", org: "jc.hbj", role: .handler), county),
        ] {
            try store.add(u, by: by, on: today)
        }
        return store
    }

    func suggestion(to org: OrgID, copies: [OrgID] = [], subject: OrgID? = nil) -> NewMatter {
        NewMatter(kind: .suggestion, title: "排污口整治", domain: .ecology, to: org, date: today, subjectOrg: subject,
                  copiedTo: copies, domainConfirmed: true)
    }

    func matterCount(_ store: Store) throws -> Int { try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matter")! } }

    @Test(arguments: Fixtures.engines)
    func aMatterNamesItsCountysOrganisationsAndTheCityBodiesAboveIt(_ engine: Fixtures.Engine) throws {
        let store = try counties(engine)
        let context = try Fixtures.context()
        let wenshui = try store.viewer("wangjian"), jiaocheng = try store.viewer("jc.wang"), city = try store.viewer("lv.sun")
        let before = try matterCount(store)
        // Another county's organisation, as addressee, copy or the department concerned: refused, nothing written.
        for (new, by, outside) in [
            (suggestion(to: "jc.hbj"), wenshui, "jc.hbj"), (suggestion(to: "hbj", copies: ["jc.sfj"]), wenshui, "jc.sfj"),
            (suggestion(to: "jc.hbj", subject: "hbj"), jiaocheng, "hbj"), (suggestion(to: "lv.hbj"), wenshui, "lv.hbj"),
            (suggestion(to: "hbj"), city, "hbj"),
        ] {
            #expect(throws: Refusal.outsideCounty(outside)) { try store.create(new, by: by, context: context) }
        }
        #expect(try matterCount(store) == before)
        // Its own county's, the city's bodies above it; a city's body, the counties under it.
        let own = try store.create(suggestion(to: "jc.hbj", copies: ["jc.sfj"]), by: jiaocheng, context: context)
        #expect(own.toOrg == "jc.hbj")
        let referral = NewMatter(kind: .referral, title: "违法线索", domain: .ecology, to: "lv.hbj", date: today, subjectOrg: "jc.hbj",
                                 domainConfirmed: true)
        #expect(try store.create(referral, by: try store.viewer("jc.li"), context: context).toOrg == "lv.hbj")
        #expect(try store.create(suggestion(to: "jc.hbj"), by: city, context: context).fromOrg == "lv.jcy")
        #expect(try matterCount(store) == before + 3)
    }

    @Test(arguments: Fixtures.engines)
    func eachAdministratorKeepsItsOwnCountyOnly(_ engine: Fixtures.Engine) throws {
        let store = try counties(engine)
        let admin = try store.viewer("admin"), county = try store.viewer("jc.admin"), city = try store.viewer("lv.admin")
        // Lists: the people, organisations and keys each keeps (a city's: its counties' too).
        #expect(Set(try store.users(for: county).map(\.name)) == ["jc.admin", "jc.wang", "jc.zhao", "jc.li", "lv.sun", "lv.qian"])
        #expect(try store.users(for: admin).allSatisfy { !$0.name.hasPrefix("jc.") && !$0.name.hasPrefix("lv.") })
        #expect(Set(try store.organisations(for: county).map(\.county)) == ["jiaocheng", "lvliang"])
        #expect(Set(try store.organisations(for: admin).map(\.county)) == ["wenshui"])
        #expect(Set(try store.organisations(for: city).map(\.county)) == ["jiaocheng", "lvliang"])
        #expect(Set(try store.organisations(for: try store.viewer("wangjian")).map(\.county)) == ["wenshui"])
        // The database's health: its counts are the administrator's counties'.
        let own = try store.health(of: county), whole = try store.health()
        #expect(own.organisations == (try store.organisations().filter { $0.county == "jiaocheng" }.count))
        #expect(own.users == 4 && own.matters == 0 && own.events == 0)
        #expect(whole.organisations > own.organisations && whole.matters > 0)
        #expect(try store.health(of: admin).organisations == 21)
        // Changes to another county's people and organisations: as if they did not exist.
        let events = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event")! }
        #expect(throws: Store.PeopleFailure.unknownUser("wangjian")) { try store.disable(user: "wangjian", by: county, on: today) }
        #expect(throws: Store.PeopleFailure.unknownUser("jc.wang")) { try store.disable(user: "jc.wang", by: admin, on: today) }
        #expect(throws: Store.PeopleFailure.unknownOrganisation("hbj")) { try store.disable(org: "hbj", by: county, on: today) }
        #expect(throws: Store.PeopleFailure.unknownOrganisation("jc.jcy")) {
            try store.add(User(name: "intruder", displayName: "x", org: "jc.jcy", role: .handler), by: admin, on: today)
        }
        #expect(throws: Store.PeopleFailure.outsideCounties("wenshui")) {
            try store.add(Organisation(id: "x", name: "文水县某局", party: .department, county: "wenshui"), by: county, on: today)
        }
        // One procuratorate a county; a county's administrator adds no county; a city's, counties under it only.
        #expect(throws: Store.PeopleFailure.partyTaken(party: .procuratorate, county: "jiaocheng", by: "jc.jcy")) {
            try store.add(Organisation(id: "jc.jcy2", name: "交城县第二检察院", party: .procuratorate), by: county, on: today)
        }
        #expect(throws: Store.PeopleFailure.outsideCounties("fenyang")) {
            try store.add(County(id: "fenyang", name: "汾阳市"), administrator: "fy.admin", by: county, on: today)
        }
        #expect(throws: Store.PeopleFailure.county(.exists("jiaocheng"))) {
            try store.add(County(id: "jiaocheng", name: "交城"), administrator: "x.admin", by: admin, on: today)
        }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event")! } == events)
        // A county's last administrator stays, whatever other counties hold.
        #expect(throws: Store.PeopleFailure.lastAdministrator("jc.admin")) { try store.disable(user: "jc.admin", by: county, on: today) }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event")! } == events)
                try store.add(County(id: "fenyang", name: "汾阳市"), administrator: "fy.admin", by: city, on: today)
        #expect(try store.counties()["fenyang"]?.city == "lvliang")
        #expect(try store.verifyAudit().isIntact)
    }

    /// The acceptance's county half: a suggestion of 交城县's procuratorate to its department is seen by both, by no
    /// one of 文水县, and is counted (not read) by the city procuratorate; the city justice bureau's county view counts
    /// the counties under it.
    @Test(arguments: Fixtures.engines)
    func theCityCountsItsCountiesMattersAndReadsNone(_ engine: Fixtures.Engine) throws {
        let store = try counties(engine)
        let context = try Fixtures.context()
        let jc = try store.viewer("jc.wang")
        var m = try store.create(suggestion(to: "jc.hbj"), by: jc, context: context)
        m = try store.act(m.id, .issue, input: ActionInput(date: today), by: jc, context: context)
        let draft = try store.create(suggestion(to: "jc.hbj"), by: jc, context: context)
        let year = try #require(ReportPeriod.year(today.year))
        let cityHead = try store.viewer("lv.sun")
        #expect(try store.matter(m.id, for: cityHead) == nil)
        #expect(try store.matters(for: cityHead, includeClosed: true).isEmpty)
        let cityReport = try store.report(for: cityHead, period: year, today: today)
        #expect(cityReport.whole.total == 1, "the issued suggestion, not the draft")
        #expect(try store.matter(m.id, for: try store.viewer("jc.li")) != nil)
        #expect(try store.matter(draft.id, for: try store.viewer("jc.li")) == nil)
        for name in ["wangjian", "zhaomin", "hbj.li", "admin"] {
            let v = try store.viewer(name)
            #expect(try store.matter(m.id, for: v) == nil, "\(name)")
            #expect(!(try store.readableMatters(for: v).contains { $0.id == m.id }), "\(name)")
            #expect(try store.changes(after: 0, for: v, limit: 100_000).events.allSatisfy { $0.matterID != m.id }, "\(name)")
        }
        // 文水县's figures do not count it; the county justice bureaus' views are their own counties'.
        #expect(try store.report(for: try store.viewer("admin"), period: year, today: today).whole.total
                == (try store.readableMatters(for: try store.viewer("admin")).filter { year.contains($0) }.count))
        let wenshuiView = try #require(try store.countyFigures(for: try store.viewer("zhaomin"), period: year, today: today))
        #expect(!wenshuiView.rows.contains { $0.department.hasPrefix("jc.") })
        let cityView = try #require(try store.countyFigures(for: try store.viewer("lv.qian"), period: year, today: today))
        #expect(cityView.rows.map(\.department) == ["jc.hbj"])
        #expect(cityView.whole.total == 1)
        let countyView = try #require(try store.countyFigures(for: try store.viewer("jc.zhao"), period: year, today: today))
        #expect(countyView.whole.total == 1 && countyView.rows.map(\.department) == ["jc.hbj"])
    }

    /// An administrator's import knows only the organisations of its counties (and the city's above): 文水县's
    /// export is refused whole in 交城县, each matter at its place, nothing written; in 文水县 it is its own again.
    @Test(arguments: Fixtures.engines)
    func anImportKnowsOnlyItsCountysOrganisations(_ engine: Fixtures.Engine) throws {
        let store = try counties(engine)
        let context = try Fixtures.context()
        let exported = try Array(ImportTests.exported(store).prefix(3))
        try #require(exported.count == 3)
        let items = ExchangeJSON.items(try ExchangeJSON.text(ExchangeFile(exportedOn: today, matters: exported)))
        #expect(items.refused == nil)
        let before = try matterCount(store)
        #expect(throws: ImportRefused.self) {
            try store.importMatters(items.items, source: "json", by: try store.viewer("jc.admin"), context: context)
        }
        #expect(try matterCount(store) == before)
        #expect(try store.importMatters(items.items, source: "json", by: try store.viewer("admin"), context: context).unchanged == 3)
    }

    /// Each county its own calendars loaded and its own rules (Art. 12): 交城县 loading a notice re-clocks its own
    /// running deadlines only and moves only its own clock; a rule its heads agree counts for its clocks only.
    @Test(arguments: Fixtures.engines)
    func eachCountyLoadsItsCalendarsAndAgreesItsRules(_ engine: Fixtures.Engine) throws {
        let store = try counties(engine)
        let base = try Fixtures.clock()
        let served = CivilDate(year: 2026, month: 11, day: 20)!
        let here = try ClockDataTests.servedSuggestion(store, on: served, title: "文水跨年的检察建议")
        let jc = try store.viewer("jc.wang")
        let context = WorkflowContext(today: today, calculator: try store.clock(base: base, county: "jiaocheng"))
        let made = try store.create(NewMatter(kind: .suggestion, title: "交城跨年的检察建议", domain: .ecology, to: "jc.hbj", date: served), by: jc, context: context)
        _ = try store.act(made.id, .issue, input: ActionInput(date: served), by: jc, context: context)
        let there = try store.act(made.id, .serve, input: ActionInput(date: served), by: jc, context: context)
        #expect(here.due == CivilDate(year: 2027, month: 1, day: 20)! && there.due == here.due)
        let tokens = (try store.clockToken(county: "wenshui"), try store.clockToken(county: "jiaocheng"))

        // 交城县's administrator loads 2027: its deadline moves, 文水县's does not; the dry run says the same.
        let notice = ClockDataTests.notice2027
        #expect(try store.reclocks(loading: notice, by: try store.viewer("jc.admin"), base: base).map(\.matter) == [there.id])
        let load = try store.load(notice, by: try store.viewer("jc.admin"), base: base, on: today)
        #expect(load.reclocked.map(\.matter) == [there.id])
        #expect(try store.matter(there.id, for: jc)?.due == CivilDate(year: 2027, month: 1, day: 24)!)
        #expect(try store.matter(here.id, for: try store.viewer("wangjian"))?.due == here.due)
        #expect(try store.notices(county: "jiaocheng").contains { $0.year.year == 2027 })
        #expect(!(try store.notices(county: "wenshui").contains { $0.year.year == 2027 }))
        #expect(try store.clockToken(county: "wenshui") == tokens.0)
        #expect(try store.clockToken(county: "jiaocheng") != tokens.1)
        // 文水县's own load moves its own.
        _ = try store.load(notice, by: try store.viewer("admin"), base: base, on: today)
        #expect(try store.matter(here.id, for: try store.viewer("wangjian"))?.due == CivilDate(year: 2027, month: 1, day: 24)!)

        // Rules: 交城县's heads agree 20 days for a transfer's feedback; 文水县 keeps the book's.
        let admin = try store.viewer("jc.admin")
        try store.add(User(name: "jc.jz", displayName: "交检长", org: "jc.jcy", role: .head), by: admin, on: today)
        try store.add(User(name: "jc.sz", displayName: "交司长", org: "jc.sfj", role: .head), by: admin, on: today)
        let book = base.settings.rules
        try store.propose(.clock(.transferFeedback), .days(20), source: "交城县会议纪要", by: try store.viewer("jc.sz"), book: book, on: today)
        // 文水县's head finds nothing proposed in 文水县.
        #expect(throws: Store.ClockFailure.nothingProposed("transfer-feedback")) {
            try store.agree(.clock(.transferFeedback), by: try store.viewer("zhanghui"), on: today)
        }
        let level = try store.agree(.clock(.transferFeedback), by: try store.viewer("jc.jz"), on: today)
        #expect(level.version == 2)
        #expect(try store.clock(base: base, county: "jiaocheng").settings.currentVersion(.transferFeedback) == 2)
        #expect(try store.clock(base: base, county: "wenshui").settings.currentVersion(.transferFeedback) == nil)
        #expect(try store.countyRules(county: "wenshui").isEmpty)
        #expect(try store.countyRules(county: "jiaocheng").map(\.state) == [.agreed])
        #expect(try store.verifyAudit().isIntact)
    }

    /// 文水县, under no city, goes under 吕梁市 by its own administrator's decision: the city's bodies may then be named by
    /// it and count its issued matters; no other administrator may move it, nor move it twice.
    @Test(arguments: Fixtures.engines)
    func aCountyGoesUnderACityByItsOwnAdministrator(_ engine: Fixtures.Engine) throws {
        let store = try counties(engine)
        let context = try Fixtures.context()
        let wang = try store.viewer("wangjian")
        #expect(throws: Refusal.outsideCounty("lv.hbj")) { try store.create(suggestion(to: "lv.hbj"), by: wang, context: context) }
        #expect(throws: Store.PeopleFailure.outsideCounties("wenshui")) {
            try store.setCity(of: "wenshui", to: "lvliang", by: try store.viewer("lv.admin"), on: today)
        }
        #expect(throws: Store.PeopleFailure.county(.unknownCity("jiaocheng"))) {
            try store.setCity(of: "wenshui", to: "jiaocheng", by: try store.viewer("admin"), on: today)
        }
        try store.setCity(of: "文水县", to: "吕梁市", by: try store.viewer("admin"), on: today)
        #expect(try store.counties()["wenshui"]?.city == "lvliang")
        #expect(throws: Store.PeopleFailure.county(.alreadyUnder("wenshui", "lvliang"))) {
            try store.setCity(of: "wenshui", to: "lvliang", by: try store.viewer("admin"), on: today)
        }
        let referral = NewMatter(kind: .referral, title: "违法线索", domain: .ecology, to: "lv.hbj", date: today, subjectOrg: "hbj",
                                 domainConfirmed: true)
        #expect(try store.create(referral, by: try store.viewer("hbj.li"), context: context).toOrg == "lv.hbj")
        var m = try store.create(suggestion(to: "hbj"), by: wang, context: context)
        m = try store.act(m.id, .issue, input: ActionInput(date: today), by: try store.viewer("zhanghui"), context: context)
        let year = try #require(ReportPeriod.year(today.year))
        let counted = try store.report(for: try store.viewer("lv.sun"), period: year, today: today).whole.total
        let wenshui = try store.readableMatters(for: try store.viewer("admin"))
        #expect(counted >= 1 && counted == wenshui.filter { year.contains($0) && Report.cityCounts.holds(for: $0, viewer: nil) }.count)
        #expect(try store.verifyAudit().isIntact)
    }

    /// A database made before counties (v20) is 文水县 alone once opened: every organisation in it, the county kept.
    @Test func anEarlierDatabaseIsOneCounty() throws {
        let dir = try Fixtures.temporaryDirectory(#function)
        let path = dir.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v20-calendars-and-rules")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO organisation (id, name, party, domains, code) VALUES ('jcy', '文水县人民检察院', 'procuratorate', '', '文检'),
                    ('xt', '监督协作台系统管理', 'admin', '', '');
                """)
        }
        try queue.close()
        let store = try Store(path: path)
        #expect(try store.counties().ordered == [County.standard])
        #expect(try store.organisations().allSatisfy { $0.county == "wenshui" })
        // An organisation of no county the database keeps is refused by the schema itself.
        #expect(throws: (any Error).self) {
            try store.write { db in
                try db.execute(sql: "INSERT INTO organisation (id, name, party, domains, code, county) VALUES ('x', 'x', 'department', '', '', 'nowhere')")
            }
        }
    }
}
