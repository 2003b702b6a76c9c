import OversightDomain
import Testing

/// The rules of tenancy, pure (issue 23): who may name whom, what an administrator keeps, what lists offer.
@Suite struct CountiesTests {
    let counties = Counties([
        OversightDomain.County(id: "lvliang", name: "吕梁市", level: .city), OversightDomain.County(id: "jiaocheng", name: "交城县", city: "lvliang"),
        OversightDomain.County(id: "fenyang", name: "汾阳市", city: "lvliang"), OversightDomain.County.standard,
    ])

    func org(_ id: String, _ county: String, _ party: Party = .department) -> Organisation {
        Organisation(id: id, name: id, party: party, county: county)
    }

    @Test func aCountyNamesItselfAndTheCityAboveACityItsCounties() {
        #expect(counties.reach(of: "jiaocheng") == ["jiaocheng", "lvliang"])
        #expect(counties.reach(of: "wenshui") == ["wenshui"], "under no city")
        #expect(counties.reach(of: "lvliang") == ["lvliang", "jiaocheng", "fenyang"])
        #expect(counties.reach(of: "nowhere").isEmpty)
        #expect(counties.mayName(from: org("a", "jiaocheng"), org("b", "lvliang")))
        #expect(!counties.mayName(from: org("a", "jiaocheng"), org("b", "fenyang")), "a sister county")
        #expect(!counties.mayName(from: org("a", "wenshui"), org("b", "jiaocheng")))
    }

    @Test func anAdministratorKeepsItsCountyACitysTheCountiesUnderIt() {
        #expect(counties.within("jiaocheng") == ["jiaocheng"])
        #expect(counties.within("lvliang") == ["lvliang", "jiaocheng", "fenyang"])
        #expect(counties.ordered.map(\.id) == ["lvliang", "fenyang", "jiaocheng", "wenshui"])
        let all = [org("jc.xt", "jiaocheng", .admin), org("jc.hbj", "jiaocheng"), org("lv.xt", "lvliang", .admin), org("lv.jcy", "lvliang", .procuratorate),
                   org("fy.hbj", "fenyang"), org("hbj", "wenshui")]
        let person = Viewer(user: User(name: "p", displayName: "p", org: "jc.hbj", role: .handler), org: all[1])
        #expect(counties.seen(by: person, all).map(\.id) == ["jc.xt", "jc.hbj", "lv.jcy"], "the city's administration unit is its own")
        let cityAdmin = Viewer(user: User(name: "a", displayName: "a", org: "lv.xt", role: .admin), org: all[2])
        #expect(counties.seen(by: cityAdmin, all).map(\.id) == ["jc.xt", "jc.hbj", "lv.xt", "lv.jcy", "fy.hbj"])
    }

    @Test func aCountyToAddIsChecked() {
        #expect(counties.check(OversightDomain.County(id: "xiaoyi", name: "孝义市", city: "lvliang")) == nil)
        #expect(counties.check(OversightDomain.County(id: "JiaoCheng", name: "x")) == .exists("JiaoCheng"))
        #expect(counties.check(OversightDomain.County(id: "x", name: " 交城县 ")) == .nameTaken(" 交城县 "))
        #expect(counties.check(OversightDomain.County(id: "x y", name: "x")) == .invalidID("x y"))
        #expect(counties.check(OversightDomain.County(id: "x", name: "x", city: "wenshui")) == .unknownCity("wenshui"), "not a city")
        #expect(counties.check(OversightDomain.County(id: "x", name: "x", level: .city, city: "lvliang")) == .cityUnderCity("x"))
        #expect(counties.find("交城县")?.id == "jiaocheng" && counties.find("LVLIANG")?.id == "lvliang" && counties.find("") == nil)
    }
}
