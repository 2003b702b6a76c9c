import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// Need to know (issue 20, Art. 10): a clue referral is open, in its sending organisation, to its heads, its author
/// and the colleagues the author names (`--share`), and to no one else — in every read path, on a real SQLite file.
@Suite struct NeedToKnowTests {
    /// The demo county with a third procuratorate handler (周强) and a referral by 王建国 shared with 刘洋; 张慧 heads.
    static func county() throws -> (Store, MatterID, CivilDate) {
        let store = try Fixtures.demoStore()
        let today = Fixtures.today
        let admin = try store.viewer("admin")
        try store.add(User(name: "zhouqiang", displayName: "周强", org: "jcy", role: .handler), by: admin, on: today)
        let context = try Fixtures.context()
        var new = NewMatter(kind: .referral, title: "关于知悉范围测试的线索移送", domain: .ecology, to: "jw", date: today,
                            subjectOrg: "hbj", summary: "仅限知悉人。")
        new.share = ["刘洋"]
        let wang = try store.viewer("wangjian")
        let made = try store.create(new, by: wang, context: context)
        _ = try store.act(made.id, .issue, input: ActionInput(date: today), by: wang, context: context)
        _ = try store.act(made.id, .serve, input: ActionInput(date: today), by: wang, context: context)
        return (store, made.id, today)
    }

    /// Whether `user` finds the referral by each read path; every path must agree.
    static func reads(_ store: Store, _ id: MatterID, as user: String, today: CivilDate) throws -> [String: Bool] {
        let v = try store.viewer(user)
        let everything = InboxQuery(scope: .all, filter: .everything)
        let titled = InboxQuery(scope: .all, filter: InboxFilter("知悉范围测试", today: today, window: 7))
        let summary = try store.inboxSummary(for: v, InboxQuery(scope: .open, filter: .everything), today: today, window: 7)
        let open = try store.inboxPage(for: v, InboxQuery(scope: .open, filter: .everything), from: .top, limit: 500, counting: true)
        return [
            "matter": try store.matter(id, for: v) != nil,
            "events": !(try store.events(of: id, for: v)).isEmpty,
            "list": try store.matters(for: v, includeClosed: true).contains { $0.id == id },
            "filter": try store.inbox(for: v, titled).contains { $0.id == id },
            "page": open.matters.contains { $0.id == id },
            "export": try store.exchange(for: v, everything).contains { $0.matter.id == id },
            "report": try store.readableMatters(for: v).contains { $0.id == id },
            "notices": try store.changes(after: 0, for: v, limit: 100_000).events.contains { $0.matterID == id },
            // The counts follow the rows: the page's count and the title's totals are its rows'.
            "counted": try open.count == open.matters.count && summary.total == store.matters(for: v, includeClosed: true).count,
        ]
    }

    @Test func theReferralIsOpenToItsAuthorTheNamedColleagueAndTheHeadsOnly() throws {
        let (store, id, today) = try Self.county()
        for user in ["wangjian", "liuyang", "zhanghui"] {
            let r = try Self.reads(store, id, as: user, today: today)
            #expect(r.filter { $0.key != "counted" }.values.allSatisfy { $0 }, "\(user) misses it: \(r)")
            #expect(r["counted"] == true, "\(user)'s counts are not its rows'")
        }
        for user in ["zhouqiang", "hbj.li", "hbj.guo", "zhaomin", "chenjie"] {
            let r = try Self.reads(store, id, as: user, today: today)
            #expect(r.filter { $0.key != "counted" }.values.allSatisfy { !$0 }, "\(user) reads it: \(r)")
            #expect(r["counted"] == true, "\(user)'s counts include it")
        }
        // The person not told finds no step to take and no link to it either.
        let zhou = try store.viewer("zhouqiang")
        #expect(throws: Refusal.notFound(id)) {
            try store.act(id, .note, input: ActionInput(date: today, text: "看看"), by: zhou, context: try Fixtures.context())
        }
        #expect(try store.links(of: id, for: zhou) == MatterLinks())
        // The alerts of the author and of the third person differ by it when it is due.
        let shown = try store.matter(id, for: try store.viewer("wangjian"))
        #expect(shown?.knownTo == ["wangjian", "liuyang"])
    }

    @Test func theCountsOfAThirdPersonLeaveItOutAndTheHeadsCountIt() throws {
        let (store, _, today) = try Self.county()
        func totals(_ user: String) throws -> (todo: Int, total: Int, alerts: Int) {
            let s = try store.inboxSummary(for: try store.viewer(user), InboxQuery(scope: .open, filter: .everything), today: today, window: 7)
            let a = try store.alerts(for: try store.viewer(user), today: today, window: 7)
            return (s.todo, s.total, a.matters.count)
        }
        let zhou = try totals("zhouqiang"), wang = try totals("wangjian"), zhang = try totals("zhanghui")
        // The demo's own referrals are 王建国's; this one too: the third person sees three fewer, the head none fewer.
        #expect(wang.total == zhang.total)
        #expect(zhou.total == wang.total - 3, "zhou \(zhou) wang \(wang)")
        #expect(zhou.todo <= wang.todo)
    }

    @Test func onlyAReferralIsSharedAndOnlyWithAnActiveColleague() throws {
        let (store, _, today) = try Self.county()
        let wang = try store.viewer("wangjian"), context = try Fixtures.context()
        func attempt(_ kind: MatterKind, to: OrgID, share: [String]) -> Refusal? {
            var new = NewMatter(kind: kind, title: "共享测试", domain: .ecology, to: to, date: today)
            new.share = share
            do { _ = try store.create(new, by: wang, context: context); return nil } catch let r as Refusal { return r } catch { return nil }
        }
        #expect(attempt(.suggestion, to: "hbj", share: ["liuyang"]) == .workflow(.invalidInput(.shareNotAllowed(.suggestion))))
        for other in ["chenjie", "陈杰", "nobody", "admin", "hbj.li"] {
            #expect(attempt(.referral, to: "jw", share: [other]) == .workflow(.invalidInput(.shareNotColleague(other))), "\(other)")
        }
        try store.disable(user: "zhouqiang", by: try store.viewer("admin"), on: today)
        #expect(attempt(.referral, to: "jw", share: ["zhouqiang"]) == .workflow(.invalidInput(.shareNotColleague("zhouqiang"))))
        // The author named again, and a colleague twice, are named once.
        var new = NewMatter(kind: .referral, title: "重复共享", domain: .ecology, to: "jw", date: today)
        new.share = ["wangjian", "liuyang", "刘洋"]
        #expect(try store.create(new, by: wang, context: context).knownTo == ["wangjian", "liuyang"])
    }

    /// A database made before v18 keeps its referrals open to their authors (from the log) and its heads, and no
    /// longer to the rest of the organisation.
    @Test func version18OpensTheReferralsMadeBeforeItToTheirAuthorsAndHeads() throws {
        let store = try Fixtures.demoStore()
        let referrals = try store.write { db -> [MatterID] in
            // As before v18: no people named, every index row the organisation's.
            try db.execute(sql: "DELETE FROM matter_reader")
            try db.execute(sql: "DELETE FROM inbox_entry WHERE org_id LIKE '%' || char(31) || '%'")
            let ids = try MatterID.fetchAll(db, sql: "SELECT id FROM matter WHERE kind = 'referral' ORDER BY id")
            for m in try Store.decode(MatterRecord.fetchAll(db, sql: "SELECT * FROM matter WHERE kind = 'referral'"), db) {
                try db.execute(sql: "INSERT INTO inbox_entry (org_id, sort_key, matter_id) VALUES (?, ?, ?)",
                               arguments: [m.fromOrg, "1 9999-99-99 00000000 \(m.id)", m.id])
            }
            #expect(!ids.isEmpty)
            try Store.migrateToNeedToKnowData(db.sqlite!)
            return ids
        }
        let liu = try store.viewer("liuyang"), wang = try store.viewer("wangjian"), zhang = try store.viewer("zhanghui")
        for id in referrals {
            let m = try #require(try store.matter(id, for: zhang) ?? store.matter(id, for: try store.viewer("zhaomin")) ?? store.matter(id, for: try store.viewer("hbj.li")))
            #expect(m.knownTo?.count == 1)
            if m.fromOrg == "jcy" {
                #expect(try store.matter(id, for: wang) != nil && store.matter(id, for: liu) == nil)
                #expect(try store.matters(for: liu, includeClosed: true).allSatisfy { $0.id != id })
            }
        }
        let check = try store.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
        #expect(check == ["ok"])
    }
}
