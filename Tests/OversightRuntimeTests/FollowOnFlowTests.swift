import Foundation
import OversightDomain
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// 由此立案 in the workbench (issue 20), driven by keys through running workbenches on one real database file: `f`
/// (or `f` in the step menu) on a matter opens the new-matter form for a follow-on, with the kinds that may follow
/// it and its id; the new matter's detail names what it follows, the followed one's what follows it — each party's
/// detail only the matters that party may see; an escalation that refers a clue offers the `:new` line that opens
/// the referral.
@Suite struct FollowOnFlowTests {
    let day = Fixtures.today

    @Test func followOnFromTheSelectedMatterIsLinkedAndShownOnlyToWhoMaySeeIt() throws {
        let store = try Fixtures.demoStore()
        let wang = try store.viewer("wangjian"), context = try Fixtures.context()
        let title = "由此立案测试的调阅案卷"
        let inspection = try store.act(
            try store.create(NewMatter(kind: .inspection, title: title, domain: .ecology, to: "hbj", date: day), by: wang, context: context).id,
            .issue, input: ActionInput(date: day), by: wang, context: context)
        let jcy = try FlowSession(path: store.path, user: "wangjian")
        let hbj = try FlowSession(path: store.path, user: "hbj.li")
        try jcy.select(title)
        #expect(jcy.state.offers(.followOn))

        jcy.press(.character("f"))
        guard case .form(let form) = jcy.state.mode else {
            Issue.record("f opened no form: \(jcy.state.mode)\n\(jcy.screen)")
            return
        }
        #expect(form.target == .new(.suggestion))
        #expect(form.fields.first?.option == "kind" && form.fields.first?.choices == ["suggestion", "transfer", "referral"])
        #expect(form.fields.last?.option == "follows" && form.fields.last?.value == "\(inspection.id)")
        #expect(jcy.screen.contains("依据事项") && jcy.screen.contains("线索移送"), "\(jcy.screen)")
        #expect(jcy.screen.contains("\(inspection.id)  #\(inspection.id) 调阅案卷 \(inspection.number) \(title)"), "the form names what it follows:\n\(jcy.screen)")
        // The kind: the third choice (a referral), then its addressee and title; Enter on a one-line field sends it.
        jcy.press(.right, .right, .tab)
        jcy.type("jw")
        jcy.press(.tab)
        jcy.type("调阅发现的违纪线索")
        jcy.press(.enter)
        #expect(jcy.state.status == nil, "\(String(describing: jcy.state.status))\n\(jcy.screen)")
        let referral = try #require(jcy.state.selectedMatter)
        #expect(referral.kind == .referral && referral.title == "调阅发现的违纪线索")
        #expect(try store.links(of: referral.id, for: wang).follows.map(\.id) == [inspection.id])
        #expect(jcy.state.detail?.links.follows.map(\.id) == [inspection.id])
        #expect(jcy.screen.contains("依据事项") && jcy.screen.contains("#\(inspection.id) 调阅案卷"), "\(jcy.screen)")

        // The inspection's detail says what followed it, to the procuratorate only.
        try jcy.select(title)
        #expect(jcy.screen.contains("后续事项") && jcy.screen.contains("#\(referral.id) 线索移送 调阅发现的违纪线索"), "\(jcy.screen)")
        hbj.poll()
        try hbj.select(title)
        #expect(hbj.state.detail?.links == MatterLinks())
        #expect(!hbj.screen.contains("后续事项") && !hbj.screen.contains("违纪线索") && !hbj.screen.contains("#\(referral.id)"), "\(hbj.screen)")

        // From the step menu: f there opens the same form, for the matter the menu was opened on.
        jcy.press(.enter)
        #expect(jcy.screen.contains("由此立案"), "the menu's footer offers it:\n\(jcy.screen)")
        jcy.press(.character("f"))
        guard case .form(let again) = jcy.state.mode else {
            Issue.record("f in the menu opened no form: \(jcy.state.mode)")
            return
        }
        #expect(again.fields.last?.value == "\(inspection.id)")
        jcy.press(.escape)

        // The department may follow the inspection only with what it may start (a referral); a transfer cannot be
        // followed at all, and says why instead of opening a form.
        hbj.press(.character("f"))
        if case .form(let own) = hbj.state.mode { #expect(own.target == .new(.referral) && own.fields.first?.option == "to") } else {
            Issue.record("hbj: no form: \(hbj.state.mode)")
        }
        hbj.press(.escape)
    }

    @Test func aTransferCannotBeFollowedAndHostileIdsAreSaidAtTheField() throws {
        let store = try Fixtures.demoStore()
        let wang = try store.viewer("wangjian"), context = try Fixtures.context()
        let title = "不能由此立案的移送"
        try store.act(try store.create(NewMatter(kind: .transfer, title: title, to: "sfj", date: day), by: wang, context: context).id,
                      .issue, input: ActionInput(date: day), by: wang, context: context)
        let jcy = try FlowSession(path: store.path, user: "wangjian")
        try jcy.select(title)
        #expect(!jcy.state.offers(.followOn))
        jcy.press(.character("f"))
        #expect(jcy.state.mode == .normal)
        #expect(jcy.hint.contains("移送审查之后不另立事项"), "\(jcy.hint)")
        let before = try store.matters(for: wang, includeClosed: true).count
        for bad in ["0", "-1", "abc", "99999999999999999999"] {
            jcy.command("new referral --to jw --title 线索 --follows \(bad)")
            guard case .form(let form) = jcy.state.mode else {
                Issue.record("--follows \(bad): no form: \(jcy.state.mode)")
                continue
            }
            #expect(form.error.map { form.fields[$0.field].option } == "follows")
            #expect(jcy.screen.contains("--follows 应为事项编号"), "\(jcy.screen)")
            jcy.press(.escape)
        }
        #expect(try store.matters(for: wang, includeClosed: true).count == before)
    }

    @Test func anEscalationReferringAClueOffersTheReferral() throws {
        let store = try Fixtures.demoStore()
        let wang = try store.viewer("wangjian"), context = try Fixtures.context()
        let title = "逾期未回复待升级的检察建议"
        let served = day.adding(days: -120)
        let s = try store.create(NewMatter(kind: .suggestion, title: title, domain: .ecology, to: "hbj", date: served), by: wang, context: context)
        try store.act(s.id, .issue, input: ActionInput(date: served), by: wang, context: context)
        let number = try store.act(s.id, .serve, input: ActionInput(date: served), by: wang, context: context).number
        let jcy = try FlowSession(path: store.path, user: "wangjian")
        try jcy.select(title)
        #expect(!jcy.state.offers(.followOn), "not before it is escalated")
        jcy.command("escalate refer-clue --text 逾期未回复，移送违纪线索")
        #expect(jcy.state.status == nil, "\(String(describing: jcy.state.status))")
        #expect(jcy.hint.contains("已升级：\(number)。由此立案：:new 线索移送 --follows \(s.id)（或按 f）"), "\(jcy.hint)")
        jcy.press(.character("f"))
        guard case .form(let form) = jcy.state.mode else {
            Issue.record("no form: \(jcy.state.mode)")
            return
        }
        #expect(form.target == .new(.referral) && form.fields.first?.option == "to")
        jcy.type("jw")
        jcy.press(.tab)
        jcy.type("建议逾期的违纪线索")
        jcy.press(.enter)
        let referral = try #require(jcy.state.selectedMatter)
        #expect(referral.title == "建议逾期的违纪线索")
        #expect(try store.links(of: s.id, for: wang).followedBy.map(\.id) == [referral.id])
    }
}
