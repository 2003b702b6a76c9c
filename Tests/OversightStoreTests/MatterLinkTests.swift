import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// Follow-on matters (issue 20): `NewMatter.follows` links the new matter to the one it follows in the creation's own
/// transaction, only to a matter its creator may see and where `FollowOn` allows it; `links(of:for:)` shows each
/// viewer only the linked matters it may see. On real SQLite files (the demo's).
@Suite struct MatterLinkTests {
    let day = Fixtures.today

    /// An inspection the procuratorate issued to 环保局 (hbj).
    func issuedInspection(_ store: Store, _ title: String = "调阅排污许可案卷") throws -> Matter {
        let wang = try store.viewer("wangjian"), context = try Fixtures.context()
        let m = try store.create(NewMatter(kind: .inspection, title: title, domain: .ecology, to: "hbj", date: day), by: wang, context: context)
        return try store.act(m.id, .issue, input: ActionInput(date: day), by: wang, context: context)
    }

    func linkRows(_ store: Store) throws -> [Row] {
        try store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM matter_link ORDER BY matter_id") }
    }

    func counts(_ store: Store) throws -> [Int] {
        try store.read { db in
            try ["matter", "event", "matter_link", "inbox_entry"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
        }
    }

    @Test(arguments: Fixtures.engines)
    func aFollowOnIsLinkedByItsCreationAndShownBothWays(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "aFollowOnIsLinkedByItsCreationAndShownBothWays-\(engine)")
        let wang = try store.viewer("wangjian"), context = try Fixtures.context()
        let inspection = try issuedInspection(store)
        let referral = try store.create(
            NewMatter(kind: .referral, title: "调阅发现的违纪线索", to: "jw", date: day, follows: inspection.id), by: wang, context: context)
        let rows = try linkRows(store)
        #expect(rows.count == 1)
        #expect(rows.first?["matter_id"] as MatterID? == referral.id && rows.first?["follows_id"] as MatterID? == inspection.id)
        // The link names the event that made it: the new matter's creation.
        let created = try store.events(of: referral.id, for: wang)
        #expect(created.count == 1 && created[0].action == .create)
        #expect(rows.first?["event_id"] as Int64? == created[0].id)

        let fromReferral = try store.links(of: referral.id, for: wang)
        #expect(fromReferral.follows.map(\.id) == [inspection.id] && fromReferral.followedBy.isEmpty)
        let fromInspection = try store.links(of: inspection.id, for: wang)
        #expect(fromInspection.followedBy.map(\.id) == [referral.id] && fromInspection.follows.isEmpty)
        #expect(try store.verifyAudit().isIntact)
        // Append-only, like the log.
        #expect(throws: (any Error).self) {
            try store.write { db in try db.execute(sql: "DELETE FROM matter_link") }
        }
    }

    /// One transaction: a refused follow-on writes no matter; a creation that fails after its link was written (a
    /// trigger stands for the failure) leaves neither the matter, its event nor the link.
    @Test(arguments: Fixtures.engines)
    func aRefusedCreationLeavesNoLinkAndARefusedLinkNoMatter(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "aRefusedCreationLeavesNoLinkAndARefusedLinkNoMatter-\(engine)")
        let wang = try store.viewer("wangjian"), context = try Fixtures.context()
        let inspection = try issuedInspection(store)
        let before = try counts(store)

        // A dispute does not follow an inspection: refused, nothing written.
        #expect(throws: Refusal.workflow(.invalidInput(.followOnNotAllowed(.dispute, follows: .inspection, allowed: [.suggestion, .transfer, .referral])))) {
            try store.create(NewMatter(kind: .dispute, title: "争议", to: "sfj", date: day, follows: inspection.id), by: wang, context: context)
        }
        // A number already taken: the creation is refused, no link.
        #expect(throws: Refusal.numberTaken(inspection.number)) {
            try store.create(NewMatter(kind: .suggestion, title: "建议", to: "hbj", date: day, number: inspection.number, follows: inspection.id),
                             by: wang, context: context)
        }
        #expect(try counts(store) == before)

        try store.write { db in
            try db.execute(sql: engine == .sqlite
                ? "CREATE TRIGGER test_link_fails BEFORE INSERT ON matter_link BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
                : "CREATE TRIGGER test_link_fails BEFORE INSERT ON matter_link FOR EACH ROW EXECUTE FUNCTION append_only('disk trouble')")
        }
        #expect(throws: (any Error).self) {
            try store.create(NewMatter(kind: .referral, title: "线索", to: "jw", date: day, follows: inspection.id), by: wang, context: context)
        }
        #expect(try counts(store) == before, "the matter, its event and inbox rows went with the link")
        try store.write { db in try db.execute(sql: "DROP TRIGGER test_link_fails" + (engine == .sqlite ? "" : " ON matter_link")) }
        try store.create(NewMatter(kind: .referral, title: "线索", to: "jw", date: day, follows: inspection.id), by: wang, context: context)
        #expect(try linkRows(store).count == 1)
    }

    /// A matter its creator may not see is refused exactly as one that does not exist: the same refusal, nothing
    /// written, nothing said of it.
    @Test(arguments: Fixtures.engines)
    func followingAMatterOneMayNotSeeIsRefusedAsIfItDidNotExist(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "followingAMatterOneMayNotSeeIsRefusedAsIfItDidNotExist-\(engine)")
        let context = try Fixtures.context()
        let wang = try store.viewer("wangjian"), ren = try store.viewer("scjgj.ren"), li = try store.viewer("hbj.li")
        let inspection = try issuedInspection(store)
        // Another department's handler may see nothing of 环保局's inspection.
        #expect(try store.matter(inspection.id, for: ren) == nil)
        let before = try counts(store)
        #expect(throws: Refusal.notFound(inspection.id)) {
            try store.create(NewMatter(kind: .referral, title: "线索", to: "jw", date: day, follows: inspection.id), by: ren, context: context)
        }
        let missing: MatterID = 9_000_000
        #expect(throws: Refusal.notFound(missing)) {
            try store.create(NewMatter(kind: .referral, title: "线索", to: "jw", date: day, follows: missing), by: ren, context: context)
        }
        // A referral is its sender's: the department it concerns may not follow it either.
        let referral = try store.create(NewMatter(kind: .referral, title: "线索", to: "jw", date: day, follows: inspection.id), by: wang, context: context)
        #expect(throws: Refusal.notFound(referral.id)) {
            try store.create(NewMatter(kind: .referral, title: "再移送", to: "jw", date: day, follows: referral.id), by: li, context: context)
        }
        // A draft is its sender's too.
        let draft = try store.create(NewMatter(kind: .inspection, title: "草稿调阅", to: "hbj", date: day), by: wang, context: context)
        #expect(throws: Refusal.notFound(draft.id)) {
            try store.create(NewMatter(kind: .referral, title: "线索", to: "jw", date: day, follows: draft.id), by: li, context: context)
        }
        #expect(try counts(store)[2] == before[2] + 1, "only wangjian's referral was linked")
    }

    /// Each party sees a link only where it may see the matter at the other end: a referral following an inspection
    /// is not shown to the department inspected; a suggestion following it is, once issued; a supervision application
    /// citing an enforcement copy shows to the department that made both, not to the justice bureau (the copy's
    /// addressee) nor to the procuratorate (the application's).
    @Test(arguments: Fixtures.engines)
    func linksShowOnlyWhatEachPartyMaySee(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "linksShowOnlyWhatEachPartyMaySee-\(engine)")
        let context = try Fixtures.context()
        let wang = try store.viewer("wangjian"), li = try store.viewer("hbj.li"), zhao = try store.viewer("zhaomin")
        let ren = try store.viewer("scjgj.ren")
        let inspection = try issuedInspection(store)
        let referral = try store.create(NewMatter(kind: .referral, title: "线索", to: "jw", date: day, follows: inspection.id), by: wang, context: context)
        let suggestion = try store.create(
            NewMatter(kind: .suggestion, title: "建议", domain: .ecology, to: "hbj", date: day, follows: inspection.id), by: wang, context: context)
        #expect(try store.links(of: inspection.id, for: wang).followedBy.map(\.id) == [referral.id, suggestion.id])
        #expect(try store.links(of: inspection.id, for: li).followedBy.isEmpty, "a referral and a draft are the procuratorate's")
        try store.act(suggestion.id, .issue, input: ActionInput(date: day), by: wang, context: context)
        #expect(try store.links(of: inspection.id, for: li).followedBy.map(\.id) == [suggestion.id])
        #expect(try store.links(of: suggestion.id, for: li).follows.map(\.id) == [inspection.id])
        // Whoever may not see the matter itself learns nothing of its links.
        #expect(try store.links(of: inspection.id, for: ren) == MatterLinks())
        #expect(try store.links(of: referral.id, for: li) == MatterLinks())

        let copy = try store.act(try store.create(NewMatter(kind: .enforcementCopy, title: "强制执行申请抄送", to: "sfj", date: day), by: li, context: context).id,
                                 .issue, input: ActionInput(date: day), by: li, context: context)
        let application = try store.act(try store.create(
            NewMatter(kind: .supervisionApplication, title: "对不准予执行裁定的监督申请", to: "jcy", date: day, follows: copy.id), by: li, context: context).id,
            .issue, input: ActionInput(date: day), by: li, context: context)
        #expect(try store.links(of: copy.id, for: li).followedBy.map(\.id) == [application.id])
        #expect(try store.links(of: application.id, for: li).follows.map(\.id) == [copy.id])
        #expect(try store.matter(copy.id, for: zhao) != nil && store.links(of: copy.id, for: zhao).followedBy.isEmpty)
        #expect(try store.matter(application.id, for: wang) != nil && store.links(of: application.id, for: wang).follows.isEmpty)
    }

    /// Where a link is allowed (`FollowOn`): a suggestion is followed only by the referral its escalation announces,
    /// and only once escalated so; a transfer by nothing; a matter only once issued.
    @Test(arguments: Fixtures.engines)
    func aLinkIsAllowedOnlyWhereItMakesSense(_ engine: Fixtures.Engine) throws {
        let store = try Fixtures.demoStore(on: engine, name: "aLinkIsAllowedOnlyWhereItMakesSense-\(engine)")
        let context = try Fixtures.context()
        let wang = try store.viewer("wangjian"), li = try store.viewer("hbj.li")
        let served = day.adding(days: -120)
        func overdueSuggestion(_ title: String) throws -> Matter {
            let m = try store.create(NewMatter(kind: .suggestion, title: title, domain: .ecology, to: "hbj", date: served), by: wang, context: context)
            try store.act(m.id, .issue, input: ActionInput(date: served), by: wang, context: context)
            return try store.act(m.id, .serve, input: ActionInput(date: served), by: wang, context: context)
        }
        let s = try overdueSuggestion("逾期未回复的检察建议")
        func referral(_ follows: MatterID, by v: Viewer? = nil) throws -> Matter {
            try store.create(NewMatter(kind: .referral, title: "线索", to: "jw", date: day, follows: follows), by: v ?? wang, context: context)
        }
        #expect(throws: Refusal.workflow(.invalidInput(.followOnTooEarly(follows: .suggestion)))) { try referral(s.id) }
        try store.act(s.id, .escalate, input: ActionInput(date: day, text: "逾期未回复", escalation: .reportUpper), by: wang, context: context)
        #expect(throws: Refusal.workflow(.invalidInput(.followOnTooEarly(follows: .suggestion))), "a report upward opens nothing here") {
            try referral(s.id)
        }
        let escalated = try store.act(s.id, .escalate, input: ActionInput(date: day, text: "移送线索", escalation: .referClue), by: wang, context: context)
        #expect(escalated.escalations?.last?.announces == .referral)
        #expect(try referral(s.id).id > s.id)
        #expect(throws: Refusal.workflow(.invalidInput(.followOnNotAllowed(.transfer, follows: .suggestion, allowed: [.referral])))) {
            try store.create(NewMatter(kind: .transfer, title: "移送", to: "sfj", date: day, follows: s.id), by: wang, context: context)
        }
        let transfer = try store.act(try store.create(NewMatter(kind: .transfer, title: "移送", to: "sfj", date: day), by: wang, context: context).id,
                                     .issue, input: ActionInput(date: day), by: wang, context: context)
        #expect(throws: Refusal.workflow(.invalidInput(.followOnNotAllowed(.referral, follows: .transfer, allowed: [])))) { try referral(transfer.id) }
        let draft = try store.create(NewMatter(kind: .inspection, title: "草稿调阅", to: "hbj", date: day), by: wang, context: context)
        #expect(throws: Refusal.workflow(.invalidInput(.followOnTooEarly(follows: .inspection)))) { try referral(draft.id) }
        // What may follow, and who: the department inspected may refer a clue, not issue a suggestion.
        let inspection = try issuedInspection(store)
        #expect(FollowOn.kinds(following: inspection, by: wang) == [.suggestion, .transfer, .referral])
        #expect(FollowOn.kinds(following: inspection, by: li) == [.referral])
        let zhao = try store.viewer("zhaomin")
        let copy = try store.act(try store.create(NewMatter(kind: .enforcementCopy, title: "抄送", to: "sfj", date: day), by: li, context: context).id,
                                 .issue, input: ActionInput(date: day), by: li, context: context)
        #expect(FollowOn.whyNot(following: copy, by: zhao) == .invalidInput(.followOnNotYours(.justice, follows: .enforcementCopy, allowed: [.supervisionApplication])))
        #expect(FollowOn.whyNot(following: copy, by: li) == nil)
    }
}
