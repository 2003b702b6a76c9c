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
        try f.store.setSignOff(of: "jcy", to: .partyDefault, by: try f.store.viewer("admin"), on: Fixtures.today)
        jcy.command("new suggestion --to hbj --title \(f.title) --domain ecology")
        let created = try f.created(by: jcy)
        jcy.command("issue")
        jcy.confirm()
        #expect(jcy.screen.contains("已报送负责人审批"), "\(jcy.screen)")
        #expect(!jcy.screen.contains("已制发："), "\(jcy.screen)")
        #expect(try f.matter(as: jcy)?.state == .draft)
        #expect(try f.store.awaiting(for: try f.store.viewer("zhanghui")).map(\.matter.id) == [created.id])
    }
}
