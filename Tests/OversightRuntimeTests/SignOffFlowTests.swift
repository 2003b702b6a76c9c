import Foundation
import OversightDomain
import OversightStore
import OversightTestSupport
import OversightWorkbench
import Testing

/// Sign-off from the workbench: a handler's step that their organisation's sign-off covers is kept for the head's
/// decision, and the hint line says so (not that it was done); the matter stays as it was for everyone.
@Suite struct SignOffFlowTests {
    @Test func aHandlersIssueIsSaidToBeSubmittedAndChangesNothing() throws {
        let f = try KindFlow("关于报批流程的检察建议", users: ["wangjian", "hbj.li"])
        let jcy = f["wangjian"]
        // The demo runs without sign-off; the procuratorate turns its default on (issue needs the head).
        let created = try SignOffDecisionFlowTests.submitted(f, by: jcy)
        #expect(!jcy.screen.contains("已制发："), "\(jcy.screen)")
        #expect(try f.matter(as: jcy)?.state == .draft)
        #expect(try f.store.awaiting(for: try f.store.viewer("zhanghui")).map(\.matter.id) == [created.id])
    }
}

/// Issue 20 in the workbench: the head's 待审批 block above the inbox (counted in its title), `:approve` and
/// `:return 理由` through the store's one write path, and the handler's returned submission with the reason.
@Suite struct SignOffDecisionFlowTests {
    /// The procuratorate's sign-off on; `handler` makes a suggestion and issues it: kept for the head.
    static func submitted(_ f: KindFlow, by handler: FlowSession) throws -> Matter {
        try f.store.setSignOff(of: "jcy", to: .partyDefault, by: try f.store.viewer("admin"), on: Fixtures.today)
        handler.command("new suggestion --to hbj --title \(f.title) --domain ecology")
        let created = try f.created(by: handler)
        handler.command("issue")
        handler.confirm()
        #expect(handler.screen.contains("已报送负责人审批"), "\(handler.screen)")
        return created
    }

    @Test func aHeadSeesItAwaitingApprovesItAndTheStepIsTheHandlers() throws {
        let f = try KindFlow("关于审批通过的检察建议", users: ["wangjian", "zhanghui", "liuyang", "hbj.li"])
        let handler = f["wangjian"], head = f["zhanghui"], colleague = f["liuyang"], department = f["hbj.li"]
        #expect(!head.screen.contains("待审批"), "\(head.screen)")
        let created = try Self.submitted(f, by: handler)

        // Another session's submission shows through the poll: the block, counted in the inbox's title.
        head.poll()
        #expect(head.state.awaiting.map(\.matter.id) == [created.id])
        #expect(head.screen.contains("收件箱 (") && head.screen.contains(") 待审批 1"), "\(head.screen)")
        #expect(head.screen.contains("制发·王建国 #\(created.id) \(f.title)"), "\(head.screen)")
        // The hint line offers the decision only once the selection is on a matter waiting on it.
        head.press(.character("g"))
        #expect(head.state.awaitingSelection == 0 && head.state.selectedMatter?.id == created.id)
        #expect(head.state.detail?.matter.id == created.id)
        #expect(head.screen.contains("待审批：制发，王建国 于 \(Fixtures.today) 报送"), "\(head.screen)")
        #expect(head.hint.contains("A 批准") && head.hint.contains("B 退回"), "\(head.hint)")

        // A handler of the organisation may not decide; the department never sees it waiting.
        colleague.poll()
        try colleague.select(f.title)
        colleague.command("approve")
        #expect(colleague.hint.contains("不是负责人"), "\(colleague.hint)")
        #expect(try f.matter(as: handler)?.state == .draft)

        // Approved with its key (an issue cannot be undone: asked once more): the step is taken as submitted, by its
        // handler; the block empties.
        head.press(.character("A"))
        head.confirm()
        #expect(head.state.status == nil, "\(String(describing: head.state.status))")
        #expect(head.hint.contains("已批准制发"), "\(head.hint)")
        let m = try #require(try f.matter(as: head))
        #expect(m.state != .draft && !m.number.isEmpty)
        let events = try f.store.events(of: created.id, for: head.viewer)
        #expect(events.last?.actor == "wangjian")
        #expect(try f.store.approvals(of: created.id, for: head.viewer).values.map(\.name) == ["zhanghui"])
        #expect(head.state.awaiting.isEmpty && !head.screen.contains("待审批"), "\(head.screen)")
        #expect(head.state.detail?.matter.state == m.state)
        // The step the head let out is not news from another session to the head.
        head.poll()
        #expect(!head.hint.contains("其他会话"), "\(head.hint)")
        handler.poll()
        #expect(handler.state.awaiting.isEmpty && !handler.screen.contains("我的报批"), "\(handler.screen)")

        // Another organisation has nothing of it to decide; its history names the head who signed the step.
        department.poll()
        try department.select(f.title)
        #expect(department.state.detail?.approvals.values.sorted() == ["张慧"])
        department.command("批准")
        #expect(department.hint.contains("没有等待本单位审批的报批"), "\(department.hint)")
    }

    @Test func aReturnGoesBackToTheHandlerWithItsReasonAndASecondSubmissionReplacesIt() throws {
        let f = try KindFlow("关于退回重报的检察建议", users: ["wangjian", "zhanghui"])
        let handler = f["wangjian"], head = f["zhanghui"]
        let created = try Self.submitted(f, by: handler)
        head.poll()
        head.press(.character("g"))
        // Hostile characters typed into the reason never reach it: the line's field leaves controls out.
        head.command("退回 证据不足\u{1B}[2J\u{202E}，请补充现场照片\u{0}")
        #expect(head.state.status == nil, "\(String(describing: head.state.status))")
        #expect(head.hint.contains("已将制发退回承办人"), "\(head.hint)")
        #expect(head.state.awaiting.isEmpty)
        let returned = try #require(try f.store.awaiting(for: handler.viewer).first?.submission)
        #expect(returned.state == .returned && returned.reason == "证据不足[2J，请补充现场照片")
        #expect(try f.matter(as: handler)?.state == .draft)
        // The store refuses a reason holding controls, whoever sends it.
        handler.command("issue")
        handler.confirm()
        #expect(throws: Refusal.self) {
            _ = try f.store.returnSubmission(created.id, reason: "a\u{1B}[31mb", by: head.viewer, on: Fixtures.today)
        }
        #expect(throws: Refusal.self) {
            _ = try f.store.returnSubmission(created.id, reason: "a\u{202E}b", by: head.viewer, on: Fixtures.today)
        }
        // (That second submission replaced the returned one: one row, pending again.)
        let again = try f.store.openSubmissions(of: created.id, for: handler.viewer)
        #expect(again.map(\.id) == [returned.id] && again.first?.state == .pending)
        head.poll()
        #expect(head.screen.contains("待审批 1"), "\(head.screen)")
        head.press(.character("g"))
        head.command("return 请补充整改期限")

        // The handler's own block: 退回 with the head's reason, its detail says who returned it and why.
        handler.poll()
        #expect(handler.screen.contains("我的报批 1"), "\(handler.screen)")
        #expect(handler.screen.contains("退回·制发 #\(created.id)"), "\(handler.screen)")
        handler.press(.character("g"))
        #expect(handler.state.selectedMatter?.id == created.id)
        #expect(handler.screen.contains("已退回：制发，张慧") && handler.screen.contains("请补充整改期限"), "\(handler.screen)")
        #expect(!handler.screen.contains("\u{1B}") && !handler.screen.contains("\u{202E}"))
        // Taken again from the block, it waits on the head once more.
        handler.command("issue")
        handler.confirm()
        #expect(handler.screen.contains("已报送负责人审批"), "\(handler.screen)")
        #expect(try f.store.awaiting(for: head.viewer).map(\.submission.id) == [returned.id])
    }
}
